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
 * <p><b>Guest stores.</b> A writable data page is mapped read-only ("armed") until the guest first
 * stores to it; that store raises a write-protection event, {@link #onWriteProt} makes the page
 * writable ("hot") and the store is retried. Hot pages are copied back into the sandbox memory after
 * every run, so the runtime sees every store; when there are more than {@link #HOT_MAX} of them
 * their regions are rebuilt armed (which also undoes the region splitting of {@code uc_mem_protect}).
 * This costs nothing per store, unlike a {@code UC_HOOK_MEM_WRITE} hook (an upcall per store).
 */
final class UnicornMapping {
    private static final int PAGES = (int) (SandboxMemory.SIZE >>> SandboxMemory.PAGE_SHIFT);
    private static final int PAGE = SandboxMemory.PAGE_SIZE;
    private static final byte UNMAPPED = 8;
    private static final int TRAMP_FIRST = (int) (Engine.TRAMPOLINE_START >>> SandboxMemory.PAGE_SHIFT);
    private static final int TRAMP_LAST = (int) ((Engine.TRAMPOLINE_END - 1) >>> SandboxMemory.PAGE_SHIFT);
    /** Hot pages kept writable across runs before they are re-armed (copy-back cost per run: HOT_MAX pages). */
    static final int HOT_MAX = 128;

    private final MemorySegment uc;
    private final SandboxMemory memory;
    private final ShadowMemory shadow;
    private final Runnable translationsDropped;
    /** Unicorn's current protection per page (0..7), or UNMAPPED. */
    private final byte[] ucProt = new byte[PAGES];
    private final boolean[] hot = new boolean[PAGES];
    /** The regions this instance mapped: first page to end page (exclusive). */
    private final TreeMap<Integer, Integer> regions = new TreeMap<>();
    private int[] hotList = new int[HOT_MAX * 2];
    private int hotCount;

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
        for (int i = 0; i < hotCount; ) {
            int p = hotList[i];
            if (p >= first && p <= last) {
                hot[p] = false;
                hotList[i] = hotList[--hotCount];
            } else {
                i++;
            }
        }
        for (int p = first; p <= last; ) {
            if (armedProt(p) == ucProt[p]) { p++; continue; }
            int q = p;
            while (q <= last && armedProt(q) != ucProt[q]) q++;
            rebuild(p, q);
            p = Math.max(q, p + 1);
        }
    }

    /** The sandbox's protection for page p as Unicorn should see it: no EXEC on the trampolines. */
    private byte wantedProt(int p) {
        int prot = memory.pageData(p) == null ? 0 : memory.protOf((long) p << SandboxMemory.PAGE_SHIFT);
        if (p >= TRAMP_FIRST && p <= TRAMP_LAST) prot &= ~Prot.EXEC;
        return prot == 0 ? UNMAPPED : (byte) prot;
    }

    private static boolean armable(byte prot) {
        return prot == Prot.RW;
    }

    /** What Unicorn maps page p with now: the wanted protection, read-only while a writable page is armed. */
    private byte armedProt(int p) {
        byte w = wantedProt(p);
        return armable(w) && !hot[p] ? (byte) Prot.READ : w;
    }

    /**
     * Remaps pages [from, to) with their armed protection. Unicorn 2.0.1 mishandles partial unmaps and
     * protection changes of {@code uc_mem_map_ptr} regions (the split regions point at the wrong
     * bytes), so whole regions are unmapped and the range is mapped again, one region per run of equal
     * protection; equal neighbours are merged in, which keeps the region count low.
     */
    private void rebuild(int from, int to) {
        Map.Entry<Integer, Integer> e = regions.floorEntry(from);
        if (e != null && e.getValue() > from) from = e.getKey();
        e = regions.lowerEntry(to);
        if (e != null && e.getValue() > to) to = e.getValue();
        // Merge equal, non-executable neighbours.
        e = regions.lowerEntry(from);
        if (e != null && e.getValue() == from && mergeable(e.getKey(), from)) from = e.getKey();
        e = regions.ceilingEntry(to);
        if (e != null && e.getKey() == to && mergeable(to, to - 1)) to = e.getValue();
        for (Map.Entry<Integer, Integer> r : List.copyOf(regions.subMap(from, true, to, false).entrySet())) {
            int rs = r.getKey(), re = r.getValue();
            // Translations must go while the pages are still mapped (Unicorn looks them up).
            if ((ucProt[rs] & Prot.EXEC) != 0) removeCache(sys(rs), sys(re));
            unmap(rs, re);
            regions.remove(rs);
            for (int i = rs; i < re; i++) ucProt[i] = UNMAPPED;
        }
        for (int p = from; p < to; ) {
            byte want = armedProt(p);
            int q = p;
            while (q < to && armedProt(q) == want) q++;
            if (want != UNMAPPED) {
                mapPtr(p, q, want);
                regions.put(p, q);
            }
            for (int i = p; i < q; i++) ucProt[i] = want;
            p = q;
        }
    }

    /** True when the region at page {@code region} can merge with page {@code page}'s new protection. */
    private boolean mergeable(int region, int page) {
        byte prot = ucProt[region];
        return prot != UNMAPPED && (prot & Prot.EXEC) == 0 && prot == armedProt(page) && armedProt(region) == prot;
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

    /** True when a store to [sysAddress, +size) hit an armed page (a writable page mapped read-only). */
    boolean isArmed(long sysAddress, int size) {
        int first = page(sysAddress), last = page(sysAddress + Math.max(size, 1) - 1);
        if (first < 0 || last < 0) return false;
        for (int p = first; p <= last; p++) if (armed(p)) return true;
        return false;
    }

    private boolean armed(int p) {
        return ucProt[p] == Prot.READ && !hot[p] && armable(wantedProt(p));
    }

    /**
     * Makes the armed pages of [sysAddress, +size) hot (writable), outside emulation: changing
     * protection from inside a Unicorn 2.0.1 hook crashes it (the region is split while in use).
     */
    void makeHot(long sysAddress, int size) {
        int first = page(sysAddress), last = page(sysAddress + Math.max(size, 1) - 1);
        for (int p = first; p <= last; p++) {
            if (!armed(p)) continue;
            hot[p] = true;
            if (hotCount == hotList.length) hotList = Arrays.copyOf(hotList, hotCount * 2);
            hotList[hotCount++] = p;
            rebuild(p, p + 1);
        }
    }

    private static int page(long sys) {
        long u = sys - SandboxMemory.BASE;
        return (u >>> 32) != 0 ? -1 : (int) (u >>> SandboxMemory.PAGE_SHIFT);
    }

    // ---------------------------------------------------------------- after a run

    /** Copies every hot page back into the sandbox memory; re-arms them all when there are too many. */
    void afterRun() {
        for (int i = 0; i < hotCount; i++) shadow.copyBack(hotList[i]);
        if (hotCount > HOT_MAX) rearm();
    }

    /** Makes every hot page armed (read-only) again, merging the regions back. */
    private void rearm() {
        int[] pages = Arrays.copyOf(hotList, hotCount);
        Arrays.sort(pages);
        for (int p : pages) hot[p] = false;
        hotCount = 0;
        for (int p : pages) if (ucProt[p] != armedProt(p)) rebuild(p, p + 1);
    }

    static void check(String what, int err) {
        if (err != Uc.ERR_OK) throw new IllegalStateException(what + ": " + UnicornLib.strerror(err));
    }
}
