package jnbox.emu.interp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import jnbox.emu.semantics.SseMathHostTest;
import jnbox.emu.semantics.SseMathHostTest.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The interpreter on {@code interp/sse-mxcsr.txt.gz}: SSE/SSE2 floating point under all 16
 * MXCSR rounding x FTZ x DAZ controls, as measured on the host CPU by {@code gen_sse_mxcsr.py}
 * (the semantics library replays the same rows in {@link SseMathHostTest}). Compares xmm0, rax,
 * the arithmetic flags and MXCSR. One dynamic test per instruction text, through {@link HostRows}.
 */
class SseMxcsrHostTest {
    @TestFactory
    Stream<DynamicTest> everyHostRowMatches() throws IOException {
        List<Row> rows = new ArrayList<>(), notYet = new ArrayList<>();
        SandboxMemory mem = new SandboxMemory();
        mem.map(HostRows.CODE, 0x1000, Prot.RW);
        Engine probe = new Interpreter(mem);
        Map<String, Boolean> executed = new HashMap<>();
        for (Row r : SseMathHostTest.rows()) {
            boolean run = executed.computeIfAbsent(r.text(), t -> !otherFamily(t) || probe.run(HostRows.load(mem, r.hex()), 10).kind() != Exit.Kind.UNIMPLEMENTED);
            (run ? rows : notYet).add(r);
        }
        Stream<DynamicTest> skipped = notYet.stream().map(Row::text).distinct().map(t -> DynamicTest.dynamicTest(t,
                () -> Assumptions.abort(t + ": not executed by the interpreter yet (SSE4.1 round / FMA3 belong to other parts)")));
        return Stream.concat(HostRows.perInstruction(rows, Row::text, SseMxcsrHostTest::check), skipped);
    }

    /** ROUNDxx and FMA3: executed by other parts of the interpreter; the semantics test covers them meanwhile. */
    private static boolean otherFamily(String text) { return text.startsWith("round") || text.startsWith("vf"); }

    static String check(SandboxMemory mem, Engine interp, Row r) {
        CpuState cpu = HostRows.load(mem, r.hex());
        long[] in = r.in();
        for (int i = 0; i < 3; i++) {
            cpu.vec[4 * i] = in[2 * i];
            cpu.vec[4 * i + 1] = in[2 * i + 1];
        }
        cpu.r[CpuState.RAX] = in[6];
        cpu.setRflags(r.flagsIn());
        cpu.mxcsr = r.mxcsr();
        Exit x = interp.run(cpu, 10);
        String where = "line " + r.line() + " " + r.text() + " mxcsr=" + Integer.toHexString(r.mxcsr());
        if (x.kind() != Exit.Kind.FAULT || x.pc() != HostRows.hltPc(r.hex())) return where + ": exit " + x;
        long f = cpu.rflags() & 0x8D5;
        if (cpu.vec[0] != r.r0() || cpu.vec[1] != r.r1() || cpu.r[CpuState.RAX] != r.rax() || f != r.flags()
                || cpu.mxcsr != r.mxcsrOut()) {
            return String.format("%s in %x %x, %x %x, %x %x rax=%x: want %x %x rax=%x fl=%x mxcsr=%x, got %x %x rax=%x fl=%x mxcsr=%x",
                    where, in[0], in[1], in[2], in[3], in[4], in[5], in[6], r.r0(), r.r1(), r.rax(), r.flags(), r.mxcsrOut(),
                    cpu.vec[0], cpu.vec[1], cpu.r[CpuState.RAX], f, cpu.mxcsr);
        }
        return null;
    }
}
