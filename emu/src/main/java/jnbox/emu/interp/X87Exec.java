package jnbox.emu.interp;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.mem.SandboxMemory;

/**
 * The x87 state moves that appear in the corpus' libraries (glibc's ld.so: {@code fld/fstp m80};
 * libm's fenv functions: {@code fnstcw/fldcw/fnstsw/fnstenv/fldenv}), plus {@code fninit} and
 * {@code fnclex}. They copy state exactly and need no floating-point arithmetic. The rest of x87
 * is not executed (CPUID reports no FPU), and an unmasked stack fault stops the run as
 * unimplemented rather than emulate the deferred exception.
 *
 * <p>State (SDM vol. 1 §8.1): TOP is FSW bits 11-13; {@code cpu.ftw} is the abridged tag (bit i set
 * when physical register i is non-empty, as FXSAVE stores it); registers are by physical index.
 */
final class X87Exec {
    static final int FLD80 = 1, FSTP80 = 2, FLDCW = 3, FNSTCW = 4, FNSTSW = 5, FLDENV = 6, FNSTENV = 7,
            FNINIT = 8, FNCLEX = 9;
    private static final int IE = 1, SF = 1 << 6, C1 = 1 << 9;

    private X87Exec() {}

    static int opOf(String m, boolean mem, int memBytes) {
        return switch (m) {
            case "FLD" -> mem && memBytes == 10 ? FLD80 : -1;
            case "FSTP" -> mem && memBytes == 10 ? FSTP80 : -1;
            case "FLDCW" -> FLDCW;
            case "FNSTCW" -> FNSTCW;
            case "FNSTSW" -> FNSTSW;
            case "FLDENV" -> FLDENV;
            case "FNSTENV" -> FNSTENV;
            case "FNINIT" -> FNINIT;
            case "FNCLEX" -> FNCLEX;
            default -> -1;
        };
    }

    private static int top(CpuState c) { return c.fsw >>> 11 & 7; }

    private static void setTop(CpuState c, int t) { c.fsw = (c.fsw & ~(7 << 11)) | (t & 7) << 11; }

    static long exec(IntExec x, Uop u) {
        CpuState c = x.cpu;
        SandboxMemory mem = x.mem();
        switch (u.sub) {
            case FLD80: {
                long a = x.ea(u);
                long mant = mem.read64(a);
                int se = mem.read16(a + 8) & 0xFFFF;
                int t = (top(c) - 1) & 7;
                if ((c.ftw >>> t & 1) != 0) { // stack overflow (SDM vol. 1 §8.5.1.1)
                    if ((c.fcw & IE) == 0) return IntExec.STOP;
                    mant = 0xC000_0000_0000_0000L;
                    se = 0xFFFF;
                    c.fsw |= IE | SF | C1;
                } else {
                    c.fsw &= ~C1;
                }
                setTop(c, t);
                c.x87Mant[t] = mant;
                c.x87SignExp[t] = se;
                c.ftw |= 1 << t;
                return u.next;
            }
            case FSTP80: {
                long a = x.ea(u);
                int t = top(c);
                long mant;
                int se;
                boolean underflow = (c.ftw >>> t & 1) == 0;
                if (underflow) {
                    if ((c.fcw & IE) == 0) return IntExec.STOP;
                    mant = 0xC000_0000_0000_0000L;
                    se = 0xFFFF;
                } else {
                    mant = c.x87Mant[t];
                    se = c.x87SignExp[t];
                }
                mem.checkWritable(a, 10);
                mem.write64(a, mant);
                mem.write16(a + 8, (short) se);
                c.fsw = underflow ? (c.fsw | IE | SF) & ~C1 : c.fsw & ~C1;
                c.ftw &= ~(1 << t);
                setTop(c, t + 1);
                return u.next;
            }
            case FLDCW: c.fcw = x.mem().read16(x.ea(u)) & 0xFFFF; return checkUnmasked(c, u);
            case FNSTCW: mem.write16(x.ea(u), (short) c.fcw); return u.next;
            case FNSTSW:
                if (u.op0 == Uop.MEM) mem.write16(x.ea(u), (short) c.fsw);
                else x.r[CpuState.RAX] = (x.r[CpuState.RAX] & ~0xFFFFL) | (c.fsw & 0xFFFF);
                return u.next;
            case FNSTENV: {
                // 28-byte protected-mode layout (SDM vol. 1 Figure 8-9); pointers read as 0
                long a = x.ea(u);
                mem.checkWritable(a, 28);
                mem.write32(a, c.fcw | 0xFFFF_0000);
                mem.write32(a + 4, c.fsw | 0xFFFF_0000);
                mem.write32(a + 8, fullTags(c) | 0xFFFF_0000);
                for (int i = 12; i < 24; i += 4) mem.write32(a + i, 0);
                mem.write32(a + 24, 0xFFFF_0000); // FDS 0, reserved bits read as ones (as on the Intel host)
                c.fcw |= 0x3F; // FNSTENV masks all exceptions afterwards
                return u.next;
            }
            case FLDENV: {
                long a = x.ea(u);
                int cw = mem.read16(a) & 0xFFFF, sw = mem.read16(a + 4) & 0xFFFF, tw = mem.read16(a + 8) & 0xFFFF;
                c.fcw = cw;
                c.fsw = sw;
                int ab = 0;
                for (int i = 0; i < 8; i++) if ((tw >>> (2 * i) & 3) != 3) ab |= 1 << i;
                c.ftw = ab;
                return checkUnmasked(c, u);
            }
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
