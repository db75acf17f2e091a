package jnbox.vfs;

/**
 * A file operation failed with a NaCl errno ({@link Errno}). Thrown for every guest-visible
 * failure; carries no stack trace because it is ordinary control flow for the syscall layer.
 */
public final class VfsException extends RuntimeException {
    private final int errno;

    public VfsException(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }

    /** The positive NaCl errno; the syscall result is its negation. */
    public int errno() { return errno; }

    @Override
    public String getMessage() { return "errno " + errno; }
}
