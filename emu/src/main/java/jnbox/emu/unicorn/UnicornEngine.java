package jnbox.emu.unicorn;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.GuestFault;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;

/**
 * Runs guest code on the Unicorn 2 library (QEMU's TCG) through the FFM API: an independent x86-64
 * implementation behind jnbox's own loader and syscalls ({@code jnbox run --engine unicorn}), and
 * the reference of the lockstep tester.
 *
 * <p><b>Memory.</b> Unicorn executes on the sandbox's {@link ShadowMemory}, mapped at the same sys
 * addresses ({@link SandboxMemory#BASE} + user) with the sandbox's protections; the trampoline pages
 * [0x10000, 0x20000) are mapped without EXEC, so reaching them is a fetch-protection event that ends
 * the run as {@link Exit.Kind#SYSCALL} before anything there executes. Guest stores are recorded per
 * page by a {@code UC_HOOK_MEM_WRITE} hook and copied back into the {@link SandboxMemory} when the run
 * stops; runtime writes reach the shadow through the memory's change listener (see ShadowMemory).
 *
 * <p><b>Counting.</b> {@code cpu.icount} stays exact: a {@code UC_HOOK_BLOCK} hook sees every
 * translation block that starts, {@link BlockCounter} knows how many instructions each holds, and a
 * stop inside a block (fault) counts the instructions before the faulting one. The budget is
 * enforced at block starts; the last, partial block runs with Unicorn's own instruction count.
 *
 * <p>One engine serves one guest thread; {@link #interrupt()} may be called from any thread.
 * {@link #close()} releases the Unicorn instance.
 */
public final class UnicornEngine implements Engine, AutoCloseable {
    private static final int PAGES = (int) (SandboxMemory.SIZE >>> SandboxMemory.PAGE_SHIFT);
    private static final int PAGE = SandboxMemory.PAGE_SIZE;
    private static final byte UNMAPPED = 8;
    private static final int TRAMP_FIRST = (int) (TRAMPOLINE_START >>> SandboxMemory.PAGE_SHIFT);
    private static final int TRAMP_LAST = (int) ((TRAMPOLINE_END - 1) >>> SandboxMemory.PAGE_SHIFT);
    /** The "until" address of uc_emu_start: non-canonical, so never reached. */
    private static final long NEVER = 0x8000_0000_0000_0000L;

    private final SandboxMemory memory;
    private final ShadowMemory shadow;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment uc;
    private final UnicornRegisters regs;
    private final BlockCounter counter;
    /** Unicorn's current mapping per page: prot 0..7, or UNMAPPED. */
    private final byte[] ucProt = new byte[PAGES];

    // Pending work from other threads' memory changes (guarded by this).
    private int layoutFirst = 0, layoutLast = PAGES - 1;
    private long codeFrom = Long.MAX_VALUE, codeTo = Long.MIN_VALUE;

    // Pages written by the guest during the current run.
    private final long[] dirty = new long[PAGES / 64];
    private int dirtyMin = Integer.MAX_VALUE, dirtyMax = -1;

    // State of the current run, set by the hooks.
    private volatile boolean interruptRequested;
    /** The budget of the current run. */
    private long runBudget;
    /** The block that is running (sys address) and its instruction count; -1/0 between blocks. */
    private long blockStart;
    private int blockInsns;
    private int blockSize;
    /** Instructions retired in the current run by blocks before the running one. */
    private long completed;
    /** A block hook stopped the run before the block at heldStart (budget or interrupt). */
    private boolean heldBack;
    private long heldStart;
    private int heldSize;
    /** Running a partial block under the step hook, with this many instructions still to go. */
    private boolean stepping;
    private long stepsLeft;
    private final MemorySegment stepStub;
    private Exit stop;
    /** The stop is a fault on fetching the next instruction (nothing of it ran). */
    private boolean fetchFault;
    private boolean closed;

    /** True when the Unicorn 2 library can be loaded. */
    public static boolean isAvailable() {
        return UnicornLib.isAvailable();
    }

    /** Why the library is unusable (a sentence naming the package to install), or null. */
    public static String unavailableReason() {
        return UnicornLib.unavailableReason();
    }

    /** Version of the loaded library, e.g. "2.0 (0x20001ff)". */
    public static String libraryVersion() {
        return UnicornLib.version();
    }

