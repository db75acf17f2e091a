package jnbox.emu.lockstep;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import jnbox.emu.decode.CpuFeature;
import jnbox.emu.decode.Forms;
import jnbox.emu.decode.Mnemonic;
import jnbox.emu.decode.OpForm;
import jnbox.emu.decode.Operand;
import jnbox.emu.decode.NaclStatus;
import jnbox.emu.decode.Decoder;
import jnbox.emu.decode.Insn;
import jnbox.emu.interp.Interpreter;
import jnbox.emu.semantics.Cpuid;

/**
 * The forms the lockstep tester draws from: rows of the decoder's table ({@link Forms#all()}) that
 * NaCl's validator accepts ({@link NaclStatus#ACCEPTED}), that the interpreter executes (asked through
 * {@link Interpreter#executes} on sample encodings: one source of truth, so a family that lands in the
 * interpreter is drawn from then on without any change here), and whose operands the generator can
 * encode safely (general, XMM/YMM, memory, immediate). Two pools: the legacy-encoded forms, which
 * Unicorn 2.0.1 (QEMU 5 TCG: up to SSE4.2) also runs, and the VEX-encoded forms (AVX, AVX2, FMA), which
 * QEMU 5 lacks, so they are checked against the host CPU only ({@link HostLockstep}).
 *
 * <p>Left out on purpose: control transfers (the sequence is straight-line), push/pop (they move rsp,
 * which the aligned SSE accesses through rsp rely on), multi-byte nops (NaCl accepts only its own nop
 * spellings), and instructions whose result is not a function of the state (cpuid, rdtsc), the
 * privileged hlt (the sequence's own terminator), ud2, ldmxcsr (a random value faults or unmasks
 * exceptions), cmpxchg16b (alignment fault), VSIB gathers, the x87 environment images (fnstenv,
 * fnsave and their loads: they hold engine-specific instruction pointers), fldcw, and rcpps/rcpss/rsqrtps/rsqrtss, whose results are implementation-specific
 * approximations (SDM: relative error at most 1.5*2^-12), not one exact value.
 */
public final class InstructionPool {
    private static final Set<Mnemonic> EXCLUDED = EnumSet.of(Mnemonic.CALL, Mnemonic.JMP, Mnemonic.RET, Mnemonic.PUSH,
            Mnemonic.POP, Mnemonic.HLT, Mnemonic.CPUID, Mnemonic.RDTSC, Mnemonic.UD2, Mnemonic.LDMXCSR,
            Mnemonic.CMPXCHG16B, Mnemonic.JRCXZ, Mnemonic.NOP, Mnemonic.RCPPS, Mnemonic.RCPSS, Mnemonic.RSQRTPS, Mnemonic.RSQRTSS,
            // x87 environment and state images hold the last instruction and operand pointers (engine-specific),
            // and fldcw of a random word unmasks exceptions
            Mnemonic.FLDENV, Mnemonic.FNSTENV, Mnemonic.FRSTOR, Mnemonic.FNSAVE, Mnemonic.FLDCW,
            // SDM FYL2XP1 and F2XM1: "the result is undefined" unless |ST(0)| < 1 - sqrt(2)/2 (resp. <= 1), which
            // random values rarely are
            Mnemonic.FYL2XP1, Mnemonic.F2XM1);
    private static final Set<Mnemonic> EXCLUDED_VEX = excludedVex();
    private static final Set<Operand.Kind> ENCODABLE = EnumSet.of(Operand.Kind.E, Operand.Kind.G, Operand.Kind.R,
            Operand.Kind.Z, Operand.Kind.REG, Operand.Kind.V, Operand.Kind.W, Operand.Kind.U, Operand.Kind.M,
            Operand.Kind.I, Operand.Kind.ONE, Operand.Kind.ST0, Operand.Kind.STI, Operand.Kind.P, Operand.Kind.Q, Operand.Kind.N);
    private static final Set<Operand.Kind> ENCODABLE_VEX = EnumSet.of(Operand.Kind.E, Operand.Kind.G, Operand.Kind.V,
            Operand.Kind.H, Operand.Kind.W, Operand.Kind.U, Operand.Kind.M, Operand.Kind.I, Operand.Kind.L);
    /** Sample encodings tried per form when asking the interpreter. */
    private static final int SAMPLES = 8;

    private final boolean vex;
    private final List<OpForm> forms = new ArrayList<>();
    private int[] cumulative;
    private final Set<OpForm> banned = new java.util.HashSet<>();

    /** The legacy-encoded pool (interpreter vs Unicorn, host CPU referee). */
    public InstructionPool() {
        this(false);
    }

    /**
     * The host-only pool: VEX forms (AVX, AVX2, FMA), which QEMU 5 lacks, and the x87 and MMX, which QEMU 5 emulates
     * too loosely to referee (transcendentals through host doubles, no stack-fault or precision-exception
     * detail: the unicorn-x87-* quirks and far more seen at 23:28); checked against the host CPU only.
     */
    public static InstructionPool vex() {
        return new InstructionPool(true);
    }

