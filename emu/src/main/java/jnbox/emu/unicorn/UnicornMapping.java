package jnbox.emu.unicorn;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jnbox.emu.engine.Engine;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;

/**
 * Keeps one Unicorn instance's memory map equal to the sandbox's, over the shared
 * {@link ShadowMemory}, and finds the pages guest stores changed.
 *
 * <p><b>Layout.</b> Unicorn regions are {@code uc_mem_map_ptr} windows onto the shadow at sys address
 * {@code BASE + user}, one per run of pages with equal protection, rebuilt for the pages the runtime
 * remapped or reprotected since the last run. The trampoline pages lose EXEC (a fetch there is a syscall).
 *
 * <p><b>Guest stores.</b> The engine's {@code UC_HOOK_MEM_WRITE} hook calls {@link #stored} for every
 * guest store, which marks the page in a bitmap; {@link #afterRun} copies the marked pages back into
 * the sandbox memory. An upcall per store costs about 0.1 us. Mapping clean pages read-only and
 * catching the first store was tried and measured: it needs a region remap per first store to a
 * page, which took about 1 ms each in Unicorn 2.0.1 (writing 16 MiB took 4 s), and changing
 * protection from inside a hook crashes it.
 */
final class UnicornMapping {
    private static final int PAGES = (int) (SandboxMemory.SIZE >>> SandboxMemory.PAGE_SHIFT);
    private static final int PAGE = SandboxMemory.PAGE_SIZE;
    private static final byte UNMAPPED = 8;
    private static final int TRAMP_FIRST = (int) (Engine.TRAMPOLINE_START >>> SandboxMemory.PAGE_SHIFT);
    private static final int TRAMP_LAST = (int) ((Engine.TRAMPOLINE_END - 1) >>> SandboxMemory.PAGE_SHIFT);

    private final MemorySegment uc;
    private final SandboxMemory memory;
    private final ShadowMemory shadow;
    private final Runnable translationsDropped;
    /** Unicorn's current protection per page (0..7), or UNMAPPED. */
    private final byte[] ucProt = new byte[PAGES];
    /** Pages guest stores touched in the current run, as a bitmap, and the range holding them. */
    private final long[] dirty = new long[PAGES / 64];
    private int dirtyMin = Integer.MAX_VALUE, dirtyMax = -1;
    /** The regions this instance mapped: first page to end page (exclusive). */
    private final TreeMap<Integer, Integer> regions = new TreeMap<>();

    // Work queued by the runtime's changes (possibly from other threads); guarded by this.
    private int layoutFirst = 0, layoutLast = PAGES - 1;
    private long codeFrom = Long.MAX_VALUE, codeTo = Long.MIN_VALUE;

    UnicornMapping(MemorySegment uc, SandboxMemory memory, ShadowMemory shadow, Runnable translationsDropped) {
        this.uc = uc;
        this.memory = memory;
        this.shadow = shadow;
        this.translationsDropped = translationsDropped;
        Arrays.fill(ucProt, UNMAPPED);
    }

    synchronized void layoutChanged(int first, int last) {
        layoutFirst = Math.min(layoutFirst, first);
        layoutLast = Math.max(layoutLast, last);
    }

    synchronized void codeChanged(long user, long len) {
        codeFrom = Math.min(codeFrom, user);
        codeTo = Math.max(codeTo, user + len);
    }

    // ---------------------------------------------------------------- before a run

    /** Applies the runtime's changes: drops stale translations, remaps changed pages. */
    void sync() {
        int first, last;
        long cFrom, cTo;
        synchronized (this) {
            first = layoutFirst;
            last = layoutLast;
            cFrom = codeFrom;
            cTo = codeTo;
            layoutFirst = Integer.MAX_VALUE;
            layoutLast = -1;
            codeFrom = Long.MAX_VALUE;
            codeTo = Long.MIN_VALUE;
        }
        if (cFrom < cTo) dropTranslations(cFrom, cTo);
        if (first > last) return;
        for (int p = first; p <= last; ) {
            if (wantedProt(p) == ucProt[p]) { p++; continue; }
            int q = p;
            while (q <= last && wantedProt(q) != ucProt[q]) q++;
            rebuild(p, q);
            p = Math.max(q, p + 1);
        }
    }

    /** The sandbox's protection for page p as Unicorn should see it: no EXEC on the trampolines. */
    private byte wantedProt(int p) {
        int prot = memory.protOf((long) p << SandboxMemory.PAGE_SHIFT); // NONE when unmapped
        if (p >= TRAMP_FIRST && p <= TRAMP_LAST) prot &= ~Prot.EXEC;
        return prot == 0 ? UNMAPPED : (byte) prot;
    }

