package jnbox.vfs.mem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jnbox.vfs.Errno;
import jnbox.vfs.OpenFlags;
import jnbox.vfs.Stat;
import jnbox.vfs.VFile;
import jnbox.vfs.VfsException;
import jnbox.vfs.fs.DirectoryFile;
import jnbox.vfs.fs.FileSystem;

/**
 * A tree held in memory: tmpfs mounts (contents vanish at exit) and, frozen read-only, the
 * contents of archive mounts. Errors follow Linux tmpfs, which is what sel_ldr would pass on
 * from the host. The guest is the owner of every node, so only the owner permission bits count.
 *
 * <p>Size cap: the sum of regular-file sizes may not exceed {@code capacity}; a write,
 * truncate or pwrite that would pass it gives ENOSPC (a write that fits partly writes the part
 * that fits, as Linux does). Directories and symlinks are not counted.
 *
 * <p>Locking: one monitor (this object) guards the whole tree and every file's bytes; open
 * files synchronise on it too. No other lock is taken while holding it.
 */
public final class MemoryFileSystem implements FileSystem {
    private final String label;
    private final long capacity;
    private long used;
    private long nextIno = 1;
    private boolean frozen;
    private final Dir root;

    /** A node of the tree. */
    abstract static sealed class Node permits Dir, File, Link {
        final long ino;
        int perms;
        int nlink = 1;
        long atime, mtime, ctime;

        Node(long ino, int perms) {
            this.ino = ino;
            this.perms = perms;
            long now = Instant.now().getEpochSecond();
            atime = mtime = ctime = now;
        }

        abstract int type();
        abstract long size();
    }

    static final class Dir extends Node {
        final Map<String, Node> children = new TreeMap<>();
        Dir parent;

        Dir(long ino, int perms, Dir parent) {
            super(ino, perms);
            this.parent = parent == null ? this : parent;
            nlink = 2;
        }

        int type() { return Stat.S_IFDIR; }
        long size() { return 4096; }
    }

    static final class File extends Node {
        byte[] data = new byte[0];
        long length;

        File(long ino, int perms) { super(ino, perms); }

        int type() { return Stat.S_IFREG; }
        long size() { return length; }
    }

    static final class Link extends Node {
        final String target;

        Link(long ino, String target) {
            super(ino, 0777);
            this.target = target;
        }

        int type() { return Stat.S_IFLNK; }
        long size() { return target.getBytes(StandardCharsets.UTF_8).length; }
    }

    /** An empty tree holding at most {@code capacity} bytes of file data. */
    public MemoryFileSystem(String label, long capacity) {
        this.label = label;
        this.capacity = capacity;
        this.root = new Dir(nextIno++, 0700, null);
    }

    @Override
    public String label() { return label; }

    /** Makes every later change fail with EROFS (archives, after loading). */
    public synchronized void freeze() { frozen = true; }

    // ---- building (archive loader) ----

    /** Creates the directories of {@code rel} as needed; EEXIST-free. */
    public synchronized void makeDirs(List<String> rel, int perms, long mtime) {
        Dir d = root;
        for (String name : rel) {
            Node n = d.children.get(name);
            if (n instanceof Dir sub) {
                d = sub;
            } else {
                Dir sub = new Dir(nextIno++, perms, d);
                d.children.put(name, sub);
                d.nlink++;
                d = sub;
            }
            d.mtime = mtime;
        }
    }

    /** Adds (or replaces) a regular file with the given bytes; parents are created. */
    public synchronized void putFile(List<String> rel, byte[] content, int perms, long mtime) {
        Dir d = parentForBuild(rel, mtime);
        File f = new File(nextIno++, perms);
        f.data = content;
        f.length = content.length;
        f.mtime = f.atime = f.ctime = mtime;
        d.children.put(rel.getLast(), f);
    }

    /** Adds (or replaces) a symlink; parents are created. */
    public synchronized void putLink(List<String> rel, String target, long mtime) {
        Dir d = parentForBuild(rel, mtime);
        Link l = new Link(nextIno++, target);
        l.mtime = l.atime = l.ctime = mtime;
        d.children.put(rel.getLast(), l);
    }

    /** Adds a hard link to an existing regular file; false when the source is missing. */
    public synchronized boolean putHardLink(List<String> rel, List<String> source) {
        Node src = lookupOrNull(source);
        if (!(src instanceof File f)) return false;
        Dir d = parentForBuild(rel, f.mtime);
        d.children.put(rel.getLast(), f);
        f.nlink++;
        return true;
    }

    private Dir parentForBuild(List<String> rel, long mtime) {
        makeDirs(rel.subList(0, rel.size() - 1), 0700, mtime);
        return (Dir) lookupOrNull(rel.subList(0, rel.size() - 1));
    }

    private Node lookupOrNull(List<String> rel) {
        Node n = root;
        for (String name : rel) {
            if (!(n instanceof Dir d)) return null;
            n = d.children.get(name);
            if (n == null) return null;
        }
        return n;
    }

    // ---- walking ----

