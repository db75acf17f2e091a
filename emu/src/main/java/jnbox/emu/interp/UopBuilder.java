package jnbox.emu.interp;

import jnbox.emu.decode.Insn;
import jnbox.emu.decode.Operand;
import jnbox.emu.semantics.Flags;

/**
 * Turns a decoded {@link Insn} into a {@link Uop}: picks the operation from the mnemonic (by name,
 * so new table rows need no change here until they are executed) and resolves operand locations.
 * Anything not listed becomes {@link Kinds#UNIMPLEMENTED}, which stops the run when reached.
 */
final class UopBuilder {
    private UopBuilder() {}

    private static final String[] ALU = {"ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP"};
    private static final String[] SHIFTS = {"ROL", "ROR", "RCL", "RCR", "SHL", "SHR", "SAL", "SAR"};
    private static final String[] CC = {"O", "NO", "B", "AE", "E", "NE", "BE", "A", "S", "NS", "P", "NP", "L", "GE", "LE", "G"};

    static Uop build(Insn in, long pc) {
        Uop u = new Uop();
        u.insn = in;
        u.pc = pc;
        u.next = pc + in.length();
        u.rep = in.rep();
        u.repne = in.repne();
        String m = in.mnemonic().name();
        u.detail = in.mnemonic().intel();
        int size = in.operandSize();
        setSize(u, size);
        if (in.hasMemory()) {
            u.base = in.baseReg();
            u.index = in.indexReg();
            u.scaleShift = Integer.numberOfTrailingZeros(Math.max(1, in.scale()));
            u.disp = in.ripRelative() ? u.next + in.disp() : in.disp();
            u.addr32 = in.addressSize() == 4;
        }
        u.imm = in.imm();
        u.imm2 = in.imm2();
        int n = in.op().operandCount();
        if (n > 0) u.op0 = loc(in, 0);
        if (n > 1) u.op1 = loc(in, 1);
        if (n > 2) u.op2 = loc(in, 2);
        for (int i = 0; i < n; i++) if (in.op().operand(i).kind() == Operand.Kind.ONE) u.imm = 1;
        if (in.lockFaults()) { // F0 on a form that cannot be locked: #UD (SDM vol. 2 LOCK)
            u.kind = Kinds.UD;
            u.detail = "lock " + u.detail;
            u.endsBlock = true;
            return u;
        }
        if (in.segment() == Insn.FS || in.segment() == Insn.GS) return unimplemented(u); // NaCl code has none
        u.locked = in.lock();
        int k = kind(u, in, m);
        u.kind = k;
        if (k == Kinds.UNIMPLEMENTED) return unimplemented(u);
        if (k == Kinds.XCHG && (u.op0 == Uop.MEM || u.op1 == Uop.MEM)) u.locked = true;
        if (!u.locked) u.kind = specialize(u, k);
        u.endsBlock = switch (k) {
            case Kinds.JCC, Kinds.JMP, Kinds.JMP_IND, Kinds.CALL, Kinds.CALL_IND, Kinds.RET, Kinds.JRCXZ,
                    Kinds.LOOP, Kinds.HLT, Kinds.UD, Kinds.INT3 -> true;
            default -> false;
        };
        return u;
    }

    /** Picks a fast form for 32/64-bit MOV and ALU with a register destination or a plain store. */
    private static int specialize(Uop u, int k) {
        if (u.size != 4 && u.size != 8) return k;
        if (k == Kinds.PUSH && u.size == 8 && u.op0 >= 0 && u.op0 < Uop.HIGH8) return Kinds.PUSH_R;
        if (k == Kinds.POP && u.size == 8 && u.op0 >= 0 && u.op0 < Uop.HIGH8) return Kinds.POP_R;
        boolean d = u.op0 >= 0 && u.op0 < Uop.HIGH8;
        boolean s = u.op1 >= 0 && u.op1 < Uop.HIGH8;
        if (k == Kinds.MOV) {
            if (d && s) return Kinds.MOV_RR;
            if (d && u.op1 == Uop.IMM) { u.imm &= u.mask; return Kinds.MOV_RI; }
            if (d && u.op1 == Uop.MEM) return Kinds.MOV_RM;
            if (u.op0 == Uop.MEM && s) return Kinds.MOV_MR;
        }
        if (k == Kinds.ALU && d) {
            if (s) return Kinds.ALU_RR;
            if (u.op1 == Uop.IMM) { u.imm &= u.mask; return Kinds.ALU_RI; }
            if (u.op1 == Uop.MEM) return Kinds.ALU_RM;
        }
        return k;
    }

