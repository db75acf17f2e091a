package jnbox.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the C programs of testdata/c (built by {@code jnbox cc} at -O0 and -O2 against newlib, committed
 * as nexes) and compares stdout and exit status with the same C built natively with gcc -O2 against
 * glibc (testdata/c/expected, recorded by testdata/c/build.sh). Needs no toolchain.
 */
class CProgramsTest {
    private static final Duration LIMIT = Duration.ofSeconds(180);

    @TestFactory
    Stream<DynamicTest> programs() throws IOException {
        Path c = Jnbox.testdata().resolve("c");
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> s = Files.list(c.resolve("src"))) {
            sources = s.filter(p -> p.toString().endsWith(".c")).sorted(Comparator.naturalOrder()).toList();
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(10);
        for (Path src : sources) {
            String name = src.getFileName().toString().replace(".c", "");
            for (String opt : List.of("O0", "O2")) {
                tests.add(DynamicTest.dynamicTest(name + "-" + opt, () -> run(c, src, name, opt)));
            }
        }
        try (Stream<Path> s = Files.list(c.resolve("lua"))) {
            for (Path script : s.filter(p -> p.toString().endsWith(".lua")).sorted().toList()) {
                String name = script.getFileName().toString().replace(".lua", "");
                tests.add(DynamicTest.dynamicTest("lua-" + name, () -> runLua(c, script, name)));
            }
        }
        return tests.stream();
    }

    /** Lua 5.4 built by jnbox cc runs a script from a /data mount like Debian's native lua5.4 does. */
    private static void runLua(Path c, Path script, String name) throws IOException {
        Path tmp = Files.createTempDirectory("jnbox-lua-" + name);
        try {
            Files.copy(script, tmp.resolve(script.getFileName()));
            List<String> args = List.of("run", "-m", tmp + ":/data:rw", c.resolve("nexe/lua.nexe").toString(),
                    "/data/" + script.getFileName(), "/data");
            Jnbox.Result r = assertTimeoutPreemptively(LIMIT, () -> Jnbox.run(args, new byte[0]),
                    () -> "lua " + name + " did not finish in " + LIMIT);
            String expected = Files.readString(c.resolve("expected/lua-" + name + ".stdout"), StandardCharsets.UTF_8);
            int exit = Integer.parseInt(Files.readString(c.resolve("expected/lua-" + name + ".exit")).strip());
            assertThat(r.stdout()).as("stdout of lua %s (stderr: %s)", name, r.stderr()).isEqualTo(expected);
            assertThat(r.exit()).as("exit status of lua %s (stderr: %s)", name, r.stderr()).isEqualTo(exit);
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path c, Path src, String name, String opt) throws IOException {
        List<String> header = Files.readAllLines(src).stream().filter(l -> l.startsWith("// ")).toList();
        Path tmp = Files.createTempDirectory("jnbox-c-" + name);
        try {
            List<String> args = new ArrayList<>(List.of("run"));
            byte[] stdin = new byte[0];
            List<String> progArgs = new ArrayList<>();
            for (String h : header) {
                if (h.startsWith("// env: ")) {
                    args.add("-E");
                    args.add(h.substring(8));
                } else if (h.startsWith("// stdin: ")) {
                    stdin = Files.readAllBytes(src.resolveSibling(h.substring(10).strip()));
                } else if (h.startsWith("// run: ")) {
                    for (String w : shellWords(h.substring(8))) {
                        if (w.equals("@DIR")) {
                            args.add("-m");
                            args.add(tmp + ":/data:rw");
                            progArgs.add("/data");
                        } else {
                            progArgs.add(w);
                        }
                    }
                }
            }
            args.add(c.resolve("nexe").resolve(name + "-" + opt + ".nexe").toString());
            args.addAll(progArgs);
            byte[] in = stdin;
            Jnbox.Result r = assertTimeoutPreemptively(LIMIT, () -> Jnbox.run(args, in),
                    () -> name + "-" + opt + " did not finish in " + LIMIT);
            String expected = Files.readString(c.resolve("expected").resolve(name + ".stdout"), StandardCharsets.UTF_8);
            int exit = Integer.parseInt(Files.readString(c.resolve("expected").resolve(name + ".exit")).strip());
            assertThat(r.stdout()).as("stdout of %s-%s (stderr: %s)", name, opt, r.stderr()).isEqualTo(expected);
            assertThat(r.exit()).as("exit status of %s-%s (stderr: %s)", name, opt, r.stderr()).isEqualTo(exit);
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Splits like the shell for plain and double-quoted words (what build.sh's eval sees). */
    static List<String> shellWords(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false, any = false;
        for (char ch : s.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(ch) && !quoted) {
                if (any) {
                    out.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(ch);
                any = true;
            }
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }
}
