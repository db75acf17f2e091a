package jnbox.elf.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Differential cases recorded with NaCl's real validator (resources/validate/ncval-differential.txt):
 * the verdict and the set of (offset, message) pairs must match, except for the cases listed with a
 * reason in ncval-differential.known-failures.txt.
 */
class NcvalDifferentialTest {
    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = NcvalDifferentialTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    @Test
    void matchesNcval() throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        for (String l : lines("/validate/ncval-differential.known-failures.txt")) {
            String[] p = l.split(" \\| ", 2);
            known.put(p[0].strip(), p[1]);
        }
        Validator v = new Validator();
        List<String> failing = new ArrayList<>();
        List<String> report = new ArrayList<>();
        int n = 0;
        for (String line : lines("/validate/ncval-differential.txt")) {
            String[] parts = line.split(" \\| ", -1);
            ValidationResult r = v.validate(HexBytes.parse(parts[0]).paddedToBundle());
            TreeSet<String> expected = new TreeSet<>(parts[2].isEmpty() ? List.of()
                    : Arrays.asList(parts[2].split(" ; ")));
            TreeSet<String> actual = new TreeSet<>(r.errors().stream().map(Problem::toString).toList());
            boolean ok = (r.valid() ? 0 : 1) == Integer.parseInt(parts[1].strip()) && expected.equals(actual);
            n++;
            if (!ok) {
                failing.add(parts[0].strip());
                if (!known.containsKey(parts[0].strip())) {
                    report.add(parts[0] + "\n  ncval: " + expected + "\n  jnbox: " + actual);
                }
            }
        }
        System.out.printf("ncval differential: %d of %d cases match%n", n - failing.size(), n);
        assertThat(report).as("new mismatches with ncval").isEmpty();
        assertThat(failing).as("known failures (remove the ones that pass now)")
                .containsExactlyInAnyOrderElementsOf(known.keySet());
    }
}
