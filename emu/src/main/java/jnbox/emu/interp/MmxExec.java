package jnbox.emu.interp;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.decode.Insn;
import jnbox.emu.decode.Operand;
import jnbox.emu.mem.GuestFault;
import jnbox.emu.semantics.Conversions;
import jnbox.emu.semantics.MxcsrEnv;
import jnbox.emu.semantics.SseInt;

/**
 * MMX, the MMX forms of SSE/SSE2/SSSE3 (pshufw, pminub..., paddq/psubq/pmuludq mm, pshufb mm...)
 * and the mm/xmm transfers and conversions (movq2dq, movdq2q, cvt(t)ps2pi, cvtpi2ps...).
 *
 * <p>State (SDM vol. 1 §9.5): mm0-mm7 are the significands of the x87 physical registers R0-R7
 * ({@code cpu.x87Mant}, independent of TOP). Writing mm<i>i</i> sets R<i>i</i>'s sign/exponent
 * to FFFFh; every instruction that reads or writes an mm register sets TOP to 0 and tags all
 * registers valid; EMMS tags them all empty. Forms whose only non-xmm operand is memory
 * (cvtpi2ps xmm, m64) leave the x87 state alone.
 *
 * <p>The lane arithmetic is the SSE2 code on one 64-bit half ({@link SseInt}, {@link SseExec}
 * operation ids), the SSSE3 forms are the 128-bit {@link VexInt} kernels on operands placed so
 * that the low 64 bits of the result are the MMX result.
 */
final class MmxExec {
    /** Operand locations mm0..mm7 (between {@link Uop#IMM} and {@link Uop#XMM}). */
    static final int MM = 40;
    /** Marks an MMX uop in {@link Uop#sub} (SseExec hands it here). */
    static final int FLAG = 1 << 28;
    /** Set when the instruction reads or writes an mm register (the x87 transition). */
    private static final int TOUCHES_MM = 1 << 27;
    /** Own operations (low 8 bits); the others are SseExec's. */
    static final int MOV = 101, EMMS = 102, KERNEL = 103, CVTPI2PS = 104, CVTPI2PD = 105, CVTPS2PI = 106,
            CVTPD2PI = 107;

    private final IntExec x;
    private final MxcsrEnv env = new MxcsrEnv();
    private final long[] out = new long[2];

    MmxExec(IntExec x) { this.x = x; }

    /** True when {@code in} has an mm operand (P, N, Q), or is EMMS. */
    static boolean applies(Insn in, String m) {
        if (m.equals("EMMS")) return true;
        for (Operand o : in.op().operands()) {
            switch (o.kind()) {
                case P, N, Q -> { return true; }
                default -> { }
            }
        }
        return false;
    }

    private static int opOf(String m) {
        switch (m) {
            case "MOVD": case "MOVQ": case "MOVNTQ": case "MOVQ2DQ": case "MOVDQ2Q": return MOV;
            case "EMMS": return EMMS;
            case "PSHUFW": return SseExec.PSHUFLW; // the same 4-word shuffle of a 64-bit source
            case "CVTPI2PS": return CVTPI2PS;
            case "CVTPI2PD": return CVTPI2PD;
            case "CVTPS2PI": return CVTPS2PI;
            case "CVTTPS2PI": return CVTPS2PI | 1 << 12;
            case "CVTPD2PI": return CVTPD2PI;
            case "CVTTPD2PI": return CVTPD2PI | 1 << 12;
            default: break;
        }
        int k = VexInt.opOf(m);
        if (k >= 0) return KERNEL | k << 8;
        int op = SseExec.opOf(m);
        if (op < 0) return -1;
        return switch (op & 0xFF) {
            case SseExec.LANES, SseExec.PXOR, SseExec.POR, SseExec.PAND, SseExec.PANDN, SseExec.PUNPCKL,
                    SseExec.PUNPCKH, SseExec.PACKSS, SseExec.PACKUS, SseExec.PSADBW, SseExec.PMADDWD,
                    SseExec.PMULUDQ, SseExec.PSHIFT, SseExec.PINSRW, SseExec.PEXTRW, SseExec.PMOVMSKB -> op;
            default -> -1;
        };
    }

