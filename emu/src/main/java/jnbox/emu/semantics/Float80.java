package jnbox.emu.semantics;

/**
 * Software x87 double-extended arithmetic (SDM vol. 1 §4.2, §4.8, §8.1.5, Table 4-7, §8.5) on
 * (signExp, mantissa) pairs: {@code signExp} is bit 15 sign and bits 0-14 biased exponent,
 * {@code mantissa} has the explicit integer bit at bit 63. No host floating point is used.
 *
 * <p>Every operation writes its result and the exception flags it raised into an {@link Out}
 * (reused by the caller, so nothing is allocated per instruction). Results are the masked
 * responses; callers check {@code flags & ~fcw & 0x3F} to detect an unmasked exception.
 * Precision control (FCW bits 8-9) and rounding control (bits 10-11) come from {@code cw}.
 * Tininess is detected after rounding, as on Intel x87.
 */
public final class Float80 {
    private Float80() {}

    public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 0x10, PE = 0x20, SF = 0x40, C1 = 0x200;
    public static final int RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3;
    public static final long INT_BIT = 0x8000_0000_0000_0000L;
    /** The default QNaN "real indefinite" (negative, significand 0xC000...). */
    public static final int INDEF_SE = 0xFFFF;
    public static final long INDEF_MANT = 0xC000_0000_0000_0000L;
    private static final int BIAS = 16383, EMIN = -16382, EMAX = 16383;

    /** Result holder; {@link #flags} accumulates FSW exception bits plus {@link #C1} (rounded up). */
    public static final class Out {
        public int se;
        public long mant;
        public int flags;
        // scratch of the rounding step
        boolean inexact, up, carry;

        public void set(int signExp, long m) {
            se = signExp;
            mant = m;
        }
    }

    // ---- classification (SDM vol. 1 §8.2.2, Table 8-3) ----

    public static boolean isNaN(int se, long m) { return (se & 0x7FFF) == 0x7FFF && m < 0 && (m << 1) != 0; }

    public static boolean isSNaN(int se, long m) { return isNaN(se, m) && (m & 0x4000_0000_0000_0000L) == 0; }

    public static boolean isInf(int se, long m) { return (se & 0x7FFF) == 0x7FFF && m == INT_BIT; }

    public static boolean isZero(int se, long m) { return (se & 0x7FFF) == 0 && m == 0; }

    /** Denormal or pseudo-denormal (exponent 0, nonzero significand). */
    public static boolean isDenormal(int se, long m) { return (se & 0x7FFF) == 0 && m != 0; }

    /** Unnormal, pseudo-NaN, pseudo-infinity: invalid operands since the 387. */
    public static boolean isUnsupported(int se, long m) { return (se & 0x7FFF) != 0 && m >= 0; }

    private static boolean neg(int se) { return (se & 0x8000) != 0; }

    /** Unbiased exponent of mantissa bit 63. */
    private static int exp(int se) { return Math.max(se & 0x7FFF, 1) - BIAS; }

    public static int precisionBits(int cw) {
        return switch (cw >>> 8 & 3) {
            case 0 -> 24;
            case 2 -> 53;
            default -> 64;
        };
    }

    // ---- rounding core ----

    /**
     * Rounds hi:lo keeping {@code 64 - drop} top bits of hi (0 <= drop <= 64); sets o.inexact, o.up,
     * o.carry (the rounded value overflowed past bit 63; the return is then 0).
     */
    private static long roundAt(long hi, long lo, int drop, int rc, boolean neg, Out o) {
        long k;
        boolean g, s;
        if (drop == 0) {
            k = hi;
            g = lo < 0;
            s = (lo << 1) != 0;
        } else {
            k = drop == 64 ? 0 : hi >>> drop;
            g = (hi >>> (drop - 1) & 1) != 0;
            s = (drop > 1 && (hi << (65 - drop)) != 0) || lo != 0;
        }
        o.inexact = g || s;
        boolean inc = switch (rc) {
            case RC_NEAREST -> g && (s || (k & 1) != 0);
            case RC_DOWN -> neg && (g || s);
            case RC_UP -> !neg && (g || s);
            default -> false;
        };
        o.up = inc;
        o.carry = false;
        if (inc) {
            k++;
            if (drop == 0 ? k == 0 : k == 1L << (64 - drop)) {
                o.carry = true;
                return 0;
            }
        }
        return drop == 64 ? 0 : k << drop;
    }

