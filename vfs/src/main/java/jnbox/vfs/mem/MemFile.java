package jnbox.vfs.mem;

import jnbox.vfs.Errno;
import jnbox.vfs.OpenFlags;
import jnbox.vfs.Stat;
import jnbox.vfs.VFile;
import jnbox.vfs.VfsException;

/** An open regular file of a {@link MemoryFileSystem}; every access holds the file system's monitor. */
final class MemFile implements VFile {
    private final MemoryFileSystem fs;
    private final MemoryFileSystem.File f;
    private final boolean readable, writable, append;
    private long offset;

    MemFile(MemoryFileSystem fs, MemoryFileSystem.File f, int accMode, boolean append) {
        this.fs = fs;
        this.f = f;
        this.readable = accMode != OpenFlags.O_WRONLY;
        this.writable = accMode == OpenFlags.O_WRONLY || accMode == OpenFlags.O_RDWR;
        this.append = append;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        synchronized (fs) {
            int n = pread(buf, off, len, offset);
            offset += n;
            return n;
        }
    }

    @Override
    public int write(byte[] buf, int off, int len) {
        synchronized (fs) {
            if (append) offset = f.length;
            int n = pwrite(buf, off, len, offset);
            offset += n;
            return n;
        }
    }

    @Override
    public int pread(byte[] buf, int off, int len, long pos) {
        synchronized (fs) {
            if (!readable) throw new VfsException(Errno.EBADF);
            if (pos < 0) throw new VfsException(Errno.EINVAL);
            if (pos >= f.length) return 0;
            int n = (int) Math.min(len, f.length - pos);
            System.arraycopy(f.data, (int) pos, buf, off, n);
            return n;
        }
    }

    @Override
    public int pwrite(byte[] buf, int off, int len, long pos) {
        synchronized (fs) {
            if (!writable) throw new VfsException(Errno.EBADF);
            if (pos < 0) throw new VfsException(Errno.EINVAL);
            return fs.writeAt(f, buf, off, len, pos);
        }
    }

    @Override
    public long seek(long off, int whence) {
        synchronized (fs) {
            long base = switch (whence) {
                case 0 -> 0;
                case 1 -> offset;
                case 2 -> f.length;
                default -> throw new VfsException(Errno.EINVAL);
            };
            long pos = base + off;
            if (pos < 0) throw new VfsException(Errno.EINVAL);
            offset = pos;
            return pos;
        }
    }

    @Override
    public Stat stat() {
        synchronized (fs) {
            return MemoryFileSystem.statOfFile(f);
        }
    }

    @Override
    public void truncate(long length) {
        synchronized (fs) {
            if (!writable || length < 0) throw new VfsException(Errno.EINVAL);
            fs.resize(f, length);
        }
    }

    @Override
    public void sync() {}

    @Override
    public byte[] getdents(int count) { throw new VfsException(Errno.EINVAL); }

    @Override
    public boolean isDirectory() { return false; }

    @Override
    public boolean isReadOnlyOpen() { return !writable; }

    @Override
    public void close() {}
}
