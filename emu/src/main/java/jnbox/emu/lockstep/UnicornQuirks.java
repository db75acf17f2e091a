package jnbox.emu.lockstep;

import java.util.List;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.decode.Insn;

/**
 * Documented bugs and limits of Unicorn 2.0.1 (QEMU TCG) where the host CPU and jnbox's
 * interpreter agree and Unicorn does not. A lockstep disagreement matching one of these is
 * "explained"; each entry says what differs and how it was confirmed against the host CPU.
 */
public final class UnicornQuirks {
    private UnicornQuirks() {}

    /** One documented Unicorn behaviour. */
    public record Quirk(String id, String description, Matcher matcher) {}

    /** True when the disagreement {@code diffs} (interpreter vs Unicorn) of {@code in} is this quirk. */
    public interface Matcher {
        boolean matches(Insn in, CpuState before, Result interp, Result unicorn, List<String> diffs);
    }

    /**
     * Not a matcher: a sequence step where Unicorn's RFLAGS differ while the same instruction alone
     * agrees with the interpreter and the host CPU. QEMU computes flags lazily and skips those a
     * later instruction of the same translated block overwrites; stopping after one instruction
     * (stepping mode's code hook) leaves such flags stale (seen after shr/sar/shrd by CL).
     */
    public static final String MID_BLOCK_FLAGS = "unicorn-flags-stale-when-stopped-mid-block";

    public static final List<Quirk> ALL = List.of(
            new Quirk("unicorn-mxcsr-status-flags-wrong",
                    "After SSE arithmetic, compares and conversions MXCSR's sticky exception flags (IE DE ZE OE UE PE,"
                            + " bits 0-5) differ from the CPU's, mostly missing: Unicorn 2.0.1 is QEMU 5.0, whose SSE helpers"
                            + " do not keep MXCSR's flags as x86 raises them (the CPU, e.g., sets IE for cvtsd2si of 1e300).",
                    (in, b, i, u, d) -> only(d, "mxcsr") && ((i.cpu().mxcsr ^ u.cpu().mxcsr) & ~0x3F) == 0),
            new Quirk("unicorn-x87-status-flags-wrong",
                    "After x87 arithmetic FSW's exception flags (IE DE ZE OE UE PE, bits 0-5) and C1 (bit 9, set when the"
                            + " result was rounded up) differ from the CPU's, mostly missing: fldl 2.0, fsqrt, fstpl leaves FSW"
                            + " 0x220 (PE, C1) on the CPU and in jnbox, 0 in Unicorn 2.0.1 (testdata sse-x87, TwoEnginesTest).",
                    (in, b, i, u, d) -> only(d, "fsw") && ((i.cpu().fsw ^ u.cpu().fsw) & ~0x23F) == 0),
            new Quirk("unicorn-x87-stack-underflow-ignored",
                    "Unicorn does not check the x87 tag word: an instruction reading an empty register (stack underflow)"
                            + " uses its stale contents and raises nothing, where the CPU sets IE and SF in FSW and, masked,"
                            + " delivers the indefinite value: fisttp of an empty ST(0) stores 0x8000... and leaves FSW 0x841"
                            + " on the CPU and in jnbox; Unicorn 2.0.1 stores the stale register converted and FSW 0x800.",
                    (in, b, i, u, d) -> in.mnemonic().name().startsWith("F") && (b.ftw >> ((b.fsw >> 11) & 7) & 1) == 0
                            && only(d, "fsw", "data", "st(", "ftw")),
            new Quirk("unicorn-daz-ignored",
                    "With MXCSR.DAZ set, Unicorn does not read denormal sources as zero in minps/minpd/minss/minsd,"
                            + " maxps/pd/ss/sd and the float conversions cvtpd2ps/cvtsd2ss: maxps %xmm1,%xmm1 of the denormal"
                            + " 0x7f gives 0 on the CPU and in jnbox (SDM vol. 1 10.2.3.4), 0x7f in Unicorn 2.0.1"
                            + " (testdata/lockstep/unicorn_documented-maxps-*.txt, -cvtsd2ss-*.txt).",
                    (in, b, i, u, d) -> (b.mxcsr & 0x40) != 0 && dazFamily(in) && only(d, "ymm", "mxcsr")),
            new Quirk("unicorn-no-popcnt-movbe",
                    "popcnt and movbe raise #UD: Unicorn's CPU models as filtered by its TCG lack POPCNT and MOVBE (the"
                            + " Haswell model set with uc_ctl changes CPUID but still leaves them out); jnbox's CPUID announces both.",
                    (in, b, i, u, d) -> (in.mnemonic() == jnbox.emu.decode.Mnemonic.POPCNT || in.mnemonic() == jnbox.emu.decode.Mnemonic.MOVBE)
                            && u.signal() == 4),
            new Quirk("unicorn-sse-compare-imm8-above-7",
                    "Legacy-SSE cmpps/cmppd/cmpss/cmpsd with imm8 >= 8 raise #UD in Unicorn; the CPU uses imm8[2:0]"
                            + " (SDM vol. 2 CMPPS: bits 7:3 reserved in the legacy encoding).",
                    (in, b, i, u, d) -> isSseCompare(in) && (in.imm() & 0xF8) != 0 && u.signal() == 4),
            new Quirk("unicorn-cmpxchg32-zero-extends",
                    "32-bit cmpxchg in Unicorn zero-extends the register it does not write on the CPU: a failing"
                            + " cmpxchg to a register zero-extends the destination, a successful one zero-extends RAX;"
                            + " the CPU leaves their upper halves.",
                    (in, b, i, u, d) -> in.mnemonic() == jnbox.emu.decode.Mnemonic.CMPXCHG && in.operandSize() == 4
                            && zeroExtendedOnly(d, i.cpu(), u.cpu())),
            new Quirk("unicorn-bsf-bsr32-zero-source-zero-extends",
                    "bsf/bsr with a 32-bit operand and a zero source zero-extend the destination in Unicorn; the CPU leaves"
                            + " the whole register unchanged (the value is \"undefined\" in the SDM, unchanged on Intel and AMD).",
                    (in, b, i, u, d) -> (in.mnemonic() == jnbox.emu.decode.Mnemonic.BSF || in.mnemonic() == jnbox.emu.decode.Mnemonic.BSR)
                            && in.operandSize() == 4 && onlyReg(d, in.regIndex())
                            && u.cpu().r[in.regIndex()] == (i.cpu().r[in.regIndex()] & 0xFFFF_FFFFL)),
            new Quirk("unicorn-memory-shift-flags",
                    "Shifts with a memory destination leave wrong arithmetic flags in Unicorn: shl/shr/sar by CL"
                            + " (e.g. shl %cl,mem32 with CL=0x41 gave CF=OF=1 where the CPU gives 0) and shld/shrd by CL or"
                            + " immediate (CF, and OF for count 1; e.g. shld $0x11,%r8,mem64).",
                    (in, b, i, u, d) -> Families.isShiftOrRotate(in.mnemonic()) && in.modrmMod() != 3
                            && (byCl(in) || in.mnemonic() == jnbox.emu.decode.Mnemonic.SHLD || in.mnemonic() == jnbox.emu.decode.Mnemonic.SHRD)
                            && only(d, "rflags")),
            new Quirk("unicorn-locked-neg-flags",
                    "lock neg of memory leaves wrong flags in Unicorn (lock negb: SF/CF differ from the CPU's).",
                    (in, b, i, u, d) -> in.mnemonic() == jnbox.emu.decode.Mnemonic.NEG && in.lock() && only(d, "rflags")),
            new Quirk("unicorn-sse-nan-propagation",
                    "With two NaN operands an SSE arithmetic instruction returns the first source's NaN (SDM vol. 1"
                            + " Table 4-7); Unicorn returns the NaN with the larger significand (QEMU's x87 rule), e.g."
                            + " mulps of ffc00000 and 7ff40000 gives 7ff40000 instead of ffc00000.",
                    (in, b, i, u, d) -> only(d, "ymm", "mxcsr") && nanLanesOnly(i.cpu(), u.cpu())));

