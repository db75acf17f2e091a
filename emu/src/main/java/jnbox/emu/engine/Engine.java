package jnbox.emu.engine;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.mem.SandboxMemory;

/**
 * Something that executes guest code: the Java interpreter, the bytecode translator, Unicorn.
 * One engine instance serves one guest thread; the memory is shared between threads.
 *
 * <p>{@link #run} executes from {@code cpu.rip} until a syscall trampoline is reached, a fault
 * happens, or {@code budget} instructions have retired, and returns why. On return
 * {@code cpu} holds the exact architectural state: for SYSCALL, rip is the trampoline
 * address and nothing of the trampoline has executed; for FAULT, rip is the faulting
 * instruction and its effects are not committed; {@code cpu.icount} counts retired instructions.
 */
public interface Engine {
    /** User addresses [TRAMPOLINE_START, TRAMPOLINE_END) hold the syscall trampolines (§2). */
    long TRAMPOLINE_START = 0x10000;
    long TRAMPOLINE_END = 0x20000;

    Exit run(CpuState cpu, long budget);

    /** Asks a running {@link #run} to return INTERRUPTED soon (from another thread). */
    void interrupt();

    /** Tells the engine that code in [user, user+len) changed (dyncode); drop cached decodes. */
    default void invalidateCode(long user, long len) {}

    String name();

    SandboxMemory memory();
}
