package jnbox.elf.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An ELF file's header and program headers, read and checked as sel_ldr's
 * {@code NaClElfImageNew} does (spec/nacl-abi.md §1.1), in its order:
 * <ol>
 *   <li>the first 64 bytes must be readable ("Cannot read file");
 *   <li>ELFCLASS64 only: e_entry, e_phoff, e_shoff fit in 32 bits, then e_ehsize == 64 — both
 *       before the magic number is looked at, as in sel_ldr;
 *   <li>magic, class, e_type, e_machine, e_version ({@code NaClElfImageValidateElfHeader});
 *   <li>e_phnum ≤ 128, e_phentsize (56 or 32), the table readable, ELFCLASS64 phdr fields fit
 *       in 32 bits.
 * </ol>
 * Section headers are never read. EI_DATA, EI_OSABI and EI_ABIVERSION are not checked. Every
 * read is bounded by the 128-entry table, so a corrupt file costs at most 7 KiB.
 */
public record ElfImage(ElfHeader header, List<ProgramHeader> phdrs) {
    private static final long U32 = 0xFFFF_FFFFL;

    public ElfImage {
        phdrs = List.copyOf(phdrs);
    }

    public long entry() { return header.entry(); }

    public static ElfImage parse(ImageSource src) throws ElfFormatException {
        byte[] eh = new byte[ElfHeader.EHDR64_SIZE];
        if (!read(src, 0, eh, "ELF header")) {
            throw new ElfFormatException(LoadError.READ_ERROR, "file shorter than the 64-byte ELF header (" + src.size() + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(eh).order(ByteOrder.LITTLE_ENDIAN);
        int fileClass = eh[4] & 0xFF;
        ElfHeader h = fileClass == ElfHeader.ELFCLASS64 ? header64(eh, b) : header32(eh, b);
        validateHeader(eh, h);
        if (h.phnum() > ElfHeader.MAX_PROGRAM_HEADERS) {
            throw new ElfFormatException(LoadError.TOO_MANY_PROG_HDRS, "e_phnum = " + h.phnum() + " (at most 128)");
        }
        int entSize = h.is64() ? ElfHeader.PHDR64_SIZE : ElfHeader.PHDR32_SIZE;
        if (h.phentsize() != entSize) {
            throw new ElfFormatException(LoadError.BAD_PHENTSIZE, "e_phentsize = " + h.phentsize() + ", expected " + entSize);
        }
        byte[] table = new byte[h.phnum() * entSize];
        if (!read(src, h.phoff(), table, "program headers")) {
            throw new ElfFormatException(LoadError.READ_ERROR,
                    "program header table [0x" + Long.toHexString(h.phoff()) + ", +0x" + Integer.toHexString(table.length) + ") is past end of file");
        }
        ByteBuffer t = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        List<ProgramHeader> list = new ArrayList<>(h.phnum());
        for (int i = 0; i < h.phnum(); i++) {
            list.add(h.is64() ? phdr64(t, i) : phdr32(t, i));
        }
        return new ElfImage(h, list);
    }

    private static boolean read(ImageSource src, long pos, byte[] dst, String what) throws ElfFormatException {
        try {
            return src.readFully(pos, dst, 0, dst.length);
        } catch (IOException e) {
            throw new ElfFormatException(LoadError.READ_ERROR, "reading " + what + ": " + e.getMessage());
        }
    }

    /** ELFCLASS64: checked for 32-bit overflow and e_ehsize, then converted to the 32-bit form. */
    private static ElfHeader header64(byte[] eh, ByteBuffer b) throws ElfFormatException {
        long entry = b.getLong(24), phoff = b.getLong(32), shoff = b.getLong(40);
        if (Long.compareUnsigned(entry, U32) > 0 || Long.compareUnsigned(phoff, U32) > 0 || Long.compareUnsigned(shoff, U32) > 0) {
            throw new ElfFormatException(LoadError.EHDR_OVERFLOW, String.format(
                    "e_entry 0x%x, e_phoff 0x%x, e_shoff 0x%x", entry, phoff, shoff));
        }
        int ehsize = b.getShort(52) & 0xFFFF;
        if (ehsize != ElfHeader.EHDR64_SIZE) {
            throw new ElfFormatException(LoadError.BAD_EHSIZE, "e_ehsize = " + ehsize + ", expected 64");
        }
        return new ElfHeader(ElfHeader.ELFCLASS64, eh[5] & 0xFF, eh[7] & 0xFF, eh[8] & 0xFF,
                b.getShort(16) & 0xFFFF, b.getShort(18) & 0xFFFF, b.getInt(20) & U32, entry, phoff, shoff,
                b.getInt(48) & U32, ehsize, b.getShort(54) & 0xFFFF, b.getShort(56) & 0xFFFF,
                b.getShort(58) & 0xFFFF, b.getShort(60) & 0xFFFF, b.getShort(62) & 0xFFFF);
    }

    /** Any other class is read with the Elf32_Ehdr layout; the class check follows. */
    private static ElfHeader header32(byte[] eh, ByteBuffer b) {
        return new ElfHeader(eh[4] & 0xFF, eh[5] & 0xFF, eh[7] & 0xFF, eh[8] & 0xFF,
                b.getShort(16) & 0xFFFF, b.getShort(18) & 0xFFFF, b.getInt(20) & U32,
                b.getInt(24) & U32, b.getInt(28) & U32, b.getInt(32) & U32, b.getInt(36) & U32,
                b.getShort(40) & 0xFFFF, b.getShort(42) & 0xFFFF, b.getShort(44) & 0xFFFF,
                b.getShort(46) & 0xFFFF, b.getShort(48) & 0xFFFF, b.getShort(50) & 0xFFFF);
    }

    /** {@code NaClElfImageValidateElfHeader}. */
    private static void validateHeader(byte[] eh, ElfHeader h) throws ElfFormatException {
        if (eh[0] != 0x7F || eh[1] != 'E' || eh[2] != 'L' || eh[3] != 'F') {
            throw new ElfFormatException(LoadError.BAD_ELF_MAGIC, String.format("e_ident starts %02x %02x %02x %02x",
                    eh[0] & 0xFF, eh[1] & 0xFF, eh[2] & 0xFF, eh[3] & 0xFF));
        }
        if (h.elfClass() != ElfHeader.ELFCLASS32 && h.elfClass() != ElfHeader.ELFCLASS64) {
            throw new ElfFormatException(LoadError.NOT_32_BIT, "EI_CLASS = " + h.elfClass());
        }
        if (h.type() != ElfHeader.ET_EXEC) {
            throw new ElfFormatException(LoadError.NOT_EXEC, "e_type = " + h.type() + ", expected 2 (ET_EXEC)");
        }
        if (h.machine() != ElfHeader.EM_X86_64) {
            throw new ElfFormatException(LoadError.BAD_MACHINE, "e_machine = " + h.machine() + ", expected 62 (EM_X86_64)");
        }
        if (h.version() != ElfHeader.EV_CURRENT) {
            throw new ElfFormatException(LoadError.BAD_ELF_VERS, "e_version = " + h.version() + ", expected 1");
        }
    }

    private static ProgramHeader phdr64(ByteBuffer t, int i) throws ElfFormatException {
        int o = i * ElfHeader.PHDR64_SIZE;
        long offset = t.getLong(o + 8), vaddr = t.getLong(o + 16), paddr = t.getLong(o + 24);
        long filesz = t.getLong(o + 32), memsz = t.getLong(o + 40), align = t.getLong(o + 48);
        for (long v : new long[] {offset, vaddr, paddr, filesz, memsz, align}) {
            if (Long.compareUnsigned(v, U32) > 0) {
                throw new ElfFormatException(LoadError.PHDR_OVERFLOW, String.format(
                        "segment %d: p_offset 0x%x p_vaddr 0x%x p_paddr 0x%x p_filesz 0x%x p_memsz 0x%x p_align 0x%x",
                        i, offset, vaddr, paddr, filesz, memsz, align));
            }
        }
        return new ProgramHeader(i, t.getInt(o) & U32, t.getInt(o + 4) & U32, offset, vaddr, paddr, filesz, memsz, align);
    }

    private static ProgramHeader phdr32(ByteBuffer t, int i) {
        int o = i * ElfHeader.PHDR32_SIZE;
        return new ProgramHeader(i, t.getInt(o) & U32, t.getInt(o + 24) & U32, t.getInt(o + 4) & U32,
                t.getInt(o + 8) & U32, t.getInt(o + 12) & U32, t.getInt(o + 16) & U32,
                t.getInt(o + 20) & U32, t.getInt(o + 28) & U32);
    }

    /** Header fields and the program header table, readelf-style, for {@code jnbox inspect}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        ElfHeader h = header;
        sb.append(String.format("ELF header: %s, EI_DATA %d, EI_OSABI %d, EI_ABIVERSION %d%n",
                h.className(), h.data(), h.osAbi(), h.abiVersion()));
        sb.append(String.format("  e_type %d  e_machine %d  e_version %d  e_flags 0x%x%n", h.type(), h.machine(), h.version(), h.flags()));
        sb.append(String.format("  e_entry 0x%x  e_phoff 0x%x  e_shoff 0x%x%n", h.entry(), h.phoff(), h.shoff()));
        sb.append(String.format("  e_ehsize %d  e_phentsize %d  e_phnum %d  e_shentsize %d  e_shnum %d  e_shstrndx %d%n",
                h.ehsize(), h.phentsize(), h.phnum(), h.shentsize(), h.shnum(), h.shstrndx()));
        sb.append(String.format("Program headers:%n  %-3s %-12s %-10s %-10s %-10s %-10s %-10s %-4s %s%n",
                "#", "type", "offset", "vaddr", "paddr", "filesz", "memsz", "flg", "align"));
        for (ProgramHeader p : phdrs) {
            sb.append(String.format("  %-3d %-12s 0x%08x 0x%08x 0x%08x 0x%08x 0x%08x %-4s 0x%x%n", p.index(), p.typeName(),
                    p.offset(), p.vaddr(), p.paddr(), p.filesz(), p.memsz(), p.flagsString(), p.align()));
        }
        return sb.toString();
    }
}
