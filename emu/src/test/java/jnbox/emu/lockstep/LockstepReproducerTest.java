package jnbox.emu.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jnbox.emu.decode.Decoder;
import jnbox.emu.decode.Insn;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every saved lockstep reproducer ({@code testdata/lockstep/*.txt}) on the interpreter
 * and compares it with the host CPU's result recorded in the file. Reproducers of Unicorn bugs
 * must match (the interpreter was right); those of open interpreter bugs
 * ({@code jnbox_known-*}) are skipped, naming the bug, until they match.
 */
class LockstepReproducerTest {
    @TestFactory
    Stream<DynamicTest> everyReproducerMatchesTheHost() throws IOException {
        Path dir = Path.of(System.getProperty("jnbox.root", "..")).resolve("testdata/lockstep");
        assumeTrue(Files.isDirectory(dir), () -> "skipped: no " + dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Reproducers.Parsed p = Reproducers.parse(Files.readString(f, StandardCharsets.US_ASCII));
            assertThat(p.host()).as("host result in " + f).isNotNull();
            Result interp = LockstepRunner.runOnInterpreter(p.code(), p.start(), p.data());
            Insn in = new Decoder().decode(p.code(), 0, p.code().length);
            List<String> d = StateDiff.diff(interp, p.host(), in == null ? 0 : UndefinedFlags.of(in, p.start()));
            if (!d.isEmpty() && "JNBOX_KNOWN".equals(p.verdict())) {
                assumeTrue(false, () -> "open interpreter bug (" + p.insn() + "): " + d);
            }
            assertThat(d).as(p.insn()).isEmpty();
        }));
    }
}
