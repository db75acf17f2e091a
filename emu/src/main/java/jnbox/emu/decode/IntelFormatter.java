package jnbox.emu.decode;

import java.util.Locale;

/**
 * Formats an {@link Insn} in Intel syntax, close to {@code objdump -M intel} (e.g.
 * {@code add DWORD PTR [rax+rcx*4+0x10],0x1}). Relative branch targets are printed as
 * {@code .+N} (the decoder does not know the instruction's address).
 */
final class IntelFormatter {
    private static final String[] R64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
            "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
            "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    private static final String[] R8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
            "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
    private static final String[] R8_LEGACY = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
    private static final String[] XMM = new String[16], YMM = new String[16];

    static {
        for (int i = 0; i < 16; i++) {
            XMM[i] = "xmm" + i;
            YMM[i] = "ymm" + i;
        }
    }

    private static final String[] SEG = {"es", "cs", "ss", "ds", "fs", "gs", "?", "?"};

    private IntelFormatter() {
    }

    static String format(Insn in) {
        StringBuilder sb = new StringBuilder(32);
        if (in.lock()) sb.append("lock ");
        OpForm f = in.op();
        if (f.repAllowed() && in.rep()) sb.append(f.repccAllowed() ? "repz " : "rep ");
        if (f.repccAllowed() && in.repne()) sb.append("repnz ");
        sb.append(mnemonic(in));
        int n = f.operandCount();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? " " : ",");
            operand(sb, in, i);
        }
        return sb.toString();
    }

    /** The mnemonic as objdump spells it for this operand size (cwde/cdqe, movs...). */
    static String mnemonic(Insn in) {
        Mnemonic m = in.mnemonic();
        int osz = in.effectiveOperandSize();
        return switch (m) {
            case CWDE -> osz == 2 ? "cbw" : osz == 8 ? "cdqe" : "cwde";
            case CDQ -> osz == 2 ? "cwd" : osz == 8 ? "cqo" : "cdq";
            case CALLF -> "call";
            case JMPF -> "jmp";
            case IRET -> osz == 8 ? "iretq" : osz == 2 ? "iretw" : "iret";
            case JRCXZ -> in.addressSize() == 4 ? "jecxz" : "jrcxz";
            case MOV -> in.immSize() == 8 || in.dispSize() == 8 ? "movabs" : "mov";
            default -> m.intel();
        };
    }

    private static void operand(StringBuilder sb, Insn in, int i) {
        Operand o = in.op().operand(i);
        int bytes = in.operandBytes(i);
        switch (o.kind()) {
            case G -> sb.append(gpr(in, in.regIndex(), bytes));
            case R -> sb.append(gpr(in, in.rmIndex(), bytes));
            case E, M, W, Q -> {
                if (in.hasMemory()) {
                    memory(sb, in, o.size() == Operand.Size.NONE || o.size() == Operand.Size.S ? 0
                            : Sizes.bytes(o.memSize(), in.effectiveOperandSize(), in.rexW(), in.vexL()));
                } else if (o.kind() == Operand.Kind.E) {
                    sb.append(gpr(in, in.rmIndex(), bytes));
                } else if (o.kind() == Operand.Kind.Q) {
                    sb.append("mm").append(in.modrmRm());
                } else {
                    sb.append(vreg(o, in, in.rmIndex()));
                }
            }
            case Z -> sb.append(gpr(in, in.opcodeReg(), bytes));
            case B -> sb.append(gpr(in, in.vexVvvv(), bytes));
            case REG -> sb.append(gpr(in, o.fixedReg(), bytes));
            case SEG -> sb.append(SEG[o.fixedReg()]);
            case S -> sb.append(SEG[in.modrmReg()]);
            case C -> sb.append("cr").append(in.regIndex());
            case D -> sb.append("dr").append(in.regIndex());
            case P -> sb.append("mm").append(in.modrmReg());
            case N -> sb.append("mm").append(in.modrmRm());
            case V -> sb.append(vreg(o, in, in.regIndex()));
            case U -> sb.append(vreg(o, in, in.rmIndex()));
            case H -> sb.append(vreg(o, in, in.vexVvvv()));
            case L -> sb.append(vreg(o, in, in.is4Reg()));
            case VREG -> sb.append("xmm0");
            case ST0 -> sb.append("st");
            case STI -> sb.append("st(").append(in.modrmRm()).append(')');
            case ONE -> sb.append('1');
            case I -> {
                long v = i > 0 && in.op().operand(i - 1).kind() == Operand.Kind.I ? in.imm2() : in.imm();
                int width = signExtendedWidth(in, i, bytes);
                long mask = width >= 8 ? -1L : (1L << (width * 8)) - 1;
                sb.append("0x").append(Long.toHexString(v & mask));
            }
            case J -> {
                long rel = in.imm() + in.length();
                sb.append(rel < 0 ? ".-0x" : ".+0x").append(Long.toHexString(Math.abs(rel)));
            }
            case O -> sb.append(fsgs(in) ? SEG[in.segment()] : "ds")
                    .append(":0x").append(Long.toHexString(in.disp()));
            case X -> sb.append(ptr(bytes)).append(fsgs(in) ? SEG[in.segment()] : "ds").append(":[").append(in.addressSize() == 4 ? "esi" : "rsi").append(']');
            case Y -> sb.append(ptr(bytes)).append("es:[").append(in.addressSize() == 4 ? "edi" : "rdi").append(']');
        }
    }

    /**
     * Width in bytes the immediate is shown at: imm8 of arithmetic forms and Iz of 64-bit forms
     * are sign-extended to the operand size (SDM vol. 2 §2.2.1.5); other immediates as encoded.
     */
    static int signExtendedWidth(Insn in, int i, int bytes) {
        Operand o = in.op().operand(i);
        int osz = in.effectiveOperandSize();
        return switch (in.mnemonic()) {
            case ADD, OR, ADC, SBB, AND, SUB, XOR, CMP, IMUL, TEST, MOV -> i > 0 ? Math.max(bytes, in.operandBytes(0)) : bytes;
            case PUSH -> osz;
            default -> o.size() == Operand.Size.Z && osz == 8 ? 8 : bytes;
        };
    }

    /** Only FS and GS overrides change an address in 64-bit mode (SDM vol. 1 §3.4.2.1). */
    static boolean fsgs(Insn in) {
        return in.segment() == Insn.FS || in.segment() == Insn.GS;
    }

    static String vreg(Operand o, Insn in, int r) {
        boolean ymm = o.size() == Operand.Size.QQ
                || in.vexL() == 1 && (o.size() == Operand.Size.X || o.size() == Operand.Size.PS
                || o.size() == Operand.Size.PD);
        return (ymm ? "ymm" : "xmm") + r;
    }

    static String gpr(Insn in, int r, int bytes) {
        return switch (bytes) {
            case 1 -> in.hasRex() || in.isVex() ? R8[r] : (r < 8 ? R8_LEGACY[r] : R8[r]);
            case 2 -> R16[r];
            case 8 -> R64[r];
            default -> R32[r];
        };
    }

    private static String ptr(int bytes) {
        return switch (bytes) {
            case 1 -> "BYTE PTR ";
            case 2 -> "WORD PTR ";
            case 4 -> "DWORD PTR ";
            case 6 -> "FWORD PTR ";
            case 8 -> "QWORD PTR ";
            case 10 -> "TBYTE PTR ";
            case 16 -> "XMMWORD PTR ";
            case 32 -> "YMMWORD PTR ";
            default -> "";
        };
    }

    private static void memory(StringBuilder sb, Insn in, int bytes) {
        sb.append(ptr(bytes));
        if (in.baseReg() < 0 && in.indexReg() < 0 && !in.ripRelative()) {
            // Absolute [disp32]: objdump shows seg:address with the displacement sign-extended.
            long a = in.addressSize() == 4 ? in.disp() & 0xFFFF_FFFFL : in.disp();
            sb.append(fsgs(in) ? SEG[in.segment()] : "ds").append(":0x").append(Long.toHexString(a));
            return;
        }
        if (fsgs(in)) sb.append(SEG[in.segment()]).append(':');
        String[] regs = in.addressSize() == 4 ? R32 : R64;
        sb.append('[');
        if (in.ripRelative()) {
            // objdump prints a rip-relative displacement as an unsigned 64-bit number.
            sb.append(in.addressSize() == 4 ? "eip" : "rip").append("+0x").append(Long.toHexString(in.disp())).append(']');
            return;
        }
        boolean any = false;
        if (in.baseReg() >= 0) {
            sb.append(regs[in.baseReg()]);
            any = true;
        }
        if (in.indexReg() >= 0) {
            if (any) sb.append('+');
            String[] ix = in.op().has(Flag.VSIB) ? (in.vexL() == 1 ? YMM : XMM) : regs;
            sb.append(ix[in.indexReg()]).append('*').append(in.scale());
            any = true;
        }
        long d = in.disp();
        if (d != 0 || !any || in.dispSize() > 0) {
            if (any) {
                sb.append(d < 0 ? "-" : "+").append("0x").append(Long.toHexString(Math.abs(d)));
            } else {
                sb.append("0x").append(Long.toHexString(d & 0xFFFF_FFFFL));
            }
        }
        sb.append(']');
    }

    static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (i > 0) sb.append(' ');
            sb.append(String.format(Locale.ROOT, "%02x", b[off + i] & 0xFF));
        }
        return sb.toString();
    }
}
