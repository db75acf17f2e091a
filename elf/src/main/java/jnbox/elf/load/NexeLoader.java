package jnbox.elf.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jnbox.elf.image.ElfImage;
import jnbox.elf.image.ImageSource;
import jnbox.elf.image.LoadError;
import jnbox.elf.image.LoadException;
import jnbox.elf.image.ProgramHeader;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;

/**
 * Loads a nexe into a fresh {@link SandboxMemory} as sel_ldr's {@code NaClAppLoadFileAslr} does
 * (spec/nacl-abi.md §1–2), in its order: header and program headers, layout rules, segment bytes,
 * halt padding, validation, trampolines, final protections, stack.
 *
 * <p>Memory after a load: [0, 0x10000) unmapped; [0x10000, 0x20000) trampolines, READ only (see
 * {@link MemoryRegion}); static text R+X, HLT-padded to its final end; the dynamic-text region
 * unmapped until dyncode fills it; rodata R; data+bss RW (zero beyond p_filesz); the stack
 * [0xFF000000, 2^32) RW. Segment bytes are copied as sel_ldr's pread path copies them: file bytes
 * [trunc64K(p_offset), p_offset+p_filesz) to trunc64K(p_vaddr).
 *
 * <p>Where sel_ldr would crash on a hostile file, jnbox refuses it instead: a halt-sled gap below
 * 32 bytes ({@link LoadError#MISSING_HALT_SLED_GAP_RODATA}), a dynamic-text region over 2 GiB
 * ({@link LoadError#DYNAMIC_TEXT_TOO_LARGE}), segment bytes that would be written
 * past the image ({@link LoadError#SEGMENT_BAD_PARAM}), and an image larger than the memory limit
 * ({@link LoadError#NO_MEMORY}; pages are allocated when mapped).
 */
public final class NexeLoader {
    private static final int COPY_CHUNK = 64 * 1024;
    private static final byte HLT = (byte) 0xF4;

    private final TextValidator validator;
    private final ValidationMode mode;
    private final long memoryLimit;

    /** @param validator used unless {@code mode} is SKIP (then it may be null) */
    public NexeLoader(TextValidator validator, ValidationMode mode) {
        this(validator, mode, Runtime.getRuntime().maxMemory() / 2);
    }

    /** @param memoryLimit most bytes of pages a load may map (text, rodata, data, stack) */
    public NexeLoader(TextValidator validator, ValidationMode mode, long memoryLimit) {
        if (validator == null && mode != ValidationMode.SKIP) throw new IllegalArgumentException("validator required unless SKIP");
        this.validator = validator;
        this.mode = mode;
        this.memoryLimit = memoryLimit;
    }

    /** Opens and loads a host file; "Cannot open NaCl module file" when it cannot be opened. */
    public LoadedNexe load(Path file, SandboxMemory mem) throws LoadException {
        ImageSource src;
        try {
            src = ImageSource.open(file);
        } catch (IOException | RuntimeException e) {
            throw new LoadException(LoadError.OPEN_ERROR, e.getMessage());
        }
        try (src) {
            return load(src, mem);
        } catch (IOException e) {
            throw new LoadException(LoadError.READ_ERROR, e.getMessage());
        }
    }

    /** Loads into {@code mem}, which must have nothing mapped yet. */
    public LoadedNexe load(ImageSource src, SandboxMemory mem) throws LoadException {
        ElfImage image = ElfImage.parse(src);
        NexeLayout l = NexeLayout.of(image);
        checkSegmentBytes(src, l);
        checkMemory(l);

        long textEnd = l.paddedTextEnd();
        List<MemoryRegion> regions = regions(l);
        for (MemoryRegion r : regions) {
            if (holdsImage(r)) mem.map(r.start(), r.size(), Prot.RW);
        }
        for (ProgramHeader p : l.loaded()) copySegment(src, p, regions, mem);

        l.checkDynamicText();
        l.checkHaltSled();
        mem.fill(l.staticTextEnd(), textEnd - l.staticTextEnd(), HLT);
        List<String> problems = validate(l, mem);

        mem.poke(NexeLayout.TRAMPOLINE_START, Trampolines.region(), 0, Trampolines.REGION_SIZE);
        for (MemoryRegion r : regions) {
            switch (r.kind()) {
                // READ only, not R+X: the engines report a fetch here as a syscall exit (Engine).
                case TRAMPOLINES -> mem.protect(r.start(), r.size(), Prot.READ);
                case TEXT, RODATA, DATA -> mem.protect(r.start(), r.size(), r.prot());
                case STACK -> mem.map(r.start(), r.size(), Prot.RW);
                default -> { }
            }
        }
        return new LoadedNexe(l, l.entry(), textEnd, l.dynamicTextStart(), l.dynamicTextEnd(), l.rodataStart(),
                l.dataStart(), l.breakAddr(), NexeLayout.STACK_START, NexeLayout.ADDRESS_SPACE_END,
                NexeLayout.INITIAL_STACK_TOP, regions, mode == ValidationMode.ENFORCE || (mode == ValidationMode.IGNORE_RESULT && problems.isEmpty()),
                problems);
    }

    /**
     * The regions sel_ldr makes writable for loading, [0x10000, round64K(break)), less the dynamic
     * text region (replaced by fresh memory after loading, so bytes copied there are dropped).
     */
    private static boolean holdsImage(MemoryRegion r) {
        return switch (r.kind()) {
            case TRAMPOLINES, TEXT, RODATA, DATA -> true;
            case NULL_GUARD, DYNAMIC_TEXT, STACK -> false;
        };
    }

