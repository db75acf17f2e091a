package jnbox.syscalls.run;

import jnbox.emu.mem.SandboxMemory;
import jnbox.vfs.Errno;
import jnbox.syscalls.SyscallException;
import jnbox.vfs.Vfs;

/**
 * Trusted access to guest memory for syscalls: every method checks the whole range first and
 * throws EFAULT (spec/nacl-abi.md §4.1) when any byte is not accessible, so a refused call
 * changes nothing. Address 0 is EFAULT even for an empty range, as sel_ldr's
 * NaClUserToSysAddrRange refuses it (§4.2 read: "buf=0 is invalid"). Addresses are user addresses.
 */
public final class UserMemory {
    /** {@code NACL_CONFIG_PATH_MAX}: a path including its NUL (§4.2). */
    public static final int PATH_MAX = 1024;

    private final SandboxMemory memory;

    public UserMemory(SandboxMemory memory) { this.memory = memory; }

    public SandboxMemory memory() { return memory; }

    /** Copies {@code len} guest bytes out. */
    public byte[] read(long ptr, int len) {
        byte[] b = new byte[len];
        if (ptr == 0 || !memory.readUser(ptr, b, 0, len)) throw efault();
        return b;
    }

    /** Copies bytes into guest memory. */
    public void write(long ptr, byte[] src, int off, int len) {
        if (ptr == 0 || !memory.writeUser(ptr, src, off, len)) throw efault();
    }

    /** Fails with EFAULT unless [ptr, ptr+len) is writable (checked before an operation with effects). */
    public void checkWritable(long ptr, long len) {
        if (ptr == 0 || !memory.isAccessible(ptr, len, jnbox.emu.mem.Prot.WRITE)) throw efault();
    }

    public void checkReadable(long ptr, long len) {
        if (ptr == 0 || !memory.isAccessible(ptr, len, jnbox.emu.mem.Prot.READ)) throw efault();
    }

    public int readI32(long ptr) {
        byte[] b = read(ptr, 4);
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }

    public long readI64(long ptr) {
        byte[] b = read(ptr, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (b[i] & 0xFF);
        return v;
    }

    public void writeI32(long ptr, int v) {
        write(ptr, le(v, 4), 0, 4);
    }

    public void writeI64(long ptr, long v) {
        write(ptr, le(v, 8), 0, 8);
    }

    /** Little-endian bytes of {@code v}. */
    public static byte[] le(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (v >>> (8 * i));
        return b;
    }

    /**
     * A NUL-terminated path of at most 1023 bytes: ENAMETOOLONG when longer, EFAULT when
     * unreadable (§4.2); bytes that are not UTF-8 are EINVAL ({@link Vfs#decodePath}).
     */
    public String path(long ptr) {
        byte[] b = memory.readCString(ptr, PATH_MAX - 1);
        if (b == null) {
            // Distinguish "too long" from "unreadable": the first PATH_MAX bytes are readable and hold no NUL.
            byte[] probe = new byte[PATH_MAX];
            if (memory.readUser(ptr, probe, 0, PATH_MAX)) throw new SyscallException(Errno.ENAMETOOLONG);
            throw efault();
        }
        return Vfs.decodePath(b);
    }

    private static SyscallException efault() { return new SyscallException(Errno.EFAULT); }
}
