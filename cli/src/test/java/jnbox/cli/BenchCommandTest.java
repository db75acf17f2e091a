package jnbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jnbox.emu.unicorn.UnicornEngine;
import org.junit.jupiter.api.Test;

/**
 * {@code jnbox bench} and {@code jnbox run --engine}. No timing is asserted: only that the
 * table reports the right guest instruction counts, and the option errors. The count reference
 * is objdump's disassembly of testdata/nexe/bench-int.nexe: its loop (0x20095..0x200bd) is 14
 * instructions, one of them a bundle-padding nop, so 1000 more iterations retire 14000 more.
 * The rest of the two runs differs only in print_hex (0x20200), which runs one more instruction
 * (add $0x27) per hex digit a-f: the checksums (testdata/bench-expected.py) are
 * 0x1ddad57e227e12d4 for 1000 (7 such digits) and 0x387184642386ea51 for 2000 (2); argv[1]
 * "1000" and "2000" parse the same number of digits.
 */
class BenchCommandTest {
    private static final long LOOP_DIFFERENCE = 14 * 1000 + 2 - 7;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int jnbox(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path nexe(String name) {
        Path p = Path.of(System.getProperty("jnbox.root", "."), "testdata/nexe", name + ".nexe");
        assumeTrue(Files.exists(p), p + " absent");
        return p;
    }

    private long instructions(String engine, int iterations) {
        int status = jnbox("bench", "--engine", engine, "--runs", "1", "--warmup", "0", "--iterations", String.valueOf(iterations),
                nexe("bench-int").toString());
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(table + err).isZero();
        Matcher m = Pattern.compile("(?m)^bench-int\\s+" + engine + "\\s+([\\d,]+)\\s").matcher(table);
        assertThat(m.find()).as(table).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void interpreterCountsFourteenInstructionsPerLoopIteration() {
        assertThat(instructions("java", 2000) - instructions("java", 1000)).isEqualTo(LOOP_DIFFERENCE);
    }

    @Test
    void unicornCountsTheSame() {
        assumeTrue(UnicornEngine.isAvailable(), "libunicorn absent");
        assertThat(instructions("unicorn", 2000) - instructions("unicorn", 1000)).isEqualTo(LOOP_DIFFERENCE);
    }

    @Test
    void unknownEngineIsAUsageError() {
        assertThat(jnbox("bench", "--engine", "qemu")).isEqualTo(255);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("jnbox: --engine: expected java, unicorn or all, not 'qemu'\n");
        assertThat(jnbox("run", "--engine", "qemu", nexe("hello").toString())).isEqualTo(255);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("jnbox: --engine: expected java or unicorn, not 'qemu'\n");
    }

    @Test
    void runWithUnicornOrOneLineWhenAbsent() {
        int status = jnbox("run", "--engine", "unicorn", nexe("hello").toString());
        if (UnicornEngine.isAvailable()) {
            assertThat(status).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Hello, world!\n");
        } else {
            assertThat(status).isEqualTo(255);
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(1).first().asString().startsWith("jnbox: engine unicorn unavailable: ");
        }
    }

    @Test
    void validatorAndDecoderReportThroughput() {
        nexe("hello");
        int status = jnbox("bench", "--runs", "1", "--warmup", "0", "--validator", "--decoder",
                "--dir", Path.of(System.getProperty("jnbox.root", "."), "testdata/nexe").toString(), "--text", nexe("hello").toString());
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("(?m)^validator: [\\d.]+ MB/s").containsPattern("(?m)^decoder: [\\d.]+ M decodes/s");
        assertThat(jnbox("bench", "--decoder", "--text", "no/such.nexe")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("jnbox: cannot read code for --validator/--decoder: no such file no/such.nexe\n");
    }
}
