package jnbox.syscalls.table;

import java.util.Objects;

/**
 * One row of the syscall table: the number of spec/nacl-abi.md §4.2, sel_ldr's name, the
 * handler, how far it is supported, a note for anything less than full support, and the trace
 * signature.
 */
public record SyscallEntry(int number, String name, SyscallHandler handler, Support support, String note, TraceSpec trace) {
    public SyscallEntry {
        Objects.requireNonNull(name);
        Objects.requireNonNull(handler);
        Objects.requireNonNull(support);
        Objects.requireNonNull(trace);
        note = note == null ? "" : note;
    }

    /** User address of this syscall's trampoline (0x10000 + 32·N, §2). */
    public long trampoline() { return 0x10000L + 32L * number; }
}
