package jnbox.vfs.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
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
 * changing a mounted folder at the same time can:
 * <ol>
 * <li>replace an inner directory by a symlink between the probe of that name and the
 *     operation (or replace the mount root itself after start-up). The host kernel then
 *     follows it, because java.nio offers no openat/RESOLVE_BENEATH walk, and the operation
 *     may reach a file outside the mount. This is the main remaining hole.</li>
 * <li>replace the final name by a symlink after the probe. open (O_NOFOLLOW), lstat, readlink,
 *     unlink, rmdir, rename, link, mkdir, truncate (O_NOFOLLOW) and utimes (no-follow) do not
 *     follow it; access() and the listing of a directory opened by open() do.</li>
 * <li>swap a file and a directory between open()'s type check and the open itself (the same
 *     race NaClSysOpen documents), giving an unexpected errno but no escape.</li>
 * <li>rename or unlink an open file: fstat then reads the new occupant of the name, or falls
 *     back to the channel size (java.nio has no fstat).</li>
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

    /** For tests: a mount root given directly. */
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

    @Override
    public String probe(List<String> rel) {
        Path p = path(rel);
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
            if (!a.isSymbolicLink()) return null;
            String target = Files.readSymbolicLink(p).toString();
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
        Path p = path(rel);
        BasicFileAttributes a = null;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
        } catch (IOException e) {
            // may be about to be created (NaClSysOpen ignores a failing stat too)
        }
        if (a != null && a.isDirectory()) {
            if ((flags & OpenFlags.O_EXCL) != 0) throw new VfsException(Errno.EEXIST);
            long selfIno = stat(rel).ino();
            long parentIno = rel.isEmpty() ? selfIno : stat(rel.subList(0, rel.size() - 1)).ino();
            DirectoryFile d = new DirectoryFile(() -> listing(p, selfIno, parentIno));
            return d;
        }
        if ((flags & OpenFlags.O_DIRECTORY) != 0) throw new VfsException(Errno.ENOTDIR);
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
            if ((flags & OpenFlags.O_EXCL) != 0) opts.add(StandardOpenOption.CREATE_NEW);
            else opts.add(StandardOpenOption.CREATE);
            if (!opts.contains(StandardOpenOption.WRITE) && !opts.contains(StandardOpenOption.READ)) {
                opts.add(StandardOpenOption.READ);
            }
        }
        try {
            FileChannel ch = posix
                    ? FileChannel.open(p, opts, PosixFilePermissions.asFileAttribute(perms(mode)))
                    : FileChannel.open(p, opts, new FileAttribute<?>[0]);
            if (truncReadOnly) {
                try (FileChannel w = FileChannel.open(p, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    w.truncate(0);
                }
            }
            return new HostFile(this, p, ch, acc, (flags & OpenFlags.O_APPEND) != 0);
        } catch (IOException e) {
            throw HostErrors.of(e);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new VfsException(Errno.EINVAL);
        }
    }

    private List<DirectoryFile.Entry> listing(Path dir, long selfIno, long parentIno) {
        List<DirectoryFile.Entry> out = new ArrayList<>();
        out.add(new DirectoryFile.Entry(selfIno, "."));
        out.add(new DirectoryFile.Entry(parentIno, ".."));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path child : ds) {
                long ino = 0;
                try {
                    ino = statPath(child).ino();
                } catch (VfsException e) {
                    // vanished meanwhile: still listed, as getdents would have
                }
                out.add(new DirectoryFile.Entry(ino, child.getFileName().toString()));
            }
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
        return out;
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
        Path p = path(rel);
        try {
            if (!Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW).isDirectory()) {
                throw new VfsException(Errno.ENOTDIR);
            }
            Files.delete(p);
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    @Override
    public void unlink(List<String> rel) {
        Path p = path(rel);
        try {
            if (Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW).isDirectory()) {
                throw new VfsException(Errno.EISDIR);
            }
            Files.delete(p);
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    @Override
    public void rename(List<String> from, List<String> to) {
        try {
            Files.move(path(from), path(to), StandardCopyOption.ATOMIC_MOVE);
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
        Path p = path(rel);
        try {
            if (Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW).isDirectory()) {
                throw new VfsException(Errno.EISDIR);
            }
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
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
        try {
            Files.getFileAttributeView(path(rel), BasicFileAttributeView.class, NOFOLLOW)
                    .setTimes(FileTime.from(mtime == null ? now : mtime), FileTime.from(atime == null ? now : atime), null);
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
