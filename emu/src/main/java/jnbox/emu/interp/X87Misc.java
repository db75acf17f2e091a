package jnbox.emu.interp;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.mem.SandboxMemory;
import jnbox.emu.semantics.Float80;
import jnbox.emu.semantics.Float80Transcendental;
import jnbox.emu.semantics.X87Flags;

/**
 * The x87 forms without a memory arithmetic operand (SDM vol. 2, each instruction's Operation):
 * sign and class operations, constants, unary arithmetic, fscale/fxtract/fprem, stack control,
 * register compares (FSW or RFLAGS), fcmov, fnsave/frstor. Indices follow X87Exec's MISC_NAMES.
 */
final class X87Misc {
    private X87Misc() {}

    private static final int IE = Float80.IE, SF = Float80.SF, C1 = Float80.C1;
    /** Constants: exponent, 128-bit significand (SDM vol. 1 §8.3.8; the values of log2(10), log2(e), pi, log10(2), ln(2)). */
    private static final long[][] CONST = {
            {0x4000, 0xD49A_784B_CD1B_8AFEL, 0x492B_F6FF_4DAF_DB4CL},
            {0x3FFF, 0xB8AA_3B29_5C17_F0BBL, 0xBE87_FED0_691D_3E89L},
            {0x4000, 0xC90F_DAA2_2168_C234L, 0xC4C6_628B_80DC_1CD1L},
            {0x3FFD, 0x9A20_9A84_FBCF_F798L, 0x8F89_59AC_0B7C_9178L},
            {0x3FFE, 0xB172_17F7_D1CF_79ABL, 0xC9E3_B398_03F2_F6AFL}};
    /** fcmov conditions as IntExec condition codes: B E BE U NB NE NBE NU. */
    private static final int[] FCMOV_CC = {2, 4, 6, 10, 3, 5, 7, 11};
    private static final ThreadLocal<Float80.Out[]> OUT = ThreadLocal.withInitial(
            () -> new Float80.Out[] {new Float80.Out(), new Float80.Out()});

    private static int top(CpuState c) { return c.fsw >>> 11 & 7; }

    private static void setTop(CpuState c, int t) { c.fsw = (c.fsw & ~(7 << 11)) | (t & 7) << 11; }

    private static int phys(CpuState c, int i) { return (top(c) + i) & 7; }

    private static boolean empty(CpuState c, int i) { return (c.ftw >>> phys(c, i) & 1) == 0; }

    private static void write(CpuState c, int i, int se, long m) {
        int p = phys(c, i);
        c.x87SignExp[p] = se & 0xFFFF;
        c.x87Mant[p] = m;
        c.ftw |= 1 << p;
    }

    private static void pop(CpuState c) {
        c.ftw &= ~(1 << top(c));
        setTop(c, top(c) + 1);
    }

    private static boolean underflowOk(CpuState c) {
        if ((c.fcw & IE) == 0) return false;
        c.fsw = (c.fsw | IE | SF) & ~C1;
        return true;
    }

    private static Float80.Out out(int k) {
        Float80.Out o = OUT.get()[k];
        o.flags = 0;
        return o;
    }

    /** Writes o into ST(i) after checking for unmasked exceptions; C1 from o. */
    private static long result(CpuState c, Uop u, int i, Float80.Out o) {
        if ((o.flags & 0x3F & ~c.fcw) != 0) return IntExec.STOP;
        c.fsw = (c.fsw & ~C1) | (o.flags & (0x7F | C1));
        write(c, i, o.se, o.mant);
        return u.next;
    }

