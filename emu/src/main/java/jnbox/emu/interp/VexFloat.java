package jnbox.emu.interp;

import jnbox.emu.mem.GuestFault;
import jnbox.emu.semantics.Conversions;
import jnbox.emu.semantics.MxcsrEnv;
import jnbox.emu.semantics.MxcsrFlags;
import jnbox.emu.semantics.SseFloat;
import jnbox.emu.semantics.SseMath;

/**
 * The VEX floating-point forms: arithmetic, compares, rounding, horizontal ops, dot products and
 * conversions on ps/pd (128 or 256 bits) and ss/sd. Every lane is one full-MXCSR primitive of
 * {@link SseMath} / {@link Conversions} (the same lane operations legacy SSE uses), so rounding
 * modes, FTZ/DAZ and the exception flags are exact; an unmasked exception raises #XM before
 * anything is written. Scalar forms take bits above the element from VEX.vvvv and zero 128-255.
 */
final class VexFloat {
    /** Operations (bits 8-13 of Uop.sub); bits 14-15 the type; bits 16-23 an argument. */
    static final int ARITH = 0, CMP = 1, ROUND = 2, HADD = 3, HSUB = 4, ADDSUB = 5, RCP = 6, RSQRT = 7,
            CVTDQ2PS = 8, CVTPS2DQ = 9, CVTPS2PD = 10, CVTPD2PS = 11, CVTDQ2PD = 12, CVTPD2DQ = 13,
            CVTSS2SD = 14, CVTSD2SS = 15, CVTSI2F = 16, DPPS = 17, DPPD = 18;
    static final int PS = 0, PD = 1, SS = 2, SD = 3;

    private final IntExec x;
    private final VexExec v;
    private final MxcsrEnv env = new MxcsrEnv();

    VexFloat(IntExec x, VexExec v) {
        this.x = x;
        this.v = v;
    }

    static int enc(int fop, int type, int arg) { return VexExec.FLOAT | fop << 8 | type << 14 | arg << 16; }

    private static int type(String m) {
        return m.endsWith("PS") ? PS : m.endsWith("PD") ? PD : m.endsWith("SS") ? SS : SD;
    }

    /** The encoded operation for a VEX float mnemonic, or -1. */
    static int opOf(String m) {
        String base = m.length() > 3 ? m.substring(1, m.length() - 2) : "";
        int t = type(m);
        switch (base) {
            case "ADD": return enc(ARITH, t, SseMath.ADD);
            case "SUB": return enc(ARITH, t, SseMath.SUB);
            case "MUL": return enc(ARITH, t, SseMath.MUL);
            case "DIV": return enc(ARITH, t, SseMath.DIV);
            case "MIN": return enc(ARITH, t, SseMath.MIN);
            case "MAX": return enc(ARITH, t, SseMath.MAX);
            case "SQRT": return enc(ARITH, t, SseMath.SQRT);
            case "CMP": return enc(CMP, t, 0);
            case "ROUND": return enc(ROUND, t, 0);
            case "HADD": return enc(HADD, t, 0);
            case "HSUB": return enc(HSUB, t, 0);
            case "ADDSUB": return enc(ADDSUB, t, 0);
            case "RCP": return enc(RCP, t, 0);
            case "RSQRT": return enc(RSQRT, t, 0);
            case "DP": return enc(t == PS ? DPPS : DPPD, t, 0);
            default: break;
        }
        return switch (m) {
            case "VCVTDQ2PS" -> enc(CVTDQ2PS, PS, 0);
            case "VCVTPS2DQ" -> enc(CVTPS2DQ, PS, 0);
            case "VCVTTPS2DQ" -> enc(CVTPS2DQ, PS, 1);
            case "VCVTPS2PD" -> enc(CVTPS2PD, PD, 0);
            case "VCVTPD2PS" -> enc(CVTPD2PS, PS, 0);
            case "VCVTDQ2PD" -> enc(CVTDQ2PD, PD, 0);
            case "VCVTPD2DQ" -> enc(CVTPD2DQ, PD, 0);
            case "VCVTTPD2DQ" -> enc(CVTPD2DQ, PD, 1);
            case "VCVTSS2SD" -> enc(CVTSS2SD, SD, 0);
            case "VCVTSD2SS" -> enc(CVTSD2SS, SS, 0);
            case "VCVTSI2SS" -> enc(CVTSI2F, SS, 0);
            case "VCVTSI2SD" -> enc(CVTSI2F, SD, 0);
            default -> -1;
        };
    }

    private static int f(long[] w, int i) { return (int) (w[i >> 1] >>> ((i & 1) * 32)); }

    private static void setF(long[] w, int i, int val) {
        int s = (i & 1) * 32;
        w[i >> 1] = (w[i >> 1] & ~(0xFFFF_FFFFL << s)) | (val & 0xFFFF_FFFFL) << s;
    }

    private static boolean denormal(int a) { return (a & 0x7F80_0000) == 0 && (a & 0x007F_FFFF) != 0; }

    private static boolean denormal(long a) { return (a & 0x7FF0_0000_0000_0000L) == 0 && (a & 0x000F_FFFF_FFFF_FFFFL) != 0; }

