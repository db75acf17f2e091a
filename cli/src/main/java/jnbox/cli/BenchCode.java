package jnbox.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jnbox.elf.validate.NexeText;

/**
 * The code the validator and decoder benchmarks read ({@code jnbox bench --validator/--decoder}
 * and the JMH module): real compiler output, the shared corpus IRT's text, when present, else the
 * text of every nexe in a folder; padded with hlt to bundles and repeated to a target size.
 *
 * @param bytes  the code, a whole number of bundles, starting at a bundle
 * @param source where it came from, for the report
 */
public record BenchCode(byte[] bytes, String source) {
    /** The pepper_49 IRT, relative to the shared folder (spec/README: real Google-built nexes). */
    public static final String IRT = "corpus/irt/irt_core_x86_64.pepper49.nexe";

    /**
     * @param text   a nexe whose text to use, or null for the default
     * @param shared the shared folder (holding {@link #IRT}), or null
     * @param dir    folder of nexes to use when neither is there
     * @param target size to repeat the text to (at least one copy is kept)
     */
    public static BenchCode load(Path text, Path shared, Path dir, int target) throws IOException {
        List<byte[]> pieces = new ArrayList<>();
        Path source = text;
        if (source == null && shared != null && Files.isRegularFile(shared.resolve(IRT))) source = shared.resolve(IRT);
        String from;
        if (source != null) {
            pieces.add(textOf(source));
            from = "text of " + source;
        } else {
            List<Path> nexes = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.nexe")) {
                for (Path p : ds) nexes.add(p);
            }
            nexes.sort(null);
            for (Path p : nexes) {
                try {
                    pieces.add(textOf(p));
                } catch (IllegalArgumentException skipped) {
                    // no single text segment (a broken fixture): not code to measure
                }
            }
            from = "text of the nexes in " + dir;
        }
        if (pieces.isEmpty()) throw new IOException("no nexe text found in " + dir);
        int one = pieces.stream().mapToInt(b -> b.length).sum();
        byte[] code = new byte[Math.max(one, target / one * one)];
        for (int at = 0; at < code.length; ) {
            for (byte[] p : pieces) {
                System.arraycopy(p, 0, code, at, p.length);
                at += p.length;
            }
        }
        return new BenchCode(code, from);
    }

    private static byte[] textOf(Path nexe) throws IOException {
        return NexeText.of(Files.readAllBytes(nexe)).paddedWithHlt();
    }
}
