package jnbox.emu.interp;

import jnbox.emu.mem.GuestFault;
import jnbox.emu.mem.SandboxMemory;
import jnbox.emu.semantics.Aes;
import jnbox.emu.semantics.Clmul;
import jnbox.emu.semantics.Conversions;
import jnbox.emu.semantics.Crc32;
import jnbox.emu.semantics.MxcsrEnv;
import jnbox.emu.semantics.MxcsrFlags;
import jnbox.emu.semantics.SseFloat;
import jnbox.emu.semantics.SseLanes;
import jnbox.emu.semantics.SseMath;
import jnbox.emu.semantics.SseInt;

/**
 * The legacy (non-VEX) SIMD instructions: SSE/SSE2 here, and crc32, AES-NI ({@link Aes}) and
 * PCLMULQDQ ({@link Clmul}); forms with an mm operand go to {@link MmxExec}; the SSE3/SSSE3/SSE4
 * forms whose operation is a VEX kernel run through {@link VexExec} ({@link #viaVex}). An XMM
 * register is {@code cpu.vec[4*i]} (bits 0-63) and {@code vec[4*i+1]} (64-127); legacy SSE leaves
 * the upper YMM half alone. 16-byte memory operands of packed instructions must be 16-byte aligned
 * except for the unaligned moves (SDM vol. 1 §11.6.8): misalignment is #GP, SIGSEGV.
 *
 * <p>Floating point under the default MXCSR control (round to nearest, no FTZ/DAZ) takes the fast
 * Java-arithmetic path; any other control goes through the full-MXCSR lane operations
 * ({@link SseLanes}, {@link SseMath}: all rounding modes, FTZ, DAZ). Exception flags ({@link MxcsrFlags}) are ORed into MXCSR; an unmasked one raises #XM (SIGFPE)
 * before anything is written, as on hardware.
 */
final class SseExec {
    // Operation ids (low 8 bits of Uop.sub); bits 8-11: lane size; bits 12-15: float type or variant.
    static final int MOVA = 1, MOVU = 2, MOVS = 3, MOVDQ = 4, MOVLP = 5, MOVHP = 6, MOVHLPS = 7, MOVLHPS = 8,
            MOVMSKPS = 9, MOVMSKPD = 10, PMOVMSKB = 11, PXOR = 12, POR = 13, PAND = 14, PANDN = 15,
            LANES = 16, PUNPCKL = 17, PUNPCKH = 18, PSHUFD = 19, PSHUFLW = 20, PSHUFHW = 21, PSLLDQ = 22,
            PSRLDQ = 23, PSHIFT = 24, PACKSS = 25, PACKUS = 26, PSADBW = 27, PMADDWD = 28, PMULUDQ = 29,
            SHUFPS = 30, SHUFPD = 31, PINSRW = 32, PEXTRW = 33, FARITH = 34, FCMP = 35, COMIS = 36,
            CVTSI2F = 37, CVTF2SI = 38, CVTTF2SI = 39, CVTSS2SD = 40, CVTSD2SS = 41, CVTDQ2PD = 42,
            CVTDQ2PS = 43, CVTPS2DQ = 44, CVTTPS2DQ = 45, CVTPS2PD = 46, CVTPD2PS = 47, CVTPD2DQ = 48,
            CVTTPD2DQ = 49, LDMXCSR = 50, STMXCSR = 51, CRC32 = 52, AES = 53, PCLMULQDQ = 54;
    /** AES variants (the lane field). */
    static final int AESENC = 0, AESENCLAST = 1, AESDEC = 2, AESDECLAST = 3, AESIMC = 4, AESKEYGEN = 5;
    /**
     * Markers in {@link Uop#sub} above every operation field: the uop is a legacy SSE3/SSSE3/SSE4
     * form run by {@link VexExec} with the VEX operand layout (see {@link SseBuilder}); its 16-byte
     * memory operand must be aligned; it is an MMX form ({@link MmxExec#FLAG}).
     */
    static final int VIA_VEX = 1 << 30, ALIGN16 = 1 << 29, EXT = VIA_VEX | MmxExec.FLAG;
    /** Float types for FARITH/FCMP/COMIS/CVT: scalar single, scalar double, packed single, packed double. */
    static final int SS = 0, SD = 1, PS = 2, PD = 3;
    /** FARITH operations. */
    static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MIN = 4, MAX = 5, SQRT = 6, RCP = 7, RSQRT = 8;

    private final IntExec x;
    private final SandboxMemory mem;
    // the source operand after readSrc
    private long sLo, sHi;
    /** MXCSR exception flags raised by the current instruction. */
    private int exc;
    /** The MXCSR context of the full-MXCSR path (non-default RC, FTZ or DAZ). */
    private final MxcsrEnv env = new MxcsrEnv();
    /** Runs the legacy forms whose operation only exists as a VEX kernel (upper YMM half restored). */
    private final VexExec vex;
    private final MmxExec mmx;
    private final long[] out = new long[2];

