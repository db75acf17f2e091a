package jnbox.emu.interp;

import jnbox.emu.mem.GuestFault;
import jnbox.emu.mem.SandboxMemory;

/**
 * Executes every VEX-encoded AVX, AVX2 and FMA3 form NaCl's validator accepts (SDM vol. 1 §14,
 * vol. 2 instruction pages): here the moves, broadcasts, permutes, masked moves, inserts/extracts,
 * blends, vptest/vtestps, variable shifts, vpmovsx/zx and the string compares ({@link VexStr});
 * floating point in {@link VexFloat}, FMA3 in {@link VexFma}, the SSE2 integer/shuffle lanes in
 * {@link VexLane} and the SSSE3/SSE4.1 integer lanes in {@link VexInt}. A YMM register is
 * {@code cpu.vec[4*i .. 4*i+3]}, lane 0 lowest. Every VEX form that writes an XMM/YMM register
 * writes all 256 bits: a VEX.128 form zeroes bits 128-255 (SDM vol. 1 §14.1.3, "VLMAX").
 *
 * <p>Memory operands: only the aligned moves ({@code vmovaps/apd/dqa}, the non-temporal moves)
 * require alignment to the operand size; every other VEX memory operand may be unaligned
 * (SDM vol. 1 §14.9). Operands are read into the scratch vectors {@link #a}, {@link #b},
 * {@link #c} (no allocation per instruction) and the destination is written last, after every
 * read and check, so a fault commits nothing.
 */
final class VexExec {
    // Operation ids (low 8 bits of Uop.sub); bits 8-11: element size in bytes; bit 12: aligned.
    static final int MOVX = 1, MERGE_LOW = 2, MERGE_HIGH = 3, STORE_HIGH = 4, MOVHLPS = 5, ZEROUPPER = 6,
            ZEROALL = 7, BCAST = 8, BCAST128 = 9, INSERT128 = 10, EXTRACT128 = 11, PERM2X128 = 12,
            PERMIL_IMM = 13, PERMIL_VAR = 14, PERMD = 15, PERMQ = 16, MASKLOAD = 17, MASKSTORE = 18,
            TEST = 19, SHIFTV_L = 20, SHIFTV_R = 21, SHIFTV_RA = 22, BLENDD = 23, MOVSLDUP = 24,
            MOVSHDUP = 25, MOVDDUP = 26, MOVMSK = 27, FMA = 28, FLOAT = 29, LOGIC = 30, LANE = 31, INSERT = 32,
            EXTRACT = 33, INSERTPS = 34, BLEND = 35, BLENDV = 36, KERNEL = 37,
            WIDEN = 38, PCMPSTR = 39;
    static final int ALIGNED = 1 << 12;

    private final IntExec x;
    private final SandboxMemory mem;
    private final VexFma fma;
    private final VexFloat flt;
    /** Scratch vectors: the operands and the result, 4 longs each. */
    final long[] a = new long[4], b = new long[4], c = new long[4], res = new long[4];
    private final long[] lane = new long[2];

    VexExec(IntExec x, SandboxMemory mem) {
        this.x = x;
        this.mem = mem;
        this.fma = new VexFma(x, this);
        this.flt = new VexFloat(x, this);
    }

    static int enc(int op, int esize) { return op | esize << 8; }

