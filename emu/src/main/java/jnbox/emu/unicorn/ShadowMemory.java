package jnbox.emu.unicorn;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import jnbox.emu.mem.SandboxMemory;

/**
 * A native copy of one {@link SandboxMemory}, which Unicorn maps with {@code uc_mem_map_ptr} so
 * that guest code runs on it directly. It is a 4 GiB anonymous {@code mmap} reservation
 * ({@code MAP_NORESERVE}): the host commits only the pages that are touched.
 *
 * <p>Synchronisation, so that both sides stay exact:
 * <ul>
 * <li>runtime to Unicorn: the shadow listens to the sandbox memory ({@link SandboxMemory.ChangeListener})
 *     and copies every byte the runtime writes (syscall buffers, loader, dyncode) at once, and the
 *     contents of freshly mapped pages; layout changes are forwarded to the engines, which remap
 *     their Unicorn regions before their next run;</li>
 * <li>Unicorn to runtime: each engine records the pages its guest stores touched and copies them back
 *     with {@link #copyBack} when a run stops.</li>
 * </ul>
 * All engines (guest threads) of one sandbox share its shadow, so guest stores of one thread are
 * visible to the others at once, as on hardware.
 */
final class ShadowMemory implements SandboxMemory.ChangeListener {
    private static final int PAGES = (int) (SandboxMemory.SIZE >>> SandboxMemory.PAGE_SHIFT);
    private static final int PAGE = SandboxMemory.PAGE_SIZE;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Map<SandboxMemory, WeakReference<ShadowMemory>> SHADOWS = new WeakHashMap<>();

    // mmap(2) constants for Linux x86-64.
    private static final int PROT_READ = 1, PROT_WRITE = 2;
    private static final int MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20, MAP_NORESERVE = 0x4000;
    private static final int MADV_DONTNEED = 4;

    final SandboxMemory memory;
    /** The 4 GiB reservation; user address u is at offset u. */
    final MemorySegment native4g;
    /** The page array whose bytes the shadow last copied, per page: tells fresh mappings from protection changes. */
    private final byte[][] known = new byte[PAGES][];
    private final CopyOnWriteArrayList<UnicornEngine> engines = new CopyOnWriteArrayList<>();

    /** The shadow of {@code memory}, created (and filled from it) on first use. */
    static ShadowMemory of(SandboxMemory memory) {
        synchronized (SHADOWS) {
            WeakReference<ShadowMemory> ref = SHADOWS.get(memory);
            ShadowMemory s = ref == null ? null : ref.get();
            if (s == null) {
                s = new ShadowMemory(memory);
                SHADOWS.put(memory, new WeakReference<>(s));
            }
            return s;
        }
    }

    private ShadowMemory(SandboxMemory memory) {
        UnicornLib.require();
        this.memory = memory;
        MemorySegment m;
        try {
            m = (MemorySegment) UnicornLib.H.MMAP.invokeExact(MemorySegment.NULL, SandboxMemory.SIZE,
                    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0L);
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
        if (m.address() == -1L) throw new IllegalStateException("mmap of the 4 GiB Unicorn shadow failed");
        native4g = m.reinterpret(SandboxMemory.SIZE);
        long address = m.address();
        CLEANER.register(this, () -> unmapReservation(address));
        synchronized (this) {
            memory.addChangeListener(this);
            refreshPages(0, PAGES - 1);
        }
    }

    private static void unmapReservation(long address) {
        try {
            int r = (int) UnicornLib.H.MUNMAP.invokeExact(MemorySegment.ofAddress(address), SandboxMemory.SIZE);
        } catch (Throwable ignored) {
            // nothing to do: the process keeps the reservation
        }
    }

    void register(UnicornEngine e) { engines.add(e); }

    void unregister(UnicornEngine e) { engines.remove(e); }

    /** Native address of user address {@code user}. */
    MemorySegment at(long user) {
        return native4g.asSlice(user);
    }

    // ---------------------------------------------------------------- runtime -> shadow

    @Override
    public synchronized void layoutChanged(long user, long len) {
        if (len <= 0) return;
        int first = (int) (user >>> SandboxMemory.PAGE_SHIFT);
        int last = (int) ((user + len - 1) >>> SandboxMemory.PAGE_SHIFT);
        refreshPages(first, last);
        for (UnicornEngine e : engines) e.layoutChanged(first, last);
    }

    @Override
    public synchronized void contentChanged(long user, long len) {
        if (len <= 0) return;
        long a = user, end = user + len;
        boolean code = false;
        while (a < end) {
            int p = (int) (a >>> SandboxMemory.PAGE_SHIFT);
            int off = (int) a & SandboxMemory.PAGE_MASK;
            int n = (int) Math.min(end - a, PAGE - off);
            byte[] d = memory.pageData(p);
            if (d != null) {
                MemorySegment.copy(d, off, native4g, JAVA_BYTE, a, n);
                known[p] = d;
            }
            code |= (memory.protOf(a) & jnbox.emu.mem.Prot.EXEC) != 0;
            a += n;
        }
        if (code) {
            for (UnicornEngine e : engines) e.codeChanged(user, len);
        }
    }

    /**
     * Copies pages whose backing array changed since the shadow last saw them (fresh mappings),
     * and releases the host memory of pages that were unmapped.
     */
    private void refreshPages(int first, int last) {
        int releaseFrom = -1;
        for (int p = first; p <= last; p++) {
            byte[] d = memory.pageData(p);
            boolean release = false;
            if (d != known[p]) {
                if (d != null) MemorySegment.copy(d, 0, native4g, JAVA_BYTE, (long) p * PAGE, PAGE);
                else release = true;
                known[p] = d;
            }
            if (release) {
                if (releaseFrom < 0) releaseFrom = p;
            } else if (releaseFrom >= 0) {
                release(releaseFrom, p);
                releaseFrom = -1;
            }
        }
        if (releaseFrom >= 0) release(releaseFrom, last + 1);
    }

    /** Gives pages [from, to) back to the host (they read as zero afterwards). */
    private void release(int from, int to) {
        try {
            int r = (int) UnicornLib.H.MADVISE.invokeExact(native4g.asSlice((long) from * PAGE),
                    (long) (to - from) * PAGE, MADV_DONTNEED);
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
    }

    // ---------------------------------------------------------------- shadow -> runtime

    /**
     * Copies page {@code p} from the shadow into the sandbox memory after guest stores; pages that
     * are no longer mapped there are skipped.
     */
    synchronized void copyBack(int p) {
        byte[] d = memory.pageDataForWrite(p);
        if (d == null) return;
        MemorySegment.copy(native4g, JAVA_BYTE, (long) p * PAGE, d, 0, PAGE);
        known[p] = d; // a page allocated just now (it was untouched) is in step with the shadow
    }
}
