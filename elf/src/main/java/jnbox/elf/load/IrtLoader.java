package jnbox.elf.load;

import java.io.IOException;
import java.nio.file.Path;
import jnbox.elf.image.ElfImage;
import jnbox.elf.image.ImageSource;
import jnbox.elf.image.LoadError;
import jnbox.elf.image.LoadException;
import jnbox.elf.image.ProgramHeader;
import jnbox.emu.mem.SandboxMemory;

/**
 * Loads the IRT image given with {@code -B} into a loaded nexe's address space, as sel_ldr's
 * {@code NaClAppLoadFileDynamically} does (spec/nacl-abi.md §1.5): the ELF header checks of a
 * nexe, no program header rules; every PT_LOAD with PF_X goes in through dyncode_create, every
 * other PT_LOAD through an anonymous mmap at its address, filled from the file, made read-only
 * without PF_W. Sizes are computed in 32-bit arithmetic, as sel_ldr's Elf32 fields are.
 * sel_ldr prints a failure as {@code Error while loading "IRT": MESSAGE} with no hint lines.
 */
public final class IrtLoader {
    private static final long U32 = 0xFFFF_FFFFL;
    private static final int COPY_CHUNK = 64 * 1024;

    /**
     * @param entry     the IRT's entry point, where the main thread starts (rip)
     * @param userEntry the nexe's entry, which the IRT's startup calls (AT_ENTRY, §3.1)
     */
    public record LoadedIrt(ElfImage image, long entry, long userEntry) {}

    private IrtLoader() {}

    public static LoadedIrt load(Path file, LoadedNexe nexe, SandboxMemory mem, IrtHost host) throws LoadException {
        ImageSource src;
        try {
            src = ImageSource.open(file);
        } catch (IOException | RuntimeException e) {
            throw new LoadException(LoadError.OPEN_ERROR, e.getMessage());
        }
        try (src) {
            return load(src, nexe, mem, host);
        } catch (IOException e) {
            throw new LoadException(LoadError.READ_ERROR, e.getMessage());
        }
    }

    public static LoadedIrt load(ImageSource src, LoadedNexe nexe, SandboxMemory mem, IrtHost host) throws LoadException {
        ElfImage image = ElfImage.parse(src);
        for (ProgramHeader p : image.phdrs()) {
            long vaddr = NexeLayout.truncAlloc(p.vaddr()), offset = NexeLayout.truncAlloc(p.offset());
            long filesz = (p.offset() + p.filesz() - offset) & U32, memsz = (p.offset() + p.memsz() - offset) & U32;
            if (filesz > memsz) {
                throw new LoadException(LoadError.UNLOADABLE, String.format("segment %d: file size 0x%x > memory size 0x%x", p.index(), filesz, memsz));
            }
            if (p.type() != ProgramHeader.PT_LOAD) continue;
            if ((p.flags() & ProgramHeader.PF_X) != 0) {
                loadCode(src, p, vaddr, offset, filesz, host);
            } else {
                loadData(src, p, vaddr, offset, filesz, memsz, mem, host);
            }
        }
        long entry = image.entry();
        if ((entry & (NexeLayout.BUNDLE_SIZE - 1)) != 0 || entry >= nexe.dynamicTextEnd()) {
            throw new LoadException(LoadError.BAD_ENTRY, String.format("IRT entry 0x%x (dynamic text ends at 0x%x)", entry, nexe.dynamicTextEnd()));
        }
        return new LoadedIrt(image, entry, nexe.entry());
    }

    private static void loadCode(ImageSource src, ProgramHeader p, long vaddr, long offset, long filesz, IrtHost host) throws LoadException {
        if (offset + filesz > src.size()) {
            throw new LoadException(LoadError.READ_ERROR, String.format("segment %d: code [0x%x, 0x%x) past end of file", p.index(), offset, offset + filesz));
        }
        if (filesz > Integer.MAX_VALUE - 64) throw new LoadException(LoadError.NO_MEMORY, "segment " + p.index() + ": code too large");
        byte[] code = new byte[(int) filesz];
        read(src, offset, code, code.length, p);
        int rc = host.dyncodeCreate(vaddr, code);
        if (rc != 0) {
            throw new LoadException(LoadError.UNLOADABLE, String.format("segment %d: dyncode_create(0x%x, 0x%x bytes) = %d", p.index(), vaddr, filesz, rc));
        }
    }

    private static void loadData(ImageSource src, ProgramHeader p, long vaddr, long offset, long filesz, long memsz,
                                 SandboxMemory mem, IrtHost host) throws LoadException {
        long size = NexeLayout.roundAlloc(memsz);
        long got = host.mmapAnonymous(vaddr, size);
        if (got != vaddr) {
            throw new LoadException(LoadError.UNLOADABLE, String.format("segment %d: mmap(0x%x, 0x%x) = 0x%x", p.index(), vaddr, size, got));
        }
        byte[] buf = new byte[(int) Math.min(COPY_CHUNK, Math.max(filesz, 1))];
        for (long done = 0; done < filesz; ) {
            int n = (int) Math.min(buf.length, filesz - done);
            read(src, offset + done, buf, n, p);
            mem.poke(vaddr + done, buf, 0, n);
            done += n;
        }
        if ((p.flags() & ProgramHeader.PF_W) == 0 && host.mprotectReadOnly(vaddr, size) != 0) {
            throw new LoadException(LoadError.MPROTECT_FAIL, String.format("segment %d: mprotect(0x%x, 0x%x, PROT_READ)", p.index(), vaddr, size));
        }
    }

    private static void read(ImageSource src, long pos, byte[] buf, int n, ProgramHeader p) throws LoadException {
        try {
            if (src.readFully(pos, buf, 0, n)) return;
        } catch (IOException e) {
            throw new LoadException(LoadError.READ_ERROR, "segment " + p.index() + ": " + e.getMessage());
        }
        throw new LoadException(LoadError.READ_ERROR, String.format("segment %d: bytes at 0x%x past end of file", p.index(), pos));
    }
}
