package jnbox.emu.lockstep;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Exit;

/**
 * Where one engine (or the host CPU) stopped and the state it left: the exit kind, signal and pc
 * (sys address), the registers and the data bytes. A finished sequence stops at its {@code hlt}
 * with SIGSEGV (hlt is privileged in user mode, as sel_ldr reports it).
 */
public record Result(Exit.Kind kind, int signal, long pc, CpuState cpu, byte[] data) {
    public String exitText() {
        return kind + (signal != 0 ? "/" + signal : "") + " at +" + Long.toHexString(pc - Layout.sys(Layout.CODE));
    }
}
