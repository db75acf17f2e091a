package jnbox.emu.lockstep;

import java.util.Random;

/**
 * Edge values for registers, immediates, vector lanes and data: the integer limits, and the
 * floating-point values that make conversions and arithmetic interesting (SDM vol. 1 §4.8, §11.5):
 * signed zeros, infinities, quiet and signalling NaNs, denormals, and the bounds of the integer
 * conversions (2^31, 2^63, just inside and outside), plus halves for the rounding modes.
 */
final class Values {
    private Values() {}

    private static final long[] INT = {0, 1, -1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFFL,
            0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, Long.MIN_VALUE, Long.MAX_VALUE, 31, 32, 63, 64,
            0xFFFF_FFFF_8000_0000L, 0xFFFF_FFFF_FFFF_FF80L};

    private static final long[] DOUBLE = {0, 0x8000_0000_0000_0000L, 0x3FF0_0000_0000_0000L, 0xBFF0_0000_0000_0000L,
            0x7FF8_0000_0000_0000L, 0xFFF8_0000_0000_0000L, 0x7FF0_0000_0000_0001L, 0x7FF4_0000_0000_1234L,
            0x7FF0_0000_0000_0000L, 0xFFF0_0000_0000_0000L, 1L, 0x800F_FFFF_FFFF_FFFFL, 0x0010_0000_0000_0000L,
            0x7FEF_FFFF_FFFF_FFFFL, 0x41E0_0000_0000_0000L, 0xC1E0_0000_0000_0000L, 0xC1E0_0000_0020_0000L,
            0x41DF_FFFF_FFC0_0000L, 0x43E0_0000_0000_0000L, 0xC3E0_0000_0000_0000L, 0x43F0_0000_0000_0000L,
            0x3FE0_0000_0000_0000L, 0x3FF8_0000_0000_0000L, 0x4004_0000_0000_0000L, 0xBFE0_0000_0000_0000L,
            0x41F0_0000_0000_0000L, 0x47EF_FFFF_E000_0000L, 0x3690_0000_0000_0000L};

    private static final int[] FLOAT = {0, 0x8000_0000, 0x3F80_0000, 0xBF80_0000, 0x7FC0_0000, 0xFFC0_0000,
            0x7F80_0001, 0x7FA0_1234, 0x7F80_0000, 0xFF80_0000, 1, 0x807F_FFFF, 0x0080_0000, 0x7F7F_FFFF,
            0x4F00_0000, 0xCF00_0000, 0xCF00_0001, 0x4EFF_FFFF, 0x5F00_0000, 0xDF00_0000, 0x3F00_0000,
            0x3FC0_0000, 0x4020_0000, 0xBF00_0000};

    /**
     * An x87 register value {significand, sign|exponent} (SDM vol. 1 4.2.2, 8.2.2): zeros, denormals and
     * pseudo-denormals, unnormals (invalid operands), infinities, quiet and signalling NaNs, the real
     * indefinite, 1, integer-conversion edges, and random normals.
     */
    static long[] x87(Random r) {
        long sign = r.nextBoolean() ? 0x8000 : 0;
        long m = r.nextLong();
        return switch (r.nextInt(12)) {
            case 0 -> new long[] {0, sign};
            case 1 -> new long[] {m >>> 1, sign};                                   // denormal
            case 2 -> new long[] {m | Long.MIN_VALUE, sign};                        // pseudo-denormal
            case 3 -> new long[] {m >>> 1, sign | 1 + r.nextInt(0x7FFE)};           // unnormal
            case 4 -> new long[] {Long.MIN_VALUE, sign | 0x7FFF};                   // infinity
            case 5 -> new long[] {0xC000_0000_0000_0000L | m >>> 2, sign | 0x7FFF}; // QNaN
            case 6 -> new long[] {Long.MIN_VALUE | 1 | m >>> 3, sign | 0x7FFF};     // SNaN
            case 7 -> new long[] {0xC000_0000_0000_0000L, 0xFFFF};                  // real indefinite
            case 8 -> new long[] {Long.MIN_VALUE, sign | 0x3FFF};                   // 1
            case 9 -> new long[] {Long.MIN_VALUE | m >>> 40, sign | 0x3FFF + 30 + r.nextInt(35)}; // near 2^31..2^64
            default -> new long[] {m | Long.MIN_VALUE, sign | 0x3FFF - 70 + r.nextInt(140)};
        };
    }

    static long intEdge(Random r) {
        long v = INT[r.nextInt(INT.length)];
        return r.nextInt(4) == 0 ? v + r.nextInt(3) - 1 : v;
    }

    /** 64 bits of a vector register or data: two floats, one double, an integer edge or random bits. */
    static long vectorLane(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> DOUBLE[r.nextInt(DOUBLE.length)] ^ (r.nextInt(4) == 0 ? r.nextInt(4) : 0);
            case 1 -> (FLOAT[r.nextInt(FLOAT.length)] & 0xFFFF_FFFFL) | (long) FLOAT[r.nextInt(FLOAT.length)] << 32;
            case 2 -> intEdge(r);
            default -> r.nextLong();
        };
    }
}
