package jnbox.elf.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import jnbox.elf.image.ElfBuilder;
import jnbox.elf.image.LoadError;
import jnbox.elf.image.LoadException;
import jnbox.elf.validate.Validator;
import jnbox.emu.mem.GuestFault;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The address space after a load (spec/nacl-abi.md §2) and the validation hook (§1.3). */
class NexeLoaderTest {
    private static final long B = SandboxMemory.BASE;
    private static final NexeLoader NO_VALIDATION = new NexeLoader(null, ValidationMode.SKIP);

    private static ElfBuilder withRodataAndData() {
        ElfBuilder b = new ElfBuilder().rodata(0x30000, 0x20, 0x20).data(0x40020, 0x20, 0x200);
        return b;
    }

    @Test
    void validatorSeesTheHaltPaddedTextAt0x20000() throws Exception {
        List<byte[]> seen = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        NexeLoader loader = new NexeLoader((addr, code) -> {
            at.add(addr);
            seen.add(code.clone());
            return TextValidator.Verdict.VALID;
        }, ValidationMode.ENFORCE);
        LoadedNexe n = loader.load(new ElfBuilder().source(), new SandboxMemory());
        assertThat(at).containsExactly(0x20000L);
        byte[] expected = new byte[0x10000];
        Arrays.fill(expected, (byte) 0xF4);
        System.arraycopy(ElfBuilder.VALID_CODE, 0, expected, 0, ElfBuilder.VALID_CODE.length);
        assertThat(seen.get(0)).isEqualTo(expected);
        assertThat(n.validated()).isTrue();
        assertThat(n.staticTextEnd()).isEqualTo(0x30000);
    }

