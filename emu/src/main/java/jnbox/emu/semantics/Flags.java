package jnbox.emu.semantics;

/**
 * The one rule set that derives the arithmetic flags (OF SF ZF AF PF CF, SDM vol. 1 §3.4.3.1)
 * from an operation kind, its operands and its result. Engines keep flags lazily as
 * {@code (op, a, b, res)} (QEMU's {@code cc_op} scheme) and call {@link #compute} only when a
 * consumer needs them; {@link #test} answers a condition code directly from the lazy form.
 *
 * <p>An {@code op} is {@code kind << 2 | sizeIndex} ({@link #op}); values are held zero-extended
 * to 64 bits. For {@link #EAGER} the flags are already computed and sit in {@code res}.
 *
 * <p>Undefined flags (SDM vol. 2 per instruction) follow what the Intel host that produced
 * {@code semantics/alu.txt} does where that is a simple rule: logic ops and shifts clear AF,
 * MUL/IMUL set SF/PF from the low result and clear ZF and AF. OF after a shift or rotate by more
 * than one bit does not follow a simple rule on that host and is left as computed for one bit;
 * the conformance test masks the remaining undefined flags.
 */
public final class Flags {
    public static final long CF = 1, PF = 1 << 2, AF = 1 << 4, ZF = 1 << 6, SF = 1 << 7, OF = 1 << 11;
    /** The six arithmetic flags. */
    public static final long ARITH = CF | PF | AF | ZF | SF | OF;

    // Operation kinds (the lazy "cc_op"). b is the second operand unless noted.
    /** Flags already computed: they are {@code res}. */
    public static final int EAGER = 0;
    public static final int ADD = 1;
    /** add with carry-in 1 (adc with CF=0 is ADD). */
    public static final int ADC = 2;
    public static final int SUB = 3;
    /** sub with borrow-in 1 (sbb with CF=0 is SUB). */
    public static final int SBB = 4;
    /** b = CF before the instruction (inc keeps CF). */
    public static final int INC = 5;
    public static final int DEC = 6;
    /** and/or/xor/test: OF=CF=0. */
    public static final int LOGIC = 7;
    /** b = count (1..63, already masked, nonzero). */
    public static final int SHL = 8;
    public static final int SHR = 9;
    public static final int SAR = 10;
    /** mul/imul: a = 1 when the result overflowed the low half (CF=OF), res = low half. */
    public static final int MUL = 11;

    private Flags() {}

    /** Size in bytes (1, 2, 4, 8) to the size index (0..3) in an op. */
    public static int sizeIndex(int size) { return Integer.numberOfTrailingZeros(size); }

    public static int op(int kind, int size) { return kind << 2 | sizeIndex(size); }

    public static long mask(int size) { return size == 8 ? -1L : (1L << (size << 3)) - 1; }

    /** Sign-extends the low {@code size} bytes of v. */
    public static long sext(int size, long v) {
        int sh = 64 - (size << 3);
        return v << sh >> sh;
    }

    /** PF: set when the low byte of the result has an even number of 1 bits. */
    public static long parity(long res) {
        return (Integer.bitCount((int) res & 0xFF) & 1) == 0 ? PF : 0;
    }

    /** SF, ZF and PF of a result of {@code size} bytes. */
    public static long szp(int size, long res) {
        long m = mask(size);
        int bits = size << 3;
        return ((res & m) == 0 ? ZF : 0) | (res >>> (bits - 1) & 1) << 7 | parity(res);
    }

    /** The six flags of lazy state {@code (op, a, b, res)}. */
    public static long compute(int op, long a, long b, long res) {
        int size = 1 << (op & 3);
        int top = (size << 3) - 1;
        switch (op >>> 2) {
            case EAGER:
                return res & ARITH;
            case ADD: case ADC: {
                long carry = ((a & b) | ((a | b) & ~res)) >>> top & 1;
                long of = ((a ^ res) & (b ^ res)) >>> top & 1;
                return carry | (a ^ b ^ res) & AF | of << 11 | szp(size, res);
            }
            case SUB: case SBB: {
                long borrow = ((~a & b) | ((~a | b) & res)) >>> top & 1;
                long of = ((a ^ b) & (a ^ res)) >>> top & 1;
                return borrow | (a ^ b ^ res) & AF | of << 11 | szp(size, res);
            }
            case INC: {
                long of = ((~a & res) >>> top) & 1;
                return (b & CF) | (a ^ 1 ^ res) & AF | of << 11 | szp(size, res);
            }
            case DEC: {
                long of = ((a & ~res) >>> top) & 1;
                return (b & CF) | (a ^ 1 ^ res) & AF | of << 11 | szp(size, res);
            }
            case LOGIC:
                return szp(size, res);
            case SHL: {
                int c = (int) b;
                // CF: the last bit shifted out; for 8/16-bit counts beyond the width Intel gives 0.
                long cf = c <= top + 1 ? a >>> (top + 1 - c) & 1 : 0;
                long of = (res >>> top & 1) ^ cf;
                return cf | of << 11 | szp(size, res);
            }
            case SHR: {
                int c = (int) b;
                long cf = c <= top + 1 ? a >>> (c - 1) & 1 : 0;
                // OF is defined for count 1 (the original sign); Intel computes it the same way for
                // larger counts.
                long of = a >>> top & 1;
                return cf | of << 11 | szp(size, res);
            }
            case SAR: {
                int c = (int) b;
                long cf = sext(size, a) >> Math.min(c - 1, 63) & 1;
                return cf | szp(size, res);
            }
            case MUL:
                // SF/ZF/AF/PF are undefined; the Intel host sets SF and PF from the low half and
                // clears ZF and AF.
                return (a != 0 ? CF | OF : 0) | (szp(size, res) & ~ZF);
            default:
                throw new IllegalArgumentException("bad flags op " + op);
        }
    }

