package jnbox.emu.lockstep;

import java.io.PrintStream;
import java.util.Map;
import jnbox.emu.decode.OpForm;

/**
 * Runs {@code n} generated sequences from one seed through a {@link LockstepRunner} and reports:
 * the entry point of the CI test and of {@code jnbox selftest --lockstep}.
 */
public final class LockstepSoak {
    private LockstepSoak() {}

    /** What a soak found. */
    public record Summary(long seed, long sequences, long steps, long unexplained, long millis, LockstepRunner runner,
            InstructionPool pool, SequenceGenerator generator) {}

    public static Summary run(long seed, long n, HostHarness host, int keep) {
        InstructionPool pool = new InstructionPool();
        SequenceGenerator gen = new SequenceGenerator(seed, pool);
        long t0 = System.nanoTime();
        try (LockstepRunner r = new LockstepRunner(pool, host, keep)) {
            for (long i = 0; i < n; i++) r.run(gen.next());
            return new Summary(seed, r.sequences(), r.steps(), r.unexplained(), (System.nanoTime() - t0) / 1_000_000, r, pool, gen);
        }
    }

    /** A human report: figures, verdict counts, explained quirks, and every kept divergence. */
    public static void print(Summary s, PrintStream out) {
        LockstepRunner r = s.runner();
        out.printf("lockstep seed %d: %d sequences, %d steps in %.1f s (%.1f us/sequence), %d forms in the pool%n",
                s.seed(), s.sequences(), s.steps(), s.millis() / 1000.0, s.millis() * 1000.0 / Math.max(1, s.sequences()),
                s.pool().forms().size());
        out.printf("time: interpreter %d ms, unicorn %d ms, unicorn re-creation %d ms (%d), loading %d ms, judging %d ms%n",
                r.nanosInterp / 1_000_000, r.nanosUnicorn / 1_000_000, r.nanosRecreate / 1_000_000, r.recreated(),
                r.nanosLoad / 1_000_000, r.nanosJudge / 1_000_000);
        out.println("verdicts: " + r.verdicts() + "; unexplained: " + s.unexplained());
        if (!r.quirkCounts().isEmpty()) out.println("documented Unicorn quirks seen: " + r.quirkCounts());
        if (!r.unimplemented().isEmpty()) out.println("interpreter UNIMPLEMENTED (banned): " + r.unimplemented().keySet());
        if (!s.generator().unencodable().isEmpty()) {
            out.println("forms the generator could not encode: " + s.generator().unencodable().stream().map(OpForm::name).sorted().toList());
        }
        r.signatures().forEach((k, v) -> out.println("  " + v + " x " + k));
        for (LockstepRunner.Divergence d : r.divergences()) out.println(Reproducers.format(d));
    }

    static String counts(Map<?, Integer> m) { return m.toString(); }
}
