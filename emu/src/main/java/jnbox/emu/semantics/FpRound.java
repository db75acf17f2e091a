package jnbox.emu.semantics;

import java.math.BigInteger;

/**
 * Rounds a real value to single or double precision as the SSE unit does (SDM vol. 1 §4.8.4,
 * §4.9.1.4-4.9.1.6, §10.2.3.3): by MXCSR.RC, with overflow to infinity or the largest finite
 * number as RC says, tininess detected after rounding (with an unbounded exponent; measured on
 * the host, see {@code SseMxcsrHostTest}), denormalized or flushed to a signed zero by FTZ, and
 * the flags PE, UE, OE. Java only rounds to nearest, so the value comes in as {@code h + l} with
 * {@code h} a positive normal double and {@code l} either its rounding error (error-free
 * transforms: TwoSum, an fma residual; then |l| <= ulp(h)/2) or a truncation rest (0 <= l <
 * ulp(h)); only l's sign and its order against half a target ulp matter, never more bits.
 */
final class FpRound {
    private FpRound() {}

    private static final int OE = MxcsrFlags.OE, UE = MxcsrFlags.UE, PE = MxcsrFlags.PE;

    /**
     * The value {@code (neg ? -1 : 1) * (h + l) * 2^e} rounded to double ({@code dbl}) or single
     * (float bits in the low 32 bits), raising PE/UE/OE in {@code env}. h must be positive and normal.
     */
    static long round(boolean neg, double h, double l, int e, boolean dbl, MxcsrEnv env) {
        int p = dbl ? 53 : 24, emin = dbl ? -1022 : -126, emax = dbl ? 1023 : 127;
        int rc = env.rc();
        int eh = Math.getExponent(h);
        int ev = eh + e;                                     // exponent of the exact value
        if (l < 0 && (Double.doubleToRawLongBits(h) & 0x000F_FFFF_FFFF_FFFFL) == 0) ev--;
        int qe = ev - p + 1;                                 // quantum with an unbounded exponent
        long r = roundAt(h, l, e - qe, rc, neg);
        long m = r >> 1;
        int er = m == 1L << p ? ev + 1 : ev;                 // exponent after rounding
        if (er > emax) {
            env.flags |= OE | PE;
            return overflow(neg, rc, dbl);
        }
        if (er >= emin) {
            if ((r & 1) != 0) env.flags |= PE;
            return encode(neg, m, qe, dbl);
        }
        // tiny (after rounding): flush (FTZ with UE masked) or denormalize
        if ((env.mxcsr & (MxcsrEnv.FTZ | MxcsrEnv.UM)) == (MxcsrEnv.FTZ | MxcsrEnv.UM)) {
            env.flags |= UE | PE;
            return encode(neg, 0, 0, dbl);
        }
        int qd = emin - p + 1;
        long rd = roundAt(h, l, e - qd, rc, neg);
        if ((rd & 1) != 0) env.flags |= UE | PE;
        else if ((env.mxcsr & MxcsrEnv.UM) == 0) env.flags |= UE; // unmasked: exact tiny results signal too
        return encode(neg, rd >> 1, qd, dbl);
    }

    /**
     * (h + l) * 2^k rounded to an integer by rc (the sign {@code neg} applies to the value): returns
     * the integer shifted left by one, bit 0 set when rounding was inexact.
     */
    private static long roundAt(double h, double l, int k, int rc, boolean neg) {
        int cls; // fraction beyond n: 0 none, 1 below half, 2 half, 3 above half
        double n;
        if (Math.getExponent(h) + k < -2) { // below a quarter: no digit left
            n = 0;
            cls = 1;
        } else {
            double t = Math.scalb(h, k), lt = Math.scalb(l, k);
            if (lt == 0 && l != 0) lt = Math.copySign(Double.MIN_VALUE, l); // far below a digit: only its sign counts
            n = Math.floor(t);
            double f = t - n;
            if (lt == 0) cls = f == 0 ? 0 : f < 0.5 ? 1 : f == 0.5 ? 2 : 3;
            else if (f == 0) {
                if (lt > 0) cls = lt < 0.5 ? 1 : lt == 0.5 ? 2 : 3;
                else {
                    n -= 1;
                    cls = -lt < 0.5 ? 3 : -lt == 0.5 ? 2 : 1;
                }
            } else cls = f < 0.5 ? 1 : f > 0.5 ? 3 : lt > 0 ? 3 : 1;
        }
        long ni = (long) n;
        boolean up = switch (rc) {
            case 0 -> cls == 3 || (cls == 2 && (ni & 1) != 0);
            case 1 -> cls != 0 && neg;
            case 2 -> cls != 0 && !neg;
            default -> false;
        };
        return (ni + (up ? 1 : 0)) << 1 | (cls != 0 ? 1 : 0);
    }

    /** sign * m * 2^qe, exactly representable by construction. */
    private static long encode(boolean neg, long m, int qe, boolean dbl) {
        double v = Math.scalb((double) m, qe);
        if (dbl) return Double.doubleToRawLongBits(v) | (neg ? Long.MIN_VALUE : 0);
        return (Float.floatToRawIntBits((float) v) | (neg ? 0x8000_0000 : 0)) & 0xFFFF_FFFFL;
    }

    /** The masked overflow response (SDM vol. 1 Table 4-10): infinity or the largest finite number. */
    static long overflow(boolean neg, int rc, boolean dbl) {
        boolean inf = rc == 0 || (rc == 1 && neg) || (rc == 2 && !neg);
        if (dbl) return (inf ? 0x7FF0_0000_0000_0000L : 0x7FEF_FFFF_FFFF_FFFFL) | (neg ? Long.MIN_VALUE : 0);
        return (inf ? 0x7F80_0000L : 0x7F7F_FFFFL) | (neg ? 0x8000_0000L : 0);
    }

    /** A signed zero of the format. */
    static long zero(boolean neg, boolean dbl) {
        return neg ? (dbl ? Long.MIN_VALUE : 0x8000_0000L) : 0;
    }

    /** The exact zero of a sum whose terms cancel (IEEE 754 §6.3): -0 only when rounding down. */
    static boolean cancelNeg(int rc) { return rc == 1; }

    /**
     * Rounds {@code (neg ? -1 : 1) * (mag + sticky) * 2^e}, an exact integer magnitude (plus a
     * non-zero fraction below its last bit when {@code sticky}): the rare cases (huge or tiny
     * exponents) where the error-free transforms do not apply.
     */
    static long roundBig(boolean neg, BigInteger mag, boolean sticky, int e, boolean dbl, MxcsrEnv env) {
        int shift = mag.bitLength() - 62;
        long mt;
        if (shift > 0) {
            mt = mag.shiftRight(shift).longValue();
            sticky |= mag.getLowestSetBit() < shift;
        } else {
            mt = mag.longValue() << -shift;
        }
        double h = (double) (mt >>> 9 << 9);                       // the top 53 bits, exactly
        double l = (double) (mt & 0x1FF) + (sticky ? 0.5 : 0);     // the rest: 0 <= l < ulp(h)
        return round(neg, h, l, e + shift, dbl, env);
    }
}
