package jnbox.vfs.host;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jnbox.vfs.Errno;
import jnbox.vfs.MountSpec;
import jnbox.vfs.OpenFlags;
import jnbox.vfs.Stat;
import jnbox.vfs.VFile;
import jnbox.vfs.VfsException;
import jnbox.vfs.fs.DirectoryFile;
import jnbox.vfs.fs.FileSystem;

/**
 * A host directory mounted into the guest. The guest path never reaches the host OS: the
 * resolver probes one name at a time ({@link #probe}, an lstat with NOFOLLOW_LINKS) and only
 * names it has seen to be non-links are joined under the canonical mount root; the final
 * operation again uses NOFOLLOW_LINKS (O_NOFOLLOW, lstat, lutimes) where java.nio offers it.
 *
 * <h2>Races with host processes that remain (TOCTOU)</h2>
 * The guest itself cannot create symlinks (symlink gives EACCES) nor move directories or
 * symlinks (rename gives EACCES), so a guest alone cannot win a race. A <em>host</em> process
 * changing a mounted folder at the same time could swap a directory the resolver has checked
 * for a symlink before the operation runs. Where java.nio's {@link SecureDirectoryStream}
 * exists (Linux), the operations that touch file contents or names walk the directories again
 * with openat(O_NOFOLLOW) from the mount root and act relative to the last directory's fd
 * (openat, unlinkat, renameat, futimens): a swapped directory then gives ELOOP/ENOTDIR instead
 * of leading outside. Those are open (files: read/write/create/truncate), directory listings,
 * truncate, unlink, rmdir, rename and utimes. What remains:
 * <ol>
 * <li>mkdir, link and access have no fd-relative form in java.nio and use the whole host path:
 *     a swapped inner directory can make them create a directory or hard link, or test
 *     access, outside the mount.</li>
 * <li>stat/lstat and the resolver's per-name probe use the whole host path (lstat, readlink):
 *     a swap can leak an outside file's metadata or feed a link text, which is still read as
 *     a virtual path, so it cannot lead outside by itself.</li>
 * <li>the mount root and its ancestors on the host are trusted: replacing the root folder
 *     itself by a symlink after start-up redirects the whole mount.</li>
 * <li>open()'s file/directory type check and the open are separate (the race NaClSysOpen
 *     documents): an unexpected errno, no escape. fstat of an open file reads the path it was
 *     opened at (java.nio has no fstat), so after a rename it reports the new occupant.</li>
 * <li>without SecureDirectoryStream (other hosts), every operation uses the whole host path
 *     with NOFOLLOW on the last name only.</li>
 * </ol>
 * Writes go straight to the host file (no user-space buffer), so they reach it no later than
 * the write call returns.
 */
public final class HostFileSystem implements FileSystem {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private final Path root;
    private final boolean posix;

    private HostFileSystem(Path root) {
        this.root = root;
        this.posix = root.getFileSystem().supportedFileAttributeViews().contains("unix");
    }

