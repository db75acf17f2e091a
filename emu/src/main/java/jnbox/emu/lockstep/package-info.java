/**
 * The lockstep differential tester (issue 5): random NaCl-valid instruction sequences
 * ({@link jnbox.emu.lockstep.SequenceGenerator}, drawing from the decoder's table through
 * {@link jnbox.emu.lockstep.InstructionPool}), run one instruction at a time on the interpreter and
 * on Unicorn ({@link jnbox.emu.lockstep.LockstepRunner}), compared field by field
 * ({@link jnbox.emu.lockstep.StateDiff}, undefined flags from {@link jnbox.emu.lockstep.UndefinedFlags}),
 * with the host CPU as referee ({@link jnbox.emu.lockstep.HostHarness}, {@code host_harness.c}).
 * Disagreements become one-instruction reproducers ({@link jnbox.emu.lockstep.Reproducers}) and are
 * explained by documented Unicorn quirks ({@link jnbox.emu.lockstep.UnicornQuirks}) or written-up
 * interpreter bugs ({@link jnbox.emu.lockstep.KnownBugs}). The pools hold exactly the forms the
 * interpreter executes (asked through {@code Interpreter.executes}); VEX forms (AVX, AVX2, FMA), which
 * Unicorn 2.0.1 lacks, and the x87, which it emulates too loosely to referee, run in
 * {@link jnbox.emu.lockstep.HostLockstep}: whole sequences on the interpreter and on the host CPU, all
 * 256 YMM bits and the x87 state compared, bisected to one instruction on a disagreement.
 *
 * <h2>API</h2>
 * {@link jnbox.emu.lockstep.LockstepSoak#run(long, long, HostHarness, int, int, java.util.function.Predicate)}
 * runs N sequences from a seed on T runners and returns per-runner summaries;
 * {@link jnbox.emu.lockstep.LockstepSoak#print} writes the report. Used by the CI test
 * {@code LockstepTest} and by {@code jnbox selftest --lockstep N}.
 */
package jnbox.emu.lockstep;
