package jnbox.emu.semantics;

import static jnbox.emu.semantics.Flags.mask;
import static jnbox.emu.semantics.Flags.sext;

import jnbox.emu.mem.GuestFault;

/**
 * MUL, IMUL, DIV and IDIV (SDM vol. 2). The double-width forms work on the pair (hi, lo) that the
 * instruction keeps in rDX:rAX (AH:AL for bytes); results come back as two calls (low/high,
 * quotient/remainder) so each stays a pure function of primitives. Flags: {@link Flags#MUL} with
 * a = {@link #mulOverflow}/{@link #imulOverflow}; DIV/IDIV leave the flags undefined and
 * jnbox leaves them unchanged. A zero divisor or a quotient too large raises #DE
 * ({@link #divideError()}: SIGFPE, as sel_ldr reports it).
 */
public final class DivMul {
    private DivMul() {}

    /** The #DE exception: a GuestFault with SIGFPE. */
    public static GuestFault divideError() {
        return new GuestFault(GuestFault.Kind.DIVIDE, GuestFault.SIGFPE, 0, "divide error");
    }

    // ---------------------------------------------------------------- multiply

    /** Low half of the unsigned product (MUL) or of the signed product (IMUL): the same bits. */
    public static long mulLo(int size, long a, long b) { return (a * b) & mask(size); }

    /** High half of the unsigned product (MUL: rDX, or AH for bytes). */
    public static long mulHi(int size, long a, long b) {
        if (size == 8) return Math.unsignedMultiplyHigh(a, b);
        return ((a & mask(size)) * (b & mask(size))) >>> (size << 3) & mask(size);
    }

    /** High half of the signed product (IMUL one-operand form). */
    public static long imulHi(int size, long a, long b) {
        if (size == 8) return Math.multiplyHigh(a, b);
        return (sext(size, a) * sext(size, b)) >> (size << 3) & mask(size);
    }

    /** CF=OF for MUL: the high half is nonzero. */
    public static long mulOverflow(int size, long a, long b) { return mulHi(size, a, b) != 0 ? 1 : 0; }

    /** CF=OF for IMUL (all forms): the signed product does not fit the destination size. */
    public static long imulOverflow(int size, long a, long b) {
        if (size == 8) {
            long lo = a * b;
            return Math.multiplyHigh(a, b) != (lo >> 63) ? 1 : 0;
        }
        long p = sext(size, a) * sext(size, b);
        return sext(size, p) != p ? 1 : 0;
    }

    // ---------------------------------------------------------------- divide

    /** DIV quotient of hi:lo by d; #DE when d is 0 or the quotient does not fit. */
    public static long divQuot(int size, long hi, long lo, long d) {
        d &= mask(size);
        hi &= mask(size);
        if (d == 0 || Long.compareUnsigned(hi, d) >= 0) throw divideError();
        if (size == 8) return udiv128(hi, lo, d);
        long n = hi << (size << 3) | (lo & mask(size));
        return Long.divideUnsigned(n, d);
    }

    /** DIV remainder (call after {@link #divQuot}, which checks for #DE). */
    public static long divRem(int size, long hi, long lo, long d) {
        d &= mask(size);
        hi &= mask(size);
        if (d == 0 || Long.compareUnsigned(hi, d) >= 0) throw divideError();
        if (size == 8) return lo - udiv128(hi, lo, d) * d;
        long n = hi << (size << 3) | (lo & mask(size));
        return Long.remainderUnsigned(n, d);
    }

    /** IDIV quotient (truncated toward zero); #DE when d is 0 or the quotient overflows. */
    public static long idivQuot(int size, long hi, long lo, long d) {
        if (size == 8) return idiv128(hi, lo, d, true);
        long n = (hi & mask(size)) << (size << 3) | (lo & mask(size));
        long sn = sext(size << 1, n), sd = sext(size, d);
        if (sd == 0) throw divideError();
        long q = sn / sd;
        if (sext(size, q) != q) throw divideError();
        return q & mask(size);
    }

    /** IDIV remainder (sign of the dividend). */
    public static long idivRem(int size, long hi, long lo, long d) {
        if (size == 8) return idiv128(hi, lo, d, false);
        long n = (hi & mask(size)) << (size << 3) | (lo & mask(size));
        long sn = sext(size << 1, n), sd = sext(size, d);
        if (sd == 0) throw divideError();
        long q = sn / sd;
        if (sext(size, q) != q) throw divideError();
        return (sn % sd) & mask(size);
    }

    /** Unsigned 128/64 division, hi < d (so the quotient fits 64 bits): bit-serial restoring. */
    static long udiv128(long hi, long lo, long d) {
        if (hi == 0) return Long.divideUnsigned(lo, d);
        long q = 0;
        for (int i = 63; i >= 0; i--) {
            boolean carry = hi < 0;
            hi = hi << 1 | lo >>> 63;
            lo <<= 1;
            if (carry || Long.compareUnsigned(hi, d) >= 0) {
                hi -= d;
                q |= 1L << i;
            }
        }
        return q;
    }

    private static long idiv128(long hi, long lo, long d, boolean quotient) {
        if (d == 0) throw divideError();
        boolean negN = hi < 0, negD = d < 0;
        long nh = hi, nl = lo;
        if (negN) { // two's complement negate of the 128-bit value
            nl = -lo;
            nh = ~hi + (lo == 0 ? 1 : 0);
        }
        long ud = negD ? -d : d;
        // |q| must fit: unsigned hi < |d| is necessary for the unsigned divide itself
        if (Long.compareUnsigned(nh, ud) >= 0) throw divideError();
        long uq = udiv128(nh, nl, ud);
        long ur = nl - uq * ud;
        boolean negQ = negN != negD;
        if (negQ ? Long.compareUnsigned(uq, 1L << 63) > 0 : uq < 0) throw divideError();
        if (quotient) return negQ ? -uq : uq;
        return negN ? -ur : ur;
    }
}
