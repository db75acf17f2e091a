package jnbox.syscalls.fd;

import jnbox.vfs.Errno;
import jnbox.syscalls.SyscallException;
import jnbox.vfs.VFile;

/**
 * The guest's descriptor table: NaCl fds 0..4095 ({@code NACL_MAX_FD}, spec/nacl-abi.md §4.4),
 * each naming an {@link VFile} that several fds may share after dup. A file is closed when
 * its last fd goes.
 */
public final class FdTable {
    public static final int MAX_FD = 4096;

    private final VFile[] fds = new VFile[MAX_FD];

    /** The file behind {@code fd}; EBADF when none. */
    public VFile get(int fd) {
        if (fd < 0 || fd >= MAX_FD || fds[fd] == null) throw new SyscallException(Errno.EBADF);
        return fds[fd];
    }

    /** Installs {@code f} at the lowest free fd; EMFILE when the table is full. */
    public int allocate(VFile f) {
        for (int i = 0; i < MAX_FD; i++) {
            if (fds[i] == null) {
                fds[i] = f;
                return i;
            }
        }
        throw new SyscallException(Errno.EMFILE);
    }

    /** Installs {@code f} at {@code fd}, closing what was there (dup2, start-up redirections). */
    public void put(int fd, VFile f) {
        if (fd < 0 || fd >= MAX_FD) throw new SyscallException(Errno.EINVAL);
        VFile old = fds[fd];
        fds[fd] = f;
        if (old != null && old != f) release(old);
    }

    public void close(int fd) {
        VFile f = get(fd);
        fds[fd] = null;
        release(f);
    }

    /** Closes every fd (process exit). */
    public void closeAll() {
        for (int i = 0; i < MAX_FD; i++) {
            if (fds[i] != null) close(i);
        }
    }

    private void release(VFile f) {
        for (VFile o : fds) if (o == f) return;
        f.close();
    }
}
