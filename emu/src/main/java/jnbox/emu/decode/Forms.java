package jnbox.emu.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The opcode table: every {@link OpForm}, built once from the data classes ({@link OneByteMap},
 * {@link TwoByteMap}, {@link X87Map}, {@link SseMap}, {@link Sse38Map}, {@link Sse3AMap},
 * {@link ThreeDNowMap}, {@link VexMap}) and indexed for the {@link Decoder}.
 */
public final class Forms {
    // Matching key computed by the decoder for one instruction.
    static final int K_RM = 0, K_REG = 3, K_MOD3 = 6, K_W = 7, K_L = 8, K_REXB = 9, K_CLS = 10;
    static final int CLS_NONE = 0, CLS_66 = 1, CLS_F3 = 2, CLS_F2 = 3;

    /** Slot state: no form at this opcode byte. */
    static final byte SLOT_EMPTY = 0, SLOT_NO_MODRM = 1, SLOT_MODRM = 2, SLOT_MODRM_REG = 3;

    private static final Forms TABLE = build();

    private final List<OpForm> all;
    private final Map<String, OpForm> byName;
    final OpForm[][] slots;   // [map.ordinal()*256 + opcode] -> candidate rows in priority order
    final byte[] slotKind;
    /** [slot*8 + ModRM.reg] -> the candidates of slots[slot] that accept that reg field. */
    final OpForm[][] slotsByReg;

    private Forms(List<OpForm> all, OpForm[][] slots, byte[] slotKind) {
        this.all = Collections.unmodifiableList(all);
        this.slots = slots;
        this.slotKind = slotKind;
        this.slotsByReg = new OpForm[slots.length * 8][];
        for (int i = 0; i < slots.length; i++) {
            for (int reg = 0; reg < 8; reg++) {
                List<OpForm> l = new ArrayList<>();
                for (OpForm f : slots[i]) {
                    if ((f.keyMask >> K_REG & 7) == 0 || (f.keyValue >> K_REG & 7) == reg) l.add(f);
                }
                slotsByReg[i * 8 + reg] = l.toArray(new OpForm[0]);
            }
        }
        Map<String, OpForm> m = new HashMap<>();
        for (OpForm f : all) m.put(f.name(), f);
        this.byName = m;
    }

    static Forms table() { return TABLE; }

    /** Every form, in id order. */
    public static List<OpForm> all() { return TABLE.all; }

    /** Number of forms: ids are 0..count()-1. */
    public static int count() { return TABLE.all.size(); }

    public static OpForm byId(int id) { return TABLE.all.get(id); }

    /** The form with the given name (e.g. {@code "ADD_Ev_Gv"}), or null. */
    public static OpForm byName(String name) { return TABLE.byName.get(name); }

    /** Forms of one mnemonic, in id order. */
    public static List<OpForm> of(Mnemonic m) {
        List<OpForm> r = new ArrayList<>();
        for (OpForm f : TABLE.all) if (f.mnemonic() == m) r.add(f);
        return r;
    }

    private static Forms build() {
        Builder b = new Builder();
        new OneByteMap().define(b);
        new TwoByteMap().define(b);
        new X87Map().define(b);
        new SseMap().define(b);
        new Sse38Map().define(b);
        new Sse3AMap().define(b);
        new ThreeDNowMap().define(b);
        new VexMap().define(b);
        return b.finish();
    }

    /** Parses rows into forms and checks the table's invariants (fails class init if broken). */
    static final class Builder {
        private final List<OpForm> forms = new ArrayList<>();
        private final Map<String, OpForm> names = new HashMap<>();

        void add(String encoding, Mnemonic m, String operandText, Attr... attrs) {
            try {
                forms.add(parse(encoding, m, operandText, attrs));
            } catch (RuntimeException e) {
                throw new IllegalStateException("opcode table row '" + encoding + "' " + m + " "
                        + operandText + ": " + e.getMessage(), e);
            }
        }

