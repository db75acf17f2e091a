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

    /** CVTSI2SD from a 64-bit integer: rounded to nearest (Java's long-to-double, JLS §5.1.2). */
    public static long cvtsi2sd64(long v) { return Double.doubleToRawLongBits((double) v); }

    /** CVTSI2SS from a 32-bit integer (round to nearest). */
    public static int cvtsi2ss32(int v) { return Float.floatToRawIntBits((float) v); }

    public static int cvtsi2ss64(long v) { return Float.floatToRawIntBits((float) v); }

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
}
