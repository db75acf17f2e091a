package jnbox.syscalls.table;

import jnbox.syscalls.run.NaclProcess;

/**
 * The Java side of one NaCl syscall. Returns the value for eax: ≥ 0 on success, or a negative
 * errno; may instead throw {@link jnbox.syscalls.SyscallException} with the errno.
 */
@FunctionalInterface
public interface SyscallHandler {
    int call(NaclProcess process, SyscallArgs args);
}
