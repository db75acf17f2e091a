package jnbox.emu.lockstep;

import java.util.List;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.decode.Insn;

/**
 * Interpreter bugs the lockstep tester found, written up in the project notes
 * ({@code lockstep-findings.md}) with reproducers in {@code testdata/lockstep/}, and not fixed yet
 * (the interpreter belongs to another engineer). A disagreement with the host matching one is
 * counted as {@link LockstepRunner.Verdict#JNBOX_KNOWN}; remove the entry when the fix lands.
 */
public final class KnownBugs {
    private KnownBugs() {}

    /** One open interpreter bug. */
    public record Bug(String id, String description, Matcher matcher) {}

    /** True when the disagreement (interpreter vs host) is this bug. */
    public interface Matcher {
        boolean matches(Insn in, CpuState before, Result interp, Result host, List<String> diffs);
    }

    /** Open interpreter bugs; empty: the last two (shld/shrd count 0, DAZ in conversions) are fixed. */
    public static final List<Bug> ALL = List.of();

    public static Bug match(Insn in, CpuState before, Result interp, Result host, List<String> diffs) {
        for (Bug b : ALL) if (b.matcher().matches(in, before, interp, host, diffs)) return b;
        return null;
    }
}
