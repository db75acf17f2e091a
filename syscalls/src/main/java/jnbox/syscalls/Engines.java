package jnbox.syscalls;

import java.util.function.Function;
import jnbox.emu.engine.Engine;
import jnbox.emu.interp.Interpreter;
import jnbox.emu.mem.SandboxMemory;

/** The execution engines a run can use. */
public final class Engines {
    private Engines() {}

    /** The Java interpreter: the default engine. */
    public static Function<SandboxMemory, Engine> interpreter() { return Interpreter::new; }
}