    SseExec(IntExec x, SandboxMemory mem) {
        this.x = x;
        this.mem = mem;
        this.vex = new VexExec(x, mem);
        this.mmx = new MmxExec(x);
    }

    private static int enc(int op, int lane, int variant) { return op | lane << 8 | variant << 12; }

    private static int ftype(String m) {
        return m.endsWith("SS") ? SS : m.endsWith("SD") ? SD : m.endsWith("PS") ? PS : PD;
    }

    /** The operation for a mnemonic name, or -1 when not executed. */
    static int opOf(String m) {
        switch (m) {
            case "MOVAPS": case "MOVAPD": case "MOVDQA": return MOVA;
            case "MOVNTPS": case "MOVNTPD": case "MOVNTDQ": return MOVA; // aligned stores; the hint is not modelled
            case "MOVUPS": case "MOVUPD": case "MOVDQU": case "LDDQU": return MOVU;
            case "MOVSS": case "MOVSD": return MOVS;
            case "MOVD": case "MOVQ": return MOVDQ;
            case "MOVLPS": case "MOVLPD": return MOVLP;
            case "MOVHPS": case "MOVHPD": return MOVHP;
            case "MOVHLPS": return MOVHLPS;
            case "MOVLHPS": return MOVLHPS;
            case "MOVMSKPS": return MOVMSKPS;
            case "MOVMSKPD": return MOVMSKPD;
            case "PMOVMSKB": return PMOVMSKB;
            case "PXOR": case "XORPS": case "XORPD": return PXOR;
            case "POR": case "ORPS": case "ORPD": return POR;
            case "PAND": case "ANDPS": case "ANDPD": return PAND;
            case "PANDN": case "ANDNPS": case "ANDNPD": return PANDN;
            case "PADDB": return enc(LANES, 1, 0);
            case "PADDW": return enc(LANES, 2, 0);
            case "PADDD": return enc(LANES, 4, 0);
            case "PADDQ": return enc(LANES, 8, 0);
            case "PSUBB": return enc(LANES, 1, 1);
            case "PSUBW": return enc(LANES, 2, 1);
            case "PSUBD": return enc(LANES, 4, 1);
            case "PSUBQ": return enc(LANES, 8, 1);
            case "PCMPEQB": return enc(LANES, 1, 2);
            case "PCMPEQW": return enc(LANES, 2, 2);
            case "PCMPEQD": return enc(LANES, 4, 2);
            case "PCMPGTB": return enc(LANES, 1, 3);
            case "PCMPGTW": return enc(LANES, 2, 3);
            case "PCMPGTD": return enc(LANES, 4, 3);
            case "PMINUB": return enc(LANES, 1, 4);
            case "PMAXUB": return enc(LANES, 1, 5);
            case "PMINSW": return enc(LANES, 2, 6);
            case "PMAXSW": return enc(LANES, 2, 7);
            case "PADDUSB": return enc(LANES, 1, 8);
            case "PADDUSW": return enc(LANES, 2, 8);
            case "PSUBUSB": return enc(LANES, 1, 9);
            case "PSUBUSW": return enc(LANES, 2, 9);
            case "PADDSB": return enc(LANES, 1, 10);
            case "PADDSW": return enc(LANES, 2, 10);
            case "PSUBSB": return enc(LANES, 1, 11);
            case "PSUBSW": return enc(LANES, 2, 11);
            case "PAVGB": return enc(LANES, 1, 12);
            case "PAVGW": return enc(LANES, 2, 12);
            case "PMULLW": return enc(LANES, 2, 13);
            case "PMULHW": return enc(LANES, 2, 14);
            case "PMULHUW": return enc(LANES, 2, 15);
            case "PUNPCKLBW": return enc(PUNPCKL, 1, 0);
            case "PUNPCKLWD": return enc(PUNPCKL, 2, 0);
            case "PUNPCKLDQ": case "UNPCKLPS": return enc(PUNPCKL, 4, 0);
            case "PUNPCKLQDQ": case "UNPCKLPD": return enc(PUNPCKL, 8, 0);
            case "PUNPCKHBW": return enc(PUNPCKH, 1, 0);
            case "PUNPCKHWD": return enc(PUNPCKH, 2, 0);
            case "PUNPCKHDQ": case "UNPCKHPS": return enc(PUNPCKH, 4, 0);
            case "PUNPCKHQDQ": case "UNPCKHPD": return enc(PUNPCKH, 8, 0);
            case "PSHUFD": return PSHUFD;
            case "PSHUFLW": return PSHUFLW;
            case "PSHUFHW": return PSHUFHW;
            case "PSLLDQ": return PSLLDQ;
            case "PSRLDQ": return PSRLDQ;
            case "PSLLW": return enc(PSHIFT, 2, 0);
            case "PSLLD": return enc(PSHIFT, 4, 0);
            case "PSLLQ": return enc(PSHIFT, 8, 0);
            case "PSRLW": return enc(PSHIFT, 2, 1);
            case "PSRLD": return enc(PSHIFT, 4, 1);
            case "PSRLQ": return enc(PSHIFT, 8, 1);
            case "PSRAW": return enc(PSHIFT, 2, 2);
            case "PSRAD": return enc(PSHIFT, 4, 2);
            case "PACKSSWB": return enc(PACKSS, 2, 0);
            case "PACKSSDW": return enc(PACKSS, 4, 0);
            case "PACKUSWB": return enc(PACKUS, 2, 0);
            case "PSADBW": return PSADBW;
            case "PMADDWD": return PMADDWD;
            case "PMULUDQ": return PMULUDQ;
            case "SHUFPS": return SHUFPS;
            case "SHUFPD": return SHUFPD;
            case "PINSRW": return PINSRW;
            case "PEXTRW": return PEXTRW;
            case "ADDSS": case "ADDSD": case "ADDPS": case "ADDPD": return enc(FARITH, ADD, ftype(m));
            case "SUBSS": case "SUBSD": case "SUBPS": case "SUBPD": return enc(FARITH, SUB, ftype(m));
            case "MULSS": case "MULSD": case "MULPS": case "MULPD": return enc(FARITH, MUL, ftype(m));
            case "DIVSS": case "DIVSD": case "DIVPS": case "DIVPD": return enc(FARITH, DIV, ftype(m));
            case "MINSS": case "MINSD": case "MINPS": case "MINPD": return enc(FARITH, MIN, ftype(m));
            case "MAXSS": case "MAXSD": case "MAXPS": case "MAXPD": return enc(FARITH, MAX, ftype(m));
            case "SQRTSS": case "SQRTSD": case "SQRTPS": case "SQRTPD": return enc(FARITH, SQRT, ftype(m));
            case "RCPSS": case "RCPPS": return enc(FARITH, RCP, ftype(m));
            case "RSQRTSS": case "RSQRTPS": return enc(FARITH, RSQRT, ftype(m));
            case "CMPSS": case "CMPSD": case "CMPPS": case "CMPPD": return enc(FCMP, 0, ftype(m));
            case "UCOMISS": return enc(COMIS, 0, SS);
            case "UCOMISD": return enc(COMIS, 0, SD);
            case "COMISS": return enc(COMIS, 1, SS); // lane field 1: signalling compare
            case "COMISD": return enc(COMIS, 1, SD);
            case "CVTSI2SS": return enc(CVTSI2F, 0, SS);
            case "CVTSI2SD": return enc(CVTSI2F, 0, SD);
            case "CVTSS2SI": return enc(CVTF2SI, 0, SS);
            case "CVTSD2SI": return enc(CVTF2SI, 0, SD);
            case "CVTTSS2SI": return enc(CVTTF2SI, 0, SS);
            case "CVTTSD2SI": return enc(CVTTF2SI, 0, SD);
            case "CVTSS2SD": return CVTSS2SD;
            case "CVTSD2SS": return CVTSD2SS;
            case "CVTDQ2PD": return CVTDQ2PD;
            case "CVTDQ2PS": return CVTDQ2PS;
            case "CVTPS2DQ": return CVTPS2DQ;
            case "CVTTPS2DQ": return CVTTPS2DQ;
            case "CVTPS2PD": return CVTPS2PD;
            case "CVTPD2PS": return CVTPD2PS;
            case "CVTPD2DQ": return CVTPD2DQ;
            case "CVTTPD2DQ": return CVTTPD2DQ;
            case "LDMXCSR": return LDMXCSR;
            case "STMXCSR": return STMXCSR;
            case "CRC32": return CRC32;
            case "AESENC": return enc(AES, AESENC, 0);
            case "AESENCLAST": return enc(AES, AESENCLAST, 0);
            case "AESDEC": return enc(AES, AESDEC, 0);
            case "AESDECLAST": return enc(AES, AESDECLAST, 0);
            case "AESIMC": return enc(AES, AESIMC, 0);
            case "AESKEYGENASSIST": return enc(AES, AESKEYGEN, 0);
            case "PCLMULQDQ": return PCLMULQDQ;
            default: return -1;
        }
    }

