package jnbox.emu.lockstep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.decode.Decoder;
import jnbox.emu.decode.Insn;
import jnbox.emu.engine.Exit;
import jnbox.emu.interp.Interpreter;
import jnbox.emu.mem.SandboxMemory;

/**
 * The lockstep mode for what Unicorn 2.0.1 cannot run (QEMU 5 TCG has no AVX, AVX2 or FMA): each
 * sequence runs whole on the interpreter and on the host CPU ({@link HostHarness}, all 256 bits of
 * the YMM registers in and out), and the end states must agree. On a disagreement the sequence is
 * replayed one instruction at a time, each instruction alone on the host from the interpreter's state
 * before it, and the first one the host disagrees with becomes the reproducer
 * ({@link LockstepRunner.Verdict#JNBOX_BUG}). When no single instruction disagrees, the difference
 * came from an undefined flag that a later instruction read (each side chose differently, both
 * right): counted as {@link LockstepRunner.Verdict#NOT_REPRODUCED}, with the flags as the only
 * difference allowed for it. Open interpreter bugs of {@link KnownBugs} count as explained; anything
 * else is unexplained.
 */
public final class HostLockstep {
    private final HostHarness host;
    private final InstructionPool pool;
    private final SandboxMemory mem = Layout.newMemory();
    private final Interpreter interp = new Interpreter(mem);
    private final Decoder decoder = new Decoder();
    private final int keepLimit;

    private long sequences, steps;
    public long nanosInterp, nanosHost;
    private final Map<LockstepRunner.Verdict, Integer> verdicts = new EnumMap<>(LockstepRunner.Verdict.class);
    private final Map<String, Integer> unimplemented = new TreeMap<>();
    private final Map<String, Integer> signatures = new TreeMap<>();
    private final List<LockstepRunner.Divergence> kept = new ArrayList<>();

    /**
     * @param pool forms the interpreter reports unimplemented are banned in it
     * @param host the referee (required)
     */
    public HostLockstep(InstructionPool pool, HostHarness host, int keepLimit) {
        this.pool = pool;
        this.host = host;
        this.keepLimit = keepLimit;
    }

    public long sequences() { return sequences; }

    public long steps() { return steps; }

    public Map<LockstepRunner.Verdict, Integer> verdicts() { return verdicts; }

    public Map<String, Integer> unimplemented() { return unimplemented; }

    public Map<String, Integer> signatures() { return signatures; }

    public List<LockstepRunner.Divergence> divergences() { return kept; }

    /** Disagreements not explained: everything but undefined-flag propagation. */
    public long unexplained() {
        long n = 0;
        for (var e : verdicts.entrySet()) {
            if (e.getKey() != LockstepRunner.Verdict.NOT_REPRODUCED && e.getKey() != LockstepRunner.Verdict.JNBOX_KNOWN) n += e.getValue();
        }
        return n;
    }

    /** Runs one sequence on the interpreter and the host; returns its divergence, or null. */
    public LockstepRunner.Divergence run(Sequence s) {
        sequences++;
        byte[] page = Arrays.copyOf(s.code(), Layout.CODE_LEN);
        load(page, s.data());
        CpuState c = new CpuState();
        c.copyFrom(s.init());
        long t0 = System.nanoTime();
        Exit e = interp.run(c, 10_000);
        long t1 = System.nanoTime();
        nanosInterp += t1 - t0;
        steps += c.icount;
        if (e.kind() == Exit.Kind.UNIMPLEMENTED) {
            int off = (int) (e.pc() - Layout.sys(Layout.CODE));
            Insn in = off >= 0 && off < s.code().length ? decoder.decode(s.code(), off, s.code().length) : null;
            String detail = String.valueOf(e.detail());
            if (in != null && detail.contains("internal error")) return stepToInternalError(s, page, in, detail);
            boolean byState = detail.contains("MXCSR");
            if (in != null && !byState) pool.ban(in.op());
            unimplemented.merge(in == null ? detail : byState ? in.mnemonic() + " with non-default MXCSR control"
                    : in.op().name() + " (" + detail + ")", 1, Integer::sum);
            return null;
        }
        Result ri = new Result(e.kind(), e.signal(), e.pc(), c, dataOf());
        Result rh = host.run(s.code(), s.init(), s.data(), true);
        nanosHost += System.nanoTime() - t1;
        List<String> d = StateDiff.diff(ri, rh, 0);
        if (d.isEmpty()) return null;
        return bisect(s, page, d);
    }