    /**
     * Remaps pages [from, to) with their wanted protection: the regions overlapping them are unmapped
     * whole and the range is mapped again, one region per run of equal protection. (A partial unmap or
     * protect makes Unicorn split the region the same way; doing it here keeps {@link #regions} exact
     * and never changes a region from inside a hook, which crashes Unicorn 2.0.1.) Neighbours are not
     * merged, so a change never remaps more than the regions it touches.
     */
    private void rebuild(int from, int to) {
        Map.Entry<Integer, Integer> e = regions.floorEntry(from);
        if (e != null && e.getValue() > from) from = e.getKey();
        e = regions.lowerEntry(to);
        if (e != null && e.getValue() > to) to = e.getValue();
        for (Map.Entry<Integer, Integer> r : List.copyOf(regions.subMap(from, true, to, false).entrySet())) {
            int rs = r.getKey(), re = r.getValue();
            // Translations must go while the pages are still mapped (Unicorn looks them up).
            if ((ucProt[rs] & Prot.EXEC) != 0) removeCache(sys(rs), sys(re));
            unmap(rs, re);
            regions.remove(rs);
            for (int i = rs; i < re; i++) ucProt[i] = UNMAPPED;
        }
        for (int p = from; p < to; ) {
            byte want = wantedProt(p);
            int q = p + 1;
            while (q < to && wantedProt(q) == want) q++;
            if (want != UNMAPPED) {
                mapPtr(p, q, want);
                regions.put(p, q);
            }
            for (int i = p; i < q; i++) ucProt[i] = want;
            p = q;
        }
    }

    private void mapPtr(int from, int to, byte prot) {
        MemorySegment host = shadow.at((long) from * PAGE);
        int err;
        try {
            err = (int) UnicornLib.H.MEM_MAP_PTR.invokeExact(uc, sys(from), len(from, to), (int) prot, host);
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
        check("uc_mem_map_ptr", err);
    }

    private void unmap(int from, int to) {
        int err;
        try {
            err = (int) UnicornLib.H.MEM_UNMAP.invokeExact(uc, sys(from), len(from, to));
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
        check("uc_mem_unmap", err);
    }

    private static long len(int from, int to) { return (long) (to - from) * PAGE; }

    static long sys(int page) {
        return SandboxMemory.BASE + ((long) page << SandboxMemory.PAGE_SHIFT);
    }

    /** Drops translations of code in user range [from, to), where Unicorn has it executable. */
    private void dropTranslations(long from, long to) {
        int first = (int) (Math.max(0, from) >>> SandboxMemory.PAGE_SHIFT);
        int last = (int) ((Math.min(to, SandboxMemory.SIZE) - 1) >>> SandboxMemory.PAGE_SHIFT);
        for (int p = first; p <= last; p++) {
            if (ucProt[p] != UNMAPPED && (ucProt[p] & Prot.EXEC) != 0) removeCache(sys(p), sys(p + 1));
        }
        translationsDropped.run();
    }

    /** UC_CTL_TB_REMOVE_CACHE over sys range [from, to), which must be mapped. */
    void removeCache(long from, long to) {
        int err;
        try {
            err = (int) UnicornLib.H.CTL_2LONG.invokeExact(uc, Uc.CTL_TB_REMOVE_CACHE, from, to);
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
        check("uc_ctl(TB_REMOVE_CACHE)", err);
    }

    // ---------------------------------------------------------------- during a run

    /** A guest store of {@code size} bytes at sys address {@code sys} (from the write hook). */
    void stored(long sys, int size) {
        mark(sys);
        if (((sys ^ (sys + size - 1)) & ~(long) SandboxMemory.PAGE_MASK) != 0) mark(sys + size - 1);
    }

    private void mark(long sys) {
        long u = sys - SandboxMemory.BASE;
        if ((u >>> 32) != 0) return;
        int p = (int) (u >>> SandboxMemory.PAGE_SHIFT);
        dirty[p >>> 6] |= 1L << p;
        if (p < dirtyMin) dirtyMin = p;
        if (p > dirtyMax) dirtyMax = p;
    }

    // ---------------------------------------------------------------- after a run

    /** Copies the pages guest stores touched back into the sandbox memory. */
    void afterRun() {
        if (dirtyMax < 0) return;
        for (int w = dirtyMin >>> 6; w <= dirtyMax >>> 6; w++) {
            long bits = dirty[w];
            if (bits == 0) continue;
            dirty[w] = 0;
            while (bits != 0) {
                shadow.copyBack((w << 6) | Long.numberOfTrailingZeros(bits));
                bits &= bits - 1;
            }
        }
        dirtyMin = Integer.MAX_VALUE;
        dirtyMax = -1;
    }

    static void check(String what, int err) {
        if (err != Uc.ERR_OK) throw new IllegalStateException(what + ": " + UnicornLib.strerror(err));
    }
}