    /** True for operations whose 16-byte memory operand need not be aligned. */
    private static boolean unaligned(int op) { return op == MOVU; }

    // ---------------------------------------------------------------- operand access

    private long[] vec() { return x.cpu.vec; }

    /** Reads the source operand {@code loc} of {@code bytes} bytes into sLo/sHi (zero-extended). */
    private void readSrc(Uop u, int loc, int bytes, boolean alignCheck) {
        if (loc >= Uop.XMM) {
            int i = (loc - Uop.XMM) * 4;
            sLo = vec()[i];
            sHi = vec()[i + 1];
            if (bytes < 16) { sHi = 0; if (bytes < 8) sLo &= bytes == 4 ? 0xFFFF_FFFFL : 0xFFFFL; }
        } else if (loc == Uop.MEM) {
            long a = x.ea(u);
            if (bytes == 16) {
                if (alignCheck && (a & 15) != 0) throw misaligned(a);
                long lo = mem.read64(a);
                sHi = mem.read64(a + 8);
                sLo = lo;
            } else {
                sLo = x.load(a, bytes);
                sHi = 0;
            }
        } else if (loc == Uop.IMM) {
            sLo = u.imm;
            sHi = 0;
        } else {
            sLo = x.get(u, loc, bytes);
            sHi = 0;
        }
    }

