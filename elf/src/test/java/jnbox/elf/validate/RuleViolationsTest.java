package jnbox.elf.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Hand-made programs that each break one validator rule once (resources/validate/rules.test, in
 * NaCl's test format), rejected at the right offset with the right reason.
 */
class RuleViolationsTest {
    private static final Validator VALIDATOR = new Validator();

    @TestFactory
    Stream<DynamicTest> eachRuleBrokenOnce() throws IOException, URISyntaxException {
        Path file = Path.of(RuleViolationsTest.class.getResource("/validate/rules.test").toURI());
        List<ValidatorTestCase> cases = ValidatorTestCase.load(file);
        assertThat(cases).hasSizeGreaterThan(40);
        return cases.stream().map(tc -> DynamicTest.dynamicTest(tc.name(), () -> {
            byte[] code = HexBytes.parse(tc.section("hex")).paddedToBundle();
            ValidationResult r = VALIDATOR.validate(code);
            assertThat(r.errors().stream().map(Problem::toString).toList())
                    .as(tc.section("hex")).containsExactlyInAnyOrderElementsOf(tc.expectedErrors());
            assertThat(r.valid() ? 0 : 1).isEqualTo(tc.expectedReturnCode());
        }));
    }

    @Test
    void callNotEndingBundleIsAWarning() {
        ValidationResult r = VALIDATOR.validate(HexBytes.parse("e8 00 00 00 00").paddedToBundle());
        assertThat(r.valid()).isTrue();
        assertThat(r.warnings()).extracting(Problem::toString).containsExactly("0: warning - bad call alignment");
    }

    @Test
    void sizeNotMultipleOfBundle() {
        ValidationResult r = VALIDATOR.validate(new byte[33], 0, 33, 0x20000, Mode.NCVAL);
        assertThat(r.errors()).extracting(Problem::toString)
                .containsExactly("20021: Text segment size (0x21) is not multiple of bundle size.");
    }

    @Test
    void addressesIncludeTheGuestAddress() {
        byte[] code = HexBytes.parse("c3").paddedToBundle();
        ValidationResult r = VALIDATOR.validate(code, 0, code.length, 0x20000, Mode.NCVAL);
        assertThat(r.errors()).extracting(Problem::toString).containsExactly("20000: unrecognized instruction");
    }
}
