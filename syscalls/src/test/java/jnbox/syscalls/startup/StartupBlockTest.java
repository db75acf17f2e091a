package jnbox.syscalls.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.Test;

/** The startup block of spec/nacl-abi.md §3.1 and the registers of §3.2, worked by hand. */
class StartupBlockTest {
    @Test
    void blockForTwoArgsOneEnvAndAtBase() {
        // §3.1 by hand: words = 3 + argc(2) + 1 + envc(1) + 1 + 2·auxc(2 pairs incl. AT_NULL) = 12 → 48 bytes;
        // strings "NaClMain\0" 9 + "a\0" 2 + "X=1\0" 4 = 15 → 63, rounded up to 64.
        // P = 0xFFFF0000 − 64 = 0xFFFEFFC0; strings start at P+48 = 0xFFFEFFF0.
        StartupBlock b = StartupBlock.build(0xFFFF0000L, List.of("NaClMain", "a"), List.of("X=1"), new long[][] {{7, 0x40000}});
        assertThat(b.address()).isEqualTo(0xFFFEFFC0L);
        assertThat(b.bytes()).hasSize(64);
        ByteBuffer w = ByteBuffer.wrap(b.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        int[] expected = {0, 1, 2, 0xFFFEFFF0, 0xFFFEFFF9, 0, 0xFFFEFFFB, 0, 7, 0x40000, 0, 0};
        for (int i = 0; i < expected.length; i++) assertThat(w.getInt(4 * i)).as("word %d", i).isEqualTo(expected[i]);
        byte[] strings = new byte[16];
        w.get(48, strings);
        assertThat(new String(strings, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("NaClMain\0a\0X=1\0\0");
    }

    @Test
    void noEnvironmentStillHasBothTerminators() {
        // words 3 + 1 + 1 + 0 + 1 + 4 = 10 → 40 bytes, + "NaClMain\0" 9 = 49 → 64
        StartupBlock b = StartupBlock.build(0xFFFF0000L, List.of("NaClMain"), List.of(), new long[][] {{7, 0x30000}});
        ByteBuffer w = ByteBuffer.wrap(b.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.address()).isEqualTo(0xFFFF0000L - 64);
        assertThat(new int[] {w.getInt(0), w.getInt(4), w.getInt(8), w.getInt(12), w.getInt(16), w.getInt(20), w.getInt(24), w.getInt(28), w.getInt(32), w.getInt(36)})
                .containsExactly(0, 0, 1, (int) (b.address() + 40), 0, 0, 7, 0x30000, 0, 0);
    }

    @Test
    void aBlockLargerThanTheStackIsRefused() {
        String big = "x".repeat(1 << 20);
        List<String> argv = java.util.Collections.nCopies(17, big);
        assertThatThrownBy(() -> StartupBlock.build(0xFFFF0000L, argv, List.of(), new long[0][])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void initialRegistersFollowSection32() {
        CpuState cpu = new CpuState();
        cpu.r[CpuState.RBX] = 99;
        cpu.vec[5] = 7;
        InitialState.apply(cpu, 0x20080, 0xFFFEFFC0L);
        long base = SandboxMemory.BASE;
        assertThat(cpu.rip).isEqualTo(base + 0x20080);
        assertThat(cpu.r[CpuState.RSP]).isEqualTo(base + 0xFFFEFFC0L - 8);
        assertThat(cpu.r[CpuState.RBP]).isEqualTo(cpu.r[CpuState.RSP]);
        assertThat(cpu.r[CpuState.RDI]).isEqualTo(0xFFFEFFC0L);
        assertThat(cpu.r[CpuState.R11]).isEqualTo(base + 0x20080);
        assertThat(cpu.r[CpuState.R15]).isEqualTo(base);
        for (int r : new int[] {CpuState.RAX, CpuState.RBX, CpuState.RCX, CpuState.RDX, CpuState.RSI, CpuState.R8, CpuState.R9,
                CpuState.R10, CpuState.R12, CpuState.R13, CpuState.R14}) {
            assertThat(cpu.r[r]).as(CpuState.regName(r)).isZero();
        }
        assertThat(cpu.rflags()).isEqualTo(CpuState.ZF | CpuState.PF | CpuState.FIXED_ONE);
        assertThat(cpu.vec).containsOnly(0L);
        assertThat(cpu.fcw).isEqualTo(0x037F);
        assertThat(cpu.mxcsr).isEqualTo(0x1F80);
        assertThat((cpu.r[CpuState.RSP] + 8) % 16).as("rsp ≡ 8 mod 16").isZero();
    }
}