    @Test
    void addressSpaceAfterLoad() throws Exception {
        SandboxMemory m = new SandboxMemory();
        LoadedNexe n = NO_VALIDATION.load(withRodataAndData().source(), m);

        assertThat(n.entry()).isEqualTo(0x20000);
        assertThat(n.staticTextEnd()).isEqualTo(0x30000);
        assertThat(n.dynamicTextStart()).isEqualTo(0x30000);
        assertThat(n.dynamicTextEnd()).isEqualTo(0x30000);
        assertThat(n.rodataStart()).isEqualTo(0x30000);
        assertThat(n.dataStart()).isEqualTo(0x40020);
        assertThat(n.initialBreak()).isEqualTo(0x40220);
        assertThat(n.stackStart()).isEqualTo(0xFF000000L);
        assertThat(n.stackEnd()).isEqualTo(0x1_0000_0000L);
        assertThat(n.initialStackTop()).isEqualTo(0xFFFF0000L);

        // 0-64 KiB: nothing.
        assertThat(m.isMapped(0)).isFalse();
        assertThat(m.isMapped(0xFFFF)).isFalse();
        assertThatThrownBy(() -> m.read8(B)).isInstanceOf(GuestFault.class);
        // Trampolines: readable, not executable, not writable.
        assertThat(m.protOf(0x10000)).isEqualTo(Prot.READ);
        assertThat(m.protOf(0x1FFFF)).isEqualTo(Prot.READ);
        assertThatThrownBy(() -> m.fetch8(B + 0x103C0)).isInstanceOf(GuestFault.class);
        assertThatThrownBy(() -> m.write8(B + 0x10000, (byte) 0)).isInstanceOf(GuestFault.class);
        // Text: R+X, guest writes fault; HLT padding to the 64 KiB boundary.
        assertThat(m.protOf(0x20000)).isEqualTo(Prot.RX);
        assertThat(m.fetch8(B + 0x20000)).isEqualTo((byte) 0x31);
        assertThat(m.read8(B + 0x20040)).isEqualTo((byte) 0xF4);
        assertThat(m.read8(B + 0x2FFFF)).isEqualTo((byte) 0xF4);
        GuestFault wf = catchFault(() -> m.write8(B + 0x20000, (byte) 0x90));
        assertThat(wf.kind()).isEqualTo(GuestFault.Kind.WRITE);
        assertThat(wf.signal()).isEqualTo(GuestFault.SIGSEGV);
        // Rodata: R only.
        assertThat(m.protOf(0x30000)).isEqualTo(Prot.READ);
        assertThat(m.read8(B + 0x30000)).isEqualTo((byte) 0x31); // p_offset 0x10000: the text page's bytes
        assertThat(catchFault(() -> m.write8(B + 0x30000, (byte) 0)).kind()).isEqualTo(GuestFault.Kind.WRITE);
        assertThat(catchFault(() -> m.fetch8(B + 0x30000)).kind()).isEqualTo(GuestFault.Kind.EXEC);
        // Data: [0x40000, 0x50000) RW, file bytes from p_offset 0x10020 at 0x40020, zero beyond p_filesz.
        assertThat(m.protOf(0x40000)).isEqualTo(Prot.RW);
        assertThat(m.protOf(0x4FFFF)).isEqualTo(Prot.RW);
        assertThat(m.read8(B + 0x40020)).isEqualTo((byte) 0xF4);
        assertThat(m.read8(B + 0x40000)).isEqualTo((byte) 0x31); // trunc64K copy brings the page head along
        assertThat(m.read64(B + 0x40040)).isZero();
        assertThat(m.read64(B + 0x4FFF8)).isZero();
        m.write64(B + 0x40100, -1L);
        assertThat(catchFault(() -> m.fetch8(B + 0x40020)).kind()).isEqualTo(GuestFault.Kind.EXEC);
        // Hole and stack.
        assertThat(m.isMapped(0x50000)).isFalse();
        assertThat(m.isMapped(0xFEFFFFFFL)).isFalse();
        assertThat(m.protOf(0xFF000000L)).isEqualTo(Prot.RW);
        m.write64(B + 0xFFFFFFF8L, 42);
        assertThat(m.read64(B + 0xFFFFFFF8L)).isEqualTo(42);
        assertThatThrownBy(() -> m.read8(B + 0x1_0000_0000L)).isInstanceOf(GuestFault.class);

        assertThat(n.describeMemory()).isEqualTo("""
                00000000-00010000 PROT_NONE       null_guard
                00010000-00020000 PROT_READ|PROT_EXEC trampolines
                00020000-00030000 PROT_READ|PROT_EXEC text
                00030000-00040000 PROT_READ       rodata
                00040000-00050000 PROT_READ|PROT_WRITE data
                ff000000-100000000 PROT_READ|PROT_WRITE stack
                """);
    }

    @Test
    void trampolineBytesAreSelLdrs() throws Exception {
        SandboxMemory m = new SandboxMemory();
        NO_VALIDATION.load(new ElfBuilder().source(), m);
        byte[] slot = new byte[32];
        m.peek(0x10020, slot, 0, 32);
        // GNU as: movl $0x10020,-0x8(%rsp); movabs $0xfffffff000,%rax; jmp *(%rax); hlt
        assertThat(HexFormat.of().formatHex(slot))
                .isEqualTo("c74424f820000100" + "48b800f0ffffff000000" + "ff20f4" + "f4".repeat(11));
        m.peek(0x10000 + 32 * 84, slot, 0, 32);
        assertThat(HexFormat.of().formatHex(slot, 8, 18)).isEqualTo("48b808f0ffffff000000"); // tls_get fast path cell
        m.peek(0x1FFE0, slot, 0, 32);
        assertThat(HexFormat.of().formatHex(slot)).isEqualTo("f4".repeat(32)); // slot 2047 stays HLT
    }

