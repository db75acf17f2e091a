package jnbox.emu.interp;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.decode.Decoder;
import jnbox.emu.decode.Insn;
import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.GuestFault;
import jnbox.emu.mem.SandboxMemory;

/**
 * The x86-64 interpreter engine: fetches from {@link SandboxMemory} (execute permission), decodes
 * each basic block once into {@link Uop}s, caches blocks per start address (dropped when
 * {@link SandboxMemory#codeGeneration()} changes or on {@link #invalidateCode}), and executes them
 * through {@link IntExec} (integer) and {@link SseExec} (SSE/SSE2), whose operations are the
 * {@code jnbox.emu.semantics} methods. Flags stay lazy in {@link CpuState}.
 *
 * <p>Faults: a {@link GuestFault} raised while executing an instruction leaves {@code cpu.rip} at
 * that instruction; instructions write their results only after every read and check, so nothing
 * of it is committed (rep string instructions commit finished iterations, as hardware does).
 *
 * <p>LOCK-prefixed instructions (and xchg with memory) run under one global lock shared by all
 * interpreters, which makes them atomic against each other; plain stores from other threads are
 * not ordered against them (acceptable for the guest's locks, which always use locked RMW).
 */
public final class Interpreter implements Engine {
    /** Guards every locked read-modify-write of every guest thread. */
    static final Object ATOMIC = new Object();

    private static final int CACHE_BITS = 14;
    private static final int MAX_BLOCK = 64;

    private final SandboxMemory mem;
    private final Decoder decoder = new Decoder();
    private final byte[] fetchBuf = new byte[Decoder.MAX_LENGTH];
    private final Uop[] blockBuf = new Uop[MAX_BLOCK];
    private Block[] cache = new Block[1 << CACHE_BITS];
    private final it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap<Block> overflow = new it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap<>();
    private long generation = -1;
    private volatile boolean interrupted;
    final IntExec exec;

    public Interpreter(SandboxMemory mem) {
        this.mem = mem;
        this.exec = new IntExec(mem, this);
    }

    /**
     * True when the interpreter has an execution for {@code in} (its uop is not UNIMPLEMENTED): what
     * tools that must stay within the executed ISA ask (the lockstep generator). State-dependent gaps
     * (e.g. a non-default MXCSR) still stop a run as unimplemented.
     */
    public static boolean executes(jnbox.emu.decode.Insn in) {
        return UopBuilder.build(in, 0).kind != Kinds.UNIMPLEMENTED;
    }

    @Override
    public String name() { return "interpreter"; }

    @Override
    public SandboxMemory memory() { return mem; }

    @Override
    public void interrupt() { interrupted = true; }

    boolean interruptRequested() { return interrupted; }

    @Override
    public void invalidateCode(long user, long len) {
        flush();
        generation = Long.MIN_VALUE; // forces a lookup (and drops successor links) on the next block
    }

    private void flush() {
        java.util.Arrays.fill(cache, null);
        overflow.clear();
    }

    @Override
    public Exit run(CpuState cpu, long budget) {
        IntExec x = exec;
        x.bind(cpu);
        long left = budget;
        long retired = 0;
        long pc = cpu.rip;
        Block prev = null;
        try {
            while (true) {
                if (interrupted) {
                    interrupted = false;
                    cpu.rip = pc;
                    return new Exit(Exit.Kind.INTERRUPTED, pc, 0, null);
                }
                long user = pc - SandboxMemory.BASE;
                if (user >= TRAMPOLINE_START && user < TRAMPOLINE_END) { cpu.rip = pc; return Exit.syscall(pc); }
                if (left <= 0) { cpu.rip = pc; return Exit.budget(pc); }
                Block b;
                if (prev != null && prev.succPc == pc && mem.codeGeneration() == generation) {
                    b = prev.succ;
                } else {
                    try {
                        b = lookup(pc);
                    } catch (GuestFault f) {
                        cpu.rip = pc;
                        return Exit.fault(pc, f.signal(), f.getMessage());
                    }
                    if (prev != null) {
                        prev.succ = b;
                        prev.succPc = pc;
                    }
                }
                prev = b;
                x.blockBase = cpu.icount + retired;
                Uop[] uops = b.uops;
                int n = uops.length;
                Uop u = null;
                try {
                    for (int i = 0; i < n && left > 0; i++) {
                        u = uops[i];
                        long next = u.locked ? x.execLocked(u) : x.exec(u);
                        if (next == IntExec.STOP) {
                            cpu.rip = u.pc;
                            return x.stopExit(u);
                        }
                        left--;
                        retired++;
                        pc = next;
                        if (next != u.next) break;
                    }
                } catch (GuestFault f) {
                    cpu.rip = u.pc;
                    return Exit.fault(u.pc, f.signal(), f.getMessage());
                } catch (RuntimeException bug) {
                    // a jnbox bug, not a guest fault: stop this guest cleanly with a one-line reason
                    cpu.rip = u.pc;
                    return Exit.unimplemented(u.pc, (u.detail == null ? "?" : u.detail) + " (internal error: " + bug + ")");
                }
            }
        } finally {
            cpu.icount += retired;
            x.unbind();
        }
    }

    private Block lookup(long pc) {
        long g = mem.codeGeneration();
        if (g != generation) {
            flush();
            generation = g;
        }
        int slot = (int) (pc ^ pc >>> CACHE_BITS) & ((1 << CACHE_BITS) - 1);
        Block b = cache[slot];
        if (b != null && b.start == pc) return b;
        b = overflow.get(pc);
        if (b == null) {
            b = decodeBlock(pc);
            overflow.put(pc, b);
        }
        cache[slot] = b;
        return b;
    }

    /** Decodes instructions from {@code pc} up to a control transfer, a stop, or MAX_BLOCK. */
    private Block decodeBlock(long pc) {
        int n = 0;
        long a = pc;
        while (n < MAX_BLOCK) {
            int avail = 0;
            GuestFault fetchFault = null;
            for (; avail < Decoder.MAX_LENGTH; avail++) {
                long ua = a + avail - SandboxMemory.BASE;
                if (avail > 0 && ua >= TRAMPOLINE_START && ua < TRAMPOLINE_END) break;
                try {
                    fetchBuf[avail] = mem.fetch8(a + avail);
                } catch (GuestFault f) {
                    fetchFault = f;
                    break;
                }
            }
            if (avail == 0) {
                if (n == 0) throw fetchFault;
                break; // the next block will fault when (and if) it is reached
            }
            Insn in = decoder.decode(fetchBuf, 0, avail);
            Uop u;
            if (in == null) {
                if (n > 0) break; // let the failing instruction start its own block
                u = new Uop();
                u.pc = a;
                u.next = a + 1;
                u.kind = Kinds.UD;
                u.detail = "undecodable";
                u.endsBlock = true;
                // bytes missing because the next page is not executable: a fetch fault there
                if (fetchFault != null && decoder.errorLength() >= avail) u.kind = Kinds.FETCH_FAULT;
                u.imm = a + avail;
            } else {
                u = UopBuilder.build(in, a);
            }
            if (u.kind == Kinds.RDTSC) u.sub = n; // its index: rdtsc reads the exact retired count
            blockBuf[n++] = u;
            a = u.next;
            if (u.endsBlock) break;
            long ua = a - SandboxMemory.BASE;
            if (ua >= TRAMPOLINE_START && ua < TRAMPOLINE_END) break;
        }
        return new Block(pc, java.util.Arrays.copyOf(blockBuf, n), generation);
    }
}