    static GuestFault misaligned(long a) {
        return new GuestFault(GuestFault.Kind.GENERAL_PROTECTION, GuestFault.SIGSEGV, a, "misaligned 16-byte SSE operand");
    }

    private void setX(int loc, long lo, long hi) {
        int i = (loc - Uop.XMM) * 4;
        vec()[i] = lo;
        vec()[i + 1] = hi;
    }

    private long lo(int loc) { return vec()[(loc - Uop.XMM) * 4]; }

    private long hi(int loc) { return vec()[(loc - Uop.XMM) * 4 + 1]; }

    private void store16(Uop u, long lo, long hi, boolean alignCheck) {
        long a = x.ea(u);
        if (alignCheck && (a & 15) != 0) throw misaligned(a);
        mem.checkWritable(a, 16);
        mem.write64(a, lo);
        mem.write64(a + 8, hi);
    }

    private boolean floatEnvOk() { return (x.cpu.mxcsr & 0xE040) == 0; }

    /** Commits the raised flags, or raises #XM when one of them is unmasked (before any write). */
    private void signal() {
        int fl = exc;
        if (fl == 0) return;
        int mx = x.cpu.mxcsr;
        if ((fl & ~(mx >>> 7) & 0x3F) != 0) {
            x.cpu.mxcsr = mx | flagsOnFault(fl, mx);
            throw new GuestFault(GuestFault.Kind.DIVIDE, GuestFault.SIGFPE, 0, "SIMD floating-point exception");
        }
        x.cpu.mxcsr = mx | fl;
    }

    /**
     * The MXCSR flags an instruction raising #XM still sets (SDM vol. 1 §11.5.1; measured on the
     * host by LegacyRandomHostTest): with an unmasked pre-computation exception (IE, DE, ZE) only
     * the pre-computation flags (no result is computed, so no OE/UE/PE), else all of them.
     */
    static int flagsOnFault(int flags, int mxcsr) {
        int unmasked = flags & ~(mxcsr >>> 7) & 0x3F;
        return (unmasked & 0x7) != 0 ? flags & 0x7 : flags;
    }

    // ---------------------------------------------------------------- execution