    static Uop unimplemented(Uop u) {
        u.kind = Kinds.UNIMPLEMENTED;
        u.endsBlock = true;
        return u;
    }

    static void setSize(Uop u, int size) {
        u.size = size;
        u.mask = size >= 8 ? -1L : (1L << (size * 8)) - 1;
        u.sizeIdx = size >= 8 ? 3 : Flags.sizeIndex(size);
    }

    private static int indexOf(String[] a, String s) {
        for (int i = 0; i < a.length; i++) if (a[i].equals(s)) return i;
        return -1;
    }

    private static int kind(Uop u, Insn in, String m) {
        int alu = indexOf(ALU, m);
        if (alu >= 0) { u.sub = alu; return Kinds.ALU; }
        int sh = indexOf(SHIFTS, m);
        if (sh >= 0 && in.op().operandCount() == 2) { u.sub = sh; return Kinds.SHIFT; }
        if (m.startsWith("CMOV")) { u.sub = indexOf(CC, m.substring(4)); return u.sub < 0 ? 0 : Kinds.CMOV; }
        if (m.startsWith("SET")) { u.sub = indexOf(CC, m.substring(3)); setSize(u, 1); return u.sub < 0 ? 0 : Kinds.SETCC; }
        if (m.startsWith("J") && indexOf(CC, m.substring(1)) >= 0 && !m.equals("JMP")) {
            u.sub = indexOf(CC, m.substring(1));
            u.imm = in.branchTarget(u.pc);
            return Kinds.JCC;
        }
        switch (m) {
            case "MOV":
                if (in.op().operand(0).kind() == Operand.Kind.S || in.op().operand(1).kind() == Operand.Kind.S
                        || in.op().operand(0).kind() == Operand.Kind.O || in.op().operand(1).kind() == Operand.Kind.O) return 0;
                return Kinds.MOV;
            case "MOVNTI": return Kinds.MOV; // the non-temporal hint has no architectural effect
            case "MOVZX": case "MOVSX": case "MOVSXD":
                u.size2 = in.operandBytes(1);
                return m.equals("MOVZX") ? Kinds.MOVZX : Kinds.MOVSX;
            case "LEA": return Kinds.LEA;
            case "TEST": return Kinds.TEST;
            case "INC": return Kinds.INC;
            case "DEC": return Kinds.DEC;
            case "NOT": return Kinds.NOT;
            case "NEG": return Kinds.NEG;
            case "SHLD": return Kinds.SHLD;
            case "SHRD": return Kinds.SHRD;
            case "MUL": case "DIV": case "IDIV":
                u.sub = m.equals("MUL") ? 4 : m.equals("DIV") ? 6 : 7;
                return Kinds.MULDIV;
            case "IMUL":
                if (in.op().operandCount() == 1) { u.sub = 5; return Kinds.MULDIV; }
                return Kinds.IMUL2;
            case "XCHG": return Kinds.XCHG;
            case "PUSH": setSize(u, in.operandBytes(0) == 2 ? 2 : 8); return Kinds.PUSH;
            case "POP": setSize(u, in.operandBytes(0) == 2 ? 2 : 8); return Kinds.POP;
            case "JMP":
                if (in.op().operand(0).kind() == Operand.Kind.J) { u.imm = in.branchTarget(u.pc); return Kinds.JMP; }
                if (in.op().operand(0).kind() == Operand.Kind.E) { setSize(u, 8); return Kinds.JMP_IND; }
                return 0;
            case "CALL":
                if (in.op().operand(0).kind() == Operand.Kind.J) { u.imm = in.branchTarget(u.pc); return Kinds.CALL; }
                if (in.op().operand(0).kind() == Operand.Kind.E) { setSize(u, 8); return Kinds.CALL_IND; }
                return 0;
            case "RET": return Kinds.RET;
            case "JRCXZ": u.imm = in.branchTarget(u.pc); return Kinds.JRCXZ;
            case "LOOP": case "LOOPE": case "LOOPNE":
                u.sub = m.equals("LOOP") ? 0 : m.equals("LOOPE") ? 1 : 2;
                u.imm = in.branchTarget(u.pc);
                return Kinds.LOOP;
            case "NOP": case "PAUSE": case "PREFETCH": case "PREFETCHW": case "PREFETCHNTA": case "PREFETCHT0":
            case "PREFETCHT1": case "PREFETCHT2": case "ENDBR64": case "FWAIT":
                return Kinds.NOP;
            case "LFENCE": case "MFENCE": case "SFENCE": return Kinds.FENCE;
            case "CWDE": return Kinds.CBW;
            case "CDQ": return Kinds.CWD;
            case "CLC": return Kinds.CLC;
            case "STC": return Kinds.STC;
            case "CMC": return Kinds.CMC;
            case "CLD": return Kinds.CLD;
            case "STD": return Kinds.STD;
            case "SAHF": return Kinds.SAHF;
            case "LAHF": return Kinds.LAHF;
            case "HLT": return Kinds.HLT;
            case "UD2": case "UD0": case "UD1": return Kinds.UD;
            case "INT3": return Kinds.INT3;
            case "BT": u.sub = 0; return Kinds.BT;
            case "BTS": u.sub = 1; return Kinds.BT;
            case "BTR": u.sub = 2; return Kinds.BT;
            case "BTC": u.sub = 3; return Kinds.BT;
            case "BSF": return Kinds.BSF;
            case "BSR": return Kinds.BSR;
            case "POPCNT": return Kinds.POPCNT;
            case "LZCNT": return Kinds.LZCNT;
            // cpuid does not report BMI1 (andn, bextr... are not executed), so F3 0F BC runs as BSF,
            // exactly as on a CPU without BMI1 (SDM vol. 2 TZCNT: "executes as BSF").
            case "TZCNT": return Kinds.BSF;
            case "BSWAP": return Kinds.BSWAP;
            case "CMPXCHG": return Kinds.CMPXCHG;
            case "XADD": return Kinds.XADD;
            case "CMPXCHG16B": return Kinds.CMPXCHG16B;
            case "CMPXCHG8B": return Kinds.CMPXCHG8B;
            case "CPUID": return Kinds.CPUID;
            case "RDTSC": return Kinds.RDTSC;
            case "MOVBE": return Kinds.MOVBE;
            case "MOVS": case "STOS": case "LODS": case "CMPS": case "SCAS": {
                // element size from the first explicit operand (Yb/Xv...); rAX operand sized too
                int es = in.operandBytes(0);
                if (es == 0) es = in.operandBytes(1);
                setSize(u, es);
                return switch (m) {
                    case "MOVS" -> Kinds.MOVS;
                    case "STOS" -> Kinds.STOS;
                    case "LODS" -> Kinds.LODS;
                    case "CMPS" -> Kinds.CMPS;
                    default -> Kinds.SCAS;
                };
            }
            default:
                if (m.startsWith("F")) {
                    int x = X87Exec.opOf(m, in.hasMemory(), in.op().operandCount() > 0 ? in.operandBytes(0) : 0);
                    if (x < 0) return Kinds.UNIMPLEMENTED;
                    u.sub = x;
                    return Kinds.X87;
                }
                if (in.isVex()) return VexBuilder.kind(u, in, m);
                return SseBuilder.kind(u, in, m);
        }
    }

