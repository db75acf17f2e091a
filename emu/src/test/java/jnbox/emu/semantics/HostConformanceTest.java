package jnbox.emu.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every row of {@code semantics/alu.txt} (results and flags measured on the host CPU by
 * {@code gen_alu.sh}) on the semantics library: one dynamic test per mnemonic and size. Flags the
 * SDM calls undefined are masked (see {@link HostReference#exec}).
 */
class HostConformanceTest {
    private static final List<HostReference.Row> ROWS = HostReference.rows();

    @TestFactory
    Stream<DynamicTest> everyHostRowMatches() {
        Map<String, List<HostReference.Row>> groups = new LinkedHashMap<>();
        for (var r : ROWS) groups.computeIfAbsent(r.mnemonic() + "/" + r.size(), k -> new ArrayList<>()).add(r);
        return groups.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<String> bad = new ArrayList<>();
            for (var r : e.getValue()) {
                String m = HostReference.check(r);
                if (m != null) bad.add(m);
            }
            assertThat(bad).as("%d of %d rows differ", bad.size(), e.getValue().size()).isEmpty();
        }));
    }

    @Test
    void referenceCoversEveryFamily() {
        var names = ROWS.stream().map(HostReference.Row::mnemonic).distinct().toList();
        assertThat(names).contains("add", "adc", "sub", "sbb", "and", "or", "xor", "cmp", "test", "inc", "dec",
                "neg", "not", "shl", "shr", "sar", "rol", "ror", "rcl", "rcr", "shld", "shrd", "mul", "imul1", "imul",
                "div", "idiv", "bt", "bts", "btr", "btc", "bsf", "bsr", "popcnt", "lzcnt", "tzcnt", "bswap");
        assertThat(ROWS.size()).isGreaterThan(50_000);
    }
}