    /** The operation for a VEX mnemonic, or -1 when not executed (see {@link VexBuilder}). */
    static int opOf(String m) {
        switch (m) {
            case "VMOVUPS": case "VMOVUPD": case "VMOVDQU": case "VLDDQU": case "VMOVD": case "VMOVQ":
                return MOVX;
            case "VMOVAPS": case "VMOVAPD": case "VMOVDQA": case "VMOVNTPS": case "VMOVNTPD": case "VMOVNTDQ":
            case "VMOVNTDQA":
                return MOVX | ALIGNED; // the non-temporal hint has no architectural effect
            case "VMOVSS": return enc(MOVX, 4);
            case "VMOVSD": return enc(MOVX, 8);
            case "VMOVLPS": case "VMOVLPD": return enc(MOVX, 8);
            case "VMOVHPS": case "VMOVHPD": case "VMOVLHPS": return MERGE_HIGH;
            case "VMOVHLPS": return MOVHLPS;
            case "VZEROUPPER": return ZEROUPPER;
            case "VZEROALL": return ZEROALL;
            case "VBROADCASTSS": case "VPBROADCASTD": return enc(BCAST, 4);
            case "VBROADCASTSD": case "VPBROADCASTQ": return enc(BCAST, 8);
            case "VPBROADCASTB": return enc(BCAST, 1);
            case "VPBROADCASTW": return enc(BCAST, 2);
            case "VBROADCASTF128": case "VBROADCASTI128": return BCAST128;
            case "VINSERTF128": case "VINSERTI128": return INSERT128;
            case "VEXTRACTF128": case "VEXTRACTI128": return EXTRACT128;
            case "VPERM2F128": case "VPERM2I128": return PERM2X128;
            case "VPERMILPS": return enc(PERMIL_IMM, 4);
            case "VPERMILPD": return enc(PERMIL_IMM, 8);
            case "VPERMD": case "VPERMPS": return PERMD;
            case "VPERMQ": case "VPERMPD": return PERMQ;
            case "VMASKMOVPS": case "VPMASKMOVD": return enc(MASKLOAD, 4);
            case "VMASKMOVPD": case "VPMASKMOVQ": return enc(MASKLOAD, 8);
            case "VTESTPS": return enc(TEST, 4);
            case "VTESTPD": return enc(TEST, 8);
            case "VPTEST": return enc(TEST, 1);
            case "VPSLLVD": return enc(SHIFTV_L, 4);
            case "VPSLLVQ": return enc(SHIFTV_L, 8);
            case "VPSRLVD": return enc(SHIFTV_R, 4);
            case "VPSRLVQ": return enc(SHIFTV_R, 8);
            case "VPSRAVD": return enc(SHIFTV_RA, 4);
            case "VPBLENDD": return BLENDD;
            case "VMOVSLDUP": return MOVSLDUP;
            case "VMOVSHDUP": return MOVSHDUP;
            case "VMOVDDUP": return MOVDDUP;
            case "VMOVMSKPS": return enc(MOVMSK, 4);
            case "VMOVMSKPD": return enc(MOVMSK, 8);
            case "VPMOVMSKB": return enc(MOVMSK, 1);
            case "VPINSRB": return enc(INSERT, 1);
            case "VPINSRW": return enc(INSERT, 2);
            case "VPINSRD": return enc(INSERT, 4);
            case "VPINSRQ": return enc(INSERT, 8);
            case "VPEXTRB": return enc(EXTRACT, 1);
            case "VPEXTRW": return enc(EXTRACT, 2);
            case "VPEXTRD": case "VEXTRACTPS": return enc(EXTRACT, 4);
            case "VPEXTRQ": return enc(EXTRACT, 8);
            case "VINSERTPS": return INSERTPS;
            case "VPCMPESTRI": return enc(PCMPSTR, 1);
            case "VPCMPESTRM": return enc(PCMPSTR, 3);
            case "VPCMPISTRI": return enc(PCMPSTR, 0);
            case "VPCMPISTRM": return enc(PCMPSTR, 2);
            case "VPBLENDW": return enc(BLEND, 2);
            case "VBLENDPS": return enc(BLEND, 4);
            case "VBLENDPD": return enc(BLEND, 8);
            case "VPBLENDVB": return enc(BLENDV, 1);
            case "VBLENDVPS": return enc(BLENDV, 4);
            case "VBLENDVPD": return enc(BLENDV, 8);
            case "VANDPS": case "VANDPD": case "VPAND": return enc(LOGIC, 0);
            case "VANDNPS": case "VANDNPD": case "VPANDN": return enc(LOGIC, 1);
            case "VORPS": case "VORPD": case "VPOR": return enc(LOGIC, 2);
            case "VXORPS": case "VXORPD": case "VPXOR": return enc(LOGIC, 3);
            default:
                if (m.startsWith("VF")) return VexFma.opOf(m);
                int f = VexFloat.opOf(m);
                if (f >= 0) return f;
                int l = VexLane.opOf(m.substring(1));
                if (l >= 0) return LANE | l << 8;
                int k = VexInt.opOf(m.substring(1));
                if (k >= 0) return KERNEL | k << 8;
                return widenOf(m);
        }
    }