    long exec(Uop u) {
        int fop = u.sub >>> 8 & 0x3F, type = u.sub >>> 14 & 3, arg = u.sub >>> 16 & 0xFF;
        int n = u.size;
        boolean scalar = type >= SS && fop != CVTPD2PS;
        long[] a = v.a, b = v.b, r = v.res;
        int mx = x.cpu.mxcsr;
        env.begin(mx);
        // operands: two-operand forms (Vx,Wx) read op1; three-operand forms H = op1, W = op2
        boolean two = u.op2 == Uop.NONE || u.op2 == Uop.IMM;
        int src = two ? u.op1 : u.op2;
        if (two) {
            a[0] = a[1] = a[2] = a[3] = 0;
        } else {
            v.read(u, u.op1, scalar ? 16 : n, a);
        }
        int srcBytes = switch (fop) {
            case CVTPS2PD, CVTDQ2PD -> n / 2;
            case CVTPD2PS, CVTPD2DQ -> u.size2;
            case CVTSS2SD -> 4;
            case CVTSD2SS -> 8;
            case CVTSI2F -> u.size2;
            default -> scalar ? (type == SS ? 4 : 8) : n;
        };
        v.read(u, src, srcBytes, b);
        int imm = (int) u.imm;
        r[0] = a[0];
        r[1] = a[1];
        r[2] = r[3] = 0;
        int outBytes = n;
        switch (fop) {
            case ARITH: case CMP: case ROUND: case RCP: case RSQRT: {
                boolean dbl = type == PD || type == SD;
                int cnt = scalar ? 1 : dbl ? n / 8 : n / 4;
                for (int i = 0; i < cnt; i++) {
                    if (dbl) r[i] = lane(fop, arg, imm, a[i], b[i]);
                    else setF(r, i, lane(fop, arg, imm, f(a, i), f(b, i)));
                }
                if (scalar) outBytes = 16;
                break;
            }
            case HADD: case HSUB: {
                int op = fop == HADD ? SseMath.ADD : SseMath.SUB;
                for (int l = 0; l < n / 16; l++) {
                    if (type == PD) {
                        long r0 = SseMath.arith(op, a[2 * l], a[2 * l + 1], env);
                        long r1 = SseMath.arith(op, b[2 * l], b[2 * l + 1], env);
                        r[2 * l] = r0;
                        r[2 * l + 1] = r1;
                    } else {
                        int k = 4 * l;
                        int r0 = SseMath.arith(op, f(a, k), f(a, k + 1), env), r1 = SseMath.arith(op, f(a, k + 2), f(a, k + 3), env);
                        int r2 = SseMath.arith(op, f(b, k), f(b, k + 1), env), r3 = SseMath.arith(op, f(b, k + 2), f(b, k + 3), env);
                        setF(r, k, r0);
                        setF(r, k + 1, r1);
                        setF(r, k + 2, r2);
                        setF(r, k + 3, r3);
                    }
                }
                break;
            }
            case ADDSUB: {
                if (type == PD) {
                    for (int i = 0; i < n / 8; i++) r[i] = SseMath.arith((i & 1) == 0 ? SseMath.SUB : SseMath.ADD, a[i], b[i], env);
                } else {
                    for (int i = 0; i < n / 4; i++) setF(r, i, SseMath.arith((i & 1) == 0 ? SseMath.SUB : SseMath.ADD, f(a, i), f(b, i), env));
                }
                break;
            }
            case DPPS: {
                for (int l = 0; l < n / 16; l++) {
                    int k = 4 * l;
                    int t0 = (imm & 0x10) != 0 ? SseMath.arith(SseMath.MUL, f(a, k), f(b, k), env) : 0;
                    int t1 = (imm & 0x20) != 0 ? SseMath.arith(SseMath.MUL, f(a, k + 1), f(b, k + 1), env) : 0;
                    int t2 = (imm & 0x40) != 0 ? SseMath.arith(SseMath.MUL, f(a, k + 2), f(b, k + 2), env) : 0;
                    int t3 = (imm & 0x80) != 0 ? SseMath.arith(SseMath.MUL, f(a, k + 3), f(b, k + 3), env) : 0;
                    // The SDM's (t0 + t1) + (t2 + t3), but with the operand order of the host CPU, which
                    // decides which NaN wins (measured): output i adds its own pair first, and within
                    // a pair an even output takes the odd product first, an odd output the even one.
                    for (int i = 0; i < 4; i++) {
                        int f = (i & 1) ^ 1, g = i & 1;
                        int s01 = SseMath.arith(SseMath.ADD, f == 1 ? t1 : t0, g == 1 ? t1 : t0, env);
                        int s23 = SseMath.arith(SseMath.ADD, f == 1 ? t3 : t2, g == 1 ? t3 : t2, env);
                        int sum = i < 2 ? SseMath.arith(SseMath.ADD, s01, s23, env) : SseMath.arith(SseMath.ADD, s23, s01, env);
                        setF(r, k + i, (imm >> i & 1) != 0 ? sum : 0);
                    }
                }
                break;
            }
            case DPPD: {
                long t0 = (imm & 0x10) != 0 ? SseMath.arith(SseMath.MUL, a[0], b[0], env) : 0;
                long t1 = (imm & 0x20) != 0 ? SseMath.arith(SseMath.MUL, a[1], b[1], env) : 0;
                // output i adds its own product first (measured on the host: it decides the NaN)
                long s0 = SseMath.arith(SseMath.ADD, t0, t1, env), s1 = SseMath.arith(SseMath.ADD, t1, t0, env);
                r[0] = (imm & 1) != 0 ? s0 : 0;
                r[1] = (imm & 2) != 0 ? s1 : 0;
                break;
            }
            case CVTDQ2PS:
                for (int i = 0; i < n / 4; i++) setF(r, i, Conversions.cvtsi2ss(f(b, i), env));
                break;
            case CVTPS2DQ:
                for (int i = 0; i < n / 4; i++) {
                    int e = f(b, i);
                    setF(r, i, (int) Conversions.toInt(Float.intBitsToFloat(e), denormal(e), arg != 0, false, env));
                }
                break;
            case CVTPS2PD:
                for (int i = 0; i < n / 8; i++) r[i] = Conversions.cvtss2sd(f(b, i), env);
                break;
            case CVTDQ2PD:
                for (int i = 0; i < n / 8; i++) r[i] = Conversions.cvtsi2sd(f(b, i), env);
                break;
            case CVTPD2PS: case CVTPD2DQ: {
                r[0] = r[1] = 0;
                for (int i = 0; i < u.size2 / 8; i++) {
                    long e = b[i];
                    int o = fop == CVTPD2PS ? Conversions.cvtsd2ss(e, env)
                            : (int) Conversions.toInt(Double.longBitsToDouble(e), denormal(e), arg != 0, false, env);
                    setF(r, i, o);
                }
                outBytes = 16;
                break;
            }
            case CVTSS2SD: r[0] = Conversions.cvtss2sd((int) b[0], env); outBytes = 16; break;
            case CVTSD2SS: setF(r, 0, Conversions.cvtsd2ss(b[0], env)); outBytes = 16; break;
            case CVTSI2F: {
                long iv = u.size2 == 8 ? b[0] : (long) (int) b[0];
                if (type == SS) setF(r, 0, Conversions.cvtsi2ss(iv, env));
                else r[0] = Conversions.cvtsi2sd(iv, env);
                outBytes = 16;
                break;
            }
            default:
                return IntExec.STOP;
        }
        int flags = env.flags;
        if ((flags & ~(mx >>> 7) & 0x3F) != 0) { // an unmasked exception: #XM before anything is written
            throw new GuestFault(GuestFault.Kind.DIVIDE, GuestFault.SIGFPE, 0, "SIMD floating-point exception");
        }
        x.cpu.mxcsr = mx | flags;
        v.write(u, u.op0, outBytes, r);
        return u.next;
    }