    @Test
    void dynamicTextRegionIsReservedButUnmapped() throws Exception {
        SandboxMemory m = new SandboxMemory();
        LoadedNexe n = NO_VALIDATION.load(new ElfBuilder().rodata(0x100000, 8, 8).source(), m);
        assertThat(n.dynamicTextStart()).isEqualTo(0x30000);
        assertThat(n.dynamicTextEnd()).isEqualTo(0x100000);
        assertThat(n.hasDynamicText()).isTrue();
        assertThat(m.isMapped(0x30000)).isFalse();
        assertThat(catchFault(() -> m.fetch8(B + 0x30000)).kind()).isEqualTo(GuestFault.Kind.EXEC);
        assertThat(n.regions()).extracting(MemoryRegion::kind).containsExactly(MemoryRegion.Kind.NULL_GUARD,
                MemoryRegion.Kind.TRAMPOLINES, MemoryRegion.Kind.TEXT, MemoryRegion.Kind.DYNAMIC_TEXT,
                MemoryRegion.Kind.RODATA, MemoryRegion.Kind.STACK);
    }

    @Test
    void validationFailureCarriesTheProblems() {
        NexeLoader loader = new NexeLoader((addr, code) -> new TextValidator.Verdict(List.of("20000: bad", "20020: worse"), null), ValidationMode.ENFORCE);
        SandboxMemory m = new SandboxMemory();
        LoadException e = catchLoad(() -> loader.load(new ElfBuilder().source(), m));
        assertThat(e.error()).isEqualTo(LoadError.VALIDATION_FAILED);
        assertThat(e.getMessage()).isEqualTo("Validation failure. File violates Native Client safety rules.");
        assertThat(e.problems()).containsExactly("20000: bad", "20020: worse");
    }

    @Test
    void ignoredValidationFailureStillLoads() throws Exception {
        NexeLoader loader = new NexeLoader((addr, code) -> new TextValidator.Verdict(List.of("20000: bad"), null), ValidationMode.IGNORE_RESULT);
        LoadedNexe n = loader.load(new ElfBuilder().source(), new SandboxMemory());
        assertThat(n.validated()).isFalse();
        assertThat(n.validationProblems()).containsExactly("20000: bad");
    }

    @Test
    void skippedValidationNeverCallsTheValidator() throws Exception {
        NexeLoader loader = new NexeLoader((addr, code) -> { throw new AssertionError("called"); }, ValidationMode.SKIP);
        assertThat(loader.load(new ElfBuilder().source(), new SandboxMemory()).validated()).isFalse();
    }

    @Test
    void rewrittenTextIsInstalled() throws Exception {
        NexeLoader loader = new NexeLoader((addr, code) -> {
            byte[] r = code.clone();
            r[0] = (byte) 0xF4;
            return new TextValidator.Verdict(List.of(), r);
        }, ValidationMode.ENFORCE);
        SandboxMemory m = new SandboxMemory();
        loader.load(new ElfBuilder().source(), m);
        assertThat(m.read8(B + 0x20000)).isEqualTo((byte) 0xF4);
    }

    @Test
    void segmentPastEndOfFileAllocatesNothing() {
        ElfBuilder b = new ElfBuilder().data(0x40000, 0xFFFF0000L, 0xFFFF0000L - 0x40000 + 0x1000);
        b.phdrs.set(1, new ElfBuilder.Phdr(1, 6, 0x10000, 0x40000, 0x7000_0000L, 0x7000_0000L, 0));
        SandboxMemory m = new SandboxMemory();
        assertThat(catchLoad(() -> NO_VALIDATION.load(b.source(), m)).error()).isEqualTo(LoadError.SEGMENT_BAD_PARAM);
        assertThat(m.isMapped(0x20000)).isFalse();
    }

    @Test
    void imageLargerThanTheMemoryLimitIsRefused() {
        NexeLoader small = new NexeLoader(null, ValidationMode.SKIP, 16 << 20);
        assertThat(catchLoad(() -> small.load(new ElfBuilder().data(0x40000, 0, 0x100000).source(), new SandboxMemory())).error())
                .isEqualTo(LoadError.NO_MEMORY);
    }

