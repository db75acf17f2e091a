package jnbox.elf.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import jnbox.elf.image.ElfBuilder;
import jnbox.elf.image.ElfImage;
import jnbox.elf.image.LoadError;
import jnbox.elf.image.LoadException;
import org.junit.jupiter.api.Test;

/**
 * Each rule of spec/nacl-abi.md §1.2–1.3 (sel_ldr's NaClElfImageValidateProgramHeaders and
 * NaClAppLoadFileAslr), and the derived values of §1.3–1.4.
 */
class NexeLayoutTest {
    private static final long PF_R = 4, PF_W = 2, PF_X = 1;

    static NexeLayout layout(ElfBuilder b) throws LoadException {
        return NexeLayout.of(ElfImage.parse(b.source()));
    }

    static LoadError errorOf(Consumer<ElfBuilder> change) {
        ElfBuilder b = new ElfBuilder();
        change.accept(b);
        try {
            NexeLayout l = layout(b);
            l.checkDynamicText();
            l.checkHaltSled();
            return null;
        } catch (LoadException e) {
            return e.error();
        }
    }

    @Test
    void helloWorldShapedLayout() throws Exception {
        // The segments of corpus newlib/hello_world.nexe (MANIFEST.md, readelf).
        ElfBuilder b = new ElfBuilder().text(0x7600).rodata(0x30000, 0x10474, 0x10474).data(0x50000, 0x924, 0x9d0);
        b.entry = 0x20080;
        NexeLayout l = layout(b);
        assertThat(l.staticTextEnd()).isEqualTo(0x27600);
        assertThat(l.rodataStart()).isEqualTo(0x30000);
        assertThat(l.rodataEnd()).isEqualTo(0x40474);
        assertThat(l.dataStart()).isEqualTo(0x50000);
        assertThat(l.breakAddr()).isEqualTo(0x509d0); // unrounded end of bss when there is data
        assertThat(l.dynamicTextStart()).isEqualTo(0x30000);
        assertThat(l.dynamicTextEnd()).isEqualTo(0x30000); // no room: rodata follows directly
        assertThat(l.paddedTextEnd()).isEqualTo(0x30000);
        assertThat(l.rodataRegionEnd()).isEqualTo(0x50000);
        assertThat(l.dataRegionEnd()).isEqualTo(0x60000);
    }

    @Test
    void dynamicTextRegionRunsToRodata() throws Exception {
        // corpus glibc/runnable-ld.so: text 0x30000 long, rodata at 0x10020000.
        NexeLayout l = layout(new ElfBuilder().text(0x30000).rodata(0x10020000, 0x8f98, 0x8f98).data(0x1003f9e0, 0xd3c, 0xf88));
        assertThat(l.dynamicTextStart()).isEqualTo(0x50000);
        assertThat(l.dynamicTextEnd()).isEqualTo(0x10020000);
        assertThat(l.paddedTextEnd()).isEqualTo(0x50000);
        assertThat(l.breakAddr()).isEqualTo(0x1003f9e0 + 0xf88);
    }

    @Test
    void withoutRodataDynamicTextRunsToTheDataPage() throws Exception {
        NexeLayout l = layout(new ElfBuilder().data(0x60020, 0x20, 0x100));
        assertThat(l.dynamicTextStart()).isEqualTo(0x30000);
        assertThat(l.dynamicTextEnd()).isEqualTo(0x60000);
    }

    @Test
    void textOnlyGetsRoomForTheHaltSled() throws Exception {
        NexeLayout small = layout(new ElfBuilder().text(0x100));
        assertThat(small.breakAddr()).isEqualTo(0x30000);
        assertThat(small.paddedTextEnd()).isEqualTo(0x30000);
        assertThat(small.dynamicTextEnd()).isEqualTo(small.dynamicTextStart());
        // 16 bytes left before the 64 KiB boundary: sel_ldr adds a whole 64 KiB page.
        NexeLayout tight = layout(new ElfBuilder().text(0xFFF0));
        assertThat(tight.breakAddr()).isEqualTo(0x40000);
        assertThat(tight.paddedTextEnd()).isEqualTo(0x40000);
        NexeLayout exact = layout(new ElfBuilder().text(0xFFE0));
        assertThat(exact.breakAddr()).isEqualTo(0x30000);
    }

    @Test
    void rodataWithoutDataRoundsTheBreak() throws Exception {
        NexeLayout l = layout(new ElfBuilder().rodata(0x30000, 0x20, 0x123));
        assertThat(l.breakAddr()).isEqualTo(0x40000);
        assertThat(l.rodataRegionEnd()).isEqualTo(0x40000);
    }

    @Test
    void textMemszBeyondFileszDoesNotExtendCode() throws Exception {
        ElfBuilder b = new ElfBuilder();
        b.phdrs.set(0, new ElfBuilder.Phdr(1, 5, 0x10000, 0x20000, 0x40, 0x20000, 0x10000));
        NexeLayout l = layout(b);
        assertThat(l.staticTextEnd()).isEqualTo(0x20040);
        // max_vaddr 0x40000 sits on a boundary: 0 < 32 bytes left, so sel_ldr adds 64 KiB.
        assertThat(l.breakAddr()).isEqualTo(0x50000);
        assertThat(errorOf(x -> { x.phdrs.set(0, b.phdrs.get(0)); x.entry = 0x20040; })).isEqualTo(LoadError.BAD_ENTRY);
    }

