package jnbox.vfs;

/**
 * An open file or directory from {@link Vfs#open}. All methods throw {@link VfsException} with
 * the errno sel_ldr's descriptor layer gives (spec/nacl-abi.md §4.2; the directory rules are
 * NaCl's {@code nacl_desc_dir.c}). Not thread-safe on its own: the runtime serialises calls on
 * one open file description (as sel_ldr's per-descriptor mutex does).
 *
 * <p>Regular file: reads and writes move the shared offset; O_APPEND writes go to the end.
 * Reads on a write-only file and writes on a read-only one give EBADF.
 *
 * <p>Directory: {@link #read} is {@link #getdents}; {@link #seek} only rewinds (offset 0 or
 * SEEK_SET, returns 0; else EINVAL); write, pread, pwrite, truncate give EINVAL; {@link #stat}
 * gives mode S_IFDIR|0500 and every other field 0, as NaCl's directory descriptor does.
 */
public interface VFile {
    /** Reads up to {@code len} bytes at the offset; 0 at end of file. */
    int read(byte[] buf, int off, int len);

    /** Writes {@code len} bytes at the offset (the end with O_APPEND); returns the count. */
    int write(byte[] buf, int off, int len);

    /** Reads at {@code pos} without moving the offset. EINVAL for pos &lt; 0. */
    int pread(byte[] buf, int off, int len, long pos);

    /** Writes at {@code pos} without moving the offset. EINVAL for pos &lt; 0. */
    int pwrite(byte[] buf, int off, int len, long pos);

    /** lseek: whence 0/1/2; returns the new offset. EINVAL for a bad whence or negative result. */
    long seek(long offset, int whence);

    /** fstat. */
    Stat stat();

    /** ftruncate: EINVAL for a negative length or a file not open for writing. */
    void truncate(long length);

    /** fsync / fdatasync: pushes written data to the host file. */
    void sync();

    /**
     * getdents: as many whole {@code nacl_abi_dirent} records (§4.5) as fit in {@code count}
     * bytes, starting at the directory cursor, which moves past them. Empty array at the end.
     * EINVAL if the first record does not fit; EINVAL on a regular file (NaCl's
     * default descriptor method). The buffer alignment check is the caller's.
     */
    byte[] getdents(int count);

    /** True for a directory descriptor. */
    boolean isDirectory();

    /** True when opened O_RDONLY: sel_ldr marks such descriptors as OK for PROT_EXEC mmap. */
    boolean isReadOnlyOpen();

    /** Releases the host resources; written data has reached the host file when it returns. */
    void close();
}
