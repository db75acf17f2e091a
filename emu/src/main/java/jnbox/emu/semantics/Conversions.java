package jnbox.emu.semantics;

/**
 * SSE/SSE2 conversions on raw bits (SDM vol. 2 CVT*). Out-of-range and NaN sources convert to the
 * "integer indefinite" value (0x80000000 / 0x8000000000000000), never Java's saturated casts.
 * The non-truncating forms round by MXCSR.RC ({@code rc} 0 nearest-even, 1 down, 2 up, 3 toward
 * zero). Float narrowing/widening of NaNs keeps sign and the top payload bits and quiets.
 */
public final class Conversions {
    private Conversions() {}

    /** MXCSR.DAZ (bit 6): denormal sources read as zero of the same sign (SDM vol. 1 §10.2.3.4). */
    public static final int MXCSR_DAZ = 1 << 6;

    /** A double source as the SSE unit reads it: a denormal is +/-0 when DAZ is set. */
    public static long dazDouble(long bits, int mxcsr) {
        if ((mxcsr & MXCSR_DAZ) != 0 && (bits & 0x7FF0_0000_0000_0000L) == 0) return bits & 0x8000_0000_0000_0000L;
        return bits;
    }

    /** A float source (low 32 bits) as the SSE unit reads it: a denormal is +/-0 when DAZ is set. */
    public static int dazFloat(int bits, int mxcsr) {
        if ((mxcsr & MXCSR_DAZ) != 0 && (bits & 0x7F80_0000) == 0) return bits & 0x8000_0000;
        return bits;
    }

    /** Two packed floats of {@code v}, each read through {@link #dazFloat}. */
    public static long dazFloat2(long v, int mxcsr) {
        if ((mxcsr & MXCSR_DAZ) == 0) return v;
        return (dazFloat((int) v, mxcsr) & 0xFFFF_FFFFL) | (long) dazFloat((int) (v >>> 32), mxcsr) << 32;
    }

    public static final int INDEFINITE32 = 0x8000_0000;
    public static final long INDEFINITE64 = 0x8000_0000_0000_0000L;

    /** Rounds to an integral double by MXCSR.RC. */
    public static double round(double v, int rc) {
        return switch (rc & 3) {
            case 0 -> Math.rint(v);
            case 1 -> Math.floor(v);
            case 2 -> Math.ceil(v);
            default -> v < 0 ? Math.ceil(v) : Math.floor(v);
        };
    }

    /** An integral double to a 32-bit integer, or the indefinite value when it does not fit. */
    private static int toInt32(double integral) {
        if (Double.isNaN(integral) || integral >= 0x1p31 || integral < -0x1p31) return INDEFINITE32;
        return (int) integral;
    }

    private static long toInt64(double integral) {
        if (Double.isNaN(integral) || integral >= 0x1p63 || integral < -0x1p63) return INDEFINITE64;
        return (long) integral;
    }

    // Rounding toward zero is exact on doubles, and every float is a double exactly.

    public static int cvttsd2si32(long d) { return toInt32(round(Double.longBitsToDouble(d), 3)); }

    public static long cvttsd2si64(long d) { return toInt64(round(Double.longBitsToDouble(d), 3)); }

    public static int cvtsd2si32(long d, int rc) { return toInt32(round(Double.longBitsToDouble(d), rc)); }

    public static long cvtsd2si64(long d, int rc) { return toInt64(round(Double.longBitsToDouble(d), rc)); }

    public static int cvttss2si32(int f) { return toInt32(round(Float.intBitsToFloat(f), 3)); }

    public static long cvttss2si64(int f) { return toInt64(round(Float.intBitsToFloat(f), 3)); }

    public static int cvtss2si32(int f, int rc) { return toInt32(round(Float.intBitsToFloat(f), rc)); }

    public static long cvtss2si64(int f, int rc) { return toInt64(round(Float.intBitsToFloat(f), rc)); }

    /** CVTSI2SD from a 32-bit integer: exact. */
    public static long cvtsi2sd32(int v) { return Double.doubleToRawLongBits(v); }

