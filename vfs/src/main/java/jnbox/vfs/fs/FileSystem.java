package jnbox.vfs.fs;

import java.time.Instant;
import java.util.List;
import jnbox.vfs.Stat;
import jnbox.vfs.VFile;

/**
 * One mounted tree (host directory, archive, memory). Paths are lists of plain names relative
 * to the mount root, never a whole guest string: each name is non-empty, not {@code .} or
 * {@code ..}, holds no {@code /} or NUL and is at most 255 bytes (the resolver guarantees it).
 *
 * <p><b>Precondition for every method:</b> each proper prefix of {@code rel} was probed by
 * {@link #probe} and found not to be a symlink (it may be missing only for the last name); the
 * last name is a symlink only where a method says so. Writability of the mount is checked by
 * the caller ({@code Vfs}); a file system refuses writes only for its own reasons (EROFS for an
 * archive, ENOSPC for a full tmpfs).
 *
 * <p>All errors are {@link jnbox.vfs.VfsException} with a NaCl errno. Besides the errors listed
 * per method, any method may give ENOTDIR (an inner name is not a directory), EACCES (the host
 * refuses), ENAMETOOLONG and EIO.
 */
public interface FileSystem {
    /**
     * readlink-style probe of the last name, without following it.
     *
     * @return the raw link text if it is a symlink, else null
     * @throws jnbox.vfs.VfsException ENOENT if it does not exist; ENAMETOOLONG if the link text
     *     is 1024 bytes or more
     */
    String probe(List<String> rel);

    /** lstat of the last name (not followed). Errors: ENOENT. */
    Stat stat(List<String> rel);

    /**
     * Opens a file or directory (the last name is not a symlink, or missing). {@code flags} holds
     * only {@link jnbox.vfs.OpenFlags#HONOURED} bits, {@code mode} only 0600. A directory opens
     * as a directory whatever the access mode (NaCl stats first), O_EXCL on it gives EEXIST;
     * O_DIRECTORY on anything else (even a missing name) gives ENOTDIR. Errors also: ENOENT
     * (missing without O_CREAT), EEXIST (O_CREAT|O_EXCL on an existing file), ENOSPC.
     */
    VFile open(List<String> rel, int flags, int mode);

    /** Errors: EEXIST (anything there, even a dangling symlink), ENOENT (parent missing), ENOSPC. */
    void mkdir(List<String> rel, int mode);

    /** Errors: ENOENT, ENOTDIR (not a directory), ENOTEMPTY, EBUSY (the mount root). */
    void rmdir(List<String> rel);

    /** Removes a file or symlink (the last name may be a symlink). Errors: ENOENT, EISDIR. */
    void unlink(List<String> rel);

    /**
     * Renames within this file system; {@code from}'s last name is a regular file or hard link
     * (the caller refuses directories and symlinks), {@code to} is no symlink. Errors: ENOENT,
     * EISDIR ({@code to} is a directory).
     */
    void rename(List<String> from, List<String> to);

    /** Hard link. Errors: ENOENT, EEXIST, EPERM (source is a directory). */
    void link(List<String> from, List<String> to);

    /** readlink of the last name. Errors: ENOENT, EINVAL (not a symlink). */
    String readlink(List<String> rel);

    /** truncate. Errors: ENOENT, EISDIR, EINVAL (negative length), ENOSPC. */
    void truncate(List<String> rel, long length);

    /** utimes; a null time means now. Errors: ENOENT. */
    void utimes(List<String> rel, Instant atime, Instant mtime);

    /** access(amode), amode already validated. Errors: ENOENT, EACCES. */
    void access(List<String> rel, int amode);

    /** The host label used in path translation and {@code -v} logs (host folder, archive name, "tmpfs"). */
    String label();

    /** Releases resources at exit (pending writes were flushed when their files closed). */
    default void close() {}
}
