package jnbox.cc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One AT&amp;T operand of gcc's output: a register, an immediate, or a memory reference
 * {@code seg:disp(base,index,scale)} (a bare symbol is an absolute memory reference).
 *
 * @param text the operand as written (without a leading {@code *})
 * @param indirect whether it had the {@code *} of an indirect branch
 */
record Operand(String text, boolean indirect, Kind kind, String seg, String disp, String base, String index,
        String scale) {
    enum Kind { REG, IMM, MEM }

    private static final Pattern MEM = Pattern.compile(
            "(?:%([a-z]s):)?([^(]*)\\((%\\w+)?(?:,(%\\w+)?(?:,(\\d))?)?\\)");

    static Operand parse(String raw) {
        String s = raw.strip();
        boolean ind = s.startsWith("*");
        if (ind) {
            s = s.substring(1);
        }
        if (s.startsWith("%") && !s.contains(":") && !s.contains("(")) {
            return new Operand(s, ind, Kind.REG, null, null, null, null, null);
        }
        if (s.startsWith("$")) {
            return new Operand(s, ind, Kind.IMM, null, null, null, null, null);
        }
        Matcher m = MEM.matcher(s);
        if (m.matches()) {
            return new Operand(s, ind, Kind.MEM, m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
        }
        String seg = null;
        String d = s;
        if (s.length() > 4 && s.charAt(0) == '%' && s.charAt(3) == ':') {
            seg = s.substring(1, 3);
            d = s.substring(4);
        }
        return new Operand(s, ind, Kind.MEM, seg, d, null, null, null);
    }

    boolean isReg() { return kind == Kind.REG; }
    boolean isMem() { return kind == Kind.MEM; }

    /** Memory reference the validator accepts as written: rip-relative, or rsp/rbp based without index. */
    boolean safeAsWritten() {
        if (base == null) {
            return false;
        }
        String b = Regs.wide(base);
        return index == null && (b.equals("%rip") || b.equals("%rsp") || b.equals("%rbp"));
    }

    /** The address with registers widened to 64 bits (for lea). */
    String wideAddress() {
        if (base == null && index == null) {
            return disp;
        }
        StringBuilder sb = new StringBuilder(disp).append('(');
        if (base != null) {
            sb.append(Regs.wide(base));
        }
        if (index != null) {
            sb.append(',').append(Regs.wide(index));
            if (scale != null) {
                sb.append(',').append(scale);
            }
        }
        return sb.append(')').toString();
    }
}
