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

    public static final List<Bug> ALL = List.of(
            new Bug("sse-conversion-ignores-daz",
                    "With MXCSR.DAZ set, SSE conversions (cvtsd2si, ...) do not treat denormal sources as zero: the"
                            + " interpreter converts the denormal (e.g. rounding it up to 1 under RC=up) and sets PE; the CPU"
                            + " gives 0 and no flag.",
                    (in, b, i, h, d) -> in.mnemonic().name().startsWith("CVT") && (b.mxcsr & 0x40) != 0
                            && UnicornQuirks.only(d, "mxcsr", "ymm", "rax", "rcx", "rdx", "rbx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14")));

    public static Bug match(Insn in, CpuState before, Result interp, Result host, List<String> diffs) {
        for (Bug b : ALL) if (b.matcher().matches(in, before, interp, host, diffs)) return b;
        return null;
    }
}
