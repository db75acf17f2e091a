package jnbox.cc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns gcc's {@code -mx32 -S} output into NaCl-valid assembly for llvm-mc (spec toolchain.md §3,
 * §6). Scratch register r11 ({@code -ffixed-r11}); sandbox base r15 ({@code -ffixed-r15}). Each
 * instruction is classified by {@link InsnForm}; the rewritten sequence of an instruction that needs
 * sandboxing is one {@code .bundle_lock} group, and calls end their bundle.
 */
public final class Rewriter {
    private static final Pattern LABEL = Pattern.compile("^([A-Za-z_.$][\\w.$]*):(.*)$");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_.$][\\w.$]*");
    private static final Pattern TYPE_FN = Pattern.compile("^\\s*\\.type\\s+([\\w.$]+)\\s*,\\s*[@%]function");
    private static final Set<String> PREFIXES = Set.of("rep", "repe", "repz", "repne", "repnz", "lock", "addr32",
            "data16", "notrack", "bnd");
    /** Save slot for a borrowed register: below gcc's 128-byte red zone. */
    private static final String SAVE = "-136(%rsp)";
    private static final String REBASE = "leaq (%1$s,%%r15,1),%1$s";

    private final String file;
    private final Set<String> aligned = new HashSet<>();
    private int lineNo;
    private String lineText;

    private Rewriter(String file) {
        this.file = file;
    }

    /** Rewrites a whole assembly file; {@code file} names it in error messages. */
    public static String rewrite(String file, String asm) throws RewriteException {
        return new Rewriter(file).run(asm);
    }

    private String run(String asm) throws RewriteException {
        String[] lines = asm.split("\n", -1);
        collectAligned(lines);
        StringBuilder out = new StringBuilder("\t.bundle_align_mode 5\n");
        boolean text = true;
        for (int i = 0; i < lines.length; i++) {
            lineNo = i + 1;
            lineText = lines[i];
            String s = stripComment(lines[i]).strip();
            if (s.isEmpty()) {
                out.append(lines[i]).append('\n');
                continue;
            }
            Matcher lm = LABEL.matcher(s);
            if (lm.matches()) {
                if (text && aligned.contains(lm.group(1))) {
                    out.append("\t.p2align 5\n");
                }
                out.append(lm.group(1)).append(":\n");
                s = lm.group(2).strip();
                if (s.isEmpty()) {
                    continue;
                }
            }
            if (s.startsWith(".")) {
                text = sectionIsText(s, text);
                if (s.startsWith(".bundle")) {
                    throw error("bundle directives are the rewriter's own");
                }
                out.append('\t').append(s).append('\n');
                continue;
            }
            for (String l : instruction(s)) {
                out.append(l.startsWith(".") || l.startsWith("\t") ? "" : "\t").append(l).append('\n');
            }
        }
        return out.toString();
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static boolean sectionIsText(String d, boolean current) {
        if (d.startsWith(".text")) {
            return true;
        }
        if (d.startsWith(".data") || d.startsWith(".bss")) {
            return false;
        }
        if (d.startsWith(".section")) {
            String rest = d.substring(8).strip();
            return rest.startsWith(".text") || rest.matches("[^,]*,\\s*\"[^\"]*x[^\"]*\".*");
        }
        return current;
    }

    /**
     * Labels that need a bundle start: functions, and labels whose address is taken (jump-table
     * entries, {@code $label}, computed gotos), i.e. any reference other than a direct branch target.
     */
    private void collectAligned(String[] lines) {
        for (String raw : lines) {
            String s = stripComment(raw).strip();
            Matcher t = TYPE_FN.matcher(s);
            if (t.find()) {
                aligned.add(t.group(1));
                continue;
            }
            Matcher lm = LABEL.matcher(s);
            if (lm.matches()) {
                s = lm.group(2).strip();
            }
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith(".")) {
                if (s.matches("\\.(long|quad|4byte|8byte|int|word|value)\\s.*")) {
                    addIdents(s.split("\\s+", 2)[1]);
                }
                continue;
            }
            String[] parts = s.split("\\s+", 2);
            String m = parts[0];
            String ops = parts.length > 1 ? parts[1] : "";
            boolean directBranch = (m.startsWith("j") || m.startsWith("call")) && !ops.startsWith("*");
            if (!directBranch) {
                addIdents(ops.replaceAll("%\\w+", ""));
            }
        }
    }

    private void addIdents(String s) {
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            aligned.add(m.group());
        }
    }

    private RewriteException error(String reason) {
        return new RewriteException(file, lineNo, lineText, reason);
    }

    /** Rewrites one instruction into its NaCl form (one or more lines). */
    List<String> instruction(String s) throws RewriteException {
        List<String> prefixes = new ArrayList<>();
        String[] parts = s.split("\\s+", 2);
        while (PREFIXES.contains(parts[0]) && parts.length > 1) {
            if (!parts[0].equals("addr32")) {
                prefixes.add(parts[0]);
            }
            parts = parts[1].strip().split("\\s+", 2);
        }
        if (PREFIXES.contains(parts[0]) && parts.length == 1) { // a prefix alone on its line
            return List.of(s);
        }
        String mn = parts[0];
        List<Operand> ops = new ArrayList<>();
        if (parts.length > 1) {
            for (String o : splitOperands(parts[1])) {
                ops.add(Operand.parse(o));
            }
        }
        for (Operand o : ops) {
            if (o.seg() != null) {
                throw error("segment-relative access (%" + o.seg() + ":, thread-local storage) has no sandbox form");
            }
            if (o.text().contains("%r15") || o.text().contains("%r11")) {
                throw error("r15 and r11 are reserved for the sandbox");
            }
        }
        String pre = prefixes.isEmpty() ? "" : String.join(" ", prefixes) + " ";
        InsnForm.Form form = InsnForm.of(mn);
        return switch (form.kind()) {
            case REFUSED -> throw error(form.reason());
            case TRAP -> List.of("hlt");
            case STRING -> ops.isEmpty() || ops.stream().allMatch(Operand::isMem)
                    ? stringOp(pre + mn, form.stringRegs())
                    : plain(pre, mn, ops, true);
            case RET -> {
                if (!ops.isEmpty()) {
                    throw error("ret with an operand is not supported");
                }
                yield locked(false, "popq %r11", "andl $-32,%r11d", "addq %r15,%r11", "jmpq *%r11");
            }
            case LEAVE -> locked(false, "movq %rbp,%rsp", "popq %r11", "movl %r11d,%ebp",
                    REBASE.formatted("%rbp"));
            case DIRECT_BRANCH -> {
                if (ops.size() != 1 || ops.get(0).indirect() || !ops.get(0).isMem() || ops.get(0).base() != null
                        || ops.get(0).index() != null) {
                    throw error("unknown branch form");
                }
                yield List.of(pre + mn + " " + ops.get(0).text());
            }
            case CALL, JMP -> branch(form.kind() == InsnForm.Kind.CALL, pre, mn, ops);
            case LEA -> lea(mn, ops);
            case POP -> pop(pre, mn, ops);
            case BIT_TEST -> ops.size() == 2 && ops.get(0).isReg() ? bitTest(mn, ops) : plain(pre, mn, ops, false);
            case NO_WRITE, PUSH -> plain(pre, mn, ops, false);
            case PLAIN -> plain(pre, mn, ops, true);
        };
    }

    static List<String> splitOperands(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(s.substring(start).strip());
        return out;
    }

    private static List<String> locked(boolean alignToEnd, String... insns) {
        List<String> out = new ArrayList<>();
        out.add(alignToEnd ? ".bundle_lock align_to_end" : ".bundle_lock");
        out.addAll(List.of(insns));
        out.add(".bundle_unlock");
        return out;
    }

    private static List<String> locked(boolean alignToEnd, List<String> insns) {
        return locked(alignToEnd, insns.toArray(String[]::new));
    }

    private List<String> stringOp(String insn, int regs) {
        List<String> seq = new ArrayList<>();
        if ((regs & 1) != 0) {
            seq.add("movl %esi,%esi");
            seq.add("leaq (%r15,%rsi),%rsi");
        }
        if ((regs & 2) != 0) {
            seq.add("movl %edi,%edi");
            seq.add("leaq (%r15,%rdi),%rdi");
        }
        seq.add(insn);
        return locked(false, seq);
    }

    /** A memory operand in sandboxed form, plus the lea that must directly precede its use. */
    private record Sandboxed(String lea, String operand) {}

    private Sandboxed sandbox(Operand m) {
        if (m.safeAsWritten()) {
            return new Sandboxed(null, m.wideAddress());
        }
        if (m.base() == null && m.index() == null) {
            return new Sandboxed(null, m.disp() + "(%r15)");
        }
        return new Sandboxed("leal " + m.wideAddress() + ",%r11d", "(%r15,%r11)");
    }

    private List<String> branch(boolean call, String pre, String mn, List<Operand> ops) throws RewriteException {
        if (ops.size() != 1) {
            throw error("unexpected operands");
        }
        Operand t = ops.get(0);
        if (!t.indirect()) {
            if (t.isMem() && t.base() == null && t.index() == null) {
                return call ? locked(true, pre + mn + " " + t.text()) : List.of(pre + mn + " " + t.text());
            }
            throw error("unknown branch form");
        }
        List<String> seq = new ArrayList<>();
        if (t.isReg()) {
            seq.add("movl " + Regs.dword(t.text()) + ",%r11d");
        } else {
            Sandboxed sb = sandbox(t);
            if (sb.lea() != null) {
                seq.add(sb.lea());
            }
            seq.add("movl " + sb.operand() + ",%r11d");
        }
        seq.add("andl $-32,%r11d");
        seq.add("addq %r15,%r11");
        seq.add((call ? "callq" : "jmpq") + " *%r11");
        return locked(call, seq);
    }

    private List<String> lea(String mn, List<Operand> ops) throws RewriteException {
        if (ops.size() != 2 || !ops.get(0).isMem() || !ops.get(1).isReg()) {
            throw error("unknown lea form");
        }
        String dst = ops.get(1).text();
        String addr = ops.get(0).wideAddress();
        if (ops.get(0).base() == null && ops.get(0).index() == null) {
            addr = ops.get(0).disp();
        }
        if (Regs.isStackReg(dst)) {
            String w = Regs.wide(dst);
            return locked(false, "leal " + addr + "," + Regs.dword(dst), REBASE.formatted(w));
        }
        String suffix = switch (Regs.width(dst)) {
            case 64 -> "q";
            case 32 -> "l";
            case 16 -> "w";
            default -> throw error("lea into " + dst);
        };
        return List.of("lea" + suffix + " " + addr + "," + dst);
    }

    private List<String> pop(String pre, String mn, List<Operand> ops) throws RewriteException {
        if (ops.size() == 1 && ops.get(0).isReg() && Regs.isStackReg(ops.get(0).text())) {
            if (Regs.wide(ops.get(0).text()).equals("%rsp")) {
                throw error("pop into rsp");
            }
            return locked(false, "popq %r11", "movl %r11d,%ebp", REBASE.formatted("%rbp"));
        }
        return plain(pre, mn, ops, false);
    }

    /** bt/bts/btr/btc with a register bit offset (forbidden by NaCl), emulated through r11 and cl. */
    private List<String> bitTest(String mn, List<Operand> ops) throws RewriteException {
        Operand off = ops.get(0);
        Operand dst = ops.get(1);
        if (!dst.isReg()) {
            throw error("bit test of memory with a register offset");
        }
        int width = Regs.width(dst.text());
        if (width != 32 && width != 64) {
            throw error("bit test of a " + width + "-bit register");
        }
        boolean q = width == 64;
        String r11 = q ? "%r11" : "%r11d";
        String sfx = q ? "q" : "l";
        String op = mn.replaceFirst("[lqw]$", "");
        boolean useCx = !Regs.wide(off.text()).equals("%rcx");
        List<String> seq = new ArrayList<>();
        seq.add(op.equals("bt") ? "mov" + sfx + " " + dst.text() + "," + r11 : "movl $1,%r11d");
        if (useCx) {
            seq.add("movq %rcx," + SAVE);
            seq.add("movl " + Regs.dword(off.text()) + ",%ecx");
        }
        seq.add((op.equals("bt") ? "shr" : "shl") + sfx + " %cl," + r11);
        if (useCx) {
            seq.add("movq " + SAVE + ",%rcx");
        }
        switch (op) {
            case "bt" -> seq.add("bt" + sfx + " $0," + r11);
            case "bts" -> seq.add("or" + sfx + " " + r11 + "," + dst.text());
            case "btr" -> {
                seq.add("not" + sfx + " " + r11);
                seq.add("and" + sfx + " " + r11 + "," + dst.text());
            }
            case "btc" -> seq.add("xor" + sfx + " " + r11 + "," + dst.text());
            default -> throw error("unknown bit test");
        }
        return seq;
    }

    private List<String> plain(String pre, String mn, List<Operand> ops, boolean writesLast) throws RewriteException {
        int memIdx = -1;
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).isMem()) {
                if (memIdx >= 0) {
                    throw error("two memory operands");
                }
                memIdx = i;
            }
        }
        List<String> texts = new ArrayList<>();
        for (Operand o : ops) {
            texts.add((o.indirect() ? "*" : "") + o.text());
        }
        String lea = null;
        if (memIdx >= 0) {
            Sandboxed sb = sandbox(ops.get(memIdx));
            lea = sb.lea();
            texts.set(memIdx, sb.operand());
        }
        Operand dst = ops.isEmpty() ? null : ops.get(ops.size() - 1);
        boolean stackWrite = writesLast && dst != null && dst.isReg() && Regs.isStackReg(dst.text());
        if (mn.startsWith("xchg") && ops.stream().anyMatch(o -> o.isReg() && Regs.isStackReg(o.text()))) {
            throw error("xchg with rsp or rbp");
        }
        String highByte = texts.stream().filter(Regs::isHighByte).findFirst().orElse(null);
        boolean needsRex = memIdx >= 0 && texts.get(memIdx).contains("%r15");
        if (highByte != null && needsRex) {
            return routeHighByte(pre, mn, ops, texts, lea, highByte, writesLast);
        }
        String insn = pre + mn + (texts.isEmpty() ? "" : " " + String.join(",", texts));
        if (stackWrite) {
            return stackWrite(pre, mn, ops, texts, lea);
        }
        return lea == null ? List.of(insn) : locked(false, lea, insn);
    }

    /** A write to rsp/rbp: 64-bit moves between them stay; everything else is done in 32 bits and re-based. */
    private List<String> stackWrite(String pre, String mn, List<Operand> ops, List<String> texts, String lea)
            throws RewriteException {
        Operand dst = ops.get(ops.size() - 1);
        String wide = Regs.wide(dst.text());
        int width = Regs.width(dst.text());
        if (width < 32) {
            throw error("partial write to " + dst.text());
        }
        boolean mov = mn.equals("mov") || mn.equals("movq") || mn.equals("movl");
        if (mov && ops.size() == 2 && ops.get(0).isReg() && Regs.isStackReg(ops.get(0).text())) {
            return List.of("movq " + Regs.wide(ops.get(0).text()) + "," + wide);
        }
        String m32 = mn;
        if (width == 64) {
            m32 = mn.endsWith("q") ? mn.substring(0, mn.length() - 1) + "l" : mn;
            for (int i = 0; i < ops.size(); i++) {
                Operand o = ops.get(i);
                if (o.isReg() && Regs.width(o.text()) == 64) {
                    texts.set(i, Regs.dword(o.text()));
                }
            }
        }
        List<String> seq = new ArrayList<>();
        if (lea != null) {
            seq.add(lea);
        }
        seq.add(pre + m32 + " " + String.join(",", texts));
        seq.add(REBASE.formatted(wide));
        return locked(false, seq);
    }

    /**
     * ah/bh/ch/dh cannot be encoded with a REX prefix, which the r15-based operand needs: route the
     * byte through a low byte register not used by the instruction, saved below the red zone.
     */
    private List<String> routeHighByte(String pre, String mn, List<Operand> ops, List<String> texts, String lea,
            String high, boolean writesLast) throws RewriteException {
        String joined = String.join(",", ops.stream().map(Operand::text).toList());
        String free = null;
        for (String r : new String[] {"%rax", "%rcx", "%rdx", "%rbx"}) {
            boolean used = false;
            for (String name : new String[] {r, Regs.dword(r), "%" + r.charAt(2) + "l", "%" + r.charAt(2) + "h",
                    "%" + r.substring(2)}) {
                used |= joined.contains(name);
            }
            if (!used) {
                free = r;
                break;
            }
        }
        if (free == null) {
            throw error("no free byte register to route " + high);
        }
        String low = "%" + free.charAt(2) + "l";
        List<String> seq = new ArrayList<>();
        seq.add("movq " + free + "," + SAVE);
        seq.add("movzbl " + high + "," + Regs.dword(free));
        List<String> replaced = texts.stream().map(t -> t.equals(high) ? low : t).toList();
        String insn = pre + mn + " " + String.join(",", replaced);
        if (lea != null) {
            seq.add(".bundle_lock");
            seq.add(lea);
            seq.add(insn);
            seq.add(".bundle_unlock");
        } else {
            seq.add(insn);
        }
        if (writesLast && texts.get(texts.size() - 1).equals(high)) {
            seq.add("movb " + low + "," + high);
        }
        seq.add("movq " + SAVE + "," + free);
        return seq;
    }
}
