package jnbox.emu.semantics;

/**
 * The AES-NI round primitives (SDM vol. 2 AESENC, AESENCLAST, AESDEC, AESDECLAST, AESIMC,
 * AESKEYGENASSIST; FIPS-197 §5). The state is the 128-bit XMM value, byte i = row i % 4 of column
 * i / 4 (byte 0 the lowest). The S-box is built once from its definition (FIPS-197 §5.1.1: the
 * multiplicative inverse in GF(2^8) mod x^8+x^4+x^3+x+1, then the affine map with 63h).
 * Results go to out[0] (bits 0-63) and out[1] (64-127); no allocation.
 */
public final class Aes {
    private Aes() {}

    private static final int[] SBOX = new int[256], INV = new int[256];

    static {
        for (int x = 0; x < 256; x++) {
            int inv = 0;
            if (x != 0) for (int y = 1; y < 256; y++) if (mul(x, y) == 1) { inv = y; break; }
            int s = inv;
            for (int k = 1; k <= 4; k++) s ^= (inv << k | inv >>> (8 - k)) & 0xFF;
            SBOX[x] = s ^ 0x63;
        }
        for (int x = 0; x < 256; x++) INV[SBOX[x]] = x;
    }

    /** Multiplication in GF(2^8) modulo x^8+x^4+x^3+x+1 (11Bh). */
    static int mul(int a, int b) {
        int r = 0;
        for (int i = 0; i < 8; i++) {
            if ((b >> i & 1) != 0) r ^= a;
            a = (a & 0x80) != 0 ? (a << 1 ^ 0x11B) : a << 1;
        }
        return r & 0xFF;
    }

    private static int b(long lo, long hi, int i) { return (int) ((i < 8 ? lo : hi) >>> (8 * (i & 7))) & 0xFF; }

    /** One round: (Inv)ShiftRows + (Inv)SubBytes, then (Inv)MixColumns unless last, XOR the round key. */
    private static void round(boolean dec, boolean last, long sl, long sh, long kl, long kh, long[] out) {
        long tl = 0, th = 0;
        for (int i = 0; i < 16; i++) {
            int r = i & 3, c = i >> 2;
            int v = b(sl, sh, r + 4 * ((dec ? c - r + 4 : c + r) & 3));
            long s = dec ? INV[v] : SBOX[v];
            if (i < 8) tl |= s << (8 * i);
            else th |= s << (8 * (i - 8));
        }
        if (!last) {
            tl = mix2(tl, dec);
            th = mix2(th, dec);
        }
        out[0] = tl ^ kl;
        out[1] = th ^ kh;
    }

    /** (Inv)MixColumns of the two columns (32 bits each) in w. */
    private static long mix2(long w, boolean inv) {
        return (mix((int) w, inv) & 0xFFFF_FFFFL) | (long) mix((int) (w >>> 32), inv) << 32;
    }

    /** MixColumns (FIPS-197 §5.1.3) or InvMixColumns (§5.3.3) of one column, row 0 in bits 0-7. */
    private static int mix(int col, boolean inv) {
        int m0 = inv ? 14 : 2, m1 = inv ? 11 : 3, m2 = inv ? 13 : 1, m3 = inv ? 9 : 1;
        int a0 = col & 0xFF, a1 = col >>> 8 & 0xFF, a2 = col >>> 16 & 0xFF, a3 = col >>> 24;
        int r0 = mul(a0, m0) ^ mul(a1, m1) ^ mul(a2, m2) ^ mul(a3, m3);
        int r1 = mul(a0, m3) ^ mul(a1, m0) ^ mul(a2, m1) ^ mul(a3, m2);
        int r2 = mul(a0, m2) ^ mul(a1, m3) ^ mul(a2, m0) ^ mul(a3, m1);
        int r3 = mul(a0, m1) ^ mul(a1, m2) ^ mul(a2, m3) ^ mul(a3, m0);
        return r0 | r1 << 8 | r2 << 16 | r3 << 24;
    }

    public static void enc(long sl, long sh, long kl, long kh, long[] out) { round(false, false, sl, sh, kl, kh, out); }

    public static void encLast(long sl, long sh, long kl, long kh, long[] out) { round(false, true, sl, sh, kl, kh, out); }

    public static void dec(long sl, long sh, long kl, long kh, long[] out) { round(true, false, sl, sh, kl, kh, out); }

    public static void decLast(long sl, long sh, long kl, long kh, long[] out) { round(true, true, sl, sh, kl, kh, out); }

    /** AESIMC: InvMixColumns of the source. */
    public static void imc(long sl, long sh, long[] out) {
        out[0] = mix2(sl, true);
        out[1] = mix2(sh, true);
    }

    private static int subWord(int w) {
        return SBOX[w & 0xFF] | SBOX[w >>> 8 & 0xFF] << 8 | SBOX[w >>> 16 & 0xFF] << 16 | SBOX[w >>> 24] << 24;
    }

    /** AESKEYGENASSIST: SubWord/RotWord of source dwords 1 and 3, XOR RCON (imm8) on the rotated ones. */
    public static void keygenAssist(long sl, long sh, int imm, long[] out) {
        int x1 = subWord((int) (sl >>> 32)), x3 = subWord((int) (sh >>> 32));
        int rcon = imm & 0xFF;
        out[0] = (x1 & 0xFFFF_FFFFL) | (long) (Integer.rotateRight(x1, 8) ^ rcon) << 32;
        out[1] = (x3 & 0xFFFF_FFFFL) | (long) (Integer.rotateRight(x3, 8) ^ rcon) << 32;
    }
}
