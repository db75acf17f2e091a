package jnbox.vfs;

/** open() flags (spec/nacl-abi.md §4.4, octal), and access() modes. */
public final class OpenFlags {
    public static final int O_RDONLY = 0, O_WRONLY = 01, O_RDWR = 02, O_ACCMODE = 03, O_CREAT = 0100,
            O_EXCL = 0200, O_TRUNC = 01000, O_APPEND = 02000, O_DIRECTORY = 0200000;
    /** The only flags sel_ldr passes on; the others are silently dropped (§4.2 open). */
    public static final int HONOURED = O_ACCMODE | O_CREAT | O_EXCL | O_TRUNC | O_APPEND | O_DIRECTORY;
    public static final int F_OK = 0, X_OK = 1, W_OK = 2, R_OK = 4;

    private OpenFlags() {}

    /** True when the flags need a writable mount (§7.3 open: WRONLY, RDWR, CREAT or TRUNC). */
    public static boolean needsWritable(int flags) {
        return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0;
    }
}
