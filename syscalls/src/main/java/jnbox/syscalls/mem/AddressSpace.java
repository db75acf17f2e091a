package jnbox.syscalls.mem;

import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import jnbox.vfs.Errno;
import jnbox.syscalls.SyscallException;

/**
 * sel_ldr's mapping table and the rules of mmap, munmap, mprotect and brk
 * (spec/nacl-abi.md §4.6, {@code sys_memory.c}, {@code sel_mem.c}), at the 64 KiB allocation
 * granularity ({@code NACL_MAP_PAGESIZE}). The table records which 64 KiB pages are in use and
 * the most protection each may be given; {@link SandboxMemory} holds the bytes and the current
 * 4 KiB protections.
 */
public final class AddressSpace {
    public static final long MAP_PAGE = SandboxMemory.ALLOC_UNIT;
    public static final int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20;
    private static final int PAGES = (int) (SandboxMemory.SIZE / MAP_PAGE);
    /** Table value of a page not in the mapping table; otherwise 1 + max prot. */
    private static final byte FREE = 0;

    private final SandboxMemory memory;
    private final byte[] table = new byte[PAGES];
    private final long dynamicTextEnd;
    private final long initialBreak;
    private long breakAddr;
    /** End of the mapping that holds the byte before the break. */
    private long breakMappingEnd;
    /** Most 64 KiB pages the table may hold: mmap and brk beyond it fail (ENOMEM / unchanged break). */
    private final long limitPages;
    private long usedPages;

    /**
     * Builds the table from what the loader mapped: every 64 KiB page that holds a mapped 4 KiB
     * page, plus everything below 0x20000 (null region and trampolines), is in use.
     *
     * @param dynamicTextEnd end of the dynamic-text region; nothing below it may be mapped or changed
     * @param initialBreak   the initial break (end of bss)
     */
    public AddressSpace(SandboxMemory memory, long dynamicTextEnd, long initialBreak) {
        this(memory, dynamicTextEnd, initialBreak, Runtime.getRuntime().maxMemory() / 2);
    }

    /** @param memoryLimit most bytes of pages the guest may have mapped (Java heap they occupy) */
    public AddressSpace(SandboxMemory memory, long dynamicTextEnd, long initialBreak, long memoryLimit) {
        this.memory = memory;
        this.limitPages = memoryLimit / MAP_PAGE;
        this.dynamicTextEnd = dynamicTextEnd;
        this.initialBreak = initialBreak;
        this.breakAddr = initialBreak;
        this.breakMappingEnd = roundUp(initialBreak);
        for (int p = 0; p < PAGES; p++) {
            long base = p * MAP_PAGE;
            boolean used = base < 0x20000;
            for (long a = base; !used && a < base + MAP_PAGE; a += SandboxMemory.PAGE_SIZE) used = memory.isMapped(a);
            if (used) {
                table[p] = (byte) (1 + Prot.RW);
                usedPages++;
            }
        }
    }

    public long dynamicTextEnd() { return dynamicTextEnd; }

    public long breakAddr() { return breakAddr; }

    /** True when the 64 KiB page holding {@code user} is in the mapping table. */
    public boolean inUse(long user) { return table[(int) (user / MAP_PAGE)] != FREE; }

    public static long roundUp(long v) { return (v + MAP_PAGE - 1) & -MAP_PAGE; }

    public static long truncate(long v) { return v & -MAP_PAGE; }

    // ------------------------------------------------------------------ brk

    /**
     * brk(new_break) (§4.6): returns the break after the call. 0, addresses below the initial
     * break and requests that would run into another mapping leave it unchanged.
     */
    public long brk(long newBreak) {
        if (newBreak == 0 || newBreak < initialBreak || newBreak > SandboxMemory.SIZE) return breakAddr;
        if (newBreak > breakMappingEnd) {
            long newEnd = roundUp(newBreak);
            for (long a = breakMappingEnd; a < newEnd; a += MAP_PAGE) {
                if (inUse(a)) return breakAddr;
            }
            if (!fits(breakMappingEnd, newEnd - breakMappingEnd)) return breakAddr;
            memory.map(breakMappingEnd, newEnd - breakMappingEnd, Prot.RW);
            mark(breakMappingEnd, newEnd - breakMappingEnd, Prot.RW);
            breakMappingEnd = newEnd;
        }
        if (newBreak > breakAddr) zeroMapped(breakAddr, newBreak);
        breakAddr = newBreak;
        return breakAddr;
    }

