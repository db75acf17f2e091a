package jnbox.vfs.fs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import jnbox.vfs.Errno;
import jnbox.vfs.Stat;
import jnbox.vfs.VFile;
import jnbox.vfs.VfsException;

/**
 * A directory descriptor with NaCl's semantics ({@code nacl_desc_dir.c}): read is getdents,
 * seek only rewinds, fstat is S_IFDIR|0500 with all else 0, writes give EINVAL. The entries
 * (including {@code .} and {@code ..}) are read when opened and again on rewind; d_off is the
 * index of the next entry (the host's opaque cookies are not reproduced).
 */
public final class DirectoryFile implements VFile {
    /** A directory entry: inode and name. */
    public record Entry(long ino, String name) {}

    private final Supplier<List<Entry>> lister;
    private List<Entry> entries;
    private int cursor;
    private String virtualPath = "/";

    public DirectoryFile(Supplier<List<Entry>> lister) {
        this.lister = lister;
        this.entries = lister.get();
    }

    /** The resolved virtual path it was opened at (for fchdir). */
    public String virtualPath() { return virtualPath; }

    public void setVirtualPath(String path) { this.virtualPath = path; }

    /** Size of one nacl_abi_dirent record (§4.5): round_up(18 + strlen + 1, 8). */
    public static int recordSize(byte[] name) { return (18 + name.length + 1 + 7) & ~7; }

    @Override
    public synchronized byte[] getdents(int count) {
        byte[] out = new byte[Math.max(count, 0)];
        int used = 0;
        while (cursor < entries.size()) {
            Entry e = entries.get(cursor);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            int rec = recordSize(name);
            if (used + rec > out.length) {
                if (used == 0) throw new VfsException(Errno.EINVAL);
                break;
            }
            put(out, used, e.ino(), 8);
            put(out, used + 8, cursor + 1, 8);
            put(out, used + 16, rec, 2);
            System.arraycopy(name, 0, out, used + 18, name.length);
            used += rec;
            cursor++;
        }
        return used == out.length ? out : java.util.Arrays.copyOf(out, used);
    }

    private static void put(byte[] b, int off, long v, int n) {
        for (int i = 0; i < n; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        byte[] d = getdents(len);
        System.arraycopy(d, 0, buf, off, d.length);
        return d.length;
    }

    @Override
    public synchronized long seek(long offset, int whence) {
        if (offset == 0 || whence == 0) {
            entries = lister.get();
            cursor = 0;
            return 0;
        }
        throw new VfsException(Errno.EINVAL);
    }

    @Override
    public Stat stat() { return new Stat(0, Stat.S_IFDIR | 0500, 0, 0, 0, 0, 0); }

    @Override
    public int write(byte[] buf, int off, int len) { throw new VfsException(Errno.EINVAL); }

    @Override
    public int pread(byte[] buf, int off, int len, long pos) { throw new VfsException(Errno.EINVAL); }

    @Override
    public int pwrite(byte[] buf, int off, int len, long pos) { throw new VfsException(Errno.EINVAL); }

    @Override
    public void truncate(long length) { throw new VfsException(Errno.EINVAL); }

    @Override
    public void sync() {}

    @Override
    public boolean isDirectory() { return true; }

    @Override
    public boolean isReadOnlyOpen() { return true; }

    @Override
    public void close() {}
}
