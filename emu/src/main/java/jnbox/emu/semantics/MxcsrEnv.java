package jnbox.emu.semantics;

/**
 * The MXCSR context one SIMD floating-point operation runs in (SDM vol. 1 §10.2.3): the control
 * bits it reads ({@link #mxcsr}: RC bits 14:13, FTZ bit 15, DAZ bit 6, the exception masks bits
 * 12:7) and the exception flags it raises ({@link #flags}, IE..PE as in {@link MxcsrFlags}),
 * which the operations OR in. An engine keeps one instance and calls {@link #begin} per
 * instruction, so the full-MXCSR operations of {@link SseMath} allocate nothing.
 */
public final class MxcsrEnv {
    public static final int DAZ = 1 << 6, UM = 1 << 11, FTZ = 1 << 15;
    /** The default MXCSR (all exceptions masked, round to nearest, no FTZ/DAZ). */
    public static final int DEFAULT = 0x1F80;

    /** Control bits read by the operations; only RC, FTZ, DAZ and UM matter to the results. */
    public int mxcsr = DEFAULT;
    /** Exception flags raised since {@link #begin}. */
    public int flags;

    /** Starts an instruction under {@code mxcsr}: clears {@link #flags}. */
    public MxcsrEnv begin(int mxcsr) {
        this.mxcsr = mxcsr;
        this.flags = 0;
        return this;
    }

    /** MXCSR.RC: 0 nearest-even, 1 down, 2 up, 3 toward zero. */
    public int rc() { return mxcsr >>> 13 & 3; }

    public boolean daz() { return (mxcsr & DAZ) != 0; }

    /** True when rounding, FTZ or DAZ differ from the default (the caller may take a fast path otherwise). */
    public static boolean nonDefaultControl(int mxcsr) { return (mxcsr & 0xE040) != 0; }
}
