package jnbox.emu.unicorn;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import jnbox.emu.cpu.CpuState;

/**
 * Moves the whole architectural state between {@link CpuState} and a Unicorn instance with one
 * {@code uc_reg_write_batch} and one {@code uc_reg_read_batch} call: GPRs, RIP, RFLAGS, MXCSR,
 * x87 control/status/tag words, the eight x87 registers as 80-bit values by physical index
 * ({@code UC_X86_REG_FP0..7}, as {@link CpuState} keeps them) and YMM0..15 (all 256 bits).
 *
 * <p>Unicorn reports the full x87 tag word (2 bits per register, 3 = empty); {@link CpuState#ftw}
 * is the abridged FXSAVE form (1 bit per register, 1 = not empty), so the tags are converted.
 */
final class UnicornRegisters {
    private static final int SLOT = 32;
    private static final int I_RIP = 16, I_RFLAGS = 17, I_MXCSR = 18, I_FPCW = 19, I_FPSW = 20, I_FPTAG = 21,
            I_FP0 = 22, I_YMM0 = 30, COUNT = 46;

    private final MemorySegment ids;
    private final MemorySegment ptrs;
    private final MemorySegment vals;

    UnicornRegisters(Arena arena) {
        ids = arena.allocate(JAVA_INT, COUNT);
        ptrs = arena.allocate(ADDRESS, COUNT);
        vals = arena.allocate((long) SLOT * COUNT, 16);
        for (int i = 0; i < 16; i++) ids.setAtIndex(JAVA_INT, i, Uc.GPR[i]);
        ids.setAtIndex(JAVA_INT, I_RIP, Uc.REG_RIP);
        ids.setAtIndex(JAVA_INT, I_RFLAGS, Uc.REG_RFLAGS);
        ids.setAtIndex(JAVA_INT, I_MXCSR, Uc.REG_MXCSR);
        ids.setAtIndex(JAVA_INT, I_FPCW, Uc.REG_FPCW);
        ids.setAtIndex(JAVA_INT, I_FPSW, Uc.REG_FPSW);
        ids.setAtIndex(JAVA_INT, I_FPTAG, Uc.REG_FPTAG);
        for (int i = 0; i < 8; i++) ids.setAtIndex(JAVA_INT, I_FP0 + i, Uc.REG_FP0 + i);
        for (int i = 0; i < 16; i++) ids.setAtIndex(JAVA_INT, I_YMM0 + i, Uc.REG_YMM0 + i);
        for (int i = 0; i < COUNT; i++) ptrs.setAtIndex(ADDRESS, i, vals.asSlice((long) i * SLOT, SLOT));
    }

    private long off(int i) { return (long) i * SLOT; }

    void write(MemorySegment uc, CpuState cpu) {
        for (int i = 0; i < 16; i++) vals.set(JAVA_LONG, off(i), cpu.r[i]);
        vals.set(JAVA_LONG, off(I_RIP), cpu.rip);
        vals.set(JAVA_LONG, off(I_RFLAGS), cpu.rflags());
        vals.set(JAVA_INT, off(I_MXCSR), cpu.mxcsr);
        vals.set(JAVA_SHORT, off(I_FPCW), (short) cpu.fcw);
        vals.set(JAVA_SHORT, off(I_FPSW), (short) cpu.fsw);
        int fullTag = 0;
        for (int i = 0; i < 8; i++) if ((cpu.ftw >>> i & 1) == 0) fullTag |= 3 << (2 * i);
        vals.set(JAVA_SHORT, off(I_FPTAG), (short) fullTag);
        for (int i = 0; i < 8; i++) {
            vals.set(JAVA_LONG, off(I_FP0 + i), cpu.x87Mant[i]);
            vals.set(JAVA_SHORT, off(I_FP0 + i) + 8, (short) cpu.x87SignExp[i]);
        }
        for (int i = 0; i < 64; i++) vals.set(JAVA_LONG, off(I_YMM0 + (i >>> 2)) + 8L * (i & 3), cpu.vec[i]);
        int err;
        try {
            err = (int) UnicornLib.H.REG_WRITE_BATCH.invokeExact(uc, ids, ptrs, COUNT);
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
        if (err != Uc.ERR_OK) throw new IllegalStateException("uc_reg_write_batch: " + UnicornLib.strerror(err));
    }

    void read(MemorySegment uc, CpuState cpu) {
        int err;
        try {
            err = (int) UnicornLib.H.REG_READ_BATCH.invokeExact(uc, ids, ptrs, COUNT);
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
        if (err != Uc.ERR_OK) throw new IllegalStateException("uc_reg_read_batch: " + UnicornLib.strerror(err));
        for (int i = 0; i < 16; i++) cpu.r[i] = vals.get(JAVA_LONG, off(i));
        cpu.rip = vals.get(JAVA_LONG, off(I_RIP));
        cpu.setRflags(vals.get(JAVA_LONG, off(I_RFLAGS)));
        cpu.mxcsr = vals.get(JAVA_INT, off(I_MXCSR));
        cpu.fcw = vals.get(JAVA_SHORT, off(I_FPCW)) & 0xFFFF;
        cpu.fsw = vals.get(JAVA_SHORT, off(I_FPSW)) & 0xFFFF;
        int fullTag = vals.get(JAVA_SHORT, off(I_FPTAG)) & 0xFFFF;
        int ftw = 0;
        for (int i = 0; i < 8; i++) if ((fullTag >>> (2 * i) & 3) != 3) ftw |= 1 << i;
        cpu.ftw = ftw;
        for (int i = 0; i < 8; i++) {
            cpu.x87Mant[i] = vals.get(JAVA_LONG, off(I_FP0 + i));
            cpu.x87SignExp[i] = vals.get(JAVA_SHORT, off(I_FP0 + i) + 8) & 0xFFFF;
        }
        for (int i = 0; i < 64; i++) cpu.vec[i] = vals.get(JAVA_LONG, off(I_YMM0 + (i >>> 2)) + 8L * (i & 3));
    }

    /** Reads RIP alone (after a stop, before the full read). */
    long rip(MemorySegment uc) {
        int err;
        try {
            err = (int) UnicornLib.H.REG_READ_BATCH.invokeExact(uc, ids.asSlice(4L * I_RIP), ptrs.asSlice(8L * I_RIP), 1);
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
        if (err != Uc.ERR_OK) throw new IllegalStateException("uc_reg_read_batch: " + UnicornLib.strerror(err));
        return vals.get(JAVA_LONG, off(I_RIP));
    }
}
