package jnbox.elf.load;

import jnbox.elf.image.ElfFormatException;
import jnbox.elf.image.ElfImage;
import jnbox.elf.image.ImageSource;
import jnbox.elf.image.LoadException;
import jnbox.emu.mem.SandboxMemory;

/** The text of {@code jnbox inspect}: header, segments, derived layout, memory map and verdict. */
public final class NexeInspector {
    private NexeInspector() {}

    /** Describes {@code src}; the verdict comes from a full load with {@code loader} into scratch memory. */
    public static String describe(ImageSource src, NexeLoader loader) {
        StringBuilder sb = new StringBuilder();
        ElfImage image;
        try {
            image = ElfImage.parse(src);
        } catch (ElfFormatException e) {
            return verdict(sb, e).toString();
        }
        sb.append(image.describe());
        try {
            NexeLayout l = NexeLayout.of(image);
            sb.append(String.format("Layout:%n  entry 0x%x  text [0x20000, 0x%x) padded to 0x%x%n", l.entry(), l.staticTextEnd(), l.paddedTextEnd()));
            sb.append(String.format("  dynamic text [0x%x, 0x%x)%n", l.dynamicTextStart(), l.dynamicTextEnd()));
            if (l.hasRodata()) sb.append(String.format("  rodata [0x%x, 0x%x)%n", l.rodataStart(), l.rodataEnd()));
            if (l.hasData()) sb.append(String.format("  data+bss [0x%x, 0x%x)%n", l.dataStart(), l.dataSegmentEnd()));
            sb.append(String.format("  initial break 0x%x  stack [0x%x, 0x%x)%n", l.breakAddr(), NexeLayout.STACK_START, NexeLayout.ADDRESS_SPACE_END));
            LoadedNexe n = loader.load(src, new SandboxMemory());
            sb.append("Memory map:\n");
            for (MemoryRegion r : n.regions()) sb.append("  ").append(r).append('\n');
            for (String p : n.validationProblems()) sb.append("  validation: ").append(p).append('\n');
            sb.append(n.validated() ? "Verdict: loadable, validated\n" : "Verdict: loadable, NOT validated\n");
        } catch (LoadException e) {
            verdict(sb, e);
        }
        return sb.toString();
    }

    private static StringBuilder verdict(StringBuilder sb, LoadException e) {
        for (String p : e.problems()) sb.append("  validation: ").append(p).append('\n');
        sb.append("Verdict: refused: ").append(e.getMessage());
        if (!e.detail().isEmpty()) sb.append(" (").append(e.detail()).append(')');
        return sb.append('\n');
    }
}