    /**
     * Rounds the value hi:lo * 2^(e - 63) (hi:lo a 128-bit integer, any normalisation) to a format
     * with {@code p} significand bits and exponent range [emin, emax] (bias = emax), writing into o
     * the sign, the biased exponent ({@code o.se} without sign) and the significand left-aligned in
     * {@code o.mant} with the integer bit at 63 (clear for denormals). Raises OE/UE/PE and C1.
     */
    static void roundPack(boolean neg, int e, long hi, long lo, int p, int emin, int emax, int rc, int cw, Out o) {
        int sign = neg ? 0x8000 : 0;
        if (hi == 0 && lo == 0) {
            o.set(sign, 0);
            return;
        }
        if (hi == 0) {
            hi = lo;
            lo = 0;
            e -= 64;
        }
        int lz = Long.numberOfLeadingZeros(hi);
        if (lz > 0) {
            hi = hi << lz | lo >>> (64 - lz);
            lo <<= lz;
            e -= lz;
        }
        if (e >= emin) {
            long m = roundAt(hi, lo, 64 - p, rc, neg, o);
            if (o.carry) {
                m = INT_BIT;
                e++;
            }
            if (e > emax) {
                o.flags |= OE | PE;
                boolean toInf = rc == RC_NEAREST || (rc == RC_DOWN && neg) || (rc == RC_UP && !neg);
                if (toInf) {
                    o.set(sign | (2 * emax + 1), INT_BIT);
                    o.flags |= C1;
                } else {
                    o.set(sign | (2 * emax), p == 64 ? -1L : -1L << (64 - p));
                }
                return;
            }
            o.set(sign | (e + emax), m);
            if (o.inexact) o.flags |= PE | (o.up ? C1 : 0);
            return;
        }
        // tiny before rounding; after-rounding tininess: not tiny if rounding at full range carries to 2^emin
        boolean tiny = true;
        if (e == emin - 1) {
            roundAt(hi, lo, 64 - p, rc, neg, o);
            if (o.carry) tiny = false;
        }
        int s = emin - e;
        if (s >= 128) {
            lo = 1;
            hi = 0;
        } else if (s >= 64) {
            long st = (lo != 0 || (s > 64 && (hi << (128 - s)) != 0)) ? 1 : 0;
            lo = (s == 64 ? hi : hi >>> (s - 64)) | st;
            hi = 0;
        } else {
            long st = (lo << (64 - s)) != 0 ? 1 : 0;
            lo = (lo >>> s | hi << (64 - s)) | st;
            hi >>>= s;
        }
        long m = roundAt(hi, lo, 64 - p, rc, neg, o);
        if (o.carry) m = INT_BIT;
        o.set(sign | (m < 0 ? 1 : 0), m);
        if (tiny && (o.inexact || (cw & UE) == 0)) o.flags |= UE;
        if (o.inexact) o.flags |= PE | (o.up ? C1 : 0);
    }

    /** Rounds to the x87 register format under FCW's PC and RC. */
    private static void round80(boolean neg, int e, long hi, long lo, int cw, Out o) {
        roundPack(neg, e, hi, lo, precisionBits(cw), EMIN, EMAX, cw >>> 10 & 3, cw, o);
    }

    // ---- NaN rules (SDM vol. 1 Table 4-7) ----

    /** Sets o to the x87 result for operands of which at least one is a NaN or unsupported. */
    private static void propagate(int ase, long am, int bse, long bm, Out o) {
        if (isUnsupported(ase, am) || isUnsupported(bse, bm)) {
            invalid(o);
            return;
        }
        boolean an = isNaN(ase, am), bn = isNaN(bse, bm);
        boolean as = isSNaN(ase, am), bs = isSNaN(bse, bm);
        if (as || bs) o.flags |= IE;
        int rse;
        long rm;
        if (an && bn) {
            long qa = am | 0x4000_0000_0000_0000L, qb = bm | 0x4000_0000_0000_0000L;
            if (as != bs) { // a QNaN beats an SNaN
                boolean pickA = !as;
                rse = pickA ? ase : bse;
                rm = pickA ? am : bm;
            } else if (Long.compareUnsigned(qa, qb) != 0) {
                boolean pickA = Long.compareUnsigned(qa, qb) > 0;
                rse = pickA ? ase : bse;
                rm = pickA ? am : bm;
            } else { // equal significands: the positive one
                boolean pickA = !neg(ase) || neg(bse);
                rse = pickA ? ase : bse;
                rm = pickA ? am : bm;
            }
        } else if (an) {
            rse = ase;
            rm = am;
        } else {
            rse = bse;
            rm = bm;
        }
        o.set(rse, rm | 0x4000_0000_0000_0000L);
    }