    /**
     * A Unicorn instance executing in {@code memory}.
     *
     * @throws UnicornUnavailableException when libunicorn.so.2 is absent
     */
    public UnicornEngine(SandboxMemory memory) {
        UnicornLib.require();
        this.memory = memory;
        java.util.Arrays.fill(ucProt, UNMAPPED);
        try {
            MemorySegment box = arena.allocate(ADDRESS);
            check("uc_open", (int) UnicornLib.H.OPEN.invokeExact(Uc.ARCH_X86, Uc.MODE_64, box));
            uc = box.get(ADDRESS, 0);
            regs = new UnicornRegisters(arena);
            counter = new BlockCounter(memory);
            // Hooks go in before the first translation: hooks added later miss cached blocks.
            addHook(Uc.HOOK_BLOCK, "onBlock", UnicornLib.HOOK_CODE, 1, 0);
            addHook(Uc.HOOK_MEM_WRITE, "onWrite", UnicornLib.HOOK_MEM, SandboxMemory.BASE, SandboxMemory.BASE + SandboxMemory.SIZE - 1);
            addHook(Uc.HOOK_MEM_INVALID, "onInvalid", UnicornLib.HOOK_EVENT_MEM, 1, 0);
            addHook(Uc.HOOK_INTR, "onInterrupt", UnicornLib.HOOK_INTR, 1, 0);
            addHook(Uc.HOOK_INSN_INVALID, "onInvalidInsn", UnicornLib.HOOK_INSN_INVALID, 1, 0);
            stepStub = stub("onStep", UnicornLib.HOOK_CODE);
        } catch (Throwable t) {
            arena.close();
            throw UnicornLib.sneaky(t);
        }
        shadow = ShadowMemory.of(memory);
        shadow.register(this);
    }

    private MemorySegment stub(String method, FunctionDescriptor fd) throws ReflectiveOperationException {
        MethodHandle target = MethodHandles.lookup().findVirtual(UnicornEngine.class, method, fd.toMethodType()).bindTo(this);
        return Linker.nativeLinker().upcallStub(target, fd, arena);
    }

    private void addHook(int type, String method, FunctionDescriptor fd, long begin, long end) throws Throwable {
        MemorySegment stub = stub(method, fd);
        MemorySegment handle = arena.allocate(JAVA_LONG);
        check("uc_hook_add", (int) UnicornLib.H.HOOK_ADD.invokeExact(uc, handle, type, stub, MemorySegment.NULL, begin, end));
    }

    @Override
    public String name() { return "unicorn"; }

    @Override
    public SandboxMemory memory() { return memory; }

    @Override
    public void interrupt() {
        // Seen by the next block hook, which holds that block back: the stop point stays exact.
        interruptRequested = true;
    }

    @Override
    public void invalidateCode(long user, long len) {
        codeChanged(user, len);
    }

    // ---------------------------------------------------------------- run

    @Override
    public Exit run(CpuState cpu, long budget) {
        if (closed) throw new IllegalStateException("engine closed");
        syncLayout();
        if (budget <= 0) return Exit.budget(cpu.rip);
        regs.write(uc, cpu);
        stop = null;
        fetchFault = false;
        completed = 0;
        blockStart = -1;
        blockInsns = 0;
        runBudget = budget;
        heldBack = false;
        int err = emuStart(cpu.rip);
        if (heldBack && stop == null && !interruptRequested) {
            err = runPartialBlock(heldStart, heldSize, budget - completed);
        }
        regs.read(uc, cpu);
        copyBackDirty();
        Exit exit = classify(cpu, err, budget);
        cpu.icount += completed;
        return exit;
    }

    /**
     * Runs the first {@code left} instructions of the block at {@code start} (fewer than it holds):
     * a code hook limited to the block counts them and stops before the next one. The block's
     * cached translation is dropped before and after, so the hook is compiled in only meanwhile.
     */
    private int runPartialBlock(long start, int size, long left) {
        stepsLeft = left;
        stepping = true;
        blockStart = -1;
        blockInsns = 0;
        MemorySegment handle = arena.allocate(JAVA_LONG);
        try {
            check("uc_hook_add", (int) UnicornLib.H.HOOK_ADD.invokeExact(uc, handle, Uc.HOOK_CODE, stepStub, MemorySegment.NULL,
                    start, start + size - 1));
            removeCache(start, start + size);
            int err = emuStart(start);
            check("uc_hook_del", (int) UnicornLib.H.HOOK_DEL.invokeExact(uc, handle.get(JAVA_LONG, 0)));
            removeCache(start, start + size);
            if (stop == null && stepsLeft == 0) {
                // Stopped by the step hook: exactly `left` instructions of the block retired.
                completed += left;
                blockInsns = 0;
                blockStart = -1;
            }
            return err;
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        } finally {
            stepping = false;
        }
    }

