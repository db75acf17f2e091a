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
import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.interp.Interpreter;
import jnbox.emu.mem.SandboxMemory;
import jnbox.emu.unicorn.UnicornEngine;

/**
 * The lockstep differential tester: runs each {@link Sequence} one instruction at a time on the
 * {@link Interpreter} and on {@link UnicornEngine} (stepping mode), each with its own memory, and
 * compares the whole state after every instruction ({@link StateDiff}; undefined flags from
 * {@link UndefinedFlags}). After each compared step Unicorn's state is reset to the interpreter's,
 * so undefined bits never propagate and each disagreement is pinned to one instruction.
 *
 * <p>A disagreement becomes a one-instruction reproducer (the instruction plus {@code hlt} at
 * {@link Layout#CODE}, the state and data before it), run again on both engines and on the host
 * CPU ({@link HostHarness}), which decides: interpreter != host is a jnbox bug; otherwise Unicorn
 * is wrong, explained when {@link UnicornQuirks} documents it. Without a host CPU harness, only
 * documented Unicorn quirks are explained. Finally the interpreter runs each sequence again in one
 * go (block mode), which must give exactly the stepped result.
 */
public final class LockstepRunner implements AutoCloseable {
    /** How a disagreement was judged. Only the first is "explained". */
    public enum Verdict {
        /** Interpreter agrees with the host CPU; Unicorn is wrong in a documented way. */
        UNICORN_DOCUMENTED,
        /** Interpreter agrees with the host CPU; Unicorn is wrong in a way not yet documented. */
        UNICORN_UNDOCUMENTED,
        /** The interpreter disagrees with the host CPU in a way written up in lockstep-findings (open bug). */
        JNBOX_KNOWN,
        /** The interpreter disagrees with the host CPU. */
        JNBOX_BUG,
        /** No host harness to decide, and no documented Unicorn quirk matches. */
        UNDECIDED,
        /** The one-instruction reproducer does not disagree again. */
        NOT_REPRODUCED,
        /** The interpreter's block run differs from its own stepped run. */
        INTERP_BLOCK_VS_STEP
    }

    /** One disagreement with its reproducer and judgement. */
    public record Divergence(long sequence, int step, byte[] insn, String text, CpuState before, byte[] data,
            Result interp, Result unicorn, Result host, List<String> diffs, Verdict verdict, String explanation) {
        public boolean explained() { return verdict == Verdict.UNICORN_DOCUMENTED || verdict == Verdict.JNBOX_KNOWN; }
    }

    /**
     * A documented quirk goes to the host referee (the interpreter's side must match it) for its first
     * hits and then for every HOST_SAMPLE_EVERY-th; the others are counted without a reproducer.
     */
    private static final int HOST_CHECKS_PER_QUIRK = 10, HOST_SAMPLE_EVERY = 1000;

    private final SandboxMemory memI = Layout.newMemory(), memU = Layout.newMemory();
    private final Interpreter interp = new Interpreter(memI);
    private final UnicornEngine unicorn = new UnicornEngine(memU, true);
    private final HostHarness host;
    private final InstructionPool pool;
    private final Decoder decoder = new Decoder();
    private final CpuState ci = new CpuState(), cu = new CpuState(), pre = new CpuState();
    private final byte[] preData = new byte[Layout.DATA_LEN];

    private long sequences, steps;
    /** Time spent per part (for the report). */
    public long nanosInterp, nanosUnicorn, nanosLoad, nanosJudge;
    private final Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    private final Map<String, Integer> quirkCounts = new TreeMap<>();
    private final Map<String, Integer> unimplemented = new TreeMap<>();
    private final List<Divergence> kept = new ArrayList<>();
    private final Map<String, Integer> signatures = new TreeMap<>();
    private final int keepLimit;

    /**
     * @param pool      forms to draw from; forms the interpreter reports unimplemented are banned in it
     * @param host      the host referee, or null
     * @param keepLimit how many divergences to keep in full (all are counted)
     */
    public LockstepRunner(InstructionPool pool, HostHarness host, int keepLimit) {
        this.pool = pool;
        this.host = host;
        this.keepLimit = keepLimit;
    }

    public long sequences() { return sequences; }

    public long steps() { return steps; }

    public Map<Verdict, Integer> verdicts() { return verdicts; }

    /** Explained divergences per documented Unicorn quirk. */
    public Map<String, Integer> quirkCounts() { return quirkCounts; }

