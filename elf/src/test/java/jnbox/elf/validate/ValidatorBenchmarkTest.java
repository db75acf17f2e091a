package jnbox.elf.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Throughput over 16 MiB of valid code: copies of the pepper_49 IRT's text (real compiler output)
 * when the shared corpus is present, else copies of a hand-written valid bundle mix. Prints MB/s.
 */
class ValidatorBenchmarkTest {
    private static final int TARGET = 16 << 20;

    private static byte[] sample() throws IOException {
        Path irt = Path.of(System.getProperty("jnbox.shared", "../shared"), "corpus", "irt",
                "irt_core_x86_64.pepper49.nexe");
        if (Files.isRegularFile(irt)) {
            return NexeText.of(Files.readAllBytes(irt)).paddedWithHlt();
        }
        return HexBytes.parse("89 f6 \\\\\n 49 8d 34 37 \\\\\n 89 ff \\\\\n 49 8d 3c 3f \\\\\n f3 a5\n"
                + "83 e0 e0 \\\\\n 4c 01 f8 \\\\\n ff e0\n 89 c0\n 41 8b 04 07\n 48 8b 44 24 08\n"
                + "66 0f 58 c1\n 0f 84 00 00 00 00\n c5 f8 58 c1\n e8 00 00 00 00").paddedToBundle();
    }

    @Test
    void throughput() throws IOException {
        byte[] one = sample();
        byte[] code = new byte[TARGET / one.length * one.length];
        for (int at = 0; at < code.length; at += one.length) {
            System.arraycopy(one, 0, code, at, one.length);
        }
        Validator v = new Validator();
        assertThat(v.validate(code).errors()).isEmpty();
        // CPU time of this thread, so that other processes on a shared machine do not skew it.
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double best = 0, bestWall = 0;
        for (int round = 0; round < 8; round++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            ValidationResult r = v.validate(code);
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            assertThat(r.valid()).isTrue();
            best = Math.max(best, code.length / 1e6 / ((c1 - c0) / 1e9));
            bestWall = Math.max(bestWall, code.length / 1e6 / ((t1 - t0) / 1e9));
        }
        System.out.printf("validator throughput: %.1f MB/s of CPU time (%.1f MB/s wall) over %d MB, best of 8%n",
                best, bestWall, code.length >> 20);
        assertThat(best).as("MB/s").isGreaterThan(1.0);
    }
}
