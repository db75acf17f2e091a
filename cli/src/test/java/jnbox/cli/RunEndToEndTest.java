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
    void rawHostAccessIsRefusedWithoutTheUnsafeFlag() {
        // Issue 6: -a is refused unless --unsafe-host-access is also given (sel_ldr would allow it).
        assertThat(jnbox("run", "-a", hello().toString())).isEqualTo(255);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("jnbox: -a (raw host file access) is refused").doesNotContain("\tat ");
    }

    @Test
    void withoutMountsVerboseSaysTheRootIsEmpty() {
        assertThat(jnbox("run", "-v", hello().toString())).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no -m given: the guest sees an empty read-only /");
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
    void aMissingIrtIsALoadError() {
        assertThat(jnbox("run", "-B", "no-such-irt.nexe", hello().toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Error while loading \"no-such-irt.nexe\": Cannot open NaCl module file\n");
    }

    @Test
    void stdoutRedirectedToAHostFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("out.txt");
        assertThat(jnbox("run", "-w", "1:" + file, hello().toString())).isZero();
        assertThat(Files.readString(file)).isEqualTo("Hello, world!\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void verboseLogGoesToTheLogFile(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("log.txt");
        assertThat(jnbox("run", "-v", "-l", log.toString(), "-m", tmp + ":/:ro", hello().toString(), "x")).isZero();
        assertThat(Files.readString(log)).contains("mount / <- ", "00020000-00030000");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    // ---- the glibc/IRT rows of ../shared/corpus/MANIFEST.md, as observed with Google's sel_ldr

    private static Path corpus() {
        Path c = Path.of(System.getProperty("jnbox.shared", "../shared"), "corpus");
        assumeTrue(Files.isDirectory(c.resolve("glibc")) && Files.isDirectory(c.resolve("irt")), "corpus absent: " + c);
        return c;
    }

    private void glibcRow(String irt, String expectedStderr, int expectedStatus, String... ldArgs) {
        Path c = corpus();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", "-m", c + ":/:ro",
                "-B", c.resolve("irt").resolve(irt).toString(), c.resolve("glibc/runnable-ld.so").toString()));
        args.addAll(java.util.List.of(ldArgs));
        int status = jnbox(args.toArray(String[]::new));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(expectedStderr + "\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(status).isEqualTo(expectedStatus);
    }

    @Test
    void glibcLoaderWithoutAProgram() {
        glibcRow("irt_core_x86_64.pepper49.nexe", "/lib/main.nexe: error while loading shared libraries: /lib/main.nexe: "
                + "cannot open shared object file: No such file or directory", 127);
    }

    @Test
    void glibcLoaderHelp() {
        glibcRow("irt_core_x86_64.pepper49.nexe", "--help: error while loading shared libraries: --help: cannot open shared object file: Error 38",
                127, "--help");
    }

    @Test
    void glibcLoaderLoadsLibmThroughTheIrtAndMissesLibc() {
        glibcRow("irt_core_x86_64.pepper49.nexe", "glibc/libm.so.11835d88: error while loading shared libraries: libc.so.11835d88: "
                + "cannot open shared object file: No such file or directory", 127, "--library-path", "glibc", "glibc/libm.so.11835d88");
    }

    @Test
    void glibcLoaderWithThePepper28Irt() {
        glibcRow("irt_core_x86_64.pepper28.nexe", "glibc/libm.so.11835d88: error while loading shared libraries: libc.so.11835d88: "
                + "cannot open shared object file: No such file or directory", 127, "--list", "--library-path", "glibc", "glibc/libm.so.11835d88");
    }

    @Test
    void anIrtThatDoesNotFitIsALoadError() {
        Path c = corpus();
        Path irt = c.resolve("irt/irt_core_x86_64.pepper49.nexe");
        assertThat(jnbox("run", "-B", irt.toString(), c.resolve("newlib/hello_world.nexe").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Error while loading \"" + irt + "\": Error during loading\n");
    }
}
