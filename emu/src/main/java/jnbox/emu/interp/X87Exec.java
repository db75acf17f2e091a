package jnbox.emu.interp;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.mem.SandboxMemory;

/**
 * x87 dispatch: maps each decoded x87 mnemonic to a sub-operation ({@link #opOf}) and executes the
 * control/state forms ({@code fldcw/fnstcw/fnstsw/fnstenv/fldenv/fninit/fnclex}) itself; arithmetic,
 * loads, stores and compares go to {@link X87Ops}, the no-operand and register forms to
 * {@link X87Misc}, all computing through {@link jnbox.emu.semantics.Float80}. Every exception is
 * handled with its masked response; an unmasked one stops the run as unimplemented rather than
 * emulate the deferred #MF.
 *
 * <p>State (SDM vol. 1 §8.1): TOP is FSW bits 11-13; {@code cpu.ftw} is the abridged tag (bit i set
 * when physical register i is non-empty, as FXSAVE stores it); registers are by physical index.
 */
final class X87Exec {
    static final int FLDCW = 3, FNSTCW = 4, FNSTSW = 5, FLDENV = 6, FNSTENV = 7,
            FNINIT = 8, FNCLEX = 9;

    private X87Exec() {}

    // Groups (sub >> 8), the arithmetic op or store kind (sub >> 4 & 15) and memory widths (sub & 15).
    static final int ARITH = 16, ARITH_REG = 17, LOAD = 18, STORE = 19, MISC = 21;
    static final int W_F32 = 1, W_F64 = 2, W_I16 = 3, W_I32 = 4, W_I64 = 5, W_F80 = 6, W_BCD = 7;
    private static final String[] ARITH_NAMES = {"ADD", "MUL", "COM", "COMP", "SUB", "SUBR", "DIV", "DIVR"};
    /** No-operand and register forms executed by {@link X87Misc} (by index). */
    private static final String[] MISC_NAMES = {"FCHS", "FABS", "FTST", "FXAM", "FLD1", "FLDL2T", "FLDL2E",
            "FLDPI", "FLDLG2", "FLDLN2", "FLDZ", "FSQRT", "FRNDINT", "FSCALE", "FXTRACT", "FPREM", "FPREM1",
            "FINCSTP", "FDECSTP", "FNOP", "FXCH", "FFREE", "FCOMPP", "FUCOMPP", "FUCOM", "FUCOMP", "FCOMI",
            "FUCOMI", "FCOMIP", "FUCOMIP", "FCMOVB", "FCMOVE", "FCMOVBE", "FCMOVU", "FCMOVNB", "FCMOVNE",
            "FCMOVNBE", "FCMOVNU", "FNSAVE", "FRSTOR", "FSIN", "FCOS", "FSINCOS", "FPTAN", "FPATAN", "F2XM1", "FYL2X",
            "FYL2XP1"};

    private static int width(boolean integer, int bytes) {
        return switch (bytes) {
            case 2 -> W_I16;
            case 4 -> integer ? W_I32 : W_F32;
            case 8 -> integer ? W_I64 : W_F64;
            case 10 -> W_F80;
            default -> 0;
        };
    }

    /** The sub-operation for mnemonic {@code m}, or -1 when not executed. */
    static int opOf(String m, boolean mem, int memBytes) {
        switch (m) {
            case "FLDCW": return FLDCW;
            case "FNSTCW": return FNSTCW;
            case "FNSTSW": return FNSTSW;
            case "FLDENV": return FLDENV;
            case "FNSTENV": return FNSTENV;
            case "FNINIT": return FNINIT;
            case "FNCLEX": return FNCLEX;
            default: break;
        }
        if (mem) {
            boolean integer = m.startsWith("FI");
            int w = width(integer, memBytes);
            String base = integer ? m.substring(2) : m.substring(1);
            int a = java.util.Arrays.asList(ARITH_NAMES).indexOf(base);
            if (a >= 0 && w != 0 && w != W_F80 && w != W_I64) return ARITH << 8 | a << 4 | w;
            switch (m) {
                case "FLD": case "FILD": return w == 0 ? -1 : LOAD << 8 | w;
                case "FST": case "FIST": return w == 0 || w == W_F80 || w == W_I64 ? -1 : STORE << 8 | w;
                case "FSTP": case "FISTP": return w == 0 ? -1 : STORE << 8 | 1 << 4 | w;
                case "FISTTP": return w == 0 ? -1 : STORE << 8 | 2 << 4 | w;
                case "FBLD": return LOAD << 8 | W_BCD;
                case "FBSTP": return STORE << 8 | 1 << 4 | W_BCD;
                case "FNSAVE": return MISC << 8 | 38;
                case "FRSTOR": return MISC << 8 | 39;
                default: return -1;
            }
        }
        String base = m.endsWith("P") && !m.equals("FCOMP") && !m.equals("FUCOMP") && !m.equals("FCOMPP")
                && !m.equals("FUCOMPP") && !m.endsWith("IP") ? m.substring(1, m.length() - 1) : m.substring(1);
        int a = java.util.Arrays.asList(ARITH_NAMES).indexOf(base);
        if (a >= 0) return ARITH_REG << 8 | a << 4 | (base.length() + 1 < m.length() ? 1 : 0);
        switch (m) {
            case "FLD": return LOAD << 8;
            case "FST": return STORE << 8;
            case "FSTP": return STORE << 8 | 1 << 4;
            default: break;
        }
        int i = java.util.Arrays.asList(MISC_NAMES).indexOf(m);
        return i < 0 ? -1 : MISC << 8 | i;
    }

