package jnbox.syscalls.fd;

import jnbox.vfs.Errno;
import jnbox.vfs.Stat;
import jnbox.vfs.VFile;
import jnbox.vfs.VfsException;

/**
 * A mutex, condition variable or semaphore made by mutex_create, cond_create or sem_create: it
 * lives in the fd table, as in sel_ldr (spec/nacl-abi.md §4.2), and close destroys it. With one
 * guest thread the state is a plain counter: the lock holder count or the semaphore value.
 */
public final class SyncHandle implements VFile {
    /** NaCl's file types for the three kinds (§4.4: S_IFMUTEX, S_IFCOND, S_IFSEMA). */
    public enum Kind {
        MUTEX(0250000), COND(0260000), SEMAPHORE(0270000);

        final int type;

        Kind(int type) { this.type = type; }
    }

    private final Kind kind;
    /** Mutex: 1 when locked. Semaphore: its value. */
    public int value;

    public SyncHandle(Kind kind, int value) {
        this.kind = kind;
        this.value = value;
    }

    public Kind kind() { return kind; }

    @Override public int read(byte[] buf, int off, int len) { throw new VfsException(Errno.EINVAL); }

    @Override public int write(byte[] buf, int off, int len) { throw new VfsException(Errno.EINVAL); }

    @Override public int pread(byte[] buf, int off, int len, long pos) { throw new VfsException(Errno.EINVAL); }

    @Override public int pwrite(byte[] buf, int off, int len, long pos) { throw new VfsException(Errno.EINVAL); }

    @Override public long seek(long offset, int whence) { throw new VfsException(Errno.ESPIPE); }

    @Override public Stat stat() { return new Stat(0, kind.type, 1, 0, 0, 0, 0); }

    @Override public void truncate(long length) { throw new VfsException(Errno.EINVAL); }

    @Override public void sync() { throw new VfsException(Errno.EINVAL); }

    @Override public byte[] getdents(int count) { throw new VfsException(Errno.EINVAL); }

    @Override public boolean isDirectory() { return false; }

    @Override public boolean isReadOnlyOpen() { return false; }

    @Override public void close() {}
}
