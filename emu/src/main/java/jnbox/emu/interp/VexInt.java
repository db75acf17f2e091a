package jnbox.emu.interp;

/**
 * Pure 128-bit kernels of the SSSE3 and SSE4.1 integer operations (SDM vol. 2, each instruction's
 * 128-bit "Operation" section): {@code apply(op, a, b, imm)} computes one 128-bit lane from the
 * first source a (the destination of the legacy form, VEX.vvvv of the VEX form) and the second
 * source b (ModRM.r/m). Stateless and allocation-free; VEX.256 forms apply them per lane.
 */
final class VexInt {
    private VexInt() {}

    static final int PSHUFB = 1, PHADDW = 2, PHADDD = 3, PHADDSW = 4, PHSUBW = 5, PHSUBD = 6, PHSUBSW = 7,
            PMADDUBSW = 8, PSIGNB = 9, PSIGNW = 10, PSIGND = 11, PMULHRSW = 12, PABSB = 13, PABSW = 14,
            PABSD = 15, PMULDQ = 16, PCMPEQQ = 17, PCMPGTQ = 18, PACKUSDW = 19, PMINSB = 20, PMINSD = 21,
            PMINUW = 22, PMINUD = 23, PMAXSB = 24, PMAXSD = 25, PMAXUW = 26, PMAXUD = 27, PMULLD = 28,
            PALIGNR = 29, MPSADBW = 30, PHMINPOSUW = 31;

    private static final String[] NAMES = {null, "PSHUFB", "PHADDW", "PHADDD", "PHADDSW", "PHSUBW", "PHSUBD",
            "PHSUBSW", "PMADDUBSW", "PSIGNB", "PSIGNW", "PSIGND", "PMULHRSW", "PABSB", "PABSW", "PABSD", "PMULDQ",
            "PCMPEQQ", "PCMPGTQ", "PACKUSDW", "PMINSB", "PMINSD", "PMINUW", "PMINUD", "PMAXSB", "PMAXSD", "PMAXUW",
            "PMAXUD", "PMULLD", "PALIGNR", "MPSADBW", "PHMINPOSUW"};

    /** The kernel id of a legacy mnemonic ({@code "PSHUFB"}...), or -1. */
    static int opOf(String legacy) {
        for (int i = 1; i < NAMES.length; i++) if (NAMES[i].equals(legacy)) return i;
        return -1;
    }

    /** The unary kernels: they read only b (pabs*, phminposuw). */
    static boolean unary(int op) { return op == PABSB || op == PABSW || op == PABSD || op == PHMINPOSUW; }

    /** Unsigned element i of e bytes of the 128-bit value (lo, hi). */
    private static long u(long lo, long hi, int i, int e) {
        int bit = i * e * 8;
        long w = bit < 64 ? lo : hi;
        return e == 8 ? w : w >>> (bit & 63) & ((1L << (e * 8)) - 1);
    }

    /** Signed element i of e bytes. */
    private static long s(long lo, long hi, int i, int e) {
        int bit = i * e * 8;
        long w = bit < 64 ? lo : hi;
        return e == 8 ? w : w << (64 - (bit & 63) - e * 8) >> (64 - e * 8);
    }

    private static void put(long[] out, int i, int e, long v) {
        int bit = i * e * 8;
        long m = e == 8 ? -1L : (1L << (e * 8)) - 1;
        out[bit >> 6] |= (v & m) << (bit & 63);
    }

    private static long sat16(long v) { return Math.max(-32768, Math.min(32767, v)); }

