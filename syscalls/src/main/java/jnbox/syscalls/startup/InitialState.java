package jnbox.syscalls.startup;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.mem.SandboxMemory;

/** The main thread's registers at its first instruction (spec/nacl-abi.md §3.2). */
public final class InitialState {
    private InitialState() {}

    /**
     * Sets every register of {@code cpu} as sel_ldr's switch to untrusted code leaves it, for a
     * start at user address {@code entry} with the startup block at user address {@code block}
     * (the 8 bytes below it, the dummy return address, must be zero in memory).
     */
    public static void apply(CpuState cpu, long entry, long block) {
        CpuState fresh = new CpuState();
        long rsp = SandboxMemory.BASE + block - 8;
        fresh.r[CpuState.RSP] = rsp;
        fresh.r[CpuState.RBP] = rsp;
        fresh.r[CpuState.RDI] = (rsp + 8) & 0xFFFF_FFFFL;
        fresh.r[CpuState.R11] = SandboxMemory.BASE + entry;
        fresh.r[CpuState.R15] = SandboxMemory.BASE;
        fresh.rip = SandboxMemory.BASE + entry;
        // as left by `xor edx,edx` in the switch code
        fresh.setRflags(CpuState.ZF | CpuState.PF);
        fresh.fcw = 0x037F;
        fresh.mxcsr = 0x1F80;
        cpu.copyFrom(fresh);
    }
}
