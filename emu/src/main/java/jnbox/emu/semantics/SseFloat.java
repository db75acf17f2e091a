package jnbox.emu.semantics;

/**
 * SSE/SSE2 floating-point arithmetic on raw bit patterns (SDM vol. 1 §4.8, §11.5; vol. 2 ADDSS...).
 * Values stay {@code int}/{@code long} bits so NaN payloads survive. NaN rules (vol. 1 Table 4-7):
 * a NaN operand makes the result that NaN, quieted, the first (destination) operand winning when
 * both are NaN; an invalid operation on non-NaN operands gives the negative "QNaN floating-point
 * indefinite". MINxx/MAXxx return the second operand when either is NaN or both are zero.
 *
 * <p>These are the fast path for the default MXCSR control: round-to-nearest-even (Java
 * arithmetic), no FTZ/DAZ, flags from {@link MxcsrFlags}. Under any other control engines use
 * {@link SseMath} (all rounding modes, FTZ, DAZ, flags in one pass).
 */
public final class SseFloat {
    private SseFloat() {}

    public static final int INDEFINITE_S = 0xFFC0_0000;
    public static final long INDEFINITE_D = 0xFFF8_0000_0000_0000L;

    public static boolean isNaN(int a) { return (a & 0x7FFF_FFFF) > 0x7F80_0000; }

    public static boolean isNaN(long a) { return (a & 0x7FFF_FFFF_FFFF_FFFFL) > 0x7FF0_0000_0000_0000L; }

    public static int quiet(int a) { return a | 0x0040_0000; }

    public static long quiet(long a) { return a | 0x0008_0000_0000_0000L; }

    /** Result of a binary op given Java's result {@code r}: NaN operands and invalid operations per x86. */
    private static int fix(int a, int b, float r) {
        if (isNaN(a)) return quiet(a);
        if (isNaN(b)) return quiet(b);
        return Float.isNaN(r) ? INDEFINITE_S : Float.floatToRawIntBits(r);
    }

    private static long fix(long a, long b, double r) {
        if (isNaN(a)) return quiet(a);
        if (isNaN(b)) return quiet(b);
        return Double.isNaN(r) ? INDEFINITE_D : Double.doubleToRawLongBits(r);
    }

    private static float f(int a) { return Float.intBitsToFloat(a); }

    private static double d(long a) { return Double.longBitsToDouble(a); }

    public static int addss(int a, int b) { return fix(a, b, f(a) + f(b)); }

    public static int subss(int a, int b) { return fix(a, b, f(a) - f(b)); }

    public static int mulss(int a, int b) { return fix(a, b, f(a) * f(b)); }

    public static int divss(int a, int b) { return fix(a, b, f(a) / f(b)); }

    public static long addsd(long a, long b) { return fix(a, b, d(a) + d(b)); }

    public static long subsd(long a, long b) { return fix(a, b, d(a) - d(b)); }

    public static long mulsd(long a, long b) { return fix(a, b, d(a) * d(b)); }

    public static long divsd(long a, long b) { return fix(a, b, d(a) / d(b)); }

    /** SQRTSS of b (the source). */
    public static int sqrtss(int b) {
        if (isNaN(b)) return quiet(b);
        float r = (float) Math.sqrt(f(b)); // exact: double sqrt rounded to float is correctly rounded
        return Float.isNaN(r) ? INDEFINITE_S : Float.floatToRawIntBits(r);
    }

    public static long sqrtsd(long b) {
        if (isNaN(b)) return quiet(b);
        double r = Math.sqrt(d(b));
        return Double.isNaN(r) ? INDEFINITE_D : Double.doubleToRawLongBits(r);
    }

    /**
     * RCPSS: an approximate reciprocal. The SDM allows any result within 1.5 * 2^-12 relative error;
     * jnbox returns the correctly rounded reciprocal, which is within it (Intel's exact table
     * values are not reproduced). Denormal inputs count as zero and denormal results flush to
     * zero, as the SDM describes.
     */
    public static int rcpss(int b) {
        if (isNaN(b)) return quiet(b);
        int sign = b & 0x8000_0000;
        if ((b & 0x7F80_0000) == 0) return sign | 0x7F80_0000;          // ±0 or denormal -> ±inf
        float r = 1.0f / f(b);
        if (Math.abs(r) < Float.MIN_NORMAL) return sign;                 // tiny -> ±0
        return Float.floatToRawIntBits(r);
    }

    /** RSQRTSS: approximate 1/sqrt (correctly rounded here); negative non-zero inputs give the indefinite NaN. */
    public static int rsqrtss(int b) {
        if (isNaN(b)) return quiet(b);
        int sign = b & 0x8000_0000;
        if ((b & 0x7F80_0000) == 0) return sign | 0x7F80_0000;          // ±0 or denormal -> ±inf
        if (sign != 0) return INDEFINITE_S;
        return Float.floatToRawIntBits((float) (1.0 / Math.sqrt(f(b))));
    }

    /** MINSS: {@code a < b ? a : b} (so b for NaNs and for ±0 pairs). */
    public static int minss(int a, int b) { return !isNaN(a) && !isNaN(b) && f(a) < f(b) ? a : b; }

    public static int maxss(int a, int b) { return !isNaN(a) && !isNaN(b) && f(a) > f(b) ? a : b; }

    public static long minsd(long a, long b) { return !isNaN(a) && !isNaN(b) && d(a) < d(b) ? a : b; }

    public static long maxsd(long a, long b) { return !isNaN(a) && !isNaN(b) && d(a) > d(b) ? a : b; }

    /**
     * CMPSS/CMPSD predicate 0..7 (EQ, LT, LE, UNORD, NEQ, NLT, NLE, ORD; SDM vol. 2 Table 3-1):
     * true or false; the caller turns it into an all-ones/zero mask.
     */
    public static boolean cmp(int pred, double a, double b, boolean unordered) {
        return switch (pred & 7) {
            case 0 -> !unordered && a == b;
            case 1 -> !unordered && a < b;
            case 2 -> !unordered && a <= b;
            case 3 -> unordered;
            case 4 -> unordered || a != b;
            case 5 -> unordered || !(a < b);
            case 6 -> unordered || !(a <= b);
            default -> !unordered;
        };
    }

    public static int cmpss(int pred, int a, int b) {
        return cmp(pred, f(a), f(b), isNaN(a) || isNaN(b)) ? -1 : 0;
    }

    public static long cmpsd(int pred, long a, long b) {
        return cmp(pred, d(a), d(b), isNaN(a) || isNaN(b)) ? -1L : 0;
    }

    /** UCOMISS/COMISS flags: ZF PF CF = 111 unordered, 000 greater, 001 less, 100 equal; OF SF AF 0. */
    public static long comissFlags(int a, int b) {
        if (isNaN(a) || isNaN(b)) return Flags.ZF | Flags.PF | Flags.CF;
        float x = f(a), y = f(b);
        return x < y ? Flags.CF : x == y ? Flags.ZF : 0;
    }

    public static long comisdFlags(long a, long b) {
        if (isNaN(a) || isNaN(b)) return Flags.ZF | Flags.PF | Flags.CF;
        double x = d(a), y = d(b);
        return x < y ? Flags.CF : x == y ? Flags.ZF : 0;
    }
}