    /** Forms the interpreter reported unimplemented (banned from the pool), with counts. */
    public Map<String, Integer> unimplemented() { return unimplemented; }

    /** The first divergences, in full. */
    public List<Divergence> divergences() { return kept; }

    public long unexplained() {
        long n = 0;
        for (var e : verdicts.entrySet()) {
            if (e.getKey() != Verdict.UNICORN_DOCUMENTED && e.getKey() != Verdict.JNBOX_KNOWN) n += e.getValue();
        }
        return n;
    }

    /** Runs one sequence in lockstep; returns its divergence, or null. */
    public Divergence run(Sequence s) {
        sequences++;
        long tl = System.nanoTime();
        byte[] page = Arrays.copyOf(s.code(), Layout.CODE_LEN);
        load(memI, page, s.data());
        load(memU, page, s.data());
        nanosLoad += System.nanoTime() - tl;
        ci.copyFrom(s.init());
        cu.copyFrom(s.init());
        long code = Layout.sys(Layout.CODE);
        for (int step = 0; step <= s.starts().length; step++) {
            int off = (int) (ci.rip - code);
            Insn in = off >= 0 && off < s.code().length ? decoder.decode(s.code(), off, s.code().length) : null;
            long undefined = in == null ? 0 : UndefinedFlags.of(in, ci);
            pre.copyFrom(ci);
            memI.peek(Layout.DATA, preData, 0, preData.length);
            long t0 = System.nanoTime();
            Exit ei = interp.run(ci, 1);
            long t1 = System.nanoTime();
            Exit eu = unicorn.run(cu, 1);
            long t2 = System.nanoTime();
            nanosInterp += t1 - t0;
            nanosUnicorn += t2 - t1;
            steps++;
            if (ei.kind() == Exit.Kind.UNIMPLEMENTED && in != null) {
                // State-dependent gaps (non-default MXCSR) end the sequence; a missing form is banned.
                String detail = String.valueOf(ei.detail());
                if (detail.contains("internal error")) return internalError(s, step, off, in, detail, pre, preData, pool, this::record);
                boolean byState = detail.contains("MXCSR");
                if (!byState) pool.ban(in.op());
                unimplemented.merge(byState ? in.mnemonic() + " with non-default MXCSR control" : in.op().name() + " (" + detail + ")",
                        1, Integer::sum);
                return null;
            }
            Result ri = new Result(ei.kind(), ei.signal(), ei.pc(), ci, null);
            Result ru = new Result(eu.kind(), eu.signal(), eu.pc(), cu, null);
            List<String> d = StateDiff.diff(ri, ru, undefined);
            if (!sameData()) d.add("data differs");
            if (!d.isEmpty()) {
                // A documented quirk already confirmed on the host often enough: count it and go on.
                UnicornQuirks.Quirk q = in == null ? null : UnicornQuirks.match(in, pre, ri, ru, d);
                int seen = q == null ? 0 : quirkCounts.getOrDefault(q.id(), 0);
                if (q == null || seen < HOST_CHECKS_PER_QUIRK || seen % HOST_SAMPLE_EVERY == 0) {
                    long tj = System.nanoTime();
                    try {
                        return judge(s, step, off, in, d);
                    } finally {
                        nanosJudge += System.nanoTime() - tj;
                    }
                }
                quirkCounts.merge(q.id(), 1, Integer::sum);
                verdicts.merge(Verdict.UNICORN_DOCUMENTED, 1, Integer::sum);
                if (!sameData()) copyData(memI, memU);
            }
            cu.copyFrom(ci); // undefined flags follow the interpreter
            if (ei.kind() != Exit.Kind.BUDGET) break;
        }
        return checkBlockRun(s, page);
    }

    /**
     * The interpreter threw inside an instruction (reported as UNIMPLEMENTED "internal error"): a jnbox bug,
     * recorded with its reproducer (known when {@link KnownBugs} lists it); the form is banned so it counts once.
     */
    static Divergence internalError(Sequence s, int step, int off, Insn in, String detail, CpuState pre, byte[] preData,
            InstructionPool pool, java.util.function.UnaryOperator<Divergence> record) {
        pool.ban(in.op());
        CpuState start = new CpuState();
        start.copyFrom(pre);
        start.rip = Layout.sys(Layout.CODE);
        start.icount = 0;
        byte[] insn = Arrays.copyOfRange(s.code(), off, off + in.length());
        List<String> d = List.of(detail);
        KnownBugs.Bug bug = KnownBugs.match(in, start, null, null, d);
        return record.apply(new Divergence(s.id(), step, insn, in.toString(), start, preData.clone(), null, null, null, d,
                bug != null ? Verdict.JNBOX_KNOWN : Verdict.JNBOX_BUG, (bug != null ? bug.id() + ": " : "") + detail));
    }

