package jnbox.emu.semantics;

import java.math.BigInteger;

/**
 * SSE floating-point arithmetic under the whole MXCSR (SDM vol. 1 §10.2.3, §11.5): rounding
 * control, flush-to-zero, denormals-are-zero and the exception flags, on raw bits (float bits in
 * an {@code int}). Results come from Java's round-to-nearest arithmetic plus an exact error term
 * (TwoSum for sums, an fma residual for products, quotients and roots), which {@link FpRound}
 * turns into the directed roundings; values near the ends of the exponent range take an exact
 * {@link BigInteger} path instead. Flags are ORed into {@link MxcsrEnv#flags}.
 *
 * <p>NaNs (SDM vol. 1 Table 4-7): the first source NaN wins, quieted; an SNaN raises IE; an
 * invalid operation on non-NaN operands gives the QNaN indefinite. Flag precedence (§11.5.2.1):
 * IE, then ZE, then DE with the post-computation flags (OE, UE, PE).
 */
public final class SseMath {
    private SseMath() {}

    /** Binary operations (the interpreter's FARITH numbering). */
    public static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MIN = 4, MAX = 5, SQRT = 6;

    static final int IE = MxcsrFlags.IE, DE = MxcsrFlags.DE, ZE = MxcsrFlags.ZE;
    private static final long SIGN_D = Long.MIN_VALUE;
    private static final int SIGN_S = 0x8000_0000;

    // ---------------------------------------------------------------- operand classes

    static boolean snan(int a) { return SseFloat.isNaN(a) && (a & 0x0040_0000) == 0; }

    static boolean snan(long a) { return SseFloat.isNaN(a) && (a & 0x0008_0000_0000_0000L) == 0; }

    static boolean denormal(int a) { return (a & 0x7F80_0000) == 0 && (a & 0x007F_FFFF) != 0; }

    static boolean denormal(long a) { return (a & 0x7FF0_0000_0000_0000L) == 0 && (a & 0x000F_FFFF_FFFF_FFFFL) != 0; }

    /** A source operand as read: a denormal is zero under DAZ, else it raises DE. */
    static int src(int a, MxcsrEnv env) {
        if (!denormal(a)) return a;
        if (env.daz()) return a & SIGN_S;
        env.flags |= DE;
        return a;
    }

    static long src(long a, MxcsrEnv env) {
        if (!denormal(a)) return a;
        if (env.daz()) return a & SIGN_D;
        env.flags |= DE;
        return a;
    }

    // ---------------------------------------------------------------- arithmetic

    /** ADDSS...SQRTSS, MINSS, MAXSS on one lane: {@code op} of (a, b); SQRT uses b only. */
    public static int arith(int op, int a, int b, MxcsrEnv env) {
        boolean unary = op == SQRT;
        boolean na = !unary && SseFloat.isNaN(a), nb = SseFloat.isNaN(b);
        if (na || nb) {
            if ((na && snan(a)) || snan(b) || op == MIN || op == MAX) env.flags |= IE;
            if (op == MIN || op == MAX) return env.daz() && denormal(b) ? b & SIGN_S : b; // measured: DAZ applies
            return na ? SseFloat.quiet(a) : SseFloat.quiet(b);
        }
        int saved = env.flags;
        int x = unary ? 0 : src(a, env), y = src(b, env);
        if (op == MIN || op == MAX) {
            float fx = Float.intBitsToFloat(x), fy = Float.intBitsToFloat(y);
            return (op == MIN ? fx < fy : fx > fy) ? x : y;
        }
        double dx = Float.intBitsToFloat(x), dy = Float.intBitsToFloat(y);
        return (int) compute(op, dx, dy, false, env, saved);
    }