        private OpForm parse(String encoding, Mnemonic m, String operandText, Attr[] attrs) {
            String[] t = encoding.trim().split("\\s+");
            int i = 0;
            int pfx = OpForm.PFX_ANY, rexW = OpForm.IGNORED, vexL = OpForm.IGNORED, vexW = OpForm.IGNORED;
            OpMap map = OpMap.ONE_BYTE;
            boolean vex = false;
            if (t[i].startsWith("VEX.")) {
                vex = true;
                pfx = OpForm.PFX_NONE;
                vexL = -3; // must be given
                vexW = -3;
                map = null;
                for (String f : t[i].substring(4).split("\\.")) {
                    switch (f) {
                        case "NDS", "NDD", "DDS" -> { }
                        case "128", "L0", "LZ" -> vexL = 0;
                        case "256", "L1" -> vexL = 1;
                        case "LIG" -> vexL = OpForm.IGNORED;
                        case "L" -> vexL = OpForm.L_BOTH;
                        case "66" -> pfx = 0x66;
                        case "F2" -> pfx = 0xF2;
                        case "F3" -> pfx = 0xF3;
                        case "NP" -> pfx = OpForm.PFX_NONE;
                        case "0F" -> map = OpMap.VEX_0F;
                        case "0F38" -> map = OpMap.VEX_0F38;
                        case "0F3A" -> map = OpMap.VEX_0F3A;
                        case "W0" -> vexW = 0;
                        case "W1" -> vexW = 1;
                        case "WIG" -> vexW = OpForm.IGNORED;
                        case "W" -> vexW = OpForm.W_SIZE;
                        default -> throw new IllegalArgumentException("bad VEX field " + f);
                    }
                }
                if (vexL == -3 || vexW == -3 || map == null) {
                    throw new IllegalArgumentException("VEX row needs L, map and W");
                }
                i++;
            } else {
                switch (t[i]) {
                    case "NP" -> { pfx = OpForm.PFX_NONE; i++; }
                    case "66" -> { pfx = 0x66; i++; }
                    case "F2" -> { pfx = 0xF2; i++; }
                    case "F3" -> { pfx = 0xF3; i++; }
                    default -> { }
                }
                if (t[i].equals("REX.W")) { rexW = 1; i++; } else if (t[i].equals("W0")) { rexW = 0; i++; }
                if (t[i].equals("0F")) {
                    i++;
                    map = OpMap.MAP_0F;
                    if (t[i].equals("38") && i + 1 < t.length && isHexByte(t[i + 1])) { map = OpMap.MAP_0F38; i++; }
                    else if (t[i].equals("3A") && i + 1 < t.length && isHexByte(t[i + 1])) { map = OpMap.MAP_0F3A; i++; }
                    else if (t[i].equals("0F") && i + 1 < t.length && isHexByte(t[i + 1])) { map = OpMap.MAP_3DNOW; i++; }
                }
            }
            String ob = t[i++];
            boolean opcodeReg = false;
            int plus = ob.indexOf('+');
            if (plus >= 0) {
                opcodeReg = true;
                ob = ob.substring(0, plus);
            }
            int opcode = Integer.parseInt(ob, 16);
            int regExt = -1, fixedModrm = -1;
            boolean slashR = map == OpMap.MAP_3DNOW; // the opcode byte is the suffix after ModRM
            for (; i < t.length; i++) {
                String s = t[i];
                if (s.equals("ib") || s.equals("iw") || s.equals("id") || s.equals("io")
                        || s.equals("cb") || s.equals("cw") || s.equals("cd") || s.equals("is4")) {
                    continue; // immediates come from the operand specs
                } else if (s.equals("/r")) {
                    slashR = true;
                } else if (s.length() == 2 && s.charAt(0) == '/' && Character.isDigit(s.charAt(1))) {
                    regExt = s.charAt(1) - '0';
                } else if (isHexByte(s)) {
                    fixedModrm = Integer.parseInt(s, 16);
                    if (fixedModrm < 0xC0) throw new IllegalArgumentException("fixed ModRM must be mod=11");
                } else {
                    throw new IllegalArgumentException("bad encoding token " + s);
                }
            }
            Operand[] ops = parseOperands(operandText);
            EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
            CpuFeature feature = CpuFeature.BASE;
            for (Attr a : attrs) {
                if (a instanceof Flag f) flags.add(f);
                else if (feature != CpuFeature.BASE) throw new IllegalArgumentException("two CPU features");
                else feature = (CpuFeature) a;
            }
            boolean hasModrm = slashR || regExt >= 0 || fixedModrm >= 0;
            boolean usesVvvv = false;
            int keyMask = 0, keyValue = 0;
            for (Operand o : ops) {
                Operand.Kind k = o.kind();
                if (k.inRm() || k.inReg()) hasModrm = true;
                if (k == Operand.Kind.H || k == Operand.Kind.B) usesVvvv = true;
                if (k == Operand.Kind.M) { keyMask |= 1 << K_MOD3; }
                if (k == Operand.Kind.R || k == Operand.Kind.U || k == Operand.Kind.N || k == Operand.Kind.STI) {
                    keyMask |= 1 << K_MOD3;
                    keyValue |= 1 << K_MOD3;
                }
                if (k == Operand.Kind.Z && !opcodeReg) throw new IllegalArgumentException("Z operand needs +r");
            }
            if (vex && flags.contains(Flag.NOREX)) usesVvvv = false;
            if (regExt >= 0) { keyMask |= 7 << K_REG; keyValue |= regExt << K_REG; }
            if (fixedModrm >= 0) {
                keyMask |= 0x7F;
                keyValue = (keyValue & ~0x7F) | (fixedModrm & 0x3F) | 1 << K_MOD3;
            }
            int w = vex ? vexW : rexW;
            if (w == 0 || w == 1) { keyMask |= 1 << K_W; keyValue |= w << K_W; }
            if (vex && (vexL == 0 || vexL == 1)) { keyMask |= 1 << K_L; keyValue |= vexL << K_L; }
            if (flags.contains(Flag.REXB0)) keyMask |= 1 << K_REXB;
            if (flags.contains(Flag.MOD_IGNORED)) { keyMask &= ~(1 << K_MOD3); keyValue &= ~(1 << K_MOD3); }
            if (pfx != OpForm.PFX_ANY) {
                keyMask |= 3 << K_CLS;
                keyValue |= prefixClass(pfx) << K_CLS;
            }
            int writeMask = writeMask(m, ops, flags);
            NaclStatus nacl = flags.contains(Flag.ABSENT) ? NaclStatus.ABSENT
                    : feature.naclNeverAccepted() ? NaclStatus.NEVER
                    : flags.contains(Flag.FORBIDDEN) ? NaclStatus.FORBIDDEN
                    : flags.contains(Flag.NONTEMPORAL) ? NaclStatus.NONTEMPORAL
                    : NaclStatus.ACCEPTED;
            StringBuilder name = new StringBuilder(m.name());
            for (Operand o : ops) name.append('_').append(o.spelling().replace('/', '_'));
            String nm = name.toString();
            if (names.containsKey(nm)) {
                nm = nm + "_" + (vex ? "V" : "") + (pfx == OpForm.PFX_ANY ? "" : pfx == 0 ? "NP" : Integer.toHexString(pfx).toUpperCase())
                        + (w == 1 ? "W1" : w == 0 ? "W0" : "");
                if (names.containsKey(nm)) nm = nm + "_" + encoding.replaceAll("[^A-Za-z0-9]+", "_");
                if (names.containsKey(nm)) throw new IllegalArgumentException("duplicate form name " + nm);
            }
            OpForm f = new OpForm(forms.size(), nm, m, map, opcode, pfx, regExt, fixedModrm, opcodeReg,
                    hasModrm, ops, flags, feature, nacl, vex ? OpForm.IGNORED : rexW, vex ? vexL : OpForm.IGNORED,
                    vex ? vexW : OpForm.IGNORED, usesVvvv, writeMask, encoding, keyMask, keyValue);
            names.put(nm, f);
            return f;
        }

