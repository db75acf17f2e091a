package jnbox.syscalls.fd;

import jnbox.vfs.Errno;
import jnbox.vfs.Stat;
import jnbox.vfs.VFile;
import jnbox.vfs.VfsException;

/**
 * Base of the fds over Java streams (the guest's stdin, stdout, stderr): not seekable (ESPIPE),
 * no positional I/O, and a character device to fstat, like a terminal under sel_ldr.
 */
abstract class StreamFile implements VFile {
    private final long ino;

    StreamFile(long ino) { this.ino = ino; }

    @Override public int read(byte[] buf, int off, int len) { throw new VfsException(Errno.EBADF); }

    @Override public int write(byte[] buf, int off, int len) { throw new VfsException(Errno.EBADF); }

    @Override public int pread(byte[] buf, int off, int len, long pos) { throw new VfsException(Errno.ESPIPE); }

    @Override public int pwrite(byte[] buf, int off, int len, long pos) { throw new VfsException(Errno.ESPIPE); }

    @Override public long seek(long offset, int whence) { throw new VfsException(Errno.ESPIPE); }

    @Override public Stat stat() { return new Stat(ino, Stat.naclMode(Stat.S_IFCHR, 0600), 1, 0, 0, 0, 0); }

    @Override public void truncate(long length) { throw new VfsException(Errno.EINVAL); }

    @Override public void sync() {}

    @Override public byte[] getdents(int count) { throw new VfsException(Errno.EINVAL); }

    @Override public boolean isDirectory() { return false; }

    @Override public boolean isReadOnlyOpen() { return false; }

    @Override public void close() {}
}
