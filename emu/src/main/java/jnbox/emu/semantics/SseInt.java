package jnbox.emu.semantics;

/**
 * SSE2 packed-integer operations on one 64-bit half of an XMM register (SDM vol. 2 PADDB...). Most
 * operations work lane by lane, so a 128-bit instruction is the same method on the low and the
 * high half; cross-half operations (unpack, pack, shuffles, byte shifts) say how to combine.
 * {@code e} is the lane size in bytes (1, 2, 4, 8).
 */
public final class SseInt {
    private SseInt() {}

    private static long lane(long v, int i, int e) {
        return e == 8 ? v : v >>> (i * e * 8) & ((1L << (e * 8)) - 1);
    }

    private static long slane(long v, int i, int e) {
        int bits = e * 8;
        return v << (64 - bits - i * bits) >> (64 - bits);
    }

    private static long put(long acc, int i, int e, long x) {
        if (e == 8) return x;
        long m = (1L << (e * 8)) - 1;
        return acc | (x & m) << (i * e * 8);
    }

    /** Lane-wise operations: 0 add, 1 sub, 2 cmpeq, 3 cmpgt (signed), 4 minu, 5 maxu, 6 mins, 7 maxs,
     * 8 addus (unsigned saturate), 9 subus, 10 adds (signed saturate), 11 subs, 12 avgu,
     * 13 mullo, 14 mulhi (signed), 15 mulhu. */
    public static long lanes(int op, int e, long a, long b) {
        int n = 8 / e;
        long r = 0;
        long umax = e == 8 ? -1L : (1L << (e * 8)) - 1;
        long smax = umax >>> 1, smin = -smax - 1;
        for (int i = 0; i < n; i++) {
            long x = lane(a, i, e), y = lane(b, i, e);
            long sx = slane(a, i, e), sy = slane(b, i, e);
            long v = switch (op) {
                case 0 -> x + y;
                case 1 -> x - y;
                case 2 -> x == y ? -1 : 0;
                case 3 -> sx > sy ? -1 : 0;
                case 4 -> Long.compareUnsigned(x, y) < 0 ? x : y;
                case 5 -> Long.compareUnsigned(x, y) > 0 ? x : y;
                case 6 -> Math.min(sx, sy);
                case 7 -> Math.max(sx, sy);
                case 8 -> Math.min(x + y, umax);
                case 9 -> Math.max(x - y, 0);
                case 10 -> Math.max(smin, Math.min(smax, sx + sy));
                case 11 -> Math.max(smin, Math.min(smax, sx - sy));
                case 12 -> (x + y + 1) >>> 1;
                case 13 -> sx * sy;
                case 14 -> (sx * sy) >> (e * 8);
                default -> (x * y) >>> (e * 8);
            };
            r = put(r, i, e, v);
        }
        return r;
    }

    /** Interleaves the low 32 bits of a and b in lanes of e bytes (PUNPCKL* on one half). */
    public static long unpackLo(int e, long a, long b) {
        if (e == 8) return a;
        long r = 0;
        int n = 4 / e;
        for (int i = 0; i < n; i++) {
            r = put(r, 2 * i, e, lane(a, i, e));
            r = put(r, 2 * i + 1, e, lane(b, i, e));
        }
        return r;
    }

    /** Interleaves the high 32 bits of a and b (the upper result half of PUNPCKL*). */
    public static long unpackHi(int e, long a, long b) {
        return unpackLo(e, a >>> 32, b >>> 32);
    }

    /** PMOVMSKB on one half: the top bit of each byte. */
    public static int movmskb(long v) {
        int m = 0;
        for (int i = 0; i < 8; i++) m |= (int) (v >>> (i * 8 + 7) & 1) << i;
        return m;
    }

    /** Shifts each lane of e bytes (2, 4, 8) by count: 0 logical left, 1 logical right, 2 arithmetic right. */
    public static long shift(int kind, int e, long v, long count) {
        int bits = e * 8;
        boolean big = Long.compareUnsigned(count, bits) >= 0;
        long r = 0;
        for (int i = 0; i < 8 / e; i++) {
            long x;
            switch (kind) {
                case 0 -> x = big ? 0 : lane(v, i, e) << count;
                case 1 -> x = big ? 0 : lane(v, i, e) >>> count;
                default -> x = slane(v, i, e) >> (big ? bits - 1 : count);
            }
            r = put(r, i, e, x);
        }
        return r;
    }

    /** PACKSSWB (e=2) / PACKSSDW (e=4) / PACKUSWB (e=2, unsigned): packs one half into 32 bits. */
    public static long pack(int e, boolean unsigned, long v) {
        int n = 8 / e, oe = e / 2;
        long r = 0;
        long omax = (1L << (oe * 8)) - 1;
        for (int i = 0; i < n; i++) {
            long s = slane(v, i, e);
            long x = unsigned ? Math.max(0, Math.min(omax, s)) : Math.max(-(omax >> 1) - 1, Math.min(omax >> 1, s));
            r = put(r, i, oe, x);
        }
        return r;
    }

    /** PSADBW on one half: sum of absolute byte differences. */
    public static long sadbw(long a, long b) {
        long s = 0;
        for (int i = 0; i < 8; i++) s += Math.abs(lane(a, i, 1) - lane(b, i, 1));
        return s;
    }

    /** PMADDWD on one half: two dword sums of word products. */
    public static long maddwd(long a, long b) {
        long lo = slane(a, 0, 2) * slane(b, 0, 2) + slane(a, 1, 2) * slane(b, 1, 2);
        long hi = slane(a, 2, 2) * slane(b, 2, 2) + slane(a, 3, 2) * slane(b, 3, 2);
        return (lo & 0xFFFF_FFFFL) | hi << 32;
    }

    /** PMULUDQ on one half: low dwords multiplied unsigned into a quadword. */
    public static long muludq(long a, long b) { return (a & 0xFFFF_FFFFL) * (b & 0xFFFF_FFFFL); }
}
