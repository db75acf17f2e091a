package jnbox.emu.interp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.Test;

/**
 * Replays {@code interp/seq.txt}: random 24-instruction sequences run natively on the host by
 * {@code gen_seq.py}. They chain flags across instructions (lazy flags consumed by adc, sbb, cmov,
 * setcc, inc/dec keeping CF...), which single-instruction rows do not. All six arithmetic flags
 * are compared: the pool holds only instructions whose flags the SDM defines, plus logic ops
 * (AF undefined, 0 on the Intel host and in jnbox).
 */
class SequenceHostTest {
    static final Function<SandboxMemory, Engine> ENGINE = Interpreter::new;
    static final long B = SandboxMemory.BASE, CODE = 0x20000;
    private static final int[] REGS = {CpuState.RAX, CpuState.RBX, CpuState.RCX, CpuState.RDX, CpuState.RSI, CpuState.RDI};

    @Test
    void everySequenceMatchesTheHost() throws IOException {
        SandboxMemory mem = new SandboxMemory();
        mem.map(CODE, 0x1000, Prot.RW);
        Engine engine = ENGINE.apply(mem);
        List<String> bad = new ArrayList<>();
        int n = 0;
        var in = SequenceHostTest.class.getResourceAsStream("/interp/seq.txt");
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String s;
            int line = 0;
            while ((s = r.readLine()) != null) {
                line++;
                if (s.startsWith("#")) continue;
                String[] f = s.split(" ");
                byte[] code = HexFormat.of().parseHex(f[0] + "f4");
                mem.protect(CODE, 0x1000, Prot.RW);
                mem.poke(CODE, code, 0, code.length);
                mem.protect(CODE, 0x1000, Prot.RX);
                CpuState cpu = new CpuState();
                cpu.rip = B + CODE;
                for (int i = 0; i < 6; i++) cpu.r[REGS[i]] = h(f[1 + i]);
                for (int i = 0; i < 2; i++) { cpu.vec[i] = h(f[7 + i]); cpu.vec[4 + i] = h(f[9 + i]); }
                cpu.setRflags(h(f[11]));
                Exit x = engine.run(cpu, 100);
                n++;
                StringBuilder got = new StringBuilder();
                for (int i = 0; i < 6; i++) got.append(Long.toHexString(cpu.r[REGS[i]])).append(' ');
                got.append(Long.toHexString(cpu.vec[0])).append(' ').append(Long.toHexString(cpu.vec[1])).append(' ');
                got.append(Long.toHexString(cpu.vec[4])).append(' ').append(Long.toHexString(cpu.vec[5])).append(' ');
                got.append(Long.toHexString(cpu.rflags() & 0x8D5));
                String want = String.join(" ", java.util.Arrays.copyOfRange(f, 13, 24));
                if (x.kind() != Exit.Kind.FAULT || x.pc() != B + CODE + code.length - 1) bad.add("line " + line + ": exit " + x);
                else if (!got.toString().equals(want)) bad.add("line " + line + ": want " + want + " got " + got);
            }
        }
        assertThat(n).isGreaterThan(300);
        assertThat(bad).isEmpty();
    }

    private static long h(String s) { return Long.parseUnsignedLong(s, 16); }
}