    /**
     * x87 instructions (all F-mnemonics, fisttp of SSE3 included) and MMX-register forms (the MMX registers
     * are the x87 registers: a write sets the exponent to all ones and the whole tag word valid, which Unicorn
     * 2.0.1 does not show): they go to the host-only pool.
     */
    static boolean isX87(OpForm f) {
        if (f.feature() == CpuFeature.X87 || f.feature() == CpuFeature.CMOV_X87 || f.mnemonic().name().startsWith("F")) return true;
        for (Operand o : f.operands()) {
            if (o.kind() == Operand.Kind.P || o.kind() == Operand.Kind.Q || o.kind() == Operand.Kind.N) return true;
        }
        return false;
    }

    private InstructionPool(boolean vex) {
        this.vex = vex;
        SequenceGenerator probe = new SequenceGenerator(0x5EED, this);
        Decoder decoder = new Decoder();
        for (OpForm f : Forms.all()) {
            if ((f.isVex() || isX87(f)) == vex && eligible(f) && executed(f, probe, decoder)) forms.add(f);
        }
        rebuild();
    }

    public boolean isVex() { return vex; }

    /** True when the generator can encode {@code f} and the validator accepts it (the interpreter is asked separately). */
    public static boolean eligible(OpForm f) {
        if (f.nacl() != NaclStatus.ACCEPTED || f.has(jnbox.emu.decode.Flag.VSIB)) return false;
        if (EXCLUDED.contains(f.mnemonic()) || f.isRelativeBranch()) return false;
        if (f.isVex() && EXCLUDED_VEX.contains(f.mnemonic())) return false;
        // F3 0F BC/BD are tzcnt/lzcnt only where CPUID announces them; jnbox without them runs bsf/bsr as such
        // a CPU does, which the host (with BMI1/ABM) cannot referee.
        if ((f.feature() == CpuFeature.TZCNT || f.feature() == CpuFeature.LZCNT) && !Cpuid.REPORTED.contains(f.feature())) return false;
        for (Operand o : f.operands()) {
            if (!(f.isVex() ? ENCODABLE_VEX : ENCODABLE).contains(o.kind())) return false;
            // The register-to-register vmovss/vmovsd rows are ACCEPTED in the decoder table, but jnbox's validator
            // calls them "unrecognized instruction" (reported to the lead); until the two agree they are not drawn.
            if (o.kind() == Operand.Kind.U && (f.mnemonic().name().equals("VMOVSS") || f.mnemonic().name().equals("VMOVSD"))) return false;
            if (o.kind() == Operand.Kind.REG && o.fixedReg() == 4) return false; // rsp-relative fixed operands
        }
        return true;
    }

    /** The approximations (vrcpps, vrsqrtps...) have no one exact result, as their legacy forms. */
    private static Set<Mnemonic> excludedVex() {
        Set<Mnemonic> s = EnumSet.noneOf(Mnemonic.class);
        for (String n : new String[] {"VRCPPS", "VRCPSS", "VRSQRTPS", "VRSQRTSS", "VLDMXCSR"}) {
            try {
                s.add(Mnemonic.valueOf(n));
            } catch (IllegalArgumentException absent) {
                // the table has no such mnemonic
            }
        }
        return s;
    }

    /** True when the interpreter executes some encoding of {@code f} ({@link Interpreter#executes}). */
    private static boolean executed(OpForm f, SequenceGenerator probe, Decoder decoder) {
        for (int i = 0; i < SAMPLES; i++) {
            List<byte[]> group = probe.encode(f);
            if (group == null) continue;
            byte[] insn = group.get(group.size() - 1);
            Insn in = decoder.decode(insn, 0, insn.length);
            if (in != null && Interpreter.executes(in)) return true;
        }
        return false;
    }

    /** Stops drawing {@code f} (e.g. the interpreter reported it unimplemented). */
    public synchronized void ban(OpForm f) {
        if (banned.add(f)) {
            forms.remove(f);
            rebuild();
        }
    }

    public Set<OpForm> banned() { return banned; }

    public List<OpForm> forms() { return forms; }

    private void rebuild() {
        cumulative = new int[Math.max(1, forms.size())];
        int sum = 0;
        for (int i = 0; i < forms.size(); i++) {
            sum += Families.weight(forms.get(i).mnemonic());
            cumulative[i] = sum;
        }
    }

    synchronized OpForm pick(Random rnd) {
        if (forms.isEmpty()) throw new IllegalStateException("no form to draw: the interpreter executes none of this pool");
        int x = rnd.nextInt(cumulative[cumulative.length - 1]);
        int i = java.util.Arrays.binarySearch(cumulative, x + 1);
        if (i < 0) i = -i - 1;
        return forms.get(i);
    }
}