    /** The fixed mappings sel_ldr's NaClMemoryProtection makes for this layout, in address order. */
    static List<MemoryRegion> regions(NexeLayout l) {
        List<MemoryRegion> r = new ArrayList<>();
        r.add(new MemoryRegion(MemoryRegion.Kind.NULL_GUARD, 0, NexeLayout.TRAMPOLINE_START, Prot.NONE));
        r.add(new MemoryRegion(MemoryRegion.Kind.TRAMPOLINES, NexeLayout.TRAMPOLINE_START, NexeLayout.TEXT_START, Prot.RX));
        long textEnd = l.paddedTextEnd();
        r.add(new MemoryRegion(MemoryRegion.Kind.TEXT, NexeLayout.TEXT_START, textEnd, Prot.RX));
        if (l.dynamicTextEnd() > l.dynamicTextStart()) {
            r.add(new MemoryRegion(MemoryRegion.Kind.DYNAMIC_TEXT, l.dynamicTextStart(), l.dynamicTextEnd(), Prot.RX));
        }
        if (l.hasRodata()) r.add(new MemoryRegion(MemoryRegion.Kind.RODATA, l.rodataStart(), l.rodataRegionEnd(), Prot.READ));
        if (l.hasData()) {
            r.add(new MemoryRegion(MemoryRegion.Kind.DATA, l.dataRegionStart(), l.dataRegionEnd(), Prot.RW));
        } else if (!l.hasRodata() && l.dataRegionEnd() > textEnd) {
            // Text p_memsz > p_filesz with nothing after it: sel_ldr leaves these pages RW from loading.
            r.add(new MemoryRegion(MemoryRegion.Kind.DATA, textEnd, l.dataRegionEnd(), Prot.RW));
        }
        r.add(new MemoryRegion(MemoryRegion.Kind.STACK, NexeLayout.STACK_START, NexeLayout.ADDRESS_SPACE_END, Prot.RW));
        return r;
    }

    /**
     * sel_ldr's pread of each segment fails with "segment header parameter error" on a short read.
     * Checked before anything is allocated, so a hostile p_filesz costs nothing. The copy must also
     * stay inside the image sel_ldr made writable, [0x10000, round64K(break)).
     */
    private static void checkSegmentBytes(ImageSource src, NexeLayout l) throws LoadException {
        for (ProgramHeader p : l.loaded()) {
            if (p.filesz() == 0) continue;
            long from = NexeLayout.truncAlloc(p.offset()), len = p.offset() + p.filesz() - from;
            if (from + len > src.size()) {
                throw new LoadException(LoadError.SEGMENT_BAD_PARAM, String.format(
                        "segment %d: file bytes [0x%x, 0x%x) past end of file (0x%x bytes)", p.index(), from, from + len, src.size()));
            }
            long to = NexeLayout.truncAlloc(p.vaddr());
            if (to + len > l.dataRegionEnd()) {
                throw new LoadException(LoadError.SEGMENT_BAD_PARAM, String.format(
                        "segment %d: p_offset 0x%x and p_vaddr 0x%x differ modulo 64 KiB; bytes would land past 0x%x", p.index(), p.offset(), p.vaddr(), l.dataRegionEnd()));
            }
        }
    }

    private void checkMemory(NexeLayout l) throws LoadException {
        long bytes = 0;
        for (MemoryRegion r : regions(l)) {
            if (holdsImage(r) || r.kind() == MemoryRegion.Kind.STACK) bytes += r.size();
        }
        if (bytes > memoryLimit || l.paddedTextEnd() - NexeLayout.TEXT_START > Integer.MAX_VALUE - 64) {
            throw new LoadException(LoadError.NO_MEMORY, String.format("image needs 0x%x bytes of pages, limit 0x%x", bytes, memoryLimit));
        }
    }

    /** Copies file bytes into the parts of the destination that are mapped (text, rodata, data). */
    private static void copySegment(ImageSource src, ProgramHeader p, List<MemoryRegion> regions, SandboxMemory mem) throws LoadException {
        if (p.filesz() == 0) return;
        long from = NexeLayout.truncAlloc(p.offset()), len = p.offset() + p.filesz() - from;
        long to = NexeLayout.truncAlloc(p.vaddr());
        byte[] buf = new byte[(int) Math.min(COPY_CHUNK, len)];
        for (long done = 0; done < len; ) {
            int n = (int) Math.min(buf.length, len - done);
            try {
                if (!src.readFully(from + done, buf, 0, n)) throw new LoadException(LoadError.SEGMENT_BAD_PARAM, "segment " + p.index() + ": short read");
            } catch (IOException e) {
                throw new LoadException(LoadError.SEGMENT_BAD_PARAM, "segment " + p.index() + ": " + e.getMessage());
            }
            long a = to + done;
            for (MemoryRegion r : regions) {
                long s = Math.max(a, r.start()), e = Math.min(a + n, r.end());
                if (holdsImage(r) && s < e) mem.poke(s, buf, (int) (s - a), (int) (e - s));
            }
            done += n;
        }
    }

    /** {@code NaClValidateImage}: [0x20000, padded text end) as it sits in memory. */
    private List<String> validate(NexeLayout l, SandboxMemory mem) throws LoadException {
        if (mode == ValidationMode.SKIP) return List.of();
        long start = NexeLayout.TEXT_START;
        byte[] code = new byte[(int) (l.paddedTextEnd() - start)];
        mem.peek(start, code, 0, code.length);
        TextValidator.Verdict v = validator.validate(start, code);
        if (!v.valid() && mode == ValidationMode.ENFORCE) {
            throw new LoadException(LoadError.VALIDATION_FAILED, v.problems().size() + " problem(s) in text", v.problems());
        }
        if (v.rewritten() != null) {
            if (v.rewritten().length != code.length) throw new IllegalStateException("validator rewrote text to a different length");
            mem.poke(start, v.rewritten(), 0, code.length);
        }
        return v.problems();
    }
}
