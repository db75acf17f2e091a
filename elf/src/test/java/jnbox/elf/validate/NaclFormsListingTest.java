package jnbox.elf.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jnbox.emu.decode.Forms;
import jnbox.emu.decode.OpForm;
import org.junit.jupiter.api.Test;

/**
 * The accepted set (style item 9): every row of the decoder's table that the validator decodes,
 * with the facts its checks use, is checked in as {@code validate/nacl-forms-listing.txt}. A change
 * to the table or to {@link NaclPolicy} shows in the diff as forms entering or leaving NaCl's
 * language or changing prefix, VEX, feature or write facts. Regenerate with
 * {@code -Djnbox.updateListing=true}. A change detector; correctness comes from
 * {@link NaclValidatorSuiteTest} and {@link NcvalDifferentialTest}.
 *
 * <p>When the validator moved from its own table to the decoder's, an encoding sweep (every opcode
 * of every map x ModRM shapes x legacy prefixes x REX x VEX L/W/pp/vvvv/RXB) compared the two.
 * Differences resolved from NaCl's .def files: loop/loope/loopne are accepted (the decoder had
 * them forbidden); call/jmp Ev, extrq with immediates and vcmpsd are forbidden (the decoder had them
 * accepted); the rows in {@link NaclPolicy} (vvvv-free VEX rows, vmovss/vmovsd register forms with
 * L=1, vpslldq/vpsrldq 128-bit W0, vextractps memory-only, 32/64-bit-only bswap/popcnt/lzcnt/tzcnt/
 * nop Ev, cmpxchg writing its register operand, NaCl's feature for setcc/fcomi/fisttp/...). One
 * harmless difference remains: pextrb/pextrw/extractps with REX.W write a 64-bit register in NaCl's
 * listing (Ry) and a 32-bit one in the decoder's (Ed/Gd); neither zero-extends, so the checks agree.
 */
class NaclFormsListingTest {
    static List<String> listing() {
        List<String> r = new ArrayList<>();
        for (OpForm op : Forms.all()) {
            NaclForm f = NaclForm.of(op);
            if (f == null) {
                continue;
            }
            StringBuilder s = new StringBuilder(String.format("%-40s %-34s %-12s", op.name(), op.encoding(),
                    f.feature == null ? "-" : f.feature + (f.featureL1 != null ? "/" + f.featureL1 : "")));
            s.append(f.allowsData16 ? " o16" : "").append(f.allowsW64 ? " w64" : "")
                    .append(f.rexW >= 0 ? " rexw=" + f.rexW : "").append(f.noRex ? " norex" : "")
                    .append(f.lock ? " lock" : "").append(f.hint ? " hint" : "")
                    .append(op.isVex() ? " L=" + f.vexL + " W=" + f.vexW + (NaclPolicy.vvvvFree(op) ? " vvvv-free" : "") : "")
                    .append(f.memoryOnly ? " mem-only" : "").append(f.is4 ? " is4" : "")
                    .append(f.rel != 0 ? " rel" + f.rel : "").append(f.call ? " call" : "")
                    .append(f.zeroExtends ? " zx" : "").append(f.noMemoryAccess ? " nomem" : "")
                    .append(f.modifiable ? " modifiable" : "").append(f.unsupported ? " nontemporal" : "");
            for (int i = 0; i < f.nWrites; i++) {
                s.append(" writes=").append(i == 0 ? f.wSrc0 : f.wSrc1).append('/').append(i == 0 ? f.wSize0 : f.wSize1);
            }
            r.add(s.toString());
        }
        return r;
    }

    @Test
    void listingIsUpToDate() throws IOException {
        String root = System.getProperty("jnbox.root", ".");
        Path file = Path.of(root, "elf/src/test/resources/validate/nacl-forms-listing.txt");
        List<String> now = listing();
        if (Boolean.getBoolean("jnbox.updateListing")) {
            Files.write(file, now, StandardCharsets.UTF_8);
        }
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                .as("nacl-forms-listing.txt is stale: rerun with -Djnbox.updateListing=true and review the diff")
                .isEqualTo(now);
    }
}
