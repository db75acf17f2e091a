package jnbox.emu.engine;

/**
 * Why an engine returned control to the runtime.
 *
 * @param kind   the reason
 * @param pc     sys address of the instruction that stopped the run (for SYSCALL: the trampoline
 *               address that was about to execute)
 * @param signal POSIX signal for FAULT (11, 8, 4...), 0 otherwise
 * @param detail a short human text: the mnemonic for UNIMPLEMENTED, the fault for FAULT
 */
public record Exit(Kind kind, long pc, int signal, String detail) {
    public enum Kind {
        /** Control reached the trampoline region (user 0x10000..0x1FFFF): a NaCl syscall. */
        SYSCALL,
        /** A hardware exception in guest code (including hlt, #DE, bad memory). */
        FAULT,
        /** The instruction budget given to {@link Engine#run} ran out. */
        BUDGET,
        /** An instruction decodes but this engine does not execute it yet. */
        UNIMPLEMENTED,
        /** Another thread asked this one to stop (exit, kill). */
        INTERRUPTED
    }

    public static Exit syscall(long pc) { return new Exit(Kind.SYSCALL, pc, 0, null); }

    public static Exit fault(long pc, int signal, String detail) { return new Exit(Kind.FAULT, pc, signal, detail); }

    public static Exit budget(long pc) { return new Exit(Kind.BUDGET, pc, 0, null); }

    public static Exit unimplemented(long pc, String mnemonic) { return new Exit(Kind.UNIMPLEMENTED, pc, 0, mnemonic); }
}
