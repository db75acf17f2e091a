package jnbox.testdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The symlink race of issue 6 (testdata/README.md, "Escape suite"): a host thread swaps
 * {@code /rw/flip} between a harmless file and a symlink to the canary's host path, and
 * {@code /rw/flipdir} between a real folder and a symlink to the canary folder, while
 * testdata/asm/escape-race.s opens, reads and writes through both 10,000 times. No read may
 * return the canary's text and the canary must hash the same afterwards (HostFileSystem walks
 * with O_NOFOLLOW; sel_ldr would be open to this race, spec §7.4). stat's metadata leak through
 * a swapped folder is a documented remaining race: it is counted and printed, not asserted.
 */
class EscapeRaceTest {

    static final int ITERATIONS = 10_000;
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String DECOY = "inside decoy file\n";
    private static final Pattern COUNTS = Pattern.compile("^opened=(\\d+) stat-leaks=(\\d+)$", Pattern.MULTILINE);

    @Test
    void symlinkSwapsDuringOpensNeverLeadOut(@TempDir Path t) throws Exception {
        Path rw = prepare(t);
        String before = EscapeTree.guarded(t);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong flips = new AtomicLong();
        AtomicReference<Throwable> flipError = new AtomicReference<>();
        Thread flipper = Thread.ofPlatform().name("escape-flipper").start(() -> {
            try {
                while (!stop.get()) {
                    flipOnce(t, rw);
                    flips.incrementAndGet();
                }
            } catch (IOException | RuntimeException e) {
                flipError.set(e);
            }
        });
        Jnbox.Result r;
        try {
            r = assertTimeoutPreemptively(LIMIT, () -> Jnbox.run(command(t, ITERATIONS), new byte[0]));
        } finally {
            stop.set(true);
            flipper.join();
        }
        assertThat(flipError.get()).as("the host thread's swaps").isNull();
        String after = EscapeTree.guarded(t);

        assertThat(r.stderr()).doesNotContain("\tat ").doesNotContain("Exception in thread");
        Matcher m = COUNTS.matcher(r.stdout());
        assertThat(m.find()).as("stdout: %s (stderr: %s)", r.stdout(), r.stderr()).isTrue();
        long opened = Long.parseLong(m.group(1));
        long leaks = Long.parseLong(m.group(2));
        System.out.printf("escape race: %d iterations, %d open attempts (%d opened), %d host swaps, 0 escapes expected; "
                + "stat metadata leaks (documented race): %d%n", ITERATIONS, 4L * ITERATIONS, opened, flips.get(), leaks);
        assertThat(after).as("the canary after the race").isEqualTo(before);
        assertThat(r.stdout()).as("stderr: %s", r.stderr()).endsWith(String.join("\n",
                "ok open attempts made minus 4 x iterations = 0",
                "ok reads that returned the canary's text = 0",
                "ok open errors other than ENOENT/ELOOP/ENOTDIR = 0",
                "attempts 3 failed 0", ""));
        assertThat(r.exit()).isZero();
        // the race really ran: swaps happened while the guest ran, and both kinds of outcome occurred
        assertThat(flips.get()).isGreaterThan(10);
        assertThat(opened).isPositive().isLessThan(4L * ITERATIONS);
    }

    /** Control: the guest's detector sees the canary's text when it is really there (inside the mount). */
    @Test
    void theDetectorCountsTheSecretWhenItIsReadable(@TempDir Path t) throws Exception {
        Path rw = prepare(t);
        Files.writeString(rw.resolve("flip"), EscapeTree.SECRET);
        Files.writeString(rw.resolve("flipdir/secret.txt"), EscapeTree.SECRET);
        Jnbox.Result r = assertTimeoutPreemptively(LIMIT, () -> Jnbox.run(command(t, 100), new byte[0]));
        assertThat(r.stdout()).contains("opened=400 ")
                .contains("FAIL reads that returned the canary's text got=200 want=0")
                .contains("attempts 3 failed 1");
        assertThat(r.exit()).isEqualTo(1);
    }

    /** The tree plus /rw/flip (a file), /rw/flipdir (a folder) and the spare link to swap in. */
    private static Path prepare(Path t) throws IOException {
        EscapeTree.build(t);
        Path rw = t.resolve("mounts/rw");
        Files.writeString(rw.resolve("flip"), DECOY);
        Files.createDirectory(rw.resolve("flipdir"));
        Files.writeString(rw.resolve("flipdir/secret.txt"), DECOY);
        Files.createSymbolicLink(rw.resolve(".flipdir-l"), t.resolve("canary"));
        return rw;
    }

    private static List<String> command(Path t, int iterations) throws IOException {
        ExpectedFile f = ExpectedFile.read(Jnbox.testdata().resolve("expected/escape-race.expected"));
        long ino = ((Number) Files.getAttribute(t.resolve("canary/secret.txt"), "unix:ino")).longValue() & 0xFFFF_FFFFL;
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(f.options(t, Jnbox.root()));
        args.add(Jnbox.testdata().resolve("nexe/escape-race.nexe").toString());
        for (String a : f.args(t, Jnbox.root())) {
            args.add(a.replace("{iterations}", Integer.toString(iterations)).replace("{ino}", Long.toString(ino)));
        }
        return args;
    }

    /**
     * One round of swaps, each a rename(2) (atomic replace): flip becomes a link to the canary,
     * flipdir becomes a link to the canary folder, then both return to harmless.
     */
    private static void flipOnce(Path t, Path rw) throws IOException {
        Path flip = rw.resolve("flip"), link = rw.resolve(".flip-l"), file = rw.resolve(".flip-f");
        Path dir = rw.resolve("flipdir"), dirAside = rw.resolve(".flipdir-d"), dirLink = rw.resolve(".flipdir-l");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, t.resolve("canary/secret.txt"));
        Files.move(link, flip, StandardCopyOption.ATOMIC_MOVE);
        Files.move(dir, dirAside, StandardCopyOption.ATOMIC_MOVE);
        Files.move(dirLink, dir, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(file, DECOY);
        Files.move(file, flip, StandardCopyOption.ATOMIC_MOVE);
        Files.move(dir, dirLink, StandardCopyOption.ATOMIC_MOVE);
        Files.move(dirAside, dir, StandardCopyOption.ATOMIC_MOVE);
    }
}
