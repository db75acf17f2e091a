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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance against the host's objdump: {@code reference.txt.gz} (made by
 * {@code make-reference.sh}) lists encodings of every table form, an opcode sweep of every map
 * and every instruction of the NaCl validator tests, each with objdump's length and its Intel and
 * AT&T text (operands compared in both syntaxes, {@link Insn#toIntel()} and {@link Insn#toString()}). The decoder must agree
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

    private static final List<KnownFailure> KNOWN = loadKnown("known-failures.txt");
    private static final List<KnownFailure> OPERAND_EXCEPTIONS = loadKnown("operand-exceptions.txt");

    record KnownFailure(Pattern pattern, String reason) {
    }

    /** Cases grouped by objdump's mnemonic (one test per mnemonic keeps the run short). */
    static Stream<Arguments> cases() throws IOException {
        Map<String, List<String>> groups = new TreeMap<>();
        int n = 0;
        try (BufferedReader in = open("reference.txt.gz")) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) continue;
                String[] p = line.split("\\|", 4);
                String key = p[1].equals("0") ? "(bad)" : mnemonic(p[2]);
                groups.computeIfAbsent(key.isEmpty() ? "(prefix only)" : key, k -> new ArrayList<>()).add(line);
                n++;
            }
        }
        assertThat(n).as("reference.txt cases").isGreaterThan(20000);
        return groups.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithObjdump(String objdumpMnemonic, List<String> lines) {
        List<String> problems = new ArrayList<>();
        for (String line : lines) {
            String problem = check(line);
            if (problem == SKIP) continue;
            KnownFailure k = KNOWN.stream().filter(f -> f.pattern.matcher(line).matches()).findFirst().orElse(null);
            if (k != null) {
                if (problem == null) problems.add("known failure now passes (remove " + k.pattern + "): " + line);
            } else if (problem != null) {
                problems.add(problem + "   [" + line + "]");
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " of " + lines.size() + " cases differ:\n"
                    + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
        }
    }

    /** Returned by {@link #check} for lines objdump cannot judge. */
    static final String SKIP = new String("skip");

    /** Null when the decoder agrees with the reference line, {@link #SKIP}, or what differs. */
    static String check(String line) {
        String[] p = line.split("\\|", 4);
        byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(p[0]);
        int refLen = Integer.parseInt(p[1]);
        String text = p[2];
        String att = p.length > 3 ? p[3] : "";
        Decoder d = new Decoder();
        Insn insn = d.decode(bytes, 0, bytes.length);
        String refMnemonic = mnemonic(text);
        if (refMnemonic.isEmpty() && refLen > 0 && refLen < bytes.length) {
            // objdump prints redundant prefixes (a REX before another prefix, repeats) as a
            // separate prefix-only line; the CPU makes them part of the next instruction.
            return SKIP;
        }
        if (refLen == 0 || refMnemonic.isEmpty()) {
            // objdump: "(bad)", or only prefixes up to the end of the bytes.
            if (insn == null) return null;
            return "objdump rejects it, decoder says " + insn + " (" + insn.op().name() + ")";
        }
        if (insn == null) return "decoder fails (" + d.error() + "), objdump: " + text;
        if (insn.length() != refLen) {
            return "length " + insn.length() + " vs objdump " + refLen + ": " + insn + " / " + text;
        }
        String mine = IntelFormatter.mnemonic(insn);
        if (!sameMnemonic(mine, refMnemonic, bytes, refLen)) {
            return "mnemonic " + mine + " (" + insn.op().name() + ") vs objdump " + text;
        }
        // Operands (registers, memory base/index/scale/disp, immediates) via the formatter;
        // relative branches are skipped (objdump prints absolute targets).
        if (!insn.op().isRelativeBranch() && OPERAND_EXCEPTIONS.stream().noneMatch(f -> f.pattern.matcher(line).matches())) {
            String refOps = operands(text.replaceAll("\\s+#.*$", ""));
            String myOps = operands(insn.toIntel());
            if (!refOps.equals(myOps)) return "operands '" + myOps + "' (" + insn.op().name() + ") vs objdump '" + refOps + "'";
            String refAtt = operands(att.replaceAll("\\s+#.*$", ""));
            String myAtt = operands(insn.toString());
            if (!refAtt.equals(myAtt)) return "AT&T operands '" + myAtt + "' (" + insn.op().name() + ") vs objdump '" + refAtt + "'";
        }
        return null;
    }

    /** The text after the mnemonic, prefix words and objdump's "(8087 only)" notes removed. */
    static String operands(String text) {
        String[] w = text.replaceAll("\\(\\d+ only\\)", "").trim().split("\\s+");
        int k = 0;
        while (k < w.length && (PREFIX_WORDS.contains(w[k]) || w[k].startsWith("rex."))) k++;
        return String.join(" ", java.util.Arrays.copyOfRange(w, Math.min(k + 1, w.length), w.length));
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
    static boolean sameMnemonic(String mine, String ref, byte[] bytes, int len) {
        if (mine.equals(ref)) return true;
        if (ref.startsWith(mine) && SIZE_SUFFIX.matcher(ref.substring(mine.length())).matches()) return true;
        var cm = CMP_PRED.matcher(ref);
        if (cm.matches() && mine.equals(cm.group(1) + cm.group(2))) return true;
        var cl = CLMUL.matcher(ref);
        if (cl.matches() && mine.equals(cl.group(1) + "qdq")) return true;
        // 66 90: the CPU treats it as nop, objdump as xchg ax,ax.
        return mine.equals("nop") && ref.equals("xchg") && bytes[len - 1] == (byte) 0x90;
    }

    private static List<KnownFailure> loadKnown(String file) {
        List<KnownFailure> r = new ArrayList<>();
        try (BufferedReader in = open(file)) {
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

    static BufferedReader open(String name) throws IOException {
        InputStream s = DecoderReferenceTest.class.getResourceAsStream("/decode/" + name);
        if (s == null) throw new IOException("missing test resource decode/" + name);
        if (name.endsWith(".gz")) s = new GZIPInputStream(s);
        return new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8));
    }

    /** True if a known-failures.txt entry matches {@code line}. */
    static boolean knownFailure(String line) {
        return KNOWN.stream().anyMatch(f -> f.pattern.matcher(line).matches());
    }
}
