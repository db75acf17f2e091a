package jnbox.emu.unicorn;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.GuestFault;
import jnbox.emu.mem.SandboxMemory;

/**
 * Runs guest code on the Unicorn 2 library (QEMU's TCG) through the FFM API: an independent x86-64
 * implementation behind jnbox's own loader and syscalls ({@code jnbox run --engine unicorn}), and
 * the reference of the lockstep tester.
 *
 * <p><b>Memory</b> ({@link UnicornMapping}, {@link ShadowMemory}): Unicorn executes on a native copy
 * of the sandbox mapped at the same sys addresses with the same protections, except that the
 * trampoline pages [0x10000, 0x20000) lack EXEC, so reaching them is a fetch-protection event that
 * ends the run as {@link Exit.Kind#SYSCALL} before anything there executes. Runtime writes reach the
 * copy at once; pages the guest stored to are copied back when the run stops.
 *
 * <p><b>Counting</b>: {@code cpu.icount} stays exact. In the default (block) mode a
 * {@code UC_HOOK_BLOCK} hook sees each translation block start, {@link BlockCounter} knows its
 * instruction count, and a fault inside a block counts the instructions before the faulting one. The
 * budget is enforced at block starts: a block that would overrun it is held back and then run
 * partly under a code hook limited to that block (about 20 us). In stepping mode (constructor flag,
 * for lockstep testing with budget 1) a code hook on every instruction counts and stops instead:
 * every instruction costs an upcall, but no run needs retranslation.
 *
 * <p>Faults map to signals as sel_ldr reports them (spec/nacl-abi.md §6.3): bad memory access
 * SIGSEGV, #DE SIGFPE, #UD SIGILL, HLT (privileged in user mode) SIGSEGV.
 *
 * <p>One engine serves one guest thread; {@link #interrupt()} may be called from any thread.
 * {@link #close()} releases the Unicorn instance.
 */
public final class UnicornEngine implements Engine, AutoCloseable {
    /** The "until" address of uc_emu_start: non-canonical, so never reached. */
    private static final long NEVER = 0x8000_0000_0000_0000L;

    private final SandboxMemory memory;
    private final ShadowMemory shadow;
    private final boolean stepping;
    private final Arena arena = Arena.ofShared();
    /** The Unicorn instance; replaced after a CPU exception (see {@link #reopen}). */
    private MemorySegment uc;
    private final UnicornRegisters regs;
    private final BlockCounter counter;
    private UnicornMapping mapping;
    private final MemorySegment partialStub;
    /** Upcall stubs of the hooks, made once and installed into every instance. */
    private final MemorySegment stepStub, invalidStub, writeStub, readStub, intrStub, insnInvalidStub, syscallStub;
    /** The last run ended in a CPU exception: the instance must be replaced before the next run. */
    private boolean poisoned;
    private long reopened;
    private boolean closed;

    private volatile boolean interruptRequested;

    // State of the current run, kept by the hooks (all on the running thread).
    private long runBudget;
    /** Instructions retired by blocks that completed (block mode) or started (stepping mode). */
    private long completed;
    /** The running block (sys address, bytes, instructions); -1/0/0 between blocks. */
    private long blockStart;
    private int blockSize;
    private int blockInsns;
    /** The last instruction of the block entered last (stepping mode: that instruction), for REP continuations. */
    private long lastBlock;
    /** The running block is a further iteration of a REP instruction already counted. */
    private boolean continuation;
    /** A hook stopped the run before a block or instruction (budget or interrupt). */
    private boolean heldBack;
    private long heldStart;
    private int heldSize;
    /** Running a held-back block partly: instructions still to go, or -1. */
    private long partialLeft = -1;
    private Exit stop;
    /** Added to rip after a fault: -1 for INT3, -2 for INT n and SYSCALL, which QEMU reports after the instruction. */
    private int faultPcAdjust;
    /** The stop is a fault on fetching the next instruction (nothing of it ran). */
    private boolean fetchFault;
    /** The "until" address of the current uc_emu_start (stepping mode, budget 1: the next instruction), else NEVER. */
    private long until = NEVER;

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

    /** An engine in block mode (fast runs). */
    public UnicornEngine(SandboxMemory memory) {
        this(memory, false);
    }

