package jnbox.elf.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HexFormat;
import jnbox.emu.decode.CpuFeature;
import org.junit.jupiter.api.Test;

/**
 * Loader mode (spec nacl-validator.md §6.3): stub-out of instructions the CPU lacks and sel_ldr's
 * non-temporal rewrites. Expected bytes are the spec's [oracle] examples and its rewrite table.
 */
class LoaderModeTest {
    private static final Validator JNBOX = new Validator();
    private static final Validator ALL = new Validator(CpuFeatures.ALL);

    private static byte[] code(String hex) {
        return HexBytes.parse(hex).paddedToBundle();
    }

    private static String hex(byte[] b, int n) {
        return HexFormat.ofDelimiter(" ").formatHex(b, 0, n);
    }

    @Test
    void movntiWithRexBecomesNopAndMov() {
        byte[] c = code("41 0f c3 07");
        ValidationResult r = JNBOX.validate(c, 0, c.length, 0, Mode.LOADER);
        assertThat(r.errors()).isEmpty();
        assertThat(hex(r.rewritten(), 4)).isEqualTo("90 41 89 07");
        assertThat(hex(c, 4)).as("input untouched").isEqualTo("41 0f c3 07");
    }

    @Test
    void movntiConsumingRestrictedIndexKeepsItsStart() {
        byte[] c = code("89 c0 \\\\\n 41 0f c3 0c 07");
        ValidationResult r = JNBOX.validate(c, 0, c.length, 0, Mode.LOADER);
        assertThat(r.errors()).isEmpty();
        assertThat(hex(r.rewritten(), 7)).isEqualTo("89 c0 41 89 0c 07 90");
    }

    @Test
    void rewritesOfTheTable() {
        assertThat(hex(JNBOX.validate(code("0f 18 00"), 0, 32, 0, Mode.LOADER).rewritten(), 3))
                .isEqualTo("90 90 90");
        assertThat(hex(JNBOX.validate(code("41 0f 2b 07"), 0, 32, 0, Mode.LOADER).rewritten(), 4))
                .isEqualTo("41 0f 29 07");
        assertThat(hex(JNBOX.validate(code("41 0f e7 07"), 0, 32, 0, Mode.LOADER).rewritten(), 4))
                .isEqualTo("41 0f 7f 07");
        assertThat(hex(JNBOX.validate(code("66 41 0f e7 07"), 0, 32, 0, Mode.LOADER).rewritten(), 5))
                .isEqualTo("66 41 0f 7f 07");
    }

    @Test
    void otherNonTemporalsFailInLoaderModeButPassInNcval() {
        for (String h : new String[] {"0f 2b 04 24", "c4 c1 78 2b 07", "66 41 0f 2b 07"}) {
            ValidationResult r = ALL.validate(code(h), 0, 32, 0, Mode.LOADER);
            assertThat(r.errors()).as(h).extracting(Problem::toString)
                    .containsExactly("0: unsupported instruction");
            assertThat(JNBOX.validate(code(h)).valid()).as(h + " in ncval mode").isTrue();
        }
    }

    @Test
    void missingFeatureIsStubbedWithHlt() {
        byte[] c = code("0f 0f c1 9e\n 90"); // pfadd mm0, mm1: 3DNow!, which jnbox's CPU lacks
        ValidationResult r = JNBOX.validate(c, 0, c.length, 0, Mode.LOADER);
        assertThat(r.errors()).isEmpty();
        assertThat(hex(r.rewritten(), 5)).isEqualTo("f4 f4 f4 f4 90");
        ValidationResult all = ALL.validate(c, 0, c.length, 0, Mode.LOADER);
        assertThat(all.errors()).isEmpty();
        assertThat(all.rewritten()).as("nothing to rewrite").isNull();
    }

    @Test
    void neverAllowedFeatureIsNotStubbed() {
        // AES is outside NaCl's maximum set: unrecognized whatever the CPU has (§6.1).
        ValidationResult r = ALL.validate(code("66 0f 38 dc c8"), 0, 32, 0, Mode.LOADER);
        assertThat(r.errors()).extracting(Problem::toString).containsExactly("0: unrecognized instruction");
    }

    @Test
    void missingFeatureReportedWhenNotAlone() {
        Validator noSse = new Validator(CpuFeatures.of(EnumSet.of(CpuFeature.X87)));
        // movaps (%rax),%xmm0: CPU feature missing and a bad base; no stub-out, both reported.
        ValidationResult r = noSse.validate(code("0f 28 00"), 0, 32, 0, Mode.LOADER);
        assertThat(r.errors()).extracting(Problem::toString).containsExactly(
                "0: required CPU feature not found", "0: improper memory address - bad base");
    }
}
