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
import jnbox.emu.semantics.Cpuid;

/**
 * The forms the lockstep tester draws from: rows of the decoder's table ({@link Forms#all()}) that
 * NaCl's validator accepts ({@link NaclStatus#ACCEPTED}), whose CPU feature jnbox's CPUID
 * announces ({@link Cpuid}: what the interpreter executes), and whose operands the generator can
 * encode safely (general, XMM, memory, immediate). Left out on purpose: control transfers (the
 * sequence is straight-line), push/pop (they move rsp, which the aligned SSE accesses through rsp
 * rely on), multi-byte nops (NaCl accepts only its own nop spellings), and instructions whose result is not a function of the state (cpuid, rdtsc), the
 * privileged hlt (the sequence's own terminator), ud2, ldmxcsr (a random value faults or unmasks
 * exceptions), cmpxchg16b (alignment fault) and rcpps/rcpss/rsqrtps/rsqrtss, whose results are
 * implementation-specific approximations (SDM: relative error at most 1.5*2^-12), not one exact value.
 */
public final class InstructionPool {
    private static final Set<Mnemonic> EXCLUDED = EnumSet.of(Mnemonic.CALL, Mnemonic.JMP, Mnemonic.RET, Mnemonic.PUSH,
            Mnemonic.POP, Mnemonic.HLT, Mnemonic.CPUID, Mnemonic.RDTSC, Mnemonic.UD2, Mnemonic.LDMXCSR,
            Mnemonic.CMPXCHG16B, Mnemonic.JRCXZ, Mnemonic.NOP, Mnemonic.RCPPS, Mnemonic.RCPSS, Mnemonic.RSQRTPS, Mnemonic.RSQRTSS);
    private static final Set<Operand.Kind> ENCODABLE = EnumSet.of(Operand.Kind.E, Operand.Kind.G, Operand.Kind.R,
            Operand.Kind.Z, Operand.Kind.REG, Operand.Kind.V, Operand.Kind.W, Operand.Kind.U, Operand.Kind.M,
            Operand.Kind.I, Operand.Kind.ONE);

    private final List<OpForm> forms = new ArrayList<>();
    private int[] cumulative;
    private final Set<OpForm> banned = new java.util.HashSet<>();

    public InstructionPool() {
        for (OpForm f : Forms.all()) if (eligible(f)) forms.add(f);
        rebuild();
    }

    /** True when the generator may use {@code f}. */
    public static boolean eligible(OpForm f) {
        if (f.nacl() != NaclStatus.ACCEPTED || f.isVex() || !executed(f.feature())) return false;
        // x87 comes next: its generation (stack wrap, tags) and Unicorn's x87 quirks are not written yet.
        if (f.feature() == CpuFeature.X87 || f.feature() == CpuFeature.CMOV_X87) return false;
        if (EXCLUDED.contains(f.mnemonic()) || f.isRelativeBranch()) return false;
        for (Operand o : f.operands()) {
            if (!ENCODABLE.contains(o.kind())) return false;
            if (o.kind() == Operand.Kind.REG && o.fixedReg() == 4) return false; // rsp-relative fixed operands
        }
        return true;
    }

    /** True when jnbox's CPUID announces {@code f} (SDM vol. 2 CPUID, Tables 3-10, 3-11). */
    public static boolean executed(CpuFeature f) {
        return switch (f) {
            case BASE -> true;
            case TSC -> (Cpuid.LEAF1_EDX & 1 << 4) != 0;
            case CX8 -> (Cpuid.LEAF1_EDX & 1 << 8) != 0;
            case CMOV -> (Cpuid.LEAF1_EDX & 1 << 15) != 0;
            case X87 -> (Cpuid.LEAF1_EDX & 1) != 0;
            case MMX -> (Cpuid.LEAF1_EDX & 1 << 23) != 0;
            case SSE -> (Cpuid.LEAF1_EDX & 1 << 25) != 0;
            case SSE2 -> (Cpuid.LEAF1_EDX & 1 << 26) != 0;
            case SSE3 -> (Cpuid.LEAF1_ECX & 1) != 0;
            case SSSE3 -> (Cpuid.LEAF1_ECX & 1 << 9) != 0;
            case SSE41 -> (Cpuid.LEAF1_ECX & 1 << 19) != 0;
            case SSE42 -> (Cpuid.LEAF1_ECX & 1 << 20) != 0;
            case CX16 -> (Cpuid.LEAF1_ECX & 1 << 13) != 0;
            case MOVBE -> (Cpuid.LEAF1_ECX & 1 << 22) != 0;
            case POPCNT -> (Cpuid.LEAF1_ECX & 1 << 23) != 0;
            case LAHF -> (Cpuid.EXT1_ECX & 1) != 0;
            case LZCNT -> (Cpuid.EXT1_ECX & 1 << 5) != 0;
            default -> false;
        };
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
        cumulative = new int[forms.size()];
        int sum = 0;
        for (int i = 0; i < forms.size(); i++) {
            sum += Families.weight(forms.get(i).mnemonic());
            cumulative[i] = sum;
        }
    }

    synchronized OpForm pick(Random rnd) {
        int x = rnd.nextInt(cumulative[cumulative.length - 1]);
        int i = java.util.Arrays.binarySearch(cumulative, x + 1);
        if (i < 0) i = -i - 1;
        return forms.get(i);
    }
}
