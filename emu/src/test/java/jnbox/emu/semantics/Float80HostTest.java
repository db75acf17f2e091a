package jnbox.emu.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the exactly-rounded operations of {@code x87/x87.txt} (each operation run on the host CPU's x87 by {@code gen_x87.sh}, all
 * exceptions masked, every PC and RC) on {@link Float80}: result bits and the FSW exception flags
 * and C1 (plus C0/C2/C3 for compares) must match exactly. One dynamic test per operation.
 */
class Float80HostTest {
    record Row(String op, int cw, int ase, long am, int bse, long bm, long rhi, long rlo, int fsw, String line) {}

    static final List<Row> ROWS = load();

    private static List<Row> load() {
        var in = Float80HostTest.class.getResourceAsStream("/x87/x87.txt");
        if (in == null) throw new IllegalStateException("x87/x87.txt missing");
        List<Row> rows = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String l; (l = r.readLine()) != null; ) {
                if (l.startsWith("#") || l.isBlank()) continue;
                String[] f = l.split(" ");
                rows.add(new Row(f[0], hexI(f[1]), hexI(f[2]), hexL(f[3]), hexI(f[4]), hexL(f[5]), hexL(f[6]),
                        hexL(f[7]), hexI(f[8]), l));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static int hexI(String s) { return Integer.parseUnsignedInt(s, 16); }

    private static long hexL(String s) { return Long.parseUnsignedLong(s, 16); }

    private static final int EXC = 0x3F | Float80.C1, CC = 0x4700;

    /** Null when the row matches, else a description. */
    static String check(Row r) {
        var o = new Float80.Out();
        long hi, lo;
        int mask = EXC;
        switch (r.op) {
            case "add" -> Float80.add(r.ase, r.am, r.bse, r.bm, r.cw, o);
            case "sub" -> Float80.sub(r.ase, r.am, r.bse, r.bm, r.cw, o);
            case "mul" -> Float80.mul(r.ase, r.am, r.bse, r.bm, r.cw, o);
            case "div" -> Float80.div(r.ase, r.am, r.bse, r.bm, r.cw, o);
            case "sqrt" -> Float80.sqrt(r.ase, r.am, r.cw, o);
            case "rndint" -> Float80.roundToInt(r.ase, r.am, r.cw, o);
            case "scale" -> Float80.scale(r.ase, r.am, r.bse, r.bm, r.cw, o);
            case "prem", "prem1" -> {
                int cc = Float80.remainder(r.ase, r.am, r.bse, r.bm, r.op.equals("prem1"), o);
                o.flags = o.flags & ~Float80.C1 | Math.max(cc, 0); // the host rows start from fninit: C bits 0
                mask = EXC | CC;
            }
            case "ld32" -> Float80.fromFloat32((int) r.am, o);
            case "ld64" -> Float80.fromFloat64(r.am, o);
            case "ild64" -> Float80.fromInt(r.am, o);
            case "bld" -> Float80.fromBcd(r.am, r.ase, o);
            case "bstp" -> Float80.toBcd(r.ase, r.am, r.cw, o);
            case "fcom", "fucom" -> {
                int c = Float80.compare(r.ase, r.am, r.bse, r.bm, r.op.equals("fucom"), o);
                o.flags |= X87Flags.compareCodes(c);
                o.se = 0;
                o.mant = 0;
                mask = EXC | CC;
            }
            case "st32" -> { Float80.toFloat32(r.ase, r.am, r.cw, o); o.se = 0; }
            case "st64" -> { Float80.toFloat64(r.ase, r.am, r.cw, o); o.se = 0; }
            default -> {
                boolean trunc = r.op.startsWith("istt");
                int bits = Integer.parseInt(r.op.substring(trunc ? 4 : 3));
                long v = Float80.toInt(r.ase, r.am, r.cw, bits, trunc, o);
                o.se = 0;
                o.mant = bits == 64 ? v : v & ((1L << bits) - 1);
            }
        }
        hi = o.se & 0xFFFF;
        lo = o.mant;
        int got = o.flags & mask, want = r.fsw & mask;
        if (hi == r.rhi && lo == r.rlo && got == want) return null;
        return String.format("%s -> got %x %016x fsw %04x", r.line, hi, lo, got);
    }

    @TestFactory
    Stream<DynamicTest> everyHostRowMatches() {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (var r : ROWS) {
            if (!Float80TranscendentalHostTest.OPS.contains(r.op)) groups.computeIfAbsent(r.op, k -> new ArrayList<>()).add(r);
        }
        return groups.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<String> bad = new ArrayList<>();
            for (var r : e.getValue()) {
                String m = check(r);
                if (m != null) bad.add(m);
            }
            assertThat(bad).as("%d of %d rows differ", bad.size(), e.getValue().size()).isEmpty();
        }));
    }

    @Test
    void referenceCoversEveryOperation() {
        assertThat(ROWS.stream().map(Row::op).distinct().toList()).contains("add", "sub", "mul", "div", "sqrt",
                "rndint", "scale", "prem", "prem1", "fcom", "fucom", "st32", "st64", "ist16", "ist32", "ist64", "istt16", "istt32", "istt64",
                "ld32", "ld64", "ild64", "bld", "bstp");
        assertThat(ROWS.size()).isGreaterThan(15_000);
    }
}