    static long exec(IntExec x, CpuState c, Uop u, int op) {
        int se0 = 0;
        long m0 = 0;
        boolean needs0 = op <= 3 || (op >= 11 && op <= 16) || (op >= 22 && op <= 37) || op == 20 || op >= 40;
        boolean needs1 = op == 13 || op == 15 || op == 16 || op == 22 || op == 23 || op == 44 || op == 46 || op == 47;
        int i = u.insn.hasModrm() ? u.insn.modrmRm() : 1;
        if (op >= 24 && op <= 37 || op == 20) needs1 = false;
        if (needs0 && op != 3 && op != 20 && (empty(c, 0) || (needs1 && empty(c, 1))
                || (op >= 24 && op <= 37 && empty(c, i)))) {
            return stackUnderflow(x, c, u, op, i);
        }
        // fxam reads the sign of st0 even when the register is empty (SDM FXAM: C1 is the sign bit)
        if (needs0 && (op == 3 || !empty(c, 0))) {
            int p = phys(c, 0);
            se0 = c.x87SignExp[p];
            m0 = c.x87Mant[p];
        }
        Float80.Out o = out(0);
        switch (op) {
            case 0, 1 -> { // fchs, fabs
                c.fsw &= ~C1;
                write(c, 0, op == 0 ? se0 ^ 0x8000 : se0 & 0x7FFF, m0);
                return u.next;
            }
            case 2 -> { // ftst
                int r = Float80.compare(se0, m0, 0, 0, false, o);
                return compare(c, u, r, o, false, 0);
            }
            case 3 -> { // fxam
                int cc = (se0 & 0x8000) != 0 ? C1 : 0;
                if (empty(c, 0)) cc |= X87Flags.C3 | X87Flags.C0;
                else if (Float80.isUnsupported(se0, m0)) cc |= 0;
                else if (Float80.isNaN(se0, m0)) cc |= X87Flags.C0;
                else if (Float80.isInf(se0, m0)) cc |= X87Flags.C2 | X87Flags.C0;
                else if (Float80.isZero(se0, m0)) cc |= X87Flags.C3;
                else if (Float80.isDenormal(se0, m0)) cc |= X87Flags.C3 | X87Flags.C2;
                else cc |= X87Flags.C2;
                c.fsw = (c.fsw & ~X87Flags.CC_ALL) | cc;
                return u.next;
            }
            case 4, 10 -> { // fld1, fldz
                return push(c, u, op == 4 ? 0x3FFF : 0, op == 4 ? Float80.INT_BIT : 0);
            }
            case 5, 6, 7, 8, 9 -> {
                long[] k = CONST[op - 5];
                Float80.constant((int) k[0], k[1], k[2], c.fcw, o);
                return push(c, u, o.se, o.mant);
            }
            case 11 -> { Float80.sqrt(se0, m0, c.fcw, o); return result(c, u, 0, o); }
            case 12 -> { Float80.roundToInt(se0, m0, c.fcw, o); return result(c, u, 0, o); }
            case 13 -> {
                int p1 = phys(c, 1);
                Float80.scale(se0, m0, c.x87SignExp[p1], c.x87Mant[p1], c.fcw, o);
                return result(c, u, 0, o);
            }
            case 14 -> { // fxtract: ST(0) = exponent, then push the significand
                Float80.Out e = out(1);
                Float80.extract(se0, m0, o, e);
                int f = o.flags | e.flags;
                if ((f & 0x3F & ~c.fcw) != 0) return IntExec.STOP;
                if ((c.ftw >>> ((top(c) - 1) & 7) & 1) != 0) { // overflow
                    if ((c.fcw & IE) == 0) return IntExec.STOP;
                    c.fsw |= IE | SF | C1;
                    write(c, 0, Float80.INDEF_SE, Float80.INDEF_MANT);
                    return push(c, u, Float80.INDEF_SE, Float80.INDEF_MANT);
                }
                c.fsw = (c.fsw & ~C1) | (f & 0x3F);
                write(c, 0, e.se, e.mant);
                return push(c, u, o.se, o.mant);
            }
            case 15, 16 -> {
                int p1 = phys(c, 1);
                int cc = Float80.remainder(se0, m0, c.x87SignExp[p1], c.x87Mant[p1], op == 16, o);
                if ((o.flags & 0x3F & ~c.fcw) != 0) return IntExec.STOP;
                // no quotient (NaN operand or invalid): C1 and C2 are cleared, C0/C3 keep their values (as measured)
                c.fsw = cc < 0 ? c.fsw & ~(X87Flags.C2 | C1) | (o.flags & 0x3F) : (c.fsw & ~X87Flags.CC_ALL) | cc | (o.flags & 0x3F);
                write(c, 0, o.se, o.mant);
                return u.next;
            }
            case 17, 18 -> { // fincstp, fdecstp
                setTop(c, top(c) + (op == 17 ? 1 : -1));
                c.fsw &= ~C1;
                return u.next;
            }
            case 19 -> { return u.next; }
            case 20 -> { // fxch
                boolean e0 = empty(c, 0), ei = empty(c, i);
                if (e0 || ei) {
                    if (!underflowOk(c)) return IntExec.STOP;
                    if (e0) write(c, 0, Float80.INDEF_SE, Float80.INDEF_MANT);
                    if (ei) write(c, i, Float80.INDEF_SE, Float80.INDEF_MANT);
                }
                int p0 = phys(c, 0), pi = phys(c, i);
                int s = c.x87SignExp[p0];
                long m = c.x87Mant[p0];
                c.x87SignExp[p0] = c.x87SignExp[pi];
                c.x87Mant[p0] = c.x87Mant[pi];
                c.x87SignExp[pi] = s;
                c.x87Mant[pi] = m;
                if (!(e0 || ei)) c.fsw &= ~C1;
                return u.next;
            }
            case 21 -> { // ffree
                c.ftw &= ~(1 << phys(c, i));
                c.fsw &= ~C1; // as measured
                return u.next;
            }
            case 22, 23 -> { // fcompp, fucompp
                int p1 = phys(c, 1);
                int r = Float80.compare(se0, m0, c.x87SignExp[p1], c.x87Mant[p1], op == 23, o);
                return compare(c, u, r, o, false, 2);
            }
            case 24, 25, 26, 27, 28, 29 -> { // fucom, fucomp, fcomi, fucomi, fcomip, fucomip
                int pi = phys(c, i);
                boolean quiet = op == 24 || op == 25 || op == 27 || op == 29;
                int r = Float80.compare(se0, m0, c.x87SignExp[pi], c.x87Mant[pi], quiet, o);
                return compare(c, u, r, o, op >= 26, op == 25 || op == 28 || op == 29 ? 1 : 0);
            }
            case 30, 31, 32, 33, 34, 35, 36, 37 -> { // fcmovcc (C1 unchanged, as measured)
                if (x.cond(FCMOV_CC[op - 30])) {
                    int pi = phys(c, i);
                    write(c, 0, c.x87SignExp[pi], c.x87Mant[pi]);
                }
                return u.next;
            }
            case 40, 41, 43 -> { // fsin, fcos, fptan
                if (op == 43 && pushStops(c)) return IntExec.STOP;
                int cw = c.fcw;
                if (!Float80Transcendental.trig(op == 40 ? Float80Transcendental.SIN : op == 41 ? Float80Transcendental.COS
                        : Float80Transcendental.TAN, se0, m0, cw, o)) {
                    c.fsw |= X87Flags.C2;
                    return u.next;
                }
                if ((o.flags & 0x3F & ~c.fcw) != 0) return IntExec.STOP;
                c.fsw = (c.fsw & ~(C1 | X87Flags.C2)) | (o.flags & (0x3F | C1));
                write(c, 0, o.se, o.mant);
                if (op != 43) return u.next;
                // fptan pushes 1.0, or the same NaN when the operand was a NaN or invalid (as measured)
                boolean nan = Float80.isNaN(o.se, o.mant);
                return push(c, u, nan ? o.se : 0x3FFF, nan ? o.mant : Float80.INT_BIT);
            }
            case 42 -> { // fsincos: ST(0) = sin, then push cos
                if (pushStops(c)) return IntExec.STOP;
                Float80.Out co = out(1);
                if (!Float80Transcendental.trig(Float80Transcendental.SIN, se0, m0, c.fcw, o)) {
                    c.fsw |= X87Flags.C2;
                    return u.next;
                }
                Float80Transcendental.trig(Float80Transcendental.COS, se0, m0, c.fcw, co);
                int f = o.flags | co.flags;
                if ((f & 0x3F & ~c.fcw) != 0) return IntExec.STOP;
                c.fsw = (c.fsw & ~(C1 | X87Flags.C2)) | (f & 0x3F) | (co.flags & C1);
                write(c, 0, o.se, o.mant);
                return push(c, u, co.se, co.mant);
            }
            case 44, 46, 47 -> { // fpatan, fyl2x, fyl2xp1: ST(1) = f(ST(1), ST(0)), pop
                int p1 = phys(c, 1);
                if (op == 44) Float80Transcendental.atan2(c.x87SignExp[p1], c.x87Mant[p1], se0, m0, c.fcw, o);
                else Float80Transcendental.yl2x(c.x87SignExp[p1], c.x87Mant[p1], se0, m0, op == 47, c.fcw, o);
                if ((o.flags & 0x3F & ~c.fcw) != 0) return IntExec.STOP;
                c.fsw = (c.fsw & ~C1) | (o.flags & (0x3F | C1));
                write(c, 1, o.se, o.mant);
                pop(c);
                return u.next;
            }
            case 45 -> { Float80Transcendental.f2xm1(se0, m0, c.fcw, o); return result(c, u, 0, o); }
            case 38 -> { // fnsave: environment, ST(0)..ST(7), then fninit
                SandboxMemory mem = x.mem();
                long a = x.ea(u);
                mem.checkWritable(a, 108);
                X87Exec.storeEnv(c, mem, a);
                for (int k = 0; k < 8; k++) {
                    int p = phys(c, k);
                    mem.write64(a + 28 + 10L * k, c.x87Mant[p]);
                    mem.write16(a + 36 + 10L * k, (short) c.x87SignExp[p]);
                }
                c.fcw = 0x037F;
                c.fsw = 0;
                c.ftw = 0;
                return u.next;
            }
            default -> { // frstor
                SandboxMemory mem = x.mem();
                long a = x.ea(u);
                X87Exec.loadEnv(c, mem, a);
                for (int k = 0; k < 8; k++) {
                    int p = phys(c, k);
                    c.x87Mant[p] = mem.read64(a + 28 + 10L * k);
                    c.x87SignExp[p] = mem.read16(a + 36 + 10L * k) & 0xFFFF;
                }
                return (c.fsw & 0x3F & ~c.fcw) != 0 ? IntExec.STOP : u.next;
            }
        }
    }

