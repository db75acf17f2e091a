package jnbox.syscalls.trace;

import static jnbox.vfs.Errno.*;

/**
 * Symbolic names and C-library messages of the NaCl errno values ({@link jnbox.vfs.Errno},
 * spec/nacl-abi.md §4.3: the Linux numbers), for traces.
 */
public final class ErrnoNames {
    private static final String[][] NAMES = new String[134][];

    static {
        def(EPERM, "EPERM", "Operation not permitted");
        def(ENOENT, "ENOENT", "No such file or directory");
        def(3, "ESRCH", "No such process");
        def(EINTR, "EINTR", "Interrupted system call");
        def(EIO, "EIO", "Input/output error");
        def(6, "ENXIO", "No such device or address");
        def(7, "E2BIG", "Argument list too long");
        def(8, "ENOEXEC", "Exec format error");
        def(EBADF, "EBADF", "Bad file descriptor");
        def(10, "ECHILD", "No child processes");
        def(EAGAIN, "EAGAIN", "Resource temporarily unavailable");
        def(ENOMEM, "ENOMEM", "Cannot allocate memory");
        def(EACCES, "EACCES", "Permission denied");
        def(EFAULT, "EFAULT", "Bad address");
        def(EBUSY, "EBUSY", "Device or resource busy");
        def(EEXIST, "EEXIST", "File exists");
        def(EXDEV, "EXDEV", "Invalid cross-device link");
        def(ENODEV, "ENODEV", "No such device");
        def(ENOTDIR, "ENOTDIR", "Not a directory");
        def(EISDIR, "EISDIR", "Is a directory");
        def(EINVAL, "EINVAL", "Invalid argument");
        def(ENFILE, "ENFILE", "Too many open files in system");
        def(EMFILE, "EMFILE", "Too many open files");
        def(ENOTTY, "ENOTTY", "Inappropriate ioctl for device");
        def(EFBIG, "EFBIG", "File too large");
        def(ENOSPC, "ENOSPC", "No space left on device");
        def(ESPIPE, "ESPIPE", "Illegal seek");
        def(EROFS, "EROFS", "Read-only file system");
        def(EMLINK, "EMLINK", "Too many links");
        def(EPIPE, "EPIPE", "Broken pipe");
        def(ERANGE, "ERANGE", "Numerical result out of range");
        def(35, "EDEADLK", "Resource deadlock avoided");
        def(ENAMETOOLONG, "ENAMETOOLONG", "File name too long");
        def(ENOSYS, "ENOSYS", "Function not implemented");
        def(ENOTEMPTY, "ENOTEMPTY", "Directory not empty");
        def(ELOOP, "ELOOP", "Too many levels of symbolic links");
        def(EOVERFLOW, "EOVERFLOW", "Value too large for defined data type");
        def(95, "EOPNOTSUPP", "Operation not supported");
        def(ETIMEDOUT, "ETIMEDOUT", "Connection timed out");
    }

    private ErrnoNames() {}

    private static void def(int errno, String name, String message) { NAMES[errno] = new String[] {name, message}; }

    /** "ENOENT", or "E&lt;n&gt;" for a number without a name here. */
    public static String name(int errno) {
        String[] e = errno > 0 && errno < NAMES.length ? NAMES[errno] : null;
        return e != null ? e[0] : "E" + errno;
    }

    /** The C library's text for the errno ("No such file or directory"). */
    public static String message(int errno) {
        String[] e = errno > 0 && errno < NAMES.length ? NAMES[errno] : null;
        return e != null ? e[1] : "Unknown error " + errno;
    }
}
