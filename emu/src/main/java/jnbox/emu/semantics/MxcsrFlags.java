package jnbox.emu.semantics;

/**
 * The SIMD floating-point exception flags an SSE operation raises (SDM vol. 1 §11.5.2, §4.9.1):
 * IE invalid, DE denormal operand, ZE divide by zero, OE overflow, UE underflow, PE precision
 * (inexact). Each method is a pure function of the operands and the result the {@link SseFloat}
 * or {@link Conversions} method produced; engines OR the flags into MXCSR, or raise #XM (SIGFPE)
 * when an unmasked flag comes up. Underflow follows the masked-response rule: UE only when the
 * result is tiny and inexact; tininess is detected after rounding with an unbounded exponent (as
 * the host CPU shows).
 */
public final class MxcsrFlags {
    private MxcsrFlags() {}

    public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 16, PE = 32;

    /** Operations: arithmetic, then the comparisons (quiet: SNaN only invalid; signalling: any NaN). */
    public static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MIN = 4, MAX = 5, SQRT = 6, CMP_QUIET = 9,
            CMP_SIGNAL = 10;

    private static boolean snanD(long a) { return SseFloat.isNaN(a) && (a & 0x0008_0000_0000_0000L) == 0; }

    private static boolean snanS(int a) { return SseFloat.isNaN(a) && (a & 0x0040_0000) == 0; }

    private static boolean denD(long a) { return (a & 0x7FF0_0000_0000_0000L) == 0 && (a & 0x000F_FFFF_FFFF_FFFFL) != 0; }

    private static boolean denS(int a) { return (a & 0x7F80_0000) == 0 && (a & 0x007F_FFFF) != 0; }

    private static double d(long a) { return Double.longBitsToDouble(a); }

    private static float f(int a) { return Float.intBitsToFloat(a); }

