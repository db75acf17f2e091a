package jnbox.syscalls.calls;

import jnbox.vfs.Errno;
import jnbox.syscalls.SyscallException;
import jnbox.syscalls.run.NaclProcess;
import jnbox.syscalls.table.SyscallArgs;
import jnbox.vfs.Stat;
import jnbox.vfs.VFile;

/** Syscalls on file descriptors (spec/nacl-abi.md §4.2, §4.5). */
public final class FileCalls {
    /** Largest count read/write honour ({@code INT32_MAX}, §4.2). */
    public static final long MAX_IO = Integer.MAX_VALUE;
    /** Bytes moved per host call; a longer write is done in pieces, a longer read returns short. */
    static final int CHUNK = 1 << 20;

    /** The inode fstat reports when file access is disabled ("NaCl" in ASCII, §4.2). */
    public static final long FAKE_INO = 0x6C43614EL;

    private FileCalls() {}

    /** null (1): does nothing (§4.2). */
    public static int nullCall(NaclProcess p, SyscallArgs a) { return 0; }

    /** dup (8): the lowest free fd sharing the file (§4.2). */
    public static int dup(NaclProcess p, SyscallArgs a) {
        return p.fds().allocate(p.fds().get(a.fd(0)));
    }

    /** dup2 (9): EINVAL for newfd outside [0, 4096), EBADF for a bad oldfd (§4.2). */
    public static int dup2(NaclProcess p, SyscallArgs a) {
        int newfd = a.fd(1);
        if (newfd < 0 || newfd >= jnbox.syscalls.fd.FdTable.MAX_FD) throw new SyscallException(Errno.EINVAL);
        p.fds().put(newfd, p.fds().get(a.fd(0)));
        return newfd;
    }

    /** close (11) (§4.2). */
    public static int close(NaclProcess p, SyscallArgs a) {
        p.fds().close(a.fd(0));
        return 0;
    }

    /** read (12): count clamped to 2^31−1; EBADF before EFAULT (§4.2). */
    public static int read(NaclProcess p, SyscallArgs a) {
        VFile f = p.fds().get(a.fd(0));
        long buf = a.ptr(1);
        int count = (int) Math.min(a.len(2), MAX_IO);
        p.user().checkWritable(buf, count);
        byte[] b = new byte[Math.min(count, CHUNK)];
        int n = f.read(b, 0, b.length);
        p.user().write(buf, b, 0, n);
        return n;
    }

    /** write (13): count clamped to 2^31−1; EBADF before EFAULT (§4.2). */
    public static int write(NaclProcess p, SyscallArgs a) {
        VFile f = p.fds().get(a.fd(0));
        long buf = a.ptr(1);
        int count = (int) Math.min(a.len(2), MAX_IO);
        p.user().checkReadable(buf, count);
        int done = 0;
        while (done < count) {
            int len = Math.min(count - done, CHUNK);
            int n = f.write(p.user().read(buf + done, len), 0, len);
            done += n;
            if (n < len) break;
        }
        return done;
    }

    /** lseek (14): the 64-bit offset goes in and out through a pointer (§4.2). */
    public static int lseek(NaclProcess p, SyscallArgs a) {
        VFile f = p.fds().get(a.fd(0));
        long offp = a.ptr(1);
        long off = p.user().readI64(offp);
        int whence = a.i32(2);
        if (whence < 0 || whence > 2) throw new SyscallException(Errno.EINVAL);
        p.user().checkWritable(offp, 8);
        p.user().writeI64(offp, f.seek(off, whence));
        return 0;
    }

    /** fstat (17): st_ino is the fake inode when file access is disabled (§4.2). */
    public static int fstat(NaclProcess p, SyscallArgs a) {
        Stat st = p.fds().get(a.fd(0)).stat();
        if (!p.fileAccess()) st = new Stat(FAKE_INO, st.mode(), st.nlink(), st.size(), st.atime(), st.mtime(), st.ctime());
        byte[] b = st.toBytes();
        p.user().write(a.ptr(1), b, 0, b.length);
        return 0;
    }

    /** isatty (19): needs -a, which jnbox does not have, so always EACCES as under -m (§4.2). */
    public static int isatty(NaclProcess p, SyscallArgs a) {
        throw new SyscallException(Errno.EACCES);
    }

    /**
     * getdents (23): nacl_abi_dirent records (§4.5) into buf; buf must be 8-aligned (EINVAL);
     * needs file access; 0 at the end of the directory.
     */
    public static int getdents(NaclProcess p, SyscallArgs a) {
        VFile f = p.fds().get(a.fd(0));
        p.files(); // EACCES when the process has no file system at all (§4.2: needs file access)
        long buf = a.ptr(1);
        int count = (int) Math.min(a.len(2), MAX_IO);
        if ((buf & 7) != 0) throw new SyscallException(Errno.EINVAL);
        p.user().checkWritable(buf, count);
        byte[] records = f.getdents(Math.min(count, CHUNK));
        p.user().write(buf, records, 0, records.length);
        return records.length;
    }

    /** fsync (26), fdatasync (27): 0 for a valid fd; writes already reach the host (§4.2). */
    public static int fsync(NaclProcess p, SyscallArgs a) {
        p.fds().get(a.fd(0));
        return 0;
    }

    /** fchmod (28): owner bits only in sel_ldr; jnbox never changes host permissions (EACCES, as its chmod). */
    public static int fchmod(NaclProcess p, SyscallArgs a) {
        p.fds().get(a.fd(0));
        throw new SyscallException(Errno.EACCES);
    }

    /** fchdir (50): the cwd becomes the open directory (ENOTDIR for a file) (§4.2). */
    public static int fchdir(NaclProcess p, SyscallArgs a) {
        VFile f = p.fds().get(a.fd(0));
        p.files().fchdir(f);
        return 0;
    }

    /** ftruncate (52): the 64-bit length comes through a pointer (§4.1). */
    public static int ftruncate(NaclProcess p, SyscallArgs a) {
        VFile f = p.fds().get(a.fd(0));
        f.truncate(p.user().readI64(a.ptr(1)));
        return 0;
    }

    /** pread (130): like read at *offp, without moving the offset (§4.2). */
    public static int pread(NaclProcess p, SyscallArgs a) {
        VFile f = p.fds().get(a.fd(0));
        long buf = a.ptr(1);
        int count = (int) Math.min(a.len(2), MAX_IO);
        long pos = p.user().readI64(a.ptr(3));
        p.user().checkWritable(buf, count);
        byte[] b = new byte[Math.min(count, CHUNK)];
        int n = f.pread(b, 0, b.length, pos);
        p.user().write(buf, b, 0, n);
        return n;
    }

    /** pwrite (131): like write at *offp, without moving the offset (§4.2). */
    public static int pwrite(NaclProcess p, SyscallArgs a) {
        VFile f = p.fds().get(a.fd(0));
        long buf = a.ptr(1);
        int count = (int) Math.min(a.len(2), MAX_IO);
        long pos = p.user().readI64(a.ptr(3));
        p.user().checkReadable(buf, count);
        int done = 0;
        while (done < count) {
            int len = Math.min(count - done, CHUNK);
            int n = f.pwrite(p.user().read(buf + done, len), 0, len, pos + done);
            done += n;
            if (n < len) break;
        }
        return done;
    }
}