    @Test
    void segmentWhitelist() {
        assertThat(errorOf(b -> b.segment(1, PF_R | PF_W | PF_X, 0x10000, 0x40000, 0, 0x10))).isEqualTo(LoadError.BAD_SEGMENT);
        assertThat(errorOf(b -> b.segment(1, PF_R | PF_W | 8, 0x10000, 0x40000, 0, 0x10))).isEqualTo(LoadError.BAD_SEGMENT);
        assertThat(errorOf(b -> b.segment(0x6474e551L, PF_R | PF_W | PF_X, 0, 0, 0, 0x10))).isEqualTo(LoadError.BAD_SEGMENT);
        assertThat(errorOf(b -> b.segment(7, PF_R | PF_W, 0, 0, 0, 0x10))).isEqualTo(LoadError.BAD_SEGMENT);
        // p_memsz == 0: skipped whatever it is.
        assertThat(errorOf(b -> b.segment(0x60000000L, 7, 0, 0, 0, 0))).isNull();
        assertThat(errorOf(b -> b.segment(0x6474e551L, 7, 0, 0, 0, 0))).isNull();
        // Ignored kinds are not range-checked.
        for (long[] ok : new long[][] {{6, PF_R}, {7, PF_R}, {2, PF_R | PF_W}, {2, PF_R}, {3, PF_R}, {4, PF_R},
                {0x6474e550L, PF_R}, {0x6474e552L, PF_R}, {0, PF_R}}) {
            assertThat(errorOf(b -> b.segment(ok[0], ok[1], 0, 0, 0, 0x10))).as("type 0x%x", ok[0]).isNull();
        }
    }

    @Test
    void eachRowAtMostOnce() {
        assertThat(errorOf(b -> b.segment(4, PF_R, 0, 0, 0, 8).segment(4, PF_R, 0, 0, 0, 8))).isEqualTo(LoadError.DUP_SEGMENT);
        assertThat(errorOf(b -> b.segment(2, PF_R, 0, 0, 0, 8).segment(2, PF_R | PF_W, 0, 0, 0, 8))).isNull();
        assertThat(errorOf(b -> b.rodata(0x30000, 8, 8).rodata(0x40000, 8, 8))).isEqualTo(LoadError.DUP_SEGMENT);
        assertThat(errorOf(b -> b.segment(1, PF_R | PF_X, 0x10000, 0x20000, 8, 8))).isEqualTo(LoadError.DUP_SEGMENT);
    }

    @Test
    void addressRules() {
        assertThat(errorOf(b -> b.phdrs.set(0, new ElfBuilder.Phdr(1, 5, 0x10000, 0x30000, 0x40, 0x40, 0)))).isEqualTo(LoadError.SEGMENT_BAD_LOC);
        assertThat(errorOf(b -> b.phdrs.set(0, new ElfBuilder.Phdr(1, 5, 0x10000, 0x10000, 0x40, 0x40, 0)))).isEqualTo(LoadError.SEGMENT_BAD_LOC);
        assertThat(errorOf(b -> b.rodata(0x10000, 8, 8))).isEqualTo(LoadError.SEGMENT_OUTSIDE_ADDRSPACE);
        assertThat(errorOf(b -> b.data(0x1FFFF, 8, 8))).isEqualTo(LoadError.SEGMENT_OUTSIDE_ADDRSPACE);
        assertThat(errorOf(b -> b.data(0xFFFF0000L, 0, 0x10001))).isEqualTo(LoadError.SEGMENT_OUTSIDE_ADDRSPACE);
        assertThat(errorOf(b -> b.data(0xFFFFFFFFL, 0, 0xFFFFFFFFL))).isEqualTo(LoadError.SEGMENT_OUTSIDE_ADDRSPACE);
        assertThat(errorOf(b -> b.segment(0x6474e551L, PF_R | PF_W, 0, 0x100, 0, 8))).isEqualTo(LoadError.SEGMENT_OUTSIDE_ADDRSPACE);
        assertThat(errorOf(b -> b.data(0x40000, 0x11, 0x10))).isEqualTo(LoadError.SEGMENT_BAD_PARAM);
        // Checked segment by segment: the first broken one decides.
        assertThat(errorOf(b -> b.data(0x40000, 0x11, 0x10).segment(7, 7, 0, 0, 0, 1))).isEqualTo(LoadError.SEGMENT_BAD_PARAM);
    }

    @Test
    void textIsRequired() {
        assertThat(errorOf(b -> b.phdrs.clear())).isEqualTo(LoadError.REQUIRED_SEG_MISSING);
        assertThat(errorOf(b -> b.phdrs.set(0, new ElfBuilder.Phdr(1, 5, 0x10000, 0x20000, 0, 0, 0)))).isEqualTo(LoadError.REQUIRED_SEG_MISSING);
    }