    /**
     * A Unicorn instance executing in {@code memory}.
     *
     * @param stepping count with a hook on every instruction: slower runs, but small budgets (1 for
     *                 lockstep) cost no retranslation
     * @throws UnicornUnavailableException when libunicorn.so.2 is absent
     */
    public UnicornEngine(SandboxMemory memory, boolean stepping) {
        UnicornLib.require();
        this.memory = memory;
        this.stepping = stepping;
        try {
            regs = new UnicornRegisters(arena);
            counter = new BlockCounter(memory);
            shadow = ShadowMemory.of(memory);
            stepStub = stepping ? stub("onInstruction", UnicornLib.HOOK_CODE) : stub("onBlock", UnicornLib.HOOK_CODE);
            invalidStub = stub("onInvalid", UnicornLib.HOOK_EVENT_MEM);
            writeStub = stub("onWrite", UnicornLib.HOOK_MEM);
            readStub = stub("onNeverAccessed", UnicornLib.HOOK_MEM);
            intrStub = stub("onInterrupt", UnicornLib.HOOK_INTR);
            insnInvalidStub = stub("onInvalidInsn", UnicornLib.HOOK_INSN_INVALID);
            syscallStub = stub("onSyscallInsn", UnicornLib.HOOK_SYSCALL);
            partialStub = stub("onPartialInstruction", UnicornLib.HOOK_CODE);
            open();
        } catch (Throwable t) {
            arena.close();
            throw UnicornLib.sneaky(t);
        }
        shadow.register(this);
    }

    /** Opens a Unicorn instance with the hooks installed and a mapping that maps everything on the next run. */
    private void open() throws Throwable {
        MemorySegment box = arena.allocate(ADDRESS);
        UnicornMapping.check("uc_open", (int) UnicornLib.H.OPEN.invokeExact(Uc.ARCH_X86, Uc.MODE_64, box));
        uc = box.get(ADDRESS, 0);
        mapping = new UnicornMapping(uc, memory, shadow, counter::clear);
        counter.clear();
        // Hooks go in before the first translation: hooks added later miss cached blocks.
        addHook(stepping ? Uc.HOOK_CODE : Uc.HOOK_BLOCK, stepStub, 1, 0);
        addHook(Uc.HOOK_MEM_INVALID, invalidStub, 1, 0);
        addHook(Uc.HOOK_MEM_WRITE, writeStub, SandboxMemory.BASE, SandboxMemory.BASE + SandboxMemory.SIZE - 1);
        // A read hook on a range nothing touches (sys address 0): with memory hooks present Unicorn
        // 2.0.1 keeps rip exact at memory accesses; without, a faulting access reports its block start.
        addHook(Uc.HOOK_MEM_READ, readStub, 0, 0);
        addHook(Uc.HOOK_INTR, intrStub, 1, 0);
        addHook(Uc.HOOK_INSN_INVALID, insnInvalidStub, 1, 0);
        // Without a hook QEMU treats SYSCALL as a no-op; it is never valid NaCl code.
        UnicornMapping.check("uc_hook_add", (int) UnicornLib.H.HOOK_ADD_INSN.invokeExact(uc, arena.allocate(JAVA_LONG),
                Uc.HOOK_INSN, syscallStub, MemorySegment.NULL, 1L, 0L, Uc.X86_INS_SYSCALL));
    }

