package jnbox.emu.semantics;

/**
 * CRC32 (SSE4.2, SDM vol. 2 CRC32): the CRC-32C (Castagnoli) polynomial 11EDC6F41h in its
 * bit-reflected form 82F63B78h, with neither the initial nor the final inversion: the instruction
 * only accumulates. Table-driven, one step per source byte, lowest byte first.
 */
public final class Crc32 {
    private Crc32() {}

    private static final int POLY = 0x82F6_3B78;
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? c >>> 1 ^ POLY : c >>> 1;
            TABLE[i] = c;
        }
    }

    /** The accumulated CRC of {@code crc} (low 32 bits) over the low {@code bytes} bytes of {@code v}. */
    public static int update(int crc, long v, int bytes) {
        int c = crc;
        for (int i = 0; i < bytes; i++) c = TABLE[(c ^ (int) (v >>> (8 * i))) & 0xFF] ^ c >>> 8;
        return c;
    }
}