    /** CF alone (0 or 1), cheaper than {@link #compute} for adc/sbb/inc/dec/rcl/rcr. */
    public static long carry(int op, long a, long b, long res) {
        int top = (8 << (op & 3)) - 1;
        switch (op >>> 2) {
            case ADD: case ADC: return ((a & b) | ((a | b) & ~res)) >>> top & 1;
            case SUB: case SBB: return ((~a & b) | ((~a | b) & res)) >>> top & 1;
            case INC: case DEC: return b & CF;
            case LOGIC: return 0;
            default: return compute(op, a, b, res) & CF;
        }
    }

    // ---------------------------------------------------------------- conditions

    /** Condition codes in the encoding order of Jcc/SETcc/CMOVcc (SDM vol. 2 B.1.4.7). */
    public static final int O = 0, NO = 1, B = 2, AE = 3, E = 4, NE = 5, BE = 6, A = 7, S = 8, NS = 9,
            P = 10, NP = 11, L = 12, GE = 13, LE = 14, G = 15;

    /** Evaluates condition {@code cc} on materialized flags. */
    public static boolean cond(int cc, long f) {
        boolean r = switch (cc >>> 1) {
            case 0 -> (f & OF) != 0;
            case 1 -> (f & CF) != 0;
            case 2 -> (f & ZF) != 0;
            case 3 -> (f & (CF | ZF)) != 0;
            case 4 -> (f & SF) != 0;
            case 5 -> (f & PF) != 0;
            case 6 -> ((f & SF) != 0) != ((f & OF) != 0);
            default -> (f & ZF) != 0 || ((f & SF) != 0) != ((f & OF) != 0);
        };
        return r ^ ((cc & 1) != 0);
    }

    /**
     * Evaluates condition {@code cc} straight from lazy state, without materializing the flags for
     * the common compare-and-branch cases (SUB, LOGIC); identical to
     * {@code cond(cc, compute(op, a, b, res))}.
     */
    public static boolean test(int cc, int op, long a, long b, long res) {
        int kind = op >>> 2;
        if (kind != EAGER && kind != MUL) {
            // ZF and SF come from the result for every other kind
            int c = cc >>> 1;
            if (c == 2) return ((res & mask(1 << (op & 3))) == 0) ^ ((cc & 1) != 0);
            if (c == 4) return ((res >>> ((8 << (op & 3)) - 1) & 1) != 0) ^ ((cc & 1) != 0);
        }
        if (kind == SUB) {
            int size = 1 << (op & 3);
            boolean r;
            switch (cc >>> 1) {
                case 1: r = Long.compareUnsigned(a, b) < 0; break;
                case 2: r = (res & mask(size)) == 0; break;
                case 3: r = Long.compareUnsigned(a, b) <= 0; break;
                case 4: r = (res >>> ((size << 3) - 1) & 1) != 0; break;
                case 6: r = sext(size, a) < sext(size, b); break;
                case 7: r = sext(size, a) <= sext(size, b); break;
                default: return cond(cc, compute(op, a, b, res));
            }
            return r ^ ((cc & 1) != 0);
        }
        if (kind == LOGIC) {
            int size = 1 << (op & 3);
            long s = sext(size, res);
            boolean r;
            switch (cc >>> 1) {
                case 0: case 1: r = false; break;
                case 2: r = s == 0; break;
                case 3: r = s == 0; break;
                case 4: case 6: r = s < 0; break;
                case 7: r = s <= 0; break;
                default: return cond(cc, compute(op, a, b, res));
            }
            return r ^ ((cc & 1) != 0);
        }
        return cond(cc, compute(op, a, b, res));
    }
}
