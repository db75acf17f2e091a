package jnbox.emu.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The transcendental rows of {@code x87/x87.txt} (fsin, fcos, fptan, fpatan, f2xm1, fyl2x, fyl2xp1
 * run on the host CPU, every PC and RC) against {@link Float80Transcendental}. The x87 is not
 * correctly rounded, so the result may differ by at most {@link #MAX_ULPS} units in the last place
 * (of the 64-bit significand: PC does not apply); the exception flags other than PE, and the sign, must match exactly.
 * The measured distribution is printed.
 */
class Float80TranscendentalHostTest {
    static final Set<String> OPS = Set.of("sin", "cos", "tan", "atan", "f2xm1", "yl2x", "yl2xp1");
    static final int MAX_ULPS = 1;

    private static BigInteger key(long se, long m) {
        return BigInteger.valueOf(se & 0x7FFF).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(m)));
    }

    @TestFactory
    Stream<DynamicTest> everyHostRowWithinOneUlp() {
        Map<String, List<Float80HostTest.Row>> groups = new LinkedHashMap<>();
        for (var r : Float80HostTest.ROWS) if (OPS.contains(r.op())) groups.computeIfAbsent(r.op(), k -> new ArrayList<>()).add(r);
        assertThat(groups.keySet()).containsExactlyInAnyOrderElementsOf(OPS);
        return groups.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<String> bad = new ArrayList<>();
            int[] hist = new int[4];
            for (var r : e.getValue()) {
                var o = new Float80.Out();
                switch (r.op()) {
                    case "sin" -> Float80Transcendental.trig(Float80Transcendental.SIN, r.ase(), r.am(), r.cw(), o);
                    case "cos" -> Float80Transcendental.trig(Float80Transcendental.COS, r.ase(), r.am(), r.cw(), o);
                    case "tan" -> Float80Transcendental.trig(Float80Transcendental.TAN, r.ase(), r.am(), r.cw(), o);
                    case "atan" -> Float80Transcendental.atan2(r.bse(), r.bm(), r.ase(), r.am(), r.cw(), o);
                    case "f2xm1" -> Float80Transcendental.f2xm1(r.ase(), r.am(), r.cw(), o);
                    default -> Float80Transcendental.yl2x(r.bse(), r.bm(), r.ase(), r.am(), r.op().equals("yl2xp1"), r.cw(), o);
                }
                int p = 64; // PC does not apply to these
                BigInteger d = key(o.se, o.mant).subtract(key(r.rhi(), r.rlo())).abs().shiftRight(64 - p);
                boolean sameSign = ((o.se ^ r.rhi()) & 0x8000) == 0;
                int flagsMask = 0x1F; // PE and C1 follow the (possibly different) rounding
                int ulps = d.bitLength() > 30 ? Integer.MAX_VALUE : d.intValue();
                hist[Math.min(ulps, 3)]++;
                if (!sameSign || ulps > MAX_ULPS || (o.flags & flagsMask) != (r.fsw() & flagsMask)) {
                    bad.add(String.format("%s -> got %04x %016x flags %02x (%s ulps)", r.line(), o.se, o.mant, o.flags & 0x3F,
                            ulps == Integer.MAX_VALUE ? "many" : ulps));
                }
            }
            System.out.printf("x87 %s vs host: %d exact, %d at 1 ulp, %d at 2 ulps, %d further%n", e.getKey(), hist[0], hist[1],
                    hist[2], hist[3]);
            assertThat(bad).as("%d of %d rows differ by more than %d ulp", bad.size(), e.getValue().size(), MAX_ULPS).isEmpty();
        }));
    }
}
