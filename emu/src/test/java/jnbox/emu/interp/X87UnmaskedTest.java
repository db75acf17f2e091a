package jnbox.emu.interp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.Test;

/**
 * An unmasked x87 exception would be delivered as #MF (SDM vol. 1 §8.6), which jnbox does not
 * emulate: the run stops as unimplemented at the faulting instruction with the x87 state untouched.
 */
class X87UnmaskedTest {
    static final long B = SandboxMemory.BASE, CODE = 0x20000, DATA = 0x30000;

    private static CpuState run(String hex, int cw, Exit[] exit) {
        SandboxMemory mem = new SandboxMemory();
        mem.map(CODE, 0x1000, Prot.RW);
        mem.map(DATA, 0x1000, Prot.RW);
        byte[] code = HexFormat.of().parseHex(hex + "f4");
        mem.poke(CODE, code, 0, code.length);
        mem.protect(CODE, 0x1000, Prot.RX);
        mem.poke(DATA, new byte[] {(byte) cw, (byte) (cw >> 8)}, 0, 2);
        CpuState cpu = new CpuState();
        cpu.rip = B + CODE;
        cpu.r[CpuState.RBX] = B + DATA;
        exit[0] = new Interpreter(mem).run(cpu, 100);
        return cpu;
    }

    @Test
    void unmaskedInvalidStopsBeforeTheResultIsWritten() {
        // fninit; fldcw [rbx]; fldz; fldz; fdiv st(0), st(1); hlt  (as: dbe3 d92b d9ee d9ee d8f1)
        Exit[] e = new Exit[1];
        CpuState cpu = run("dbe3d92bd9eed9eed8f1", 0x037E, e);
        assertThat(e[0].kind()).isEqualTo(Exit.Kind.UNIMPLEMENTED);
        assertThat(e[0].pc()).isEqualTo(B + CODE + 8);
        assertThat(cpu.fsw & 0x3F).isZero();
        int top = cpu.fsw >>> 11 & 7;
        assertThat(top).isEqualTo(6);
        assertThat(cpu.x87Mant[top]).isZero();
    }

    @Test
    void maskedInvalidGivesTheIndefinite() {
        Exit[] e = new Exit[1];
        CpuState cpu = run("dbe3d92bd9eed9eed8f1", 0x037F, e);
        assertThat(e[0].kind()).isEqualTo(Exit.Kind.FAULT); // the hlt
        int top = cpu.fsw >>> 11 & 7;
        assertThat(cpu.fsw & 0x3F).isEqualTo(1);
        assertThat(cpu.x87SignExp[top]).isEqualTo(0xFFFF);
        assertThat(cpu.x87Mant[top]).isEqualTo(0xC000_0000_0000_0000L);
    }

    @Test
    void unmaskedStackOverflowStopsAtThePush() {
        // fninit; fldcw [rbx]; 9 x fld1 (the ninth overflows)
        Exit[] e = new Exit[1];
        CpuState cpu = run("dbe3d92b" + "d9e8".repeat(9), 0x037E, e);
        assertThat(e[0].kind()).isEqualTo(Exit.Kind.UNIMPLEMENTED);
        assertThat(e[0].pc()).isEqualTo(B + CODE + 4 + 16);
        assertThat(cpu.ftw).isEqualTo(0xFF);
        assertThat(cpu.fsw & 0x7F).isZero();
    }
}
