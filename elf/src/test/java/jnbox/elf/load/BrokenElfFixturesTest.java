package jnbox.elf.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jnbox.elf.image.LoadException;
import jnbox.elf.validate.Validator;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * testdata/broken-elf: each file must be refused with the line of expected.txt (recorded from
 * Google's sel_ldr, see oracle.txt), and the valid baselines must load. The loader runs as jnbox
 * runs it, with NaCl's validator.
 */
class BrokenElfFixturesTest {
    private static final Path DIR = Path.of(System.getProperty("jnbox.root", ".."), "testdata", "broken-elf");
    private static final NexeLoader LOADER = new NexeLoader(TextValidator.nacl(new Validator()), ValidationMode.ENFORCE);

    record Expected(String file, String line, int status) {}

    static List<Expected> expected() throws IOException {
        List<Expected> list = new ArrayList<>();
        for (String l : Files.readAllLines(DIR.resolve("expected.txt"))) {
            if (l.isBlank() || l.startsWith("#")) continue;
            String[] f = l.split("\t");
            list.add(new Expected(f[0], f[1], Integer.parseInt(f[2])));
        }
        return list;
    }

    @TestFactory
    Stream<DynamicTest> everyBrokenFileGivesItsLine() throws IOException {
        List<Expected> cases = expected();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.file(), () -> {
            assertThat(c.status()).isEqualTo(1);
            try {
                LOADER.load(DIR.resolve(c.file()), new SandboxMemory());
                throw new AssertionError(c.file() + " loaded");
            } catch (LoadException e) {
                assertThat(e.errorLine(c.file())).isEqualTo(c.line());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> baselinesLoad() {
        return Stream.of("valid64.nexe", "valid32.nexe", "valid64_osabi0.nexe").map(f -> DynamicTest.dynamicTest(f, () -> {
            LoadedNexe n = LOADER.load(DIR.resolve(f), new SandboxMemory());
            assertThat(n.validated()).isTrue();
            assertThat(n.entry()).isEqualTo(0x20000);
        }));
    }

    /** The committed files are what make-broken-elf.py writes. */
    @Test
    void fixturesAreFresh(@TempDir Path tmp) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("python3", DIR.resolve("make-broken-elf.py").toString(), tmp.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 not available: " + e.getMessage());
            return;
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path f : files.toList()) {
                assertThat(Files.readAllBytes(DIR.resolve(f.getFileName()))).as(f.getFileName().toString())
                        .isEqualTo(Files.readAllBytes(f));
            }
        }
    }
}
