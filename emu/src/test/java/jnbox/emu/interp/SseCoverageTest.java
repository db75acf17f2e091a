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
 * The legacy-SIMD side of the CPUID contract: every non-VEX form of MMX, SSE..SSE4.2, AES-NI and
 * PCLMULQDQ in the decoder's tables (validator-accepted or non-temporal; AES/PCLMULQDQ, which the
 * validator never accepts, too) is encoded once with register operands and once with a memory
 * operand where it has one, and must become an executed {@link Uop} when cpuid reports its
 * feature. Prints the executed/total count per feature.
 */
class SseCoverageTest {
    private static final Set<CpuFeature> FEATURES = EnumSet.of(CpuFeature.MMX, CpuFeature.EMMX_SSE, CpuFeature.SSE,
            CpuFeature.SSE2, CpuFeature.SSE3, CpuFeature.SSSE3, CpuFeature.SSE41, CpuFeature.SSE42, CpuFeature.AES,
            CpuFeature.CLMUL);
    /** Forms outside this test's families though gated on one of its features (cache/fence/state hints). */
    private static final Set<String> OTHER = Set.of("SFENCE", "LFENCE", "MFENCE", "PREFETCHNTA", "PREFETCHT0",
            "PREFETCHT1", "PREFETCHT2", "CLFLUSH", "MASKMOVQ", "MASKMOVDQU", "LDMXCSR", "STMXCSR", "PAUSE");

    @Test
    void everyLegacySimdFormExecutesOnceCpuidReportsIt() {
        Decoder dec = new Decoder();
        List<String> missing = new ArrayList<>(), notSynthesized = new ArrayList<>();
        Map<CpuFeature, int[]> counts = new TreeMap<>();
        for (OpForm f : Forms.all()) {
            if (f.isVex() || !FEATURES.contains(f.feature())) continue;
            boolean gated = f.feature() == CpuFeature.AES || f.feature() == CpuFeature.CLMUL;
            if (!gated && !(f.nacl() == NaclStatus.ACCEPTED || f.nacl() == NaclStatus.NONTEMPORAL)) continue;
            if (OTHER.contains(f.mnemonic().name())) continue;
            int[] c = counts.computeIfAbsent(f.feature(), k -> new int[2]);
            c[1]++;
            boolean ok = true;
            for (boolean memory : new boolean[] {false, true}) {
                byte[] code = encode(f, memory);
                if (code == null) continue;
                Insn in = dec.decode(code, 0, code.length);
                if (in == null || in.op() != f) {
                    notSynthesized.add(f.name() + (memory ? " mem" : ""));
                    continue;
                }
                if (UopBuilder.build(in, 0x1000).kind == Kinds.UNIMPLEMENTED) {
                    missing.add(f.name() + (memory ? " mem" : ""));
                    ok = false;
                }
            }
            if (ok) c[0]++;
        }
        StringBuilder b = new StringBuilder("legacy SIMD forms executed/listed:");
        counts.forEach((k, v) -> b.append(' ').append(k).append(' ').append(v[0]).append('/').append(v[1]));
        System.out.println(b + "; not executed: " + missing);
        assertThat(notSynthesized).as("rows this test could not encode").isEmpty();
        List<String> reportedMissing = new ArrayList<>();
        for (String s : missing) {
            OpForm f = Forms.all().stream().filter(x -> x.name().equals(s.split(" ")[0])).findFirst().orElseThrow();
            if (Cpuid.REPORTED.contains(f.feature())) reportedMissing.add(s);
        }
        assertThat(reportedMissing).as("forms cpuid announces but the interpreter does not execute").isEmpty();
    }

    /**
     * A legacy encoding of {@code f}: mandatory prefix, REX.W when the row needs it, the escape
     * bytes, ModRM with reg 0 (or the row's /digit) and r/m register 2 or [rax]; null when the row
     * has no form of that kind (a memory-only row asked for registers or the reverse).
     */
    static byte[] encode(OpForm f, boolean memory) {
        boolean memOnly = false, regOnly = false;
        for (Operand o : f.operands()) {
            if (o.kind() == Operand.Kind.M) memOnly = true;
            if (o.kind() == Operand.Kind.U || o.kind() == Operand.Kind.N || o.kind() == Operand.Kind.R) regOnly = true;
        }
        if (!f.hasModrm() || f.fixedModrm() >= 0) {
            if (memory) return null;
        } else if (memory ? regOnly : memOnly) {
            return null;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (f.mandatoryPrefix() > 0) b.write(f.mandatoryPrefix());
        if (f.rexW() == 1) b.write(0x48);
        if (f.map() != jnbox.emu.decode.OpMap.ONE_BYTE) b.write(0x0F); // fisttp (SSE3) is an x87 escape
        switch (f.map()) {
            case MAP_0F38 -> b.write(0x38);
            case MAP_0F3A -> b.write(0x3A);
            default -> { }
        }
        b.write(f.opcode());
        if (f.hasModrm()) {
            int reg = f.regExt() >= 0 ? f.regExt() : 0;
            if (f.fixedModrm() >= 0) b.write(f.fixedModrm());
            else b.write((memory ? 0x00 : 0xC0) | reg << 3 | (memory ? 0 : 2));
        }
        if (f.encoding().endsWith(" ib")) b.write(0x01);
        return b.toByteArray();
    }
}
