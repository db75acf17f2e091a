package jnbox.emu.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance against the host's objdump: {@code reference.txt} (made by
 * {@code make-reference.sh}) lists encodings of every table form plus every instruction of the
 * NaCl validator tests, each with objdump's length and Intel-syntax text. The decoder must agree
 * on the length and the mnemonic, or fail where objdump says "(bad)". Deliberate differences are
 * listed with a reason in {@code known-failures.txt}.
 */
class DecoderReferenceTest {
    private static final Set<String> PREFIX_WORDS = Set.of("rep", "repz", "repnz", "repe", "repne",
            "lock", "data16", "addr32", "cs", "ds", "es", "ss", "fs", "gs", "notrack", "bnd",
            "xacquire", "xrelease", "{vex}", "{vex3}", "rex", "rex64");
    private static final Pattern SIZE_SUFFIX = Pattern.compile("(w|d|q|64)");
    private static final Pattern CMP_PRED = Pattern.compile("(v?cmp)\\w*(ps|pd|ss|sd)");
    private static final Pattern CLMUL = Pattern.compile("(v?pclmul)\\w*qdq");

    private static final List<KnownFailure> KNOWN = loadKnown();

    record KnownFailure(Pattern pattern, String reason) {
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> r = new ArrayList<>();
        try (BufferedReader in = open("reference.txt")) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) r.add(Arguments.of(line));
            }
        }
        assertThat(r).as("reference.txt cases").hasSizeGreaterThan(5000);
        return r.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithObjdump(String line) {
        String problem = check(line);
        KnownFailure k = KNOWN.stream().filter(f -> f.pattern.matcher(line).matches()).findFirst().orElse(null);
        if (k != null) {
            if (problem == null) fail("known failure now passes, remove it from known-failures.txt: " + k.pattern);
            return; // known: k.reason
        }
        if (problem != null) fail(problem);
    }

    /** Null when the decoder agrees with the reference line, else what differs. */
    static String check(String line) {
        String[] p = line.split("\\|", 3);
        byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(p[0]);
        int refLen = Integer.parseInt(p[1]);
        String text = p[2];
        Decoder d = new Decoder();
        Insn insn = d.decode(bytes, 0, bytes.length);
        String refMnemonic = mnemonic(text);
        if (refLen == 0 || refMnemonic.isEmpty()) {
            // objdump: "(bad)", or only a dangling prefix at the end of a NaCl test stream.
            if (insn == null) return null;
            return "objdump rejects it, decoder says " + insn + " (" + insn.op().name() + ")";
        }
        if (insn == null) return "decoder fails (" + d.error() + "), objdump: " + text;
        if (insn.length() != refLen) {
            return "length " + insn.length() + " vs objdump " + refLen + ": " + insn + " / " + text;
        }
        String mine = IntelFormatter.mnemonic(insn);
        if (!sameMnemonic(mine, refMnemonic, bytes)) {
            return "mnemonic " + mine + " (" + insn.op().name() + ") vs objdump " + text;
        }
        return null;
    }

    static String mnemonic(String objdumpText) {
        for (String t : objdumpText.trim().split("\\s+")) {
            if (PREFIX_WORDS.contains(t) || t.startsWith("rex.")) continue;
            int paren = t.indexOf('(');
            return paren > 0 ? t.substring(0, paren) : t; // "fneni(8087 only)"
        }
        return "";
    }

    /** objdump adds size suffixes (pushw, retfq, xsaves64) and predicate names (cmpeqps). */
    static boolean sameMnemonic(String mine, String ref, byte[] bytes) {
        if (mine.equals(ref)) return true;
        if (ref.startsWith(mine) && SIZE_SUFFIX.matcher(ref.substring(mine.length())).matches()) return true;
        var cm = CMP_PRED.matcher(ref);
        if (cm.matches() && mine.equals(cm.group(1) + cm.group(2))) return true;
        var cl = CLMUL.matcher(ref);
        if (cl.matches() && mine.equals(cl.group(1) + "qdq")) return true;
        // 66 90: the CPU treats it as nop, objdump as xchg ax,ax.
        return mine.equals("nop") && ref.equals("xchg") && bytes[bytes.length - 1] == (byte) 0x90;
    }

    private static List<KnownFailure> loadKnown() {
        List<KnownFailure> r = new ArrayList<>();
        try (BufferedReader in = open("known-failures.txt")) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] kv = line.split(" {2,}", 2);
                r.add(new KnownFailure(Pattern.compile(kv[0]), kv.length > 1 ? kv[1] : ""));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return r;
    }

    private static BufferedReader open(String name) throws IOException {
        InputStream s = DecoderReferenceTest.class.getResourceAsStream("/decode/" + name);
        if (s == null) throw new IOException("missing test resource decode/" + name);
        return new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8));
    }
}
