package jnbox.emu.semantics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * x87 transcendentals (SDM vol. 2 FSIN, FCOS, FSINCOS, FPTAN, FPATAN, F2XM1, FYL2X, FYL2XP1)
 * evaluated in {@link BigDecimal} with 60 significant digits (about 199 bits) and rounded once to
 * the register format under RC (precision control does not apply, as measured on the host). Real hardware is not always correctly rounded, so results may
 * differ from the host by an ulp (see Float80TranscendentalHostTest for the measured bound).
 * Periodic arguments are reduced with the 66-bit pi the x87 uses internally, as the hardware does,
 * and |x| >= 2^63 leaves the operand unchanged with C2 set.
 */
public final class Float80Transcendental {
    private Float80Transcendental() {}

    private static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);
    /** The x87's internal pi: 0xC90FDAA22168C234C * 2^-66. */
    private static final BigDecimal PI66 = new BigDecimal(new BigInteger("C90FDAA22168C234C", 16))
            .divide(new BigDecimal(BigInteger.ONE.shiftLeft(66)));
    private static final BigDecimal LN2 = ln2();

    // ---- conversions ----

    static BigDecimal toBig(int se, long m) {
        int e = Math.max(se & 0x7FFF, 1) - 16383 - 63;
        BigDecimal v = new BigDecimal(new BigInteger(1, bytes(m)));
        v = e >= 0 ? v.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(e)))
                : v.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-e)));
        return (se & 0x8000) != 0 ? v.negate() : v;
    }

    private static byte[] bytes(long m) {
        byte[] b = new byte[9];
        for (int i = 0; i < 8; i++) b[i + 1] = (byte) (m >>> (56 - 8 * i));
        return b;
    }

    /** Rounds v (carrying ~199 bits) to the register format under cw. */
    static void fromBig(BigDecimal v, int cw, Float80.Out o) {
        boolean neg = v.signum() < 0;
        v = v.abs();
        if (v.signum() == 0) {
            o.set(neg ? 0x8000 : 0, 0);
            return;
        }
        // scale to an integer of about 200 bits: v * 2^s
        int approx = (int) Math.floor((v.precision() - v.scale()) * 3.3219280948873623);
        int s = 200 - approx;
        BigDecimal scaled = s >= 0 ? v.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(s)))
                : v.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-s)), MC);
        BigInteger n = scaled.setScale(0, RoundingMode.DOWN).unscaledValue();
        boolean sticky = scaled.compareTo(new BigDecimal(n)) != 0;
        int bl = n.bitLength();
        // keep the top 127 bits in hi:lo, the rest (and sticky) into bit 0
        int drop = bl - 127;
        BigInteger top = drop > 0 ? n.shiftRight(drop) : n.shiftLeft(-drop);
        if (drop > 0 && n.getLowestSetBit() < drop) sticky = true;
        BigInteger t128 = top.shiftLeft(1).or(sticky ? BigInteger.ONE : BigInteger.ZERO);
        long hi = t128.shiftRight(64).longValue(), lo = t128.longValue();
        // value = t128 * 2^(drop - 1 - s) = t128 * 2^(e - 127) with e = drop - 1 - s + 127
        // PC does not apply to the transcendentals (as measured on the host)
        Float80.roundPack(neg, drop - 1 - s + 127, hi, lo, 64, -16382, 16383, cw >>> 10 & 3, cw, o);
    }

    // ---- series ----

    private static BigDecimal sinSeries(BigDecimal x) {
        BigDecimal x2 = x.multiply(x, MC), term = x, sum = x;
        for (int k = 1; k < 200; k++) {
            term = term.multiply(x2, MC).divide(BigDecimal.valueOf((2L * k) * (2L * k + 1)), MC).negate();
            sum = sum.add(term, MC);
            if (term.signum() == 0 || term.abs().compareTo(sum.abs().movePointLeft(65)) < 0) break;
        }
        return sum;
    }

    private static BigDecimal cosSeries(BigDecimal x) {
        BigDecimal x2 = x.multiply(x, MC), term = BigDecimal.ONE, sum = BigDecimal.ONE;
        for (int k = 1; k < 200; k++) {
            term = term.multiply(x2, MC).divide(BigDecimal.valueOf((2L * k - 1) * (2L * k)), MC).negate();
            sum = sum.add(term, MC);
            if (term.signum() == 0 || term.abs().compareTo(sum.abs().movePointLeft(65)) < 0) break;
        }
        return sum;
    }

    /** atan for any x, by halving the argument until it is small. */
    private static BigDecimal atan(BigDecimal x) {
        if (x.signum() == 0) return x;
        int halvings = 0;
        while (x.abs().compareTo(new BigDecimal("0.1")) > 0) {
            x = x.divide(BigDecimal.ONE.add(BigDecimal.ONE.add(x.multiply(x, MC)).sqrt(MC)), MC);
            halvings++;
        }
        BigDecimal x2 = x.multiply(x, MC), pow = x, sum = x;
        for (int k = 1; k < 400; k++) {
            pow = pow.multiply(x2, MC).negate();
            BigDecimal term = pow.divide(BigDecimal.valueOf(2L * k + 1), MC);
            sum = sum.add(term, MC);
            if (term.signum() == 0 || term.abs().compareTo(sum.abs().movePointLeft(65)) < 0) break;
        }
        return sum.multiply(BigDecimal.valueOf(1L << halvings));
    }

    /** exp(x) for |x| <= 1. */
    private static BigDecimal exp(BigDecimal x) {
        BigDecimal term = BigDecimal.ONE, sum = BigDecimal.ONE;
        for (int k = 1; k < 200; k++) {
            term = term.multiply(x, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
            if (term.signum() == 0 || term.abs().compareTo(sum.abs().movePointLeft(65)) < 0) break;
        }
        return sum;
    }

    /** expm1(x) for |x| <= 1 without cancellation. */
    private static BigDecimal expm1(BigDecimal x) {
        BigDecimal term = x, sum = x;
        for (int k = 2; k < 200; k++) {
            term = term.multiply(x, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
            if (term.signum() == 0 || term.abs().compareTo(sum.abs().movePointLeft(65)) < 0) break;
        }
        return sum;
    }

    /** ln(1 + x) for x > -1 via 2 atanh(x / (2 + x)). */
    private static BigDecimal log1p(BigDecimal x) {
        BigDecimal z = x.divide(BigDecimal.valueOf(2).add(x), MC);
        if (z.abs().compareTo(new BigDecimal("0.2")) > 0) return ln(BigDecimal.ONE.add(x));
        BigDecimal z2 = z.multiply(z, MC), pow = z, sum = z;
        for (int k = 1; k < 400; k++) {
            pow = pow.multiply(z2, MC);
            BigDecimal term = pow.divide(BigDecimal.valueOf(2L * k + 1), MC);
            sum = sum.add(term, MC);
            if (term.signum() == 0 || term.abs().compareTo(sum.abs().movePointLeft(65)) < 0) break;
        }
        return sum.multiply(BigDecimal.valueOf(2));
    }

    /** ln(y) for y > 0: y = m * 2^k with m in [0.75, 1.5). */
    private static BigDecimal ln(BigDecimal y) {
        int k = 0;
        BigDecimal two = BigDecimal.valueOf(2);
        int approx = (int) Math.floor((y.precision() - y.scale()) * 3.3219280948873623);
        if (approx > 4 || approx < -4) {
            k = approx;
            y = k > 0 ? y.divide(new BigDecimal(BigInteger.ONE.shiftLeft(k)), MC)
                    : y.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(-k)), MC);
        }
        while (y.compareTo(new BigDecimal("1.5")) >= 0) { y = y.divide(two, MC); k++; }
        while (y.compareTo(new BigDecimal("0.75")) < 0) { y = y.multiply(two, MC); k--; }
        BigDecimal r = log1p(y.subtract(BigDecimal.ONE, MC));
        return k == 0 ? r : r.add((LN2 == null ? ln2() : LN2).multiply(BigDecimal.valueOf(k), MC), MC);
    }

    private static BigDecimal ln2() {
        // ln 2 = 2 atanh(1/3)
        BigDecimal z = BigDecimal.ONE.divide(BigDecimal.valueOf(3), MC), z2 = z.multiply(z, MC), pow = z, sum = z;
        for (int k = 1; k < 400; k++) {
            pow = pow.multiply(z2, MC);
            BigDecimal term = pow.divide(BigDecimal.valueOf(2L * k + 1), MC);
            sum = sum.add(term, MC);
            if (term.abs().compareTo(sum.movePointLeft(65)) < 0) break;
        }
        return sum.multiply(BigDecimal.valueOf(2));
    }

    // ---- the instructions ----

    private static boolean finite(int se) { return (se & 0x7FFF) != 0x7FFF; }

    /** Shared screening: NaN/unsupported → propagated; returns true when o already holds the result. */
    private static boolean screen(int se, long m, Float80.Out o) {
        if (Float80.isUnsupported(se, m)) {
            o.flags |= Float80.IE;
            o.set(Float80.INDEF_SE, Float80.INDEF_MANT);
            return true;
        }
        if (Float80.isNaN(se, m)) {
            if (Float80.isSNaN(se, m)) o.flags |= Float80.IE;
            o.set(se, m | 0x4000_0000_0000_0000L);
            return true;
        }
        if (Float80.isDenormal(se, m)) o.flags |= Float80.DE;
        return false;
    }

    /** Reduces x modulo the x87's pi/2: returns {r, quadrant}. */
    private static BigDecimal[] reduce(BigDecimal x) {
        BigDecimal half = PI66.divide(BigDecimal.valueOf(2));
        BigDecimal q = x.divide(half, 0, RoundingMode.HALF_EVEN);
        BigDecimal r = x.subtract(q.multiply(half));
        return new BigDecimal[] {r.round(MC), q};
    }

    /** The operation codes. */
    public static final int SIN = 0, COS = 1, TAN = 2;

    /**
     * FSIN/FCOS/FPTAN of x into o. Returns false when |x| >= 2^63 (C2 = 1, operand unchanged; the
     * caller leaves the stack alone).
     */
    public static boolean trig(int op, int se, long m, int cw, Float80.Out o) {
        if (screen(se, m, o)) return true;
        if (!finite(se)) {
            o.flags |= Float80.IE;
            o.set(Float80.INDEF_SE, Float80.INDEF_MANT);
            return true;
        }
        if ((se & 0x7FFF) >= 16383 + 63) return false;
        if (Float80.isZero(se, m)) {
            if (op == COS) o.set(0x3FFF, Float80.INT_BIT);
            else o.set(se, m);
            return true;
        }
        BigDecimal[] rq = reduce(toBig(se, m));
        BigDecimal r = rq[0];
        int quad = rq[1].remainder(BigDecimal.valueOf(4)).intValue() & 3;
        BigDecimal s = sinSeries(r), c = cosSeries(r);
        BigDecimal sin = switch (quad) { case 0 -> s; case 1 -> c; case 2 -> s.negate(); default -> c.negate(); };
        BigDecimal cos = switch (quad) { case 0 -> c; case 1 -> s.negate(); case 2 -> c.negate(); default -> s; };
        BigDecimal v = op == SIN ? sin : op == COS ? cos : sin.divide(cos, MC);
        fromBig(v, cw, o);
        return true;
    }

    /** FPATAN: atan(y / x) with the quadrant of (x, y). Finite nonzero operands (others: host tables, not done). */
    public static void atan2(int yse, long ym, int xse, long xm, int cw, Float80.Out o) {
        if (Float80.isNaN(yse, ym) || Float80.isNaN(xse, xm) || Float80.isUnsupported(yse, ym)
                || Float80.isUnsupported(xse, xm)) {
            Float80.add(yse, ym, xse, xm, cw, o); // same NaN rules as two-operand arithmetic
            return;
        }
        if (Float80.isDenormal(yse, ym) || Float80.isDenormal(xse, xm)) o.flags |= Float80.DE;
        BigDecimal pi = PI66; // the x87 returns pi rounded from its internal constant
        BigDecimal y = finite(yse) ? toBig(yse, ym) : null, x = finite(xse) ? toBig(xse, xm) : null;
        boolean yneg = (yse & 0x8000) != 0, xneg = (xse & 0x8000) != 0;
        BigDecimal v;
        if (y == null || x == null) { // infinities (SDM FPATAN Table 3-29)
            if (y == null && x == null) v = pi.divide(BigDecimal.valueOf(4)).multiply(BigDecimal.valueOf(xneg ? 3 : 1));
            else if (y == null) v = pi.divide(BigDecimal.valueOf(2));
            else v = xneg ? pi : BigDecimal.ZERO;
            if (yneg) v = v.negate();
            if (v.signum() == 0) {
                o.set(yse & 0x8000, 0);
                return;
            }
        } else if (y.signum() == 0) {
            if (xneg) v = yneg ? pi.negate() : pi;
            else {
                o.set(yse & 0x8000, 0);
                return;
            }
        } else if (x.signum() == 0) {
            v = pi.divide(BigDecimal.valueOf(2));
            if (yneg) v = v.negate();
        } else {
            v = atan(y.divide(x, MC));
            if (xneg) v = yneg ? v.subtract(pi) : v.add(pi);
        }
        fromBig(v, cw, o);
    }

    /** F2XM1: 2^x - 1 for -1 <= x <= 1 (outside: undefined on hardware; computed the same way). */
    public static void f2xm1(int se, long m, int cw, Float80.Out o) {
        if (screen(se, m, o)) return;
        if (!finite(se)) {
            o.set(se, (se & 0x8000) != 0 ? 0 : m);
            if ((se & 0x8000) != 0) o.set(0xBFFF, Float80.INT_BIT); // -inf -> -1
            return;
        }
        if (Float80.isZero(se, m)) {
            o.set(se, m);
            return;
        }
        BigDecimal x = toBig(se, m);
        if (x.abs().compareTo(BigDecimal.ONE) > 0) {
            fromBig(exp(x.multiply(LN2, MC).divide(BigDecimal.valueOf(64), MC)).pow(64, MC).subtract(BigDecimal.ONE), cw, o);
            return;
        }
        fromBig(expm1(x.multiply(LN2, MC)), cw, o);
    }

    /**
     * FYL2X (xPlus1 false: y * log2(x)) and FYL2XP1 (y * log2(x + 1)), with the special cases of SDM
     * vol. 2 FYL2X Table 3-52 (invalid takes precedence over DE, as measured).
     */
    public static void yl2x(int yse, long ym, int xse, long xm, boolean xPlus1, int cw, Float80.Out o) {
        if (Float80.isNaN(yse, ym) || Float80.isNaN(xse, xm) || Float80.isUnsupported(yse, ym)
                || Float80.isUnsupported(xse, xm)) {
            Float80.add(xse, xm, yse, ym, cw, o);
            return;
        }
        boolean de = Float80.isDenormal(yse, ym) || Float80.isDenormal(xse, xm);
        boolean xneg = (xse & 0x8000) != 0, xzero = Float80.isZero(xse, xm), xinf = !finite(xse);
        BigDecimal x = xinf ? null : toBig(xse, xm);
        // log class: 2 = +inf, -2 = -inf, 0 = zero (sign in lneg), 1 = finite
        int lc;
        boolean lneg;
        if (!xPlus1) {
            if (xneg && !xzero) { invalid(o); return; }
            if (xinf) { lc = 2; lneg = false; }
            else if (xzero) { lc = -2; lneg = true; }
            else if (x.compareTo(BigDecimal.ONE) == 0) { lc = 0; lneg = false; }
            else { lc = 1; lneg = x.compareTo(BigDecimal.ONE) < 0; }
        } else {
            if (xinf && xneg) { invalid(o); return; }
            if (!xinf && x.compareTo(BigDecimal.ONE.negate()) < 0) { invalid(o); return; }
            if (xinf) { lc = 2; lneg = false; }
            else if (x.compareTo(BigDecimal.ONE.negate()) == 0) { lc = -2; lneg = true; }
            else if (xzero) { lc = 0; lneg = xneg; }
            else { lc = 1; lneg = xneg; }
        }
        boolean yinf = !finite(yse), yzero = Float80.isZero(yse, ym);
        int sign = ((yse & 0x8000) != 0) != lneg ? 0x8000 : 0;
        if (lc == 2 || lc == -2) {
            if (yzero) { invalid(o); return; }
            if (lc == -2 && !yinf) o.flags |= Float80.ZE;
            if (de) o.flags |= Float80.DE;
            o.set(sign | 0x7FFF, Float80.INT_BIT);
            return;
        }
        if (lc == 0) {
            if (yinf) { invalid(o); return; }
            if (de) o.flags |= Float80.DE;
            o.set(sign, 0);
            return;
        }
        if (de) o.flags |= Float80.DE;
        if (yinf) { o.set(sign | 0x7FFF, Float80.INT_BIT); return; }
        if (yzero) { o.set(sign, 0); return; }
        BigDecimal l = xPlus1 ? log1p(x) : ln(x);
        fromBig(toBig(yse, ym).multiply(l, MC).divide(LN2, MC), cw, o);
    }

    private static void invalid(Float80.Out o) {
        o.flags |= Float80.IE;
        o.set(Float80.INDEF_SE, Float80.INDEF_MANT);
    }
}