    /** Builds an MMX uop: locations, sizes ({@link Uop#size} destination, size2 source bytes). */
    static int build(Uop u, Insn in, String m) {
        int op = opOf(m);
        if (op < 0) return Kinds.UNIMPLEMENTED;
        int n = in.op().operandCount();
        boolean mm = false;
        for (int i = 0; i < n; i++) {
            Operand.Kind k = in.op().operand(i).kind();
            int loc = switch (k) {
                case P -> MM + in.modrmReg();
                case N -> MM + in.modrmRm();
                case Q -> in.hasMemory() ? Uop.MEM : MM + in.modrmRm();
                // a byte-sized register operand here is never AH..BH (pinsrw/pextrw/pmovmskb take r32/r64)
                case E, G, R -> { int l = UopBuilder.loc(in, i); yield l >= Uop.HIGH8 && l < Uop.MEM ? l - Uop.HIGH8 + 4 : l; }
                default -> UopBuilder.loc(in, i);
            };
            if (loc >= MM && loc < MM + 8) mm = true;
            if (i == 0) u.op0 = loc;
            else if (i == 1) u.op1 = loc;
            else u.op2 = loc;
        }
        u.sub = FLAG | op | (mm ? TOUCHES_MM : 0);
        UopBuilder.setSize(u, n > 0 ? Math.max(1, Math.min(8, in.operandBytes(0))) : 8);
        u.size2 = n > 1 ? Math.min(16, in.operandBytes(1)) : 0;
        return Kinds.SSE;
    }

    // ---------------------------------------------------------------- operand access

    private long mm(int loc) { return x.cpu.x87Mant[loc - MM]; }

    /** Reads {@code bytes} (at most 8) of a location, zero-extended; an xmm register gives bits 0-63. */
    private long read(Uop u, int loc, int bytes) {
        if (loc >= MM && loc < MM + 8) return mm(loc);
        if (loc >= Uop.XMM) return x.cpu.vec[(loc - Uop.XMM) * 4];
        return x.get(u, loc, bytes);
    }

    private void setMm(int loc, long v) {
        CpuState c = x.cpu;
        c.x87Mant[loc - MM] = v;
        c.x87SignExp[loc - MM] = 0xFFFF;
    }

    /** Writes {@code v} to a location: mm, xmm (bits 64-127 zeroed, 128-255 kept), register or memory. */
    private void write(Uop u, int loc, int bytes, long v) {
        if (loc >= MM && loc < MM + 8) setMm(loc, v);
        else if (loc >= Uop.XMM) {
            int i = (loc - Uop.XMM) * 4;
            x.cpu.vec[i] = v;
            x.cpu.vec[i + 1] = 0;
        } else x.set(u, loc, bytes, bytes == 4 && loc < Uop.HIGH8 ? v & 0xFFFF_FFFFL : v);
    }

    /** SDM vol. 1 §9.5.1: TOP = 0 and every tag valid. */
    private void transition() {
        CpuState c = x.cpu;
        c.fsw &= ~(7 << 11);
        c.ftw = 0xFF;
    }

    private void signal(Uop u, int mx) {
        int fl = env.flags;
        if ((fl & ~(mx >>> 7) & 0x3F) != 0) {
            x.cpu.mxcsr = mx | SseExec.flagsOnFault(fl, mx);
            // the host makes the x87 transition of an mm operand before raising #XM
            if ((u.sub & TOUCHES_MM) != 0) transition();
            throw new GuestFault(GuestFault.Kind.DIVIDE, GuestFault.SIGFPE, 0, "SIMD floating-point exception");
        }
        x.cpu.mxcsr = mx | fl;
    }

    // ---------------------------------------------------------------- execution

