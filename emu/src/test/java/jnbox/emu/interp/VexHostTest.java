package jnbox.emu.interp;

import static org.assertj.core.api.Assertions.assertThat;

import jnbox.emu.semantics.HostRowFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.decode.CpuFeature;
import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import jnbox.emu.semantics.Cpuid;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every row of {@code interp/vex.txt.gz} (AVX/AVX2/FMA3 instructions measured on the host CPU by
 * {@code gen_vex.py}: 128- and 256-bit forms, register and memory operands) through decoder +
 * interpreter and compares ymm0-ymm3 (all 256 bits, so the zeroing of bits 128-255 by VEX.128
 * forms is checked), rax, rcx, the arithmetic flags, MXCSR and the 64-byte memory buffer.
 */
class VexHostTest {
    static final long DATA = 0x30000;

    record Row(String hex, long[] in, long[] out, boolean[] same, String text, int line) {}

    static List<Row> rows() throws IOException { return rows("/interp/vex.txt.gz"); }

    /** Rows of a gen_vex.py-format file (also LegacyHostTest's legacy.txt.gz). */
    static List<Row> rows(String resource) throws IOException {
        List<Row> out = new ArrayList<>();
        for (HostRowFile.Line l : HostRowFile.read(VexHostTest.class, resource)) {
            String[] f = l.f();
            long[] ins = new long[15];
            for (int i = 0; i < 15; i++) ins[i] = h(f[1 + i]);
            // outputs: y0[4], y1[4]|=, y2[4]|=, rax, flags, mxcsr, rcx, mem[8]|=
            long[] outs = new long[12 + 4 + 8];
            boolean[] same = new boolean[4]; // y1, y2, mem unchanged
            int p = 17; // after "->"
            for (int i = 0; i < 4; i++) outs[i] = h(f[p++]);
            for (int reg = 1; reg <= 2; reg++) {
                if (f[p].equals("=")) { same[reg] = true; p++; }
                else for (int i = 0; i < 4; i++) outs[4 * reg + i] = h(f[p++]);
            }
            for (int i = 0; i < 4; i++) outs[12 + i] = h(f[p++]);
            if (f[p].equals("=")) same[3] = true;
            else for (int i = 0; i < 8; i++) outs[16 + i] = h(f[p++]);
            out.add(new Row(f[0], ins, outs, same, l.text(), l.line()));
        }
        return out;
    }

    private static long h(String s) { return Long.parseUnsignedLong(s, 16); }

    /** Rows where jnbox knowingly differs from this host (none). */
    static final Set<String> KNOWN = Set.of();

    /** What {@link #check} returns for a row whose instruction the interpreter does not execute yet. */
    static final String NOT_EXECUTED = "not executed";

