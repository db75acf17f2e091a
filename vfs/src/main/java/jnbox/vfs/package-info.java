/**
 * The guest's file system (issue 6; spec/nacl-abi.md §4.2–§4.5 and §7): Docker-style
 * {@code -m HOST:VIRT:ro|rw} mounts of host folders, archives and memory (tmpfs), NaCl's path
 * translation done one component at a time, and the file operations behind the path syscalls.
 *
 * <p>Entry points for the runtime: {@link jnbox.vfs.MountSpec#parse} for each {@code -m},
 * {@link jnbox.vfs.Vfs#create} (or {@link jnbox.vfs.Vfs#of}); then one {@code Vfs} method per
 * path syscall ({@code open, stat, lstat, mkdir, rmdir, unlink, rename, link, symlink, readlink,
 * chdir, fchdir, getcwd, access, truncate, utimes, chmod}) and {@link jnbox.vfs.VFile} for the fd
 * calls (read, write, pread, pwrite, lseek, fstat, ftruncate, fsync, getdents, close). Failures are
 * {@link jnbox.vfs.VfsException} with a NaCl errno from {@link jnbox.vfs.Errno}; results are
 * {@link jnbox.vfs.Stat} (with {@code toBytes()} for struct nacl_abi_stat) and, for getdents, the
 * encoded dirent records.
 *
 * <p>Layers: {@code path} (lexical NaCl path functions), {@code mount} (mount table and the
 * component-by-component {@code Resolver}), {@code fs} (the {@code FileSystem} interface each
 * mount implements, with its errors), {@code host}, {@code mem} (tmpfs, also the store of
 * archives), {@code archive}. Lock order: a {@code MemoryFileSystem}'s monitor is a leaf (no
 * other lock is taken under it); host files lock only themselves.
 */
package jnbox.vfs;