    private static void load(SandboxMemory m, byte[] code, byte[] data) {
        m.poke(Layout.CODE, code, 0, code.length);
        m.poke(Layout.DATA, data, 0, data.length);
    }

    private static void copyData(SandboxMemory from, SandboxMemory to) {
        byte[] b = new byte[Layout.DATA_LEN];
        from.peek(Layout.DATA, b, 0, b.length);
        to.poke(Layout.DATA, b, 0, b.length);
    }

    private boolean sameData() {
        for (long p = Layout.DATA >>> SandboxMemory.PAGE_SHIFT, n = (Layout.DATA + Layout.DATA_LEN) >>> SandboxMemory.PAGE_SHIFT; p < n; p++) {
            if (!Arrays.equals(memI.pageData((int) p), memU.pageData((int) p))) return false;
        }
        return true;
    }

    /** The interpreter's whole-sequence run must equal its stepped run exactly (flags included). */
    private Divergence checkBlockRun(Sequence s, byte[] page) {
        byte[] steppedData = new byte[Layout.DATA_LEN];
        memI.peek(Layout.DATA, steppedData, 0, steppedData.length);
        CpuState stepped = new CpuState();
        stepped.copyFrom(ci);
        load(memI, page, s.data());
        CpuState whole = new CpuState();
        whole.copyFrom(s.init());
        Exit e = interp.run(whole, 10_000);
        byte[] wholeData = new byte[Layout.DATA_LEN];
        memI.peek(Layout.DATA, wholeData, 0, wholeData.length);
        List<String> d = new ArrayList<>();
        StateDiff.diffCpu(whole, stepped, 0, d);
        if (whole.rflags() != stepped.rflags()) d.add("rflags (all bits) " + Long.toHexString(whole.rflags()) + " != " + Long.toHexString(stepped.rflags()));
        if (!Arrays.equals(wholeData, steppedData)) d.add("data differs");
        if (e.pc() != stepped.rip) d.add("stop pc " + Long.toHexString(e.pc()) + " != " + Long.toHexString(stepped.rip));
        if (d.isEmpty()) return null;
        Result r = new Result(e.kind(), e.signal(), e.pc(), whole, wholeData);
        return record(new Divergence(s.id(), -1, s.code(), "whole sequence", s.init(), s.data(), r, null, null, d,
                Verdict.INTERP_BLOCK_VS_STEP, "block run differs from stepped run"));
    }