    /** The rounding error of s = fl(a + b): exact (Knuth's TwoSum) when s is finite. */
    static double twoSumErr(double a, double b, double s) {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    /** Flags of a double-precision operation {@code op} on (a, b) that produced r (b only for SQRT). */
    public static int ofDouble(int op, long a, long b, long r) {
        boolean unary = op == SQRT;
        boolean na = !unary && SseFloat.isNaN(a), nb = SseFloat.isNaN(b);
        if (na || nb) {
            boolean sn = (!unary && snanD(a)) || snanD(b);
            if (sn || op == MIN || op == MAX || op == CMP_SIGNAL) return IE;
            return 0;
        }
        int fl = ((!unary && denD(a)) || denD(b)) ? DE : 0;
        if (op == MIN || op == MAX || op >= CMP_QUIET) return fl;
        double x = d(a), y = d(b), z = d(r);
        // precedence (SDM vol. 1 §11.5.2.1): invalid, then divide-by-zero, then denormal operand
        if (SseFloat.isNaN(r)) return IE;
        if (op == DIV && y == 0 && !Double.isInfinite(x)) return ZE;
        boolean finiteIn = !Double.isInfinite(x) && !Double.isInfinite(y);
        if (Double.isInfinite(z)) return finiteIn || (unary && !Double.isInfinite(y)) ? fl | OE | PE : fl;
        if (unary ? Double.isInfinite(y) : !finiteIn) return fl;
        if (z == 0 && (op == MUL ? x == 0 || y == 0 : op == DIV ? x == 0 : op == SQRT)) return fl; // exact zeros
        // fma gives the exact error/remainder away from the underflow range; SseMath decides near it
        boolean nearTiny = switch (op) {
            case MUL -> Math.abs(z) <= 0x1p-900;
            case DIV -> Math.abs(z) <= 0x1p-900 || Math.abs(x) <= 0x1p-900;
            case SQRT -> y <= 0x1p-900;
            default -> false;
        };
        if (nearTiny) return tinyFlags(op, a, b);
        boolean inexact = switch (op) {
            case ADD -> twoSumErr(x, y, z) != 0;
            case SUB -> twoSumErr(x, -y, z) != 0;
            case MUL -> Math.fma(x, y, -z) != 0;
            case DIV -> Math.fma(-z, y, x) != 0;
            default -> Math.fma(-z, z, y) != 0;
        };
        if (!inexact) return fl;
        if (Math.abs(z) <= Double.MIN_NORMAL) return tinyFlags(op, a, b); // tiny by an unbounded exponent?
        return fl | PE;
    }

    /**
     * Flags of an inexact result at or below the smallest normal: tininess is detected after
     * rounding with an unbounded exponent (measured on the host: 0x3fefffffffffffff * 2^-1022
     * rounds to 2^-1022 yet raises UE), which {@link SseMath} computes exactly. Rare: may allocate.
     */
    private static int tinyFlags(int op, long a, long b) {
        MxcsrEnv env = new MxcsrEnv();
        SseMath.arith(op, a, b, env);
        return env.flags;
    }

    private static int tinyFlags(int op, int a, int b) {
        MxcsrEnv env = new MxcsrEnv();
        SseMath.arith(op, a, b, env);
        return env.flags;
    }

    /** Flags of a single-precision operation (operands and result as float bits). */
    public static int ofFloat(int op, int a, int b, int r) {
        boolean unary = op == SQRT;
        boolean na = !unary && SseFloat.isNaN(a), nb = SseFloat.isNaN(b);
        if (na || nb) {
            boolean sn = (!unary && snanS(a)) || snanS(b);
            if (sn || op == MIN || op == MAX || op == CMP_SIGNAL) return IE;
            return 0;
        }
        int fl = ((!unary && denS(a)) || denS(b)) ? DE : 0;
        if (op == MIN || op == MAX || op >= CMP_QUIET) return fl;
        float x = f(a), y = f(b), z = f(r);
        if (SseFloat.isNaN(r)) return IE;
        if (op == DIV && y == 0 && !Float.isInfinite(x)) return ZE;
        boolean finiteIn = !Float.isInfinite(x) && !Float.isInfinite(y);
        if (Float.isInfinite(z)) return finiteIn || (unary && !Float.isInfinite(y)) ? fl | OE | PE : fl;
        if (unary ? Float.isInfinite(y) : !finiteIn) return fl;
        double dx = x, dy = y, dz = z;
        // float products and squares are exact in double; sums via TwoSum
        boolean inexact = switch (op) {
            case ADD -> { double s2 = dx + dy; yield s2 != dz || twoSumErr(dx, dy, s2) != 0; }
            case SUB -> { double s2 = dx - dy; yield s2 != dz || twoSumErr(dx, -dy, s2) != 0; }
            case MUL -> dx * dy != dz;
            case DIV -> dz * dy != dx;
            default -> dz * dz != dy;
        };
        if (!inexact) return fl;
        if (Math.abs(z) <= Float.MIN_NORMAL) return tinyFlags(op, a, b);
        return fl | PE;
    }

    /** COMISS/UCOMISS (signalling: comis). */
    public static int ofCompareFloat(boolean signalling, int a, int b) {
        return ofFloat(signalling ? CMP_SIGNAL : CMP_QUIET, a, b, 0);
    }

    public static int ofCompareDouble(boolean signalling, long a, long b) {
        return ofDouble(signalling ? CMP_SIGNAL : CMP_QUIET, a, b, 0);
    }

    /** CMPxx predicate: 1, 2, 5, 6 (LT, LE, NLT, NLE) signal on QNaN; 0, 3, 4, 7 are quiet (SDM Table 3-1). */
    public static boolean signallingPredicate(int pred) {
        int p = pred & 7;
        return p == 1 || p == 2 || p == 5 || p == 6;
    }

    /**
     * Float-to-integer conversion of {@code v} (the source, exactly, as a double) to a 32- or 64-bit
     * integer, rounded by MXCSR.RC {@code rc} (3 for the truncating forms): IE when the source is
     * NaN or the rounded value does not fit (the result is the integer indefinite), else PE when
     * rounding changed the value.
     */
    public static int ofToInt(double v, int rc, boolean is64) {
        if (Double.isNaN(v)) return IE;
        double r = Conversions.round(v, rc);
        double lim = is64 ? 0x1p63 : 0x1p31;
        if (r >= lim || r < -lim) return IE;
        return r != v ? PE : 0;
    }

    /** CVTSD2SS. */
    public static int ofNarrow(long a, int r) {
        if (SseFloat.isNaN(a)) return snanD(a) ? IE : 0;
        int fl = denD(a) ? DE : 0;
        double x = d(a);
        float z = f(r);
        if (Double.isInfinite(x)) return fl;
        if (Float.isInfinite(z)) return fl | OE | PE;
        if ((double) z == x) return fl;
        if (Math.abs(z) <= Float.MIN_NORMAL) {
            MxcsrEnv env = new MxcsrEnv();
            Conversions.cvtsd2ss(a, env);
            return env.flags;
        }
        return fl | PE;
    }

    /** CVTSS2SD: exact; IE for SNaN, DE for a denormal source. */
    public static int ofWiden(int a) {
        if (SseFloat.isNaN(a)) return snanS(a) ? IE : 0;
        return denS(a) ? DE : 0;
    }
}