    long exec(Uop u) {
        if ((u.sub & EXT) != 0) return (u.sub & VIA_VEX) != 0 ? viaVex(u) : mmx.exec(u);
        exc = 0;
        int sub = u.sub;
        int op = sub & 0xFF, lane = sub >>> 8 & 0xF, var = sub >>> 12 & 0xF;
        int d = u.op0, s = u.op1;
        switch (op) {
            case MOVA: case MOVU: {
                boolean check = op == MOVA;
                if (d == Uop.MEM) { store16(u, lo(s), hi(s), check); return u.next; }
                readSrc(u, s, 16, check);
                setX(d, sLo, sHi);
                return u.next;
            }
            case MOVS: { // movss/movsd: u.size is the scalar size
                int n = u.size;
                long m = n == 4 ? 0xFFFF_FFFFL : -1L;
                if (d == Uop.MEM) { x.store(x.ea(u), n, lo(s)); return u.next; }
                if (s == Uop.MEM) { setX(d, x.load(x.ea(u), n), 0); return u.next; }
                setX(d, (lo(d) & ~m) | (lo(s) & m), hi(d));
                return u.next;
            }
            case MOVDQ: {
                if (d >= Uop.XMM) { // to xmm: zero-extended
                    int n = u.size2 == 16 ? 8 : u.size2;
                    readSrc(u, s, n, false);
                    setX(d, sLo, 0);
                } else { // to gpr or memory: low 4 or 8 bytes
                    x.set(u, d, u.size, lo(s));
                }
                return u.next;
            }
            case MOVLP: {
                if (d == Uop.MEM) x.store(x.ea(u), 8, lo(s));
                else setX(d, x.load(x.ea(u), 8), hi(d));
                return u.next;
            }
            case MOVHP: {
                if (d == Uop.MEM) x.store(x.ea(u), 8, hi(s));
                else setX(d, lo(d), x.load(x.ea(u), 8));
                return u.next;
            }
            case MOVHLPS: setX(d, hi(s), hi(d)); return u.next;
            case MOVLHPS: setX(d, lo(d), lo(s)); return u.next;
            case MOVMSKPS: {
                long l = lo(s), h = hi(s);
                long m = (l >>> 31 & 1) | (l >>> 62 & 2) | (h >>> 29 & 4) | (h >>> 60 & 8);
                x.r[d] = m;
                return u.next;
            }
            case MOVMSKPD: x.r[d] = (lo(s) >>> 63) | (hi(s) >>> 63) << 1; return u.next;
            case PMOVMSKB: x.r[d] = SseInt.movmskb(lo(s)) | SseInt.movmskb(hi(s)) << 8; return u.next;
            case PINSRW: {
                readSrc(u, s, 2, false);
                int sel = (int) u.imm & 7;
                long l = lo(d), h = hi(d);
                long w = sLo & 0xFFFF;
                if (sel < 4) l = (l & ~(0xFFFFL << (sel * 16))) | w << (sel * 16);
                else h = (h & ~(0xFFFFL << ((sel - 4) * 16))) | w << ((sel - 4) * 16);
                setX(d, l, h);
                return u.next;
            }
            case PEXTRW: {
                int sel = (int) u.imm & 7;
                long v = (sel < 4 ? lo(s) : hi(s)) >>> ((sel & 3) * 16) & 0xFFFF;
                x.r[d] = v;
                return u.next;
            }
            case PSLLDQ: case PSRLDQ: {
                int n = (int) Math.min(u.imm & 0xFF, 16) * 8;
                long l = lo(d), h = hi(d), rl, rh;
                if (op == PSLLDQ) {
                    if (n == 0) { rl = l; rh = h; }
                    else if (n < 64) { rl = l << n; rh = h << n | l >>> (64 - n); }
                    else if (n < 128) { rl = 0; rh = l << (n - 64); }
                    else { rl = 0; rh = 0; }
                } else {
                    if (n == 0) { rl = l; rh = h; }
                    else if (n < 64) { rh = h >>> n; rl = l >>> n | h << (64 - n); }
                    else if (n < 128) { rh = 0; rl = h >>> (n - 64); }
                    else { rl = 0; rh = 0; }
                }
                setX(d, rl, rh);
                return u.next;
            }
            case PSHIFT: {
                long count;
                if (s == Uop.IMM) count = u.imm & 0xFF;
                else { readSrc(u, s, 16, true); count = sLo; }
                setX(d, SseInt.shift(var, lane, lo(d), count), SseInt.shift(var, lane, hi(d), count));
                return u.next;
            }
            case LDMXCSR: {
                int v = (int) x.load(x.ea(u), 4);
                if ((v & ~0xFFFF) != 0) throw new GuestFault(GuestFault.Kind.GENERAL_PROTECTION, GuestFault.SIGSEGV, 0, "ldmxcsr reserved bits");
                x.cpu.mxcsr = v;
                return u.next;
            }
            case STMXCSR: x.store(x.ea(u), 4, x.cpu.mxcsr & 0xFFFF_FFFFL); return u.next;
            case COMIS: {
                readSrc(u, s, var == SS ? 4 : 8, false);
                long f = var == SS ? SseFloat.comissFlags((int) lo(d), (int) sLo) : SseFloat.comisdFlags(lo(d), sLo);
                exc = var == SS ? MxcsrFlags.ofCompareFloat(lane == 1, (int) lo(d), (int) sLo)
                        : MxcsrFlags.ofCompareDouble(lane == 1, lo(d), sLo);
                if (!floatEnvOk()) { // DAZ
                    env.begin(x.cpu.mxcsr);
                    f = var == SS ? SseMath.comis(lane == 1, (int) lo(d), (int) sLo, env) : SseMath.comis(lane == 1, lo(d), sLo, env);
                    exc = env.flags;
                }
                signal();
                x.cpu.setArith(f);
                return u.next;
            }
            case CVTSI2F: {
                int n = u.size2;
                readSrc(u, s, n, false);
                long iv = n == 8 ? sLo : (long) (int) sLo;
                if (var == SS) {
                    int f = Conversions.cvtsi2ss(iv, env.begin(x.cpu.mxcsr)); // by MXCSR.RC, PE when inexact; no allocation
                    exc = env.flags;
                    signal();
                    setX(d, (lo(d) & ~0xFFFF_FFFFL) | (f & 0xFFFF_FFFFL), hi(d));
                } else {
                    long r = Conversions.cvtsi2sd(iv, env.begin(x.cpu.mxcsr));
                    exc = env.flags;
                    signal();
                    setX(d, r, hi(d));
                }
                return u.next;
            }
            case CVTF2SI: case CVTTF2SI: {
                readSrc(u, s, var == SS ? 4 : 8, false);
                sLo = var == SS ? Conversions.dazFloat((int) sLo, x.cpu.mxcsr) & 0xFFFF_FFFFL : Conversions.dazDouble(sLo, x.cpu.mxcsr);
                int rc = op == CVTTF2SI ? 3 : x.cpu.mxcsr >>> 13 & 3;
                long v;
                if (u.size == 8) v = var == SS ? Conversions.cvtss2si64((int) sLo, rc) : Conversions.cvtsd2si64(sLo, rc);
                else v = var == SS ? Conversions.cvtss2si32((int) sLo, rc) : Conversions.cvtsd2si32(sLo, rc);
                double src = var == SS ? Float.intBitsToFloat((int) sLo) : Double.longBitsToDouble(sLo);
                exc = MxcsrFlags.ofToInt(src, rc, u.size == 8);
                signal();
                x.r[d] = u.size == 8 ? v : v & 0xFFFF_FFFFL;
                return u.next;
            }
            case CVTSS2SD: {
                readSrc(u, s, 4, false);
                long wide = Conversions.cvtss2sd((int) sLo, env.begin(x.cpu.mxcsr)); // exact: only DAZ matters
                exc = env.flags;
                signal();
                setX(d, wide, hi(d));
                return u.next;
            }
            case CVTSD2SS: {
                readSrc(u, s, 8, false);
                int nr = Conversions.cvtsd2ss(sLo);
                exc = MxcsrFlags.ofNarrow(sLo, nr);
                if (!floatEnvOk()) { nr = Conversions.cvtsd2ss(sLo, env.begin(x.cpu.mxcsr)); exc = env.flags; }
                signal();
                setX(d, (lo(d) & ~0xFFFF_FFFFL) | (nr & 0xFFFF_FFFFL), hi(d));
                return u.next;
            }
            case CVTDQ2PD: {
                readSrc(u, s, 8, false);
                setX(d, Conversions.cvtsi2sd32((int) sLo), Conversions.cvtsi2sd32((int) (sLo >>> 32)));
                return u.next;
            }
            case CRC32: { // SDM vol. 2 CRC32: the 32-bit result zero-extends into r32 and r64
                readSrc(u, s, u.size2, false);
                x.r[d] = Crc32.update((int) x.r[d], sLo, u.size2) & 0xFFFF_FFFFL;
                return u.next;
            }
            case CVTPS2PD: {
                readSrc(u, s, 8, false);
                env.begin(x.cpu.mxcsr); // exact: only DAZ matters
                long w0 = Conversions.cvtss2sd((int) sLo, env), w1 = Conversions.cvtss2sd((int) (sLo >>> 32), env);
                exc = env.flags;
                signal();
                setX(d, w0, w1);
                return u.next;
            }
            default:
                break;
        }
        // Remaining forms: dst = f(dst, src) over 128 bits, with an aligned 16-byte source.
        boolean scalar = op == FARITH || op == FCMP ? var == SS || var == SD : false;
        int srcBytes = scalar ? (var == SS ? 4 : 8) : 16;
        readSrc(u, s, srcBytes, !unaligned(op));
        long al = d >= Uop.XMM ? lo(d) : 0, ah = d >= Uop.XMM ? hi(d) : 0, bl = sLo, bh = sHi;
        long rl, rh;
        switch (op) {
            case PXOR: rl = al ^ bl; rh = ah ^ bh; break;
            case POR: rl = al | bl; rh = ah | bh; break;
            case PAND: rl = al & bl; rh = ah & bh; break;
            case PANDN: rl = ~al & bl; rh = ~ah & bh; break;
            case LANES: rl = SseInt.lanes(var, lane, al, bl); rh = SseInt.lanes(var, lane, ah, bh); break;
            case PUNPCKL: rl = SseInt.unpackLo(lane, al, bl); rh = lane == 8 ? bl : SseInt.unpackHi(lane, al, bl); break;
            case PUNPCKH: rl = SseInt.unpackLo(lane, ah, bh); rh = lane == 8 ? bh : SseInt.unpackHi(lane, ah, bh); break;
            case PSHUFD: {
                int imm = (int) u.imm;
                rl = dword(bl, bh, imm & 3) | dword(bl, bh, imm >> 2 & 3) << 32;
                rh = dword(bl, bh, imm >> 4 & 3) | dword(bl, bh, imm >> 6 & 3) << 32;
                break;
            }
            case PSHUFLW: rl = shuf4w(bl, (int) u.imm); rh = bh; break;
            case PSHUFHW: rl = bl; rh = shuf4w(bh, (int) u.imm); break;
            case PACKSS: case PACKUS: {
                boolean us = op == PACKUS;
                rl = SseInt.pack(lane, us, al) | SseInt.pack(lane, us, ah) << 32;
                rh = SseInt.pack(lane, us, bl) | SseInt.pack(lane, us, bh) << 32;
                break;
            }
            case PSADBW: rl = SseInt.sadbw(al, bl); rh = SseInt.sadbw(ah, bh); break;
            case PMADDWD: rl = SseInt.maddwd(al, bl); rh = SseInt.maddwd(ah, bh); break;
            case PMULUDQ: rl = SseInt.muludq(al, bl); rh = SseInt.muludq(ah, bh); break;
            case SHUFPS: {
                int imm = (int) u.imm;
                rl = dword(al, ah, imm & 3) | dword(al, ah, imm >> 2 & 3) << 32;
                rh = dword(bl, bh, imm >> 4 & 3) | dword(bl, bh, imm >> 6 & 3) << 32;
                break;
            }
            case SHUFPD: rl = (u.imm & 1) == 0 ? al : ah; rh = (u.imm & 2) == 0 ? bl : bh; break;
            case AES: {
                switch (lane) {
                    case AESENC: Aes.enc(al, ah, bl, bh, out); break;
                    case AESENCLAST: Aes.encLast(al, ah, bl, bh, out); break;
                    case AESDEC: Aes.dec(al, ah, bl, bh, out); break;
                    case AESDECLAST: Aes.decLast(al, ah, bl, bh, out); break;
                    case AESIMC: Aes.imc(bl, bh, out); break;
                    default: Aes.keygenAssist(bl, bh, (int) u.imm, out); break;
                }
                rl = out[0];
                rh = out[1];
                break;
            }
            case PCLMULQDQ: { // imm8 bit 0 picks the destination's quadword, bit 4 the source's
                long p = (u.imm & 1) == 0 ? al : ah, q = (u.imm & 0x10) == 0 ? bl : bh;
                rl = Clmul.lo(p, q);
                rh = Clmul.hi(p, q);
                break;
            }
            case FARITH: {
                if (!floatEnvOk()) {
                    rl = SseLanes.arith(var, lane, al, bl, true, env.begin(x.cpu.mxcsr));
                    rh = SseLanes.arith(var, lane, ah, bh, false, env);
                    exc = env.flags;
                    break;
                }
                switch (var) {
                    case SS: rl = (al & ~0xFFFF_FFFFL) | (fs(lane, (int) al, (int) bl) & 0xFFFF_FFFFL); rh = ah; break;
                    case SD: rl = fd(lane, al, bl); rh = ah; break;
                    case PS: rl = ps2(lane, al, bl); rh = ps2(lane, ah, bh); break;
                    default: rl = fd(lane, al, bl); rh = fd(lane, ah, bh); break;
                }
                switch (var) {
                    case SS: exc = fsx(lane, (int) al, (int) bl, (int) rl); break;
                    case SD: exc = fdx(lane, al, bl, rl); break;
                    case PS: exc = fsx(lane, (int) al, (int) bl, (int) rl) | fsx(lane, (int) (al >>> 32), (int) (bl >>> 32), (int) (rl >>> 32))
                            | fsx(lane, (int) ah, (int) bh, (int) rh) | fsx(lane, (int) (ah >>> 32), (int) (bh >>> 32), (int) (rh >>> 32)); break;
                    default: exc = fdx(lane, al, bl, rl) | fdx(lane, ah, bh, rh); break;
                }
                break;
            }
            case FCMP: {
                int p = (int) u.imm & 7;
                if (!floatEnvOk()) { // DAZ
                    rl = SseLanes.cmp(var, p, al, bl, true, env.begin(x.cpu.mxcsr));
                    rh = SseLanes.cmp(var, p, ah, bh, false, env);
                    exc = env.flags;
                    break;
                }
                int cop = MxcsrFlags.signallingPredicate(p) ? MxcsrFlags.CMP_SIGNAL : MxcsrFlags.CMP_QUIET;
                switch (var) {
                    case SS: exc = MxcsrFlags.ofFloat(cop, (int) al, (int) bl, 0); break;
                    case SD: exc = MxcsrFlags.ofDouble(cop, al, bl, 0); break;
                    case PS: exc = MxcsrFlags.ofFloat(cop, (int) al, (int) bl, 0) | MxcsrFlags.ofFloat(cop, (int) (al >>> 32), (int) (bl >>> 32), 0)
                            | MxcsrFlags.ofFloat(cop, (int) ah, (int) bh, 0) | MxcsrFlags.ofFloat(cop, (int) (ah >>> 32), (int) (bh >>> 32), 0); break;
                    default: exc = MxcsrFlags.ofDouble(cop, al, bl, 0) | MxcsrFlags.ofDouble(cop, ah, bh, 0); break;
                }
                switch (var) {
                    case SS: rl = (al & ~0xFFFF_FFFFL) | (SseFloat.cmpss(p, (int) al, (int) bl) & 0xFFFF_FFFFL); rh = ah; break;
                    case SD: rl = SseFloat.cmpsd(p, al, bl); rh = ah; break;
                    case PS: rl = cmpps2(p, al, bl); rh = cmpps2(p, ah, bh); break;
                    default: rl = SseFloat.cmpsd(p, al, bl); rh = SseFloat.cmpsd(p, ah, bh); break;
                }
                break;
            }
            case CVTDQ2PS: { // by MXCSR.RC, PE when inexact; no allocation
                rl = SseLanes.cvtdq2ps(bl, env.begin(x.cpu.mxcsr));
                rh = SseLanes.cvtdq2ps(bh, env);
                exc = env.flags;
                break;
            }
            case CVTPS2DQ: case CVTTPS2DQ: {
                int rc = op == CVTTPS2DQ ? 3 : x.cpu.mxcsr >>> 13 & 3;
                bl = Conversions.dazFloat2(bl, x.cpu.mxcsr);
                bh = Conversions.dazFloat2(bh, x.cpu.mxcsr);
                rl = f2i2(bl, rc); rh = f2i2(bh, rc);
                for (int i = 0; i < 4; i++) {
                    float src = Float.intBitsToFloat((int) ((i < 2 ? bl : bh) >>> (32 * (i & 1))));
                    exc |= MxcsrFlags.ofToInt(src, rc, false);
                }
                break;
            }
            case CVTPD2PS: {
                if (!floatEnvOk()) {
                    rl = SseLanes.cvtpd2ps(bl, bh, env.begin(x.cpu.mxcsr));
                    rh = 0;
                    exc = env.flags;
                    break;
                }
                rl = (Conversions.cvtsd2ss(bl) & 0xFFFF_FFFFL) | (long) Conversions.cvtsd2ss(bh) << 32;
                rh = 0;
                exc = MxcsrFlags.ofNarrow(bl, (int) rl) | MxcsrFlags.ofNarrow(bh, (int) (rl >>> 32));
                break;
            }
            case CVTPD2DQ: case CVTTPD2DQ: {
                int rc = op == CVTTPD2DQ ? 3 : x.cpu.mxcsr >>> 13 & 3;
                bl = Conversions.dazDouble(bl, x.cpu.mxcsr);
                bh = Conversions.dazDouble(bh, x.cpu.mxcsr);
                rl = (Conversions.cvtsd2si32(bl, rc) & 0xFFFF_FFFFL) | (long) Conversions.cvtsd2si32(bh, rc) << 32;
                rh = 0;
                exc = MxcsrFlags.ofToInt(Double.longBitsToDouble(bl), rc, false)
                        | MxcsrFlags.ofToInt(Double.longBitsToDouble(bh), rc, false);
                break;
            }
            default:
                return IntExec.STOP;
        }
        signal();
        setX(d, rl, rh);
        return u.next;
    }

