package jnbox.elf.load;

import java.util.List;

/**
 * A nexe mapped into a {@link jnbox.emu.mem.SandboxMemory}: what the runtime needs to start it
 * (spec/nacl-abi.md §2, §3) and to manage memory afterwards. All addresses are user addresses.
 *
 * @param layout            the checked layout (header, segments, raw segment bounds)
 * @param entry             e_entry, the first instruction of the nexe (the IRT's entry comes first with -B)
 * @param staticTextEnd     end of the HLT-padded static text (sel_ldr's final {@code static_text_end})
 * @param dynamicTextStart  first byte of the dyncode region (= round64K of the unpadded text end)
 * @param dynamicTextEnd    end of the dyncode region; equal to start when there is none
 * @param rodataStart       0 when there is no rodata segment
 * @param dataStart         data segment p_vaddr, 0 when there is none
 * @param initialBreak      the initial program break, sel_ldr's {@code data_end}/{@code break_addr}
 *                          (unaligned end of bss when there is a data segment)
 * @param stackStart        0xFF000000
 * @param stackEnd          2^32
 * @param initialStackTop   0xFFFF0000, where the startup block ends (§3.1)
 * @param regions           the fixed mappings, in address order, for the mmap allocator and
 *                          list_mappings; everything else in [0, 2^32) is free (PROT_NONE hole)
 * @param validated         false when validation was skipped or its failure ignored
 * @param validationProblems the validator's findings when its failure was ignored ({@code -c})
 */
public record LoadedNexe(NexeLayout layout, long entry, long staticTextEnd, long dynamicTextStart,
                         long dynamicTextEnd, long rodataStart, long dataStart, long initialBreak,
                         long stackStart, long stackEnd, long initialStackTop,
                         List<MemoryRegion> regions, boolean validated,
                         List<String> validationProblems) {
    public LoadedNexe {
        regions = List.copyOf(regions);
        validationProblems = List.copyOf(validationProblems);
    }

    public boolean hasDynamicText() { return dynamicTextEnd > dynamicTextStart; }

    /** The memory map, one region a line, for {@code jnbox inspect} and traces. */
    public String describeMemory() {
        StringBuilder sb = new StringBuilder();
        for (MemoryRegion r : regions) sb.append(r).append('\n');
        return sb.toString();
    }
}