    /** vpmovsx/zx: WIDEN | source element bytes << 8 | destination element bytes << 12 | signed << 16. */
    private static int widenOf(String m) {
        if (!m.startsWith("VPMOVSX") && !m.startsWith("VPMOVZX") || m.length() != 9) return -1;
        int from = size(m.charAt(7)), to = size(m.charAt(8));
        return WIDEN | from << 8 | to << 12 | (m.charAt(5) == 'S' ? 1 << 16 : 0);
    }

    private static int size(char c) { return c == 'B' ? 1 : c == 'W' ? 2 : c == 'D' ? 4 : 8; }

    // ---------------------------------------------------------------- operand access

    /** Reads {@code bytes} (1..32) of location {@code loc} into {@code v}, zero-extended to 256 bits. */
    void read(Uop u, int loc, int bytes, long[] v) {
        if (loc >= Uop.XMM) {
            long[] vec = x.cpu.vec;
            int i = (loc - Uop.XMM) * 4;
            v[0] = vec[i];
            v[1] = bytes > 8 ? vec[i + 1] : 0;
            v[2] = bytes > 16 ? vec[i + 2] : 0;
            v[3] = bytes > 16 ? vec[i + 3] : 0;
            if (bytes < 8) v[0] &= (1L << (bytes * 8)) - 1;
        } else if (loc == Uop.MEM) {
            readMem(x.ea(u), bytes, v);
        } else {
            v[0] = x.get(u, loc, Math.min(bytes, 8));
            v[1] = v[2] = v[3] = 0;
        }
    }

    private void readMem(long ea, int bytes, long[] v) {
        if (bytes <= 8) {
            long w = x.load(ea, bytes);
            v[0] = w;
            v[1] = v[2] = v[3] = 0;
            return;
        }
        long w0 = mem.read64(ea), w1 = mem.read64(ea + 8), w2 = 0, w3 = 0;
        if (bytes > 16) {
            w2 = mem.read64(ea + 16);
            w3 = mem.read64(ea + 24);
        }
        v[0] = w0; v[1] = w1; v[2] = w2; v[3] = w3;
    }

    /**
     * Writes {@code v} to location {@code loc}: an XMM/YMM register gets all 256 bits (bits beyond
     * {@code bytes}, at least 128, are zeroed); memory gets {@code bytes}; a general register gets
     * the low {@code bytes} (4 zero-extends, as every 32-bit write does).
     */
    void write(Uop u, int loc, int bytes, long[] v) {
        if (loc >= Uop.XMM) {
            long[] vec = x.cpu.vec;
            int i = (loc - Uop.XMM) * 4;
            vec[i] = v[0];
            vec[i + 1] = v[1];
            boolean full = bytes > 16;
            vec[i + 2] = full ? v[2] : 0;
            vec[i + 3] = full ? v[3] : 0;
        } else if (loc == Uop.MEM) {
            long ea = x.ea(u);
            if (bytes <= 8) {
                x.store(ea, bytes, v[0]);
                return;
            }
            mem.checkWritable(ea, bytes);
            mem.write64(ea, v[0]);
            mem.write64(ea + 8, v[1]);
            if (bytes > 16) {
                mem.write64(ea + 16, v[2]);
                mem.write64(ea + 24, v[3]);
            }
        } else {
            x.r[loc] = bytes >= 8 ? v[0] : v[0] & 0xFFFF_FFFFL;
        }
    }

    /** #GP unless a memory operand is aligned to {@code bytes} (vmovaps & co., SDM vol. 1 §14.9). */
    private void checkAligned(Uop u, int loc, int bytes) {
        if (loc != Uop.MEM) return;
        long ea = x.ea(u);
        if ((ea & (bytes - 1)) != 0) {
            throw new GuestFault(GuestFault.Kind.GENERAL_PROTECTION, GuestFault.SIGSEGV, ea,
                    "misaligned " + bytes + "-byte AVX operand");
        }
    }

    private static int dw(long[] v, int i) { return (int) (v[i >> 1] >>> ((i & 1) * 32)); }

    private static void setDw(long[] v, int i, int d) {
        int s = (i & 1) * 32;
        v[i >> 1] = (v[i >> 1] & ~(0xFFFF_FFFFL << s)) | (d & 0xFFFF_FFFFL) << s;
    }

    // ---------------------------------------------------------------- execution

