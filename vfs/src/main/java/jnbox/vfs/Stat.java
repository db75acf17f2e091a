package jnbox.vfs;

/**
 * The fields of {@code struct nacl_abi_stat} (spec/nacl-abi.md §4.5) as sel_ldr fills them
 * (§4.4 "stat translation"): st_dev 0, uid/gid 0xFFFFFFFF, rdev 0, blksize/blocks 0, type plus
 * the owner's rwx bits only, whole seconds with nsec fields 0. Only the varying fields are
 * components; {@link #toBytes()} writes the constant ones.
 */
public record Stat(long ino, int mode, int nlink, long size, long atime, long mtime, long ctime) {
    public static final int SIZE = 104;
    public static final int S_IFMT = 0170000, S_IFIFO = 010000, S_IFCHR = 020000, S_IFDIR = 040000,
            S_IFBLK = 060000, S_IFREG = 0100000, S_IFLNK = 0120000, S_IFSOCK = 0140000, S_UNSUP = 0370000;

    /** Keeps the file type and the owner rwx bits (group/other cleared, as nacl_desc.c does). */
    public static int naclMode(int type, int perms) { return type | (perms & 0700); }

    public boolean isDirectory() { return (mode & S_IFMT) == S_IFDIR; }

    public boolean isRegular() { return (mode & S_IFMT) == S_IFREG; }

    public boolean isSymlink() { return (mode & S_IFMT) == S_IFLNK; }

    /** The 104-byte little-endian guest struct. */
    public byte[] toBytes() {
        byte[] b = new byte[SIZE];
        put(b, 8, ino, 8);
        put(b, 16, mode, 4);
        put(b, 20, nlink, 4);
        put(b, 24, 0xFFFFFFFFL, 4); // st_uid
        put(b, 28, 0xFFFFFFFFL, 4); // st_gid
        put(b, 40, size, 8);
        put(b, 56, atime, 8);
        put(b, 72, mtime, 8);
        put(b, 88, ctime, 8);
        return b;
    }

    private static void put(byte[] b, int off, long v, int n) {
        for (int i = 0; i < n; i++) b[off + i] = (byte) (v >>> (8 * i));
    }
}