    private int lane(int fop, int arg, int imm, int a, int b) {
        return switch (fop) {
            case ARITH -> SseMath.arith(arg, a, b, env);
            case CMP -> {
                int saved = env.flags;
                int base = SseMath.cmp(imm & 7, a, b, env);
                yield (int) cmp(imm, SseFloat.isNaN(a) || SseFloat.isNaN(b), snan(a) || snan(b), base, saved);
            }
            case ROUND -> SseMath.roundInt(b, imm, env);
            case RCP -> SseFloat.rcpss(b);
            default -> SseFloat.rsqrtss(b);
        };
    }

    private long lane(int fop, int arg, int imm, long a, long b) {
        return switch (fop) {
            case ARITH -> SseMath.arith(arg, a, b, env);
            case CMP -> {
                int saved = env.flags;
                long base = SseMath.cmp(imm & 7, a, b, env);
                yield cmp(imm, SseFloat.isNaN(a) || SseFloat.isNaN(b), snan(a) || snan(b), base, saved);
            }
            default -> SseMath.roundInt(b, imm, env);
        };
    }

    private static boolean snan(int a) { return SseFloat.isNaN(a) && (a & 0x0040_0000) == 0; }

    private static boolean snan(long a) { return SseFloat.isNaN(a) && (a & 0x0008_0000_0000_0000L) == 0; }

    /**
     * The 32 VEX compare predicates (SDM vol. 2 VCMPPS Table 3-1): predicate p has the ordered
     * relation of p & 7; bit 3 inverts the answer for unordered operands (EQ_UQ, NGE_US... versus
     * EQ_OQ, LT_OS...); bit 4 swaps quiet and signalling (IE on a QNaN). {@code base} is the
     * legacy predicate p & 7 as {@link SseMath#cmp} computed it; {@code saved} the flags before it
     * (for unordered operands it raised nothing but its own idea of IE).
     */
    private long cmp(int imm, boolean unordered, boolean sn, long base, int saved) {
        if (!unordered) return base;
        int p = imm & 31;
        long res = (p & 8) != 0 ? ~base : base;
        boolean signalling = MxcsrFlags.signallingPredicate(p & 7) ^ (p >= 16);
        env.flags = saved | (sn || signalling ? MxcsrFlags.IE : 0);
        return res;
    }
}
