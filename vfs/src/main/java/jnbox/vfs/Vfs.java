package jnbox.vfs;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jnbox.vfs.archive.ArchiveLoader;
import jnbox.vfs.fs.DirectoryFile;
import jnbox.vfs.fs.FileSystem;
import jnbox.vfs.host.HostFileSystem;
import jnbox.vfs.mem.MemoryFileSystem;
import jnbox.vfs.mount.Mount;
import jnbox.vfs.mount.MountTable;
import jnbox.vfs.mount.Resolved;
import jnbox.vfs.mount.Resolver;

/**
 * The guest's file system: the {@code -m} mounts and the virtual current directory, with one
 * method per path syscall (spec/nacl-abi.md §4.2, per-syscall parameters §7.3). Paths are the
 * guest's strings (see {@link #decodePath}); every failure is a {@link VfsException} carrying
 * the errno sel_ldr gives. The file-access gate ("FA": EACCES when file access is disabled) is
 * the runtime's; with no mounts at all the Vfs serves an empty read-only {@code /}.
 *
 * <p>Deliberate differences from sel_ldr, all safer: the cwd is virtual (the host process cwd
 * never changes); {@code link()} also needs its source on a writable mount (closes §7.4's hole);
 * chmod gives EACCES; rmdir of a mount point gives EBUSY; when mounts are given but none at
 * {@code /}, an empty read-only root is added (sel_ldr aborts at start-up there, §7.4), so
 * paths outside every mount give ENOENT rather than EACCES.
 *
 * <p>Thread safety: the cwd is a volatile field; everything else is delegated to the file
 * systems, which are thread-safe.
 */
public final class Vfs implements AutoCloseable {
    private final MountTable mounts = new MountTable();
    private final Resolver resolver = new Resolver(mounts);
    private volatile String cwd = "/";

    private boolean userMounts;

    private Vfs() {}

    /**
     * Builds the mounts. Host folders must exist; archives are read now.
     *
     * @throws IllegalArgumentException one line naming the mount and the reason
     */
    public static Vfs create(List<MountSpec> specs) {
        Vfs v = new Vfs();
        boolean root = false;
        for (MountSpec s : specs) {
            FileSystem fs = switch (s.kind()) {
                case HOST_DIR -> HostFileSystem.open(s);
                case ARCHIVE -> ArchiveLoader.load(s);
                case MEMORY -> new MemoryFileSystem("tmpfs", s.sizeCap());
            };
            v.mounts.add(new Mount(s.virt(), fs.label(), s.writable(), fs));
            root |= s.virt().equals("/");
        }
        if (!root) v.mounts.add(new Mount("/", "(empty root)", false, new MemoryFileSystem("(empty root)", 0)));
        v.userMounts = !specs.isEmpty();
        return v;
    }

    /**
     * False when no {@code -m} was given: the guest then sees only an empty read-only {@code /}
     * (jnbox's answer to sel_ldr, which gives EACCES for every path, or crashes on the
     * windows_mount branch). sysconf(_SC_NACL_FILE_ACCESS_ENABLED) reports this.
     */
    public boolean hasUserMounts() {
        return userMounts;
    }

    /** Parses and builds from {@code -m} strings. */
    public static Vfs of(String... specs) {
        List<MountSpec> list = new ArrayList<>();
        for (String s : specs) list.add(MountSpec.parse(s));
        return create(list);
    }

    /** One line per mount, in lookup order, for {@code -v}. */
    public String describeMounts() {
        StringBuilder sb = new StringBuilder();
        for (Mount m : mounts.mounts()) {
            sb.append("mount ").append(m.virt()).append(" <- ").append(m.host())
                    .append(m.writable() ? " (rw)" : " (ro)").append('\n');
        }
        return sb.toString();
    }

    /** The mount table (for tests and diagnostics). */
    public MountTable mountTable() { return mounts; }

