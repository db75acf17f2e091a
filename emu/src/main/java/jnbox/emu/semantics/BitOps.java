package jnbox.emu.semantics;

import static jnbox.emu.semantics.Flags.ARITH;
import static jnbox.emu.semantics.Flags.CF;
import static jnbox.emu.semantics.Flags.ZF;
import static jnbox.emu.semantics.Flags.mask;

/**
 * Bit tests, scans and counts (SDM vol. 2: BT, BTS, BTR, BTC, BSF, BSR, POPCNT, LZCNT, TZCNT).
 * Flag results are full arithmetic-flag sets; undefined flags follow the Intel host that
 * produced {@code semantics/alu.txt}, as documented per method.
 */
public final class BitOps {
    private BitOps() {}

    /** The bit offset of a register BT* operand: modulo the operand width. */
    public static int bitOffset(int size, long offset) { return (int) offset & ((size << 3) - 1); }

    /** BT: CF = the selected bit; OF SF AF PF undefined (Intel keeps them), ZF kept. */
    public static long btFlags(long value, int bit, long oldFlags) {
        return (oldFlags & ARITH & ~CF) | (value >>> bit & 1);
    }

    public static long bts(long value, int bit) { return value | 1L << bit; }

    public static long btr(long value, int bit) { return value & ~(1L << bit); }

    public static long btc(long value, int bit) { return value ^ 1L << bit; }

    /** BSF result: index of the lowest set bit; the destination is unchanged for a zero source. */
    public static long bsf(int size, long src, long oldDst) {
        src &= mask(size);
        return src == 0 ? oldDst : Long.numberOfTrailingZeros(src);
    }

    /** BSR result: index of the highest set bit; unchanged destination for a zero source. */
    public static long bsr(int size, long src, long oldDst) {
        src &= mask(size);
        return src == 0 ? oldDst : 63 - Long.numberOfLeadingZeros(src);
    }

    /**
     * BSF/BSR flags: ZF = source is zero; CF OF SF AF PF are undefined: the Intel host clears them
     * except PF, the parity of the result (the unchanged destination for a zero source).
     */
    public static long bsfFlags(int size, long src, long res) {
        return ((src & mask(size)) == 0 ? ZF : 0) | Flags.parity(res);
    }

    /** POPCNT: count of set bits; flags: ZF = source zero, all others cleared. */
    public static long popcnt(int size, long src) { return Long.bitCount(src & mask(size)); }

    public static long popcntFlags(int size, long src) { return (src & mask(size)) == 0 ? ZF : 0; }

    /** LZCNT: leading zero bits of the operand; CF = source zero, ZF = result zero. */
    public static long lzcnt(int size, long src) {
        return Long.numberOfLeadingZeros(src & mask(size)) - (64 - (size << 3));
    }

    /** TZCNT: trailing zero bits (operand width for a zero source). */
    public static long tzcnt(int size, long src) {
        src &= mask(size);
        return src == 0 ? size << 3 : Long.numberOfTrailingZeros(src);
    }

    /** LZCNT/TZCNT flags: CF = source zero, ZF = result zero; OF SF AF PF undefined (Intel: cleared). */
    public static long cntFlags(int size, long src, long res) {
        return ((src & mask(size)) == 0 ? CF : 0) | (res == 0 ? ZF : 0);
    }
}
