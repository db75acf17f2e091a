package jnbox.syscalls;

import java.util.ArrayDeque;
import java.util.Deque;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.SandboxMemory;

/**
 * A stand-in engine for runtime tests: instead of executing guest code, each {@link #run} plays
 * the next scripted step, usually "the guest calls syscall N with these arguments", so the
 * runtime's loop, gate, table and exit handling are tested without an interpreter.
 */
final class ScriptedEngine implements Engine {
    /** One step: changes the CPU as guest code would and says why the engine stopped. */
    interface Step { Exit play(CpuState cpu, SandboxMemory mem, long budget); }

    private final SandboxMemory memory;
    private final Deque<Step> steps = new ArrayDeque<>();

    ScriptedEngine(SandboxMemory memory) { this.memory = memory; }

    ScriptedEngine then(Step s) { steps.add(s); return this; }

    /** A step that calls syscall {@code n} as `call 0x10000+32n` from the entry bundle would, after {@code insns} instructions. */
    static Step syscall(int n, long insns, long... args) {
        return (cpu, mem, budget) -> {
            int[] regs = {CpuState.RDI, CpuState.RSI, CpuState.RDX, CpuState.RCX, CpuState.R8, CpuState.R9};
            for (int i = 0; i < args.length; i++) cpu.r[regs[i]] = args[i];
            long ret = cpu.rip + 0x1b;                    // some address inside the current bundle
            cpu.r[CpuState.RSP] -= 8;
            mem.write64(cpu.r[CpuState.RSP], ret);
            cpu.icount += insns;
            cpu.rip = SandboxMemory.BASE + 0x10000 + 32L * n;
            return Exit.syscall(cpu.rip);
        };
    }

    @Override
    public Exit run(CpuState cpu, long budget) {
        Step s = steps.poll();
        if (s == null) throw new IllegalStateException("script exhausted");
        return s.play(cpu, memory, budget);
    }

    @Override public void interrupt() {}

    @Override public String name() { return "scripted"; }

    @Override public SandboxMemory memory() { return memory; }
}