    /** The directory holding the last name. ENOENT / ENOTDIR for inner names. */
    private Dir parentOf(List<String> rel) {
        Dir d = root;
        for (int i = 0; i < rel.size() - 1; i++) {
            Node n = d.children.get(rel.get(i));
            if (n == null) throw new VfsException(Errno.ENOENT);
            if (!(n instanceof Dir sub)) throw new VfsException(Errno.ENOTDIR);
            d = sub;
        }
        return d;
    }

    /** The node at rel (not following a final link). ENOENT when missing. */
    private Node node(List<String> rel) {
        if (rel.isEmpty()) return root;
        Node n = parentOf(rel).children.get(rel.getLast());
        if (n == null) throw new VfsException(Errno.ENOENT);
        return n;
    }

    private void checkWritable() {
        if (frozen) throw new VfsException(Errno.EROFS);
    }

    private static long now() { return Instant.now().getEpochSecond(); }

    // ---- FileSystem ----

    @Override
    public synchronized String probe(List<String> rel) {
        Node n = node(rel);
        return n instanceof Link l ? l.target : null;
    }

    @Override
    public synchronized Stat stat(List<String> rel) { return statOf(node(rel)); }

    private static Stat statOf(Node n) {
        return new Stat(n.ino, Stat.naclMode(n.type(), n.perms), n.nlink, n.size(), n.atime, n.mtime, n.ctime);
    }

    @Override
    public synchronized VFile open(List<String> rel, int flags, int mode) {
        Node n = rel.isEmpty() ? root : parentOf(rel).children.get(rel.getLast());
        if (n instanceof Dir d) {
            if ((flags & OpenFlags.O_EXCL) != 0) throw new VfsException(Errno.EEXIST);
            return new DirectoryFile(() -> listing(d));
        }
        if ((flags & OpenFlags.O_DIRECTORY) != 0) throw new VfsException(Errno.ENOTDIR);
        int acc = flags & OpenFlags.O_ACCMODE;
        boolean wantWrite = acc == OpenFlags.O_WRONLY || acc == OpenFlags.O_RDWR;
        if (n == null) {
            if ((flags & OpenFlags.O_CREAT) == 0) throw new VfsException(Errno.ENOENT);
            checkWritable();
            Dir d = parentOf(rel);
            File f = new File(nextIno++, mode & 0700);
            d.children.put(rel.getLast(), f);
            d.mtime = d.ctime = now();
            return new MemFile(this, f, acc, (flags & OpenFlags.O_APPEND) != 0);
        }
        if ((flags & (OpenFlags.O_CREAT | OpenFlags.O_EXCL)) == (OpenFlags.O_CREAT | OpenFlags.O_EXCL)) {
            throw new VfsException(Errno.EEXIST);
        }
        if (n instanceof Link) throw new VfsException(Errno.ELOOP); // replaced after resolution
        File f = (File) n;
        if (acc != OpenFlags.O_WRONLY && (f.perms & 0400) == 0) throw new VfsException(Errno.EACCES);
        if ((wantWrite || (flags & OpenFlags.O_TRUNC) != 0) && (f.perms & 0200) == 0) {
            throw new VfsException(Errno.EACCES);
        }
        if (wantWrite || (flags & OpenFlags.O_TRUNC) != 0) checkWritable();
        if ((flags & OpenFlags.O_TRUNC) != 0) resize(f, 0);
        return new MemFile(this, f, acc, (flags & OpenFlags.O_APPEND) != 0);
    }

    private List<DirectoryFile.Entry> listing(Dir d) {
        synchronized (this) {
            List<DirectoryFile.Entry> out = new ArrayList<>();
            out.add(new DirectoryFile.Entry(d.ino, "."));
            out.add(new DirectoryFile.Entry(d.parent.ino, ".."));
            for (Map.Entry<String, Node> e : d.children.entrySet()) {
                out.add(new DirectoryFile.Entry(e.getValue().ino, e.getKey()));
            }
            return out;
        }
    }

    @Override
    public synchronized void mkdir(List<String> rel, int mode) {
        Dir d = parentOf(rel);
        if (d.children.containsKey(rel.getLast())) throw new VfsException(Errno.EEXIST);
        checkWritable();
        d.children.put(rel.getLast(), new Dir(nextIno++, mode & 0700, d));
        d.nlink++;
        d.mtime = d.ctime = now();
    }

    @Override
    public synchronized void rmdir(List<String> rel) {
        Dir p = parentOf(rel);
        Node n = p.children.get(rel.getLast());
        if (n == null) throw new VfsException(Errno.ENOENT);
        if (!(n instanceof Dir d)) throw new VfsException(Errno.ENOTDIR);
        if (!d.children.isEmpty()) throw new VfsException(Errno.ENOTEMPTY);
        checkWritable();
        p.children.remove(rel.getLast());
        p.nlink--;
        d.nlink = 0;
        p.mtime = p.ctime = now();
    }

