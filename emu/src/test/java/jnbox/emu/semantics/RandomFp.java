package jnbox.emu.semantics;

import java.util.Random;

/** Edge-weighted random operands: exponents near the ends of the range, zeros, denormals, NaNs. */
final class RandomFp {
    private RandomFp() {}

    private static final long[] D = {0, Long.MIN_VALUE, 1, 0x000F_FFFF_FFFF_FFFFL, 0x0010_0000_0000_0000L,
        0x0010_0000_0000_0001L, 0x3FEF_FFFF_FFFF_FFFFL, 0x3FF0_0000_0000_0000L, 0x7FEF_FFFF_FFFF_FFFFL,
        0x7FF0_0000_0000_0000L, 0xFFF0_0000_0000_0000L, 0x7FF8_0000_0000_0001L, 0x7FF4_0000_0000_0002L,
        0x380F_FFFF_E000_0000L, 0x47EF_FFFF_E000_0000L, 0x41E0_0000_0000_0000L, 0x43E0_0000_0000_0000L};
    private static final int[] DE = {0, 1, 2, 30, 52, 53, 54, 100, 874, 875, 896, 897, 923, 1022, 1023, 1024, 1054,
        1085, 1150, 1151, 1970, 2045, 2046};
    private static final int[] F = {0, 0x8000_0000, 1, 0x007F_FFFF, 0x0080_0000, 0x0080_0001, 0x3F7F_FFFF, 0x3F80_0000,
        0x7F7F_FFFF, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0001, 0x7FA0_0002, 0x4F00_0000, 0xCF00_0000, 0x5F00_0000};
    private static final int[] FE = {0, 1, 2, 23, 24, 25, 63, 64, 100, 126, 127, 150, 157, 158, 189, 190, 253, 254};

    static long dbl(Random r) {
        double k = r.nextDouble();
        if (k < 0.25) return D[r.nextInt(D.length)];
        long e = k < 0.65 ? DE[r.nextInt(DE.length)] : r.nextInt(2047);
        long frac = r.nextInt(4) == 0 ? r.nextLong() & (0xFL << 48 | 1) : r.nextLong(); // few bits: ties, exact cases
        return (r.nextBoolean() ? Long.MIN_VALUE : 0) | e << 52 | frac & 0x000F_FFFF_FFFF_FFFFL;
    }

    static int flt(Random r) {
        double k = r.nextDouble();
        if (k < 0.25) return F[r.nextInt(F.length)];
        int e = k < 0.65 ? FE[r.nextInt(FE.length)] : r.nextInt(255);
        int frac = r.nextInt(4) == 0 ? r.nextInt() & 0x0070_0001 : r.nextInt();
        return (r.nextBoolean() ? 0x8000_0000 : 0) | e << 23 | frac & 0x007F_FFFF;
    }

    static long integer(Random r) {
        int bits = new int[] {8, 24, 25, 31, 32, 53, 54, 63, 64}[r.nextInt(9)];
        long v = bits == 64 ? r.nextLong() : r.nextLong() & ((1L << bits) - 1);
        return r.nextBoolean() ? -v : v;
    }
}