        private static int writeMask(Mnemonic m, Operand[] ops, EnumSet<Flag> flags) {
            if (ops.length == 0 || flags.contains(Flag.NOWRITE)) return 0;
            Operand.Kind k = ops[0].kind();
            if (k == Operand.Kind.I || k == Operand.Kind.J || k == Operand.Kind.ONE) return 0;
            return flags.contains(Flag.WRITE2) ? 3 : 1;
        }

        private static Operand[] parseOperands(String text) {
            if (text.isBlank()) return new Operand[0];
            String[] p = text.split(",");
            Operand[] r = new Operand[p.length];
            for (int i = 0; i < p.length; i++) r[i] = Operand.parse(p[i].trim());
            return r;
        }

        private static boolean isHexByte(String s) {
            return s.length() == 2 && isHex(s);
        }

        private static boolean isHex(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (Character.digit(s.charAt(i), 16) < 0) return false;
            }
            return !s.isEmpty();
        }

        Forms finish() {
            int nMaps = OpMap.values().length;
            List<List<OpForm>> lists = new ArrayList<>();
            for (int i = 0; i < nMaps * 256; i++) lists.add(new ArrayList<>());
            byte[] kind = new byte[nMaps * 256];
            for (OpForm f : forms) {
                int base = f.map().ordinal() * 256;
                int lo = f.opcode(), hi = f.opcodeReg() ? f.opcode() + 7 : f.opcode();
                for (int op = lo; op <= hi; op++) {
                    lists.get(base + op).add(f);
                    byte k = !f.hasModrm() ? SLOT_NO_MODRM : f.has(Flag.MOD_IGNORED) ? SLOT_MODRM_REG : SLOT_MODRM;
                    if (kind[base + op] != SLOT_EMPTY && kind[base + op] != k) {
                        throw new IllegalStateException("opcode " + f.map() + " " + Integer.toHexString(op)
                                + ": rows disagree on ModRM (" + f.name() + ")");
                    }
                    kind[base + op] = k;
                }
            }
            OpForm[][] slots = new OpForm[nMaps * 256][];
            for (int i = 0; i < slots.length; i++) slots[i] = lists.get(i).toArray(new OpForm[0]);
            return new Forms(forms, slots, kind);
        }
    }

    static int prefixClass(int pfx) {
        return switch (pfx) {
            case 0x66 -> CLS_66;
            case 0xF3 -> CLS_F3;
            case 0xF2 -> CLS_F2;
            default -> CLS_NONE;
        };
    }
}