    private static void invalid(Out o) {
        o.flags |= IE;
        o.set(INDEF_SE, INDEF_MANT);
    }

    private static boolean special(int se) { return (se & 0x7FFF) == 0x7FFF; }

    private static boolean nanOrUnsupported(int se, long m) { return isNaN(se, m) || isUnsupported(se, m); }

    private static void denormalFlag(int ase, long am, int bse, long bm, Out o) {
        if (isDenormal(ase, am) || isDenormal(bse, bm)) o.flags |= DE;
    }

    // ---- arithmetic ----

    public static void add(int ase, long am, int bse, long bm, int cw, Out o) {
        addSigned(ase, am, bse, bm, cw, o);
    }

    /** a - b. */
    public static void sub(int ase, long am, int bse, long bm, int cw, Out o) {
        if (nanOrUnsupported(ase, am) || nanOrUnsupported(bse, bm)) {
            propagate(ase, am, bse, bm, o);
            return;
        }
        addSigned(ase, am, bse ^ 0x8000, bm, cw, o);
    }

    private static void addSigned(int ase, long am, int bse, long bm, int cw, Out o) {
        if (nanOrUnsupported(ase, am) || nanOrUnsupported(bse, bm)) {
            propagate(ase, am, bse, bm, o);
            return;
        }
        boolean ai = isInf(ase, am), bi = isInf(bse, bm);
        if (ai || bi) {
            denormalFlag(ase, am, bse, bm, o);
            if (ai && bi && neg(ase) != neg(bse)) invalid(o);
            else if (ai) o.set(ase, am);
            else o.set(bse, bm);
            return;
        }
        denormalFlag(ase, am, bse, bm, o);
        int ea = exp(ase), eb = exp(bse);
        if (ea < eb || (ea == eb && Long.compareUnsigned(am, bm) < 0)) {
            int t = ase; ase = bse; bse = t;
            long u = am; am = bm; bm = u;
            int v = ea; ea = eb; eb = v;
        }
        int d = ea - eb;
        long bh, bl;
        if (d == 0) { bh = bm; bl = 0; }
        else if (d < 64) { bh = bm >>> d; bl = bm << (64 - d); }
        else if (d < 128) { bh = 0; bl = (d == 64 ? bm : bm >>> (d - 64)) | (d > 64 && (bm << (128 - d)) != 0 ? 1 : 0); }
        else { bh = 0; bl = bm != 0 ? 1 : 0; }
        boolean negA = neg(ase);
        int rc = cw >>> 10 & 3;
        if (neg(ase) == neg(bse)) {
            long lo = bl;
            long hi = am + bh;
            boolean carry = Long.compareUnsigned(hi, am) < 0;
            if (carry) {
                lo = lo >>> 1 | hi << 63 | (lo & 1);
                hi = hi >>> 1 | INT_BIT;
                ea++;
            }
            round80(negA, ea, hi, lo, cw, o);
        } else {
            long lo = -bl;
            long hi = am - bh - (bl != 0 ? 1 : 0);
            if (hi == 0 && lo == 0) {
                o.set(rc == RC_DOWN ? 0x8000 : 0, 0);
                return;
            }
            round80(negA, ea, hi, lo, cw, o);
        }
    }

    public static void mul(int ase, long am, int bse, long bm, int cw, Out o) {
        if (nanOrUnsupported(ase, am) || nanOrUnsupported(bse, bm)) {
            propagate(ase, am, bse, bm, o);
            return;
        }
        int sign = (ase ^ bse) & 0x8000;
        boolean ai = isInf(ase, am), bi = isInf(bse, bm), az = isZero(ase, am), bz = isZero(bse, bm);
        if (ai || bi) {
            if (az || bz) invalid(o);
            else {
                denormalFlag(ase, am, bse, bm, o);
                o.set(sign | 0x7FFF, INT_BIT);
            }
            return;
        }
        denormalFlag(ase, am, bse, bm, o);
        if (az || bz) {
            o.set(sign, 0);
            return;
        }
        long hi = Math.unsignedMultiplyHigh(am, bm), lo = am * bm;
        round80(sign != 0, exp(ase) + exp(bse) + 1, hi, lo, cw, o);
    }