    /** The double-precision lane of {@link #arith(int, int, int, MxcsrEnv)}. */
    public static long arith(int op, long a, long b, MxcsrEnv env) {
        boolean unary = op == SQRT;
        boolean na = !unary && SseFloat.isNaN(a), nb = SseFloat.isNaN(b);
        if (na || nb) {
            if ((na && snan(a)) || snan(b) || op == MIN || op == MAX) env.flags |= IE;
            if (op == MIN || op == MAX) return env.daz() && denormal(b) ? b & SIGN_D : b;
            return na ? SseFloat.quiet(a) : SseFloat.quiet(b);
        }
        int saved = env.flags;
        long x = unary ? 0 : src(a, env), y = src(b, env);
        if (op == MIN || op == MAX) {
            double fx = Double.longBitsToDouble(x), fy = Double.longBitsToDouble(y);
            return (op == MIN ? fx < fy : fx > fy) ? x : y;
        }
        double dx = Double.longBitsToDouble(x), dy = Double.longBitsToDouble(y);
        if (isExtreme(op, dx, dy)) return exact(op, x, y, env);
        return compute(op, dx, dy, true, env, saved);
    }

    /**
     * The special cases every format shares (zeros, infinities, invalid, divide by zero), then
     * the finite non-trivial case through {@link FpRound}. Operands are NaN-free, after DAZ;
     * {@code saved} are the flags before DE (IE and ZE replace DE).
     */
    private static long compute(int op, double x, double y, boolean dbl, MxcsrEnv env, int saved) {
        int rc = env.rc();
        long indef = dbl ? SseFloat.INDEFINITE_D : SseFloat.INDEFINITE_S & 0xFFFF_FFFFL;
        if (op == SUB) { y = -y; op = ADD; }
        switch (op) {
            case ADD -> {
                if (Double.isInfinite(x) || Double.isInfinite(y)) {
                    double s = x + y;
                    if (Double.isNaN(s)) return invalid(env, saved, indef);
                    return bits(s, dbl);
                }
                double s = x + y;
                if (s == 0) { // exact: equal zeros keep their sign, cancellation gives +0 (-0 rounding down)
                    boolean neg = x == 0 && y == 0 ? (sign(x) && sign(y)) || (sign(x) != sign(y) && FpRound.cancelNeg(rc))
                            : FpRound.cancelNeg(rc);
                    return FpRound.zero(neg, dbl);
                }
                double err = twoSumErr(x, y, s);
                if (rc == 0) { long f = nearest(s, err, dbl, env); if (f != SLOW) return f; }
                return FpRound.round(s < 0, Math.abs(s), s < 0 ? -err : err, 0, dbl, env);
            }
            case MUL -> {
                if (Double.isInfinite(x) || Double.isInfinite(y) || x == 0 || y == 0) {
                    double pr = x * y;
                    if (Double.isNaN(pr)) return invalid(env, saved, indef);
                    return bits(pr, dbl);
                }
                double pr = x * y;
                double err = Math.fma(x, y, -pr);
                if (rc == 0) { long f = nearest(pr, err, dbl, env); if (f != SLOW) return f; }
                return FpRound.round(pr < 0, Math.abs(pr), pr < 0 ? -err : err, 0, dbl, env);
            }
            case DIV -> {
                if (Double.isInfinite(x) || Double.isInfinite(y) || x == 0 || y == 0) {
                    if (y == 0 && x != 0 && !Double.isInfinite(x)) {
                        env.flags = saved | ZE;
                        return bits(x / y, dbl);
                    }
                    double q = x / y;
                    if (Double.isNaN(q)) return invalid(env, saved, indef);
                    return bits(q, dbl);
                }
                double q = x / y;
                double rem = Math.fma(-q, y, x);                   // exact: x - q*y
                double lo = belowHalf(rem / y, q);                 // the error: x/y - q = rem/y
                if (rc == 0) { long f = nearest(q, lo, dbl, env); if (f != SLOW) return f; }
                return FpRound.round(q < 0, Math.abs(q), q < 0 ? -lo : lo, 0, dbl, env);
            }
            default -> { // SQRT of y
                if (y == 0 || y == Double.POSITIVE_INFINITY) return bits(y, dbl);
                if (y < 0) return invalid(env, saved, indef);
                double r = Math.sqrt(y);
                double rem = Math.fma(-r, r, y);                   // exact: y - r*r
                if (rc == 0) { long f = nearest(r, rem, dbl, env); if (f != SLOW) return f; }
                return FpRound.round(false, r, belowHalf(rem / (2 * r), r), 0, dbl, env); // sqrt(y) - r ~ rem/2r
            }
        }
    }

