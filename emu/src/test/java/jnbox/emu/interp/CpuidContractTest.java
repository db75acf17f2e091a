package jnbox.emu.interp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import jnbox.emu.decode.CpuFeature;
import jnbox.emu.decode.Decoder;
import jnbox.emu.decode.Forms;
import jnbox.emu.decode.Insn;
import jnbox.emu.decode.NaclStatus;
import jnbox.emu.decode.OpForm;
import jnbox.emu.decode.Operand;
import jnbox.emu.semantics.Cpuid;
import org.junit.jupiter.api.Test;

/**
 * The cpuid contract: every form the validator accepts whose feature jnbox's CPUID reports must be
 * executed by the interpreter (never stop as unimplemented), and features whose forms are not
 * executed must not be reported. Each form is encoded from its table row (register operands, or a
 * {@code [rax]} memory operand for memory-only rows), decoded, and turned into a {@link Uop}.
 *
 * <p>Exclusions (documented): the x87 forms gated by CMOV (fcmov, fcomi, fucomi) are checked through the CMOV_X87 composite.
 */
class CpuidContractTest {
    /** Features CPUID reports (see {@link Cpuid}); BASE is every x86-64 CPU. */
    static final Set<CpuFeature> REPORTED = EnumSet.copyOf(Cpuid.REPORTED);

    static {
        REPORTED.add(CpuFeature.BASE);
        // fcmov/fcomi/fucomi need both (NaCl's CMOVx87 composite)
        if (REPORTED.contains(CpuFeature.X87) && REPORTED.contains(CpuFeature.CMOV)) REPORTED.add(CpuFeature.CMOV_X87);
    }

    @Test
    void cpuidBitsMatchTheReportedSet() {
        int edx = Cpuid.edx(1, 0), ecx = Cpuid.ecx(1, 0), ext = Cpuid.ecx(0x8000_0001, 0);
        // SDM vol. 2 CPUID tables 3-10/3-11: reported
        assertThat(edx & (1 | 1 << 4 | 1 << 8 | 1 << 15 | 1 << 25 | 1 << 26)).isEqualTo(1 | 1 << 4 | 1 << 8 | 1 << 15 | 1 << 25 | 1 << 26);
        assertThat(ecx & (1 << 13 | 1 << 22 | 1 << 23)).isEqualTo(1 << 13 | 1 << 22 | 1 << 23);
        assertThat(ext & (1 | 1 << 5)).isEqualTo(1 | 1 << 5);
        // AVX: FMA(12) XSAVE(26) OSXSAVE(27) AVX(28); leaf 7 subleaf 0 EBX AVX2(5), not BMI1(3)/BMI2(8)
        assertThat(ecx & (1 << 12 | 1 << 26 | 1 << 27 | 1 << 28)).isEqualTo(1 << 12 | 1 << 26 | 1 << 27 | 1 << 28);
        assertThat(Cpuid.eax(0, 0)).isEqualTo(7);
        assertThat(Cpuid.ebx(7, 0)).isEqualTo(1 << 5);
        assertThat(Cpuid.ebx(7, 1) | Cpuid.ecx(7, 0) | Cpuid.edx(7, 0)).isZero();
        // executed, so reported: MMX(23); SSE3(0) PCLMULQDQ(1) SSSE3(9) SSE4.1(19) SSE4.2(20) AES(25)
        assertThat(edx & 1 << 23).isEqualTo(1 << 23);
        assertThat(ecx & (1 | 1 << 1 | 1 << 9 | 1 << 19 | 1 << 20 | 1 << 25)).isEqualTo(1 | 1 << 1 | 1 << 9 | 1 << 19 | 1 << 20 | 1 << 25);
        // not executed, so not reported: FXSR(24) CLFLUSH(19)
        assertThat(edx & (1 << 19 | 1 << 24)).isZero();
    }

    @Test
    void everyReportedAcceptedFormExecutes() {
        Decoder dec = new Decoder();
        List<String> missing = new ArrayList<>(), notSynthesized = new ArrayList<>();
        int checked = 0;
        for (OpForm f : Forms.all()) {
            if (f.isVex() || !REPORTED.contains(f.feature()) || f.nacl() != NaclStatus.ACCEPTED) continue;
            if (usesMmx(f)) continue;
            byte[] code = encode(f);
            Insn in = code == null ? null : dec.decode(code, 0, code.length);
            if (in == null || in.op() != f) {
                notSynthesized.add(f.name() + " (" + f.encoding() + ")");
                continue;
            }
            checked++;
            Uop u = UopBuilder.build(in, 0x1000);
            if (u.kind == Kinds.UNIMPLEMENTED) missing.add(f.name() + " (" + f.encoding() + ")");
        }
        assertThat(missing).as("forms the CPUID contract requires but the interpreter does not execute").isEmpty();
        assertThat(notSynthesized).as("rows this test could not encode").isEmpty();
        assertThat(checked).isGreaterThan(300);
    }

    private static boolean usesMmx(OpForm f) {
        for (Operand o : f.operands()) {
            if (o.kind() == Operand.Kind.ST0 || o.kind() == Operand.Kind.STI) return true; // x87 (fcomi: "CMOV")
        }
        return false;
    }

    /** Bytes for a row: prefixes, REX.W, opcode, ModRM (register form unless memory-only), zero immediates; null if the notation is not understood. */
    static byte[] encode(OpForm f) {
        boolean memOnly = false;
        for (Operand o : f.operands()) if (o.kind() == Operand.Kind.M) memOnly = true;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        boolean rexW = false;
        String[] t = f.encoding().trim().split("\\s+");
        for (String s : t) {
            if (s.equals("NP")) continue;
            if (s.equals("REX.W")) { rexW = true; continue; }
            if (s.equals("/r")) { b.write(memOnly ? 0x00 : 0xC0); continue; }
            if (s.matches("/[0-7]")) { b.write((memOnly ? 0x00 : 0xC0) | (s.charAt(1) - '0') << 3); continue; }
            int imm = switch (s) {
                case "ib", "cb" -> 1;
                case "iw", "cw" -> 2;
                case "id", "cd" -> 4;
                case "io" -> 8;
                default -> -1;
            };
            if (imm > 0) { for (int i = 0; i < imm; i++) b.write(0); continue; }
            String hex = s.endsWith("+r") ? s.substring(0, s.length() - 2) : s;
            if (!hex.matches("[0-9A-Fa-f]{2}")) return null;
            int v = Integer.parseInt(hex, 16) + (s.endsWith("+r") ? 1 : 0); // +r: register 1 (90+0 is nop)
            // REX.W goes right before the first opcode byte, after 66/F2/F3
            if (rexW && v != 0x66 && v != 0xF2 && v != 0xF3) { b.write(0x48); rexW = false; }
            b.write(v);
        }
        return b.toByteArray();
    }
}
