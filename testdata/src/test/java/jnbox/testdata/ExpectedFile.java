package jnbox.testdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code testdata/expected/NAME.expected} file: how to run {@code testdata/nexe/NAME.nexe} and
 * what it must print. Format (testdata/README.md): {@code key: value} lines, {@code #} comments,
 * then {@code stdout:} followed by lines starting with {@code |} (each is the text after the bar
 * plus a newline), or {@code stdout: any}. Words of {@code options}/{@code args} are separated
 * by spaces and unescaped: {@code \s} space, {@code \n}, {@code \t}, {@code \\}, {@code \xHH},
 * {@code \e} the empty string.
 */
record ExpectedFile(String name, Map<String, String> fields, String stdout) {

    static ExpectedFile read(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".expected".length());
        Map<String, String> fields = new LinkedHashMap<>();
        StringBuilder out = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (out != null) {
                if (line.startsWith("|")) {
                    out.append(line, 1, line.length()).append('\n');
                }
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IOException(file + ": line without a key: " + line);
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("stdout") && value.isEmpty()) {
                out = new StringBuilder();
            } else {
                fields.put(key, value);
            }
        }
        String stdout = out != null ? out.toString() : fields.getOrDefault("stdout", "any");
        return new ExpectedFile(name, fields, stdout);
    }

    boolean isFixture() {
        return "fixture".equals(fields.get("kind"));
    }

    boolean checksStdout() {
        return !"any".equals(stdout);
    }

    int exit() {
        return Integer.parseInt(fields.getOrDefault("exit", "0"));
    }

    /** jnbox run options, with {tmp} and {root} replaced. */
    List<String> options(Path tmp, Path root) {
        return words(fields.getOrDefault("options", ""), tmp, root);
    }

    List<String> args(Path tmp, Path root) {
        return words(fields.getOrDefault("args", ""), tmp, root);
    }

    byte[] stdin() {
        return unescape(fields.getOrDefault("stdin", "")).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> words(String text, Path tmp, Path root) {
        List<String> words = new ArrayList<>();
        for (String w : text.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(unescape(w).replace("{tmp}", tmp.toString()).replace("{root}", root.toString()));
            }
        }
        return words;
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 's' -> b.append(' ');
                case 'e' -> { }
                case 'x' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }
}
