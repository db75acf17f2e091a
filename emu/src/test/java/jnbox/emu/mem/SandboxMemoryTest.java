package jnbox.emu.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SandboxMemoryTest {
    private static final long B = SandboxMemory.BASE;

    @Test
    void unmappedNullRegionFaults() {
        SandboxMemory m = new SandboxMemory();
        assertThatThrownBy(() -> m.read32(B)).isInstanceOf(GuestFault.class);
    }

    @Test
    void littleEndianAcrossPageBoundary() {
        SandboxMemory m = new SandboxMemory();
        m.map(0x20000, 0x10000, Prot.RW);
        m.write64(B + 0x20FFC, 0x1122334455667788L);
        assertThat(m.read64(B + 0x20FFC)).isEqualTo(0x1122334455667788L);
        assertThat(m.read8(B + 0x20FFC)).isEqualTo((byte) 0x88);
        assertThat(m.read32(B + 0x21000)).isEqualTo(0x11223344);
    }

    @Test
    void readOnlyPageRejectsWritesAndPartialWriteChangesNothing() {
        SandboxMemory m = new SandboxMemory();
        m.map(0x20000, 0x1000, Prot.RW);
        m.map(0x21000, 0x1000, Prot.READ);
        assertThatThrownBy(() -> m.write64(B + 0x20FFC, -1L)).isInstanceOf(GuestFault.class);
        assertThat(m.read32(B + 0x20FFC)).isZero();
    }

    @Test
    void outsideSandboxFaults() {
        SandboxMemory m = new SandboxMemory();
        assertThatThrownBy(() -> m.read8(B - 1)).isInstanceOf(GuestFault.class);
        assertThatThrownBy(() -> m.read8(B + SandboxMemory.SIZE)).isInstanceOf(GuestFault.class);
    }
}
