package jnbox.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.SandboxMemory;
import jnbox.emu.unicorn.UnicornEngine;
import jnbox.syscalls.Engines;

/**
 * The engines {@code --engine} can name, and the engines one run created. The runtime never
 * closes an engine ({@code Sandbox} only asks the factory for one), so {@link Session} keeps
 * them and releases Unicorn's native instance when the run is over; it also keeps the CPU state
 * the engine ran, for the guest instruction count.
 */
public enum EngineChoice {
    JAVA("java", Engines.interpreter()),
    UNICORN("unicorn", UnicornEngine::new);

    public final String label;
    private final Function<SandboxMemory, Engine> factory;

    EngineChoice(String label, Function<SandboxMemory, Engine> factory) {
        this.label = label;
        this.factory = factory;
    }

    /** The engine named {@code name} (case-insensitive), or null. */
    public static EngineChoice named(String name) {
        for (EngineChoice c : values()) if (c.label.equalsIgnoreCase(name)) return c;
        return null;
    }

    /** Null when the engine can run here, else a one-line reason (Unicorn: the missing library). */
    public String unavailableReason() {
        return this == UNICORN && !UnicornEngine.isAvailable() ? UnicornEngine.unavailableReason() : null;
    }

    /** Engines created for one run; close it after the run. */
    public Session session() { return new Session(this); }

    public static final class Session implements AutoCloseable {
        private final EngineChoice choice;
        private final List<Tracked> engines = new ArrayList<>();

        private Session(EngineChoice choice) { this.choice = choice; }

        /** The factory for {@code SandboxConfig.Builder.engine}. */
        public Function<SandboxMemory, Engine> factory() {
            return mem -> {
                Tracked t = new Tracked(choice.factory.apply(mem));
                synchronized (engines) { engines.add(t); }
                return t;
            };
        }

        /** Guest instructions retired by every engine of the run. */
        public long instructions() {
            synchronized (engines) {
                long n = 0;
                for (Tracked t : engines) if (t.cpu != null) n += t.cpu.icount;
                return n;
            }
        }

        @Override
        public void close() {
            synchronized (engines) {
                for (Tracked t : engines) if (t.engine instanceof AutoCloseable c) closeQuietly(c);
                engines.clear();
            }
        }

        private static void closeQuietly(AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // releasing native memory at the end of a run; nothing the user can act on
            }
        }
    }

    /** Delegates to the engine and remembers the CPU state it runs (one call per slice or syscall). */
    private static final class Tracked implements Engine {
        final Engine engine;
        volatile CpuState cpu;

        Tracked(Engine engine) { this.engine = engine; }

        @Override
        public Exit run(CpuState state, long budget) {
            cpu = state;
            return engine.run(state, budget);
        }

        @Override
        public void interrupt() { engine.interrupt(); }

        @Override
        public void invalidateCode(long user, long len) { engine.invalidateCode(user, len); }

        @Override
        public String name() { return engine.name(); }

        @Override
        public SandboxMemory memory() { return engine.memory(); }
    }
}