    /** Zero-fills the mapped bytes of [from, to) (a loader may leave bss pages past a segment unmapped). */
    private void zeroMapped(long from, long to) {
        for (long a = from; a < to; ) {
            long next = Math.min(to, (a | SandboxMemory.PAGE_MASK) + 1);
            if (memory.isMapped(a)) memory.fill(a, next - a, (byte) 0);
            a = next;
        }
    }

    // ------------------------------------------------------------------ mmap

    /** Where a new mapping of {@code len} bytes goes without MAP_FIXED (§4.6 rule 8); ENOMEM if nowhere. */
    public long place(long hint, long len) {
        int n = (int) (len / MAP_PAGE);
        if (hint != 0) {
            for (int p = (int) (hint / MAP_PAGE), run = 0; p < PAGES; p++) {
                run = table[p] == FREE ? run + 1 : 0;
                if (run == n) return (p - n + 1) * MAP_PAGE;
            }
        }
        for (int p = PAGES - 1, run = 0; p >= 0; p--) {
            run = table[p] == FREE ? run + 1 : 0;
            if (run == n) return p * MAP_PAGE;
        }
        throw new SyscallException(Errno.ENOMEM);
    }

    /**
     * mmap after its arguments were checked (§4.6): maps [addr, addr+len) with {@code prot},
     * zero-filled, then copies {@code content} (file bytes from the offset; may be shorter
     * than len). For a file mapping past end of file only the 4 KiB page holding the end stays
     * accessible; later pages are PROT_NONE but recorded (rule 12).
     */
    public void map(long addr, long len, int prot, int maxProt, byte[] content, boolean fileBacked) {
        checkCommit(addr, len);
        memory.map(addr, len, Prot.RW);
        if (content != null && content.length > 0) memory.poke(addr, content, 0, (int) Math.min(content.length, len));
        memory.protect(addr, len, prot);
        if (fileBacked) {
            long accessibleEnd = (addr + (content == null ? 0 : content.length) + SandboxMemory.PAGE_MASK) & ~(long) SandboxMemory.PAGE_MASK;
            if (accessibleEnd < addr + len) memory.protect(accessibleEnd, addr + len - accessibleEnd, Prot.NONE);
        }
        mark(addr, len, maxProt);
    }

    /** ENOMEM when mapping [addr, addr+len) would take the guest past its memory limit. */
    public void checkCommit(long addr, long len) {
        if (!fits(addr, len)) throw new SyscallException(Errno.ENOMEM);
    }

    private boolean fits(long addr, long len) {
        long fresh = 0;
        for (long a = addr; a < addr + len; a += MAP_PAGE) if (!inUse(a)) fresh++;
        return usedPages + fresh <= limitPages;
    }

    // ------------------------------------------------------------------ munmap, mprotect

    /** munmap(addr, len) (§4.6). */
    public void munmap(long addr, long len) {
        if (addr % MAP_PAGE != 0) throw new SyscallException(Errno.EINVAL);
        long size = roundUp(len);
        if (size == 0) throw new SyscallException(Errno.EINVAL);
        if (addr + size > SandboxMemory.SIZE) throw new SyscallException(Errno.EFAULT);
        if (addr < dynamicTextEnd) throw new SyscallException(Errno.EINVAL);
        memory.unmap(addr, size);
        for (long a = addr; a < addr + size; a += MAP_PAGE) {
            int p = (int) (a / MAP_PAGE);
            if (table[p] != FREE) usedPages--;
            table[p] = FREE;
        }
    }

    /** mprotect(addr, len, prot) (§4.6): every refusal but alignment and range is EACCES. */
    public void mprotect(long addr, long len, int prot) {
        if (addr % MAP_PAGE != 0) throw new SyscallException(Errno.EINVAL);
        long size = roundUp(len);
        if (size == 0) throw new SyscallException(Errno.EINVAL);
        if (addr + size > SandboxMemory.SIZE) throw new SyscallException(Errno.EFAULT);
        if ((prot & ~Prot.RW) != 0 || addr < dynamicTextEnd) throw new SyscallException(Errno.EACCES);
        for (long a = addr; a < addr + size; a += MAP_PAGE) {
            int t = table[(int) (a / MAP_PAGE)];
            if (t == FREE || (prot & ~(t - 1)) != 0) throw new SyscallException(Errno.EACCES);
        }
        memory.protect(addr, size, prot);
    }

    private void mark(long addr, long len, int maxProt) {
        for (long a = addr; a < addr + len; a += MAP_PAGE) {
            int p = (int) (a / MAP_PAGE);
            if (table[p] == FREE) usedPages++;
            table[p] = (byte) (1 + maxProt);
        }
    }
}
