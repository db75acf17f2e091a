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

    /** Open interpreter bugs (shld/shrd count 0 and DAZ in conversions are fixed). */
    public static final List<Bug> ALL = List.of(
            new Bug("jnbox-fma-underflow-flag",
                    "FMA (VEX) forms set MXCSR.UE where the CPU does not, with the same result: e.g. vfmaddsub231ps"
                            + " (testdata/lockstep/jnbox_known-vfmaddsub231ps-*.txt); the host raises UE only for a tiny and"
                            + " inexact result, with tininess after rounding (SDM vol. 1 4.9.1.5, 11.5.2.4).",
                    (in, b, i, h, d) -> in.mnemonic().name().startsWith("VF") && d.size() == 1 && d.get(0).startsWith("mxcsr")
                            && (i.cpu().mxcsr ^ h.cpu().mxcsr) == 0x10 && (i.cpu().mxcsr & 0x10) != 0),
            new Bug("jnbox-dpps-nan-propagation",
                    "dpps/dppd (and their VEX forms) with NaN inputs return a different NaN than the CPU: vdppd $0xff"
                            + " gives fff8000000000002 where the host gives 7fffffffffffffff, vdpps $0xff gives ffffffff where"
                            + " the host gives 7fefffff (testdata/lockstep/jnbox_known-vdppd-*.txt, -vdpps-*.txt).",
                    (in, b, i, h, d) -> in.mnemonic().name().matches("V?DPP[SD]") && UnicornQuirks.only(d, "ymm", "mxcsr")
                            && UnicornQuirks.nanLanesOnly(i.cpu(), h.cpu())));

    public static Bug match(Insn in, CpuState before, Result interp, Result host, List<String> diffs) {
        for (Bug b : ALL) if (b.matcher().matches(in, before, interp, host, diffs)) return b;
        return null;
    }
}