    /** The location of explicit operand {@code i}. */
    static int loc(Insn in, int i) {
        Operand o = in.op().operand(i);
        int bytes = in.operandBytes(i);
        switch (o.kind()) {
            case E: case R: case Q:
                if (in.hasMemory()) return Uop.MEM;
                return gpr(in, in.rmIndex(), bytes);
            case M: case O: case X: case Y:
                return Uop.MEM;
            case G:
                return gpr(in, in.regIndex(), bytes);
            case Z:
                return gpr(in, in.opcodeReg(), bytes);
            case B:
                return in.vexVvvv();
            case REG:
                return gpr(in, o.fixedReg(), bytes);
            case I: case J: case L: case ONE:
                return Uop.IMM;
            case V:
                return Uop.XMM + in.regIndex();
            case U:
                return Uop.XMM + in.rmIndex();
            case W:
                return in.hasMemory() ? Uop.MEM : Uop.XMM + in.rmIndex();
            case H:
                return Uop.XMM + in.vexVvvv();
            case VREG:
                return Uop.XMM + o.fixedReg();
            default:
                return Uop.NONE;
        }
    }

    private static int gpr(Insn in, int reg, int bytes) {
        if (bytes == 1 && !in.hasRex() && reg >= 4 && reg < 8) return Uop.HIGH8 + reg - 4;
        return reg;
    }
}
