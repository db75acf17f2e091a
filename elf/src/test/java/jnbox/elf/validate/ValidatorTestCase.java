package jnbox.elf.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of NaCl's validator test files ({@code validator-tests/64/*.test}, format in
 * nacl-validator.md §8.1): sections named {@code @name:} with content lines indented by two spaces;
 * cases separated by lines of three or more dashes.
 */
record ValidatorTestCase(String name, Map<String, String> sections) {

    static List<ValidatorTestCase> load(Path file) throws IOException {
        List<ValidatorTestCase> cases = new ArrayList<>();
        List<String> current = new ArrayList<>();
        String base = file.getFileName().toString();
        for (String line : Files.readAllLines(file)) {
            if (line.matches("-{3,}\\s*")) {
                cases.add(parse(base + "#" + cases.size(), current));
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        if (current.stream().anyMatch(l -> !l.isBlank())) {
            cases.add(parse(base + "#" + cases.size(), current));
        }
        return cases;
    }

    private static ValidatorTestCase parse(String name, List<String> lines) {
        Map<String, String> sections = new LinkedHashMap<>();
        String field = null;
        StringBuilder sb = null;
        for (String line : lines) {
            if (line.startsWith("  ") || (line.isEmpty() && field != null)) {
                if (sb == null) {
                    throw new IllegalArgumentException(name + ": content before a section header");
                }
                sb.append(line.length() >= 2 ? line.substring(2) : "").append('\n');
            } else if (line.matches("@\\S+:")) {
                if (field != null) {
                    sections.put(field, sb.toString());
                }
                field = line.substring(1, line.length() - 1);
                sb = new StringBuilder();
            } else {
                throw new IllegalArgumentException(name + ": bad line '" + line + "'");
            }
        }
        if (field != null) {
            sections.put(field, sb.toString());
        }
        return new ValidatorTestCase(name, sections);
    }

    String section(String s) {
        String v = sections.get(s);
        if (v == null) {
            throw new IllegalArgumentException(name + ": no @" + s + " section");
        }
        return v;
    }

    /** Expected (offset, message) lines of {@code @rdfa_output}, warnings excluded. */
    List<String> expectedErrors() {
        List<String> out = new ArrayList<>();
        for (String line : section("rdfa_output").split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("return code:")) {
                continue;
            }
            int colon = line.indexOf(": ");
            long off = Long.parseLong(line.substring(0, colon), 16);
            String msg = line.substring(colon + 2);
            if (!msg.startsWith("warning - ")) {
                out.add(Long.toHexString(off) + ": " + msg);
            }
        }
        return out;
    }

    int expectedReturnCode() {
        for (String line : section("rdfa_output").split("\n")) {
            if (line.strip().startsWith("return code:")) {
                return Integer.parseInt(line.strip().substring("return code:".length()).strip());
            }
        }
        throw new IllegalArgumentException(name + ": no return code");
    }
}
