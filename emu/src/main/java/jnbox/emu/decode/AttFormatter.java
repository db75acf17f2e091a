package jnbox.emu.decode;

/**
 * Formats an {@link Insn} in AT&T syntax, close to GNU objdump's default output (e.g.
 * {@code addl $0x1,0x10(%rax,%rcx,4)}): operands reversed, {@code %} registers, {@code $}
 * immediates, {@code disp(base,index,scale)} memory, and a b/w/l/q suffix when no register
 * operand shows the size. Register naming is shared with {@link IntelFormatter}.
 */
final class AttFormatter {
    private AttFormatter() {
    }

    static String format(Insn in) {
        StringBuilder sb = new StringBuilder(32);
        OpForm f = in.op();
        if (in.lock()) sb.append("lock ");
        if (f.repAllowed() && in.rep()) sb.append(f.repccAllowed() ? "repz " : "rep ");
        if (f.repccAllowed() && in.repne()) sb.append("repnz ");
        sb.append(mnemonic(in));
        int n = f.operandCount();
        boolean first = true;
        boolean intelOrder = in.mnemonic() == Mnemonic.ENTER; // gas keeps enter's imm16,imm8 order
        for (int k = 0; k < n; k++) {
            int i = intelOrder ? k : n - 1 - k;
            if (f.operand(i).kind() == Operand.Kind.ONE) continue; // "shl %eax" means shift by one
            sb.append(first ? " " : ",");
            first = false;
            operand(sb, in, i);
        }
        return sb.toString();
    }

    static String mnemonic(Insn in) {
        Mnemonic m = in.mnemonic();
        int osz = in.effectiveOperandSize();
        String base = switch (m) {
            case CWDE -> osz == 2 ? "cbtw" : osz == 8 ? "cltq" : "cwtl";
            case CDQ -> osz == 2 ? "cwtd" : osz == 8 ? "cqto" : "cltd";
            case MOVSXD -> osz == 8 ? "movslq" : "movsxd";
            case MOVSX, MOVZX -> (m == Mnemonic.MOVSX ? "movs" : "movz")
                    + suffix(in.operandBytes(1)) + suffix(in.operandSize());
            case CALLF -> "lcall";
            case JMPF -> "ljmp";
            case RETF -> "lret";
            default -> IntelFormatter.mnemonic(in);
        };
        if (m == Mnemonic.MOVSX || m == Mnemonic.MOVZX || m == Mnemonic.MOVSXD || m == Mnemonic.CWDE
                || m == Mnemonic.CDQ) {
            return base;
        }
        if (m == Mnemonic.INS || m == Mnemonic.OUTS) return base + suffix(in.operandBytes(m == Mnemonic.INS ? 0 : 1));
        return needsSuffix(in) ? base + suffix(in.operandSize()) : base;
    }

    /** A GPR-sized memory operand and no register operand to show the size (incl, movl $1,...). */
    private static boolean needsSuffix(Insn in) {
        if (!in.hasMemory() || in.modrm() < 0) return false;
        OpForm f = in.op();
        boolean sized = false;
        for (int i = 0; i < f.operandCount(); i++) {
            Operand o = f.operand(i);
            switch (o.kind()) {
                case G, R, Z, B, REG, V, U, H, P, N, L, S, C, D, VREG, ST0, STI -> { return false; }
                case E -> sized = true;
                default -> { }
            }
        }
        return sized;
    }

    private static String suffix(int bytes) {
        return switch (bytes) {
            case 1 -> "b";
            case 2 -> "w";
            case 8 -> "q";
            default -> "l";
        };
    }

