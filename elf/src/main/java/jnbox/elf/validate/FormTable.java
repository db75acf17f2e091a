package jnbox.elf.validate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The validator's instruction table, read from {@code nacl-x86-64.forms} (format described at the top
 * of that file) and indexed by opcode map and opcode byte.
 */
final class FormTable {
    private static final Form[] NONE = new Form[0];
    private static final FormTable INSTANCE = load();

    private final Form[][] byKey = new Form[Form.MAP_COUNT * 256][];
    // The same lists narrowed by ModRM.reg (forms without /digit appear under every reg value).
    // Per opcode: NO_FORMS, NO_MODRM or HAS_MODRM, so the decoder needs one lookup in the hot path.
    static final byte NO_FORMS = 0, NO_MODRM = 1, HAS_MODRM = 2;
    private final byte[] kind = new byte[Form.MAP_COUNT * 256];
    private final Form[][] byKeyReg = new Form[Form.MAP_COUNT * 256 * 8][];
    private final List<Form> all;

    private FormTable(List<Form> forms) {
        this.all = List.copyOf(forms);
        @SuppressWarnings("unchecked")
        List<Form>[] lists = new List[byKey.length];
        for (Form f : forms) {
            int n = f.opcodeReg ? 8 : 1;
            for (int r = 0; r < n; r++) {
                int key = f.map * 256 + f.opcode + r;
                if (lists[key] == null) {
                    lists[key] = new ArrayList<>();
                }
                lists[key].add(f);
            }
        }
        for (int i = 0; i < byKey.length; i++) {
            byKey[i] = lists[i] == null ? NONE : lists[i].toArray(NONE);
            boolean modrm = byKey[i].length > 0 && byKey[i][0].hasModrm;
            kind[i] = byKey[i].length == 0 ? NO_FORMS : modrm ? HAS_MODRM : NO_MODRM;
            for (Form f : byKey[i]) {
                if (f.hasModrm != modrm) {
                    throw new IllegalStateException("forms of one opcode must agree on ModRM: " + f);
                }
            }
            for (int reg = 0; reg < 8; reg++) {
                List<Form> narrowed = new ArrayList<>();
                for (Form f : byKey[i]) {
                    if (f.regExt < 0 || f.regExt == reg) {
                        narrowed.add(f);
                    }
                }
                byKeyReg[i * 8 + reg] = narrowed.toArray(NONE);
            }
        }
    }

    /** {@link #NO_FORMS}, {@link #NO_MODRM} or {@link #HAS_MODRM} for an opcode byte in a map. */
    int kind(int map, int opcode) {
        return kind[map * 256 + opcode];
    }

    /** Candidate forms for an opcode whose ModRM.reg field is {@code reg}. */
    Form[] lookup(int map, int opcode, int reg) {
        return byKeyReg[(map * 256 + opcode) * 8 + reg];
    }

    static FormTable get() {
        return INSTANCE;
    }

    /** Candidate forms for an opcode byte in a map (may be empty, never null). */
    Form[] lookup(int map, int opcode) {
        return byKey[map * 256 + opcode];
    }

    List<Form> all() {
        return all;
    }

    private static FormTable load() {
        try (InputStream in = FormTable.class.getResourceAsStream("nacl-x86-64.forms")) {
            if (in == null) {
                throw new IllegalStateException("nacl-x86-64.forms missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FormTable parse(String text) {
        List<Form> forms = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                forms.add(FormParser.parseLine(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("nacl-x86-64.forms:" + lineNo + ": " + e.getMessage()
                        + ": " + line, e);
            }
        }
        return new FormTable(forms);
    }
}
