package jnbox.emu.cpu;

import jnbox.emu.semantics.Flags;

/**
 * The architectural state of one guest thread, shared by every engine.
 *
 * <p>General-purpose registers are in encoding order (RAX=0, RCX=1, RDX=2, RBX=3, RSP=4, RBP=5,
 * RSI=6, RDI=7, R8..R15=8..15). XMM/YMM registers are raw bits ({@code long}s, never Java floats,
 * so NaN payloads survive): register i occupies {@code vec[4*i .. 4*i+3]}, lane 0 lowest.
 *
 * <p>RFLAGS is read and written only through {@link #rflags()} and {@link #setRflags(long)}, so an
 * engine may keep the flags lazily in its own form. The arithmetic flags (OF SF ZF AF PF CF) are
 * kept lazily as {@code (ccOp, ccA, ccB, ccRes)} (see {@link Flags}): engines that produce
 * flags write those four fields instead of computing the flags; the other bits (DF, IF, ...)
 * sit in {@link #rflagsRest}.
 */
public final class CpuState {
    public static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
    public static final int R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;

    /** RFLAGS bits (Intel SDM vol. 1 §3.4.3). */
    public static final long CF = 1L, PF = 1L << 2, AF = 1L << 4, ZF = 1L << 6, SF = 1L << 7,
            TF = 1L << 8, IF = 1L << 9, DF = 1L << 10, OF = 1L << 11;
    /** Bit 1 of RFLAGS always reads as 1. */
    public static final long FIXED_ONE = 1L << 1;

    public final long[] r = new long[16];
    public long rip;
    /** RFLAGS without the six arithmetic flags; bit 1 set. */
    public long rflagsRest = FIXED_ONE;
    /** Lazy arithmetic flags: {@link Flags#compute}{@code (ccOp, ccA, ccB, ccRes)}. */
    public int ccOp = Flags.EAGER;
    public long ccA, ccB, ccRes;

    public final long[] vec = new long[16 * 4];
    public int mxcsr = 0x1F80;

    /** x87 state: FCW, FSW, tag word (abridged, 1 bit per register, as in FXSAVE) and registers. */
    public int fcw = 0x037F;
    public int fsw;
    public int ftw;
    /** st registers by physical index: 64-bit significands and sign|exponent words. */
    public final long[] x87Mant = new long[8];
    public final int[] x87SignExp = new int[8];

    /** Guest instructions retired by this thread. */
    public long icount;

    public long rflags() { return rflagsRest | Flags.compute(ccOp, ccA, ccB, ccRes); }

    public void setRflags(long v) {
        rflagsRest = (v & ~Flags.ARITH) | FIXED_ONE;
        ccOp = Flags.EAGER;
        ccRes = v & Flags.ARITH;
    }

    /** Records lazy flags for an operation of {@code kind} and {@code size} bytes. */
    public void setLazy(int op, long a, long b, long res) {
        ccOp = op;
        ccA = a;
        ccB = b;
        ccRes = res;
    }

    /** Replaces the arithmetic flags by already computed ones. */
    public void setArith(long flags) {
        ccOp = Flags.EAGER;
        ccRes = flags & Flags.ARITH;
    }

    /** The arithmetic flags, materialized. */
    public long arith() { return Flags.compute(ccOp, ccA, ccB, ccRes); }

    /** CF as 0 or 1. */
    public long cf() { return Flags.carry(ccOp, ccA, ccB, ccRes); }

    /** Copies every architectural field of {@code o} into this state. */
    public void copyFrom(CpuState o) {
        System.arraycopy(o.r, 0, r, 0, 16);
        rip = o.rip;
        setRflags(o.rflags());
        System.arraycopy(o.vec, 0, vec, 0, vec.length);
        mxcsr = o.mxcsr;
        fcw = o.fcw;
        fsw = o.fsw;
        ftw = o.ftw;
        System.arraycopy(o.x87Mant, 0, x87Mant, 0, 8);
        System.arraycopy(o.x87SignExp, 0, x87SignExp, 0, 8);
        icount = o.icount;
    }

    private static final String[] NAMES = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};

    public static String regName(int i) { return NAMES[i]; }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) sb.append(String.format("%-3s=%016x%s", NAMES[i], r[i], i % 4 == 3 ? "\n" : " "));
        sb.append(String.format("rip=%016x rflags=%08x", rip, rflags()));
        return sb.toString();
    }
}