    private static void operand(StringBuilder sb, Insn in, int i) {
        Operand o = in.op().operand(i);
        int bytes = in.operandBytes(i);
        boolean indirect = (in.mnemonic() == Mnemonic.CALL || in.mnemonic() == Mnemonic.JMP
                || in.mnemonic() == Mnemonic.CALLF || in.mnemonic() == Mnemonic.JMPF) && o.kind() != Operand.Kind.J;
        if (indirect) sb.append('*');
        switch (o.kind()) {
            case G -> reg(sb, IntelFormatter.gpr(in, in.regIndex(), bytes));
            case R -> reg(sb, IntelFormatter.gpr(in, in.rmIndex(), bytes));
            case E, M, W, Q -> {
                if (in.hasMemory()) {
                    memory(sb, in);
                } else if (o.kind() == Operand.Kind.E) {
                    reg(sb, IntelFormatter.gpr(in, in.rmIndex(), bytes));
                } else if (o.kind() == Operand.Kind.Q) {
                    reg(sb, "mm" + in.modrmRm());
                } else {
                    reg(sb, IntelFormatter.vreg(o, in, in.rmIndex()));
                }
            }
            case Z -> reg(sb, IntelFormatter.gpr(in, in.opcodeReg(), bytes));
            case B -> reg(sb, IntelFormatter.gpr(in, in.vexVvvv(), bytes));
            case REG -> {
                boolean port = o.fixedReg() == 2 && o.size() == Operand.Size.W;
                if (port) sb.append('(');
                reg(sb, IntelFormatter.gpr(in, o.fixedReg(), bytes));
                if (port) sb.append(')'); // in/out port register: (%dx)
            }
            case SEG -> reg(sb, SEGS[o.fixedReg()]);
            case S -> reg(sb, SEGS[in.modrmReg()]);
            case C -> reg(sb, "cr" + in.regIndex());
            case D -> reg(sb, "db" + in.regIndex());
            case P -> reg(sb, "mm" + in.modrmReg());
            case N -> reg(sb, "mm" + in.modrmRm());
            case V -> reg(sb, IntelFormatter.vreg(o, in, in.regIndex()));
            case U -> reg(sb, IntelFormatter.vreg(o, in, in.rmIndex()));
            case H -> reg(sb, IntelFormatter.vreg(o, in, in.vexVvvv()));
            case L -> reg(sb, IntelFormatter.vreg(o, in, in.is4Reg()));
            case VREG -> reg(sb, "xmm0");
            case ST0 -> sb.append("%st");
            case STI -> sb.append("%st(").append(in.modrmRm()).append(')');
            case ONE -> sb.append("$1");
            case I -> {
                long v = i > 0 && in.op().operand(i - 1).kind() == Operand.Kind.I ? in.imm2() : in.imm();
                int width = IntelFormatter.signExtendedWidth(in, i, bytes);
                long mask = width >= 8 ? -1L : (1L << (width * 8)) - 1;
                sb.append("$0x").append(Long.toHexString(v & mask));
            }
            case J -> {
                long rel = in.imm() + in.length();
                sb.append(rel < 0 ? ".-0x" : ".+0x").append(Long.toHexString(Math.abs(rel)));
            }
            case O -> {
                if (IntelFormatter.fsgs(in)) reg(sb, SEGS[in.segment()]).append(':');
                sb.append("0x").append(Long.toHexString(in.disp()));
            }
            case X -> {
                reg(sb, IntelFormatter.fsgs(in) ? SEGS[in.segment()] : "ds").append(":(");
                reg(sb, in.addressSize() == 4 ? "esi" : "rsi").append(')');
            }
            case Y -> {
                sb.append("%es:(");
                reg(sb, in.addressSize() == 4 ? "edi" : "rdi").append(')');
            }
        }
    }

    private static final String[] SEGS = {"es", "cs", "ss", "ds", "fs", "gs", "?", "?"};

    private static StringBuilder reg(StringBuilder sb, String name) {
        return sb.append('%').append(name);
    }

    private static void memory(StringBuilder sb, Insn in) {
        if (IntelFormatter.fsgs(in)) reg(sb, SEGS[in.segment()]).append(':');
        long d = in.disp();
        if (in.ripRelative()) {
            sb.append(d < 0 ? "-0x" : "0x").append(Long.toHexString(Math.abs(d)));
            reg(sb.append('('), in.addressSize() == 4 ? "eip" : "rip").append(')');
            return;
        }
        if (in.baseReg() < 0 && in.indexReg() < 0) {
            sb.append("0x").append(Long.toHexString(in.addressSize() == 4 ? d & 0xFFFF_FFFFL : d));
            return;
        }
        if (d != 0 || in.dispSize() > 0) sb.append(d < 0 ? "-0x" : "0x").append(Long.toHexString(Math.abs(d)));
        String[] regs = in.addressSize() == 4 ? R32 : R64;
        sb.append('(');
        if (in.baseReg() >= 0) reg(sb, regs[in.baseReg()]);
        if (in.indexReg() >= 0) {
            String ix = in.op().has(Flag.VSIB) ? (in.vexL() == 1 ? "ymm" : "xmm") + in.indexReg() : regs[in.indexReg()];
            reg(sb.append(','), ix).append(',').append(in.scale());
        }
        sb.append(')');
    }

    private static final String[] R64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
            "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
}
