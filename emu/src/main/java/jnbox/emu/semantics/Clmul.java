package jnbox.emu.semantics;

/** PCLMULQDQ (SDM vol. 2): the carry-less (GF(2)[x]) product of two 64-bit operands, 128 bits. */
public final class Clmul {
    private Clmul() {}

    /** The low 64 bits of a (x) b. */
    public static long lo(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i++) if ((b >>> i & 1) != 0) r ^= a << i;
        return r;
    }

    /** The high 64 bits of a (x) b (bit 127 is always 0). */
    public static long hi(long a, long b) {
        long r = 0;
        for (int i = 1; i < 64; i++) if ((b >>> i & 1) != 0) r ^= a >>> (64 - i);
        return r;
    }
}
