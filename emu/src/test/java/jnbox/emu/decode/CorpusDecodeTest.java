package jnbox.emu.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real code: decodes every instruction of the code sections of corpus nexes (read from
 * {@code ../shared/corpus}, skipped when absent) and checks the length and mnemonic against
 * objdump's, recorded in {@code corpus-reference.txt.gz} by {@code make-reference.sh}.
 */
class CorpusDecodeTest {
    record Section(String name, int fileOffset, int size, List<String> insns) {
    }

    static Stream<Arguments> files() throws IOException {
        Map<String, List<Section>> files = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        try (BufferedReader in = DecoderReferenceTest.open("corpus-reference.txt.gz")) {
            List<Section> cur = null;
            Section sec = null;
            for (String line; (line = in.readLine()) != null; ) {
                String[] w = line.split(" ");
                if (w[0].equals("@file")) {
                    cur = new ArrayList<>();
                    files.put(w[1], cur);
                    hashes.put(w[1], w[2]);
                } else if (w[0].equals("@section")) {
                    sec = new Section(w[1], Integer.parseInt(w[2]), Integer.parseInt(w[3]), new ArrayList<>());
                    cur.add(sec);
                } else {
                    sec.insns().add(line);
                }
            }
        }
        assertThat(files).isNotEmpty();
        return files.entrySet().stream().map(e -> Arguments.of(e.getKey(), hashes.get(e.getKey()), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void decodesLikeObjdump(String rel, String sha256, List<Section> sections) throws Exception {
        Path shared = Path.of(System.getProperty("jnbox.shared", "../shared"));
        Path file = shared.resolve("corpus").resolve(rel);
        Assumptions.assumeTrue(Files.isReadable(file), "corpus file absent: " + file);
        byte[] data = Files.readAllBytes(file);
        Assumptions.assumeTrue(sha256.equals(sha256(data)), "corpus file differs from the recorded one: " + file);
        Decoder d = new Decoder();
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (Section s : sections) {
            int off = s.fileOffset();
            int end = s.fileOffset() + s.size();
            for (String row : s.insns()) {
                String[] w = row.split(" ", 2);
                int len = Integer.parseInt(w[0]);
                String mnemonic = w[1];
                int n = Math.max(len, 1);
                String hex = HexFormat.ofDelimiter(" ").formatHex(data, off, Math.min(off + 15, end));
                String line = hex + "|" + len + "|" + mnemonic;
                Insn insn = d.decode(data, off, end);
                String problem = null;
                if (len == 0) {
                    if (insn != null) problem = "objdump (bad), decoder " + insn;
                } else if (insn == null) {
                    problem = "decoder fails (" + d.error() + "), objdump " + mnemonic;
                } else if (insn.length() != len) {
                    problem = "length " + insn.length() + " vs objdump " + len + " (" + insn + ")";
                } else if (!DecoderReferenceTest.sameMnemonic(IntelFormatter.mnemonic(insn), mnemonic,
                        java.util.Arrays.copyOfRange(data, off, off + len), len)) {
                    problem = "mnemonic " + IntelFormatter.mnemonic(insn) + " vs objdump " + mnemonic;
                }
                if (problem != null && !DecoderReferenceTest.knownFailure(line)) {
                    problems.add(String.format("%s+0x%x: %s  [%s]", s.name(), off - s.fileOffset(), problem, hex));
                }
                off += n;
                count++;
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " of " + count + " instructions differ:\n"
                    + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
        }
    }

    private static String sha256(byte[] b) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
