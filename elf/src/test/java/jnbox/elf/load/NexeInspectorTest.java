package jnbox.elf.load;

import static org.assertj.core.api.Assertions.assertThat;

import jnbox.elf.image.ElfBuilder;
import jnbox.elf.image.ImageSource;
import jnbox.elf.validate.Validator;
import org.junit.jupiter.api.Test;

class NexeInspectorTest {
    private static final NexeLoader LOADER = new NexeLoader(TextValidator.nacl(new Validator()), ValidationMode.ENFORCE);

    @Test
    void describesALoadableNexe() throws Exception {
        try (ImageSource src = ImageSource.open(NexeLoaderTest.corpus("newlib/hello_world.nexe"))) {
            String d = NexeInspector.describe(src, LOADER);
            assertThat(d).contains("ELF64, EI_DATA 1, EI_OSABI 123, EI_ABIVERSION 7", "e_entry 0x20080",
                    "entry 0x20080  text [0x20000, 0x27600) padded to 0x30000", "rodata [0x30000, 0x40474)",
                    "data+bss [0x50000, 0x509d0)", "initial break 0x509d0", "00050000-00060000 PROT_READ|PROT_WRITE data",
                    "Verdict: loadable, validated");
        }
    }

    @Test
    void describesARefusal() {
        ElfBuilder b = new ElfBuilder().rodata(0x30100, 8, 8);
        assertThat(NexeInspector.describe(b.source(), LOADER))
                .contains("LOAD", "Verdict: refused: The rodata segment is not properly aligned (rodata p_vaddr 0x30100 is not 64 KiB aligned)");
        b = new ElfBuilder();
        b.machine = 3;
        assertThat(NexeInspector.describe(b.source(), LOADER))
                .isEqualTo("Verdict: refused: ELF file for wrong architecture (e_machine = 3, expected 62 (EM_X86_64))\n");
    }
}
