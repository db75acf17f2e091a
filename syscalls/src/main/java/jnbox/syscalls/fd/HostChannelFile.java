package jnbox.syscalls.fd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import jnbox.vfs.Errno;
import jnbox.vfs.Stat;
import jnbox.vfs.VFile;
import jnbox.vfs.VfsException;

/**
 * An fd over a host file the user named on the command line ({@code -r/-w/-h d:file}, spec
 * §6.1). It is not a guest path, so no mount applies. Reads and writes move a shared offset.
 */
public final class HostChannelFile implements VFile {
    private final FileChannel ch;
    private final boolean readable, writable;

    public HostChannelFile(FileChannel ch, boolean readable, boolean writable) {
        this.ch = ch;
        this.readable = readable;
        this.writable = writable;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        if (!readable) throw new VfsException(Errno.EBADF);
        try {
            return Math.max(ch.read(ByteBuffer.wrap(buf, off, len)), 0);
        } catch (IOException e) {
            throw new VfsException(Errno.EIO);
        }
    }

    @Override
    public int write(byte[] buf, int off, int len) {
        if (!writable) throw new VfsException(Errno.EBADF);
        try {
            return ch.write(ByteBuffer.wrap(buf, off, len));
        } catch (IOException e) {
            throw new VfsException(Errno.EIO);
        }
    }

    @Override
    public int pread(byte[] buf, int off, int len, long pos) {
        if (pos < 0) throw new VfsException(Errno.EINVAL);
        if (!readable) throw new VfsException(Errno.EBADF);
        try {
            ByteBuffer b = ByteBuffer.wrap(buf, off, len);
            while (b.hasRemaining() && ch.read(b, pos + b.position() - off) > 0) { /* fill */ }
            return b.position() - off;
        } catch (IOException e) {
            throw new VfsException(Errno.EIO);
        }
    }

    @Override
    public int pwrite(byte[] buf, int off, int len, long pos) {
        if (pos < 0) throw new VfsException(Errno.EINVAL);
        if (!writable) throw new VfsException(Errno.EBADF);
        try {
            return ch.write(ByteBuffer.wrap(buf, off, len), pos);
        } catch (IOException e) {
            throw new VfsException(Errno.EIO);
        }
    }

    @Override
    public long seek(long offset, int whence) {
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
            throw new VfsException(Errno.EIO);
        }
    }

    @Override
    public Stat stat() {
        try {
            return new Stat(0, Stat.naclMode(Stat.S_IFREG, (readable ? 0400 : 0) | (writable ? 0200 : 0)), 1, ch.size(), 0, 0, 0);
        } catch (IOException e) {
            throw new VfsException(Errno.EIO);
        }
    }

    @Override
    public void truncate(long length) {
        if (length < 0 || !writable) throw new VfsException(Errno.EINVAL);
        try {
            ch.truncate(length);
        } catch (IOException e) {
            throw new VfsException(Errno.EIO);
        }
    }

    @Override
    public void sync() {
        try {
            ch.force(true);
        } catch (IOException e) {
            throw new VfsException(Errno.EIO);
        }
    }

    @Override public byte[] getdents(int count) { throw new VfsException(Errno.EINVAL); }

    @Override public boolean isDirectory() { return false; }

    @Override public boolean isReadOnlyOpen() { return readable && !writable; }

    @Override
    public void close() {
        try {
            ch.close();
        } catch (IOException e) {
            // sel_ldr ignores close errors of redirected fds as well
        }
    }
}