    /**
     * The error {@code lo} of a quotient or root {@code h} = RN(v): never exactly half an ulp of h
     * (such quotients and roots of doubles would need 54 significant bits), so an approximation
     * that lands on (or beyond) the midpoint is moved just inside it.
     */
    private static double belowHalf(double lo, double h) {
        double half = Math.ulp(h) / 2;
        return Math.abs(lo) < half ? lo : Math.copySign(Math.nextDown(half), lo);
    }

    /** {@link #nearest}: the case needs {@link FpRound}. Never the bits of a finite result. */
    private static final long SLOW = -1L;

    /**
     * Round to nearest when {@code s} = RN(v) (v = s + lo exactly or with lo's sign) is well inside
     * the normal range: then s is the double result and (float) s the float one, unless s sits on a
     * float midpoint with a non-zero error (double rounding); FTZ and DAZ cannot matter. The common
     * case of a non-default MXCSR (FTZ/DAZ with nearest, as -ffast-math sets), without the general rounder.
     */
    private static long nearest(double s, double lo, boolean dbl, MxcsrEnv env) {
        if (dbl) {
            if (Math.abs(s) < 0x1p-1021) return SLOW;
            if (lo != 0) env.flags |= MxcsrFlags.PE;
            return Double.doubleToRawLongBits(s);
        }
        float r = (float) s;
        if (Math.abs(r) < 0x1p-125f || Float.isInfinite(r)) return SLOW;
        if (lo != 0 && (Double.doubleToRawLongBits(s) & 0x1FFF_FFFFL) == 0x1000_0000L) return SLOW; // a float midpoint
        if (lo != 0 || r != s) env.flags |= MxcsrFlags.PE;
        return Float.floatToRawIntBits(r) & 0xFFFF_FFFFL;
    }

    private static long invalid(MxcsrEnv env, int saved, long indef) {
        env.flags = saved | IE;
        return indef;
    }

    private static boolean sign(double v) { return Double.doubleToRawLongBits(v) < 0; }

    private static long bits(double v, boolean dbl) {
        return dbl ? Double.doubleToRawLongBits(v) : Float.floatToRawIntBits((float) v) & 0xFFFF_FFFFL;
    }

