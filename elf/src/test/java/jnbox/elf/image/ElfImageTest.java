package jnbox.elf.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The header checks of sel_ldr's NaClElfImageNew, in its order (spec/nacl-abi.md §1.1). */
class ElfImageTest {
    private static LoadError errorOf(Consumer<ElfBuilder> change) {
        return errorOf(new ElfBuilder(), change);
    }

    private static LoadError errorOf(ElfBuilder b, Consumer<ElfBuilder> change) {
        change.accept(b);
        try {
            ElfImage.parse(b.source());
            return null;
        } catch (ElfFormatException e) {
            return e.error();
        }
    }

    @Test
    void parsesElf64AndElf32Alike() throws Exception {
        for (ElfBuilder b : new ElfBuilder[] {new ElfBuilder(), ElfBuilder.elf32()}) {
            b.data(0x40020, 0x20, 0x200);
            ElfImage img = ElfImage.parse(b.source());
            assertThat(img.entry()).isEqualTo(0x20000);
            assertThat(img.phdrs()).hasSize(2);
            ProgramHeader data = img.phdrs().get(1);
            assertThat(data.type()).isEqualTo(ProgramHeader.PT_LOAD);
            assertThat(data.flags()).isEqualTo(ProgramHeader.PF_R | ProgramHeader.PF_W);
            assertThat(data.offset()).isEqualTo(0x10020);
            assertThat(data.vaddr()).isEqualTo(0x40020);
            assertThat(data.filesz()).isEqualTo(0x20);
            assertThat(data.memsz()).isEqualTo(0x200);
        }
    }

    @Test
    void osAbiAndDataByteAreNotChecked() {
        assertThat(errorOf(b -> { b.osAbi = 0; b.abiVersion = 0; })).isNull();
        assertThat(errorOf(b -> { b.osAbi = 123; b.abiVersion = 7; })).isNull();
        assertThat(errorOf(b -> { b.osAbi = 99; b.abiVersion = 42; })).isNull();
    }

    @Test
    void shortFileCannotBeRead() {
        assertThat(errorOf(b -> b.fileSize = 63)).isEqualTo(LoadError.READ_ERROR);
        assertThat(errorOf(b -> b.fileSize = 0)).isEqualTo(LoadError.READ_ERROR);
    }

    @Test
    void elfClass64OverflowAndEhsizeComeBeforeTheMagicNumber() {
        assertThat(errorOf(b -> b.entry = 1L << 32)).isEqualTo(LoadError.EHDR_OVERFLOW);
        assertThat(errorOf(b -> b.phoff = -1L)).isEqualTo(LoadError.EHDR_OVERFLOW);
        assertThat(errorOf(b -> b.shoff = 0x1_0000_0000L)).isEqualTo(LoadError.EHDR_OVERFLOW);
        assertThat(errorOf(b -> b.ehsize = 52)).isEqualTo(LoadError.BAD_EHSIZE);
        assertThat(errorOf(b -> { b.magic = new byte[] {0, 0, 0, 0}; b.ehsize = 0; })).isEqualTo(LoadError.BAD_EHSIZE);
        assertThat(errorOf(b -> b.magic = new byte[] {0x7F, 'E', 'L', 'G'})).isEqualTo(LoadError.BAD_ELF_MAGIC);
    }

    @Test
    void elfClass32HasNoEhsizeCheck() {
        assertThat(errorOf(ElfBuilder.elf32(), b -> b.ehsize = 7)).isNull();
    }

    @Test
    void identificationChecksInSelLdrOrder() {
        assertThat(errorOf(b -> b.elfClass = 3)).isEqualTo(LoadError.NOT_32_BIT);
        assertThat(errorOf(b -> b.elfClass = 0)).isEqualTo(LoadError.NOT_32_BIT);
        assertThat(errorOf(b -> { b.elfClass = 3; b.magic = new byte[4]; })).isEqualTo(LoadError.BAD_ELF_MAGIC);
        assertThat(errorOf(b -> b.type = 3)).isEqualTo(LoadError.NOT_EXEC);
        assertThat(errorOf(b -> { b.type = 3; b.machine = 3; })).isEqualTo(LoadError.NOT_EXEC);
        assertThat(errorOf(b -> b.machine = 3)).isEqualTo(LoadError.BAD_MACHINE);
        assertThat(errorOf(b -> { b.machine = 3; b.version = 2; })).isEqualTo(LoadError.BAD_MACHINE);
        assertThat(errorOf(b -> b.version = 0)).isEqualTo(LoadError.BAD_ELF_VERS);
        assertThat(errorOf(b -> { b.version = 0; b.phnum = 200; })).isEqualTo(LoadError.BAD_ELF_VERS);
    }

    @Test
    void programHeaderTableChecks() {
        assertThat(errorOf(b -> b.phnum = 128)).isNull(); // the rest of the table reads as PT_NULL entries
        assertThat(errorOf(b -> b.phnum = 129)).isEqualTo(LoadError.TOO_MANY_PROG_HDRS);
        assertThat(errorOf(b -> b.phnum = 0xFFFF)).isEqualTo(LoadError.TOO_MANY_PROG_HDRS);
        assertThat(errorOf(b -> { b.phnum = 129; b.phentsize = 1; })).isEqualTo(LoadError.TOO_MANY_PROG_HDRS);
        assertThat(errorOf(b -> b.phentsize = 32)).isEqualTo(LoadError.BAD_PHENTSIZE);
        assertThat(errorOf(ElfBuilder.elf32(), b -> b.phentsize = 56)).isEqualTo(LoadError.BAD_PHENTSIZE);
        assertThat(errorOf(b -> b.phoff = 0xFFFF_FFFFL)).isEqualTo(LoadError.READ_ERROR);
        assertThat(errorOf(ElfBuilder.elf32(), b -> b.phoff = 0xFFFF_FFF0L)).isEqualTo(LoadError.READ_ERROR);
        assertThat(errorOf(b -> b.phnum = 0)).isNull();
    }

    @Test
    void elfClass64ProgramHeaderFieldsMustFit32Bits() {
        for (int field = 0; field < 6; field++) {
            ElfBuilder b = new ElfBuilder();
            b.segment(4, 4, 0, 0, 0, 0);
            ElfBuilder.Phdr p = b.phdrs.remove(1);
            long big = 1L << 32;
            b.phdrs.add(new ElfBuilder.Phdr(p.type(), p.flags(), field == 0 ? big : 0, field == 1 || field == 2 ? big : 0,
                    field == 3 ? big : 0, field == 4 ? big : 0, field == 5 ? big : 0));
            assertThat(errorOf(b, x -> { })).as("field %d", field).isEqualTo(LoadError.PHDR_OVERFLOW);
        }
    }

    @Test
    void describeNamesTheFields() throws Exception {
        String d = ElfImage.parse(new ElfBuilder().data(0x40020, 0x20, 0x200).source()).describe();
        assertThat(d).contains("ELF64", "EI_OSABI 123", "e_entry 0x20000", "LOAD", "R E", "RW ", "0x00040020");
    }

    @Test
    void messagesAreSelLdrs() {
        assertThat(new LoadException(LoadError.SEGMENT_BAD_LOC, "x").errorLine("x.nexe"))
                .isEqualTo("Error while loading \"x.nexe\": ELF executable text/rodata segment has wrong starting address");
    }
}
