package jnbox.testdata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The committed fixtures hang together: every program has a source, a nexe and an expected
 * file; each nexe has the ELF class and OSABI its source asks for (build.sh); and, when the
 * pinned toolchain is installed, rebuilding gives the committed bytes exactly.
 */
class FixturesTest {

    private static final Path TESTDATA = Jnbox.testdata();

    @Test
    void everyProgramHasSourceNexeAndExpectedFile() throws IOException {
        TreeSet<String> sources = names(TESTDATA.resolve("asm"), ".s");
        sources.removeIf(n -> n.startsWith("_"));
        assertThat(sources).hasSizeGreaterThanOrEqualTo(20);
        assertThat(names(TESTDATA.resolve("nexe"), ".nexe")).isEqualTo(sources);
        assertThat(names(TESTDATA.resolve("expected"), ".expected")).isEqualTo(sources);
    }

    @Test
    void elfHeadersMatchTheBuildComments() throws IOException {
        for (String name : names(TESTDATA.resolve("asm"), ".s")) {
            String src = Files.readString(TESTDATA.resolve("asm").resolve(name + ".s"));
            byte[] elf = Files.readAllBytes(TESTDATA.resolve("nexe").resolve(name + ".nexe"));
            ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.getInt(0)).as(name + " magic").isEqualTo(0x464c457f);
            boolean elf32 = src.lines().anyMatch(l -> l.startsWith("# build: elf32"));
            assertThat(elf[4]).as(name + " EI_CLASS").isEqualTo((byte) (elf32 ? 1 : 2));
            boolean nacl = src.lines().anyMatch(l -> l.startsWith("# osabi: 123/7"));
            assertThat(elf[7]).as(name + " EI_OSABI").isEqualTo((byte) (nacl ? 123 : 0));
            assertThat(elf[8]).as(name + " EI_ABIVERSION").isEqualTo((byte) (nacl ? 7 : 0));
            assertThat(b.getShort(16)).as(name + " e_type ET_EXEC").isEqualTo((short) 2);
            assertThat(b.getShort(18)).as(name + " e_machine EM_X86_64").isEqualTo((short) 62);
            long entry = elf32 ? Integer.toUnsignedLong(b.getInt(24)) : b.getLong(24);
            assertThat(entry).as(name + " entry").isEqualTo(0x20000L);
        }
    }

    /** Rebuilds everything with build.sh into a temporary folder and compares bytes. */
    @Test
    void committedNexesAreFresh(@TempDir Path out) throws Exception {
        assumeTrue(onPath("ld") && (onPath("llvm-mc-14") || onPath("llvm-mc")),
                "llvm-mc (LLVM 14) and ld not installed: freshness of testdata/nexe not checked");
        // Output bytes depend on the toolchain versions (spec/toolchain.md): compare only with the pinned ones.
        assumeTrue(version(onPath("llvm-mc-14") ? "llvm-mc-14" : "llvm-mc").contains("LLVM version 14.")
                        && version("ld").contains(" 2.40"),
                "toolchain is not LLVM 14 + binutils 2.40: freshness of testdata/nexe not checked");
        ProcessBuilder pb = new ProcessBuilder("bash", TESTDATA.resolve("build.sh").toString())
                .redirectErrorStream(true);
        pb.environment().put("NEXE_OUT", out.toString());
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        List<String> stale = new ArrayList<>();
        for (String name : names(TESTDATA.resolve("nexe"), ".nexe")) {
            byte[] committed = Files.readAllBytes(TESTDATA.resolve("nexe").resolve(name + ".nexe"));
            byte[] rebuilt = Files.readAllBytes(out.resolve(name + ".nexe"));
            if (!java.util.Arrays.equals(committed, rebuilt)) {
                stale.add(name);
            }
        }
        assertThat(stale).as("nexes that differ from a rebuild of their source (run testdata/build.sh)").isEmpty();
    }

    private static String version(String tool) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return text;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static TreeSet<String> names(Path dir, String suffix) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .forEach(n -> names.add(n.substring(0, n.length() - suffix.length())));
        }
        return names;
    }
}