    /** The rounding error of s = fl(a + b): exact (Knuth's TwoSum) when s is finite. */
    static double twoSumErr(double a, double b, double s) {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    /** Double operands where the error-free transforms could overflow or underflow. */
    private static boolean isExtreme(int op, double x, double y) {
        if (Double.isInfinite(x) || Double.isInfinite(y)) return false;
        double ax = Math.abs(x), ay = Math.abs(y);
        return switch (op) {
            case ADD, SUB -> { double s = Math.abs(op == ADD ? x + y : x - y); yield s != 0 && (s < 0x1p-1000 || s > 0x1p1000); }
            case MUL -> { double pr = ax * ay; yield x != 0 && y != 0 && (pr < 0x1p-960 || pr > 0x1p960); }
            case DIV -> x != 0 && y != 0 && (ax < 0x1p-960 || ay < 0x1p-960 || ax > 0x1p960 || ay > 0x1p960
                    || ax / ay < 0x1p-960 || ax / ay > 0x1p960);
            default -> y > 0 && y < 0x1p-960;
        };
    }

    // ---------------------------------------------------------------- the exact path

    /** Mantissa of a finite double: value = m * 2^exp(d). */
    static long mant(long d) {
        long f = d & 0x000F_FFFF_FFFF_FFFFL;
        return (d & 0x7FF0_0000_0000_0000L) == 0 ? f : f | 1L << 52;
    }

    static int exp(long d) {
        int be = (int) (d >>> 52 & 0x7FF);
        return (be == 0 ? 1 : be) - 1075;
    }

    /** Finite non-zero double operands whose result may overflow or be tiny: exact arithmetic. */
    private static long exact(int op, long a, long b, MxcsrEnv env) {
        BigInteger ma = BigInteger.valueOf(mant(a)), mb = BigInteger.valueOf(mant(b));
        int ea = exp(a), eb = exp(b);
        boolean sa = a < 0, sb = b < 0;
        switch (op) {
            case ADD, SUB -> {
                if (op == SUB) sb = !sb;
                int e = Math.min(ea, eb);
                BigInteger va = ma.shiftLeft(ea - e), vb = mb.shiftLeft(eb - e);
                BigInteger s = (sa ? va.negate() : va).add(sb ? vb.negate() : vb);
                if (s.signum() == 0) return FpRound.zero(FpRound.cancelNeg(env.rc()), true);
                return FpRound.roundBig(s.signum() < 0, s.abs(), false, e, true, env);
            }
            case MUL -> { return FpRound.roundBig(sa != sb, ma.multiply(mb), false, ea + eb, true, env); }
            case DIV -> {
                BigInteger[] qr = ma.shiftLeft(128).divideAndRemainder(mb);
                return FpRound.roundBig(sa != sb, qr[0], qr[1].signum() != 0, ea - eb - 128, true, env);
            }
            default -> { // SQRT of b (positive, tiny)
                BigInteger m = mb;
                int e = eb;
                if ((e & 1) != 0) { m = m.shiftLeft(1); e--; }
                m = m.shiftLeft(128);
                e -= 128;
                BigInteger r = m.sqrt();
                return FpRound.roundBig(false, r, !r.multiply(r).equals(m), e / 2, true, env);
            }
        }
    }

    // ---------------------------------------------------------------- comparisons

    /**
     * CMPSS/CMPPS lane, predicate 0..7 (SDM vol. 2 Table 3-1): -1 or 0. LT, LE, NLT, NLE signal IE
     * on any NaN, the others on SNaN only; denormals raise DE or read as zero (DAZ).
     */
    public static int cmp(int pred, int a, int b, MxcsrEnv env) {
        boolean un = SseFloat.isNaN(a) || SseFloat.isNaN(b);
        if (un) {
            if (snan(a) || snan(b) || MxcsrFlags.signallingPredicate(pred)) env.flags |= IE;
            return SseFloat.cmp(pred, 0, 0, true) ? -1 : 0;
        }
        a = src(a, env);
        b = src(b, env);
        return SseFloat.cmp(pred, Float.intBitsToFloat(a), Float.intBitsToFloat(b), false) ? -1 : 0;
    }

    public static long cmp(int pred, long a, long b, MxcsrEnv env) {
        boolean un = SseFloat.isNaN(a) || SseFloat.isNaN(b);
        if (un) {
            if (snan(a) || snan(b) || MxcsrFlags.signallingPredicate(pred)) env.flags |= IE;
            return SseFloat.cmp(pred, 0, 0, true) ? -1L : 0;
        }
        a = src(a, env);
        b = src(b, env);
        return SseFloat.cmp(pred, Double.longBitsToDouble(a), Double.longBitsToDouble(b), false) ? -1L : 0;
    }

    /** COMISS ({@code signalling}) / UCOMISS: the RFLAGS value (ZF PF CF), see {@link SseFloat#comissFlags}. */
    public static long comis(boolean signalling, int a, int b, MxcsrEnv env) {
        if (SseFloat.isNaN(a) || SseFloat.isNaN(b)) {
            if (signalling || snan(a) || snan(b)) env.flags |= IE;
            return SseFloat.comissFlags(a, b);
        }
        return SseFloat.comissFlags(src(a, env), src(b, env));
    }

    public static long comis(boolean signalling, long a, long b, MxcsrEnv env) {
        if (SseFloat.isNaN(a) || SseFloat.isNaN(b)) {
            if (signalling || snan(a) || snan(b)) env.flags |= IE;
            return SseFloat.comisdFlags(a, b);
        }
        return SseFloat.comisdFlags(src(a, env), src(b, env));
    }

    // ---------------------------------------------------------------- fused multiply-add

    /**
     * {@code (-1)^negProduct * a * b + (-1)^negAddend * c} with one rounding (FMA3 VFMADD/VFMSUB/
     * VFNMADD/VFNMSUB on one single-precision lane). NaNs: the first NaN of a, b, c, quieted
     * (negation does not touch it); IE for an SNaN only (0 * inf + QNaN raises nothing on the host).
     */
    public static int fma(int a, int b, int c, boolean negProduct, boolean negAddend, MxcsrEnv env) {
        if (SseFloat.isNaN(a) || SseFloat.isNaN(b) || SseFloat.isNaN(c)) {
            if (snan(a) || snan(b) || snan(c)) env.flags |= IE;
            return SseFloat.quiet(SseFloat.isNaN(a) ? a : SseFloat.isNaN(b) ? b : c);
        }
        int saved = env.flags;
        int x = src(a, env), y = src(b, env), z = src(c, env);
        if (negProduct) x ^= SIGN_S;
        if (negAddend) z ^= SIGN_S;
        double dx = Float.intBitsToFloat(x), dy = Float.intBitsToFloat(y), dz = Float.intBitsToFloat(z);
        double p = dx * dy;                                        // exact: 48 bits
        if (Double.isInfinite(dx) || Double.isInfinite(dy) || Double.isInfinite(dz) || p == 0) {
            return (int) fmaSpecial(dx, dy, dz, false, env, saved);
        }
        double s = p + dz;
        if (s == 0) return (int) FpRound.zero(FpRound.cancelNeg(env.rc()), false);
        double err = twoSumErr(p, dz, s);
        return (int) FpRound.round(s < 0, Math.abs(s), s < 0 ? -err : err, 0, false, env);
    }

    /** The double-precision lane of {@link #fma(int, int, int, boolean, boolean, MxcsrEnv)}. */
    public static long fma(long a, long b, long c, boolean negProduct, boolean negAddend, MxcsrEnv env) {
        if (SseFloat.isNaN(a) || SseFloat.isNaN(b) || SseFloat.isNaN(c)) {
            if (snan(a) || snan(b) || snan(c)) env.flags |= IE;
            return SseFloat.quiet(SseFloat.isNaN(a) ? a : SseFloat.isNaN(b) ? b : c);
        }
        int saved = env.flags;
        long x = src(a, env), y = src(b, env), z = src(c, env);
        if (negProduct) x ^= SIGN_D;
        if (negAddend) z ^= SIGN_D;
        double dx = Double.longBitsToDouble(x), dy = Double.longBitsToDouble(y), dz = Double.longBitsToDouble(z);
        double p = dx * dy;
        if (Double.isInfinite(dx) || Double.isInfinite(dy) || Double.isInfinite(dz) || dx == 0 || dy == 0) {
            return fmaSpecial(dx, dy, dz, true, env, saved);
        }
        double r1 = Math.fma(dx, dy, dz);
        double ap = Math.abs(p), ar = Math.abs(r1), az = Math.abs(dz);
        if (ap >= 0x1p-900 && ap <= 0x1p900 && (az == 0 || (az >= 0x1p-900 && az <= 0x1p900))
                && ar >= 0x1p-900 && ar <= 0x1p900) {
            // ErrFma (Boldo and Muller, IEEE TC 2011): dx*dy + dz = r1 + r2 + r3 exactly
            double u2 = Math.fma(dx, dy, -p);
            double a1 = dz + u2, a2 = twoSumErr(dz, u2, a1);
            double b1 = p + a1, b2 = twoSumErr(p, a1, b1);
            double g = (b1 - r1) + b2;
            double r2 = g + a2, r3 = twoSumErr(g, a2, r2);
            double lo = r3 == 0 ? r2 : r3 > 0 ? Math.nextUp(r2) : Math.nextDown(r2);
            return FpRound.round(r1 < 0, ar, r1 < 0 ? -lo : lo, 0, true, env);
        }
        if (r1 == 0 && ap >= 0x1p-900) return FpRound.zero(FpRound.cancelNeg(env.rc()), true); // exact cancellation
        BigInteger pr = BigInteger.valueOf(mant(x)).multiply(BigInteger.valueOf(mant(y)));
        if ((x ^ y) < 0) pr = pr.negate();
        int ep = exp(x) + exp(y), ez = exp(z), e = Math.min(ep, ez);
        BigInteger mz = BigInteger.valueOf(mant(z));
        BigInteger s = pr.shiftLeft(ep - e).add((z < 0 ? mz.negate() : mz).shiftLeft(ez - e));
        if (s.signum() == 0) return FpRound.zero(FpRound.cancelNeg(env.rc()), true);
        return FpRound.roundBig(s.signum() < 0, s.abs(), false, e, true, env);
    }

    /**
     * FMA with an infinite or zero factor, or an infinite addend: exact, or invalid. The product
     * of finite factors is never infinite here (it is exact), so only infinite factors make it so.
     */
    private static long fmaSpecial(double x, double y, double z, boolean dbl, MxcsrEnv env, int saved) {
        long indef = dbl ? SseFloat.INDEFINITE_D : SseFloat.INDEFINITE_S & 0xFFFF_FFFFL;
        double p = x * y;
        if (Double.isNaN(p)) return invalid(env, saved, indef);             // 0 * inf
        if (Double.isInfinite(x) || Double.isInfinite(y) || Double.isInfinite(z)) {
            double s = (Double.isInfinite(x) || Double.isInfinite(y) ? p : 0) + z;
            return Double.isNaN(s) ? invalid(env, saved, indef) : bits(s, dbl);
        }
        // p is an exact zero (or a product that is not needed: a zero factor)
        if (z == 0) {
            boolean np = sign(p), nz = sign(z);
            return FpRound.zero(np == nz ? np : FpRound.cancelNeg(env.rc()), dbl);
        }
        return sameValue(z, dbl, env);
    }

    /** A finite non-zero value that needs no rounding but is still subject to FTZ (a tiny result). */
    private static long sameValue(double z, boolean dbl, MxcsrEnv env) {
        long b = Double.doubleToRawLongBits(z);
        if (Math.abs(z) >= Double.MIN_NORMAL) return FpRound.round(z < 0, Math.abs(z), 0, 0, dbl, env);
        return FpRound.roundBig(z < 0, BigInteger.valueOf(mant(b)), false, exp(b), dbl, env);
    }

    // ---------------------------------------------------------------- round to integral

    /**
     * ROUNDSS/ROUNDPS lane (SDM vol. 2 ROUNDSS): imm8 bits 1:0 the rounding mode (nearest-even,
     * down, up, toward zero), bit 2 use MXCSR.RC instead, bit 3 suppress PE. An SNaN is quieted
     * with IE; denormals read as zero under DAZ and raise no DE.
     */
    public static int roundInt(int a, int imm, MxcsrEnv env) {
        if (SseFloat.isNaN(a)) {
            if (snan(a)) env.flags |= IE;
            return SseFloat.quiet(a);
        }
        if (env.daz() && denormal(a)) a &= SIGN_S;
        float v = Float.intBitsToFloat(a);
        float r = (float) Conversions.round(v, (imm & 4) != 0 ? env.rc() : imm & 3);
        if (r != v && (imm & 8) == 0) env.flags |= MxcsrFlags.PE;
        return Float.floatToRawIntBits(r);
    }

    public static long roundInt(long a, int imm, MxcsrEnv env) {
        if (SseFloat.isNaN(a)) {
            if (snan(a)) env.flags |= IE;
            return SseFloat.quiet(a);
        }
        if (env.daz() && denormal(a)) a &= SIGN_D;
        double v = Double.longBitsToDouble(a);
        double r = Conversions.round(v, (imm & 4) != 0 ? env.rc() : imm & 3);
        if (r != v && (imm & 8) == 0) env.flags |= MxcsrFlags.PE;
        return Double.doubleToRawLongBits(r);
    }
}
