package jnbox.emu.semantics;

import static jnbox.emu.semantics.Flags.ARITH;
import static jnbox.emu.semantics.Flags.CF;
import static jnbox.emu.semantics.Flags.OF;
import static jnbox.emu.semantics.Flags.mask;
import static jnbox.emu.semantics.Flags.sext;

/**
 * Shifts and rotates (SDM vol. 2: SAL/SAR/SHL/SHR, ROL/ROR/RCL/RCR, SHLD/SHRD). Counts are masked
 * to 5 bits (6 with 64-bit operands) by {@link #count}; a masked count of 0 changes neither the
 * operand nor the flags, which callers check first. SHL/SHR/SAR flags are lazy
 * ({@link Flags#SHL} with b = masked count); rotates and double shifts return their new
 * RFLAGS arithmetic bits from {@code *Flags} methods, given the old ones.
 */
public final class Shift {
    private Shift() {}

    /** The masked shift count (SDM vol. 2 "SAL/SAR/SHL/SHR": 5 bits, 6 bits with REX.W). */
    public static int count(int size, long c) { return (int) c & (size == 8 ? 63 : 31); }

    /** SHL with a masked, nonzero count. */
    public static long shl(int size, long a, int c) { return c >= 64 ? 0 : (a << c) & mask(size); }

    /** SHR with a masked, nonzero count. */
    public static long shr(int size, long a, int c) { return c >= 64 ? 0 : (a & mask(size)) >>> c; }

    /** SAR with a masked, nonzero count. */
    public static long sar(int size, long a, int c) { return (sext(size, a) >> Math.min(c, 63)) & mask(size); }

    // ---------------------------------------------------------------- rotates

    /** ROL with a masked, nonzero count. */
    public static long rol(int size, long a, int c) {
        int bits = size << 3;
        int r = c & (bits - 1);
        a &= mask(size);
        return r == 0 ? a : ((a << r) | (a >>> (bits - r))) & mask(size);
    }

    /** ROR with a masked, nonzero count. */
    public static long ror(int size, long a, int c) {
        int bits = size << 3;
        int r = c & (bits - 1);
        a &= mask(size);
        return r == 0 ? a : ((a >>> r) | (a << (bits - r))) & mask(size);
    }

    /** Flags after ROL (count nonzero): CF = bit 0 of the result, OF = MSB xor CF; others kept. */
    public static long rolFlags(int size, long res, long oldFlags) {
        long cf = res & 1;
        long of = (res >>> ((size << 3) - 1) & 1) ^ cf;
        return (oldFlags & ARITH & ~(CF | OF)) | cf | of << 11;
    }

    /** Flags after ROR (count nonzero): CF = MSB of the result, OF = xor of the two top bits. */
    public static long rorFlags(int size, long res, long oldFlags) {
        int top = (size << 3) - 1;
        long cf = res >>> top & 1;
        long of = cf ^ (res >>> (top - 1) & 1);
        return (oldFlags & ARITH & ~(CF | OF)) | cf | of << 11;
    }

    /** RCL through CF with a masked, nonzero count; returns the result (CF out via {@link #rclFlags}). */
    public static long rcl(int size, long a, int c, long cf) {
        int bits = size << 3;
        int r = c % (bits + 1);
        a &= mask(size);
        if (r == 0) return a;
        // (bits+1)-bit rotate of cf:a
        long lo = r == 1 ? 0 : a >>> (bits - r + 1);
        long hi = r == 64 ? 0 : a << r;
        return (hi | cf << (r - 1) | lo) & mask(size);
    }

    /** Flags after RCL (masked count nonzero). */
    public static long rclFlags(int size, long a, int c, long oldFlags) {
        int bits = size << 3;
        int r = c % (bits + 1);
        long cfIn = oldFlags & CF;
        long res = rcl(size, a, c, cfIn);
        long cf = r == 0 ? cfIn : (a & mask(size)) >>> (bits - r) & 1;
        long of = (res >>> (bits - 1) & 1) ^ cf;
        return (oldFlags & ARITH & ~(CF | OF)) | cf | of << 11;
    }

    /** RCR through CF with a masked, nonzero count. */
    public static long rcr(int size, long a, int c, long cf) {
        int bits = size << 3;
        int r = c % (bits + 1);
        a &= mask(size);
        if (r == 0) return a;
        long lo = r == 64 ? 0 : a >>> r;
        long hi = r == 1 ? 0 : a << (bits - r + 1);
        return (lo | cf << (bits - r) | hi) & mask(size);
    }

    /** Flags after RCR (masked count nonzero): OF = xor of the two top bits of the result. */
    public static long rcrFlags(int size, long a, int c, long oldFlags) {
        int bits = size << 3;
        int r = c % (bits + 1);
        long cfIn = oldFlags & CF;
        long res = rcr(size, a, c, cfIn);
        long cf = r == 0 ? cfIn : (a & mask(size)) >>> (r - 1) & 1;
        long of = (res >>> (bits - 1) ^ res >>> (bits - 2)) & 1;
        return (oldFlags & ARITH & ~(CF | OF)) | cf | of << 11;
    }

    // ---------------------------------------------------------------- double shifts

    /**
     * SHLD with a masked, nonzero count. For 16-bit operands with counts above 16 the result is
     * undefined; this returns what Intel hardware does (the source is shifted in, then the
     * destination again: a 48-bit d:s:d window).
     */
    public static long shld(int size, long d, long s, int c) {
        if (size == 2) {
            long w = (d & 0xFFFF) << 32 | (s & 0xFFFF) << 16 | (d & 0xFFFF);
            return w >>> (32 - c) & 0xFFFF;
        }
        int bits = size << 3;
        return ((d << c) | ((s & mask(size)) >>> (bits - c))) & mask(size);
    }

    /** SHRD with a masked, nonzero count (16-bit above 16: s:d:s window, as on Intel). */
    public static long shrd(int size, long d, long s, int c) {
        if (size == 2) {
            long w = (s & 0xFFFF) << 32 | (d & 0xFFFF) << 16 | (s & 0xFFFF);
            return w >>> (c + 16) & 0xFFFF;
        }
        int bits = size << 3;
        return (((d & mask(size)) >>> c) | (s << (bits - c))) & mask(size);
    }

    /** Flags after SHLD (masked count nonzero): CF = last bit out, OF = sign change, SZP of res, AF 0. */
    public static long shldFlags(int size, long d, long s, int c, long res) {
        int bits = size << 3;
        long cf;
        if (size == 2) {
            long w = (d & 0xFFFF) << 32 | (s & 0xFFFF) << 16 | (d & 0xFFFF);
            cf = w >>> (48 - c) & 1;
        } else {
            cf = (d & mask(size)) >>> (bits - c) & 1;
        }
        long of = ((d ^ res) >>> (bits - 1)) & 1;
        return cf | of << 11 | Flags.szp(size, res);
    }

    /** Flags after SHRD (masked count nonzero). */
    public static long shrdFlags(int size, long d, long s, int c, long res) {
        int bits = size << 3;
        long cf;
        if (size == 2) {
            long w = (s & 0xFFFF) << 32 | (d & 0xFFFF) << 16 | (s & 0xFFFF);
            cf = w >>> (c + 15) & 1;
        } else {
            cf = (d & mask(size)) >>> (c - 1) & 1;
        }
        long of = ((d ^ res) >>> (bits - 1)) & 1;
        return cf | of << 11 | Flags.szp(size, res);
    }
}