    /** Steps the interpreter through the sequence and asks the host about each instruction alone. */
    private LockstepRunner.Divergence bisect(Sequence s, byte[] page, List<String> whole) {
        load(page, s.data());
        CpuState c = new CpuState();
        c.copyFrom(s.init());
        long code = Layout.sys(Layout.CODE);
        for (int step = 0; step <= s.starts().length; step++) {
            int off = (int) (c.rip - code);
            if (off < 0 || off >= s.code().length) break;
            Insn in = decoder.decode(s.code(), off, s.code().length);
            if (in == null) break;
            byte[] insn = Arrays.copyOfRange(s.code(), off, off + in.length());
            byte[] repCode = Arrays.copyOf(insn, insn.length + 1);
            repCode[insn.length] = (byte) 0xF4;
            CpuState start = new CpuState();
            start.copyFrom(c);
            start.rip = code;
            start.icount = 0;
            byte[] data = dataOf();
            Insn rin = decoder.decode(repCode, 0, repCode.length);
            long undefined = UndefinedFlags.of(rin, start);
            Result ri = LockstepRunner.runOnInterpreter(repCode, start, data);
            Result rh = host.run(repCode, start, data, true);
            List<String> d = StateDiff.diff(ri, rh, undefined);
            if (!d.isEmpty()) {
                KnownBugs.Bug bug = KnownBugs.match(rin, start, ri, rh, d);
                return record(new LockstepRunner.Divergence(s.id(), step, insn, in.toString(), start, data, ri, null, rh, d,
                        bug != null ? LockstepRunner.Verdict.JNBOX_KNOWN : LockstepRunner.Verdict.JNBOX_BUG,
                        (bug != null ? bug.id() + ": " : "") + "interpreter vs host: " + d));
            }
            Exit e = interp.run(c, 1);
            if (e.kind() != Exit.Kind.BUDGET) break;
        }
        boolean flagsOnly = UnicornQuirks.only(whole, "rflags");
        return record(new LockstepRunner.Divergence(s.id(), -1, s.code(), "whole sequence", s.init(), s.data(), null, null, null, whole,
                flagsOnly ? LockstepRunner.Verdict.NOT_REPRODUCED : LockstepRunner.Verdict.UNDECIDED,
                flagsOnly ? "undefined flags read by a later instruction" : "no single instruction disagrees with the host"));
    }

    /** Steps to the instruction that threw, for its pre-state, and records it as a jnbox bug. */
    private LockstepRunner.Divergence stepToInternalError(Sequence s, byte[] page, Insn in, String detail) {
        load(page, s.data());
        CpuState c = new CpuState();
        c.copyFrom(s.init());
        long code = Layout.sys(Layout.CODE);
        int step = 0;
        while (true) {
            CpuState pre = new CpuState();
            pre.copyFrom(c);
            byte[] data = dataOf();
            Exit e = interp.run(c, 1);
            if (e.kind() != Exit.Kind.BUDGET || step > s.starts().length) {
                return LockstepRunner.internalError(s, step, (int) (pre.rip - code), in, detail, pre, data, pool, this::record);
            }
            step++;
        }
    }

    private LockstepRunner.Divergence record(LockstepRunner.Divergence d) {
        verdicts.merge(d.verdict(), 1, Integer::sum);
        String sig = d.verdict() + " " + d.text().split(" ")[0];
        if (signatures.merge(sig, 1, Integer::sum) == 1 && kept.size() < keepLimit) kept.add(d);
        return d;
    }

    private void load(byte[] code, byte[] data) {
        mem.poke(Layout.CODE, code, 0, code.length);
        mem.poke(Layout.DATA, data, 0, data.length);
        interp.invalidateCode(Layout.CODE, code.length);
    }

    private byte[] dataOf() {
        byte[] b = new byte[Layout.DATA_LEN];
        mem.peek(Layout.DATA, b, 0, b.length);
        return b;
    }
}
