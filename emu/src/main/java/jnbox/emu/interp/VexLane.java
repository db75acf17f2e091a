package jnbox.emu.interp;

import jnbox.emu.semantics.SseInt;

/**
 * The VEX forms of the SSE2 integer and shuffle operations: each 128-bit lane (one for VEX.128,
 * two for VEX.256, as AVX2 defines them) is the legacy operation on that lane, with the first
 * source from VEX.vvvv instead of the destination. The operation ids are {@link SseExec}'s own
 * ({@link SseExec#opOf} of the legacy mnemonic) and every lane is computed with the same
 * {@link SseInt} primitives SseExec uses.
 *
 * <p>Operand shapes: {@code Vx,Hx,Wx[,Ib]} (a = vvvv, b = r/m), {@code Vx,Wx,Ib} (pshufd & co.,
 * b = r/m), {@code Hx,Ux,Ib} (shift by immediate: vvvv is the destination, a = r/m), and
 * {@code Vx,Hx,Wdq} (shift by the low quadword of an XMM register or m128, the same count for
 * both lanes).
 */
final class VexLane {
    private VexLane() {}

    /** Encodes the VEX op for legacy mnemonic {@code legacy} (an SseExec op), or -1. */
    static int opOf(String legacy) {
        int op = SseExec.opOf(legacy);
        if (op < 0) return -1;
        return switch (op & 0xFF) {
            case SseExec.LANES, SseExec.PUNPCKL, SseExec.PUNPCKH, SseExec.PACKSS, SseExec.PACKUS, SseExec.PSADBW,
                    SseExec.PMADDWD, SseExec.PMULUDQ, SseExec.SHUFPS, SseExec.SHUFPD, SseExec.PSHUFD,
                    SseExec.PSHUFLW, SseExec.PSHUFHW, SseExec.PSHIFT, SseExec.PSLLDQ, SseExec.PSRLDQ -> op;
            default -> -1;
        };
    }

    /**
     * Runs {@code u} (Uop.sub = VexExec.LANE | the SseExec op in bits 8-23) on each 128-bit lane:
     * a and b are the two sources (b unused by the immediate forms), r receives 256 bits.
     */
    static void exec(Uop u, long[] a, long[] b, long[] r, int lanes) {
        int sop = u.sub >>> 8;
        // shifts: the immediate, or the low quadword of the 128-bit count operand (the same for both lanes)
        long count = u.op2 == Uop.IMM ? u.imm & 0xFF : b[0];
        for (int l = 0; l < lanes; l++) {
            // vshufpd ymm takes imm bits 2-3 for the upper lane
            int imm = (sop & 0xFF) == SseExec.SHUFPD ? (int) u.imm >> (2 * l) : (int) u.imm;
            apply(sop, imm, count, a[2 * l], a[2 * l + 1], b[2 * l], b[2 * l + 1], r, 2 * l);
        }
        if (lanes == 1) r[2] = r[3] = 0;
    }

    /**
     * The pure 128-bit kernel: SseExec operation {@code sop} (op | lane size << 8 | variant << 12)
     * on (al, ah) and (bl, bh), imm8 and the shift count; the result goes to out[off], out[off + 1].
     * The legacy form's destination is a; pshufd/pshuflw/pshufhw shuffle b.
     */
    static void apply(int sop, int imm, long count, long al, long ah, long bl, long bh, long[] out, int off) {
        int op = sop & 0xFF, lane = sop >>> 8 & 0xF, var = sop >>> 12 & 0xF;
        long rl, rh;
        switch (op) {
            case SseExec.LANES: rl = SseInt.lanes(var, lane, al, bl); rh = SseInt.lanes(var, lane, ah, bh); break;
            case SseExec.PUNPCKL: rl = SseInt.unpackLo(lane, al, bl); rh = lane == 8 ? bl : SseInt.unpackHi(lane, al, bl); break;
            case SseExec.PUNPCKH: rl = SseInt.unpackLo(lane, ah, bh); rh = lane == 8 ? bh : SseInt.unpackHi(lane, ah, bh); break;
            case SseExec.PACKSS: case SseExec.PACKUS: {
                boolean us = op == SseExec.PACKUS;
                rl = SseInt.pack(lane, us, al) | SseInt.pack(lane, us, ah) << 32;
                rh = SseInt.pack(lane, us, bl) | SseInt.pack(lane, us, bh) << 32;
                break;
            }
            case SseExec.PSADBW: rl = SseInt.sadbw(al, bl); rh = SseInt.sadbw(ah, bh); break;
            case SseExec.PMADDWD: rl = SseInt.maddwd(al, bl); rh = SseInt.maddwd(ah, bh); break;
            case SseExec.PMULUDQ: rl = SseInt.muludq(al, bl); rh = SseInt.muludq(ah, bh); break;
            case SseExec.SHUFPS:
                rl = dword(al, ah, imm & 3) | dword(al, ah, imm >> 2 & 3) << 32;
                rh = dword(bl, bh, imm >> 4 & 3) | dword(bl, bh, imm >> 6 & 3) << 32;
                break;
            case SseExec.SHUFPD: rl = (imm & 1) == 0 ? al : ah; rh = (imm & 2) == 0 ? bl : bh; break;
            case SseExec.PSHUFD:
                rl = dword(bl, bh, imm & 3) | dword(bl, bh, imm >> 2 & 3) << 32;
                rh = dword(bl, bh, imm >> 4 & 3) | dword(bl, bh, imm >> 6 & 3) << 32;
                break;
            case SseExec.PSHUFLW: rl = shuf4w(bl, imm); rh = bh; break;
            case SseExec.PSHUFHW: rl = bl; rh = shuf4w(bh, imm); break;
            case SseExec.PSHIFT: rl = SseInt.shift(var, lane, al, count); rh = SseInt.shift(var, lane, ah, count); break;
            case SseExec.PSLLDQ: case SseExec.PSRLDQ: {
                int nb = Math.min(imm & 0xFF, 16) * 8;
                if (op == SseExec.PSLLDQ) {
                    if (nb == 0) { rl = al; rh = ah; }
                    else if (nb < 64) { rl = al << nb; rh = ah << nb | al >>> (64 - nb); }
                    else if (nb < 128) { rl = 0; rh = al << (nb - 64); }
                    else { rl = 0; rh = 0; }
                } else {
                    if (nb == 0) { rl = al; rh = ah; }
                    else if (nb < 64) { rh = ah >>> nb; rl = al >>> nb | ah << (64 - nb); }
                    else if (nb < 128) { rh = 0; rl = ah >>> (nb - 64); }
                    else { rl = 0; rh = 0; }
                }
                break;
            }
            default: throw new IllegalStateException("not a lane op: " + op);
        }
        out[off] = rl;
        out[off + 1] = rh;
    }

    private static long dword(long lo, long hi, int i) {
        long w = i < 2 ? lo : hi;
        return w >>> ((i & 1) * 32) & 0xFFFF_FFFFL;
    }

    private static long shuf4w(long w, int imm) {
        long r = 0;
        for (int i = 0; i < 4; i++) r |= (w >>> ((imm >> (2 * i) & 3) * 16) & 0xFFFF) << (16 * i);
        return r;
    }
}
