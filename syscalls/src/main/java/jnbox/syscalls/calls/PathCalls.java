package jnbox.syscalls.calls;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import jnbox.syscalls.SyscallException;
import jnbox.syscalls.run.NaclProcess;
import jnbox.syscalls.table.SyscallArgs;
import jnbox.vfs.Errno;
import jnbox.vfs.OpenFlags;
import jnbox.vfs.Stat;
import jnbox.vfs.VFile;

/**
 * Syscalls that name files by path (spec/nacl-abi.md §4.2; per-call rules §7.3). Each reads
 * and length-checks the path, then asks the mounts ({@link jnbox.vfs.Vfs}); without mounts
 * every one fails with EACCES (§4.10).
 */
public final class PathCalls {
    private PathCalls() {}

    /** open (10): flags reduced to the six sel_ldr keeps, mode to owner read/write (§4.2, §7.3). */
    public static int open(NaclProcess p, SyscallArgs a) {
        String path = p.user().path(a.ptr(0));
        VFile f = p.files().open(path, a.i32(1) & OpenFlags.HONOURED, a.i32(2) & 0600);
        try {
            return p.fds().allocate(f);
        } catch (SyscallException e) {
            f.close();
            throw e;
        }
    }

    /** stat (16): follows a final symlink; needs file access (§4.2). */
    public static int stat(NaclProcess p, SyscallArgs a) {
        String path = p.user().path(a.ptr(0));
        Stat st = p.files().stat(path);
        byte[] b = st.toBytes();
        p.user().write(a.ptr(1), b, 0, b.length);
        return 0;
    }

    /** mkdir (45): on a writable mount; a final symlink is EEXIST (§7.3). */
    public static int mkdir(NaclProcess p, SyscallArgs a) {
        p.files().mkdir(p.user().path(a.ptr(0)), a.i32(1));
        return 0;
    }

    /** rmdir (46) (§7.3). */
    public static int rmdir(NaclProcess p, SyscallArgs a) {
        p.files().rmdir(p.user().path(a.ptr(0)));
        return 0;
    }

    /** chdir (47) (§7.3). */
    public static int chdir(NaclProcess p, SyscallArgs a) {
        p.files().chdir(p.user().path(a.ptr(0)));
        return 0;
    }

    /** getcwd (48): 0 on success (not a length); len ≤ 0 EINVAL, too small ERANGE (§4.2). */
    public static int getcwd(NaclProcess p, SyscallArgs a) {
        int len = a.i32(1);
        if (len <= 0) throw new SyscallException(Errno.EINVAL);
        byte[] cwd = p.files().getcwd().getBytes(StandardCharsets.UTF_8);
        if (cwd.length + 1 > len) throw new SyscallException(Errno.ERANGE);
        byte[] z = java.util.Arrays.copyOf(cwd, cwd.length + 1);
        p.user().write(a.ptr(0), z, 0, z.length);
        return 0;
    }

    /** unlink (49): a final symlink is removed, not followed (§7.3). */
    public static int unlink(NaclProcess p, SyscallArgs a) {
        p.files().unlink(p.user().path(a.ptr(0)));
        return 0;
    }

    /** rename (143): directories and symlinks cannot be renamed under -m (EACCES, §7.3). */
    public static int rename(NaclProcess p, SyscallArgs a) {
        String from = p.user().path(a.ptr(0));
        String to = p.user().path(a.ptr(1));
        p.files().rename(from, to);
        return 0;
    }

    /** lstat (141): a final symlink is not followed (§7.3). */
    public static int lstat(NaclProcess p, SyscallArgs a) {
        Stat st = p.files().lstat(p.user().path(a.ptr(0)));
        byte[] b = st.toBytes();
        p.user().write(a.ptr(1), b, 0, b.length);
        return 0;
    }

    /** truncate (140): the 64-bit length comes through a pointer (§4.1). */
    public static int truncate(NaclProcess p, SyscallArgs a) {
        String path = p.user().path(a.ptr(0));
        p.files().truncate(path, p.user().readI64(a.ptr(1)));
        return 0;
    }

    /** link (142) (§7.3). */
    public static int link(NaclProcess p, SyscallArgs a) {
        String from = p.user().path(a.ptr(0));
        String to = p.user().path(a.ptr(1));
        p.files().link(from, to);
        return 0;
    }

    /** symlink (144): always EACCES under mounts, before the paths are looked at (§7.3). */
    public static int symlink(NaclProcess p, SyscallArgs a) {
        p.files().symlink(null, null);
        return 0;
    }

    /** chmod (18): jnbox never changes host permissions: EACCES. */
    public static int chmod(NaclProcess p, SyscallArgs a) {
        p.files().chmod(p.user().path(a.ptr(0)), a.i32(1));
        return 0;
    }

    /** access (145): amode F_OK or a subset of R_OK|W_OK|X_OK, else EINVAL (§4.2). */
    public static int access(NaclProcess p, SyscallArgs a) {
        p.files().access(p.user().path(a.ptr(0)), a.i32(1));
        return 0;
    }

    /** readlink (146): the raw target, no NUL, cut to bufsize; returns the count (§4.2). */
    public static int readlink(NaclProcess p, SyscallArgs a) {
        byte[] target = p.files().readlink(p.user().path(a.ptr(0))).getBytes(StandardCharsets.UTF_8);
        if (target.length >= 1024) throw new SyscallException(Errno.ENAMETOOLONG);
        int n = (int) Math.min(target.length, a.len(2));
        p.user().write(a.ptr(1), target, 0, n);
        return n;
    }

    /** utimes (147): two nacl_abi_timeval (access, modification) or 0 for now (§4.2, §4.5). */
    public static int utimes(NaclProcess p, SyscallArgs a) {
        String path = p.user().path(a.ptr(0));
        Instant atime = null, mtime = null;
        if (a.ptr(1) != 0) {
            atime = timeval(p, a.ptr(1));
            mtime = timeval(p, a.ptr(1) + 16);
        }
        p.files().utimes(path, atime, mtime);
        return 0;
    }

    private static Instant timeval(NaclProcess p, long ptr) {
        long sec = p.user().readI64(ptr);
        int usec = p.user().readI32(ptr + 8);
        if (usec < 0 || usec >= 1_000_000) throw new SyscallException(Errno.EINVAL);
        return Instant.ofEpochSecond(sec, usec * 1000L);
    }
}
