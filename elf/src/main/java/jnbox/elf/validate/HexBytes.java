package jnbox.elf.validate;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes written as in the {@code @hex} sections of NaCl's validator tests: hex pairs separated by
 * blanks, {@code #} comments, and one instruction (or superinstruction) per line unless the line
 * ends with {@code \\}, which continues the chunk on the next line.
 */
public final class HexBytes {
    private final byte[] bytes;
    private final int[] chunkEnds;

    private HexBytes(byte[] bytes, int[] chunkEnds) {
        this.bytes = bytes;
        this.chunkEnds = chunkEnds;
    }

    /** Parses the text; throws IllegalArgumentException naming the bad token. */
    public static HexBytes parse(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> ends = new ArrayList<>();
        boolean open = false;
        for (String raw : text.split("\n", -1)) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean continued = line.endsWith("\\\\");
            if (continued) {
                line = line.substring(0, line.length() - 2).strip();
            }
            for (String tok : line.split("\\s+")) {
                if (tok.isEmpty()) {
                    continue;
                }
                if (tok.length() != 2 || Character.digit(tok.charAt(0), 16) < 0
                        || Character.digit(tok.charAt(1), 16) < 0) {
                    throw new IllegalArgumentException("not a hex byte: '" + tok + "'");
                }
                out.write(Integer.parseInt(tok, 16));
                open = true;
            }
            if (!continued && open) {
                ends.add(out.size());
                open = false;
            }
        }
        if (open) {
            ends.add(out.size());
        }
        return new HexBytes(out.toByteArray(), ends.stream().mapToInt(Integer::intValue).toArray());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** End offsets of the chunks (instructions or superinstructions), in order. */
    public int[] chunkEnds() {
        return chunkEnds.clone();
    }

    /** The bytes padded with 0x90 to a whole number of bundles, as NaCl's test harness does. */
    public byte[] paddedToBundle() {
        int n = (bytes.length + Validator.BUNDLE_SIZE - 1) / Validator.BUNDLE_SIZE * Validator.BUNDLE_SIZE;
        byte[] out = java.util.Arrays.copyOf(bytes, n);
        java.util.Arrays.fill(out, bytes.length, n, (byte) 0x90);
        return out;
    }
}
