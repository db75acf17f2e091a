package jnbox.emu.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Review aid for table changes (style item 9): the whole table, one form per line with its NaCl
 * status and attributes, is checked in as {@code forms-listing.txt}. A table change must update
 * the listing in the same commit, so the diff shows exactly which forms were added, or became
 * accepted or forbidden. Regenerate with {@code -Djnbox.updateListing=true}. This is a change
 * detector, not a correctness oracle (that is {@link DecoderReferenceTest}).
 */
class FormsListingTest {
    static List<String> listing() {
        List<String> r = new ArrayList<>();
        for (OpForm f : Forms.all()) {
            String flags = java.util.Arrays.stream(Flag.values()).filter(f::has).map(Enum::name)
                    .collect(Collectors.joining(","));
            String vex = f.isVex() ? " L=" + f.vexL() + " W=" + f.vexW() + (f.usesVvvv() ? " vvvv" : "") : "";
            r.add(String.format("%-40s %-34s %-10s %-11s w=%d%s %s", f.name(), f.encoding(), f.feature(),
                    f.nacl(), f.writeMask(), vex, flags).stripTrailing());
        }
        return r;
    }

    @Test
    void listingIsUpToDate() throws IOException {
        String root = System.getProperty("jnbox.root", ".");
        Path file = Path.of(root, "emu/src/test/resources/decode/forms-listing.txt");
        List<String> now = listing();
        if (Boolean.getBoolean("jnbox.updateListing")) {
            Files.write(file, now, StandardCharsets.UTF_8);
        }
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                .as("forms-listing.txt is stale: rerun with -Djnbox.updateListing=true and review the diff")
                .isEqualTo(now);
    }
}