    /** a / b. */
    public static void div(int ase, long am, int bse, long bm, int cw, Out o) {
        if (nanOrUnsupported(ase, am) || nanOrUnsupported(bse, bm)) {
            propagate(ase, am, bse, bm, o);
            return;
        }
        int sign = (ase ^ bse) & 0x8000;
        boolean ai = isInf(ase, am), bi = isInf(bse, bm), az = isZero(ase, am), bz = isZero(bse, bm);
        if ((ai && bi) || (az && bz)) {
            invalid(o);
            return;
        }
        if (bz && !ai) { // division by zero: ZE alone, even for a denormal dividend (as measured)
            o.flags |= ZE;
            o.set(sign | 0x7FFF, INT_BIT);
            return;
        }
        denormalFlag(ase, am, bse, bm, o);
        if (ai || bz) {
            if (bz && !ai) o.flags |= ZE;
            o.set(sign | 0x7FFF, INT_BIT);
            return;
        }
        if (bi || az) {
            o.set(sign, 0);
            return;
        }
        int ea = exp(ase), eb = exp(bse);
        int la = Long.numberOfLeadingZeros(am), lb = Long.numberOfLeadingZeros(bm);
        am <<= la;
        bm <<= lb;
        ea -= la;
        eb -= lb;
        // restoring division: q = floor(am * 2^126 / bm), 127 bits
        long rem = am, qh = 0, ql = 0;
        for (int i = 0; i < 127; i++) {
            boolean top = false;
            if (i > 0) {
                top = rem < 0;
                rem <<= 1;
            }
            boolean bit = top || Long.compareUnsigned(rem, bm) >= 0;
            if (bit) rem -= bm;
            qh = qh << 1 | ql >>> 63;
            ql = ql << 1 | (bit ? 1 : 0);
        }
        ql |= rem != 0 ? 1 : 0; // sticky (bit 0 is far below any rounding position)
        round80(sign != 0, ea - eb + 1, qh, ql, cw, o);
    }

    public static void sqrt(int ase, long am, int cw, Out o) {
        if (nanOrUnsupported(ase, am)) {
            propagate(ase, am, ase, am, o);
            return;
        }
        if (isZero(ase, am)) {
            o.set(ase, am);
            return;
        }
        if (neg(ase)) {
            invalid(o);
            return;
        }
        if (isInf(ase, am)) {
            o.set(ase, am);
            return;
        }
        if (isDenormal(ase, am)) o.flags |= DE;
        // value = am * 2^(e-63); make the integer's exponent (e-63-128) even
        int lz = Long.numberOfLeadingZeros(am);
        am <<= lz;
        int e = exp(ase) - 63 - lz;
        java.math.BigInteger v = new java.math.BigInteger(1, toBytes(am)).shiftLeft(128);
        int ee = e - 128;
        if ((ee & 1) != 0) {
            v = v.shiftLeft(1);
            ee--;
        }
        java.math.BigInteger[] sr = v.sqrtAndRemainder();
        java.math.BigInteger r = sr[0]; // < 2^97
        long hi = r.shiftRight(64).longValue(), lo = r.longValue();
        boolean sticky = sr[1].signum() != 0;
        // r * 2^(ee/2) = (hi:lo) * 2^(ee/2); as hi:lo*2^(E-63-64): E = ee/2 + 127
        if (sticky) {
            // shift left to keep guard bits clear of the sticky bit
            hi = hi << 16 | lo >>> 48;
            lo = lo << 16 | 1;
            round80(false, ee / 2 + 127 - 16, hi, lo, cw, o);
        } else {
            round80(false, ee / 2 + 127, hi, lo, cw, o);
        }
    }