    private int emuStart(long begin) {
        try {
            return (int) UnicornLib.H.EMU_START.invokeExact(uc, begin, NEVER, 0L, 0L);
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
    }

    /** Turns the stop into an Exit and adds the instructions of the last block that retired. */
    private Exit classify(CpuState cpu, int err, long budget) {
        Exit e = stop;
        if (e != null && e.kind() == Exit.Kind.FAULT && !fetchFault) {
            // rip is the faulting instruction; count what retired before it in its block.
            cpu.rip = e.pc();
            completed += counter.before(blockStart, blockSize, blockInsns, e.pc());
            return e;
        }
        // Otherwise the running block completed: a fetch fault happens while translating the next one
        // (QEMU ends a block before an instruction whose bytes it cannot fetch).
        completed += blockInsns;
        if (e != null) {
            cpu.rip = e.pc();
            // As in the interpreter: a trampoline reached right after the budget is still SYSCALL, but a
            // fetch fault there is not reached yet: the budget ends first.
            if (fetchFault && completed >= budget) return Exit.budget(cpu.rip);
            return e;
        }
        if (err != Uc.ERR_OK) return Exit.fault(cpu.rip, GuestFault.SIGSEGV, "unicorn: " + UnicornLib.strerror(err));
        if (heldBack && interruptRequested) {
            interruptRequested = false;
            return new Exit(Exit.Kind.INTERRUPTED, cpu.rip, 0, null);
        }
        if (heldBack) return Exit.budget(cpu.rip);
        // uc_emu_start returned with no hook telling why: QEMU ends emulation at HLT, rip past it.
        // NaCl code runs in user mode, where HLT faults (#GP): SIGSEGV at the HLT (spec/nacl-abi.md §6.3).
        completed--;
        cpu.rip -= 1;
        return Exit.fault(cpu.rip, GuestFault.SIGSEGV, "hlt");
    }

    // ---------------------------------------------------------------- hooks (called by Unicorn on the running thread)

    @SuppressWarnings("unused")
    private void onBlock(MemorySegment ucp, long address, int size, MemorySegment user) {
        completed += blockInsns;
        int n = counter.count(address, size);
        if (!stepping && (interruptRequested || completed + n > runBudget)) {
            // Hold the block back (a stop requested in a block hook ends the run before the block).
            stopEmu();
            heldBack = true;
            heldStart = address;
            heldSize = size;
            blockStart = -1;
            blockInsns = 0;
            return;
        }
        blockStart = address;
        blockSize = size;
        blockInsns = n;
    }

    @SuppressWarnings("unused")
    private void onStep(MemorySegment ucp, long address, int size, MemorySegment user) {
        if (stepsLeft == 0) stopEmu();
        else stepsLeft--;
    }

    @SuppressWarnings("unused")
    private void onWrite(MemorySegment ucp, int type, long address, int size, long value, MemorySegment user) {
        markDirty(address);
        if (((address ^ (address + size - 1)) & ~(long) SandboxMemory.PAGE_MASK) != 0) markDirty(address + size - 1);
    }

    private void markDirty(long sys) {
        long u = sys - SandboxMemory.BASE;
        if ((u >>> 32) != 0) return;
        int p = (int) (u >>> SandboxMemory.PAGE_SHIFT);
        dirty[p >>> 6] |= 1L << p;
        if (p < dirtyMin) dirtyMin = p;
        if (p > dirtyMax) dirtyMax = p;
    }

    @SuppressWarnings("unused")
    private boolean onInvalid(MemorySegment ucp, int type, long address, int size, long value, MemorySegment user) {
        long u = address - SandboxMemory.BASE;
        if (type == Uc.MEM_FETCH_PROT || type == Uc.MEM_FETCH_UNMAPPED) {
            long pc = regs.rip(uc);
            if (u >= TRAMPOLINE_START && u < TRAMPOLINE_END && pc == address) {
                stop = Exit.syscall(address);
            } else {
                stop = Exit.fault(pc, GuestFault.SIGSEGV, "fetch fault at 0x" + Long.toHexString(address));
                fetchFault = true;
            }
            return false;
        }
        String what = switch (type) {
            case Uc.MEM_READ_UNMAPPED, Uc.MEM_READ_PROT -> "read";
            default -> "write";
        };
        stop = Exit.fault(regs.rip(uc), GuestFault.SIGSEGV, what + " fault at 0x" + Long.toHexString(address));
        return false;
    }

    @SuppressWarnings("unused")
    private void onInterrupt(MemorySegment ucp, int intno, MemorySegment user) {
        long pc = regs.rip(uc);
        stop = switch (intno) {
            case 0 -> Exit.fault(pc, GuestFault.SIGFPE, "divide error");
            case 6 -> Exit.fault(pc, GuestFault.SIGILL, "invalid opcode");
            case 16, 19 -> Exit.fault(pc, GuestFault.SIGFPE, "floating-point exception");
            case 17 -> Exit.fault(pc, GuestFault.SIGBUS, "alignment check");
            case 1, 3 -> Exit.fault(pc, GuestFault.SIGTRAP, "trap " + intno);
            default -> Exit.fault(pc, GuestFault.SIGSEGV, "exception " + intno);
        };
        stopEmu();
    }

    @SuppressWarnings("unused")
    private boolean onInvalidInsn(MemorySegment ucp, MemorySegment user) {
        stop = Exit.fault(regs.rip(uc), GuestFault.SIGILL, "invalid opcode");
        return false;
    }

    private void stopEmu() {
        try {
            int r = (int) UnicornLib.H.EMU_STOP.invokeExact(uc);
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
    }

    // ---------------------------------------------------------------- memory synchronisation

    private void copyBackDirty() {
        if (dirtyMax < 0) return;
        for (int w = dirtyMin >>> 6; w <= dirtyMax >>> 6; w++) {
            long bits = dirty[w];
            if (bits == 0) continue;
            dirty[w] = 0;
            while (bits != 0) {
                int p = (w << 6) | Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                shadow.copyBack(p);
            }
        }
        dirtyMin = Integer.MAX_VALUE;
        dirtyMax = -1;
    }

    /** Called by the shadow when the runtime maps, unmaps or protects pages [first, last]. */
    synchronized void layoutChanged(int first, int last) {
        layoutFirst = Math.min(layoutFirst, first);
        layoutLast = Math.max(layoutLast, last);
    }

    /** Called when code bytes in [user, user+len) changed: Unicorn's cached translations must go. */
    synchronized void codeChanged(long user, long len) {
        codeFrom = Math.min(codeFrom, user);
        codeTo = Math.max(codeTo, user + len);
    }

    /** Brings Unicorn's regions in line with the sandbox's mapping and drops stale translations. */
    private void syncLayout() {
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
        for (int p = first; p <= last; ) {
            if (wantedProt(p) == ucProt[p]) { p++; continue; }
            int q = p;
            while (q <= last && wantedProt(q) != ucProt[q]) q++;
            remap(p, q);
            p = q;
        }
    }

    /** Unicorn protection wanted for page p: the sandbox's, minus EXEC on the trampolines; UNMAPPED for none. */
    private byte wantedProt(int p) {
        int prot = memory.pageData(p) == null ? 0 : memory.protOf((long) p << SandboxMemory.PAGE_SHIFT);
        if (p >= TRAMP_FIRST && p <= TRAMP_LAST) prot &= ~Prot.EXEC;
        return prot == 0 ? UNMAPPED : (byte) prot;
    }

    /** Remaps pages [from, to), whose Unicorn mapping differs from the wanted one, onto the shadow. */
    private void remap(int from, int to) {
        try {
            for (int p = from; p < to; ) {
                byte cur = ucProt[p];
                int q = p;
                while (q < to && ucProt[q] == cur) q++;
                if (cur != UNMAPPED) {
                    // Translations must go while the pages are still mapped (Unicorn looks them up).
                    if ((cur & Prot.EXEC) != 0) removeCache(sys(p), sys(q));
                    check("uc_mem_unmap", (int) UnicornLib.H.MEM_UNMAP.invokeExact(uc, sys(p), (long) (q - p) * PAGE));
                }
                p = q;
            }
            for (int p = from; p < to; ) {
                byte want = wantedProt(p);
                int q = p;
                while (q < to && wantedProt(q) == want) q++;
                if (want != UNMAPPED) {
                    check("uc_mem_map_ptr", (int) UnicornLib.H.MEM_MAP_PTR.invokeExact(uc, sys(p), (long) (q - p) * PAGE,
                            (int) want, shadow.at((long) p * PAGE)));
                }
                for (int i = p; i < q; i++) ucProt[i] = want;
                p = q;
            }
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
    }

    private static long sys(int page) {
        return SandboxMemory.BASE + ((long) page << SandboxMemory.PAGE_SHIFT);
    }

    /** Drops translations of code in user range [from, to), page by page where Unicorn has it executable. */
    private void dropTranslations(long from, long to) {
        int first = (int) (Math.max(0, from) >>> SandboxMemory.PAGE_SHIFT);
        int last = (int) ((Math.min(to, SandboxMemory.SIZE) - 1) >>> SandboxMemory.PAGE_SHIFT);
        for (int p = first; p <= last; p++) {
            if (ucProt[p] != UNMAPPED && (ucProt[p] & Prot.EXEC) != 0) removeCache(sys(p), sys(p + 1));
        }
        counter.clear();
    }

    /** UC_CTL_TB_REMOVE_CACHE over sys range [from, to), which must be mapped. */
    private void removeCache(long from, long to) {
        try {
            check("uc_ctl(TB_REMOVE_CACHE)", (int) UnicornLib.H.CTL_2LONG.invokeExact(uc, Uc.CTL_TB_REMOVE_CACHE, from, to));
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
    }

    private static void check(String what, int err) {
        if (err != Uc.ERR_OK) throw new IllegalStateException(what + ": " + UnicornLib.strerror(err));
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        shadow.unregister(this);
        try {
            int r = (int) UnicornLib.H.CLOSE.invokeExact(uc);
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
        arena.close();
    }
}
