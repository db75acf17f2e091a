package jnbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jnbox run} on real nexes with the interpreter. Expected output and status of
 * hello_world.nexe come from Google's sel_ldr (../shared/corpus/MANIFEST.md); hello.nexe's from
 * its source (testdata/asm/hello.s: write(1, "Hello, world!\n", 14), exit(0)).
 */
class RunEndToEndTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int jnbox(String... args) {
        return Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path hello() {
        Path p = Path.of(System.getProperty("jnbox.root", "."), "testdata/nexe/hello.nexe");
        assumeTrue(Files.exists(p), "testdata/nexe/hello.nexe absent");
        return p;
    }

    @Test
    void helloWorldFromTheNaclCorpus() {
        Path nexe = Path.of(System.getProperty("jnbox.shared", "../shared"), "corpus/newlib/hello_world.nexe");
        assumeTrue(Files.exists(nexe), "corpus absent: " + nexe);
        int status = jnbox("run", nexe.toString());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Hello, World!\n");
        assertThat(status).isZero();
    }

    @Test
    void helloFromTestdata() {
        assertThat(jnbox("run", hello().toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Hello, world!\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void straceToAFile(@TempDir Path tmp) throws Exception {
        Path trace = tmp.resolve("trace.txt");
        assertThat(jnbox("run", "--trace-out", trace.toString(), hello().toString())).isZero();
        assertThat(Files.readAllLines(trace)).containsExactly("write(1, \"Hello, world!\\n\", 14) = 14", "exit(0) = ?");
    }

    @Test
    void instructionLimit() {
        assertThat(jnbox("run", "--max-instructions", "2", hello().toString())).isEqualTo(124);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("jnbox: instruction limit reached: 2 instructions");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void noValidateWarnsLoudly() {
        assertThat(jnbox("run", "--no-validate", hello().toString())).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("WARNING: validation is OFF");
    }

    @Test
    void irtIsRefusedForNow() {
        assertThat(jnbox("run", "-B", "irt.nexe", hello().toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not supported yet");
    }
}
