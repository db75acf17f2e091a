package jnbox.elf.image;

/**
 * The loader's refusal reasons, with the exact texts of sel_ldr's {@code nacl_error_code.c}
 * (spec/nacl-abi.md §1.1). Only the codes the x86-64 loader can produce for a nexe or an IRT
 * image are listed, plus two jnbox codes for conditions where sel_ldr aborts instead.
 */
public enum LoadError {
    OPEN_ERROR("Cannot open NaCl module file"),
    READ_ERROR("Cannot read file"),
    TOO_MANY_PROG_HDRS("Too many program header entries in ELF file"),
    BAD_PHENTSIZE("ELF program header size wrong"),
    BAD_ELF_MAGIC("Bad ELF header magic number"),
    NOT_32_BIT("Not a 32-bit ELF file"),
    NOT_EXEC("ELF file type not executable"),
    BAD_MACHINE("ELF file for wrong architecture"),
    BAD_ELF_VERS("ELF version mismatch"),
    BAD_EHSIZE("ELFCLASS64 file header has wrong e_ehsize value"),
    EHDR_OVERFLOW("ELFCLASS64 file header has fields that overflow 32 bits"),
    PHDR_OVERFLOW("ELFCLASS64 program header has fields that overflow 32 bits"),
    BAD_ENTRY("Bad program entry point address"),
    SEGMENT_BAD_LOC("ELF executable text/rodata segment has wrong starting address"),
    BAD_SEGMENT("ELF executable contains an unexpected/unallowed segment/flags"),
    DUP_SEGMENT("ELF executable contains a duplicate segment (please run objdump to see which)"),
    REQUIRED_SEG_MISSING("ELF executable missing a required segment (text)"),
    SEGMENT_BAD_PARAM("ELF executable segment header parameter error"),
    SEGMENT_OUTSIDE_ADDRSPACE("ELF executable contains a segment which lies outside the assigned address space"),
    DATA_OVERLAPS_STACK_SECTION("Memory \"hole\" between end of BSS and start of stack is negative in size"),
    RODATA_OVERLAPS_DATA("Read-only data segment overlaps data segment"),
    DATA_NOT_LAST_SEGMENT("Data segment exists, but is not last segment"),
    NO_DATA_BUT_RODATA_NOT_LAST_SEGMENT("No data segment, read-only data segment exists, but is not last segment"),
    TEXT_OVERLAPS_RODATA("Text segment overlaps rodata segment"),
    TEXT_OVERLAPS_DATA("No rodata segment, and text segment overlaps data segment"),
    BAD_RODATA_ALIGNMENT("The rodata segment is not properly aligned"),
    VALIDATION_FAILED("Validation failure. File violates Native Client safety rules."),
    /** IRT image that cannot be placed (dyncode_create or mmap refused): {@code LOAD_UNLOADABLE}. */
    UNLOADABLE("Error during loading"),
    MPROTECT_FAIL("Cannot protect pages"),
    /** sel_ldr's LOAD_NO_MEMORY; jnbox also uses it for a text segment too large to hold in one Java array. */
    NO_MEMORY("Insufficient memory to load file"),
    /**
     * jnbox: fewer than 32 bytes between text end and rodata/data. sel_ldr aborts with LOG_FATAL
     * "Missing gap between text and rodata for halt_sled" ({@code NaClFillEndOfTextRegion}); jnbox
     * reports it as a load error instead of crashing.
     */
    MISSING_HALT_SLED_GAP_RODATA("Missing gap between text and rodata for halt_sled"),
    /** jnbox: as {@link #MISSING_HALT_SLED_GAP_RODATA}, for the data segment. */
    MISSING_HALT_SLED_GAP_DATA("Missing gap between text and data for halt_sled"),
    /**
     * jnbox: a dynamic-text region over 0x7FFF0000 bytes. sel_ldr cannot map a shared-memory
     * object that large ({@code NaClDescImcShmMap}: "total offset exceeds 32-bits") and aborts with
     * LOG_FATAL "Could not map in shm for dynamic text region" ({@code NaClMakeDynamicTextShared}).
     */
    DYNAMIC_TEXT_TOO_LARGE("Could not map in shm for dynamic text region");

    private final String message;

    LoadError(String message) { this.message = message; }

    /** sel_ldr's text for this code, as printed after {@code Error while loading "FILE": }. */
    public String message() { return message; }

    /** True for the conditions sel_ldr treats as a LOG_FATAL abort rather than a load error. */
    public boolean fatalInSelLdr() {
        return this == MISSING_HALT_SLED_GAP_RODATA || this == MISSING_HALT_SLED_GAP_DATA || this == DYNAMIC_TEXT_TOO_LARGE;
    }
}
