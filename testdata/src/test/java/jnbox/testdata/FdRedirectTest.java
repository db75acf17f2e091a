package jnbox.testdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Start-up fd redirections (issue 6; nacl-abi.md §6.1 {@code -h/-r/-w d:D}): testdata/asm/
 * escape-redirect.s reads and writes the descriptors testdata/expected/escape-redirect.expected
 * hands in, and the standard streams that pass through by default. Its stdout was confirmed
 * by sel_ldr (master) with the same descriptors given as host fds.
 */
class FdRedirectTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void handedInDescriptorsAndStandardStreams(@TempDir Path t) throws IOException {
        EscapeTree.build(t);
        ExpectedFile f = ExpectedFile.read(Jnbox.testdata().resolve("expected/escape-redirect.expected"));
        Jnbox.Result r = run(f.options(t, Jnbox.root()), f.stdin());
        assertThat(r.stderr()).isEqualTo("to stderr\n");
        assertThat(r.stdout()).isEqualTo(f.stdout());
        assertThat(r.exit()).isEqualTo(f.exit());
        assertThat(t.resolve("redirect/out.txt")).hasContent("written to fd 4\nmore\n");
        assertThat(t.resolve("redirect/rw.txt")).hasContent("rw\n");
        assertThat(t.resolve("redirect/in.txt")).hasContent("redirected input\n");
    }

    /** -w 2:FILE sends the guest's stderr to the file; -w appends to what is there. */
    @Test
    void stderrCanBeRedirectedToAFile(@TempDir Path t) throws IOException {
        EscapeTree.build(t);
        Path log = t.resolve("redirect/err.txt");
        Files.writeString(log, "before\n");
        ExpectedFile f = ExpectedFile.read(Jnbox.testdata().resolve("expected/escape-redirect.expected"));
        List<String> options = new ArrayList<>(f.options(t, Jnbox.root()));
        options.addAll(List.of("-w", "2:" + log));
        Jnbox.Result r = run(options, f.stdin());
        assertThat(r.exit()).as("stdout: %s", r.stdout()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(log).hasContent("before\nto stderr\n");
    }

    /** A host file that cannot be opened stops the run before the guest starts: one line, status 255. */
    @Test
    void aMissingHostFileIsAUsageError(@TempDir Path t) {
        Jnbox.Result r = run(List.of("-r", "3:" + t.resolve("missing.txt")), new byte[0]);
        assertThat(r.exit()).isEqualTo(255);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr().lines()).hasSize(1).first().asString().contains("missing.txt").contains("fd 3");
    }

    private static Jnbox.Result run(List<String> options, byte[] stdin) {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(options);
        args.add(Jnbox.testdata().resolve("nexe/escape-redirect.nexe").toString());
        return assertTimeoutPreemptively(LIMIT, () -> Jnbox.run(args, stdin));
    }
}
