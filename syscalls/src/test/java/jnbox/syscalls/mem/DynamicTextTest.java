package jnbox.syscalls.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import jnbox.elf.validate.Validator;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import jnbox.syscalls.SyscallException;
import jnbox.vfs.Errno;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** dyncode_create's checks and installation (spec/nacl-abi.md §4.7), with NaCl's validator. */
class DynamicTextTest {
    private static final long START = 0x40000, END = 0x100000;
    private final SandboxMemory mem = new SandboxMemory();
    private final DynamicText text = new DynamicText(mem, new Validator(), START, END);

    private static byte[] nops(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0x90);
        return b;
    }

    private static void errno(int expected, ThrowingCallable c) {
        assertThatThrownBy(c).isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(expected));
    }

    @Test
    void installsValidCodeInHltFilledExecutablePages() {
        text.create(0x50020, nops(64));
        assertThat(mem.protOf(0x50000)).isEqualTo(Prot.RX);
        byte[] b = new byte[0x80];
        mem.peek(0x50000, b, 0, b.length);
        assertThat(b[0]).isEqualTo((byte) 0xF4);                 // untouched bytes are HLT
        assertThat(b[0x20]).isEqualTo((byte) 0x90);
        assertThat(b[0x5F]).isEqualTo((byte) 0x90);
        assertThat(b[0x60]).isEqualTo((byte) 0xF4);
    }

    @Test
    void refusals() {
        errno(Errno.EINVAL, () -> text.create(0x50010, nops(32)));          // dest not bundle-aligned
        errno(Errno.EINVAL, () -> text.create(0x50000, nops(33)));          // size not a multiple of 32
        errno(Errno.EFAULT, () -> text.create(0x30000, nops(32)));          // below the region
        errno(Errno.EFAULT, () -> text.create(END - 32, nops(32)));         // the last bundle is off limits
        byte[] ret = nops(32);
        ret[0] = (byte) 0xC3;                                               // ret: forbidden in NaCl code
        errno(Errno.EINVAL, () -> text.create(0x60000, ret));
        text.create(0x70000, nops(64));
        errno(Errno.EINVAL, () -> text.create(0x70020, nops(32)));          // overlaps earlier code
        text.create(0x70040, nops(32));                                     // adjacent is fine
        text.create(0x70000, new byte[0]);                                  // size 0 does nothing
    }

    @Test
    void noRegionNoDyncode() {
        DynamicText none = new DynamicText(mem, new Validator(), START, START);
        errno(Errno.EINVAL, () -> none.create(START, nops(32)));
    }

    @Test
    void modifyMayChangeImmediatesOnly() {
        byte[] code = nops(32);
        code[0] = (byte) 0xB8;                                              // mov eax, imm32
        code[1] = 1;
        code[2] = code[3] = code[4] = 0;
        text.create(0x80000, code);
        text.modify(0x80001, new byte[] {2});                               // new immediate: allowed
        assertThat(mem.readUser32(0x80001)).isEqualTo(2);
        errno(Errno.EINVAL, () -> text.modify(0x80000, new byte[] {(byte) 0xC3}));   // a new instruction: refused
        errno(Errno.EFAULT, () -> text.modify(0x90000, new byte[] {1}));             // not in a region
    }

    @Test
    void deleteFreesAnExactRegionAndHaltsItsBundles() {
        text.create(0x80000, nops(64));
        errno(Errno.EFAULT, () -> text.delete(0x80000, 32));               // not the whole region
        text.delete(0x80000, 64);
        assertThat(mem.readUser32(0x80000) & 0xFF).isEqualTo(0xF4);
        assertThat(mem.readUser32(0x80020) & 0xFF).isEqualTo(0xF4);
        assertThat(mem.readUser32(0x80001) & 0xFF).isEqualTo(0x90);
        text.create(0x80000, nops(32));                                     // the range is free again
    }
}
