package jnbox.testdata;

import java.util.ArrayList;
import java.util.List;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.SandboxMemory;

/**
 * Delegates to an engine and keeps a copy of the CPU state at every stop it reports to the runtime:
 * each syscall (rip at the trampoline, before the runtime touches any register), each instruction
 * budget slice and the final fault. Two runs of one program on two engines must record the same list.
 */
final class RecordingEngine implements Engine {

    /** One stop: how the engine stopped and the whole CPU state then. */
    record Stop(Exit.Kind kind, int signal, long pc, CpuState cpu) { }

    private final Engine engine;
    private final List<Stop> stops = new ArrayList<>();

    RecordingEngine(Engine engine) {
        this.engine = engine;
    }

    Engine engine() {
        return engine;
    }

    List<Stop> stops() {
        return stops;
    }

    @Override
    public Exit run(CpuState cpu, long budget) {
        Exit e = engine.run(cpu, budget);
        CpuState copy = new CpuState();
        copy.copyFrom(cpu);
        stops.add(new Stop(e.kind(), e.signal(), e.pc(), copy));
        return e;
    }

    @Override
    public void interrupt() {
        engine.interrupt();
    }

    @Override
    public void invalidateCode(long user, long len) {
        engine.invalidateCode(user, len);
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public SandboxMemory memory() {
        return engine.memory();
    }
}