    private static int top(CpuState c) { return c.fsw >>> 11 & 7; }

    private static void setTop(CpuState c, int t) { c.fsw = (c.fsw & ~(7 << 11)) | (t & 7) << 11; }

    static long exec(IntExec x, Uop u) {
        CpuState c = x.cpu;
        SandboxMemory mem = x.mem();
        if (u.sub >= ARITH << 8) return X87Ops.exec(x, u);
        switch (u.sub) {
            case FLDCW: c.fcw = x.mem().read16(x.ea(u)) & 0xFFFF | 0x40; return checkUnmasked(c, u); // bit 6 reads as 1 (as measured)
            case FNSTCW: mem.write16(x.ea(u), (short) c.fcw); return u.next;
            case FNSTSW:
                if (u.op0 == Uop.MEM) mem.write16(x.ea(u), (short) c.fsw);
                else x.r[CpuState.RAX] = (x.r[CpuState.RAX] & ~0xFFFFL) | (c.fsw & 0xFFFF);
                return u.next;
            case FNSTENV:
                storeEnv(c, mem, x.ea(u));
                c.fcw |= 0x3F; // FNSTENV masks all exceptions afterwards
                return u.next;
            case FLDENV:
                loadEnv(c, mem, x.ea(u));
                return checkUnmasked(c, u);
            case FNINIT:
                c.fcw = 0x037F;
                c.fsw = 0;
                c.ftw = 0;
                return u.next;
            default: // FNCLEX: clears the exception flags, SF, ES and B
                c.fsw &= ~0x80FF;
                return u.next;
        }
    }

    /** The 28-byte protected-mode environment (SDM vol. 1 Figure 8-9); pointers read as 0. */
    static void storeEnv(CpuState c, SandboxMemory mem, long a) {
        mem.checkWritable(a, 28);
        mem.write32(a, c.fcw | 0xFFFF_0000);
        mem.write32(a + 4, c.fsw | 0xFFFF_0000);
        mem.write32(a + 8, fullTags(c) | 0xFFFF_0000);
        for (int i = 12; i < 24; i += 4) mem.write32(a + i, 0);
        mem.write32(a + 24, 0xFFFF_0000); // FDS 0, reserved bits read as ones (as on the Intel host)
    }

    static void loadEnv(CpuState c, SandboxMemory mem, long a) {
        int cw = mem.read16(a) & 0xFFFF, sw = mem.read16(a + 4) & 0xFFFF, tw = mem.read16(a + 8) & 0xFFFF;
        c.fcw = cw | 0x40;
        c.fsw = sw;
        int ab = 0;
        for (int i = 0; i < 8; i++) if ((tw >>> (2 * i) & 3) != 3) ab |= 1 << i;
        c.ftw = ab;
    }

    /** A pending unmasked exception would be delivered by the next x87 instruction: not emulated. */
    private static long checkUnmasked(CpuState c, Uop u) {
        return (c.fsw & 0x3F & ~c.fcw) != 0 ? IntExec.STOP : u.next;
    }

    /** The full 2-bit-per-register tag word (SDM vol. 1 §8.1.7) from the abridged tags and the values. */
    static int fullTags(CpuState c) {
        int tw = 0;
        for (int i = 0; i < 8; i++) {
            int tag;
            if ((c.ftw >>> i & 1) == 0) tag = 3;
            else {
                int exp = c.x87SignExp[i] & 0x7FFF;
                long m = c.x87Mant[i];
                if (exp == 0x7FFF || (exp == 0 && m != 0) || (exp != 0 && m >= 0)) tag = 2;
                else if (exp == 0) tag = 1;
                else tag = 0;
            }
            tw |= tag << (2 * i);
        }
        return tw;
    }
}
