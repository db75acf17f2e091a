package jnbox.elf.image;

/**
 * One program header in sel_ldr's 32-bit form (ELFCLASS64 fields were checked to fit in 32 bits).
 *
 * @param index position in the program header table
 */
public record ProgramHeader(int index, long type, long flags, long offset, long vaddr, long paddr,
                            long filesz, long memsz, long align) {
    public static final long PT_NULL = 0;
    public static final long PT_LOAD = 1;
    public static final long PT_DYNAMIC = 2;
    public static final long PT_INTERP = 3;
    public static final long PT_NOTE = 4;
    public static final long PT_PHDR = 6;
    public static final long PT_TLS = 7;
    public static final long PT_GNU_EH_FRAME = 0x6474e550L;
    public static final long PT_GNU_STACK = 0x6474e551L;
    public static final long PT_GNU_RELRO = 0x6474e552L;
    public static final long PF_X = 1;
    public static final long PF_W = 2;
    public static final long PF_R = 4;

    public String typeName() {
        if (type == PT_NULL) return "NULL";
        if (type == PT_LOAD) return "LOAD";
        if (type == PT_DYNAMIC) return "DYNAMIC";
        if (type == PT_INTERP) return "INTERP";
        if (type == PT_NOTE) return "NOTE";
        if (type == PT_PHDR) return "PHDR";
        if (type == PT_TLS) return "TLS";
        if (type == PT_GNU_EH_FRAME) return "GNU_EH_FRAME";
        if (type == PT_GNU_STACK) return "GNU_STACK";
        if (type == PT_GNU_RELRO) return "GNU_RELRO";
        return "0x" + Long.toHexString(type);
    }

    /** readelf's flag notation: "R E", "RW ", and the raw value when other bits are set. */
    public String flagsString() {
        String s = ((flags & PF_R) != 0 ? "R" : " ") + ((flags & PF_W) != 0 ? "W" : " ") + ((flags & PF_X) != 0 ? "E" : " ");
        return (flags & ~7L) != 0 ? s + " (0x" + Long.toHexString(flags) + ")" : s;
    }

    /** End of the segment in memory, exact (up to 2^33 for hostile values; never wraps). */
    public long memEnd() { return vaddr + memsz; }
}