    /**
     * A legacy form executed by {@link VexExec} (operands already in the VEX layout by
     * {@link SseBuilder}): checks the alignment of a 16-byte memory operand, then restores bits
     * 128-255 of the registers a VEX.128 write zeroes (the destination and, for pcmpestrm/pcmpistrm,
     * xmm0): legacy SSE leaves them alone (SDM vol. 1 §13.3). VexExec writes only after every read
     * and check, so a fault leaves nothing to restore.
     */
    private long viaVex(Uop u) {
        if ((u.sub & ALIGN16) != 0) {
            long a = x.ea(u);
            if ((a & 15) != 0) throw misaligned(a);
        }
        long[] v = vec();
        int d = u.op0 >= Uop.XMM ? (u.op0 - Uop.XMM) * 4 : 0;
        long d2 = v[d + 2], d3 = v[d + 3], z2 = v[2], z3 = v[3];
        long next = vex.exec(u);
        v[2] = z2;
        v[3] = z3;
        v[d + 2] = d2;
        v[d + 3] = d3;
        return next;
    }

    /** Exception flags of a scalar single operation f (RCP/RSQRT raise none). */
    private static int fsx(int f, int a, int b, int r) {
        return f >= RCP ? 0 : MxcsrFlags.ofFloat(f, a, b, r);
    }

