package jnbox.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jnbox.cc.Sysroot;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential fuzzing of {@code jnbox cc} on a small fixed set of csmith seeds (the long sweep is
 * testdata/c/csmith.sh): each random program is built natively with gcc -O0, whose checksum is the
 * reference, and with jnbox cc at -O0, -O2, -O3 and -Os; every nexe must validate (jnbox cc checks
 * it before writing) and print the native checksum under jnbox run. Skips, saying so, without
 * csmith, gcc, llvm-mc or a built newlib sysroot (the cc module's NewlibProgramTest builds it).
 */
class CsmithTest {
    /** Seeds whose programs finish quickly natively and under the interpreter. */
    private static final int[] SEEDS = {3, 7};
    private static final Path CSMITH_INCLUDE = Path.of("/usr/include/csmith");

    @TempDir
    static Path work;

    @TestFactory
    Stream<DynamicTest> seeds() {
        assumeTrue(onPath("csmith") && Files.isDirectory(CSMITH_INCLUDE),
                "csmith is not installed (apt-get install csmith libcsmith-dev); skipping the csmith seeds");
        assumeTrue(onPath("gcc") && (onPath("llvm-mc-14") || onPath("llvm-mc")),
                "gcc or llvm-mc (LLVM 14) is not installed; skipping the csmith seeds");
        assumeTrue(Sysroot.defaultLocation().hasLibc(),
                "the newlib sysroot is not built (jnbox cc --build-sysroot); skipping the csmith seeds");
        List<DynamicTest> tests = new ArrayList<>();
        for (int seed : SEEDS) {
            for (String opt : List.of("O0", "O2", "O3", "Os")) {
                tests.add(DynamicTest.dynamicTest("seed " + seed + " -" + opt, () -> check(seed, opt)));
            }
        }
        return tests.stream();
    }

    private static void check(int seed, String opt) throws Exception {
        Path src = work.resolve("s" + seed + ".c");
        if (!Files.exists(src)) {
            exec(work, List.of("csmith", "--seed", Integer.toString(seed), "--no-packed-struct", "-o", src.toString()));
            exec(work, List.of("gcc", "-O0", "-w", "-I" + CSMITH_INCLUDE, src.toString(), "-o", work.resolve("n" + seed).toString()));
        }
        String expected = exec(work, List.of(work.resolve("n" + seed).toString()));
        assertThat(expected).startsWith("checksum = ");
        Path nexe = work.resolve("s" + seed + "-" + opt + ".nexe");
        Jnbox.Result built = Jnbox.run(List.of("cc", "-" + opt, "-w", "-I", CSMITH_INCLUDE.toString(), src.toString(),
                "-o", nexe.toString()), new byte[0]);
        assertThat(built.exit()).as("jnbox cc -%s of seed %d: %s", opt, seed, built.stderr()).isZero();
        Jnbox.Result ran = Jnbox.run(List.of("run", nexe.toString()), new byte[0]);
        assertThat(ran.stdout()).as("seed %d -%s under jnbox run (stderr: %s)", seed, opt, ran.stderr()).isEqualTo(expected);
        assertThat(ran.exit()).isZero();
    }

    private static String exec(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd.get(0) + " did not finish in 60 s");
        }
        assertThat(p.exitValue()).as("%s exit status", cmd).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }
}