    /**
     * The guest's path bytes (without the terminating NUL) as a path string. The runtime reports
     * a missing NUL within 1024 bytes itself (ENAMETOOLONG, §4.2); here 1024 bytes or more give
     * ENAMETOOLONG, a NUL byte or bytes that are not UTF-8 give EINVAL (Java cannot name such
     * host files faithfully).
     */
    public static String decodePath(byte[] bytes) {
        if (bytes.length >= Resolver.PATH_MAX) throw new VfsException(Errno.ENAMETOOLONG);
        for (byte b : bytes) if (b == 0) throw new VfsException(Errno.EINVAL);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new VfsException(Errno.EINVAL);
        }
    }

    private Resolved resolve(String path, boolean writable, int linkFlag) {
        if (path.indexOf('\0') >= 0) throw new VfsException(Errno.EINVAL);
        if (path.getBytes(StandardCharsets.UTF_8).length >= Resolver.PATH_MAX) {
            throw new VfsException(Errno.ENAMETOOLONG);
        }
        return resolver.resolve(path, cwd, writable, linkFlag);
    }

    /** open (§4.2 #10, §7.3): follows a final symlink; flags outside {@link OpenFlags#HONOURED} dropped, mode masked to 0600. */
    public VFile open(String path, int flags, int mode) {
        int f = flags & OpenFlags.HONOURED;
        Resolved r = resolve(path, OpenFlags.needsWritable(f), Resolver.FOLLOW);
        VFile file = r.mount().fs().open(r.rel(), f, mode & 0600);
        if (file instanceof DirectoryFile d) d.setVirtualPath(r.path());
        return file;
    }

    /** stat: follows a final symlink. */
    public Stat stat(String path) {
        Resolved r = resolve(path, false, Resolver.FOLLOW);
        return r.mount().fs().stat(r.rel());
    }

    /** lstat: a final symlink is not followed. */
    public Stat lstat(String path) {
        Resolved r = resolve(path, false, Resolver.NOFOLLOW);
        return r.mount().fs().stat(r.rel());
    }

    /** mkdir: writable mount; a final symlink gives EEXIST. */
    public void mkdir(String path, int mode) {
        Resolved r = resolve(path, true, -Errno.EEXIST);
        if (r.rel().isEmpty()) throw new VfsException(Errno.EEXIST);
        r.mount().fs().mkdir(r.rel(), mode);
    }

    /** rmdir: writable mount; a final symlink gives EEXIST; a mount point gives EBUSY. */
    public void rmdir(String path) {
        Resolved r = resolve(path, true, -Errno.EEXIST);
        if (r.rel().isEmpty()) throw new VfsException(Errno.EBUSY);
        r.mount().fs().rmdir(r.rel());
    }

    /** unlink: writable mount; removes a final symlink itself. */
    public void unlink(String path) {
        Resolved r = resolve(path, true, Resolver.NOFOLLOW);
        if (r.rel().isEmpty()) throw new VfsException(Errno.EISDIR);
        r.mount().fs().unlink(r.rel());
    }

    /**
     * rename: both ends on writable mounts; the source is not followed and must not be a
     * directory or symlink (EACCES); a symlink at the destination gives EACCES; ends on
     * different file systems give EXDEV.
     */
    public void rename(String oldPath, String newPath) {
        Resolved from = resolve(oldPath, true, Resolver.NOFOLLOW);
        Stat st = from.mount().fs().stat(from.rel());
        if (st.isDirectory() || st.isSymlink()) throw new VfsException(Errno.EACCES);
        Resolved to = resolve(newPath, true, -Errno.EACCES);
        if (to.rel().isEmpty()) throw new VfsException(Errno.EBUSY);
        sameFileSystem(from, to).rename(from.rel(), to.rel());
    }

    /**
     * link: the source is followed and, unlike sel_ldr, must be on a writable mount too
     * (EACCES), so a read-only file cannot be linked into a writable place and written there;
     * a symlink at the destination gives EEXIST; different file systems give EXDEV.
     */
    public void link(String oldPath, String newPath) {
        Resolved from = resolve(oldPath, true, Resolver.FOLLOW);
        Resolved to = resolve(newPath, true, -Errno.EEXIST);
        if (to.rel().isEmpty()) throw new VfsException(Errno.EEXIST);
        sameFileSystem(from, to).link(from.rel(), to.rel());
    }

    private static FileSystem sameFileSystem(Resolved a, Resolved b) {
        if (a.mount() != b.mount()) throw new VfsException(Errno.EXDEV);
        return a.mount().fs();
    }

    /** symlink: always EACCES under mounts (§7.3), checked before any translation. */
    public void symlink(String target, String linkPath) { throw new VfsException(Errno.EACCES); }

    /** chmod: EACCES (the guest may not change host permissions; pynbox expects this). */
    public void chmod(String path, int mode) { throw new VfsException(Errno.EACCES); }

    /** readlink: the raw, untranslated link text; EINVAL when not a link. */
    public String readlink(String path) {
        Resolved r = resolve(path, false, Resolver.NOFOLLOW);
        return r.mount().fs().readlink(r.rel());
    }

    /** chdir: the path must resolve to a directory (ENOTDIR). */
    public void chdir(String path) {
        Resolved r = resolve(path, false, Resolver.FOLLOW);
        if (!r.mount().fs().stat(r.rel()).isDirectory()) throw new VfsException(Errno.ENOTDIR);
        cwd = r.path();
    }

    /** fchdir to an open directory (ENOTDIR for a file). */
    public void fchdir(VFile dir) {
        if (!(dir instanceof DirectoryFile d)) throw new VfsException(Errno.ENOTDIR);
        cwd = d.virtualPath();
    }

    /**
     * getcwd: the virtual cwd. ENOENT when it was removed (the host getcwd error sel_ldr
     * passes on). The runtime checks len (EINVAL ≤ 0, ERANGE too small).
     */
    public String getcwd() {
        String c = cwd;
        Resolved r = resolver.resolve(c, "/", false, Resolver.FOLLOW);
        r.mount().fs().stat(r.rel());
        return c;
    }

    /** access: amode F_OK or a subset of R/W/X (else EINVAL); the host's answer. */
    public void access(String path, int amode) {
        if (amode != OpenFlags.F_OK && (amode & ~(OpenFlags.R_OK | OpenFlags.W_OK | OpenFlags.X_OK)) != 0) {
            throw new VfsException(Errno.EINVAL);
        }
        Resolved r = resolve(path, false, Resolver.FOLLOW);
        r.mount().fs().access(r.rel(), amode);
    }

    /** truncate: writable mount, follows a final symlink. */
    public void truncate(String path, long length) {
        Resolved r = resolve(path, true, Resolver.FOLLOW);
        r.mount().fs().truncate(r.rel(), length);
    }

    /** utimes: writable mount; null times mean now. */
    public void utimes(String path, Instant atime, Instant mtime) {
        Resolved r = resolve(path, true, Resolver.FOLLOW);
        r.mount().fs().utimes(r.rel(), atime, mtime);
    }

    /** The resolved virtual path (for tests and traces); follows symlinks like stat. */
    public String realPath(String path) { return resolver.realPath(path, cwd, Resolver.FOLLOW); }

    /** Releases every mount (memory mounts vanish). */
    @Override
    public void close() {
        for (Mount m : mounts.mounts()) m.fs().close();
    }
}
