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

    /**
     * True when the disagreement (interpreter vs host) is this bug. For an interpreter internal error
     * {@code interp} and {@code host} are null and {@code diffs} holds the error text.
     */
    public interface Matcher {
        boolean matches(Insn in, CpuState before, Result interp, Result host, List<String> diffs);
    }

    /** Open interpreter bugs (shld/shrd count 0 and DAZ in conversions are fixed). */
    public static final List<Bug> ALL = List.of(
            new Bug("jnbox-x87-snan-qnan-propagation",
                    "x87 arithmetic with an SNaN and a QNaN operand returns the quieted NaN with the larger significand;"
                            + " the CPU returns the QNaN operand (SDM vol. 1 Table 4-7): fsubr m with ST(0) = indefinite"
                            + " (testdata/lockstep/jnbox_known-fsubr-*.txt).",
                    (in, b, i, h, d) -> in.mnemonic().name().startsWith("F") && i != null && UnicornQuirks.only(d, "st(", "fsw")
                            && d.stream().anyMatch(x -> x.startsWith("st(")) && x87NanOnly(i.cpu(), h.cpu())),
            new Bug("jnbox-x87-underflow-keeps-c2",
                    "fsin/fcos/fptan (and f2xm1) on an empty ST(0) leave C2 as it was; the CPU clears it (the masked"
                            + " stack-underflow response): fcos, FSW 0x4541 before, CPU 0x4141 (testdata/lockstep/jnbox_known-fcos-*.txt).",
                    (in, b, i, h, d) -> in.mnemonic().name().matches("FSIN|FCOS|FPTAN|FSINCOS|F2XM1") && i != null
                            && d.size() == 1 && d.get(0).startsWith("fsw") && ((i.cpu().fsw ^ h.cpu().fsw) & ~0x400) == 0),
            new Bug("jnbox-x87-push-overflow-missed",
                    "fptan and fsincos whose push target register (ST(7)) is in use compute normally; the CPU signals stack"
                            + " overflow (IE, SF, C1) and leaves the indefinite (testdata/lockstep/jnbox_known-fptan-*.txt).",
                    (in, b, i, h, d) -> in.mnemonic().name().matches("FPTAN|FSINCOS") && (b.ftw >> ((((b.fsw >> 11) & 7) - 1) & 7) & 1) == 1
                            && UnicornQuirks.only(d, "st(", "fsw", "ftw")),
            new Bug("jnbox-x87-transcendental-directed-rounding",
                    "fsin/fcos/fptan/fsincos/fpatan/fyl2x results differ from the CPU's in the last significand bit (with C1"
                            + " following), under every rounding control (the 1M soak: a few dozen in 125,000 host-only sequences), e.g. fsin"
                            + " of a tiny x rounding down, where the CPU returns x (testdata/lockstep/jnbox_known-fsin-*.txt,"
                            + " jnbox_known-fyl2x-*.txt).",
                    (in, b, i, h, d) -> in.mnemonic().name().matches("FSIN|FCOS|FPTAN|FSINCOS|FPATAN|FYL2X") && i != null
                            && UnicornQuirks.only(d, "st(", "fsw") && x87LastBitOnly(i.cpu(), h.cpu())
                            && ((i.cpu().fsw ^ h.cpu().fsw) & ~0x23F) == 0),
            new Bug("jnbox-x87-fsincos-c1",
                    "fsincos (also fsin, fcos, fptan, fxtract, fpatan, fyl2x, fscale, fprem/fprem1) leaves C1 or an exception"
                            + " flag different from the CPU's: FSW 0x3022 where the CPU gives 0x3222"
                            + " (testdata/lockstep/jnbox_known-fsincos-*.txt); fcos of a denormal misses PE (0x3816 vs 0x3836).",
                    (in, b, i, h, d) -> in.mnemonic().name().matches("FSINCOS|FSIN|FCOS|FPTAN|FXTRACT|FPATAN|FYL2X|FSCALE|FPREM1?") && i != null
                            && d.size() == 1 && d.get(0).startsWith("fsw") && ((i.cpu().fsw ^ h.cpu().fsw) & ~0x23F) == 0),
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

    /** Every differing x87 register holds a NaN (exponent 0x7fff, significand not 1.0) on both sides. */
    static boolean x87NanOnly(CpuState a, CpuState b) {
        boolean any = false;
        for (int p = 0; p < 8; p++) {
            if (a.x87Mant[p] == b.x87Mant[p] && a.x87SignExp[p] == b.x87SignExp[p]) continue;
            if ((a.x87SignExp[p] & 0x7FFF) != 0x7FFF || (b.x87SignExp[p] & 0x7FFF) != 0x7FFF) return false;
            if (a.x87Mant[p] << 1 == 0 || b.x87Mant[p] << 1 == 0) return false;
            any = true;
        }
        return any;
    }

    /** Every differing x87 register differs from the other side by one unit in the last place, same sign and exponent. */
    static boolean x87LastBitOnly(CpuState a, CpuState b) {
        boolean any = false;
        for (int p = 0; p < 8; p++) {
            if (a.x87Mant[p] == b.x87Mant[p] && a.x87SignExp[p] == b.x87SignExp[p]) continue;
            if (a.x87SignExp[p] != b.x87SignExp[p] || Math.abs(a.x87Mant[p] - b.x87Mant[p]) != 1) return false;
            any = true;
        }
        return any;
    }

    public static Bug match(Insn in, CpuState before, Result interp, Result host, List<String> diffs) {
        for (Bug b : ALL) if (b.matcher().matches(in, before, interp, host, diffs)) return b;
        return null;
    }
}
