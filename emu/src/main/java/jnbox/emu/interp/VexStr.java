package jnbox.emu.interp;

import jnbox.emu.semantics.Flags;

/**
 * The SSE4.2 packed string compare core (SDM vol. 1 §12.10 and vol. 2 §4.1 "Imm8 Control Byte
 * Operation for PCMPESTRI/PCMPESTRM/PCMPISTRI/PCMPISTRM"): a pure kernel shared by the four
 * instructions. imm8 bits 1:0 the element format (unsigned/signed bytes/words), 3:2 the
 * aggregation (equal any, ranges, equal each, equal ordered), 5:4 the polarity, 6 the index or
 * mask form.
 */
final class VexStr {
    private VexStr() {}

    /** Elements per 128 bits for imm8: 16 bytes or 8 words. */
    static int count(int imm) { return (imm & 1) != 0 ? 8 : 16; }

    private static long el(long lo, long hi, int i, int imm) {
        boolean words = (imm & 1) != 0, signed = (imm & 2) != 0;
        int e = words ? 2 : 1, bit = i * e * 8;
        long w = (bit < 64 ? lo : hi) >>> (bit & 63);
        return signed ? w << (64 - e * 8) >> (64 - e * 8) : w & ((1L << (e * 8)) - 1);
    }

    /** Implicit length: the index of the first zero element, or the element count. */
    static int implicitLength(long lo, long hi, int imm) {
        int n = count(imm);
        for (int i = 0; i < n; i++) if (el(lo, hi, i, imm) == 0) return i;
        return n;
    }

    /** Explicit length from rAX/rDX: the absolute value, saturated to the element count. */
    static int explicitLength(long reg, boolean is64, int imm) {
        long v = is64 ? reg : (long) (int) reg;
        long abs = v == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(v);
        return (int) Math.min(abs, count(imm));
    }

    /** IntRes2: bit j for element j, from a = the first operand (xmm1), b = the second (xmm2/m128). */
    static int compare(int imm, long al, long ah, long bl, long bh, int la, int lb) {
        int n = count(imm), agg = imm >> 2 & 3;
        int res = 0;
        for (int j = 0; j < n; j++) {
            boolean bit;
            switch (agg) {
                case 0: { // equal any
                    bit = false;
                    if (j < lb) for (int i = 0; i < la; i++) if (el(al, ah, i, imm) == el(bl, bh, j, imm)) bit = true;
                    break;
                }
                case 1: { // ranges: a[2k] <= b[j] <= a[2k+1]
                    bit = false;
                    if (j < lb) {
                        long v = el(bl, bh, j, imm);
                        for (int i = 0; i + 1 < n; i += 2) {
                            boolean ge = i < la && v >= el(al, ah, i, imm);
                            boolean le = i + 1 < la && v <= el(al, ah, i + 1, imm);
                            if (ge && le) bit = true;
                        }
                    }
                    break;
                }
                case 2: { // equal each
                    boolean av = j < la, bv = j < lb;
                    bit = av && bv ? el(al, ah, j, imm) == el(bl, bh, j, imm) : !av && !bv;
                    break;
                }
                default: { // equal ordered: a (the needle) starts at b[j]
                    bit = true;
                    for (int i = 0; i < n - j; i++) {
                        boolean av = i < la, bv = j + i < lb;
                        boolean m = !av || bv && el(al, ah, i, imm) == el(bl, bh, j + i, imm);
                        if (!m) { bit = false; break; }
                    }
                    break;
                }
            }
            if (bit) res |= 1 << j;
        }
        int all = (1 << n) - 1;
        return switch (imm >> 4 & 3) {
            case 1 -> ~res & all;                       // negative polarity
            case 3 -> (res ^ ((1 << lb) - 1)) & all;    // masked negative: only the valid elements of b
            default -> res;
        };
    }

    /** The flags: CF = result non-zero, ZF = b shorter than n, SF = a shorter than n, OF = bit 0. */
    static long flags(int res, int la, int lb, int imm) {
        int n = count(imm);
        return (res != 0 ? Flags.CF : 0) | (lb < n ? Flags.ZF : 0) | (la < n ? Flags.SF : 0) | ((res & 1) != 0 ? Flags.OF : 0);
    }

    /** The index form: least (imm8 bit 6 clear) or most significant set bit, or n when none. */
    static int index(int res, int imm) {
        if (res == 0) return count(imm);
        return (imm & 0x40) == 0 ? Integer.numberOfTrailingZeros(res) : 31 - Integer.numberOfLeadingZeros(res);
    }

    /** The mask form into out[0..1]: the bits (imm8 bit 6 clear) or expanded byte/word elements. */
    static void mask(int res, int imm, long[] out) {
        out[0] = out[1] = 0;
        if ((imm & 0x40) == 0) {
            out[0] = res & 0xFFFFL;
            return;
        }
        int n = count(imm), e = 16 / n;
        for (int i = 0; i < n; i++) {
            if ((res >> i & 1) == 0) continue;
            int bit = i * e * 8;
            out[bit >> 6] |= ((1L << (e * 8)) - 1) << (bit & 63);
        }
    }
}