    private static int fdx(int f, long a, long b, long r) { return MxcsrFlags.ofDouble(f, a, b, r); }

    private static long dword(long lo, long hi, int i) {
        long v = i < 2 ? lo : hi;
        return v >>> ((i & 1) * 32) & 0xFFFF_FFFFL;
    }

    static long shuf4w(long v, int imm) {
        long r = 0;
        for (int i = 0; i < 4; i++) r |= (v >>> ((imm >> (2 * i) & 3) * 16) & 0xFFFF) << (16 * i);
        return r;
    }

    private static int fs(int f, int a, int b) {
        return switch (f) {
            case ADD -> SseFloat.addss(a, b);
            case SUB -> SseFloat.subss(a, b);
            case MUL -> SseFloat.mulss(a, b);
            case DIV -> SseFloat.divss(a, b);
            case MIN -> SseFloat.minss(a, b);
            case MAX -> SseFloat.maxss(a, b);
            case RCP -> SseFloat.rcpss(b);
            case RSQRT -> SseFloat.rsqrtss(b);
            default -> SseFloat.sqrtss(b);
        };
    }

    private static long fd(int f, long a, long b) {
        return switch (f) {
            case ADD -> SseFloat.addsd(a, b);
            case SUB -> SseFloat.subsd(a, b);
            case MUL -> SseFloat.mulsd(a, b);
            case DIV -> SseFloat.divsd(a, b);
            case MIN -> SseFloat.minsd(a, b);
            case MAX -> SseFloat.maxsd(a, b);
            default -> SseFloat.sqrtsd(b);
        };
    }

    private static long ps2(int f, long a, long b) {
        return (fs(f, (int) a, (int) b) & 0xFFFF_FFFFL) | (long) fs(f, (int) (a >>> 32), (int) (b >>> 32)) << 32;
    }

    private static long cmpps2(int p, long a, long b) {
        return (SseFloat.cmpss(p, (int) a, (int) b) & 0xFFFF_FFFFL) | (long) SseFloat.cmpss(p, (int) (a >>> 32), (int) (b >>> 32)) << 32;
    }

    private static long f2i2(long v, int rc) {
        return (Conversions.cvtss2si32((int) v, rc) & 0xFFFF_FFFFL) | (long) Conversions.cvtss2si32((int) (v >>> 32), rc) << 32;
    }
}
