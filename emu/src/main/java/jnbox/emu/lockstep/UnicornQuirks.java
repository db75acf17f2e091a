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
     * Not a matcher: a sequence step where Unicorn's RFLAGS differ while the same instruction alone, from
     * the same registers, agrees with the interpreter and the host CPU. QEMU computes flags lazily and
     * skips those a later instruction of the same translated block overwrites, so a stop inside a block
     * left them stale; stepping now ends each translation at the next instruction ({@code until}), which
     * removed nearly all of these. What remains (about 1 step in 10,000) are shifts by CL of memory
     * operands, whose flags in Unicorn depend on its lazy-flags state from the previous instruction.
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
            new Quirk("unicorn-ftz-ignored",
                    "With MXCSR.FTZ set (underflow masked), Unicorn returns a denormal result where the CPU flushes it to a"
                            + " signed zero and sets UE and PE (SDM vol. 1 10.2.3.3): e.g. mulsd with a tiny product gives"
                            + " 0x8000000000000000 on the CPU and in jnbox, 0x800070bfe0440ef7 in Unicorn 2.0.1.",
                    (in, b, i, u, d) -> (b.mxcsr & 0x8000) != 0 && only(d, "ymm", "mxcsr") && flushedLanesOnly(i.cpu(), u.cpu())),
            new Quirk("unicorn-daz-ftz-ignored",
                    "More generally, Unicorn 2.0.1 (QEMU 5's softfloat flags) ignores MXCSR.DAZ and FTZ in SSE float"
                            + " arithmetic (addsubps, dppd, ...): with either set, results on denormal inputs or tiny results"
                            + " differ from the CPU's and jnbox's (e.g. dppd $0xff with DAZ: CPU -0, Unicorn +0).",
                    (in, b, i, u, d) -> (b.mxcsr & 0x8040) != 0 && in.op().feature() != jnbox.emu.decode.CpuFeature.BASE
                            && only(d, "ymm", "mxcsr")),
            new Quirk("unicorn-dpp-zero-sign",
                    "dppd/dpps whose products are all -0 give +0 in Unicorn (QEMU 5 starts the sum from +0); the CPU and jnbox"
                            + " add the products directly and give -0 (dppd $0x3f with -0 products).",
                    (in, b, i, u, d) -> in.mnemonic().name().matches("DPP[SD]") && only(d, "ymm", "mxcsr") && signedZeroLanesOnly(i.cpu(), u.cpu())),
            new Quirk("unicorn-dpps-rounding",
                    "dpps results differ from the CPU's by one unit in the last place (and PE/UE in MXCSR): QEMU 5 rounds the"
                            + " products and sums in another order; e.g. dpps $0xff gives 33b7a8f6 where the CPU and jnbox give 33b7a8f5.",
                    (in, b, i, u, d) -> in.mnemonic() == jnbox.emu.decode.Mnemonic.DPPS && only(d, "ymm", "mxcsr") && floatUlpLanesOnly(i.cpu(), u.cpu())),
            new Quirk("unicorn-phadd-phsub-same-register",
                    "SSSE3 phaddw/phaddd/phaddsw/phsubw/phsubd/phsubsw with the same register as source and destination"
                            + " give wrong upper lanes in Unicorn (QEMU 5 reads the destination after writing its low half):"
                            + " phsubw %xmm0,%xmm0 (testdata/lockstep/unicorn_documented-phsubw-*.txt).",
                    (in, b, i, u, d) -> (in.mnemonic().name().startsWith("PHADD") || in.mnemonic().name().startsWith("PHSUB"))
                            && only(d, "ymm")),
            new Quirk("unicorn-pcmpestr-wrong",
                    "pcmpestri/pcmpestrm and pcmpistri/pcmpistrm give a different index, mask or flags in Unicorn than on the"
                            + " CPU for some lengths and modes, e.g. pcmpestri $0xff: rcx 7 where the CPU and jnbox give 5"
                            + " (pcmpistri $0xff: 7 vs 6)"
                            + " (testdata/lockstep/unicorn_documented-pcmpestri-*.txt). With eax or edx = 0x80000000 Unicorn"
                            + " indexes out of bounds and crashes the process, so the generator sets both lengths right before.",
                    (in, b, i, u, d) -> in.mnemonic().name().matches("PCMP[EI]STR[IM]") && only(d, "ymm", "rcx", "rflags")),
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

    /** Every differing lane (as a double, or per float half) is a signed zero in {@code a} and a denormal in {@code b}. */
    static boolean flushedLanesOnly(CpuState a, CpuState b) {
        boolean any = false;
        for (int i = 0; i < a.vec.length; i++) {
            long x = a.vec[i], y = b.vec[i];
            if (x == y) continue;
            any = true;
            boolean asDouble = (x << 1) == 0 && (y >>> 52 & 0x7FF) == 0;
            boolean asFloats = true;
            for (int h = 0; h < 64; h += 32) {
                int fx = (int) (x >>> h), fy = (int) (y >>> h);
                if (fx != fy && !((fx << 1) == 0 && (fy >>> 23 & 0xFF) == 0)) asFloats = false;
            }
            if (!asDouble && !asFloats) return false;
        }
        return any;
    }

    /** Every differing float (32-bit half of a lane) differs by one unit in the last place. */
    static boolean floatUlpLanesOnly(CpuState a, CpuState b) {
        boolean any = false;
        for (int i = 0; i < a.vec.length; i++) {
            for (int h = 0; h < 64; h += 32) {
                int x = (int) (a.vec[i] >>> h), y = (int) (b.vec[i] >>> h);
                if (x == y) continue;
                if (Math.abs((long) x - y) != 1) return false;
                any = true;
            }
        }
        return any;
    }

    /** Every differing lane differs only in sign bits of zeros (as a double or per float half). */
    static boolean signedZeroLanesOnly(CpuState a, CpuState b) {
        boolean any = false;
        for (int i = 0; i < a.vec.length; i++) {
            long x = a.vec[i], y = b.vec[i];
            if (x == y) continue;
            any = true;
            boolean asDouble = (x << 1) == 0 && (y << 1) == 0;
            boolean asFloats = ((int) x << 1) == 0 && ((int) y << 1) == 0 && ((int) (x >>> 32) << 1) == 0 && ((int) (y >>> 32) << 1) == 0;
            if (!asDouble && !asFloats) return false;
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
