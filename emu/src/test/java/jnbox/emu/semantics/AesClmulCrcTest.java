package jnbox.emu.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The AES-NI, PCLMULQDQ and CRC32 kernels against published vectors (the host-CPU rows of
 * LegacyHostTest check the instructions themselves): FIPS-197 Appendix C.1 (AES-128 built from
 * aeskeygenassist/aesenc/aesenclast the way Intel's AES-NI white paper expands the key, and the
 * inverse cipher from aesimc/aesdec/aesdeclast), the CRC-32C check value of "123456789"
 * (RFC 3720 §B.4: E3069283h with the usual pre/post inversion), and GF(2) products by hand.
 */
class AesClmulCrcTest {
    private static long le(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (b[off + i] & 0xFF);
        return v;
    }

    private static String hex(long lo, long hi) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (lo >>> (8 * i));
            b[8 + i] = (byte) (hi >>> (8 * i));
        }
        return HexFormat.of().formatHex(b);
    }

    @Test
    void aes128FipsAppendixC1() {
        byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] pt = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        long[][] k = new long[11][];
        k[0] = new long[] {le(key, 0), le(key, 8)};
        int[] rcon = {1, 2, 4, 8, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36};
        long[] t = new long[2];
        for (int r = 1; r <= 10; r++) {
            Aes.keygenAssist(k[r - 1][0], k[r - 1][1], rcon[r - 1], t);
            int x = (int) (t[1] >>> 32); // pshufd 0xff: dword 3
            int w0 = (int) k[r - 1][0] ^ x, w1 = (int) (k[r - 1][0] >>> 32) ^ w0;
            int w2 = (int) k[r - 1][1] ^ w1, w3 = (int) (k[r - 1][1] >>> 32) ^ w2;
            k[r] = new long[] {(w0 & 0xFFFF_FFFFL) | (long) w1 << 32, (w2 & 0xFFFF_FFFFL) | (long) w3 << 32};
        }
        long sl = le(pt, 0) ^ k[0][0], sh = le(pt, 8) ^ k[0][1];
        for (int r = 1; r < 10; r++) {
            Aes.enc(sl, sh, k[r][0], k[r][1], t);
            sl = t[0];
            sh = t[1];
        }
        Aes.encLast(sl, sh, k[10][0], k[10][1], t);
        assertThat(hex(t[0], t[1])).isEqualTo("69c4e0d86a7b0430d8cdb78070b4c55a");
        // the equivalent inverse cipher (FIPS-197 §5.3.5): round keys 1..9 through aesimc
        sl = t[0] ^ k[10][0];
        sh = t[1] ^ k[10][1];
        for (int r = 9; r >= 1; r--) {
            long[] dk = new long[2];
            Aes.imc(k[r][0], k[r][1], dk);
            Aes.dec(sl, sh, dk[0], dk[1], t);
            sl = t[0];
            sh = t[1];
        }
        Aes.decLast(sl, sh, k[0][0], k[0][1], t);
        assertThat(hex(t[0], t[1])).isEqualTo("00112233445566778899aabbccddeeff");
    }

    @Test
    void crc32cCheckValue() {
        byte[] s = "123456789".getBytes(StandardCharsets.US_ASCII);
        int c = ~0;
        for (byte b : s) c = Crc32.update(c, b, 1);
        assertThat(~c).isEqualTo(0xE306_9283);
        int w = Crc32.update(~0, le(new byte[] {'1', '2', '3', '4', '5', '6', '7', '8'}, 0), 8);
        assertThat(~Crc32.update(w, '9', 1)).as("8 bytes at once = byte by byte").isEqualTo(0xE306_9283);
    }

    @Test
    void carryLessProducts() {
        assertThat(Clmul.lo(3, 3)).isEqualTo(5); // (x+1)^2 = x^2+1
        assertThat(Clmul.lo(Long.MIN_VALUE, 2)).isZero();
        assertThat(Clmul.hi(Long.MIN_VALUE, 2)).isEqualTo(1);
        assertThat(Clmul.hi(-1L, -1L)).isEqualTo(0x5555_5555_5555_5555L); // squaring spreads the bits: x^126..x^64 even
        assertThat(Clmul.lo(-1L, -1L)).isEqualTo(0x5555_5555_5555_5555L);
    }
}