    /** Computes {@code op} on one 128-bit lane into out[0] (bits 0-63) and out[1] (64-127). */
    static void apply(int op, long al, long ah, long bl, long bh, int imm, long[] out) {
        out[0] = out[1] = 0;
        switch (op) {
            case PSHUFB:
                for (int i = 0; i < 16; i++) {
                    long idx = u(bl, bh, i, 1);
                    put(out, i, 1, (idx & 0x80) != 0 ? 0 : u(al, ah, (int) idx & 15, 1));
                }
                break;
            case PHADDW: case PHSUBW: case PHADDSW: case PHSUBSW: {
                boolean sub = op == PHSUBW || op == PHSUBSW, sat = op == PHADDSW || op == PHSUBSW;
                for (int i = 0; i < 8; i++) {
                    long lo = i < 4 ? al : bl, hi = i < 4 ? ah : bh;
                    int k = (i & 3) * 2;
                    long x = s(lo, hi, k, 2), y = s(lo, hi, k + 1, 2);
                    long v = sub ? x - y : x + y;
                    put(out, i, 2, sat ? sat16(v) : v);
                }
                break;
            }
            case PHADDD: case PHSUBD:
                for (int i = 0; i < 4; i++) {
                    long lo = i < 2 ? al : bl, hi = i < 2 ? ah : bh;
                    int k = (i & 1) * 2;
                    long x = s(lo, hi, k, 4), y = s(lo, hi, k + 1, 4);
                    put(out, i, 4, op == PHSUBD ? x - y : x + y);
                }
                break;
            case PMADDUBSW: // a: unsigned bytes, b: signed bytes
                for (int i = 0; i < 8; i++) {
                    long v = u(al, ah, 2 * i, 1) * s(bl, bh, 2 * i, 1) + u(al, ah, 2 * i + 1, 1) * s(bl, bh, 2 * i + 1, 1);
                    put(out, i, 2, sat16(v));
                }
                break;
            case PSIGNB: case PSIGNW: case PSIGND: {
                int e = op == PSIGNB ? 1 : op == PSIGNW ? 2 : 4;
                for (int i = 0; i < 16 / e; i++) {
                    long sb = s(bl, bh, i, e), x = s(al, ah, i, e);
                    put(out, i, e, sb < 0 ? -x : sb == 0 ? 0 : x);
                }
                break;
            }
            case PMULHRSW:
                for (int i = 0; i < 8; i++) put(out, i, 2, ((s(al, ah, i, 2) * s(bl, bh, i, 2) >> 14) + 1) >> 1);
                break;
            case PABSB: case PABSW: case PABSD: {
                int e = op == PABSB ? 1 : op == PABSW ? 2 : 4;
                for (int i = 0; i < 16 / e; i++) put(out, i, e, Math.abs(s(bl, bh, i, e)));
                break;
            }
            case PMULDQ:
                out[0] = s(al, ah, 0, 4) * s(bl, bh, 0, 4);
                out[1] = s(al, ah, 2, 4) * s(bl, bh, 2, 4);
                break;
            case PCMPEQQ: out[0] = al == bl ? -1 : 0; out[1] = ah == bh ? -1 : 0; break;
            case PCMPGTQ: out[0] = al > bl ? -1 : 0; out[1] = ah > bh ? -1 : 0; break;
            case PACKUSDW:
                for (int i = 0; i < 8; i++) {
                    long v = i < 4 ? s(al, ah, i, 4) : s(bl, bh, i - 4, 4);
                    put(out, i, 2, Math.max(0, Math.min(0xFFFF, v)));
                }
                break;
            case PMINSB: case PMAXSB: case PMINSD: case PMAXSD: case PMINUW: case PMAXUW: case PMINUD: case PMAXUD: {
                int e = op == PMINSB || op == PMAXSB ? 1 : op == PMINUW || op == PMAXUW ? 2 : 4;
                boolean signed = op == PMINSB || op == PMAXSB || op == PMINSD || op == PMAXSD;
                boolean max = op == PMAXSB || op == PMAXSD || op == PMAXUW || op == PMAXUD;
                for (int i = 0; i < 16 / e; i++) {
                    long x = signed ? s(al, ah, i, e) : u(al, ah, i, e), y = signed ? s(bl, bh, i, e) : u(bl, bh, i, e);
                    put(out, i, e, max ? Math.max(x, y) : Math.min(x, y));
                }
                break;
            }
            case PMULLD:
                for (int i = 0; i < 4; i++) put(out, i, 4, s(al, ah, i, 4) * s(bl, bh, i, 4));
                break;
            case PALIGNR: { // (a:b) >> 8*imm, low 16 bytes
                int sh = imm & 0xFF;
                for (int i = 0; i < 16; i++) {
                    int k = i + sh;
                    long v = k < 16 ? u(bl, bh, k, 1) : k < 32 ? u(al, ah, k - 16, 1) : 0;
                    put(out, i, 1, v);
                }
                break;
            }
            case MPSADBW: { // imm bit 2: block of a at 4*bit2; bits 1:0: the 4 bytes of b at 4*bits
                int ao = (imm >> 2 & 1) * 4, bo = (imm & 3) * 4;
                for (int i = 0; i < 8; i++) {
                    long sum = 0;
                    for (int j = 0; j < 4; j++) sum += Math.abs(u(al, ah, ao + i + j, 1) - u(bl, bh, bo + j, 1));
                    put(out, i, 2, sum);
                }
                break;
            }
            case PHMINPOSUW: {
                long min = u(bl, bh, 0, 2);
                int idx = 0;
                for (int i = 1; i < 8; i++) {
                    long v = u(bl, bh, i, 2);
                    if (v < min) { min = v; idx = i; }
                }
                out[0] = min | (long) idx << 16;
                break;
            }
            default:
                throw new IllegalStateException("not a kernel: " + op);
        }
    }
}
