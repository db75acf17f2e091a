package jnbox.elf.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every nexe that real sel_ldr loads must validate: Google-built binaries from the shared corpus
 * (MANIFEST.md records sel_ldr running them) and the project's own test programs (testdata/nexe).
 */
class NexeValidationTest {
    private static final Validator VALIDATOR = new Validator();

    private static Stream<Path> nexes(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".nexe") || n.endsWith(".so") || n.contains(".so.");
            }).sorted().toList().stream();
        }
    }

    @TestFactory
    Stream<DynamicTest> corpusAndTestdataNexesValidate() throws IOException {
        Path shared = Path.of(System.getProperty("jnbox.shared", "../shared"), "corpus");
        Path root = Path.of(System.getProperty("jnbox.root", ".."), "testdata", "nexe");
        Assumptions.assumeTrue(Files.isDirectory(shared) || Files.isDirectory(root),
                "neither " + shared + " nor " + root + " exists");
        return Stream.concat(nexes(shared), nexes(root)).map(p -> DynamicTest.dynamicTest(
                p.getFileName().toString(), () -> {
                    NexeText text = NexeText.of(Files.readAllBytes(p));
                    byte[] code = text.paddedWithHlt();
                    ValidationResult r = VALIDATOR.validate(code, 0, code.length, text.vaddr(), Mode.NCVAL);
                    assertThat(r.errors()).as(p.toString()).isEmpty();
                    ValidationResult l = VALIDATOR.validate(code, 0, code.length, text.vaddr(), Mode.LOADER);
                    assertThat(l.errors()).as(p + " in loader mode").isEmpty();
                }));
    }
}
