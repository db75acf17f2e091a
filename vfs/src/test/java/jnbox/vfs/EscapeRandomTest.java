package jnbox.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile random paths (".." runs, backslashes, repeated slashes, symlinks pointing up, to
 * absolute host paths and in loops) never reach a host file outside the mounts: whatever
 * stat returns is one of the inodes inside the mounted folders. Seeded; the seed is printed.
 */
class EscapeRandomTest {
    @TempDir Path base;

    @Test
    void randomPathsStayInside() throws IOException {
        Path root = Files.createDirectories(base.resolve("mnt/root"));
        Path data = Files.createDirectories(base.resolve("mnt/data"));
        Path secret = Files.createDirectories(base.resolve("secret"));
        Files.writeString(secret.resolve("key"), "k");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/f"), "f");
        Files.writeString(data.resolve("d"), "d");
        Files.createSymbolicLink(root.resolve("a/up"), Path.of("../../../../.."));
        Files.createSymbolicLink(root.resolve("a/b/secret"), secret);
        Files.createSymbolicLink(root.resolve("key"), secret.resolve("key"));
        Files.createSymbolicLink(root.resolve("rel"), Path.of("../secret/key"));
        Files.createSymbolicLink(data.resolve("loop"), Path.of("loop"));
        Files.createSymbolicLink(data.resolve("toroot"), Path.of("/a"));
        Set<Object> inside = new HashSet<>();
        for (Path m : new Path[] {root, data}) {
            try (Stream<Path> s = Files.walk(m)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    inside.add(Files.getAttribute(p, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS));
                }
            }
        }
        Vfs vfs = Vfs.of(root + ":/:ro", data + ":/a/b/data:rw");
        String[] parts = {"..", ".", "", "a", "b", "f", "up", "secret", "key", "rel", "data", "d", "loop", "toroot",
                "mnt", "root", base.getFileName().toString(), "\\..", "..\\.."};
        long seed = new Random().nextLong();
        System.out.println("EscapeRandomTest seed " + seed);
        Random r = new Random(seed);
        int ok = 0;
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder(r.nextBoolean() ? "/" : "");
            int n = 1 + r.nextInt(8);
            for (int j = 0; j < n; j++) {
                if (j > 0) sb.append(r.nextInt(5) == 0 ? "//" : r.nextInt(5) == 0 ? "\\" : "/");
                sb.append(parts[r.nextInt(parts.length)]);
            }
            String p = sb.toString();
            for (boolean follow : new boolean[] {true, false}) {
                try {
                    Stat s = follow ? vfs.stat(p) : vfs.lstat(p);
                    assertThat(inside).as("seed %d path %s", seed, p).contains(s.ino());
                    ok++;
                } catch (VfsException e) {
                    assertThat(e.errno()).as(p).isIn(Errno.ENOENT, Errno.ENOTDIR, Errno.ELOOP, Errno.EACCES);
                }
            }
        }
        assertThat(ok).as("some paths resolve").isGreaterThan(500);
    }
}
