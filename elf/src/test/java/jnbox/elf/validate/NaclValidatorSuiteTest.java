package jnbox.elf.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of NaCl's x86-64 validator conformance files against {@link Validator}: the
 * verdict and the set of (offset, message) pairs must equal {@code @rdfa_output} (ncval's output,
 * NaCl's reference), and valid cases also get NaCl's jump-target sweep (nacl-validator.md §8.1).
 */
class NaclValidatorSuiteTest {
    private static final Validator VALIDATOR = new Validator();

    static Path testDir() {
        String shared = System.getProperty("jnbox.shared", "../shared");
        return Path.of(shared, "spec", "validator-tests", "64");
    }

    static List<ValidatorTestCase> allCases() throws IOException {
        Path dir = testDir();
        Assumptions.assumeTrue(Files.isDirectory(dir), "validator tests not found at " + dir);
        List<ValidatorTestCase> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".test")).sorted().toList()) {
                all.addAll(ValidatorTestCase.load(f));
            }
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> rdfaOutput() throws IOException {
        List<ValidatorTestCase> cases = allCases();
        assertThat(cases).hasSize(428);
        return cases.stream().map(tc -> DynamicTest.dynamicTest(tc.name(), () -> check(tc)));
    }

    private static void check(ValidatorTestCase tc) {
        HexBytes hex = HexBytes.parse(tc.section("hex"));
        byte[] code = hex.paddedToBundle();
        ValidationResult r = VALIDATOR.validate(code);
        List<String> actual = r.errors().stream().map(Problem::toString).sorted().distinct().toList();
        List<String> expected = tc.expectedErrors().stream().sorted().distinct().toList();
        assertThat(actual).as("%s errors\n%s", tc.name(), tc.section("hex")).isEqualTo(expected);
        assertThat(r.valid() ? 0 : 1).as("return code").isEqualTo(tc.expectedReturnCode());
        if (r.valid()) {
            sweep(tc, hex, code);
        }
    }

    /**
     * NaCl's CheckValidJumpTargets: a jmp rel32 appended after the padded code to each offset of the
     * unpadded snippet must be valid exactly when the offset is a chunk boundary.
     */
    private static void sweep(ValidatorTestCase tc, HexBytes hex, byte[] code) {
        int[] ends = hex.chunkEnds();
        int len = hex.bytes().length;
        java.util.Set<Integer> boundaries = new java.util.HashSet<>();
        boundaries.add(0);
        for (int e : ends) {
            boundaries.add(e);
        }
        int total = code.length + 5;
        byte[] withJump = new byte[(total + 31) / 32 * 32];
        java.util.Arrays.fill(withJump, (byte) 0x90);
        System.arraycopy(code, 0, withJump, 0, code.length);
        for (int i = 0; i <= len; i++) {
            int rel = i - (code.length + 5);
            withJump[code.length] = (byte) 0xe9;
            withJump[code.length + 1] = (byte) rel;
            withJump[code.length + 2] = (byte) (rel >> 8);
            withJump[code.length + 3] = (byte) (rel >> 16);
            withJump[code.length + 4] = (byte) (rel >> 24);
            boolean valid = VALIDATOR.validate(withJump).valid();
            assertThat(valid).as("%s: jump to offset %d", tc.name(), i).isEqualTo(boundaries.contains(i));
        }
    }
}
