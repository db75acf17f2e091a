package jnbox.elf.validate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The text segment of an x86-64 ELF file (ELF64, or ELF32 with e_machine x86-64), found as ncval finds it: the one PT_LOAD segment that is
 * executable (ncval's elf_load.cc). Only the few header fields needed are read; a full loader lives
 * elsewhere in {@code jnbox.elf}.
 *
 * @param vaddr guest address of the segment
 * @param code the segment's file bytes
 */
public record NexeText(long vaddr, byte[] code) {
    private static final int PT_LOAD = 1, PF_X = 1, EM_X86_64 = 62;

    /** Extracts the text segment; throws IllegalArgumentException with a one-line reason. */
    public static NexeText of(byte[] elf) {
        if (elf.length < 52 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') {
            throw new IllegalArgumentException("not an ELF file");
        }
        boolean is64 = elf[4] == 2;
        if (elf[4] != 1 && !is64) {
            throw new IllegalArgumentException("invalid ELF class " + elf[4]);
        }
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        int machine = b.getShort(18) & 0xffff;
        if (machine != EM_X86_64) {
            throw new IllegalArgumentException("unsupported e_machine " + machine);
        }
        // ELF64 and ELF32 headers differ in field widths (System V gABI); ncval accepts both.
        long phoff = is64 ? b.getLong(32) : b.getInt(28) & 0xffffffffL;
        int phentsize = b.getShort(is64 ? 54 : 42) & 0xffff;
        int phnum = b.getShort(is64 ? 56 : 44) & 0xffff;
        if (phentsize < (is64 ? 56 : 32) || phoff < 0 || phoff + (long) phnum * phentsize > elf.length) {
            throw new IllegalArgumentException("program headers outside the file");
        }
        NexeText found = null;
        for (int i = 0; i < phnum; i++) {
            int ph = (int) (phoff + (long) i * phentsize);
            int flags = b.getInt(ph + (is64 ? 4 : 24));
            if (b.getInt(ph) != PT_LOAD || (flags & PF_X) == 0) {
                continue;
            }
            if (found != null) {
                throw new IllegalArgumentException("more than one text segment");
            }
            long offset = is64 ? b.getLong(ph + 8) : b.getInt(ph + 4) & 0xffffffffL;
            long vaddr = is64 ? b.getLong(ph + 16) : b.getInt(ph + 8) & 0xffffffffL;
            long filesz = is64 ? b.getLong(ph + 32) : b.getInt(ph + 16) & 0xffffffffL;
            if (offset < 0 || filesz < 0 || filesz > 256 << 20 || offset + filesz > elf.length) {
                throw new IllegalArgumentException("text segment outside the file");
            }
            found = new NexeText(vaddr, Arrays.copyOfRange(elf, (int) offset, (int) (offset + filesz)));
        }
        if (found == null) {
            throw new IllegalArgumentException("text segment not found");
        }
        return found;
    }

    /** The code padded with hlt (f4) to a whole number of bundles, as sel_ldr fills the text page. */
    public byte[] paddedWithHlt() {
        int n = (code.length + Validator.BUNDLE_SIZE - 1) / Validator.BUNDLE_SIZE * Validator.BUNDLE_SIZE;
        byte[] out = Arrays.copyOf(code, n);
        Arrays.fill(out, code.length, n, (byte) 0xf4);
        return out;
    }
}
