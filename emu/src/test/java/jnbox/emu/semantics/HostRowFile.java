package jnbox.emu.semantics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The line format shared by the host-CPU row files (gen_*.py): {@code #} comments, then
 * {@code fields... | text}, where the fields are space-separated and mostly hex. One reader for all
 * the host-data tests; {@code .gz} resources are decompressed.
 */
public final class HostRowFile {
    private HostRowFile() {}

    /** One data line: its space-separated fields (before " | "), the text after it, its 1-based line number. */
    public record Line(String[] f, String text, int line) {
        /** Field {@code i} read as unsigned hex. */
        public long h(int i) { return Long.parseUnsignedLong(f[i], 16); }
    }

    public static List<Line> read(Class<?> owner, String resource) throws IOException {
        InputStream in = owner.getResourceAsStream(resource);
        if (in == null) throw new IOException("missing test resource " + resource);
        if (resource.endsWith(".gz")) in = new GZIPInputStream(in);
        List<Line> out = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String s;
            int line = 0;
            while ((s = r.readLine()) != null) {
                line++;
                if (s.startsWith("#")) continue;
                int bar = s.indexOf(" | ");
                out.add(new Line(s.substring(0, bar).split(" "), s.substring(bar + 3), line));
            }
        }
        return out;
    }
}