    /** CVTSS2SD: exact; a NaN keeps sign and payload (shifted up) and is quieted. */
    public static long cvtss2sd(int f) {
        if (SseFloat.isNaN(f)) {
            long sign = (long) (f >>> 31) << 63;
            long payload = (long) (f & 0x003F_FFFF) << 29;
            return sign | 0x7FF8_0000_0000_0000L | payload;
        }
        return Double.doubleToRawLongBits(Float.intBitsToFloat(f));
    }

    /** CVTSD2SS: rounded to nearest; a NaN keeps sign and the top payload bits and is quieted. */
    public static int cvtsd2ss(long d) {
        if (SseFloat.isNaN(d)) {
            int sign = (int) (d >>> 63) << 31;
            int payload = (int) (d >>> 29) & 0x003F_FFFF;
            return sign | 0x7FC0_0000 | payload;
        }
        return Float.floatToRawIntBits((float) Double.longBitsToDouble(d));
    }

    // ------------------------------------------------ under the whole MXCSR (flags into env)

    /** CVTSS2SD/CVTPS2PD lane: exact; SNaN quieted with IE, DE or DAZ for a denormal. */
    public static long cvtss2sd(int f, MxcsrEnv env) {
        if (SseFloat.isNaN(f)) {
            if (SseMath.snan(f)) env.flags |= MxcsrFlags.IE;
            return cvtss2sd(f);
        }
        return cvtss2sd(SseMath.src(f, env));
    }

    /** CVTSD2SS/CVTPD2PS lane: rounded by MXCSR.RC, overflow, underflow and FTZ as arithmetic. */
    public static int cvtsd2ss(long d, MxcsrEnv env) {
        if (SseFloat.isNaN(d)) {
            if (SseMath.snan(d)) env.flags |= MxcsrFlags.IE;
            return cvtsd2ss(d);
        }
        d = SseMath.src(d, env);
        double v = Double.longBitsToDouble(d);
        if (v == 0 || Double.isInfinite(v)) return cvtsd2ss(d);
        if (Math.abs(v) < Double.MIN_NORMAL) { // a denormal double is far below the float range
            return (int) FpRound.roundBig(d < 0, java.math.BigInteger.valueOf(SseMath.mant(d)), false,
                    SseMath.exp(d), false, env);
        }
        return (int) FpRound.round(d < 0, Math.abs(v), 0, 0, false, env);
    }

    /** CVTSI2SS/CVTDQ2PS from a (sign-extended) integer, rounded by MXCSR.RC; PE when inexact. */
    public static int cvtsi2ss(long v, MxcsrEnv env) { return (int) fromLong(v, false, env); }

    /** CVTSI2SD from a (sign-extended) integer, rounded by MXCSR.RC; PE when inexact. */
    public static long cvtsi2sd(long v, MxcsrEnv env) { return fromLong(v, true, env); }

    private static long fromLong(long v, boolean dbl, MxcsrEnv env) {
        if (v == 0) return 0;
        boolean neg = v < 0;
        long mag = neg ? -v : v;
        if (mag == Long.MIN_VALUE) return FpRound.round(neg, 0x1p63, 0, 0, dbl, env); // 2^63
        int s = Math.max(0, 64 - Long.numberOfLeadingZeros(mag) - 53);
        double h = (double) (mag >>> s << s), l = (double) (mag & ((1L << s) - 1)); // truncation, exact
        return FpRound.round(neg, h, l, 0, dbl, env);
    }

    /**
     * CVT(T)SS2SI/CVT(T)SD2SI/CVT(T)PS2DQ/CVT(T)PD2DQ lane from the source as a double (a float
     * source widened exactly) and its denormal-ness: rounded by MXCSR.RC or truncated, the integer
     * indefinite with IE for NaN or out-of-range sources, PE when inexact. DAZ applies, DE never.
     */
    public static long toInt(double v, boolean denormal, boolean truncate, boolean is64, MxcsrEnv env) {
        if (denormal && env.daz()) v = 0;
        int rc = truncate ? 3 : env.rc();
        env.flags |= MxcsrFlags.ofToInt(v, rc, is64);
        return is64 ? toInt64(round(v, rc)) : toInt32(round(v, rc));
    }
}