    /**
     * Replaces the instance after a CPU exception. Unicorn 2.0.1 keeps QEMU's "previous exception" after an
     * exception a hook handled (it is never delivered), so the next contributory fault of the same instance
     * becomes a double fault (int 0x8, pc 2 bytes early) and the one after ends the run with no hook at all
     * (lockstep-findings.md). A fresh instance (same hooks, everything mapped again) has no such state.
     */
    private void reopen() {
        try {
            int r = (int) UnicornLib.H.CLOSE.invokeExact(uc);
            open();
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
        reopened++;
    }

    /** Instances replaced after CPU exceptions. */
    public long reopened() { return reopened; }

    private MemorySegment stub(String method, FunctionDescriptor fd) throws ReflectiveOperationException {
        MethodHandle target = MethodHandles.lookup().findVirtual(UnicornEngine.class, method, fd.toMethodType()).bindTo(this);
        return Linker.nativeLinker().upcallStub(target, fd, arena);
    }

    private MemorySegment addHook(int type, MemorySegment stub, long begin, long end) throws Throwable {
        MemorySegment handle = arena.allocate(JAVA_LONG);
        UnicornMapping.check("uc_hook_add", (int) UnicornLib.H.HOOK_ADD.invokeExact(uc, handle, type, stub, MemorySegment.NULL, begin, end));
        return handle;
    }

    @Override
    public String name() { return stepping ? "unicorn-step" : "unicorn"; }

    @Override
    public SandboxMemory memory() { return memory; }

    @Override
    public void interrupt() {
        // Seen by the next block (or instruction) hook, which holds it back: the stop point stays exact.
        interruptRequested = true;
    }

    @Override
    public void invalidateCode(long user, long len) {
        mapping.codeChanged(user, len);
    }

    /** From the shadow: the runtime remapped or reprotected pages [first, last]. */
    void layoutChanged(int first, int last) {
        mapping.layoutChanged(first, last);
    }

    /** From the shadow: the runtime wrote code bytes. */
    void codeChanged(long user, long len) {
        mapping.codeChanged(user, len);
    }

    // ---------------------------------------------------------------- run

    @Override
    public Exit run(CpuState cpu, long budget) {
        if (closed) throw new IllegalStateException("engine closed");
        if (poisoned) {
            reopen();
            poisoned = false;
        }
        mapping.sync();
        if (budget <= 0) return Exit.budget(cpu.rip);
        regs.write(uc, cpu);
        stop = null;
        fetchFault = false;
        faultPcAdjust = 0;
        completed = 0;
        blockStart = -1;
        blockSize = 0;
        blockInsns = 0;
        lastBlock = -1;
        continuation = false;
        runBudget = budget;
        heldBack = false;
        // Stepping one instruction: Unicorn ends the translation block before the "until" address (as if at a
        // HLT, flags settled), so the instruction runs alone: no flags left stale by a stop inside a block
        // (QEMU skips flags a later instruction of the block overwrites) and a one-instruction translation
        // instead of the rest of the block. A taken branch still stops at the code hook of its target.
        until = stepping && budget == 1 ? nextInstruction(cpu.rip) : NEVER;
        int err = emuStart(cpu.rip);
        boolean partial = !stepping && heldBack && stop == null && !interruptRequested && budget > completed;
        if (partial) err = runPartialBlock(heldStart, heldSize, budget - completed);
        regs.read(uc, cpu);
        // uc_emu_stop in a block hook leaves rip stale in Unicorn 2.0.1 (its FAQ: the PC is synced only at
        // code and memory hooks; QEMU skips the sync at a TB exit it takes for a stop request), e.g. at the
        // last call of the previous, chained block: the held-back block's start is where the run stopped.
        if (!stepping && heldBack && !partial && stop == null) cpu.rip = heldStart;
        mapping.afterRun();
        Exit exit = classify(cpu, err, budget);
        cpu.icount += completed;
        // #UD and the HLT stop are not contributory exceptions; every other fault leaves the stale state.
        poisoned = exit.kind() == Exit.Kind.FAULT && !"hlt".equals(exit.detail()) && exit.signal() != GuestFault.SIGILL;
        return exit;
    }

    /**
     * Runs the first {@code left} instructions of the block at {@code start} (fewer than it holds):
     * a code hook limited to the block counts them and stops before the next one. The block's cached
     * translation is dropped before and after, so the hook is compiled in only meanwhile.
     */
    private int runPartialBlock(long start, int size, long left) {
        partialLeft = left;
        blockStart = -1;
        blockInsns = 0;
        try {
            MemorySegment handle = addHook(Uc.HOOK_CODE, partialStub, start, start + size - 1);
            mapping.removeCache(start, start + size);
            int err = emuStart(start);
            UnicornMapping.check("uc_hook_del", (int) UnicornLib.H.HOOK_DEL.invokeExact(uc, handle.get(JAVA_LONG, 0)));
            mapping.removeCache(start, start + size);
            if (stop == null && partialLeft == 0) {
                // Stopped by the hook: exactly `left` instructions of the block retired.
                completed += left;
                blockStart = -1;
                blockInsns = 0;
            }
            return err;
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        } finally {
            partialLeft = -1;
        }
    }

    private int emuStart(long begin) {
        try {
            return (int) UnicornLib.H.EMU_START.invokeExact(uc, begin, until, 0L, 0L);
        } catch (Throwable t) {
            throw UnicornLib.sneaky(t);
        }
    }

    /** The address after the instruction at sys address {@code rip}, or NEVER when it does not decode. */
    private long nextInstruction(long rip) {
        int len = counter.lengthAt(rip);
        return len > 0 ? rip + len : NEVER;
    }

    /** Turns the stop into an Exit and settles the count of the last block or instruction. */
    private Exit classify(CpuState cpu, int err, long budget) {
        Exit e = stop;
        if (e != null && e.kind() == Exit.Kind.FAULT) {
            // Hooks run before QEMU restores the precise state, so the pc comes from the registers now;
            // software interrupts leave rip after the instruction, which did not retire.
            cpu.rip += faultPcAdjust;
            e = new Exit(e.kind(), cpu.rip, e.signal(), e.detail());
        }
        if (e != null && e.kind() == Exit.Kind.FAULT && !fetchFault) {
            // rip is the faulting instruction, which did not retire (a REP one was counted at its first iteration).
            if (continuation && e.pc() == lastBlock) completed--;
            else if (stepping) completed--;
            else completed += counter.before(blockStart, blockSize, blockInsns, e.pc());
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
        if (until != NEVER && cpu.rip == until) return Exit.budget(cpu.rip); // the stepped instruction retired
        // uc_emu_start returned with no hook telling why: QEMU ends emulation at HLT, rip past it.
        // NaCl code runs in user mode, where HLT faults (#GP): SIGSEGV at the HLT.
        completed--;
        cpu.rip -= 1;
        return Exit.fault(cpu.rip, GuestFault.SIGSEGV, "hlt");
    }

    // ---------------------------------------------------------------- hooks (called by Unicorn on the running thread)

    @SuppressWarnings("unused")
    private void onBlock(MemorySegment ucp, long address, int size, MemorySegment user) {
        completed += blockInsns;
        // QEMU runs one iteration of a REP string instruction per block, then enters a block at the same
        // instruction again: that continues the instruction the previous block ended with, no count.
        int entry = counter.entry(address, size);
        boolean again = address == lastBlock && BlockCounter.startsWithRepString(entry);
        lastBlock = address + BlockCounter.lastOffset(entry);
        continuation = again;
        int n = again ? 0 : BlockCounter.count(entry);
        if (partialLeft < 0 && (interruptRequested || completed + n > runBudget)) {
            // A stop requested in a block hook ends the run before the block executes.
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
    private void onPartialInstruction(MemorySegment ucp, long address, int size, MemorySegment user) {
        if (partialLeft == 0) stopEmu();
        else partialLeft--;
    }

    @SuppressWarnings("unused")
    private void onInstruction(MemorySegment ucp, long address, int size, MemorySegment user) {
        boolean again = address == lastBlock && counter.startsWithRepString(address, size);
        if (interruptRequested || (!again && completed >= runBudget)) {
            stopEmu();
            heldBack = true;
            return;
        }
        lastBlock = address;
        continuation = again;
        if (!again) completed++;
    }

    @SuppressWarnings("unused")
    private void onWrite(MemorySegment ucp, int type, long address, int size, long value, MemorySegment user) {
        mapping.stored(address, size);
    }

    @SuppressWarnings("unused")
    private void onNeverAccessed(MemorySegment ucp, int type, long address, int size, long value, MemorySegment user) {
        // Not called: guest addresses are BASE + user, never 0.
    }

    @SuppressWarnings("unused")
    private boolean onInvalid(MemorySegment ucp, int type, long address, int size, long value, MemorySegment user) {
        long u = address - SandboxMemory.BASE;
        long pc = regs.rip(uc);
        if (type == Uc.MEM_FETCH_PROT || type == Uc.MEM_FETCH_UNMAPPED) {
            if (u >= TRAMPOLINE_START && u < TRAMPOLINE_END && pc == address) {
                // A fetch at the very address control reached (pc is exact for fetches).
                stop = Exit.syscall(address);
            } else {
                stop = Exit.fault(pc, GuestFault.SIGSEGV, "fetch fault at 0x" + Long.toHexString(address));
                fetchFault = true;
            }
            return false;
        }
        String what = type == Uc.MEM_READ_UNMAPPED || type == Uc.MEM_READ_PROT ? "read" : "write";
        stop = Exit.fault(pc, GuestFault.SIGSEGV, what + " fault at 0x" + Long.toHexString(address));
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
            case 1 -> Exit.fault(pc, GuestFault.SIGTRAP, "debug trap");
            case 13 -> Exit.fault(pc, GuestFault.SIGSEGV, "general protection");
            case 14 -> Exit.fault(pc, GuestFault.SIGSEGV, "page fault");
            default -> softwareInterrupt(intno, pc);
        };
        stopEmu();
    }

    /**
     * INT3 is SIGTRAP at the INT3, as the interpreter reports it. Any other INT n is never valid NaCl
     * code: SIGSEGV at the instruction (on Linux most vectors are #GP from user mode; 0x80 would be a
     * host system call, which the sandbox must never make). QEMU leaves rip after either.
     */
    private Exit softwareInterrupt(int intno, long pcAfter) {
        byte[] b = new byte[1];
        long user = pcAfter - 1 - SandboxMemory.BASE;
        if (user >= 0 && user < SandboxMemory.SIZE) memory.peek(user, b, 0, 1);
        if (intno == 3 && b[0] == (byte) 0xCC) {
            faultPcAdjust = -1;
            return Exit.fault(pcAfter, GuestFault.SIGTRAP, "int3");
        }
        faultPcAdjust = -2;
        return Exit.fault(pcAfter, GuestFault.SIGSEGV, "int 0x" + Integer.toHexString(intno));
    }

    @SuppressWarnings("unused")
    private void onSyscallInsn(MemorySegment ucp, MemorySegment user) {
        faultPcAdjust = -2; // QEMU calls the hook with rip after the 2-byte SYSCALL
        stop = Exit.fault(0, GuestFault.SIGSEGV, "syscall instruction");
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
