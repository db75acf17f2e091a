package jnbox.emu.semantics;

/**
 * 64-bit halves of an XMM register through the full-MXCSR lane operations of {@link SseMath} and
 * {@link Conversions}: two float lanes (PS), one double (SD/PD), or the low float of a scalar
 * single (SS, the other bits kept). For a scalar type the upper half ({@code low} false) is the
 * destination unchanged. Types as the interpreter numbers them: {@link #SS}, {@link #SD},
 * {@link #PS}, {@link #PD}; arithmetic op numbers are {@link SseMath#ADD}..{@link SseMath#SQRT},
 * then {@link #RCP}, {@link #RSQRT} (approximations: MXCSR plays no part, no flags).
 */
public final class SseLanes {
    private SseLanes() {}

    public static final int SS = 0, SD = 1, PS = 2, PD = 3;
    public static final int RCP = 7, RSQRT = 8;

    private static final long LOW = 0xFFFF_FFFFL;

    /** Arithmetic on the half {@code a} (destination) and {@code b} (source). */
    public static long arith(int type, int op, long a, long b, boolean low, MxcsrEnv env) {
        return switch (type) {
            case SS -> low ? (a & ~LOW) | (lane(op, (int) a, (int) b, env) & LOW) : a;
            case SD -> low ? SseMath.arith(op, a, b, env) : a;
            case PS -> (lane(op, (int) a, (int) b, env) & LOW) | (long) lane(op, (int) (a >>> 32), (int) (b >>> 32), env) << 32;
            default -> SseMath.arith(op, a, b, env);
        };
    }

    private static int lane(int op, int a, int b, MxcsrEnv env) {
        return switch (op) {
            case RCP -> SseFloat.rcpss(b);
            case RSQRT -> SseFloat.rsqrtss(b);
            default -> SseMath.arith(op, a, b, env);
        };
    }

    /** CMPSS/SD/PS/PD predicate 0..7 on a half: all-ones or zero lanes. */
    public static long cmp(int type, int pred, long a, long b, boolean low, MxcsrEnv env) {
        return switch (type) {
            case SS -> low ? (a & ~LOW) | (SseMath.cmp(pred, (int) a, (int) b, env) & LOW) : a;
            case SD -> low ? SseMath.cmp(pred, a, b, env) : a;
            case PS -> (SseMath.cmp(pred, (int) a, (int) b, env) & LOW) | (long) SseMath.cmp(pred, (int) (a >>> 32), (int) (b >>> 32), env) << 32;
            default -> SseMath.cmp(pred, a, b, env);
        };
    }

    /** CVTDQ2PS on two int32 lanes. */
    public static long cvtdq2ps(long v, MxcsrEnv env) {
        return (Conversions.cvtsi2ss((int) v, env) & LOW) | (long) Conversions.cvtsi2ss((int) (v >>> 32), env) << 32;
    }

    /** CVTPD2PS: the low 64 bits of the result from two doubles. */
    public static long cvtpd2ps(long lo, long hi, MxcsrEnv env) {
        return (Conversions.cvtsd2ss(lo, env) & LOW) | (long) Conversions.cvtsd2ss(hi, env) << 32;
    }
}
