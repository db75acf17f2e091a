package jnbox.emu.interp;

import static org.assertj.core.api.Assertions.assertThat;

import jnbox.emu.semantics.HostRowFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every row of {@code interp/sse.txt} (instruction bytes, inputs and outputs measured on the
 * host CPU by {@code gen_sse.py}) through decoder + interpreter + semantics and compares xmm0, rax,
 * the arithmetic flags and MXCSR (its exception flags). One dynamic test per instruction text.
 */
class SseHostTest {
    /** The engine under test; another engine (translator, Unicorn) can run the same rows. */

    record Row(String hex, long a0, long a1, long b0, long b1, long rax, long fin, long r0, long r1, long rrax,
               long fout, int mxcsr, String text, int line) {}

    static List<Row> rows() throws IOException {
        List<Row> out = new ArrayList<>();
        for (HostRowFile.Line l : HostRowFile.read(SseHostTest.class, "/interp/sse.txt")) {
            out.add(new Row(l.f()[0], l.h(1), l.h(2), l.h(3), l.h(4), l.h(5), l.h(6), l.h(8), l.h(9),
                    l.h(10), l.h(11), (int) l.h(12), l.text(), l.line()));
        }
        return out;
    }


    @TestFactory
    Stream<DynamicTest> everyHostRowMatches() throws IOException {
        return HostRows.perInstruction(rows(), Row::text, SseHostTest::check);
    }

    static String check(SandboxMemory mem, Engine interp, Row r) {
        CpuState cpu = HostRows.load(mem, r.hex());
        cpu.vec[0] = r.a0();
        cpu.vec[1] = r.a1();
        cpu.vec[4] = r.b0();
        cpu.vec[5] = r.b1();
        cpu.r[CpuState.RAX] = r.rax();
        cpu.setRflags(r.fin());
        Exit x = interp.run(cpu, 10);
        String where = "line " + r.line() + " " + r.text();
        if (x.kind() != Exit.Kind.FAULT || x.pc() != HostRows.hltPc(r.hex())) return where + ": exit " + x;
        long f = cpu.rflags() & 0x8D5;
        if (cpu.vec[0] != r.r0() || cpu.vec[1] != r.r1() || cpu.r[CpuState.RAX] != r.rrax() || f != r.fout()
                || cpu.mxcsr != r.mxcsr()) {
            return String.format("%s in %x %x, %x %x rax=%x: want %x %x rax=%x fl=%x mxcsr=%x, got %x %x rax=%x fl=%x mxcsr=%x",
                    where, r.a0(), r.a1(), r.b0(), r.b1(), r.rax(), r.r0(), r.r1(), r.rrax(), r.fout(), r.mxcsr(),
                    cpu.vec[0], cpu.vec[1], cpu.r[CpuState.RAX], f, cpu.mxcsr);
        }
        return null;
    }
}
