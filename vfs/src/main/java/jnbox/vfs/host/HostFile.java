package jnbox.vfs.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Path;
import jnbox.vfs.Errno;
import jnbox.vfs.OpenFlags;
import jnbox.vfs.Stat;
import jnbox.vfs.VFile;
import jnbox.vfs.VfsException;

/**
 * An open host regular file (or other non-directory). FileChannel writes go straight to the
 * kernel, so data is in the host file when write returns. O_APPEND is emulated by moving to the
 * end before each write (not atomic against other host writers). fstat is an lstat of the path
 * it was opened at, falling back to the channel's size if the name has gone (java.nio has no
 * fstat).
 */
final class HostFile implements VFile {
    private final HostFileSystem fs;
    private final Path path;
    private final FileChannel ch;
    private final boolean readable, writable, append;

    HostFile(HostFileSystem fs, Path path, FileChannel ch, int accMode, boolean append) {
        this.fs = fs;
        this.path = path;
        this.ch = ch;
        this.readable = accMode != OpenFlags.O_WRONLY;
        this.writable = accMode == OpenFlags.O_WRONLY || accMode == OpenFlags.O_RDWR;
        this.append = append;
    }

    @Override
    public synchronized int read(byte[] buf, int off, int len) {
        if (!readable) throw new VfsException(Errno.EBADF);
        try {
            return Math.max(ch.read(ByteBuffer.wrap(buf, off, len)), 0);
        } catch (IOException e) {
            throw HostErrors.of(e);
        } catch (NonReadableChannelException e) {
            throw new VfsException(Errno.EBADF);
        }
    }

    @Override
    public synchronized int write(byte[] buf, int off, int len) {
        if (!writable) throw new VfsException(Errno.EBADF);
        try {
            if (append) ch.position(ch.size());
            return ch.write(ByteBuffer.wrap(buf, off, len));
        } catch (IOException e) {
            throw HostErrors.of(e);
        } catch (NonWritableChannelException e) {
            throw new VfsException(Errno.EBADF);
        }
    }

    @Override
    public int pread(byte[] buf, int off, int len, long pos) {
        if (!readable) throw new VfsException(Errno.EBADF);
        if (pos < 0) throw new VfsException(Errno.EINVAL);
        try {
            return Math.max(ch.read(ByteBuffer.wrap(buf, off, len), pos), 0);
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    @Override
    public int pwrite(byte[] buf, int off, int len, long pos) {
        if (!writable) throw new VfsException(Errno.EBADF);
        if (pos < 0) throw new VfsException(Errno.EINVAL);
        try {
            return ch.write(ByteBuffer.wrap(buf, off, len), pos);
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    @Override
    public synchronized long seek(long offset, int whence) {
        try {
            long base = switch (whence) {
                case 0 -> 0;
                case 1 -> ch.position();
                case 2 -> ch.size();
                default -> throw new VfsException(Errno.EINVAL);
            };
            long pos = base + offset;
            if (pos < 0) throw new VfsException(Errno.EINVAL);
            ch.position(pos);
            return pos;
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    @Override
    public Stat stat() {
        try {
            return fs.statPath(path);
        } catch (VfsException e) {
            try {
                return new Stat(0, Stat.naclMode(Stat.S_IFREG, 0600), 0, ch.size(), 0, 0, 0);
            } catch (IOException io) {
                throw HostErrors.of(io);
            }
        }
    }

    @Override
    public void truncate(long length) {
        if (!writable || length < 0) throw new VfsException(Errno.EINVAL);
        try {
            HostFileSystem.setLength(ch, length);
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    @Override
    public void sync() {
        try {
            ch.force(true);
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    @Override
    public byte[] getdents(int count) { throw new VfsException(Errno.EINVAL); }

    @Override
    public boolean isDirectory() { return false; }

    @Override
    public boolean isReadOnlyOpen() { return !writable; }

    @Override
    public void close() {
        try {
            ch.close();
        } catch (IOException e) {
            // the data was written through already; nothing left to report
        }
    }
}