    long exec(Uop u) {
        int sub = u.sub;
        int op = sub & 0xFF, lane = sub >>> 8 & 0xF, var = sub >>> 12 & 0xF;
        int d = u.op0, s = u.op1;
        switch (op) {
            case EMMS: x.cpu.ftw = 0; return u.next;
            case MOV: {
                long v = read(u, s, u.size2);
                write(u, d, u.size, v);
                break;
            }
            case SseExec.PEXTRW: x.r[d] = mm(s) >>> (16 * ((int) u.imm & 3)) & 0xFFFF; break;
            case SseExec.PMOVMSKB: x.r[d] = SseInt.movmskb(mm(s)); break;
            case SseExec.PINSRW: {
                int sh = 16 * ((int) u.imm & 3);
                long w = read(u, s, u.size2 == 2 ? 2 : 4) & 0xFFFF;
                setMm(d, (mm(d) & ~(0xFFFFL << sh)) | w << sh);
                break;
            }
            case CVTPI2PS: case CVTPI2PD: {
                long b = read(u, s, 8);
                int mx = x.cpu.mxcsr;
                env.begin(mx);
                int i = (d - Uop.XMM) * 4;
                if (op == CVTPI2PS) {
                    long r = (Conversions.cvtsi2ss((int) b, env) & 0xFFFF_FFFFL) | (long) Conversions.cvtsi2ss((int) (b >> 32), env) << 32;
                    signal(u, mx);
                    x.cpu.vec[i] = r; // bits 64-127 unchanged
                } else {
                    long r0 = Conversions.cvtsi2sd((int) b, env), r1 = Conversions.cvtsi2sd((int) (b >> 32), env);
                    signal(u, mx);
                    x.cpu.vec[i] = r0;
                    x.cpu.vec[i + 1] = r1;
                }
                break;
            }
            case CVTPS2PI: case CVTPD2PI: {
                boolean trunc = var == 1;
                int mx = x.cpu.mxcsr;
                long r;
                if (op == CVTPS2PI) {
                    long b = read(u, s, 8);
                    env.begin(mx);
                    r = f2i((int) b, trunc) | f2i((int) (b >>> 32), trunc) << 32;
                } else {
                    long lo, hi;
                    if (s == Uop.MEM) {
                        long a = x.ea(u);
                        if ((a & 15) != 0) throw SseExec.misaligned(a);
                        lo = x.load(a, 8);
                        hi = x.load(a + 8, 8);
                    } else {
                        lo = x.cpu.vec[(s - Uop.XMM) * 4];
                        hi = x.cpu.vec[(s - Uop.XMM) * 4 + 1];
                    }
                    env.begin(mx);
                    r = d2i(lo, trunc) | d2i(hi, trunc) << 32;
                }
                signal(u, mx);
                setMm(d, r);
                break;
            }
            default: {
                long a = mm(d);
                long b = s == Uop.IMM ? u.imm & 0xFF : read(u, s, u.size2);
                long r;
                switch (op) {
                    case SseExec.PXOR: r = a ^ b; break;
                    case SseExec.POR: r = a | b; break;
                    case SseExec.PAND: r = a & b; break;
                    case SseExec.PANDN: r = ~a & b; break;
                    case SseExec.LANES: r = SseInt.lanes(var, lane, a, b); break;
                    case SseExec.PUNPCKL: r = SseInt.unpackLo(lane, a, b); break;
                    case SseExec.PUNPCKH: r = SseInt.unpackHi(lane, a, b); break;
                    case SseExec.PACKSS: case SseExec.PACKUS: {
                        boolean us = op == SseExec.PACKUS;
                        r = SseInt.pack(lane, us, a) | SseInt.pack(lane, us, b) << 32;
                        break;
                    }
                    case SseExec.PSADBW: r = SseInt.sadbw(a, b); break;
                    case SseExec.PMADDWD: r = SseInt.maddwd(a, b); break;
                    case SseExec.PMULUDQ: r = SseInt.muludq(a, b); break;
                    case SseExec.PSHIFT: r = SseInt.shift(var, lane, a, b); break;
                    case SseExec.PSHUFLW: r = SseExec.shuf4w(b, (int) u.imm); break;
                    case KERNEL: r = kernel(sub >>> 8 & 0xFF, a, b, (int) u.imm); break;
                    default: return IntExec.STOP;
                }
                setMm(d, r);
                break;
            }
        }
        if ((sub & TOUCHES_MM) != 0) transition();
        return u.next;
    }

    /**
     * An SSSE3 operation on 64-bit operands through its 128-bit kernel: element-wise ones on (a, 0)
     * and (b, 0); the horizontal ones pack the two low halves of the 128-bit result; pshufb indexes
     * (a, a), so index bits 3 and up select nothing new (the SDM's 3-bit index); palignr shifts the
     * 16-byte concatenation a:b, i.e. the 128-bit kernel's b operand (b, a).
     */
    private long kernel(int k, long a, long b, int imm) {
        long[] o = out;
        switch (k) {
            case VexInt.PSHUFB: VexInt.apply(k, a, a, b, 0, imm, o); return o[0];
            case VexInt.PALIGNR: VexInt.apply(k, 0, 0, b, a, imm, o); return o[0];
            case VexInt.PHADDW: case VexInt.PHADDD: case VexInt.PHADDSW: case VexInt.PHSUBW: case VexInt.PHSUBD:
            case VexInt.PHSUBSW:
                VexInt.apply(k, a, 0, b, 0, imm, o);
                return (o[0] & 0xFFFF_FFFFL) | o[1] << 32;
            default: VexInt.apply(k, a, 0, b, 0, imm, o); return o[0];
        }
    }

    private long f2i(int f, boolean trunc) {
        boolean den = (f & 0x7F80_0000) == 0 && (f & 0x007F_FFFF) != 0;
        return Conversions.toInt(Float.intBitsToFloat(f), den, trunc, false, env) & 0xFFFF_FFFFL;
    }

    private long d2i(long v, boolean trunc) {
        boolean den = (v & 0x7FF0_0000_0000_0000L) == 0 && (v & 0x000F_FFFF_FFFF_FFFFL) != 0;
        return Conversions.toInt(Double.longBitsToDouble(v), den, trunc, false, env) & 0xFFFF_FFFFL;
    }
}
