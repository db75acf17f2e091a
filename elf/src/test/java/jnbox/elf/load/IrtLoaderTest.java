package jnbox.elf.load;

import static jnbox.elf.load.NexeLoaderTest.catchLoad;
import static jnbox.elf.load.NexeLoaderTest.corpus;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jnbox.elf.image.ElfBuilder;
import jnbox.elf.image.LoadError;
import jnbox.elf.validate.Validator;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.Test;

/** {@code -B} IRT loading (spec/nacl-abi.md §1.5) against the corpus IRTs and synthetic images. */
class IrtLoaderTest {
    private static final long B = SandboxMemory.BASE;
    private static final NexeLoader NO_VALIDATION = new NexeLoader(null, ValidationMode.SKIP);

    /**
     * A stand-in for the runtime's dyncode_create and mmap with the checks of spec §4.6–4.7 that
     * matter for an IRT: alignment, the dynamic-text bounds, validation, and no overmapping.
     */
    static final class TestHost implements IrtHost {
        final SandboxMemory mem;
        final LoadedNexe nexe;
        final Validator validator = new Validator();

        TestHost(SandboxMemory mem, LoadedNexe nexe) {
            this.mem = mem;
            this.nexe = nexe;
        }

        @Override
        public int dyncodeCreate(long dest, byte[] code) {
            if (dest % 32 != 0 || code.length % 32 != 0) return -22;
            if (dest < nexe.dynamicTextStart() || dest + code.length > nexe.dynamicTextEnd() - 32) return -14;
            if (code.length == 0) return 0;
            if (!validator.validate(code, 0, code.length, dest, jnbox.elf.validate.Mode.LOADER).valid()) return -22;
            for (long p = NexeLayout.truncAlloc(dest); p < dest + code.length; p += 0x10000) {
                if (!mem.isMapped(p)) {
                    mem.map(p, 0x10000, Prot.RW);
                    mem.fill(p, 0x10000, (byte) 0xF4);
                    mem.protect(p, 0x10000, Prot.RX);
                }
            }
            mem.poke(dest, code, 0, code.length);
            return 0;
        }

        @Override
        public long mmapAnonymous(long hint, long size) {
            for (long a = hint; a < hint + size; a += SandboxMemory.PAGE_SIZE) {
                if (mem.isMapped(a) || a < 0x10000) return -12;
            }
            for (MemoryRegion r : nexe.regions()) {
                if (r.start() < hint + size && hint < r.end()) return -12;
            }
            mem.map(hint, size, Prot.RW);
            return hint;
        }

        @Override
        public int mprotectReadOnly(long addr, long size) {
            mem.protect(addr, size, Prot.READ);
            return 0;
        }
    }

    private static IrtLoader.LoadedIrt loadWithRunnableLd(String irt, SandboxMemory m) throws Exception {
        LoadedNexe ld = NO_VALIDATION.load(corpus("glibc/runnable-ld.so"), m);
        assertThat(ld.dynamicTextStart()).isEqualTo(0x50000);
        assertThat(ld.dynamicTextEnd()).isEqualTo(0x10020000);
        return IrtLoader.load(corpus(irt), ld, m, new TestHost(m, ld));
    }

    @Test
    void pepper49IrtLoadsIntoRunnableLd() throws Exception {
        SandboxMemory m = new SandboxMemory();
        IrtLoader.LoadedIrt irt = loadWithRunnableLd("irt/irt_core_x86_64.pepper49.nexe", m);
        assertThat(irt.entry()).isEqualTo(0xffd0f60);
        assertThat(irt.userEntry()).isEqualTo(0x20be0);
        byte[] file = Files.readAllBytes(corpus("irt/irt_core_x86_64.pepper49.nexe"));
        // readelf: code at file 0x10000 -> 0xffd0000 (R E); rodata file 0 -> 0x3efe0000 (R);
        // data file 0x23c0 -> 0x3eff23c0 (RW), memsz 0x31d0.
        assertThat(m.protOf(0xffd0000)).isEqualTo(Prot.RX);
        assertThat(m.read8(B + 0xffd0f60)).isEqualTo(file[0x10f60]);
        assertThat(m.protOf(0x3efe0000)).isEqualTo(Prot.READ);
        assertThat(m.read8(B + 0x3efe0190)).isEqualTo(file[0x190]);
        assertThat(m.protOf(0x3eff23c0)).isEqualTo(Prot.RW);
        assertThat(m.read8(B + 0x3eff23c0)).isEqualTo(file[0x23c0]);
        assertThat(m.read8(B + 0x3eff23c0 + 0x31d0 - 1)).isZero(); // bss
    }