    @Test
    void bytesGoWhereSelLdrsPreadPutsThem() throws Exception {
        // p_offset 0x10010 with p_vaddr 0x30000: file [0x10000, 0x10018) lands at 0x30000.
        ElfBuilder b = new ElfBuilder().segment(1, 4, 0x10010, 0x30000, 8, 8);
        SandboxMemory m = new SandboxMemory();
        NO_VALIDATION.load(b.source(), m);
        assertThat(m.read8(B + 0x30000)).isEqualTo(ElfBuilder.VALID_CODE[0]);
        assertThat(m.read8(B + 0x30010)).isEqualTo(ElfBuilder.VALID_CODE[0x10]);
    }

    @Test
    void elf32LoadsLikeElf64() throws Exception {
        ElfBuilder b = ElfBuilder.elf32().rodata(0x30000, 0x20, 0x20).data(0x40020, 0x20, 0x200);
        SandboxMemory m = new SandboxMemory();
        LoadedNexe n = NO_VALIDATION.load(b.source(), m);
        assertThat(n.initialBreak()).isEqualTo(0x40220);
        assertThat(m.protOf(0x40000)).isEqualTo(Prot.RW);
    }

    /** As pepper_28 sel_ldr answers: a directory cannot be opened, /dev/null cannot be read. */
    @Test
    void unopenableAndUnreadableFiles(@TempDir Path dir) {
        assertThat(catchLoad(() -> NO_VALIDATION.load(Path.of("no/such/file.nexe"), new SandboxMemory())).error())
                .isEqualTo(LoadError.OPEN_ERROR);
        assertThat(catchLoad(() -> NO_VALIDATION.load(dir, new SandboxMemory())).error()).isEqualTo(LoadError.OPEN_ERROR);
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/null")));
        assertThat(catchLoad(() -> NO_VALIDATION.load(Path.of("/dev/null"), new SandboxMemory())).error()).isEqualTo(LoadError.READ_ERROR);
    }

    /** corpus newlib/hello_world.nexe: values of MANIFEST.md; sel_ldr runs it, so it validates. */
    @Test
    void corpusHelloWorld() throws Exception {
        Path p = corpus("newlib/hello_world.nexe");
        SandboxMemory m = new SandboxMemory();
        LoadedNexe n = new NexeLoader(TextValidator.nacl(new Validator()), ValidationMode.ENFORCE).load(p, m);
        assertThat(n.entry()).isEqualTo(0x20080);
        assertThat(n.layout().image().header().osAbi()).isEqualTo(123);
        assertThat(n.layout().image().header().abiVersion()).isEqualTo(7);
        assertThat(n.rodataStart()).isEqualTo(0x30000);
        assertThat(n.dataStart()).isEqualTo(0x50000);
        assertThat(n.staticTextEnd()).isEqualTo(0x30000);
        assertThat(n.dynamicTextStart()).isEqualTo(n.dynamicTextEnd());
        assertThat(n.initialBreak()).isEqualTo(0x509d0); // readelf: data 0x50000 + memsz 0x9d0
        assertThat(n.validated()).isTrue();
        byte[] file = Files.readAllBytes(p);
        for (long[] at : new long[][] {{0x20080, 0x20080}, {0x30000, 0x30000}, {0x50000, 0x50000}, {0x50923, 0x50923}}) {
            assertThat(m.read8(B + at[0])).isEqualTo(file[(int) at[1]]);
        }
        assertThat(m.read8(B + 0x50924)).isZero(); // bss
    }

    static Path corpus(String name) {
        Path p = Path.of(System.getProperty("jnbox.shared", "../../shared"), "corpus", name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "corpus file absent: " + p);
        return p;
    }

    static GuestFault catchFault(Runnable r) {
        try {
            r.run();
        } catch (GuestFault f) {
            return f;
        }
        throw new AssertionError("no fault");
    }

    interface Load { Object run() throws LoadException; }

    static LoadException catchLoad(Load r) {
        try {
            r.run();
        } catch (LoadException e) {
            return e;
        }
        throw new AssertionError("loaded");
    }

}
