package jnbox.syscalls.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import jnbox.syscalls.SyscallException;
import jnbox.vfs.Errno;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The 64 KiB rules of spec/nacl-abi.md §4.6 on a layout like hello_world's (text 0x20000, data 0x50000). */
class AddressSpaceTest {
    private static final long DYN_TEXT_END = 0x30000;
    private static final long BREAK = 0x51234;
    private SandboxMemory mem;
    private AddressSpace space;

    @BeforeEach
    void load() {
        mem = new SandboxMemory();
        mem.map(0x10000, 0x10000, Prot.READ);              // trampolines
        mem.map(0x20000, 0x10000, Prot.RX);                // text
        mem.map(0x30000, 0x10000, Prot.READ);              // rodata
        mem.map(0x50000, 0x10000, Prot.RW);                // data+bss, break inside
        mem.map(0xFF000000L, 0x01000000L, Prot.RW);        // stack
        space = new AddressSpace(mem, DYN_TEXT_END, BREAK);
    }

    private static void errno(int expected, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(expected));
    }

    @Test
    void firstAnonymousMappingGoesJustBelowTheStack() {
        // §2: first 64 KiB anonymous mmap of a fresh process → 0xFEFF0000
        assertThat(space.place(0, 0x10000)).isEqualTo(0xFEFF0000L);
        space.map(0xFEFF0000L, 0x10000, Prot.RW, Prot.RW, null, false);
        assertThat(space.place(0, 0x20000)).isEqualTo(0xFEFD0000L);
    }

    @Test
    void aHintTakesTheFirstGapAtOrAboveIt() {
        assertThat(space.place(0x40000, 0x10000)).isEqualTo(0x40000);
        assertThat(space.place(0x50000, 0x10000)).isEqualTo(0x60000);
    }

    @Test
    void mappedPagesAreZeroedAndCarryTheirProtection() {
        space.map(0x100000, 0x10000, Prot.READ, Prot.RW, new byte[] {1, 2, 3}, false);
        assertThat(mem.protOf(0x100000)).isEqualTo(Prot.READ);
        assertThat(mem.readUser32(0x100000)).isEqualTo(0x030201);
        assertThat(mem.readUser32(0x10FFFC)).isZero();
    }

    @Test
    void fileMappingPastEndOfFileKeepsOnlyTheLastFilePageAccessible() {
        // §4.6 rule 12: 5000 bytes of file → pages [0, 0x2000) accessible, the rest PROT_NONE but mapped in the table
        space.map(0x200000, 0x20000, Prot.READ, Prot.RW, new byte[5000], true);
        assertThat(mem.protOf(0x201000)).isEqualTo(Prot.READ);
        assertThat(mem.protOf(0x202000)).isEqualTo(Prot.NONE);
        assertThat(mem.protOf(0x210000)).isEqualTo(Prot.NONE);
        assertThat(space.inUse(0x210000)).isTrue();
    }

    @Test
    void munmapRules() {
        errno(Errno.EINVAL, () -> space.munmap(0x100001, 0x10000));       // unaligned
        errno(Errno.EINVAL, () -> space.munmap(0x100000, 0));             // zero length
        errno(Errno.EFAULT, () -> space.munmap(0xFFFF0000L, 0x20000));    // beyond 4 GiB
        errno(Errno.EINVAL, () -> space.munmap(0x20000, 0x10000));        // below dynamic_text_end
        space.map(0x100000, 0x10000, Prot.RW, Prot.RW, null, false);
        space.munmap(0x100000, 1);                                        // length rounds up to 64 KiB
        assertThat(mem.isMapped(0x100000)).isFalse();
        assertThat(space.inUse(0x100000)).isFalse();
        space.munmap(0x700000, 0x10000);                                  // unmapped holes are not an error
    }

    @Test
    void mprotectRules() {
        space.map(0x100000, 0x10000, Prot.RW, Prot.RW, null, false);
        errno(Errno.EINVAL, () -> space.mprotect(0x100800, 0x1000, Prot.READ));
        errno(Errno.EACCES, () -> space.mprotect(0x100000, 0x10000, Prot.RX));      // only READ|WRITE
        errno(Errno.EACCES, () -> space.mprotect(0x20000, 0x10000, Prot.READ));     // below dynamic_text_end
        errno(Errno.EACCES, () -> space.mprotect(0x100000, 0x20000, Prot.READ));    // second page not mapped
        space.mprotect(0x100000, 0x10000, Prot.READ);
        assertThat(mem.protOf(0x10F000)).isEqualTo(Prot.READ);
        space.mprotect(0x100000, 0x10000, Prot.NONE);
        assertThat(mem.protOf(0x100000)).isEqualTo(Prot.NONE);
    }

    @Test
    void brkWithinTheDataMappingJustMovesTheBreak() {
        assertThat(space.brk(0)).isEqualTo(BREAK);                 // query
        assertThat(space.brk(0x40000)).isEqualTo(BREAK);           // below the initial break: unchanged
        mem.write8(SandboxMemory.BASE + 0x52000, (byte) 9);
        assertThat(space.brk(0x5F000)).isEqualTo(0x5F000);
        assertThat(mem.read8(SandboxMemory.BASE + 0x52000)).as("zero-filled between old and new break").isZero();
    }

    @Test
    void brkPastTheMappingExtendsItInWholeAllocationPages() {
        assertThat(space.brk(0x80001)).isEqualTo(0x80001);
        assertThat(mem.protOf(0x8F000)).isEqualTo(Prot.RW);        // round64K(0x80001) = 0x90000
        assertThat(mem.isMapped(0x90000)).isFalse();
        assertThat(space.inUse(0x80000)).isTrue();
        // lowering keeps the memory; raising again within the extended mapping zero-fills
        mem.write8(SandboxMemory.BASE + 0x70000, (byte) 5);
        assertThat(space.brk(0x60000)).isEqualTo(0x60000);
        assertThat(space.brk(0x78000)).isEqualTo(0x78000);
        assertThat(mem.read8(SandboxMemory.BASE + 0x70000)).isZero();
    }

    @Test
    void brkIntoAnotherMappingFails() {
        space.map(0x70000, 0x10000, Prot.RW, Prot.RW, null, false);
        assertThat(space.brk(0x75000)).isEqualTo(BREAK);
        assertThat(space.brk(0x65000)).isEqualTo(0x65000);
    }

    @Test
    void theMemoryLimitRefusesMmapAndBrk() {
        // loaded: 0-0x20000 (2 pages), text, rodata, data (3), stack (256) = 261 pages; limit 263
        AddressSpace small = new AddressSpace(mem, DYN_TEXT_END, BREAK, 263 * AddressSpace.MAP_PAGE);
        small.map(0x100000, 0x20000, Prot.RW, Prot.RW, null, false);
        errno(Errno.ENOMEM, () -> small.map(0x200000, 0x10000, Prot.RW, Prot.RW, null, false));
        assertThat(small.brk(0x70000)).as("brk past the limit leaves the break").isEqualTo(BREAK);
        small.munmap(0x100000, 0x10000);
        small.map(0x200000, 0x10000, Prot.RW, Prot.RW, null, false);
        small.map(0x200000, 0x10000, Prot.READ, Prot.RW, null, false);   // MAP_FIXED over its own pages: no new page
    }
}
