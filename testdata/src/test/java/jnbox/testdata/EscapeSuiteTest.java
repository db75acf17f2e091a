package jnbox.testdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The escape suite of issue 6 (testdata/README.md, "Escape suite"): every expected file with
 * {@code harness: escape} names a guest program that tries to leave its mounts. Each runs in a
 * fresh {@link EscapeTree} through {@code jnbox run} with the file's mounts; its stdout (one line
 * per attempt: the result it got, against the errno of nacl-abi.md §4.2/§7 or, where jnbox is
 * stricter on purpose, the note's) and exit status must match, and the guarded host files (the
 * canary beside the mounts, the ro mount) must hash the same before and after.
 */
class EscapeSuiteTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** "FAIL name got=G want=W" as esc_check prints it (testdata/asm/escape-common.inc). */
    private static final Pattern FAIL = Pattern.compile("^FAIL .* got=(-?\\d+) want=(-?\\d+)$", Pattern.MULTILINE);

    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();
    private static final AtomicInteger ESCAPES = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> escapePrograms() throws IOException {
        List<ExpectedFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Jnbox.testdata().resolve("expected"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".expected")).sorted().toList()) {
                ExpectedFile f = ExpectedFile.read(p);
                if ("escape".equals(f.fields().get("harness"))) files.add(f);
            }
        }
        assertThat(files).extracting(ExpectedFile::name)
                .contains("escape-paths", "escape-links", "escape-ro", "escape-fds", "escape-mounts", "limited-file-access");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> run(f)));
    }

    private static void run(ExpectedFile f) throws IOException {
        Path t = Files.createTempDirectory("jnbox-escape-");
        try {
            EscapeTree.build(t);
            String before = EscapeTree.guarded(t);
            List<String> args = new ArrayList<>(List.of("run"));
            args.addAll(f.options(t, Jnbox.root()));
            args.add(Jnbox.testdata().resolve("nexe").resolve(f.name() + ".nexe").toString());
            args.addAll(f.args(t, Jnbox.root()));
            Jnbox.Result r = assertTimeoutPreemptively(LIMIT, () -> Jnbox.run(args, new byte[0]),
                    () -> f.name() + " did not finish in " + LIMIT);
            String after = EscapeTree.guarded(t);

            int escapes = before.equals(after) ? 0 : 1;
            Matcher m = FAIL.matcher(r.stdout());
            while (m.find()) {
                if (Long.parseLong(m.group(1)) >= 0 && Long.parseLong(m.group(2)) < 0) escapes++;
            }
            CASES.incrementAndGet();
            ATTEMPTS.addAndGet((int) r.stdout().lines().filter(l -> l.startsWith("ok ") || l.startsWith("FAIL ")).count());
            ESCAPES.addAndGet(escapes);

            assertThat(r.stderr()).as("stderr must never hold a Java stack trace")
                    .doesNotContain("\tat ").doesNotContain("Exception in thread");
            assertThat(after).as("%s changed the canary or the ro mount (stdout: %s)", f.name(), r.stdout()).isEqualTo(before);
            assertThat(escapes).as("attempts of %s that succeeded where they must fail:%n%s", f.name(), r.stdout()).isZero();
            assertThat(r.stdout()).as("stdout of %s (stderr: %s)", f.name(), r.stderr()).isEqualTo(f.stdout());
            assertThat(r.exit()).as("exit status of %s (stderr: %s)", f.name(), r.stderr()).isEqualTo(f.exit());
        } finally {
            deleteTree(t);
        }
    }

    /** The figures for issue 6's closing note. */
    @AfterAll
    static void figures() {
        System.out.printf("escape suite: %d cases run, %d attempts, %d escapes%n", CASES.get(), ATTEMPTS.get(), ESCAPES.get());
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }
}
