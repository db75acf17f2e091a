package jnbox.elf.load;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import jnbox.elf.image.ElfImage;
import jnbox.elf.image.LoadError;
import jnbox.elf.image.LoadException;
import jnbox.elf.image.ProgramHeader;

/**
 * Where a nexe's pieces go, and sel_ldr's layout rules (spec/nacl-abi.md §1.2–1.4, §2), checked in
 * the order of {@code NaClElfImageValidateProgramHeaders} and {@code NaClAppLoadFileAslr}.
 * All addresses are user addresses. A value of 0 for rodata/data means "no such segment", as in
 * sel_ldr (neither can start below 0x20000).
 *
 * @param loaded         the segments the loader copies, in table order (text, rodata, data, and a
 *                       non-empty PT_GNU_STACK)
 * @param staticTextEnd  0x20000 + text p_filesz, before halt padding
 * @param rodataEnd      rodata p_vaddr + p_memsz (0 if none)
 * @param dataSegmentEnd data p_vaddr + p_memsz, the unrounded end of bss (0 if none)
 * @param breakAddr      sel_ldr's {@code max_vaddr} after adjustment: the initial break and
 *                       {@code nap->data_end}
 */
public record NexeLayout(ElfImage image, List<ProgramHeader> loaded, long staticTextEnd,
                         long rodataStart, long rodataEnd, long dataStart, long dataSegmentEnd,
                         long breakAddr, long entry) {
    public static final long TRAMPOLINE_START = 0x10000;
    /** {@code NACL_TRAMPOLINE_END}: where static text must start. */
    public static final long TEXT_START = 0x20000;
    public static final long ALLOC_PAGE = 0x10000;
    public static final long HALT_SLED_SIZE = 32;
    public static final long BUNDLE_SIZE = 32;
    public static final long ADDRESS_SPACE_END = 1L << 32;
    /** {@code NACL_DEFAULT_STACK_MAX}, 16 MiB. */
    public static final long STACK_SIZE = 16L << 20;
    public static final long STACK_START = ADDRESS_SPACE_END - STACK_SIZE;
    /** {@code NaClGetInitialStackTop}: 2^32 − 64 KiB. */
    public static final long INITIAL_STACK_TOP = ADDRESS_SPACE_END - ALLOC_PAGE;

    public NexeLayout {
        loaded = List.copyOf(loaded);
    }

    public static long roundAlloc(long a) { return (a + ALLOC_PAGE - 1) & -ALLOC_PAGE; }

    public static long truncAlloc(long a) { return a & -ALLOC_PAGE; }

    /** Applies every rule up to address-space allocation; the halt sled gap is {@link #checkHaltSled()}. */
    public static NexeLayout of(ElfImage image) throws LoadException {
        List<ProgramHeader> loaded = new ArrayList<>();
        EnumSet<PhdrRule> seen = EnumSet.noneOf(PhdrRule.class);
        long maxVaddr = TEXT_START, staticTextEnd = 0, rodataStart = 0, rodataEnd = 0, dataStart = 0, dataEnd = 0;
        for (ProgramHeader p : image.phdrs()) {
            if (p.memsz() == 0) continue;
            PhdrRule rule = PhdrRule.match(p);
            if (rule == null) {
                throw new LoadException(LoadError.BAD_SEGMENT, "segment " + p.index() + ": type " + p.typeName() + " flags 0x" + Long.toHexString(p.flags()));
            }
            if (!seen.add(rule)) {
                throw new LoadException(LoadError.DUP_SEGMENT, "segment " + p.index() + ": second " + rule + " segment");
            }
            if (rule.role == PhdrRule.Role.IGNORE) continue;
            if (rule.role == PhdrRule.Role.TEXT && p.vaddr() != TEXT_START) {
                throw new LoadException(LoadError.SEGMENT_BAD_LOC, String.format("segment %d: text p_vaddr 0x%x, expected 0x20000", p.index(), p.vaddr()));
            }
            if (p.vaddr() < TEXT_START) {
                throw new LoadException(LoadError.SEGMENT_OUTSIDE_ADDRSPACE, String.format("segment %d: p_vaddr 0x%x below 0x20000", p.index(), p.vaddr()));
            }
            if (p.vaddr() + p.memsz() > ADDRESS_SPACE_END) {
                throw new LoadException(LoadError.SEGMENT_OUTSIDE_ADDRSPACE, String.format("segment %d: ends at 0x%x, beyond 4 GiB", p.index(), p.memEnd()));
            }
            if (p.filesz() > p.memsz()) {
                throw new LoadException(LoadError.SEGMENT_BAD_PARAM, String.format("segment %d: p_filesz 0x%x > p_memsz 0x%x", p.index(), p.filesz(), p.memsz()));
            }
            loaded.add(p);
            maxVaddr = Math.max(maxVaddr, p.memEnd());
            switch (rule.role) {
                case TEXT -> staticTextEnd = TEXT_START + p.filesz();
                case RODATA -> { rodataStart = p.vaddr(); rodataEnd = p.memEnd(); }
                case DATA -> { dataStart = p.vaddr(); dataEnd = p.memEnd(); }
                default -> { }
            }
        }
        if (!seen.contains(PhdrRule.TEXT)) {
            throw new LoadException(LoadError.REQUIRED_SEG_MISSING, "no PT_LOAD segment with flags R+X and p_memsz > 0");
        }
        if (dataStart == 0) {
            // No data: make room for the halt sled when nothing follows text, then round (NaClAppLoadFileAslr).
            if (rodataStart == 0 && roundAlloc(maxVaddr) - maxVaddr < HALT_SLED_SIZE) maxVaddr += ALLOC_PAGE;
            maxVaddr = roundAlloc(maxVaddr);
        }
        NexeLayout l = new NexeLayout(image, loaded, staticTextEnd, rodataStart, rodataEnd, dataStart, dataEnd, maxVaddr, image.entry());
        l.checkEntry();
        l.checkSanity();
        if (roundAlloc(maxVaddr) > STACK_START) {
            throw new LoadException(LoadError.DATA_OVERLAPS_STACK_SECTION, String.format("end of data 0x%x above stack start 0x%x", roundAlloc(maxVaddr), STACK_START));
        }
        return l;
    }

    /** {@code NaClAddrIsValidEntryPt}: 32-byte aligned and below the unpadded end of static text. */
    private void checkEntry() throws LoadException {
        if ((entry & (BUNDLE_SIZE - 1)) != 0 || entry >= staticTextEnd) {
            throw new LoadException(LoadError.BAD_ENTRY, String.format("e_entry 0x%x (text ends at 0x%x; must be 32-byte aligned)", entry, staticTextEnd));
        }
    }

    /** {@code NaClCheckAddressSpaceLayoutSanity}, in its order. */
    private void checkSanity() throws LoadException {
        if (dataStart != 0) {
            if (dataSegmentEnd != breakAddr) {
                throw new LoadException(LoadError.DATA_NOT_LAST_SEGMENT, String.format("data ends at 0x%x, another segment at 0x%x", dataSegmentEnd, breakAddr));
            }
        } else if (rodataStart != 0 && roundAlloc(rodataEnd) != breakAddr) {
            throw new LoadException(LoadError.NO_DATA_BUT_RODATA_NOT_LAST_SEGMENT, String.format("rodata ends at 0x%x, another segment ends at 0x%x", rodataEnd, breakAddr));
        }
        if (rodataStart != 0 && dataStart != 0 && rodataEnd > truncAlloc(dataStart)) {
            throw new LoadException(LoadError.RODATA_OVERLAPS_DATA, String.format("rodata ends at 0x%x, data page starts at 0x%x", rodataEnd, truncAlloc(dataStart)));
        }
        if (rodataStart != 0) {
            if (roundAlloc(staticTextEnd) > rodataStart) {
                throw new LoadException(LoadError.TEXT_OVERLAPS_RODATA, String.format("text ends at 0x%x, rodata starts at 0x%x", staticTextEnd, rodataStart));
            }
        } else if (dataStart != 0 && roundAlloc(staticTextEnd) > truncAlloc(dataStart)) {
            throw new LoadException(LoadError.TEXT_OVERLAPS_DATA, String.format("text ends at 0x%x, data page starts at 0x%x", staticTextEnd, truncAlloc(dataStart)));
        }
        if (rodataStart != 0 && roundAlloc(rodataStart) != rodataStart) {
            throw new LoadException(LoadError.BAD_RODATA_ALIGNMENT, String.format("rodata p_vaddr 0x%x is not 64 KiB aligned", rodataStart));
        }
    }

    /** Largest dynamic-text region sel_ldr can map: its shm mapping must stay within INT32_MAX. */
    public static final long MAX_DYNAMIC_TEXT = 0x7FFF0000L;

    /**
     * {@code NaClMakeDynamicTextShared}, after the segments were read: sel_ldr aborts when the
     * region is over {@link #MAX_DYNAMIC_TEXT} bytes; jnbox refuses the nexe instead.
     */
    public void checkDynamicText() throws LoadException {
        if (dynamicTextEnd() - dynamicTextStart() > MAX_DYNAMIC_TEXT) {
            throw new LoadException(LoadError.DYNAMIC_TEXT_TOO_LARGE, String.format("dynamic text [0x%x, 0x%x) is over 0x%x bytes",
                    dynamicTextStart(), dynamicTextEnd(), MAX_DYNAMIC_TEXT));
        }
    }

    /**
     * {@code NaClFillEndOfTextRegion}: at least 32 bytes (the halt sled) between text end and
     * rodata / the data page. sel_ldr aborts here (LOG_FATAL) after the segments were read; jnbox
     * refuses the nexe instead.
     */
    public void checkHaltSled() throws LoadException {
        if (dataStart != 0 && staticTextEnd + HALT_SLED_SIZE > truncAlloc(dataStart)) {
            throw new LoadException(LoadError.MISSING_HALT_SLED_GAP_DATA, String.format("text ends at 0x%x, data page starts at 0x%x", staticTextEnd, truncAlloc(dataStart)));
        }
        if (rodataStart != 0 && staticTextEnd + HALT_SLED_SIZE > rodataStart) {
            throw new LoadException(LoadError.MISSING_HALT_SLED_GAP_RODATA, String.format("text ends at 0x%x, rodata starts at 0x%x", staticTextEnd, rodataStart));
        }
    }

    /** {@code NaClMakeDynamicTextShared}: round64K(end of text). */
    public long dynamicTextStart() { return roundAlloc(staticTextEnd); }

    /** rodata start, else the data page, else empty (= start). */
    public long dynamicTextEnd() {
        if (rodataStart != 0) return rodataStart;
        if (dataStart != 0) return truncAlloc(dataStart);
        return dynamicTextStart();
    }

    /**
     * End of the HLT-padded static text, sel_ldr's final {@code static_text_end}: the 64 KiB
     * boundary when a dynamic-text region exists, else round64K(end + 32) so a full halt sled fits.
     */
    public long paddedTextEnd() {
        return dynamicTextEnd() > dynamicTextStart() ? roundAlloc(staticTextEnd) : roundAlloc(staticTextEnd + HALT_SLED_SIZE);
    }

    /** Rodata mapping end: the data page, or round64K(break) when there is no data. */
    public long rodataRegionEnd() { return dataStart != 0 ? truncAlloc(dataStart) : roundAlloc(breakAddr); }

    public long dataRegionStart() { return truncAlloc(dataStart); }

    public long dataRegionEnd() { return roundAlloc(breakAddr); }

    public boolean hasRodata() { return rodataStart != 0; }

    public boolean hasData() { return dataStart != 0; }
}
