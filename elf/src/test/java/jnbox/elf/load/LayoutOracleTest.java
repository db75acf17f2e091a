package jnbox.elf.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import jnbox.elf.image.ElfBuilder;
import jnbox.elf.image.ElfImage;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Derived layout values and protected regions against what Google's sel_ldr logged for the same
 * program headers (testdata/broken-elf/layouts.txt, written by record-layouts.py).
 */
class LayoutOracleTest {
    private static final Path FILE = Path.of(System.getProperty("jnbox.root", ".."), "testdata", "broken-elf", "layouts.txt");

    @TestFactory
    Stream<DynamicTest> layoutsMatchSelLdr() throws IOException {
        return Files.readAllLines(FILE).stream().filter(l -> !l.startsWith("#") && !l.isBlank()).map(line -> {
            String[] cols = line.split("\t");
            return DynamicTest.dynamicTest(cols[0], () -> check(cols[0], values(cols[1])));
        });
    }

    private static Map<String, String> values(String s) {
        Map<String, String> m = new HashMap<>();
        for (String kv : s.split(" ")) {
            String[] p = kv.split("=", 2);
            m.put(p[0], p[1]);
        }
        return m;
    }

    private static long hex(String s) { return Long.parseLong(s.substring(2), 16); }

    private static long[] nums(String s) {
        String[] p = s.split("/");
        long[] r = new long[p.length];
        for (int i = 0; i < p.length; i++) r[i] = hex(p[i]);
        return r;
    }

    private static ElfBuilder build(String spec) {
        Map<String, String> s = values(spec);
        ElfBuilder b = s.get("class").equals("32") ? ElfBuilder.elf32() : new ElfBuilder();
        long[] t = nums(s.get("text"));
        b.phdrs.set(0, new ElfBuilder.Phdr(1, 5, ElfBuilder.BODY_OFFSET, 0x20000, t[0], t[1], 0x10000));
        if (s.containsKey("rodata")) {
            long[] r = nums(s.get("rodata"));
            b.rodata(r[0], Math.min(r[1], 0x20), r[1]);
        }
        if (s.containsKey("data")) {
            long[] d = nums(s.get("data"));
            b.data(d[0], d[1], d[2]);
        }
        b.body = java.util.Arrays.copyOf(ElfBuilder.VALID_CODE, (int) Math.max(t[0], 0x10000));
        java.util.Arrays.fill(b.body, ElfBuilder.VALID_CODE.length, b.body.length, (byte) 0xF4);
        return b;
    }

    private static void check(String spec, Map<String, String> want) throws Exception {
        ElfBuilder b = build(spec);
        NexeLayout l = NexeLayout.of(ElfImage.parse(b.source()));
        l.checkDynamicText();
        l.checkHaltSled();
        assertThat(l.paddedTextEnd()).as("static_text_end").isEqualTo(hex(want.get("static_text_end")));
        assertThat(l.dynamicTextStart()).as("dynamic_text_start").isEqualTo(hex(want.get("dynamic_text_start")));
        assertThat(l.dynamicTextEnd()).as("dynamic_text_end").isEqualTo(hex(want.get("dynamic_text_end")));
        assertThat(l.rodataStart()).as("rodata_start").isEqualTo(hex(want.get("rodata_start")));
        assertThat(l.dataStart()).as("data_start").isEqualTo(hex(want.get("data_start")));
        assertThat(l.breakAddr()).as("data_end").isEqualTo(hex(want.get("data_end")));
        assertThat(l.breakAddr()).as("break_addr").isEqualTo(hex(want.get("break_addr")));

        Map<String, String> got = new HashMap<>();
        for (MemoryRegion r : NexeLoader.regions(l)) {
            String v = "0x" + Long.toHexString(r.start()) + "+0x" + Long.toHexString(r.size());
            switch (r.kind()) {
                case RODATA -> got.put("rodata_region", v);
                case DATA -> { if (l.hasData()) got.put("data_region", v); }
                case STACK -> got.put("stack_region", v);
                default -> { }
            }
        }
        // sel_ldr maps trampolines and text as one R+X region, and logs an empty shm region too.
        got.put("text_region", "0x10000+0x" + Long.toHexString(l.paddedTextEnd() - 0x10000));
        got.put("dyntext_region", "0x" + Long.toHexString(l.dynamicTextStart()) + "+0x" + Long.toHexString(l.dynamicTextEnd() - l.dynamicTextStart()));
        for (String k : new String[] {"text_region", "dyntext_region", "rodata_region", "data_region", "stack_region"}) {
            assertThat(got.get(k)).as(k).isEqualTo(want.get(k));
        }

        long mapped = NexeLoader.regions(l).stream().filter(r -> r.kind() != MemoryRegion.Kind.DYNAMIC_TEXT).mapToLong(MemoryRegion::size).sum();
        if (mapped > 256L << 20) return; // far-apart segments: the region checks above are enough
        SandboxMemory m = new SandboxMemory();
        new NexeLoader(null, ValidationMode.SKIP).load(b.source(), m);
        assertThat(m.protOf(0x20000)).isEqualTo(Prot.RX);
        assertThat(m.protOf(l.paddedTextEnd() - 1)).isEqualTo(Prot.RX);
        if (l.hasRodata()) assertThat(m.protOf(l.rodataStart())).isEqualTo(Prot.READ);
        if (l.hasData()) assertThat(m.protOf(l.dataRegionEnd() - 1)).isEqualTo(Prot.RW);
        // The pages below the initial break are usable in every case (sel_ldr leaves them RW or R).
        assertThat(m.isMapped(NexeLayout.roundAlloc(l.breakAddr()) - 1)).isTrue();
        assertThat(m.isMapped(NexeLayout.roundAlloc(l.breakAddr()))).isFalse();
    }
}