    /** A push now would overflow with IE unmasked: stop before changing anything. */
    private static boolean pushStops(CpuState c) {
        return (c.ftw >>> ((top(c) - 1) & 7) & 1) != 0 && (c.fcw & IE) == 0;
    }

    private static long push(CpuState c, Uop u, int se, long m) {
        boolean overflow = (c.ftw >>> ((top(c) - 1) & 7) & 1) != 0;
        if (!overflow) c.fsw &= ~C1;
        return X87Ops.push(c, se, m) ? u.next : IntExec.STOP;
    }

    /** Records a compare: FSW C3/C2/C0 or RFLAGS ZF/PF/CF ({@code eflags}), then pops {@code pops}. */
    private static long compare(CpuState c, Uop u, int r, Float80.Out o, boolean eflags, int pops) {
        if ((o.flags & 0x3F & ~c.fcw) != 0) return IntExec.STOP;
        // fcomi/fucomi leave C1 as it was without a stack fault (measured on the host; the SDM says "set to 0")
        c.fsw = (eflags ? c.fsw : c.fsw & ~C1) | (o.flags & 0x3F);
        if (eflags) c.setRflags((c.rflags() & ~0x8D5L) | X87Flags.compareEflags(r));
        else X87Ops.compareResult(c, r);
        for (int k = 0; k < pops; k++) pop(c);
        return u.next;
    }

