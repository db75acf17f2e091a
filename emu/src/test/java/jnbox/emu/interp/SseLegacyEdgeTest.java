package jnbox.emu.interp;

import static org.assertj.core.api.Assertions.assertThat;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.GuestFault;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.Test;

/**
 * Legacy-SIMD cases the host rows cannot express (a fault would kill the native harness; registers
 * the harness does not set): expected values from the SDM.
 */
class SseLegacyEdgeTest {
    private static final long DATA = 0x30000;
    private final SandboxMemory mem = new SandboxMemory();
    private final Interpreter interp = new Interpreter(mem);

    SseLegacyEdgeTest() {
        mem.map(HostRows.CODE, 0x1000, Prot.RW);
        mem.map(DATA, 0x1000, Prot.RW);
    }

    private CpuState run(String hex, long rdi) {
        CpuState cpu = HostRows.load(mem, hex);
        cpu.r[CpuState.RDI] = SandboxMemory.BASE + rdi;
        cpu.vec[8] = 0x0706_0504_0302_0100L;
        cpu.vec[9] = 0x0F0E_0D0C_0B0A_0908L;
        cpu.vec[2] = 0x1111; // ymm0 bits 128-255
        cpu.vec[3] = 0x2222;
        last = interp.run(cpu, 10);
        return cpu;
    }

    private Exit last;

    @Test
    void misalignedM128IsGeneralProtectionExceptForTheStringCompares() {
        run("660f380047" + "04", DATA + 4); // pshufb xmm0, [rdi+4]: SDM vol. 2 Table 2-21 (type 4), #GP
        assertThat(last.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(last.pc()).isEqualTo(SandboxMemory.BASE + HostRows.CODE);
        assertThat(last.signal()).isEqualTo(GuestFault.SIGSEGV);
        run("660f3a63470300", DATA); // pcmpistri xmm0, [rdi+3], 0: no alignment requirement
        assertThat(last.pc()).isEqualTo(HostRows.hltPc("660f3a63470300"));
        run("660f3a0f4704" + "05", DATA + 4); // palignr xmm0, [rdi+4], 5: #GP
        assertThat(last.signal()).isEqualTo(GuestFault.SIGSEGV);
        run("660f382047" + "04", DATA + 4); // pmovsxbw xmm0, [rdi+4] (m64): no alignment requirement
        assertThat(last.pc()).isEqualTo(HostRows.hltPc("660f38204704"));
    }

    @Test
    void byteExtractsAndInsertsUseTheWholeRegisterNotAhToBh() {
        CpuState c = run("660f3a14d603", DATA); // pextrb esi, xmm2, 3
        assertThat(c.r[CpuState.RSI]).isEqualTo(3);
        CpuState d = HostRows.load(mem, "660f3a20c601"); // pinsrb xmm0, esi, 1
        d.r[CpuState.RSI] = 0xAB;
        d.vec[2] = 0x1111;
        interp.run(d, 10);
        assertThat(d.vec[0]).isEqualTo(0xAB00L);
        assertThat(d.vec[2]).as("bits 128-255 kept").isEqualTo(0x1111);
    }

    @Test
    void mmxWritesAliasTheX87RegistersAndEmmsEmptiesTheTags() {
        // fld1; movq mm3, rax (SDM vol. 1 §9.5.1: R3 significand = rax, exponent/sign = FFFFh; TOP 0, all valid)
        CpuState c = HostRows.load(mem, "d9e8" + "480f6ed8");
        c.r[CpuState.RAX] = 0x1234_5678_9ABC_DEF0L;
        interp.run(c, 10);
        assertThat(c.x87Mant[3]).isEqualTo(0x1234_5678_9ABC_DEF0L);
        assertThat(c.x87SignExp[3]).isEqualTo(0xFFFF);
        assertThat(c.fsw >>> 11 & 7).isZero();
        assertThat(c.ftw).isEqualTo(0xFF);
        CpuState e = HostRows.load(mem, "480f6ed8" + "0f77"); // movq mm3, rax; emms
        interp.run(e, 10);
        assertThat(e.ftw).isZero();
    }
}