    long exec(Uop u) {
        int op = u.sub & 0xFF, es = u.sub >>> 8 & 0xF;
        int n = u.size; // vector length in bytes of the destination (16 or 32)
        long[] a = this.a, b = this.b, c = this.c, r = this.res;
        switch (op) {
            case MOVX: {
                // u.size: destination bytes, u.size2: bytes moved (vmovss/sd/d/q/lps move less)
                if ((u.sub & ALIGNED) != 0) {
                    checkAligned(u, u.op0, u.size2);
                    checkAligned(u, u.op1, u.size2);
                }
                if (u.op2 != Uop.NONE) { // vmovss/sd/lps/lpd with a merge source: low element from op2
                    read(u, u.op1, 16, r);
                    read(u, u.op2, es, b);
                    r[0] = es == 4 ? (r[0] & ~0xFFFF_FFFFL) | b[0] : b[0];
                    write(u, u.op0, 16, r);
                    return u.next;
                }
                read(u, u.op1, u.size2, r);
                write(u, u.op0, n, r);
                return u.next;
            }
            case MERGE_HIGH: {
                if (u.op0 == Uop.MEM) { // vmovhps/hpd m64, xmm: the high quadword
                    read(u, u.op1, 16, r);
                    r[0] = r[1];
                    write(u, u.op0, 8, r);
                    return u.next;
                }
                read(u, u.op1, 16, r);
                read(u, u.op2, 8, b);
                r[1] = b[0];
                write(u, u.op0, 16, r);
                return u.next;
            }
            case MOVHLPS: {
                read(u, u.op1, 16, r);
                read(u, u.op2, 16, b);
                r[0] = b[1];
                write(u, u.op0, 16, r);
                return u.next;
            }
            case ZEROUPPER: {
                long[] vec = x.cpu.vec;
                for (int i = 0; i < 16; i++) {
                    vec[4 * i + 2] = 0;
                    vec[4 * i + 3] = 0;
                }
                return u.next;
            }
            case ZEROALL: java.util.Arrays.fill(x.cpu.vec, 0); return u.next;
            case BCAST: {
                read(u, u.op1, es, b);
                long e = b[0] & (es == 8 ? -1L : (1L << (es * 8)) - 1);
                long q = e;
                for (int w = es * 8; w < 64; w *= 2) q |= q << w;
                r[0] = r[1] = r[2] = r[3] = q;
                write(u, u.op0, n, r);
                return u.next;
            }
            case BCAST128: {
                read(u, u.op1, 16, r);
                r[2] = r[0];
                r[3] = r[1];
                write(u, u.op0, 32, r);
                return u.next;
            }
            case INSERT128: {
                read(u, u.op1, 32, r);
                read(u, u.op2, 16, b);
                int l = (int) u.imm & 1;
                r[2 * l] = b[0];
                r[2 * l + 1] = b[1];
                write(u, u.op0, 32, r);
                return u.next;
            }
            case EXTRACT128: {
                read(u, u.op1, 32, a);
                int l = (int) u.imm & 1;
                r[0] = a[2 * l];
                r[1] = a[2 * l + 1];
                r[2] = r[3] = 0;
                write(u, u.op0, 16, r);
                return u.next;
            }
            case PERM2X128: {
                read(u, u.op1, 32, a);
                read(u, u.op2, 32, b);
                for (int k = 0; k < 2; k++) {
                    int sel = (int) (u.imm >> (4 * k)) & 0xF;
                    long[] s = (sel & 2) == 0 ? a : b;
                    int l = sel & 1;
                    boolean zero = (sel & 8) != 0;
                    r[2 * k] = zero ? 0 : s[2 * l];
                    r[2 * k + 1] = zero ? 0 : s[2 * l + 1];
                }
                write(u, u.op0, 32, r);
                return u.next;
            }
            case PERMIL_IMM: case PERMIL_VAR: {
                // data: the r/m source (imm form) or vvvv (variable form, control in r/m)
                boolean imm = op == PERMIL_IMM;
                read(u, u.op1, n, a);
                if (!imm) read(u, u.op2, n, b);
                int lanes = n / 16;
                if (es == 4) {
                    for (int i = 0; i < 4 * lanes; i++) {
                        int sel = imm ? (int) (u.imm >> (2 * (i & 3))) & 3 : dw(b, i) & 3;
                        setDw(r, i, dw(a, (i & ~3) + sel));
                    }
                } else {
                    for (int i = 0; i < 2 * lanes; i++) {
                        int sel = imm ? (int) (u.imm >> i) & 1 : (int) (b[i] >>> 1) & 1;
                        r[i] = a[(i & ~1) + sel];
                    }
                }
                if (lanes == 1) r[2] = r[3] = 0;
                write(u, u.op0, n, r);
                return u.next;
            }
            case PERMD: { // vpermd/vpermps ymm1, ymm2 (indices), ymm3/m256 (data)
                read(u, u.op1, 32, a);
                read(u, u.op2, 32, b);
                for (int i = 0; i < 8; i++) setDw(r, i, dw(b, dw(a, i) & 7));
                write(u, u.op0, 32, r);
                return u.next;
            }
            case PERMQ: {
                read(u, u.op1, 32, b);
                for (int i = 0; i < 4; i++) r[i] = b[(int) (u.imm >> (2 * i)) & 3];
                write(u, u.op0, 32, r);
                return u.next;
            }
            case MASKLOAD: return u.op0 == Uop.MEM ? maskStore(u, es, n) : maskLoad(u, es, n);
            case TEST: {
                read(u, u.op0, n, a);
                read(u, u.op1, n, b);
                long m = es == 4 ? 0x8000_0000_8000_0000L : es == 8 ? Long.MIN_VALUE : -1L;
                long and = 0, andn = 0;
                for (int i = 0; i < 4; i++) {
                    and |= a[i] & b[i] & m;
                    andn |= ~a[i] & b[i] & m;
                }
                // SDM vol. 2 PTEST/VTESTPS: ZF and CF from the two tests; AF, OF, PF, SF cleared
                x.cpu.setArith((and == 0 ? jnbox.emu.semantics.Flags.ZF : 0) | (andn == 0 ? jnbox.emu.semantics.Flags.CF : 0));
                return u.next;
            }
            case SHIFTV_L: case SHIFTV_R: case SHIFTV_RA: {
                read(u, u.op1, n, a);
                read(u, u.op2, n, b);
                if (es == 8) {
                    for (int i = 0; i < 4; i++) {
                        long cnt = b[i];
                        boolean big = Long.compareUnsigned(cnt, 63) > 0;
                        r[i] = op == SHIFTV_L ? (big ? 0 : a[i] << cnt) : big ? 0 : a[i] >>> cnt;
                    }
                } else {
                    for (int i = 0; i < 8; i++) {
                        long cnt = dw(b, i) & 0xFFFF_FFFFL;
                        int v = dw(a, i);
                        int o = switch (op) {
                            case SHIFTV_L -> cnt > 31 ? 0 : v << cnt;
                            case SHIFTV_R -> cnt > 31 ? 0 : v >>> cnt;
                            default -> v >> Math.min(cnt, 31);
                        };
                        setDw(r, i, o);
                    }
                }
                write(u, u.op0, n, r);
                return u.next;
            }
            case BLENDD: {
                read(u, u.op1, n, a);
                read(u, u.op2, n, b);
                for (int i = 0; i < 8; i++) setDw(r, i, dw(((u.imm >> i) & 1) != 0 ? b : a, i));
                write(u, u.op0, n, r);
                return u.next;
            }
            case MOVSLDUP: case MOVSHDUP: {
                read(u, u.op1, n, b);
                int odd = op == MOVSHDUP ? 1 : 0;
                for (int i = 0; i < 8; i++) setDw(r, i, dw(b, (i & ~1) + odd));
                write(u, u.op0, n, r);
                return u.next;
            }
            case MOVDDUP: {
                read(u, u.op1, n == 16 ? 8 : 32, b); // the 128-bit form reads only m64
                r[0] = r[1] = b[0];
                r[2] = r[3] = b[2];
                write(u, u.op0, n, r);
                return u.next;
            }
            case MOVMSK: {
                read(u, u.op1, n, b);
                long m = 0;
                int cnt = n / es;
                for (int i = 0; i < cnt; i++) {
                    int bit = i * es * 8 + es * 8 - 1;
                    m |= (b[bit >> 6] >>> (bit & 63) & 1) << i;
                }
                x.r[u.op0] = m;
                return u.next;
            }
            case INSERT: { // vpinsrb/w/d/q xmm1, xmm2, r/m, imm: element imm of vvvv replaced
                read(u, u.op1, 16, r);
                read(u, u.op2, es, b);
                int bit = ((int) u.imm & (16 / es - 1)) * es * 8;
                long m = es == 8 ? -1L : (1L << (es * 8)) - 1;
                r[bit >> 6] = (r[bit >> 6] & ~(m << (bit & 63))) | (b[0] & m) << (bit & 63);
                write(u, u.op0, 16, r);
                return u.next;
            }
            case EXTRACT: { // vpextrb/w/d/q, vextractps r/m, xmm, imm: zero-extended into a register
                read(u, u.op1, 16, a);
                int bit = ((int) u.imm & (16 / es - 1)) * es * 8;
                long m = es == 8 ? -1L : (1L << (es * 8)) - 1;
                r[0] = a[bit >> 6] >>> (bit & 63) & m;
                write(u, u.op0, u.op0 == Uop.MEM ? es : Math.max(4, es), r);
                return u.next;
            }
            case INSERTPS: { // SDM vol. 2 INSERTPS: count_s from a register source, count_d, zero mask
                read(u, u.op1, 16, r);
                read(u, u.op2, u.op2 == Uop.MEM ? 4 : 16, b);
                int imm = (int) u.imm;
                int src = u.op2 == Uop.MEM ? dw(b, 0) : dw(b, imm >> 6 & 3);
                setDw(r, imm >> 4 & 3, src);
                for (int i = 0; i < 4; i++) if ((imm >> i & 1) != 0) setDw(r, i, 0);
                write(u, u.op0, 16, r);
                return u.next;
            }
            case BLEND: case BLENDV: {
                read(u, u.op1, n, a);
                read(u, u.op2, n, b);
                if (op == BLENDV) read(u, Uop.XMM + ((int) u.imm >> 4 & 15), n, c); // is4: the mask register
                int cnt = n / es, w = es * 8;
                long m = es == 8 ? -1L : (1L << w) - 1;
                for (int i = 0; i < cnt; i++) {
                    int bit = i * w;
                    boolean pick = op == BLEND ? ((u.imm >> (es == 2 ? i & 7 : i)) & 1) != 0
                            : (c[(bit + w - 1) >> 6] >>> ((bit + w - 1) & 63) & 1) != 0;
                    long e = (pick ? b : a)[bit >> 6] >>> (bit & 63) & m;
                    r[bit >> 6] = (r[bit >> 6] & ~(m << (bit & 63))) | e << (bit & 63);
                }
                write(u, u.op0, n, r);
                return u.next;
            }
            case PCMPSTR: { // es bit 0: explicit lengths (rAX, rDX), bit 1: mask into xmm0, else index into ecx
                read(u, u.op0, 16, a);
                read(u, u.op1, 16, b);
                int imm = (int) u.imm;
                boolean explicit = (es & 1) != 0, w = u.insn.vexW() == 1;
                int la = explicit ? VexStr.explicitLength(x.r[0], w, imm) : VexStr.implicitLength(a[0], a[1], imm);
                int lb = explicit ? VexStr.explicitLength(x.r[2], w, imm) : VexStr.implicitLength(b[0], b[1], imm);
                int res = VexStr.compare(imm, a[0], a[1], b[0], b[1], la, lb);
                if ((es & 2) != 0) {
                    VexStr.mask(res, imm, lane);
                    r[0] = lane[0];
                    r[1] = lane[1];
                    write(u, Uop.XMM, 16, r); // xmm0, bits 128-255 zeroed (VEX.128)
                } else {
                    x.r[1] = VexStr.index(res, imm); // ecx (a 32-bit write clears bits 32-63)
                }
                x.cpu.setArith(VexStr.flags(res, la, lb, imm));
                return u.next;
            }
            case KERNEL: { // SSSE3/SSE4.1 integer ops, per 128-bit lane (VexInt)
                int k = u.sub >>> 8 & 0xFF;
                if (VexInt.unary(k)) {
                    read(u, u.op1, n, b);
                    a[0] = a[1] = a[2] = a[3] = 0;
                } else {
                    read(u, u.op1, n, a);
                    read(u, u.op2, n, b);
                }
                long[] lane = this.lane;
                for (int l = 0; l < n / 16; l++) {
                    // vmpsadbw ymm: the upper lane takes its offsets from imm bits 5:3
                    int imm = k == VexInt.MPSADBW ? (int) u.imm >> (3 * l) : (int) u.imm;
                    VexInt.apply(k, a[2 * l], a[2 * l + 1], b[2 * l], b[2 * l + 1], imm, lane);
                    r[2 * l] = lane[0];
                    r[2 * l + 1] = lane[1];
                }
                if (n == 16) r[2] = r[3] = 0;
                write(u, u.op0, n, r);
                return u.next;
            }
            case WIDEN: { // vpmovsx/zx: element i of the destination from element i of the source
                int from = u.sub >>> 8 & 0xF, to = u.sub >>> 12 & 0xF;
                boolean signed = (u.sub >>> 16 & 1) != 0;
                int cnt = n / to;
                read(u, u.op1, cnt * from, b);
                r[0] = r[1] = r[2] = r[3] = 0;
                for (int i = 0; i < cnt; i++) {
                    int bit = i * from * 8;
                    long e = b[bit >> 6] >>> (bit & 63);
                    e = signed ? e << (64 - from * 8) >> (64 - from * 8) : from == 8 ? e : e & ((1L << (from * 8)) - 1);
                    int ob = i * to * 8;
                    r[ob >> 6] |= (to == 8 ? e : e & ((1L << (to * 8)) - 1)) << (ob & 63);
                }
                write(u, u.op0, n, r);
                return u.next;
            }
            case FMA: return fma.exec(u);
            case FLOAT: return flt.exec(u);
            case LANE: {
                int sop = u.sub >>> 8 & 0xFF;
                if (u.op2 == Uop.IMM || u.op2 == Uop.NONE) {
                    boolean shuffle = sop == SseExec.PSHUFD || sop == SseExec.PSHUFLW || sop == SseExec.PSHUFHW;
                    read(u, u.op1, n, shuffle ? b : a); // pshufd & co. shuffle r/m; shifts shift r/m into vvvv
                } else {
                    read(u, u.op1, n, a);
                    read(u, u.op2, sop == SseExec.PSHIFT ? 16 : n, b);
                }
                VexLane.exec(u, a, b, r, n / 16);
                write(u, u.op0, n, r);
                return u.next;
            }
            case LOGIC: {
                read(u, u.op1, n, a);
                read(u, u.op2, n, b);
                for (int i = 0; i < 4; i++) {
                    r[i] = switch (es) {
                        case 0 -> a[i] & b[i];
                        case 1 -> ~a[i] & b[i];
                        case 2 -> a[i] | b[i];
                        default -> a[i] ^ b[i];
                    };
                }
                write(u, u.op0, n, r);
                return u.next;
            }
            default:
                return IntExec.STOP;
        }
    }