    /** The documented quirk that explains the disagreement, or null. */
    public static Quirk match(Insn in, CpuState before, Result interp, Result unicorn, List<String> diffs) {
        for (Quirk q : ALL) if (q.matcher().matches(in, before, interp, unicorn, diffs)) return q;
        return null;
    }

    static boolean dazFamily(Insn in) {
        String n = in.mnemonic().name();
        return n.startsWith("MIN") || n.startsWith("MAX") || n.equals("CVTPD2PS") || n.equals("CVTSD2SS");
    }

    static boolean byCl(Insn in) {
        for (jnbox.emu.decode.Operand o : in.op().operands()) {
            if (o.kind() == jnbox.emu.decode.Operand.Kind.REG && o.fixedReg() == 1 && o.size() == jnbox.emu.decode.Operand.Size.B) return true;
        }
        return false;
    }

    /** Every differing vector lane holds a NaN (as a double or in a float half) on both sides. */
    static boolean nanLanesOnly(CpuState a, CpuState b) {
        boolean any = false;
        for (int i = 0; i < a.vec.length; i++) {
            if (a.vec[i] == b.vec[i]) continue;
            if (!hasNan(a.vec[i]) || !hasNan(b.vec[i])) return false;
            any = true;
        }
        return any;
    }

    private static boolean hasNan(long v) {
        return Double.isNaN(Double.longBitsToDouble(v)) || Float.isNaN(Float.intBitsToFloat((int) v))
                || Float.isNaN(Float.intBitsToFloat((int) (v >>> 32)));
    }

    static boolean isSseCompare(Insn in) {
        return switch (in.mnemonic()) {
            case CMPPS, CMPPD, CMPSS, CMPSD -> true;
            default -> false;
        };
    }

    /** Every difference is a general register that Unicorn holds zero-extended from the interpreter's low half. */
    static boolean zeroExtendedOnly(List<String> diffs, CpuState i, CpuState u) {
        if (diffs.isEmpty()) return false;
        for (String d : diffs) {
            int r = -1;
            for (int k = 0; k < 16; k++) if (d.startsWith(CpuState.regName(k) + " ")) r = k;
            if (r < 0 || u.r[r] != (i.r[r] & 0xFFFF_FFFFL)) return false;
        }
        return true;
    }

    /** The only difference is general register {@code r}. */
    static boolean onlyReg(List<String> diffs, int r) {
        return !diffs.isEmpty() && only(diffs, CpuState.regName(r) + " ");
    }

    static boolean only(List<String> diffs, String... prefixes) {
        for (String d : diffs) {
            boolean ok = false;
            for (String p : prefixes) if (d.startsWith(p)) ok = true;
            if (!ok) return false;
        }
        return true;
    }
}