    private static byte[] toBytes(long m) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (m >>> (56 - 8 * i));
        return b;
    }

    /** Rounds a value to the current PC/RC (used after a load of a wider exact value, e.g. fild m64). */
    public static void round(int se, long m, int cw, Out o) {
        if (special(se) || isZero(se, m)) {
            o.set(se, m);
            return;
        }
        round80(neg(se), exp(se), m, 0, cw, o);
    }

    /** FRNDINT: round to an integer under RC at full precision (PC does not apply). */
    public static void roundToInt(int se, long m, int cw, Out o) {
        if (nanOrUnsupported(se, m)) {
            propagate(se, m, se, m, o);
            return;
        }
        if (special(se) || isZero(se, m)) {
            o.set(se, m);
            return;
        }
        if (isDenormal(se, m)) o.flags |= DE;
        int e = exp(se);
        if (e >= 63) {
            o.set(se, m);
            return;
        }
        boolean neg = neg(se);
        int drop = 63 - e; // fraction bits in m (may exceed 64)
        long k;
        if (drop >= 64) { // |value| < 1: m is all fraction (drop 64) or below the round bit (sticky only)
            k = drop == 64 ? roundAt(0, m, 0, cw >>> 10 & 3, neg, o) : roundAt(0, 1, 0, cw >>> 10 & 3, neg, o);
        } else {
            k = roundAt(m, 0, drop, cw >>> 10 & 3, neg, o);
        }
        if (o.inexact) o.flags |= PE | (o.up ? C1 : 0);
        if (o.carry) {
            o.set((se & 0x8000) | (e + 1 + BIAS), INT_BIT);
            return;
        }
        if (drop >= 64) { // k is 0 or 1
            o.set(k == 0 ? se & 0x8000 : (se & 0x8000) | BIAS, k == 0 ? 0 : INT_BIT);
            return;
        }
        if (k == 0) {
            o.set(se & 0x8000, 0);
            return;
        }
        int lz = Long.numberOfLeadingZeros(k);
        o.set((se & 0x8000) | (e - lz + BIAS), k << lz);
    }

    // ---- comparison ----

    public static final int CMP_GT = 0, CMP_LT = 1, CMP_EQ = 2, CMP_UN = 3;

    /**
     * Compares a with b (FCOM/FUCOM/FCOMI). {@code quiet}: QNaN operands do not raise IE (FUCOM*).
     * Returns one of the CMP_ constants; flags into o.flags.
     */
    public static int compare(int ase, long am, int bse, long bm, boolean quiet, Out o) {
        if (nanOrUnsupported(ase, am) || nanOrUnsupported(bse, bm)) {
            if (!quiet || isSNaN(ase, am) || isSNaN(bse, bm) || isUnsupported(ase, am) || isUnsupported(bse, bm)) {
                o.flags |= IE;
            }
            return CMP_UN;
        }
        denormalFlag(ase, am, bse, bm, o);
        boolean az = isZero(ase, am), bz = isZero(bse, bm);
        if (az && bz) return CMP_EQ;
        boolean an = neg(ase), bn = neg(bse);
        if (an != bn) return an ? CMP_LT : CMP_GT;
        int c;
        boolean ai = isInf(ase, am), bi = isInf(bse, bm);
        if (ai || bi) c = ai && bi ? 0 : ai ? 1 : -1;
        else if (az || bz) c = az ? -1 : 1;
        else {
            int ea = exp(ase), eb = exp(bse);
            int la = Long.numberOfLeadingZeros(am), lb = Long.numberOfLeadingZeros(bm);
            ea -= la;
            eb -= lb;
            c = ea != eb ? Integer.compare(ea, eb) : Long.compareUnsigned(am << la, bm << lb);
        }
        if (an) c = -c;
        return c == 0 ? CMP_EQ : c < 0 ? CMP_LT : CMP_GT;
    }

    // ---- conversions ----

    /** Loads a float32 (exact; SNaN is quieted with IE, denormals raise DE). */
    public static void fromFloat32(int bits, Out o) {
        int sign = bits >>> 16 & 0x8000, e = bits >>> 23 & 0xFF;
        long f = bits & 0x7F_FFFFL;
        fromIeee(sign, e, f << 40, 0xFF, 127, o);
    }

    public static void fromFloat64(long bits, Out o) {
        int sign = (int) (bits >>> 48) & 0x8000, e = (int) (bits >>> 52) & 0x7FF;
        long f = bits & 0xF_FFFF_FFFF_FFFFL;
        fromIeee(sign, e, f << 11, 0x7FF, 1023, o);
    }

    /** {@code frac} is the fraction left-aligned at bit 62. */
    private static void fromIeee(int sign, int e, long frac, int emaxBits, int bias, Out o) {
        if (e == emaxBits) {
            if (frac == 0) o.set(sign | 0x7FFF, INT_BIT);
            else {
                if ((frac & 0x4000_0000_0000_0000L) == 0) o.flags |= IE;
                o.set(sign | 0x7FFF, INT_BIT | 0x4000_0000_0000_0000L | frac);
            }
        } else if (e == 0) {
            if (frac == 0) o.set(sign, 0);
            else {
                o.flags |= DE;
                int lz = Long.numberOfLeadingZeros(frac);
                o.set(sign | (1 - bias + BIAS - lz), frac << lz);
            }
        } else {
            o.set(sign | (e - bias + BIAS), INT_BIT | frac);
        }
    }

    /** FST m32: rounds under RC (PC does not apply); o.mant holds the 32-bit result. */
    public static void toFloat32(int se, long m, int cw, Out o) {
        long r = toIeee(se, m, cw, 24, -126, 127, o);
        o.mant = r;
    }

    public static void toFloat64(int se, long m, int cw, Out o) {
        o.mant = toIeee(se, m, cw, 53, -1022, 1023, o);
    }

    private static long toIeee(int se, long m, int cw, int p, int emin, int emax, Out o) {
        int fracBits = p - 1, expBits = p == 24 ? 8 : 11;
        long sign = neg(se) ? 1L << (fracBits + expBits) : 0;
        long expAll = (1L << expBits) - 1;
        if (isUnsupported(se, m)) {
            o.flags |= IE;
            return 1L << (fracBits + expBits) | expAll << fracBits | 1L << (fracBits - 1); // indefinite
        }
        if (isNaN(se, m)) {
            if (isSNaN(se, m)) o.flags |= IE;
            return sign | expAll << fracBits | (m & 0x7FFF_FFFF_FFFF_FFFFL | 0x4000_0000_0000_0000L) >>> (63 - fracBits);
        }
        if (isInf(se, m)) return sign | expAll << fracBits;
        if (isZero(se, m)) return sign;
        // no DE: the source is already in the register format (as measured)
        roundPack(neg(se), exp(se), m, 0, p, emin, emax, cw >>> 10 & 3, cw, o);
        long be = o.se & 0x7FFF;
        return sign | be << fracBits | (o.mant >>> (64 - p)) & ((1L << fracBits) - 1);
    }

    /** FILD: an exact load of a signed integer. */
    public static void fromInt(long v, Out o) {
        if (v == 0) {
            o.set(0, 0);
            return;
        }
        int sign = v < 0 ? 0x8000 : 0;
        long a = v < 0 ? -v : v; // Long.MIN_VALUE stays 0x8000..., correct as unsigned
        int lz = Long.numberOfLeadingZeros(a);
        o.set(sign | (63 - lz + BIAS), a << lz);
    }

    /**
     * FIST/FISTP (RC) or FISTTP ({@code truncate}) to a {@code bits}-bit signed integer. Out of range,
     * NaN or infinity: IE and the integer indefinite (the minimum value). Returns the integer.
     */
    public static long toInt(int se, long m, int cw, int bits, boolean truncate, Out o) {
        long indefinite = Long.MIN_VALUE >> (64 - bits);
        if (special(se) || isUnsupported(se, m)) {
            o.flags |= IE;
            return indefinite;
        }
        if (isZero(se, m)) return 0; // no DE for register-format denormals (as measured)
        int rc = truncate ? RC_ZERO : cw >>> 10 & 3;
        boolean neg = neg(se);
        int e = exp(se);
        long k;
        if (e >= 64) {
            o.flags |= IE;
            return indefinite;
        }
        int drop = 63 - e;
        if (drop > 64) k = roundAt(0, 1, 0, rc, neg, o);
        else if (drop == 64) k = roundAt(0, m, 0, rc, neg, o);
        else k = roundAt(m, 0, drop, rc, neg, o);
        if (drop < 64 && drop > 0) k >>>= drop;
        boolean carry = o.carry; // magnitude 2^64 (or 2^(64-drop) handled by shift above)
        if (carry) {
            if (drop == 0) { // 2^64
                o.flags |= IE;
                return indefinite;
            }
            k = 1L << (64 - drop);
        }
        // k is the unsigned magnitude
        long limit = 1L << (bits - 1); // magnitude limit (as unsigned for bits == 64)
        boolean fits = neg ? Long.compareUnsigned(k, limit) <= 0 : Long.compareUnsigned(k, limit) < 0;
        if (bits == 64 && !neg && k < 0) fits = false;
        if (!fits) {
            o.flags |= IE;
            return indefinite;
        }
        if (o.inexact) o.flags |= PE | (o.up ? C1 : 0);
        long r = neg ? -k : k;
        return r;
    }

    // ---- FSCALE, FXTRACT, FPREM/FPREM1 ----

    /** FSCALE: a * 2^trunc(b) (SDM vol. 2 FSCALE Table 3-50). */
    public static void scale(int ase, long am, int bse, long bm, int cw, Out o) {
        if (nanOrUnsupported(ase, am) || nanOrUnsupported(bse, bm)) {
            propagate(ase, am, bse, bm, o);
            return;
        }
        boolean ai = isInf(ase, am), az = isZero(ase, am);
        if (isInf(bse, bm)) {
            denormalFlag(ase, am, ase, am, o);
            if (!neg(bse)) {
                if (az) invalid(o);
                else o.set((ase & 0x8000) | 0x7FFF, INT_BIT);
            } else {
                if (ai) invalid(o);
                else o.set(ase & 0x8000, 0);
            }
            return;
        }
        denormalFlag(ase, am, bse, bm, o);
        if (ai || az) {
            o.set(ase, am);
            return;
        }
        int n;
        int eb = exp(bse);
        if (isZero(bse, bm) || eb < 0) n = 0;
        else if (eb > 30) n = neg(bse) ? -(1 << 30) : 1 << 30;
        else {
            long t = bm >>> (63 - eb);
            n = (int) (neg(bse) ? -t : t);
        }
        round80(neg(ase), exp(ase) + n, am, 0, cw | 0x300, o); // PC does not apply (as measured)
    }

    /**
     * FPREM ({@code nearest} false: quotient truncated) and FPREM1 (quotient rounded to even):
     * the exact partial remainder of a / b. Returns the FSW condition bits C0/C1/C2/C3 (C2 set when
     * the reduction is incomplete, then the exponent is reduced by 32 to 63 as on Intel), or -1 when
     * there is no quotient (NaN or invalid operands).
     */
    public static int remainder(int ase, long am, int bse, long bm, boolean nearest, Out o) {
        if (nanOrUnsupported(ase, am) || nanOrUnsupported(bse, bm)) {
            propagate(ase, am, bse, bm, o);
            return -1;
        }
        if (isInf(ase, am) || isZero(bse, bm)) {
            invalid(o);
            return -1;
        }
        denormalFlag(ase, am, bse, bm, o);
        if (isInf(bse, bm) || isZero(ase, am)) {
            o.set(ase | (am < 0 && (ase & 0x7FFF) == 0 ? 1 : 0), am); // a pseudo-denormal is normalised
            return 0;
        }
        int la = Long.numberOfLeadingZeros(am), lb = Long.numberOfLeadingZeros(bm);
        int ea = exp(ase) - la, eb = exp(bse) - lb;
        long ma = am << la, mb = bm << lb;
        int d = ea - eb;
        java.math.BigInteger a = new java.math.BigInteger(1, toBytes(ma)), b = new java.math.BigInteger(1, toBytes(mb));
        int cc = 0;
        java.math.BigInteger q, r;
        int rexp; // exponent of r's bit 63 convention: value = r * 2^(rexp - 63)
        if (d < 64) {
            if (d < 0) {
                if (!nearest || d < -1) { // |a| < |b|/2 (or truncating): remainder is a
                    o.set(ase, am);
                    if (isDenormal(ase, am)) { // keep bits exactly, normalised like the hardware
                        round80(neg(ase), exp(ase), am, 0, 0x037F, o);
                    }
                    return 0;
                }
                // d == -1, nearest: q is 0 or 1
                java.math.BigInteger a2 = a, b2 = b.shiftLeft(1); // align to exponent ea
                java.math.BigInteger twoR = a2.shiftLeft(1);
                int c = twoR.compareTo(b2);
                if (c > 0) {
                    q = java.math.BigInteger.ONE;
                    r = a2.subtract(b2).shiftLeft(0);
                } else {
                    q = java.math.BigInteger.ZERO;
                    r = a2;
                }
                rexp = ea;
            } else {
                java.math.BigInteger aa = a.shiftLeft(d);
                java.math.BigInteger[] qr = aa.divideAndRemainder(b);
                q = qr[0];
                r = qr[1];
                if (nearest) {
                    int c = r.shiftLeft(1).compareTo(b);
                    if (c > 0 || (c == 0 && q.testBit(0))) {
                        q = q.add(java.math.BigInteger.ONE);
                        r = r.subtract(b);
                    }
                }
                rexp = eb;
            }
            long ql = q.longValue();
            if ((ql & 1) != 0) cc |= 0x200; // C1 = q0
            if ((ql & 2) != 0) cc |= 0x4000; // C3 = q1
            if ((ql & 4) != 0) cc |= 0x100; // C0 = q2
        } else {
            int n = 32 + (d - 64) % 32;
            int k = d - n;
            java.math.BigInteger aa = a.shiftLeft(n);
            java.math.BigInteger[] qr = aa.divideAndRemainder(b);
            r = qr[1];
            rexp = eb + k;
            cc |= 0x400;
        }
        boolean rneg = r.signum() < 0;
        r = r.abs();
        boolean sign = neg(ase) != rneg;
        if (r.signum() == 0) {
            o.set(neg(ase) ? 0x8000 : 0, 0);
            return cc;
        }
        long hi = r.shiftRight(64).longValue(), lo = r.longValue();
        // value = r * 2^(rexp - 63) = (hi:lo) * 2^(e - 127) with e = rexp + 64
        round80(sign, rexp + 64, hi, lo, 0x037F, o);
        return cc;
    }

    /** FXTRACT: o gets the significand (exponent 0x3FFF); returns the exponent as a value in {@code exp}. */
    public static void extract(int se, long m, Out sig, Out exp) {
        if (nanOrUnsupported(se, m)) {
            propagate(se, m, se, m, sig);
            exp.flags = sig.flags;
            exp.set(sig.se, sig.mant);
            return;
        }
        if (isZero(se, m)) {
            sig.flags |= ZE;
            exp.set(0xFFFF, INT_BIT); // -inf
            sig.set(se, m);
            return;
        }
        if (isInf(se, m)) {
            exp.set(0x7FFF, INT_BIT);
            sig.set(se, m);
            return;
        }
        if (isDenormal(se, m)) sig.flags |= DE;
        int lz = Long.numberOfLeadingZeros(m);
        fromInt(exp(se) - lz, exp);
        sig.set((se & 0x8000) | BIAS, m << lz);
    }

    /**
     * FLD1/FLDPI/...: a constant held with 128 significand bits ({@code m}:{@code extra}) rounded to
     * 64 bits under RC only (SDM vol. 2 FLD1...: "rounded per RC"); flags are not raised.
     */
    public static void constant(int se, long m, long extra, int cw, Out o) {
        int f = o.flags;
        roundPack((se & 0x8000) != 0, (se & 0x7FFF) - BIAS, m, extra, 64, EMIN, EMAX, cw >>> 10 & 3, cw, o);
        o.flags = f;
    }

    // ---- packed BCD (FBLD/FBSTP, SDM vol. 1 §4.7) ----

    /** FBLD: 18 BCD digits in {@code lo} (bytes 0-7) and {@code hi} (byte 8 digits, byte 9 bit 7 sign). */
    public static void fromBcd(long lo, int hi, Out o) {
        long v = 0;
        for (int i = 1; i >= 0; i--) v = v * 10 + (hi >>> (4 * i) & 15);
        for (int i = 15; i >= 0; i--) v = v * 10 + (lo >>> (4 * i) & 15);
        fromInt(v, o);
        if ((hi & 0x8000) != 0) o.se |= 0x8000;
    }

    /**
     * FBSTP: rounds under RC and returns the 18 digits in the low 64 bits of {@code o.mant} and
     * byte 8-9 in {@code o.se}; out of range, NaN, infinity: IE and the BCD indefinite.
     */
    public static void toBcd(int se, long m, int cw, Out o) {
        long v = toInt(se, m, cw, 64, false, o);
        long mag = v < 0 ? -v : v;
        if ((o.flags & IE) != 0 || mag >= 1_000_000_000_000_000_000L || v == Long.MIN_VALUE) {
            o.flags = o.flags & ~(PE | C1) | IE;
            o.mant = 0xC000_0000_0000_0000L;
            o.se = 0xFFFF;
            return;
        }
        long lo = 0;
        for (int i = 0; i < 16; i++) {
            lo |= (mag % 10) << (4 * i);
            mag /= 10;
        }
        int hi = (int) (mag % 10) | (int) (mag / 10 % 10) << 4;
        o.mant = lo;
        o.se = hi | ((se & 0x8000) != 0 ? 0x8000 : 0);
    }
}
