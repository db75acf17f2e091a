package jnbox.emu.lockstep;

import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;

/**
 * Where a lockstep sequence lives, in user addresses, for both engines and the host harness
 * ({@code host_harness.c} maps the same sys addresses on the real CPU): code at {@link #CODE}
 * (one page, bundle aligned, as NaCl's text starts at 0x20000) and {@link #DATA_LEN} bytes of data
 * at {@link #DATA}. r15 holds {@link SandboxMemory#BASE}; rsp and rbp point into the data
 * (at {@link #RSP} and {@link #RBP}) so that NaCl's rsp/rbp-based addressing stays in it.
 */
public final class Layout {
    private Layout() {}

    /** A fresh sandbox memory with the code (RX) and data (RW) regions of this layout mapped. */
    public static SandboxMemory newMemory() {
        SandboxMemory m = new SandboxMemory();
        m.map(CODE, CODE_LEN, Prot.RX);
        m.map(DATA, DATA_LEN, Prot.RW);
        return m;
    }

    public static final long CODE = 0x20000;
    public static final int CODE_LEN = 0x1000;
    public static final long DATA = 0x40000;
    public static final int DATA_LEN = 0x2000;
    /** Data reached through {@code disp32(%r15)} and {@code disp32(%r15,%idx,s)}: the first page. */
    public static final int R15_WINDOW = 0x1000;
    public static final long RSP = DATA + 0x1800;
    public static final long RBP = DATA + 0x1400;

    public static long sys(long user) { return SandboxMemory.BASE + user; }
}
