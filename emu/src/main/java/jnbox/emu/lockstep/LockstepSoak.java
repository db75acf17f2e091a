package jnbox.emu.lockstep;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import jnbox.emu.decode.OpForm;

/**
 * Runs {@code n} generated sequences from one seed through a {@link LockstepRunner} and reports:
 * the entry point of the CI test and of {@code jnbox selftest --lockstep}.
 */
public final class LockstepSoak {
    private LockstepSoak() {}

    /**
     * One sequence in {@value #VEX_EVERY} is a VEX (AVX/AVX2/FMA) sequence checked against the host CPU only
     * (each runner has its own harness process for them: a host run costs a fork, about 2-4 ms).
     */
    public static final int VEX_EVERY = 8;

    /**
     * What a soak found: {@code sequences}/{@code steps} count both modes; {@code hostOnly} is the
     * VEX runner (null without a host referee or when the interpreter executes no VEX form yet).
     */
    public record Summary(long seed, long sequences, long steps, long unexplained, long millis, LockstepRunner runner,
            InstructionPool pool, SequenceGenerator generator, List<String> invalid, HostLockstep hostOnly, InstructionPool vexPool,
            SequenceGenerator vexGenerator) {}

    /** Runs {@code n} sequences on one thread. */
    public static Summary run(long seed, long n, HostHarness host, int keep) {
        return run(seed, n, host, keep, 1, null).get(0);
    }

