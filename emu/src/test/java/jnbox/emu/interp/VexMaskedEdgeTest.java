package jnbox.emu.interp;

import static org.assertj.core.api.Assertions.assertThat;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.GuestFault;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Masked moves at the end of a mapped page (SDM vol. 2 VMASKMOV / VPMASKMOV: "Faults occur only
 * due to mask-bit required memory accesses that caused the faults. Faults will not occur due to
 * referencing any memory location if the corresponding mask bit for that memory location is 0"):
 * elements past the page edge whose mask bit is clear neither fault nor get written; a set mask
 * bit there faults, and the instruction commits nothing. Also: 256-bit accesses crossing into an
 * unmapped page, and the alignment rule of vmovaps.
 */
class VexMaskedEdgeTest {
    static final long PAGE = 0x40000, B = SandboxMemory.BASE;
    /** 16 bytes before the end of the mapped page: 4 dwords / 2 qwords fit, the rest is unmapped. */
    static final long EDGE = PAGE + 0x1000 - 16;

    SandboxMemory mem;
    Interpreter interp;

    @BeforeEach
    void setUp() {
        mem = new SandboxMemory();
        mem.map(HostRows.CODE, 0x1000, Prot.RW);
        mem.map(PAGE, 0x1000, Prot.RW);
        byte[] pat = new byte[16];
        for (int i = 0; i < 16; i++) pat[i] = (byte) (0x11 * (i + 1));
        mem.poke(EDGE, pat, 0, 16);
        interp = new Interpreter(mem);
    }

    private CpuState cpu(String hex, long[] mask) {
        CpuState c = HostRows.load(mem, hex);
        c.r[CpuState.RDI] = B + EDGE;
        System.arraycopy(mask, 0, c.vec, 4, 4); // ymm1: the mask
        for (int i = 0; i < 4; i++) {
            c.vec[i] = 0x5A5A_5A5A_5A5A_5A5AL;      // ymm0: the load destination
            c.vec[8 + i] = 0x0102_0304_0506_0708L * (i + 1); // ymm2: the store data
        }
        return c;
    }

    private static final long DW_LOW4 = 0x8000_0000_8000_0000L;

    @Test
    void maskedOffDwordsPastThePageNeitherFaultNorLoad() {
        // vmaskmovps ymm0, ymm1, [rdi]: dwords 0-3 in the page (mask set), 4-7 past it (mask clear)
        CpuState c = cpu("c4e2752c07", new long[] {DW_LOW4, DW_LOW4, 0x7FFF_FFFF_7FFF_FFFFL, 0});
        Exit x = interp.run(c, 10);
        assertThat(x.pc()).isEqualTo(HostRows.hltPc("c4e2752c07"));
        assertThat(c.vec[0]).isEqualTo(0x8877_6655_4433_2211L);
        assertThat(c.vec[1]).isEqualTo(0x10FF_EEDD_CCBB_AA99L);
        assertThat(c.vec[2]).isZero();
        assertThat(c.vec[3]).isZero();
    }

    @Test
    void aSetMaskBitPastThePageFaultsAndCommitsNothing() {
        CpuState c = cpu("c4e2752c07", new long[] {DW_LOW4, DW_LOW4, 0x8000_0000L, 0});
        Exit x = interp.run(c, 10);
        assertThat(x.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(x.pc()).isEqualTo(B + HostRows.CODE);
        assertThat(x.signal()).isEqualTo(GuestFault.SIGSEGV);
        assertThat(c.vec[0]).isEqualTo(0x5A5A_5A5A_5A5A_5A5AL);
    }

    @Test
    void maskedStoreWritesOnlySelectedElementsInsideThePage() {
        // vmaskmovps [rdi], ymm1, ymm2: dword 1 and 2 selected; 4-7 past the page clear
        CpuState c = cpu("c4e2752e17", new long[] {0x8000_0000_0000_0000L, 0x8000_0000L, 0, 0});
        Exit x = interp.run(c, 10);
        assertThat(x.pc()).isEqualTo(HostRows.hltPc("c4e2752e17"));
        byte[] got = new byte[16];
        mem.peek(EDGE, got, 0, 16);
        long lo = java.nio.ByteBuffer.wrap(got).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
        long hi = java.nio.ByteBuffer.wrap(got).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(8);
        assertThat(lo).isEqualTo(0x0102_0304_4433_2211L);          // dword 1 from ymm2, dword 0 kept
        assertThat(hi).isEqualTo(0x10FF_EEDD_0A0C_0E10L);          // dword 2 from ymm2 (qword 1 = 2x), dword 3 kept
    }

    @Test
    void maskedStorePastThePageFaultsBeforeWritingAnything() {
        CpuState c = cpu("c4e2752e17", new long[] {DW_LOW4, 0, 0, 0x8000_0000_0000_0000L});
        Exit x = interp.run(c, 10);
        assertThat(x.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(x.pc()).isEqualTo(B + HostRows.CODE);
        byte[] got = new byte[16];
        mem.peek(EDGE, got, 0, 16);
        assertThat(got[0]).isEqualTo((byte) 0x11);
    }

    @Test
    void qwordMaskedLoadAtTheEdge() {
        // vpmaskmovq xmm0, xmm1, [rdi+0]: rdi = last 8 bytes of the page, qword 1 past it, mask clear
        CpuState c = cpu("c4e2f18c07", new long[] {Long.MIN_VALUE, 0x7FFF_FFFF_FFFF_FFFFL, 0, 0});
        c.r[CpuState.RDI] = B + PAGE + 0x1000 - 8;
        Exit x = interp.run(c, 10);
        assertThat(x.pc()).isEqualTo(HostRows.hltPc("c4e2f18c07"));
        assertThat(c.vec[0]).isEqualTo(0x10FF_EEDD_CCBB_AA99L);
        assertThat(c.vec[1]).isZero();
        assertThat(c.vec[2]).isZero(); // VEX.128: bits 128-255 zeroed
    }

    @Test
    void a256BitLoadCrossingIntoAnUnmappedPageFaultsAndWritesNothing() {
        CpuState c = cpu("c5fc1007", new long[4]); // vmovups ymm0, [rdi]: 16 bytes mapped, 16 not
        Exit x = interp.run(c, 10);
        assertThat(x.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(x.pc()).isEqualTo(B + HostRows.CODE);
        assertThat(c.vec[0]).isEqualTo(0x5A5A_5A5A_5A5A_5A5AL);
        assertThat(c.vec[3]).isEqualTo(0x5A5A_5A5A_5A5A_5A5AL);
    }

    @Test
    void a256BitStoreCrossingIntoAnUnmappedPageFaultsBeforeWriting() {
        CpuState c = cpu("c5fc1117", new long[4]); // vmovups [rdi], ymm2
        Exit x = interp.run(c, 10);
        assertThat(x.kind()).isEqualTo(Exit.Kind.FAULT);
        byte[] got = new byte[16];
        mem.peek(EDGE, got, 0, 16);
        assertThat(got[0]).isEqualTo((byte) 0x11); // the mapped half is untouched
    }

    @Test
    void vmovapsYmmNeeds32ByteAlignmentButVmovdquNeedsNone() {
        // SDM vol. 2 MOVAPS: VEX.256 memory operands must be 32-byte aligned (#GP); VMOVDQU any
        CpuState c = cpu("c5fc284710", new long[4]); // vmovaps ymm0, [rdi+16]
        c.r[CpuState.RDI] = B + PAGE;
        Exit x = interp.run(c, 10);
        assertThat(x.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(x.signal()).isEqualTo(GuestFault.SIGSEGV);
        assertThat(x.pc()).isEqualTo(B + HostRows.CODE);
        CpuState d = cpu("c5fa6f4708", new long[4]); // vmovdqu xmm0, [rdi+8]
        d.r[CpuState.RDI] = B + PAGE;
        assertThat(interp.run(d, 10).pc()).isEqualTo(HostRows.hltPc("c5fa6f4708"));
        assertThat(d.vec[2]).isZero(); // VEX.128 zeroes bits 128-255
    }
}
