package jnbox.cc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the newlib sysroot on demand (cached; Debian's newlib-source needed, else skipped) and
 * compiles every testdata/c program at -O2 against it: each must link and validate.
 */
class NewlibProgramTest {
    @Test
    void testdataProgramsBuildAgainstNewlib(@TempDir Path tmp) throws Exception {
        assumeTrue(DriverTest.toolsPresent(), "gcc or llvm-mc (LLVM 14) is not installed");
        assumeTrue(NewlibBuild.sourceAvailable(), "Debian package newlib-source is not installed "
                + "(apt-get install newlib-source); skipping the newlib build");
        Sysroot sysroot = Sysroot.defaultLocation();
        if (!sysroot.hasLibc()) {
            NewlibBuild.build(sysroot, System.out::println);
        }
        Path src = Path.of(System.getProperty("jnbox.root", "..")).resolve("testdata/c/src");
        List<Path> programs;
        try (var s = Files.list(src)) {
            programs = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
        assertThat(programs).isNotEmpty();
        for (Path c : programs) {
            Path out = tmp.resolve(c.getFileName() + ".nexe");
            Driver.build(sysroot, new CcOptions(List.of(c), out, false, List.of("-O2"), List.of(), List.of()));
            assertThat(out).isNotEmptyFile();
        }
    }
}