    /**
     * Runs {@code n} sequences split over {@code threads} runners (one Unicorn instance and two
     * memories each); runner t draws from seed {@code seed + t * 0x9E3779B97F4A7C15}, so a run is
     * reproduced by the same seed and thread count.
     */
    public static List<Summary> run(long seed, long n, HostHarness host, int keep, int threads,
            java.util.function.Predicate<Sequence> validator) {
        InstructionPool pool = new InstructionPool();
        InstructionPool vexPool = host == null ? null : InstructionPool.vex();
        boolean vex = vexPool != null && !vexPool.forms().isEmpty();
        List<Summary> out = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long s = seed + t * 0x9E37_79B9_7F4A_7C15L;
            long count = n / threads + (t < n % threads ? 1 : 0);
            Thread w = new Thread(() -> {
                SequenceGenerator gen = new SequenceGenerator(s, pool);
                SequenceGenerator vexGen = vex ? new SequenceGenerator(~s, vexPool, pool) : null;
                if (validator != null) {
                    // The group alone (plus hlt) must be NaCl-valid: rows the decoder table marks accepted in an
                    // encoding the validator refuses are redrawn and listed, never run.
                    java.util.function.Predicate<byte[]> groupCheck = g -> validator.test(new Sequence(0, withHlt(g), new int[] {0}, null, null));
                    gen.checkGroups(groupCheck);
                    if (vexGen != null) vexGen.checkGroups(groupCheck);
                }
                HostHarness ownHost = vex ? HostHarness.start() : null;
                HostLockstep hostOnly = ownHost != null ? new HostLockstep(vexPool, ownHost, keep) : null;
                long t0 = System.nanoTime();
                List<String> invalid = new ArrayList<>();
                try (LockstepRunner r = new LockstepRunner(pool, host, keep)) {
                    for (long i = 0; i < count; i++) {
                        boolean hostMode = hostOnly != null && i % VEX_EVERY == VEX_EVERY - 1 && !vexPool.forms().isEmpty();
                        Sequence q = hostMode ? vexGen.next() : gen.next();
                        if (validator != null && !validator.test(q)) {
                            // Not NaCl-valid: a generator bug; never run, always reported.
                            invalid.add(java.util.HexFormat.of().formatHex(q.code()));
                            continue;
                        }
                        if (hostMode) hostOnly.run(q);
                        else r.run(q);
                    }
                    long hs = hostOnly == null ? 0 : hostOnly.sequences(), hsteps = hostOnly == null ? 0 : hostOnly.steps();
                    long hu = hostOnly == null ? 0 : hostOnly.unexplained();
                    Summary sum = new Summary(s, r.sequences() + hs, r.steps() + hsteps, r.unexplained() + hu + invalid.size(),
                            (System.nanoTime() - t0) / 1_000_000, r, pool, gen, invalid, hostOnly, vexPool, vexGen);
                    synchronized (out) { out.add(sum); }
                } catch (RuntimeException e) {
                    synchronized (failures) { failures.add(e); }
                } finally {
                    if (ownHost != null) ownHost.close();
                }
            }, "lockstep-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (!failures.isEmpty()) throw failures.get(0);
        out.sort(java.util.Comparator.comparingLong(Summary::seed));
        return out;
    }

    private static byte[] withHlt(byte[] g) {
        byte[] b = java.util.Arrays.copyOf(g, g.length + 1);
        b[g.length] = (byte) 0xF4;
        return b;
    }

    /** A human report: figures, verdict counts, explained quirks, and every kept divergence. */
    public static void print(Summary s, PrintStream out) {
        LockstepRunner r = s.runner();
        out.printf("lockstep seed %d: %d sequences, %d steps in %.1f s (%.1f us/sequence), %d forms in the pool%n",
                s.seed(), s.sequences(), s.steps(), s.millis() / 1000.0, s.millis() * 1000.0 / Math.max(1, s.sequences()),
                s.pool().forms().size());
        out.printf("time: interpreter %d ms, unicorn %d ms (%d instances replaced after CPU exceptions), loading %d ms, judging %d ms%n",
                r.nanosInterp / 1_000_000, r.nanosUnicorn / 1_000_000, r.recreated(), r.nanosLoad / 1_000_000, r.nanosJudge / 1_000_000);
        out.println("verdicts: " + r.verdicts() + "; unexplained: " + s.unexplained());
        if (!s.invalid().isEmpty()) {
            out.println(s.invalid().size() + " sequences the validator rejects (first: " + s.invalid().get(0) + ")");
        }
        if (!r.quirkCounts().isEmpty()) out.println("documented Unicorn quirks seen: " + r.quirkCounts());
        if (!r.unimplemented().isEmpty()) out.println("interpreter UNIMPLEMENTED (banned): " + r.unimplemented().keySet());
        if (!s.generator().rejectedByValidator().isEmpty()) {
            out.println("forms the decoder table marks NaCl-accepted whose encodings the validator rejects (not drawn): "
                    + s.generator().rejectedByValidator().stream().map(OpForm::name).sorted().toList());
        }
        if (!s.generator().unencodable().isEmpty()) {
            out.println("forms the generator could not encode: " + s.generator().unencodable().stream().map(OpForm::name).sorted().toList());
        }
        r.signatures().forEach((k, v) -> out.println("  " + v + " x " + k));
        for (LockstepRunner.Divergence d : r.divergences()) out.println(Reproducers.format(d));
        HostLockstep h = s.hostOnly();
        if (h == null) {
            out.println("VEX+x87 vs host: not run (" + (s.vexPool() == null ? "no host referee" : "the interpreter executes no VEX or x87 form") + ")");
            return;
        }
        out.printf("VEX+x87 (AVX, AVX2, FMA, x87, MMX) vs host CPU: %d sequences, %d steps, %d forms in the pool; interpreter %d ms, host %d ms%n",
                h.sequences(), h.steps(), s.vexPool().forms().size(), h.nanosInterp / 1_000_000, h.nanosHost / 1_000_000);
        out.println("VEX verdicts: " + h.verdicts() + "; unexplained: " + h.unexplained());
        if (!h.unimplemented().isEmpty()) out.println("VEX interpreter UNIMPLEMENTED (banned): " + h.unimplemented().keySet());
        if (!s.vexGenerator().rejectedByValidator().isEmpty()) {
            out.println("VEX forms the decoder table marks NaCl-accepted whose encodings the validator rejects (not drawn): "
                    + s.vexGenerator().rejectedByValidator().stream().map(OpForm::name).sorted().toList());
        }
        h.signatures().forEach((k, v) -> out.println("  " + v + " x " + k));
        for (LockstepRunner.Divergence d : h.divergences()) out.println(Reproducers.format(d));
    }
}