    @Test
    void entryPoint() {
        assertThat(errorOf(b -> b.entry = 0x20001)).isEqualTo(LoadError.BAD_ENTRY);
        assertThat(errorOf(b -> b.entry = 0x20010)).isEqualTo(LoadError.BAD_ENTRY);
        assertThat(errorOf(b -> b.entry = 0x20020)).isNull();
        assertThat(errorOf(b -> b.entry = 0x20040)).isEqualTo(LoadError.BAD_ENTRY); // == end of text
        assertThat(errorOf(b -> b.entry = 0)).isNull(); // below text is allowed by sel_ldr
        // The entry check precedes the layout checks.
        assertThat(errorOf(b -> { b.entry = 1; b.rodata(0x30100, 8, 8); })).isEqualTo(LoadError.BAD_ENTRY);
    }

    @Test
    void layoutSanityInSelLdrOrder() {
        assertThat(errorOf(b -> b.data(0x40000, 8, 8).rodata(0x50000, 8, 8))).isEqualTo(LoadError.DATA_NOT_LAST_SEGMENT);
        assertThat(errorOf(b -> b.rodata(0x30000, 8, 8).segment(0x6474e551L, PF_R | PF_W, 0, 0x50000, 0, 8)))
                .isEqualTo(LoadError.NO_DATA_BUT_RODATA_NOT_LAST_SEGMENT);
        assertThat(errorOf(b -> b.rodata(0x30000, 8, 0x10001).data(0x40000, 8, 8))).isEqualTo(LoadError.RODATA_OVERLAPS_DATA);
        assertThat(errorOf(b -> b.rodata(0x30000, 8, 0x10000).data(0x40010, 8, 8))).isNull();
        assertThat(errorOf(b -> b.text(0x10001).rodata(0x30000, 8, 8))).isEqualTo(LoadError.TEXT_OVERLAPS_RODATA);
        assertThat(errorOf(b -> b.text(0x10001).data(0x30000, 8, 8))).isEqualTo(LoadError.TEXT_OVERLAPS_DATA);
        assertThat(errorOf(b -> b.text(0x10001).data(0x40000, 8, 8))).isNull();
        assertThat(errorOf(b -> b.rodata(0x30100, 8, 8))).isEqualTo(LoadError.BAD_RODATA_ALIGNMENT);
        assertThat(errorOf(b -> b.rodata(0x30100, 8, 8).data(0x40000, 8, 8))).isEqualTo(LoadError.BAD_RODATA_ALIGNMENT);
        // Data (the data page) may start unaligned.
        assertThat(errorOf(b -> b.rodata(0x30000, 8, 8).data(0x40100, 8, 8))).isNull();
    }

    @Test
    void dataMustLeaveTheStackAlone() {
        // With rodata right after text, so the dynamic-text region stays small.
        assertThat(errorOf(b -> b.rodata(0x30000, 8, 8).data(0xFEFF0000L, 8, 0x10000))).isNull();
        assertThat(errorOf(b -> b.rodata(0x30000, 8, 8).data(0xFEFF0000L, 8, 0x10001))).isEqualTo(LoadError.DATA_OVERLAPS_STACK_SECTION);
        assertThat(errorOf(b -> b.data(0xFEFF0000L, 8, 0x10001))).isEqualTo(LoadError.DATA_OVERLAPS_STACK_SECTION);
        assertThat(errorOf(b -> b.rodata(0xFF000000L, 8, 8))).isEqualTo(LoadError.DATA_OVERLAPS_STACK_SECTION);
    }

    @Test
    void dynamicTextAtMost0x7FFF0000Bytes() {
        assertThat(errorOf(b -> b.rodata(0x80020000L, 8, 8))).isNull();
        assertThat(errorOf(b -> b.rodata(0x80030000L, 8, 8))).isEqualTo(LoadError.DYNAMIC_TEXT_TOO_LARGE);
        assertThat(errorOf(b -> b.data(0x80030020L, 8, 8))).isEqualTo(LoadError.DYNAMIC_TEXT_TOO_LARGE);
        // Checked before the halt sled, as sel_ldr maps the region before padding text.
        assertThat(errorOf(b -> b.text(0xFFE1).data(0x80030020L, 8, 8))).isEqualTo(LoadError.DYNAMIC_TEXT_TOO_LARGE);
    }

    @Test
    void haltSledNeeds32Bytes() {
        assertThat(errorOf(b -> b.text(0xFFE0).rodata(0x30000, 8, 8))).isNull();
        assertThat(errorOf(b -> b.text(0xFFE1).rodata(0x30000, 8, 8))).isEqualTo(LoadError.MISSING_HALT_SLED_GAP_RODATA);
        assertThat(errorOf(b -> b.text(0xFFE1).data(0x30000, 8, 8))).isEqualTo(LoadError.MISSING_HALT_SLED_GAP_DATA);
        assertThat(errorOf(b -> b.text(0xFFE1).data(0x30100, 8, 8))).isEqualTo(LoadError.MISSING_HALT_SLED_GAP_DATA);
        assertThat(LoadError.MISSING_HALT_SLED_GAP_DATA.fatalInSelLdr()).isTrue();
    }
}