    private Divergence judge(Sequence s, int step, int off, Insn in, List<String> firstDiffs) {
        byte[] insn = in == null ? new byte[0] : Arrays.copyOfRange(s.code(), off, off + in.length());
        String text = in == null ? "?" : in.toString();
        byte[] repCode = Arrays.copyOf(insn, insn.length + 1);
        repCode[insn.length] = (byte) 0xF4;
        CpuState start = new CpuState();
        start.copyFrom(pre);
        start.rip = Layout.sys(Layout.CODE);
        start.icount = 0;
        byte[] data = preData.clone();
        Insn rin = decoder.decode(repCode, 0, repCode.length);
        long undefined = rin == null ? 0 : UndefinedFlags.of(rin, start);
        Result ri = runReproducer(interp, memI, repCode, start, data);
        Result ru = runUnicornReproducer(repCode, start, data);
        List<String> iu = StateDiff.diff(ri, ru, undefined);
        if (iu.isEmpty()) {
            // Alone, Unicorn agrees: it went wrong only while stopped inside a translated block.
            Result rh = host == null ? null : host.run(repCode, start, data);
            List<String> ih = rh == null ? List.of() : StateDiff.diff(ri, rh, undefined);
            Verdict v = !ih.isEmpty() ? Verdict.JNBOX_BUG : Verdict.NOT_REPRODUCED;
            String why = !ih.isEmpty() ? "interpreter vs host: " + ih : "in sequence: " + firstDiffs;
            if (ih.isEmpty() && UnicornQuirks.only(firstDiffs, "rflags")) {
                v = Verdict.UNICORN_DOCUMENTED;
                why = UnicornQuirks.MID_BLOCK_FLAGS;
                quirkCounts.merge(why, 1, Integer::sum);
            }
            return record(new Divergence(s.id(), step, insn, text, start, data, ri, ru, rh, firstDiffs, v, why));
        }
        UnicornQuirks.Quirk quirk = rin == null ? null : UnicornQuirks.match(rin, start, ri, ru, iu);
        boolean ask = host != null; // reached for every new kind, the first hits of a quirk, and samples
        Result rh = ask ? host.run(repCode, start, data) : null;
        Verdict v;
        String why;
        if (rh != null) {
            List<String> ih = StateDiff.diff(ri, rh, undefined);
            KnownBugs.Bug bug = ih.isEmpty() || rin == null ? null : KnownBugs.match(rin, start, ri, rh, ih);
            if (bug != null) {
                v = Verdict.JNBOX_KNOWN;
                why = bug.id();
                quirkCounts.merge("jnbox: " + bug.id(), 1, Integer::sum);
            } else if (!ih.isEmpty()) {
                v = Verdict.JNBOX_BUG;
                why = "interpreter vs host: " + ih;
            } else if (quirk != null) {
                v = Verdict.UNICORN_DOCUMENTED;
                why = quirk.id();
            } else {
                v = Verdict.UNICORN_UNDOCUMENTED;
                why = "unicorn vs host: " + StateDiff.diff(ru, rh, undefined);
            }
        } else if (quirk != null) {
            v = Verdict.UNICORN_DOCUMENTED;
            why = quirk.id();
        } else {
            v = Verdict.UNDECIDED;
            why = host == null ? "no host harness: " + HostHarness.unavailableReason() : "?";
        }
        if (v == Verdict.UNICORN_DOCUMENTED) quirkCounts.merge(quirk.id(), 1, Integer::sum);
        return record(new Divergence(s.id(), step, insn, text, start, data, ri, ru, rh, iu, v, why));
    }

    private Divergence record(Divergence d) {
        verdicts.merge(d.verdict(), 1, Integer::sum);
        // Keep the first divergence of each kind: verdict, mnemonic and the fields that differ.
        StringBuilder sig = new StringBuilder(d.verdict() + " " + d.text().split(" ")[0]);
        new java.util.TreeSet<>(d.diffs().stream().map(x -> x.split("[ \\[(]")[0].replaceAll("[0-9]+$", "")).toList()).forEach(x -> sig.append(' ').append(x));
        if (signatures.merge(sig.toString(), 1, Integer::sum) == 1 && kept.size() < keepLimit) kept.add(d);
        return d;
    }

    /** Divergences per kind (verdict, mnemonic, differing fields). */
    public Map<String, Integer> signatures() { return signatures; }

    /** Unicorn instances replaced after a CPU exception (the engine does it itself: UnicornEngine.reopen). */
    public long recreated() { return unicorn.reopened(); }

    private Result runUnicornReproducer(byte[] code, CpuState start, byte[] data) {
        load(memU, Arrays.copyOf(code, Layout.CODE_LEN), data);
        CpuState c = new CpuState();
        c.copyFrom(start);
        Exit x = unicorn.run(c, 2);
        byte[] after = new byte[Layout.DATA_LEN];
        memU.peek(Layout.DATA, after, 0, after.length);
        return new Result(x.kind(), x.signal(), x.pc(), c, after);
    }

    private static Result runReproducer(Engine e, SandboxMemory m, byte[] code, CpuState start, byte[] data) {
        load(m, Arrays.copyOf(code, Layout.CODE_LEN), data);
        CpuState c = new CpuState();
        c.copyFrom(start);
        Exit x = e.run(c, 2);
        byte[] after = new byte[Layout.DATA_LEN];
        m.peek(Layout.DATA, after, 0, after.length);
        return new Result(x.kind(), x.signal(), x.pc(), c, after);
    }

    /** Runs one reproducer on the interpreter (for replay tests). */
    public static Result runOnInterpreter(byte[] code, CpuState start, byte[] data) {
        SandboxMemory m = Layout.newMemory();
        return runReproducer(new Interpreter(m), m, code, start, data);
    }

    @Override
    public void close() {
        unicorn.close();
    }
}
