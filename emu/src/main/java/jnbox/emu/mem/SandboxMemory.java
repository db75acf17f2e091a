package jnbox.emu.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The guest's 4 GiB address space (spec/nacl-abi.md §2).
 *
 * <p>Addresses given to the access methods are <em>sys addresses</em>: {@link #BASE} (the value
 * of r15) plus the 32-bit user address, exactly what validated code computes. Anything outside
 * [BASE, BASE + 4 GiB) faults, which is how the guard regions of the real sandbox behave.
 * Methods named {@code *User*} take user addresses (0 .. 2^32-1), for the loader and syscalls.
 *
 * <p>Storage is allocated lazily in 4 KiB pages ({@link #PAGE_SIZE}, NaCl's protection
 * granularity); the syscall layer enforces the 64 KiB allocation unit. A mapped page gets its own
 * bytes on its first write; until then it reads as the shared {@link #ZERO_PAGE}, so a 16 MiB
 * stack or a sparse data segment costs nothing until touched. Each access looks up one of three
 * page tables ({@code readable}, {@code writable}, {@code executable}): an entry is the page's
 * bytes when the access is allowed and null otherwise, so the hot path is one array load, one null
 * check and one VarHandle access. A write to a mapped, writable page that has no bytes yet takes
 * the miss path once ({@link #materialize}). Accesses that cross a page boundary take the slow
 * path.
 *
 * <p>{@link #codeGeneration(long)} counts changes to executable pages, so engines can drop cached
 * decodes or translations when code changes (dyncode_create/modify/delete).
 */
public final class SandboxMemory {
    /** r15: where user address 0 sits in the emulated 64-bit space. 4 GiB aligned and fixed, for determinism. */
    public static final long BASE = 0x0000_0100_0000_0000L;
    public static final long SIZE = 1L << 32;
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    public static final int PAGE_MASK = PAGE_SIZE - 1;
    public static final int ALLOC_UNIT = 64 * 1024;
    private static final int PAGES = (int) (SIZE >>> PAGE_SHIFT);

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** What an untouched mapped page reads as. Never written: writes materialize a page first. */
    private static final byte[] ZERO_PAGE = new byte[PAGE_SIZE];

    /** Each page's own bytes, or null while it is unmapped or untouched (reads as zero). */
    private final byte[][] data = new byte[PAGES][];
    private final byte[][] readable = new byte[PAGES][];
    private final byte[][] writable = new byte[PAGES][];
    private final byte[][] executable = new byte[PAGES][];
    private final byte[] prot = new byte[PAGES];
    private final boolean[] mapped = new boolean[PAGES];
    /** Bumped on every change to executable memory or to execute permission. */
    private volatile long codeGeneration;
    /** Observers of runtime-side changes (engines that keep their own copy of memory, e.g. Unicorn). */
    private volatile ChangeListener[] listeners = new ChangeListener[0];

    /**
     * Told about every change the runtime makes (mapping, protection, trusted writes), never about
     * stores by guest code. Engines that mirror guest memory outside this object (the Unicorn
     * engine) use it to stay exact. Called on the changing thread, after the change.
     */
    public interface ChangeListener {
        /** [user, user+len) was mapped (fresh zero pages), unmapped or changed protection. */
        void layoutChanged(long user, long len);

        /** The runtime wrote bytes [user, user+len) ({@link #writeUser}, {@link #poke}, {@link #fill}). */
        void contentChanged(long user, long len);
    }

    public synchronized void addChangeListener(ChangeListener l) {
        ChangeListener[] a = java.util.Arrays.copyOf(listeners, listeners.length + 1);
        a[a.length - 1] = l;
        listeners = a;
    }

    public synchronized void removeChangeListener(ChangeListener l) {
        listeners = java.util.Arrays.stream(listeners).filter(x -> x != l).toArray(ChangeListener[]::new);
    }

    private void layoutChanged(long user, long len) {
        for (ChangeListener l : listeners) l.layoutChanged(user, len);
    }

    private void contentChanged(long user, long len) {
        for (ChangeListener l : listeners) l.contentChanged(user, len);
    }

    /**
     * The backing bytes of page {@code page} (user address >>> PAGE_SHIFT), or null when the page
     * is unmapped or mapped but never written (it then reads as zero). For engines that mirror
     * memory: writes into it bypass protection, listeners and {@link #codeGeneration()}.
     */
    public byte[] pageData(int page) {
        return data[page];
    }

    /**
     * The backing bytes of mapped page {@code page}, allocated now if it was untouched; null when
     * the page is unmapped. For engines that copy guest stores back into this memory.
     */
    public byte[] pageDataForWrite(int page) {
        return mapped[page] ? materialize(page) : null;
    }

    /** Gives mapped page {@code p} its own zeroed bytes if it has none yet, and returns them. */
    private synchronized byte[] materialize(int p) {
        byte[] d = data[p];
        if (d == null) {
            d = new byte[PAGE_SIZE];
            data[p] = d;
            refreshTables(p);
        }
        return d;
    }

    // ---------------------------------------------------------------- mapping

    /** Maps [user, user+len) with {@code prot}, zero-filled. Existing contents are discarded. */
    public void map(long user, long len, int prot) {
        forPages(user, len, p -> {
            data[p] = null;
            mapped[p] = true;
            setProt(p, prot);
        });
        layoutChanged(user, len);
    }

    /** Changes protection of [user, user+len); unmapped pages stay inaccessible. */
    public void protect(long user, long len, int prot) {
        forPages(user, len, p -> {
            if (mapped[p]) setProt(p, prot);
        });
        layoutChanged(user, len);
    }

    /** Unmaps [user, user+len); the contents are gone. */
    public void unmap(long user, long len) {
        forPages(user, len, p -> {
            boolean wasExec = executable[p] != null;
            data[p] = readable[p] = writable[p] = executable[p] = null;
            prot[p] = 0;
            mapped[p] = false;
            if (wasExec) codeGeneration++;
        });
        layoutChanged(user, len);
    }

    public boolean isMapped(long user) {
        return user >= 0 && user < SIZE && mapped[(int) (user >>> PAGE_SHIFT)];
    }

    /** Protection of the page holding user address {@code user}; NONE when unmapped. */
    public int protOf(long user) {
        return user >= 0 && user < SIZE ? prot[(int) (user >>> PAGE_SHIFT)] : Prot.NONE;
    }

    /** True when every byte of [user, user+len) is mapped with at least {@code need} permissions. */
    public boolean isAccessible(long user, long len, int need) {
        if (len == 0) return user >= 0 && user <= SIZE;
        if (user < 0 || len < 0 || user + len > SIZE) return false;
        for (long p = user >>> PAGE_SHIFT, end = (user + len - 1) >>> PAGE_SHIFT; p <= end; p++) {
            if (!mapped[(int) p] || (prot[(int) p] & need) != need) return false;
        }
        return true;
    }

    public long codeGeneration() { return codeGeneration; }

    /** Same as {@link #codeGeneration()}; the address is accepted so per-page tracking can come later. */
    public long codeGeneration(long sysAddr) { return codeGeneration; }

    private void setProt(int p, int newProt) {
        boolean execChange = ((prot[p] & Prot.EXEC) != 0) || ((newProt & Prot.EXEC) != 0);
        prot[p] = (byte) newProt;
        refreshTables(p);
        if (execChange) codeGeneration++;
    }

    /** Recomputes the three access tables of page p from its protection and backing bytes. */
    private void refreshTables(int p) {
        int pr = prot[p];
        byte[] d = data[p];
        byte[] view = d != null ? d : ZERO_PAGE;
        readable[p] = (pr & Prot.READ) != 0 ? view : null;
        writable[p] = (pr & Prot.WRITE) != 0 ? d : null;
        executable[p] = (pr & Prot.EXEC) != 0 ? view : null;
    }

    /**
     * The write miss path: page {@code p} holds sys address {@code sys}. Allocates the page's bytes
     * if it is mapped writable but untouched; faults if it is not writable.
     */
    private byte[] writeMiss(int p, long sys) {
        if (!mapped[p] || (prot[p] & Prot.WRITE) == 0) throw GuestFault.segv(GuestFault.Kind.WRITE, sys);
        return materialize(p);
    }

    private interface PageAction { void apply(int page); }

    private static void forPages(long user, long len, PageAction action) {
        if (len <= 0) return;
        if (user < 0 || user + len > SIZE) throw new IllegalArgumentException("range outside the sandbox: 0x" + Long.toHexString(user) + "+0x" + Long.toHexString(len));
        for (long p = user >>> PAGE_SHIFT, end = (user + len - 1) >>> PAGE_SHIFT; p <= end; p++) action.apply((int) p);
    }

    // ---------------------------------------------------------------- guest accesses (sys addresses)

    private static int pageOf(long sys, GuestFault.Kind kind) {
        long u = sys - BASE;
        if ((u >>> 32) != 0) throw GuestFault.segv(kind, sys);
        return (int) (u >>> PAGE_SHIFT);
    }

    public byte read8(long sys) {
        byte[] pg = readable[pageOf(sys, GuestFault.Kind.READ)];
        if (pg == null) throw GuestFault.segv(GuestFault.Kind.READ, sys);
        return pg[(int) sys & PAGE_MASK];
    }

    public short read16(long sys) {
        int off = (int) sys & PAGE_MASK;
        if (off > PAGE_SIZE - 2) return (short) readSlow(sys, 2);
        byte[] pg = readable[pageOf(sys, GuestFault.Kind.READ)];
        if (pg == null) throw GuestFault.segv(GuestFault.Kind.READ, sys);
        return (short) I16.get(pg, off);
    }

    public int read32(long sys) {
        int off = (int) sys & PAGE_MASK;
        if (off > PAGE_SIZE - 4) return (int) readSlow(sys, 4);
        byte[] pg = readable[pageOf(sys, GuestFault.Kind.READ)];
        if (pg == null) throw GuestFault.segv(GuestFault.Kind.READ, sys);
        return (int) I32.get(pg, off);
    }

    public long read64(long sys) {
        int off = (int) sys & PAGE_MASK;
        if (off > PAGE_SIZE - 8) return readSlow(sys, 8);
        byte[] pg = readable[pageOf(sys, GuestFault.Kind.READ)];
        if (pg == null) throw GuestFault.segv(GuestFault.Kind.READ, sys);
        return (long) I64.get(pg, off);
    }

    public void write8(long sys, byte v) {
        int p = pageOf(sys, GuestFault.Kind.WRITE);
        byte[] pg = writable[p];
        if (pg == null) pg = writeMiss(p, sys);
        pg[(int) sys & PAGE_MASK] = v;
    }

    public void write16(long sys, short v) {
        int off = (int) sys & PAGE_MASK;
        if (off > PAGE_SIZE - 2) { writeSlow(sys, v, 2); return; }
        int p = pageOf(sys, GuestFault.Kind.WRITE);
        byte[] pg = writable[p];
        if (pg == null) pg = writeMiss(p, sys);
        I16.set(pg, off, v);
    }

    public void write32(long sys, int v) {
        int off = (int) sys & PAGE_MASK;
        if (off > PAGE_SIZE - 4) { writeSlow(sys, v, 4); return; }
        int p = pageOf(sys, GuestFault.Kind.WRITE);
        byte[] pg = writable[p];
        if (pg == null) pg = writeMiss(p, sys);
        I32.set(pg, off, v);
    }

    public void write64(long sys, long v) {
        int off = (int) sys & PAGE_MASK;
        if (off > PAGE_SIZE - 8) { writeSlow(sys, v, 8); return; }
        int p = pageOf(sys, GuestFault.Kind.WRITE);
        byte[] pg = writable[p];
        if (pg == null) pg = writeMiss(p, sys);
        I64.set(pg, off, v);
    }

    /** Little-endian read of {@code n} bytes that may cross a page; every page is checked first. */
    private long readSlow(long sys, int n) {
        for (int i = 0; i < n; i++) {
            if (readable[pageOf(sys + i, GuestFault.Kind.READ)] == null) throw GuestFault.segv(GuestFault.Kind.READ, sys + i);
        }
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = (v << 8) | (read8(sys + i) & 0xFF);
        return v;
    }

    /** Checks every page before writing any byte, so a faulting write changes nothing (as on hardware). */
    private void writeSlow(long sys, long v, int n) {
        for (int i = 0; i < n; i++) checkWritable1(sys + i);
        for (int i = 0; i < n; i++) write8(sys + i, (byte) (v >>> (8 * i)));
    }

    /** Checks that [sys, sys+len) is writable, for multi-part stores that must be all-or-nothing. */
    public void checkWritable(long sys, int len) {
        for (long a = sys; a < sys + len; a = (a | PAGE_MASK) + 1) checkWritable1(a);
        if (len > 0) checkWritable1(sys + len - 1);
    }

    /** Faults unless the byte at {@code sys} may be written (a mapped, writable page). */
    private void checkWritable1(long sys) {
        int p = pageOf(sys, GuestFault.Kind.WRITE);
        if (writable[p] == null && (!mapped[p] || (prot[p] & Prot.WRITE) == 0)) throw GuestFault.segv(GuestFault.Kind.WRITE, sys);
    }

    /** One instruction byte for the decoder: needs execute permission. */
    public byte fetch8(long sys) {
        byte[] pg = executable[pageOf(sys, GuestFault.Kind.EXEC)];
        if (pg == null) throw GuestFault.segv(GuestFault.Kind.EXEC, sys);
        return pg[(int) sys & PAGE_MASK];
    }

    /** True when the byte at {@code sys} may be executed. */
    public boolean isExecutable(long sys) {
        long u = sys - BASE;
        return (u >>> 32) == 0 && executable[(int) (u >>> PAGE_SHIFT)] != null;
    }

    // ---------------------------------------------------------------- trusted accesses (user addresses)

    /**
     * Copies guest bytes for a syscall. Requires READ on every page (EFAULT otherwise, which the
     * caller reports); returns false without copying when any page is not readable.
     */
    public boolean readUser(long user, byte[] dst, int off, int len) {
        if (!isAccessible(user, len, Prot.READ)) return false;
        copy(user, dst, off, len, false);
        return true;
    }

    /** Writes guest bytes for a syscall; all-or-nothing, false when any page is not writable. */
    public boolean writeUser(long user, byte[] src, int off, int len) {
        if (!isAccessible(user, len, Prot.WRITE)) return false;
        copy(user, src, off, len, true);
        contentChanged(user, len);
        return true;
    }

    /** Loader and dyncode installation: writes regardless of protection, into mapped pages only. */
    public void poke(long user, byte[] src, int off, int len) {
        if (len == 0) return;
        for (long p = user >>> PAGE_SHIFT, end = (user + len - 1) >>> PAGE_SHIFT; p <= end; p++) {
            if (!mapped[(int) p]) throw new IllegalStateException("poke into unmapped page 0x" + Long.toHexString(p << PAGE_SHIFT));
            if (executable[(int) p] != null) codeGeneration++;
        }
        copy(user, src, off, len, true);
        contentChanged(user, len);
    }

    /** Reads regardless of protection (mapped pages only; unmapped read as zero): loader, tracing, tests. */
    public void peek(long user, byte[] dst, int off, int len) {
        long a = user;
        int o = off, left = len;
        while (left > 0) {
            int p = (int) (a >>> PAGE_SHIFT);
            int po = (int) a & PAGE_MASK;
            int n = Math.min(left, PAGE_SIZE - po);
            byte[] d = data[p];
            if (d == null) Arrays.fill(dst, o, o + n, (byte) 0);
            else System.arraycopy(d, po, dst, o, n);
            a += n; o += n; left -= n;
        }
    }

    /** Fills mapped bytes regardless of protection (HLT padding, zeroing bss). */
    public void fill(long user, long len, byte value) {
        long a = user, left = len;
        while (left > 0) {
            int p = (int) (a >>> PAGE_SHIFT);
            int po = (int) a & PAGE_MASK;
            int n = (int) Math.min(left, PAGE_SIZE - po);
            if (!mapped[p]) throw new IllegalStateException("fill of unmapped page 0x" + Long.toHexString(a));
            if (value != 0 || data[p] != null) Arrays.fill(materialize(p), po, po + n, value);
            if (executable[p] != null) codeGeneration++;
            a += n; left -= n;
        }
        contentChanged(user, len);
    }

    private void copy(long user, byte[] buf, int off, int len, boolean toGuest) {
        long a = user;
        int o = off, left = len;
        while (left > 0) {
            int p = (int) (a >>> PAGE_SHIFT);
            int po = (int) a & PAGE_MASK;
            int n = Math.min(left, PAGE_SIZE - po);
            if (toGuest) System.arraycopy(buf, o, materialize(p), po, n);
            else if (data[p] != null) System.arraycopy(data[p], po, buf, o, n);
            else Arrays.fill(buf, o, o + n, (byte) 0);
            a += n; o += n; left -= n;
        }
    }

    /** Reads a NUL-terminated string of at most {@code max} bytes (excluding NUL); null if unreadable or unterminated. */
    public byte[] readCString(long user, int max) {
        byte[] out = new byte[Math.min(max, 256)];
        int n = 0;
        for (long a = user; ; a++) {
            if (n > max) return null;
            if (!isAccessible(a, 1, Prot.READ)) return null;
            byte[] d = data[(int) (a >>> PAGE_SHIFT)];
            byte b = d == null ? 0 : d[(int) a & PAGE_MASK];
            if (b == 0) return Arrays.copyOf(out, n);
            if (n == out.length) out = Arrays.copyOf(out, Math.min(out.length * 2, max + 1));
            out[n++] = b;
        }
    }

    public int readUser32(long user) {
        byte[] b = new byte[4];
        peek(user, b, 0, 4);
        return (int) I32.get(b, 0);
    }

    public long readUser64(long user) {
        byte[] b = new byte[8];
        peek(user, b, 0, 8);
        return (long) I64.get(b, 0);
    }
}
