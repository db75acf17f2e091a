package jnbox.emu.interp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * The VEX side of the CPUID contract: every AVX/AVX2/FMA form NaCl's validator accepts (the
 * decoder's VEX rows with status accepted or non-temporal, each vector length the row allows)
 * must become an executed {@link Uop} once cpuid reports AVX, AVX2 and FMA. Until then the test
 * prints how many forms run per feature and only checks that every row could be encoded.
 */
class VexCoverageTest {
    private static final Set<CpuFeature> VEX_FEATURES = EnumSet.of(CpuFeature.AVX, CpuFeature.AVX2, CpuFeature.FMA);

    @Test
    void everyAcceptedVexFormExecutesOnceCpuidReportsIt() {
        Decoder dec = new Decoder();
        List<String> missing = new ArrayList<>(), notSynthesized = new ArrayList<>();
        Map<CpuFeature, int[]> counts = new TreeMap<>();
        for (OpForm f : Forms.all()) {
            if (!f.isVex() || !(f.nacl() == NaclStatus.ACCEPTED || f.nacl() == NaclStatus.NONTEMPORAL)) continue;
            int[] ls = f.vexL() == OpForm.L_BOTH ? new int[] {0, 1} : new int[] {Math.max(0, f.vexL())};
            for (int l : ls) {
                CpuFeature feat = f.feature(l);
                if (!VEX_FEATURES.contains(feat)) continue;
                byte[] code = encode(f, l);
                Insn in = dec.decode(code, 0, code.length);
                String name = f.name() + " L=" + l;
                if (in == null || in.op() != f) {
                    notSynthesized.add(name);
                    continue;
                }
                int[] c = counts.computeIfAbsent(feat, k -> new int[2]);
                c[1]++;
                Uop u = UopBuilder.build(in, 0x1000);
                if (u.kind == Kinds.UNIMPLEMENTED) missing.add(name);
                else c[0]++;
            }
        }
        StringBuilder b = new StringBuilder("VEX forms executed/accepted:");
        counts.forEach((k, v) -> b.append(' ').append(k).append(' ').append(v[0]).append('/').append(v[1]));
        System.out.println(b + "; not executed: " + missing);
        assertThat(notSynthesized).as("rows this test could not encode").isEmpty();
        assertThat(counts.values().stream().mapToInt(v -> v[1]).sum()).isGreaterThan(400);
        if (Cpuid.REPORTED.containsAll(VEX_FEATURES)) {
            assertThat(missing).as("forms cpuid announces but the interpreter does not execute").isEmpty();
        } else {
            assertThat(Cpuid.REPORTED).as("AVX, AVX2, FMA are reported together or not at all").doesNotContainAnyElementsOf(VEX_FEATURES);
        }
    }

    /**
     * A three-byte VEX encoding of {@code f} with vector length {@code l}: register operands
     * (xmm2 in r/m, xmm1 in vvvv when used) unless the row is memory-only ([rax]), zero immediates.
     */
    static byte[] encode(OpForm f, int l) {
        boolean memOnly = false;
        for (Operand o : f.operands()) if (o.kind() == Operand.Kind.M) memOnly = true;
        int map = switch (f.map()) {
            case VEX_0F -> 1;
            case VEX_0F38 -> 2;
            default -> 3;
        };
        int pp = switch (f.mandatoryPrefix()) {
            case 0x66 -> 1;
            case 0xF3 -> 2;
            case 0xF2 -> 3;
            default -> 0;
        };
        int w = f.vexW() == 1 ? 1 : 0;
        int vvvv = f.usesVvvv() ? 1 : 0;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0xC4);
        b.write(0xE0 | map);
        b.write(w << 7 | (~vvvv & 15) << 3 | l << 2 | pp);
        b.write(f.opcode());
        if (f.hasModrm()) {
            int reg = f.regExt() >= 0 ? f.regExt() : 0;
            if (f.fixedModrm() >= 0) b.write(f.fixedModrm());
            else b.write((memOnly ? 0x00 : 0xC0) | reg << 3 | (memOnly ? 0 : 2));
        }
        String enc = f.encoding();
        if (enc.endsWith(" ib") || enc.endsWith(" is4")) b.write(0x30);
        return b.toByteArray();
    }
}