    /**
     * One dynamic test per instruction text. An instruction the interpreter does not execute yet is
     * reported as skipped (aborted), never as passed; once cpuid reports AVX, AVX2 and FMA, every
     * row must run.
     */
    @TestFactory
    Stream<DynamicTest> everyHostRowMatches() throws IOException {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows()) groups.computeIfAbsent(r.text(), k -> new ArrayList<>()).add(r);
        SandboxMemory mem = new SandboxMemory();
        mem.map(HostRows.CODE, 0x1000, Prot.RW);
        mem.map(DATA, 0x1000, Prot.RW);
        Engine interp = new Interpreter(mem);
        boolean reported = Cpuid.REPORTED.containsAll(Set.of(CpuFeature.AVX, CpuFeature.AVX2, CpuFeature.FMA));
        return groups.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<String> bad = new ArrayList<>();
            for (Row r : e.getValue()) {
                String m = check(mem, interp, r);
                if (m == NOT_EXECUTED) {
                    if (reported) bad.add("line " + r.line() + ": not executed although cpuid reports AVX/AVX2/FMA");
                    else Assumptions.abort("not executed yet: " + e.getKey());
                } else if (m != null && !(KNOWN.contains(r.text()) && m.contains(" want "))) {
                    bad.add(m);
                }
            }
            assertThat(bad).as("%d of %d rows differ", bad.size(), e.getValue().size()).isEmpty();
        }));
    }

    static String check(SandboxMemory mem, Engine interp, Row r) {
        CpuState cpu = HostRows.load(mem, r.hex());
        long[] in = r.in();
        for (int reg = 0; reg < 3; reg++) System.arraycopy(in, 4 * reg, cpu.vec, 4 * reg, 4);
        for (int j = 0; j < 4; j++) cpu.vec[12 + j] = in[4 + j] ^ in[8 + 3 - j];
        long[] memIn = new long[8];
        for (int j = 0; j < 4; j++) { memIn[j] = in[8 + j]; memIn[4 + j] = in[4 + j]; }
        byte[] buf = new byte[64];
        for (int j = 0; j < 8; j++) for (int k = 0; k < 8; k++) buf[8 * j + k] = (byte) (memIn[j] >>> (8 * k));
        mem.poke(DATA, buf, 0, 64);
        cpu.r[CpuState.RAX] = in[12];
        cpu.r[CpuState.RDI] = SandboxMemory.BASE + DATA;
        cpu.r[CpuState.RDX] = 7; // the harness's explicit lengths for pcmpestri/m
        cpu.r[CpuState.RCX] = 0;
        cpu.setRflags(in[13]);
        cpu.mxcsr = (int) in[14];
        long[] ymm3 = Arrays.copyOfRange(cpu.vec, 12, 16);
        Exit x = interp.run(cpu, 10);
        String where = "line " + r.line() + " " + r.text();
        if (x.kind() == Exit.Kind.UNIMPLEMENTED) return NOT_EXECUTED;
        if (x.kind() != Exit.Kind.FAULT || x.pc() != HostRows.hltPc(r.hex())) return where + ": exit " + x;
        long[] o = r.out();
        long[] want = new long[12 + 4 + 8];
        System.arraycopy(o, 0, want, 0, 4);
        for (int reg = 1; reg <= 2; reg++) {
            if (r.same()[reg]) System.arraycopy(in, 4 * reg, want, 4 * reg, 4);
            else System.arraycopy(o, 4 * reg, want, 4 * reg, 4);
        }
        want[12] = o[12];
        want[13] = o[13];
        want[14] = o[14];
        want[15] = o[15];
        if (r.same()[3]) System.arraycopy(memIn, 0, want, 16, 8);
        else System.arraycopy(o, 16, want, 16, 8);
        long[] got = new long[want.length];
        System.arraycopy(cpu.vec, 0, got, 0, 12);
        got[12] = cpu.r[CpuState.RAX];
        got[13] = cpu.rflags() & 0x8D5;
        got[14] = cpu.mxcsr;
        got[15] = cpu.r[CpuState.RCX];
        mem.peek(DATA, buf, 0, 64);
        for (int j = 0; j < 8; j++) {
            long w = 0;
            for (int k = 0; k < 8; k++) w |= (buf[8 * j + k] & 0xFFL) << (8 * k);
            got[16 + j] = w;
        }
        boolean y3ok = r.text().startsWith("vzero") || Arrays.equals(ymm3, Arrays.copyOfRange(cpu.vec, 12, 16));
        if (approximation(r.text())) { // rcpps/rsqrtps: the SDM bounds the error, the table is the CPU's
            for (int i = 0; i < 4; i++) {
                if (closeLanes(want[i], got[i])) want[i] = got[i];
            }
        }
        if (!Arrays.equals(want, got) || !y3ok) {
            return where + " in " + hex(in) + "\n   want " + hex(want) + "\n   got  " + hex(got) + (y3ok ? "" : " (ymm3 changed)");
        }
        return null;
    }

    /**
     * vrcpps/vrcpss/vrsqrtps/vrsqrtss return an approximation whose table is model-specific: the SDM
     * guarantees a relative error of at most 1.5 * 2^-12 (vol. 2 RCPPS, RSQRTPS). A lane matches when
     * it equals the host's or both are finite, of one sign, and within twice that bound of each other.
     */
    static boolean approximation(String text) { return text.startsWith("vrcp") || text.startsWith("vrsqrt"); }

    private static boolean closeLanes(long want, long got) {
        for (int h = 0; h < 64; h += 32) {
            float w = Float.intBitsToFloat((int) (want >>> h)), g = Float.intBitsToFloat((int) (got >>> h));
            if (Float.floatToRawIntBits(w) == Float.floatToRawIntBits(g)) continue;
            if (!Float.isFinite(w) || !Float.isFinite(g) || Math.signum(w) != Math.signum(g)) return false;
            if (Math.abs((double) w - g) > 3 * 0x1p-12 * Math.abs((double) w)) return false;
        }
        return true;
    }

    private static String hex(long[] v) {
        StringBuilder b = new StringBuilder();
        for (long w : v) b.append(Long.toHexString(w)).append(' ');
        return b.toString().trim();
    }
}
