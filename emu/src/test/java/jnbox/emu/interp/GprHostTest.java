package jnbox.emu.interp;

import static org.assertj.core.api.Assertions.assertThat;

import jnbox.emu.semantics.HostRowFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every row of {@code interp/gpr.txt} (instruction bytes, register and flag inputs and outputs
 * measured on the host CPU by {@code gen_gpr.py}) through decoder + interpreter + semantics and
 * compares rax..rdi and the flags the SDM defines for the case (the row's mask).
 */
class GprHostTest {
    /** The engine under test; another engine (translator, Unicorn) can run the same rows. */
    private static final int[] REGS = {CpuState.RAX, CpuState.RBX, CpuState.RCX, CpuState.RDX, CpuState.RSI, CpuState.RDI};

    record Row(String hex, long[] in, long fin, long mask, long[] out, long fout, String text, int line) {}

    static List<Row> rows() throws IOException {
        List<Row> out = new ArrayList<>();
        for (HostRowFile.Line l : HostRowFile.read(GprHostTest.class, "/interp/gpr.txt")) {
            long[] a = new long[6], b = new long[6];
            for (int i = 0; i < 6; i++) { a[i] = l.h(1 + i); b[i] = l.h(10 + i); }
            out.add(new Row(l.f()[0], a, l.h(7), l.h(8), b, l.h(16), l.text(), l.line()));
        }
        return out;
    }


    @TestFactory
    Stream<DynamicTest> everyHostRowMatches() throws IOException {
        return HostRows.perInstruction(rows(), Row::text, GprHostTest::check);
    }

    static String check(SandboxMemory mem, Engine interp, Row r) {
        CpuState cpu = HostRows.load(mem, r.hex());
        for (int i = 0; i < 6; i++) cpu.r[REGS[i]] = r.in()[i];
        cpu.setRflags(r.fin());
        Exit x = interp.run(cpu, 10);
        String where = "line " + r.line() + " " + r.text();
        if (x.kind() != Exit.Kind.FAULT || x.pc() != HostRows.hltPc(r.hex())) return where + ": exit " + x;
        long[] got = new long[6];
        for (int i = 0; i < 6; i++) got[i] = cpu.r[REGS[i]];
        long f = cpu.rflags() & r.mask();
        if (!Arrays.equals(got, r.out()) || f != (r.fout() & r.mask())) {
            return String.format("%s in %s fl=%x: want %s fl=%x, got %s fl=%x (mask %x)", where, hex(r.in()), r.fin(),
                    hex(r.out()), r.fout() & r.mask(), hex(got), f, r.mask());
        }
        return null;
    }

    private static String hex(long[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (long x : v) sb.append(Long.toHexString(x)).append(' ');
        return sb.append(']').toString();
    }
}
