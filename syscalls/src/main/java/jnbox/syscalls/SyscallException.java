package jnbox.syscalls;

import jnbox.syscalls.trace.ErrnoNames;

/**
 * A syscall's refusal: the handler stops and the guest gets {@code -errno} in eax
 * (spec/nacl-abi.md §4.1). Control flow on the guest's behalf, so it carries no stack trace.
 */
public final class SyscallException extends RuntimeException {
    private final int errno;

    public SyscallException(int errno) {
        super(ErrnoNames.name(errno), null, false, false);
        this.errno = errno;
    }

    /** The positive NaCl errno value (§4.3). */
    public int errno() { return errno; }
}