    @Test
    void pepper28IrtLoadsIntoRunnableLd() throws Exception {
        SandboxMemory m = new SandboxMemory();
        IrtLoader.LoadedIrt irt = loadWithRunnableLd("irt/irt_core_x86_64.pepper28.nexe", m);
        assertThat(irt.entry()).isEqualTo(0xfa00200);
        assertThat(m.protOf(0xfa00000)).isEqualTo(Prot.RX);
        assertThat(m.protOf(0x3ef00000)).isEqualTo(Prot.READ);
        assertThat(m.protOf(0x3ef20000)).isEqualTo(Prot.RW);
    }

    /** MANIFEST.md: sel_ldr -B pepper49 IRT with the 2011 hello_world: "Error during loading", exit 1. */
    @Test
    void helloWorldLeavesNoRoomForTheIrt() throws Exception {
        SandboxMemory m = new SandboxMemory();
        LoadedNexe hello = NO_VALIDATION.load(corpus("newlib/hello_world.nexe"), m);
        Path irt = corpus("irt/irt_core_x86_64.pepper49.nexe");
        var e = catchLoad(() -> IrtLoader.load(irt, hello, m, new TestHost(m, hello)));
        assertThat(e.error()).isEqualTo(LoadError.UNLOADABLE);
        assertThat(e.errorLine("irt/irt_core_x86_64.pepper49.nexe"))
                .isEqualTo("Error while loading \"irt/irt_core_x86_64.pepper49.nexe\": Error during loading");
    }

    private static LoadedNexe nexeWithDynamicText(SandboxMemory m) throws Exception {
        return NO_VALIDATION.load(new ElfBuilder().rodata(0x10000000, 8, 8).source(), m);
    }

    /** An IRT-like image: code at 0x100000 (R+X), data at 0x20000000 (RW). */
    private static ElfBuilder irtImage() {
        ElfBuilder b = new ElfBuilder();
        b.phdrs.clear();
        b.segment(1, 5, 0x10000, 0x100000, 0x40, 0x40);
        b.segment(1, 6, 0x10000, 0x20000000, 0x20, 0x100);
        b.entry = 0x100000;
        return b;
    }

    @Test
    void syntheticIrtAndItsFailures() throws Exception {
        SandboxMemory m = new SandboxMemory();
        LoadedNexe n = nexeWithDynamicText(m);
        IrtLoader.LoadedIrt irt = IrtLoader.load(irtImage().source(), n, m, new TestHost(m, n));
        assertThat(irt.entry()).isEqualTo(0x100000);
        assertThat(m.read8(B + 0x100000)).isEqualTo(ElfBuilder.VALID_CODE[0]);
        assertThat(m.protOf(0x20000000)).isEqualTo(Prot.RW);

        record Case(String what, java.util.function.Consumer<ElfBuilder> change, LoadError error) {}
        for (Case c : new Case[] {
                new Case("entry unaligned", b -> b.entry = 0x100001, LoadError.BAD_ENTRY),
                new Case("entry past dynamic text", b -> b.entry = 0x10000000, LoadError.BAD_ENTRY),
                new Case("ET_DYN", b -> b.type = 3, LoadError.NOT_EXEC),
                new Case("filesz > memsz in any segment", b -> b.segment(4, 4, 0, 0, 0x10, 8), LoadError.UNLOADABLE),
                new Case("code outside dynamic text", b -> b.phdrs.set(0, new ElfBuilder.Phdr(1, 5, 0x10000, 0x10000000, 0x40, 0x40, 0)), LoadError.UNLOADABLE),
                new Case("code size not a bundle multiple", b -> b.phdrs.set(0, new ElfBuilder.Phdr(1, 5, 0x10000, 0x100000, 0x30, 0x40, 0)), LoadError.UNLOADABLE),
                new Case("code past end of file", b -> b.phdrs.set(0, new ElfBuilder.Phdr(1, 5, 0x10000, 0x100000, 0x10000, 0x10000, 0)), LoadError.READ_ERROR),
                new Case("data over the nexe's rodata", b -> b.phdrs.set(1, new ElfBuilder.Phdr(1, 6, 0x10000, 0x10000000, 0x20, 0x20, 0)), LoadError.UNLOADABLE),
                new Case("data past end of file", b -> b.phdrs.set(1, new ElfBuilder.Phdr(1, 4, 0x10000, 0x20000000, 0x100, 0x100, 0)), LoadError.READ_ERROR),
        }) {
            SandboxMemory fresh = new SandboxMemory();
            LoadedNexe nexe = nexeWithDynamicText(fresh);
            ElfBuilder b = irtImage();
            c.change.accept(b);
            assertThat(catchLoad(() -> IrtLoader.load(b.source(), nexe, fresh, new TestHost(fresh, nexe))).error()).as(c.what).isEqualTo(c.error);
        }
    }
}