    /**
     * Opens the mount root: the host folder canonicalised (symlinks in it resolved by the OS,
     * as NaCl's chdir + getcwd does).
     *
     * @throws IllegalArgumentException when it does not exist or is not a directory
     */
    public static HostFileSystem open(MountSpec spec) {
        try {
            Path p = Path.of(spec.host()).toRealPath();
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException("mount " + spec + ": host path is not a directory");
            }
            return new HostFileSystem(p);
        } catch (IOException | InvalidPathException e) {
            throw new IllegalArgumentException("mount " + spec + ": host directory '" + spec.host()
                    + "' cannot be used (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** For tests: a mount root given directly (already canonical). */
    public static HostFileSystem at(Path root) { return new HostFileSystem(root); }

    @Override
    public String label() { return root.toString().replace('\\', '/'); }

    /** The host path of the names (each a single plain name, see {@link FileSystem}). */
    private Path path(List<String> rel) {
        Path p = root;
        try {
            for (String name : rel) p = p.resolve(name);
        } catch (InvalidPathException e) {
            throw new VfsException(Errno.EINVAL);
        }
        return p;
    }

    /** An operation on the last name of a path, relative to its open parent directory. */
    @FunctionalInterface
    private interface AtOp<T> {
        /**
         * @param dir the parent, opened by walking from the root with O_NOFOLLOW; null when the
         *     host has no SecureDirectoryStream, then {@code whole} must be used
         * @param name the last name, relative to {@code dir}
         * @param whole the whole host path (fallback)
         */
        T apply(SecureDirectoryStream<Path> dir, Path name, Path whole) throws IOException;
    }

    /** Walks to the parent of {@code rel} (non-empty) with NOFOLLOW at every step and runs {@code op} there. */
    private <T> T at(List<String> rel, AtOp<T> op) throws IOException {
        Path whole = path(rel);
        List<Closeable> opened = new ArrayList<>();
        try {
            DirectoryStream<Path> ds = Files.newDirectoryStream(root);
            opened.add(ds);
            if (!(ds instanceof SecureDirectoryStream<Path> dir)) return op.apply(null, null, whole);
            for (int i = 0; i < rel.size() - 1; i++) {
                SecureDirectoryStream<Path> next = dir.newDirectoryStream(name(rel.get(i)), NOFOLLOW);
                opened.add(next);
                dir = next;
            }
            return op.apply(dir, name(rel.getLast()), whole);
        } finally {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (IOException e) {
                    // closing a directory fd; nothing to report
                }
            }
        }
    }

    private Path name(String n) {
        try {
            return root.getFileSystem().getPath(n);
        } catch (InvalidPathException e) {
            throw new VfsException(Errno.EINVAL);
        }
    }

    private static BasicFileAttributes lstatAt(SecureDirectoryStream<Path> dir, Path name, Path whole) throws IOException {
        return dir != null
                ? dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes()
                : Files.readAttributes(whole, BasicFileAttributes.class, NOFOLLOW);
    }

    @Override
    public String probe(List<String> rel) {
        try {
            // whole-path lstat: a swap here only misleads the type check; the operation that
            // follows walks again fd-relative (or is one of the whole-path ones listed above)
            BasicFileAttributes a = Files.readAttributes(path(rel), BasicFileAttributes.class, NOFOLLOW);
            if (!a.isSymbolicLink()) return null;
            String target;
            try {
                target = Files.readSymbolicLink(path(rel)).toString();
            } catch (NotLinkException e) {
                return null; // replaced by a non-link since the lstat: readlink's EINVAL means "keep" (§7.2)
            }
            if (target.getBytes(StandardCharsets.UTF_8).length >= 1024) throw new VfsException(Errno.ENAMETOOLONG);
            return target;
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    @Override
    public Stat stat(List<String> rel) { return statPath(path(rel)); }

    /** lstat of a host path, translated as nacl_desc.c does (§4.4). */
    Stat statPath(Path p) {
        try {
            if (posix) {
                Map<String, Object> a = Files.readAttributes(p,
                        "unix:ino,mode,nlink,size,lastAccessTime,lastModifiedTime,ctime", NOFOLLOW);
                int mode = (Integer) a.get("mode");
                int type = switch (mode & Stat.S_IFMT) {
                    case Stat.S_IFREG, Stat.S_IFDIR, Stat.S_IFLNK, Stat.S_IFIFO, Stat.S_IFCHR -> mode & Stat.S_IFMT;
                    default -> Stat.S_UNSUP;
                };
                return new Stat((Long) a.get("ino"), Stat.naclMode(type, mode), (Integer) a.get("nlink"),
                        (Long) a.get("size"), seconds(a.get("lastAccessTime")), seconds(a.get("lastModifiedTime")),
                        seconds(a.get("ctime")));
            }
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
            int type = a.isDirectory() ? Stat.S_IFDIR : a.isSymbolicLink() ? Stat.S_IFLNK
                    : a.isRegularFile() ? Stat.S_IFREG : Stat.S_UNSUP;
            int perms = 0400 | (Files.isWritable(p) ? 0200 : 0) | (a.isDirectory() ? 0100 : 0);
            return new Stat(0, Stat.naclMode(type, perms), 1, a.size(), a.lastAccessTime().toInstant().getEpochSecond(),
                    a.lastModifiedTime().toInstant().getEpochSecond(), a.creationTime().toInstant().getEpochSecond());
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    private static long seconds(Object fileTime) { return ((FileTime) fileTime).toInstant().getEpochSecond(); }

    @Override
    public VFile open(List<String> rel, int flags, int mode) {
        if (rel.isEmpty()) return openDirectory(rel, flags);
        int acc = flags & OpenFlags.O_ACCMODE;
        Set<OpenOption> opts = new HashSet<>();
        opts.add(LinkOption.NOFOLLOW_LINKS);
        if (acc != OpenFlags.O_WRONLY) opts.add(StandardOpenOption.READ);
        if (acc == OpenFlags.O_WRONLY || acc == OpenFlags.O_RDWR) opts.add(StandardOpenOption.WRITE);
        boolean truncReadOnly = false;
        if ((flags & OpenFlags.O_TRUNC) != 0) {
            if (opts.contains(StandardOpenOption.WRITE)) opts.add(StandardOpenOption.TRUNCATE_EXISTING);
            else truncReadOnly = true; // Linux truncates even for O_RDONLY; java.nio ignores it then
        }
        if ((flags & OpenFlags.O_CREAT) != 0) {
            opts.add((flags & OpenFlags.O_EXCL) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms(mode))}
                : new FileAttribute<?>[0];
        boolean truncate = truncReadOnly;
        try {
            // one walk: NaClSysOpen's stat (a failure is fine, the name may be created), then the open
            FileChannel ch = at(rel, (dir, name, whole) -> {
                BasicFileAttributes a;
                try {
                    a = lstatAt(dir, name, whole);
                } catch (IOException e) {
                    a = null;
                }
                if (a != null && a.isDirectory()) return null;
                if ((flags & OpenFlags.O_DIRECTORY) != 0) throw new VfsException(Errno.ENOTDIR);
                FileChannel c = channel(dir, name, whole, opts, attrs);
                if (truncate) {
                    try (FileChannel w = channel(dir, name, whole, Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                            new FileAttribute<?>[0])) {
                        w.truncate(0);
                    } catch (IOException | RuntimeException e) {
                        c.close();
                        throw e;
                    }
                }
                return c;
            });
            if (ch == null) return openDirectory(rel, flags);
            return new HostFile(this, path(rel), ch, acc, (flags & OpenFlags.O_APPEND) != 0);
        } catch (IOException e) {
            throw HostErrors.of(e);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new VfsException(Errno.EINVAL);
        }
    }

    /** A directory descriptor (NaClSysOpen: O_EXCL on a directory is EEXIST). */
    private VFile openDirectory(List<String> rel, int flags) {
        if ((flags & OpenFlags.O_EXCL) != 0) throw new VfsException(Errno.EEXIST);
        long selfIno = stat(rel).ino();
        long parentIno = rel.isEmpty() ? selfIno : stat(rel.subList(0, rel.size() - 1)).ino();
        List<String> names = List.copyOf(rel);
        return new DirectoryFile(() -> listing(names, selfIno, parentIno));
    }

    /** openat relative to the parent when possible (on Linux the channel is a FileChannel), else open by path. */
    private static FileChannel channel(SecureDirectoryStream<Path> dir, Path name, Path whole,
            Set<OpenOption> opts, FileAttribute<?>[] attrs) throws IOException {
        if (dir != null) {
            SeekableByteChannel c = dir.newByteChannel(name, opts, attrs);
            if (c instanceof FileChannel fc) return fc;
            c.close();
        }
        return FileChannel.open(whole, opts, attrs);
    }

    private List<DirectoryFile.Entry> listing(List<String> rel, long selfIno, long parentIno) {
        List<DirectoryFile.Entry> out = new ArrayList<>();
        out.add(new DirectoryFile.Entry(selfIno, "."));
        out.add(new DirectoryFile.Entry(parentIno, ".."));
        Path dirPath = path(rel);
        try {
            List<String> names = rel.isEmpty() ? names(Files.newDirectoryStream(root)) : at(rel, (dir, name, whole) ->
                    names(dir != null ? dir.newDirectoryStream(name, NOFOLLOW) : Files.newDirectoryStream(whole)));
            for (String n : names) {
                long ino = 0;
                try {
                    ino = statPath(dirPath.resolve(n)).ino();
                } catch (VfsException e) {
                    // vanished meanwhile: still listed, as getdents would have
                }
                out.add(new DirectoryFile.Entry(ino, n));
            }
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
        return out;
    }

    private static List<String> names(DirectoryStream<Path> ds) throws IOException {
        try (ds) {
            List<String> out = new ArrayList<>();
            for (Path child : ds) out.add(child.getFileName().toString());
            return out;
        }
    }

    static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) s.add(bits[i]);
        }
        return s;
    }

    @Override
    public void mkdir(List<String> rel, int mode) {
        try {
            if (posix) Files.createDirectory(path(rel), PosixFilePermissions.asFileAttribute(perms(mode)));
            else Files.createDirectory(path(rel));
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    @Override
    public void rmdir(List<String> rel) {
        try {
            at(rel, (dir, name, whole) -> {
                if (dir != null) {
                    dir.deleteDirectory(name); // unlinkat(AT_REMOVEDIR): ENOTDIR for a non-directory
                } else {
                    if (!Files.readAttributes(whole, BasicFileAttributes.class, NOFOLLOW).isDirectory()) {
                        throw new VfsException(Errno.ENOTDIR);
                    }
                    Files.delete(whole);
                }
                return null;
            });
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    @Override
    public void unlink(List<String> rel) {
        try {
            at(rel, (dir, name, whole) -> {
                if (dir != null) {
                    dir.deleteFile(name); // unlinkat: EISDIR for a directory
                } else {
                    if (Files.readAttributes(whole, BasicFileAttributes.class, NOFOLLOW).isDirectory()) {
                        throw new VfsException(Errno.EISDIR);
                    }
                    Files.delete(whole);
                }
                return null;
            });
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    @Override
    public void rename(List<String> from, List<String> to) {
        try {
            at(from, (d1, n1, w1) -> at(to, (d2, n2, w2) -> {
                if (d1 != null && d2 != null) d1.move(n1, d2, n2); // renameat
                else Files.move(w1, w2, StandardCopyOption.ATOMIC_MOVE);
                return null;
            }));
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    @Override
    public void link(List<String> from, List<String> to) {
        try {
            Files.createLink(path(to), path(from));
        } catch (IOException e) {
            throw HostErrors.of(e);
        } catch (UnsupportedOperationException e) {
            throw new VfsException(Errno.ENOSYS);
        }
    }

    @Override
    public String readlink(List<String> rel) {
        try {
            return Files.readSymbolicLink(path(rel)).toString();
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    @Override
    public void truncate(List<String> rel, long length) {
        if (length < 0) throw new VfsException(Errno.EINVAL);
        if (rel.isEmpty()) throw new VfsException(Errno.EISDIR);
        try {
            try (FileChannel ch = at(rel, (dir, name, whole) -> channel(dir, name, whole,
                    Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), new FileAttribute<?>[0]))) {
                setLength(ch, length);
            }
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    /** ftruncate semantics: FileChannel.truncate only shrinks, so growth writes a zero at the new end. */
    static void setLength(FileChannel ch, long length) throws IOException {
        long size = ch.size();
        if (length < size) ch.truncate(length);
        else if (length > size) ch.write(ByteBuffer.wrap(new byte[1]), length - 1);
    }

    @Override
    public void utimes(List<String> rel, Instant atime, Instant mtime) {
        Instant now = Instant.now();
        FileTime m = FileTime.from(mtime == null ? now : mtime), a = FileTime.from(atime == null ? now : atime);
        try {
            if (rel.isEmpty()) {
                Files.getFileAttributeView(root, BasicFileAttributeView.class, NOFOLLOW).setTimes(m, a, null);
                return;
            }
            at(rel, (dir, name, whole) -> {
                BasicFileAttributeView v = dir != null
                        ? dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW)
                        : Files.getFileAttributeView(whole, BasicFileAttributeView.class, NOFOLLOW);
                v.setTimes(m, a, null);
                return null;
            });
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    @Override
    public void access(List<String> rel, int amode) {
        List<AccessMode> modes = new ArrayList<>();
        if ((amode & OpenFlags.R_OK) != 0) modes.add(AccessMode.READ);
        if ((amode & OpenFlags.W_OK) != 0) modes.add(AccessMode.WRITE);
        if ((amode & OpenFlags.X_OK) != 0) modes.add(AccessMode.EXECUTE);
        Path p = path(rel);
        try {
            p.getFileSystem().provider().checkAccess(p, modes.toArray(new AccessMode[0]));
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }
}
