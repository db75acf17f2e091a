package jnbox.emu.interp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Engine;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.DynamicTest;

/**
 * The harness the host-CPU data tests share ({@link GprHostTest}, {@link SseHostTest}): rows
 * measured natively are grouped by instruction, one dynamic test per instruction, each row run on
 * the interpreter from code placed at {@link #CODE}.
 */
final class HostRows {
    static final long B = SandboxMemory.BASE, CODE = 0x20000;

    private HostRows() {}

    /** Compares one row with the interpreter; null when it matches, else a one-line difference. */
    interface Checker<R> {
        String check(SandboxMemory mem, Engine interp, R row);
    }

    static <R> Stream<DynamicTest> perInstruction(List<R> rows, Function<R, String> text, Checker<R> checker) {
        Map<String, List<R>> groups = new LinkedHashMap<>();
        for (R r : rows) groups.computeIfAbsent(text.apply(r), k -> new ArrayList<>()).add(r);
        SandboxMemory mem = new SandboxMemory();
        mem.map(CODE, 0x1000, Prot.RW);
        Engine interp = new Interpreter(mem);
        return groups.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<String> bad = new ArrayList<>();
            for (R r : e.getValue()) {
                String m = checker.check(mem, interp, r);
                if (m != null) bad.add(m);
            }
            assertThat(bad).as("%d of %d rows differ", bad.size(), e.getValue().size()).isEmpty();
        }));
    }

    /** Where the hlt after the instruction {@code hex} sits: a run that retires it stops there. */
    static long hltPc(String hex) {
        return B + CODE + hex.length() / 2;
    }

    /** Places {@code hex} followed by hlt at CODE; returns a fresh state starting there. */
    static CpuState load(SandboxMemory mem, String hex) {
        byte[] code = HexFormat.of().parseHex(hex + "f4");
        mem.protect(CODE, 0x1000, Prot.RW);
        mem.poke(CODE, code, 0, code.length);
        mem.protect(CODE, 0x1000, Prot.RX);
        CpuState cpu = new CpuState();
        cpu.rip = B + CODE;
        return cpu;
    }
}