    @Override
    public synchronized void unlink(List<String> rel) {
        Dir p = parentOf(rel);
        Node n = p.children.get(rel.getLast());
        if (n == null) throw new VfsException(Errno.ENOENT);
        if (n instanceof Dir) throw new VfsException(Errno.EISDIR);
        checkWritable();
        p.children.remove(rel.getLast());
        drop(n);
        p.mtime = p.ctime = now();
    }

    /** One name of {@code n} is gone; its bytes leave the cap count with the last name (open files keep them readable). */
    private void drop(Node n) {
        if (--n.nlink == 0 && n instanceof File f) used -= f.length;
    }

    @Override
    public synchronized void rename(List<String> from, List<String> to) {
        Dir fp = parentOf(from);
        Node n = fp.children.get(from.getLast());
        if (n == null) throw new VfsException(Errno.ENOENT);
        Dir tp = parentOf(to);
        Node old = tp.children.get(to.getLast());
        if (old == n) return;
        if (old instanceof Dir) throw new VfsException(Errno.EISDIR);
        checkWritable();
        fp.children.remove(from.getLast());
        tp.children.put(to.getLast(), n);
        if (old != null) drop(old);
        fp.mtime = tp.mtime = now();
    }

    @Override
    public synchronized void link(List<String> from, List<String> to) {
        Node n = node(from);
        if (n instanceof Dir) throw new VfsException(Errno.EPERM);
        Dir tp = parentOf(to);
        if (tp.children.containsKey(to.getLast())) throw new VfsException(Errno.EEXIST);
        checkWritable();
        tp.children.put(to.getLast(), n);
        n.nlink++;
        n.ctime = now();
    }

    @Override
    public synchronized String readlink(List<String> rel) {
        if (node(rel) instanceof Link l) return l.target;
        throw new VfsException(Errno.EINVAL);
    }

    @Override
    public synchronized void truncate(List<String> rel, long length) {
        Node n = node(rel);
        if (n instanceof Dir) throw new VfsException(Errno.EISDIR);
        if (!(n instanceof File f)) throw new VfsException(Errno.EINVAL);
        if (length < 0) throw new VfsException(Errno.EINVAL);
        if ((f.perms & 0200) == 0) throw new VfsException(Errno.EACCES);
        checkWritable();
        resize(f, length);
    }

    @Override
    public synchronized void utimes(List<String> rel, Instant atime, Instant mtime) {
        Node n = node(rel);
        checkWritable();
        long now = now();
        n.atime = atime == null ? now : atime.getEpochSecond();
        n.mtime = mtime == null ? now : mtime.getEpochSecond();
        n.ctime = now;
    }

    @Override
    public synchronized void access(List<String> rel, int amode) {
        Node n = node(rel);
        if ((amode & OpenFlags.W_OK) != 0 && frozen) throw new VfsException(Errno.EROFS);
        int need = ((amode & OpenFlags.R_OK) != 0 ? 0400 : 0) | ((amode & OpenFlags.W_OK) != 0 ? 0200 : 0)
                | ((amode & OpenFlags.X_OK) != 0 ? 0100 : 0);
        if ((n.perms & need) != need) throw new VfsException(Errno.EACCES);
    }

    // ---- file data (called by MemFile under this monitor) ----

    /** Sets the length, zero-filling growth; ENOSPC past the cap. Caller holds the monitor. */
    void resize(File f, long length) {
        long delta = length - f.length;
        if (delta > 0 && f.nlink > 0 && used + delta > capacity) throw new VfsException(Errno.ENOSPC);
        if (length > Integer.MAX_VALUE - 8) throw new VfsException(Errno.EFBIG);
        if (length > f.data.length) {
            f.data = Arrays.copyOf(f.data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(length, f.data.length * 2L)));
        } else if (length < f.length) {
            Arrays.fill(f.data, (int) length, (int) f.length, (byte) 0);
        }
        if (f.nlink > 0) used += delta;
        f.length = length;
        f.mtime = f.ctime = now();
    }

    /** Writes at pos, growing the file; stops short at the cap (ENOSPC if nothing fits). Caller holds the monitor. */
    int writeAt(File f, byte[] buf, int off, int len, long pos) {
        checkWritable();
        if (len == 0) return 0;
        long end = pos + len;
        if (end > f.length) {
            long room = f.nlink > 0 ? capacity - used : Long.MAX_VALUE;
            long maxEnd = f.length + Math.max(room, 0);
            if (end > maxEnd) {
                if (maxEnd <= pos) throw new VfsException(Errno.ENOSPC);
                len = (int) (maxEnd - pos);
                end = maxEnd;
            }
            resize(f, end);
        }
        System.arraycopy(buf, off, f.data, (int) pos, len);
        f.mtime = f.ctime = now();
        return len;
    }

    /** Drops the whole tree: a tmpfs's contents vanish with the Vfs (open files keep their bytes). */
    @Override
    public synchronized void close() {
        root.children.clear();
        used = 0;
    }

    /** Bytes used by file data (for tests and -v). */
    public synchronized long used() { return used; }

    static Stat statOfFile(File f) { return statOf(f); }
}
