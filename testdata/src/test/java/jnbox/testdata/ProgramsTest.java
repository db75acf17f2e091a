package jnbox.testdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jnbox.syscalls.ExitCodes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * End-to-end runs of the hand-written programs in testdata/nexe against testdata/expected
 * (values from the Intel SDM and the spec, confirmed with Google's sel_ldr where it agrees; see
 * testdata/README.md), through jnbox's CLI entry point.
 */
class ProgramsTest {

    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TestFactory
    Stream<DynamicTest> programs() throws IOException {
        Path dir = Jnbox.testdata().resolve("expected");
        List<ExpectedFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".expected")).sorted(Comparator.naturalOrder()).toList()) {
                files.add(ExpectedFile.read(p));
            }
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        return files.stream().filter(f -> !f.isFixture())
                .map(f -> DynamicTest.dynamicTest(f.name(), () -> runProgram(f)));
    }

    private static void runProgram(ExpectedFile f) throws IOException {
        Path tmp = Files.createTempDirectory("jnbox-" + f.name());
        try {
            Path root = Jnbox.root();
            List<String> args = new ArrayList<>(List.of("run"));
            args.addAll(f.options(tmp, root));
            args.add(nexe(f.fields().getOrDefault("program", f.name() + ".nexe")).toString());
            args.addAll(f.args(tmp, root));
            Jnbox.Result r = assertTimeoutPreemptively(LIMIT, () -> Jnbox.run(args, f.stdin()),
                    () -> f.name() + " did not finish in " + LIMIT);
            assertNoStackTrace(r);
            if (f.checksStdout()) {
                assertThat(r.stdout()).as("stdout of %s (stderr: %s)", f.name(), r.stderr()).isEqualTo(f.stdout());
            }
            assertThat(r.exit()).as("exit status of %s (stderr: %s)", f.name(), r.stderr()).isEqualTo(f.exit());
        } finally {
            deleteTree(tmp);
        }
    }

    /** NaCl's own validator (ncval, 94bbb858) accepts every program, so `jnbox validate` must too. */
    @Test
    void validatorAcceptsEveryProgram() throws IOException {
        List<String> args = new ArrayList<>(List.of("validate"));
        try (Stream<Path> s = Files.list(Jnbox.testdata().resolve("nexe"))) {
            s.filter(p -> p.toString().endsWith(".nexe")).sorted().forEach(p -> args.add(p.toString()));
        }
        Jnbox.Result r = assertTimeoutPreemptively(LIMIT, () -> Jnbox.run(args, new byte[0]));
        assertNoStackTrace(r);
        assertThat(r.exit()).as("jnbox validate (stdout: %s, stderr: %s)", r.stdout(), r.stderr()).isZero();
    }

    /** Two --deterministic runs of a program that reads the clocks and the RNG print and trace the same. */
    @Test
    void deterministicRunsAreIdentical(@TempDir Path tmp) throws IOException {
        Jnbox.Result[] results = new Jnbox.Result[2];
        String[] traces = new String[2];
        for (int i = 0; i < 2; i++) {
            Path trace = tmp.resolve("trace" + i + ".txt");
            List<String> args = List.of("run", "--deterministic", "--strace", "--trace-out", trace.toString(),
                    nexe("clock-random.nexe").toString());
            results[i] = assertTimeoutPreemptively(LIMIT, () -> Jnbox.run(args, new byte[0]));
            assertNoStackTrace(results[i]);
            assertThat(results[i].exit()).as("exit (stderr: %s)", results[i].stderr()).isZero();
            assertThat(trace).exists();
            traces[i] = Files.readString(trace);
        }
        assertThat(results[0].stdout()).contains("random0=").isEqualTo(results[1].stdout());
        assertThat(traces[0]).contains("clock_gettime").contains("get_random_bytes").isEqualTo(traces[1]);
    }

    /**
     * --max-instructions stops a program that never ends, with jnbox's own status
     * {@link ExitCodes#INSTRUCTION_LIMIT} (not one a guest fault gives), and a message on stderr.
     */
    @Test
    void maxInstructionsStopsAnInfiniteLoop() {
        List<String> args = List.of("run", "--max-instructions", "1000000", nexe("infinite-loop.nexe").toString());
        Jnbox.Result r = assertTimeoutPreemptively(LIMIT, () -> Jnbox.run(args, new byte[0]));
        assertNoStackTrace(r);
        assertThat(r.stdout()).isEqualTo("looping\n");
        assertThat(r.exit()).as("exit status (stderr: %s)", r.stderr()).isEqualTo(ExitCodes.INSTRUCTION_LIMIT)
                .isNotIn(0, 245, 248, 249, 251, 252);
        assertThat(r.stderr()).isNotBlank();
    }

    private static Path nexe(String file) {
        return Jnbox.testdata().resolve("nexe").resolve(file);
    }

    private static void assertNoStackTrace(Jnbox.Result r) {
        assertThat(r.stderr()).as("stderr must never hold a Java stack trace")
                .doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
