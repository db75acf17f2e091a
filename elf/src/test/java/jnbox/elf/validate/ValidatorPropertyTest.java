package jnbox.elf.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties on random and mutated code (seeded java.util.Random; the seed is printed): the
 * validator never throws and never hangs; accepted code never has an instruction crossing a bundle;
 * a mutated valid program stays valid or gets errors located inside it with known messages.
 */
class ValidatorPropertyTest {
    private static final long SEED = Long.getLong("jnbox.seed", System.nanoTime());
    private static final Validator V = new Validator();
    private static final Set<String> MESSAGES = Set.of("unrecognized instruction", "direct jump out of range",
            "required CPU feature not found", "unsupported instruction", "improper memory address - bad base",
            "improper memory address - bad index", "improper %rbp sandboxing", "improper %rsp sandboxing",
            "error - %r15 is changed", "error - %bpl or %bp is changed", "error - %spl or %sp is changed",
            "bad jump target");

    /** Valid code to mutate: the testdata nexes (or a few valid snippets if absent). */
    private static List<byte[]> validPrograms() throws IOException {
        List<byte[]> out = new ArrayList<>();
        Path dir = Path.of(System.getProperty("jnbox.root", ".."), "testdata", "nexe");
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".nexe")).sorted().toList()) {
                    out.add(NexeText.of(Files.readAllBytes(p)).paddedWithHlt());
                }
            }
        }
        out.add(HexBytes.parse("89 f6 \\\\\n 49 8d 34 37 \\\\\n 89 ff \\\\\n 49 8d 3c 3f \\\\\n f3 a5\n"
                + "83 e0 e0 \\\\\n 4c 01 f8 \\\\\n ff e0\n 89 c0\n 41 8b 04 07").paddedToBundle());
        return out;
    }

    /** Checks one buffer and returns whether it was accepted. */
    private static boolean checkOne(byte[] code, long seedInfo) {
        List<int[]> insns = new ArrayList<>();
        ValidationRun run = V.newRun(code, 0, code.length, 0, Mode.NCVAL,
                (b, e, f, m, a, bits) -> insns.add(new int[] {b, e}));
        run.validateAll();
        ValidationResult r = run.result();
        for (Problem p : r.errors()) {
            assertThat(p.address()).as("seed %d", seedInfo).isBetween(0L, (long) code.length);
            assertThat(MESSAGES).as("seed %d", seedInfo).contains(p.message());
        }
        if (r.valid()) {
            for (int[] i : insns) {
                if (i[1] > i[0]) {
                    assertThat(i[0] / 32).as("seed %d: instruction %d..%d crosses a bundle", seedInfo, i[0], i[1])
                            .isEqualTo((i[1] - 1) / 32);
                }
            }
        }
        return r.valid();
    }

    @Test
    void randomBuffersNeverThrowNorHang() {
        System.out.println("ValidatorPropertyTest seed " + SEED);
        Random rnd = new Random(SEED);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 20000; i++) {
                byte[] code = new byte[32 * (1 + rnd.nextInt(8))];
                rnd.nextBytes(code);
                checkOne(code, SEED);
            }
        });
    }

    @Test
    void mutatedValidProgramsStayValidOrFailWithLocatedErrors() throws IOException {
        System.out.println("ValidatorPropertyTest seed " + SEED);
        Random rnd = new Random(SEED + 1);
        List<byte[]> programs = validPrograms();
        for (byte[] p : programs) {
            assertThat(V.validate(p).errors()).isEmpty();
        }
        int[] accepted = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 5000; i++) {
                byte[] code = programs.get(rnd.nextInt(programs.size())).clone();
                int n = 1 + rnd.nextInt(3);
                for (int k = 0; k < n; k++) {
                    int at = rnd.nextInt(code.length);
                    code[at] = switch (rnd.nextInt(3)) {
                        case 0 -> (byte) rnd.nextInt(256);
                        case 1 -> (byte) (code[at] ^ (1 << rnd.nextInt(8)));
                        default -> (byte) new int[] {0x66, 0xf2, 0xf3, 0xf0, 0x2e, 0x40, 0x48, 0x41, 0x4c, 0xc4,
                            0xc5, 0x0f, 0xe8, 0xe9, 0xeb, 0xff, 0x90, 0xf4}[rnd.nextInt(18)];
                    };
                }
                if (checkOne(code, SEED + 1)) {
                    accepted[0]++;
                }
            }
        });
        System.out.println("mutations still valid: " + accepted[0] + " of 5000");
    }

    @Test
    void truncatedAndOddSizesAreRejectedCleanly() {
        Random rnd = new Random(SEED + 2);
        for (int i = 0; i < 200; i++) {
            byte[] code = new byte[rnd.nextInt(100)];
            rnd.nextBytes(code);
            ValidationResult r = V.validate(code, 0, code.length, 0, Mode.LOADER);
            assertThat(r.valid() || !r.errors().isEmpty()).isTrue();
            if (code.length % 32 != 0) {
                assertThat(r.errors()).hasSize(1);
            }
        }
    }
}