    /**
     * vmaskmovps/pd, vpmaskmovd/q load: elements whose mask (vvvv) sign bit is clear read as zero
     * and are not accessed, so they cannot fault (SDM vol. 2 VMASKMOV: "Faults occur only due to
     * mask-bit required memory accesses").
     */
    private long maskLoad(Uop u, int es, int n) {
        read(u, u.op1, n, a);
        long ea = x.ea(u);
        long[] r = res;
        r[0] = r[1] = r[2] = r[3] = 0;
        for (int i = 0; i < n / es; i++) {
            int bit = (i + 1) * es * 8 - 1;
            if ((a[bit >> 6] >>> (bit & 63) & 1) == 0) continue;
            long v = x.load(ea + (long) i * es, es);
            if (es == 8) r[i] = v;
            else setDw(r, i, (int) v);
        }
        write(u, u.op0, n, r);
        return u.next;
    }

    /** The masked store: only elements with the mask bit are written; all are checked first. */
    private long maskStore(Uop u, int es, int n) {
        read(u, u.op1, n, a);
        read(u, u.op2, n, b);
        long ea = x.ea(u);
        int cnt = n / es;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < cnt; i++) {
                int bit = (i + 1) * es * 8 - 1;
                if ((a[bit >> 6] >>> (bit & 63) & 1) == 0) continue;
                long addr = ea + (long) i * es;
                if (pass == 0) mem.checkWritable(addr, es);
                else x.store(addr, es, es == 8 ? b[i] : dw(b, i) & 0xFFFF_FFFFL);
            }
        }
        return u.next;
    }
}