    /** Masked stack-underflow responses for the forms that read missing registers. */
    private static long stackUnderflow(IntExec x, CpuState c, Uop u, int op, int i) {
        if (!underflowOk(c)) return IntExec.STOP;
        switch (op) {
            case 2, 22, 23, 24, 25 -> X87Ops.compareResult(c, Float80.CMP_UN);
            case 26, 27, 28, 29 -> c.setRflags((c.rflags() & ~0x8D5L) | X87Flags.compareEflags(Float80.CMP_UN));
            case 14 -> {
                write(c, 0, Float80.INDEF_SE, Float80.INDEF_MANT);
                return push(c, u, Float80.INDEF_SE, Float80.INDEF_MANT);
            }
            case 15, 16 -> {
                c.fsw &= ~X87Flags.C2;
                write(c, 0, Float80.INDEF_SE, Float80.INDEF_MANT);
            }
            case 44, 46, 47 -> {
                write(c, 1, Float80.INDEF_SE, Float80.INDEF_MANT);
                pop(c);
            }
            case 42, 43 -> {
                write(c, 0, Float80.INDEF_SE, Float80.INDEF_MANT);
                return push(c, u, Float80.INDEF_SE, Float80.INDEF_MANT);
            }
            default -> write(c, 0, Float80.INDEF_SE, Float80.INDEF_MANT);
        }
        if (op == 22 || op == 23) { pop(c); pop(c); }
        if (op == 25 || op == 28 || op == 29) pop(c);
        return u.next;
    }
}
