package jnbox.elf.image;

/**
 * An ELF file header as sel_ldr keeps it: ELFCLASS64 headers are converted to the 32-bit form
 * after their 64-bit fields were checked to fit ({@code NaClElfImageNew}), so every address and
 * offset here is a 32-bit value held in a long.
 *
 * @param elfClass    e_ident[EI_CLASS] as found in the file (1 = ELFCLASS32, 2 = ELFCLASS64)
 * @param data        e_ident[EI_DATA] (not checked by sel_ldr)
 * @param osAbi       e_ident[EI_OSABI] (not checked: 123 "NaCl" and 0 are both seen)
 * @param abiVersion  e_ident[EI_ABIVERSION] (not checked: 7 or 0)
 */
public record ElfHeader(int elfClass, int data, int osAbi, int abiVersion, int type, int machine,
                        long version, long entry, long phoff, long shoff, long flags, int ehsize,
                        int phentsize, int phnum, int shentsize, int shnum, int shstrndx) {
    public static final int ELFCLASS32 = 1;
    public static final int ELFCLASS64 = 2;
    public static final int ET_EXEC = 2;
    public static final int EM_X86_64 = 62;
    public static final int EV_CURRENT = 1;
    /** {@code NACL_MAX_PROGRAM_HEADERS}. */
    public static final int MAX_PROGRAM_HEADERS = 128;
    public static final int EHDR64_SIZE = 64;
    public static final int PHDR64_SIZE = 56;
    public static final int PHDR32_SIZE = 32;

    public boolean is64() { return elfClass == ELFCLASS64; }

    public String className() {
        return switch (elfClass) {
            case ELFCLASS32 -> "ELF32";
            case ELFCLASS64 -> "ELF64";
            default -> "class " + elfClass;
        };
    }
}
