package jnbox.syscalls.table;

/** How far jnbox implements a syscall (the "support level" column of {@code jnbox syscalls}). */
public enum Support {
    /** Behaves as sel_ldr's does for a single-threaded program. */
    FULL,
    /** Implemented with documented differences (see the row's note). */
    PARTIAL,
    /** Registered by sel_ldr but not by jnbox yet: returns -ENOSYS. */
    NONE
}
