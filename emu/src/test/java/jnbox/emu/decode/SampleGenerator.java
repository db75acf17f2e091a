package jnbox.emu.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Builds byte encodings of every form in the opcode table, with random (seeded) ModRM, SIB,
 * displacement, immediate, REX/VEX and prefix variants. Only the encodings come from the table:
 * {@code make-reference.sh} has the host's objdump disassemble them, and the test compares the
 * decoder with objdump's verdict.
 *
 * <p>Run as {@code java ... jnbox.emu.decode.SampleGenerator [perForm] [seed]}: prints one
 * hex-encoded instruction per line.
 */
public final class SampleGenerator {
    private final Random rnd;

    SampleGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    public static void main(String[] args) {
        int perForm = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261123L;
        SampleGenerator g = new SampleGenerator(seed);
        StringBuilder out = new StringBuilder();
        for (OpForm f : Forms.all()) {
            for (int i = 0; i < perForm; i++) {
                byte[] b = g.encode(f, i);
                out.append(hex(b)).append('\n');
            }
        }
        System.out.print(out);
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(String.format(Locale.ROOT, "%02x", b[i] & 0xFF));
        }
        return sb.toString();
    }

    /** One encoding of {@code f}; variant 0 is the plainest (register form if allowed, no REX). */
    byte[] encode(OpForm f, int variant) {
        List<Integer> b = new ArrayList<>();
        boolean plain = variant == 0;
        // ModRM shape first: it decides which REX bits matter.
        boolean needMem = false, needReg = false;
        for (Operand o : f.operands()) {
            switch (o.kind()) {
                case M -> needMem = true;
                case R, U, N, STI -> needReg = true;
                default -> { }
            }
        }
        boolean mem = f.fixedModrm() < 0 && f.hasModrm() && (needMem || (!needReg && !plain && rnd.nextBoolean()));
        int osz = 4;
        int w = 0;
        if (!f.isVex()) {
            int mp = f.mandatoryPrefix();
            boolean p66 = false;
            if (mp == 0x66 || mp == 0xF2 || mp == 0xF3) {
                b.add(mp);
            } else if (mp == OpForm.PFX_ANY && !plain && rnd.nextInt(4) == 0 && !f.forces64()) {
                b.add(0x66);
                p66 = true;
            }
            if (f.rexW() == 1) w = 1;
            else if (f.rexW() == OpForm.IGNORED && !plain && !f.has(Flag.NOREX) && rnd.nextInt(3) == 0 && !p66) w = 1;
            int rex = 0;
            if (!f.has(Flag.NOREX) && (w == 1 || (!plain && rnd.nextBoolean()))) {
                rex = 0x40 | w << 3 | rnd.nextInt(8);
                if (f.has(Flag.REXB0)) rex &= ~1;
            }
            if (rex != 0) b.add(rex);
            osz = w == 1 ? 8 : p66 ? 2 : f.defaultsTo64() ? 8 : 4;
            if (f.forces64()) osz = 8;
            switch (f.map()) {
                case MAP_0F -> b.add(0x0F);
                case MAP_0F38 -> { b.add(0x0F); b.add(0x38); }
                case MAP_0F3A -> { b.add(0x0F); b.add(0x3A); }
                case MAP_3DNOW -> { b.add(0x0F); b.add(0x0F); }
                default -> { }
            }
        } else {
            int l = switch (f.vexL()) {
                case 0, 1 -> f.vexL();
                case OpForm.L_BOTH -> plain ? 0 : rnd.nextInt(2);
                default -> 0;
            };
            w = f.vexW() == 1 ? 1 : f.vexW() == OpForm.W_SIZE && !plain ? rnd.nextInt(2) : 0;
            int vvvv = f.usesVvvv() ? rnd.nextInt(16) : 0;
            int pp = switch (f.mandatoryPrefix()) {
                case 0x66 -> 1;
                case 0xF3 -> 2;
                case 0xF2 -> 3;
                default -> 0;
            };
            int mmmmm = f.map() == OpMap.VEX_0F ? 1 : f.map() == OpMap.VEX_0F38 ? 2 : 3;
            int r = plain ? 0 : rnd.nextInt(2), x = plain ? 0 : rnd.nextInt(2), bb = plain ? 0 : rnd.nextInt(2);
            if (!mem) x = 0; // NaCl wants unused X clear; objdump does not care
            if (mmmmm == 1 && w == 0 && x == 0 && bb == 0 && (plain || rnd.nextBoolean())) {
                b.add(0xC5);
                b.add((r ^ 1) << 7 | (~vvvv & 15) << 3 | l << 2 | pp);
            } else {
                b.add(0xC4);
                b.add((r ^ 1) << 7 | (x ^ 1) << 6 | (bb ^ 1) << 5 | mmmmm);
                b.add(w << 7 | (~vvvv & 15) << 3 | l << 2 | pp);
            }
            osz = w == 1 ? 8 : 4;
        }
        int opcode = f.map() == OpMap.MAP_3DNOW ? -1 : f.opcode();
        if (opcode >= 0) b.add(f.opcodeReg() ? opcode | (plain ? 0 : rnd.nextInt(8)) : opcode);
        if (f.hasModrm()) {
            if (f.fixedModrm() >= 0) {
                b.add(f.fixedModrm());
            } else {
                int reg = f.regExt() >= 0 ? f.regExt() : rnd.nextInt(8);
                for (Operand o : f.operands()) {
                    if (o.kind() == Operand.Kind.S) reg = rnd.nextInt(6);
                    if (o.kind() == Operand.Kind.C) reg = new int[] {0, 2, 3, 4}[rnd.nextInt(4)];
                }
                if (!mem) {
                    b.add(0xC0 | reg << 3 | rnd.nextInt(8));
                } else {
                    memory(b, reg, plain, f.has(Flag.VSIB));
                }
            }
        }
        if (f.map() == OpMap.MAP_3DNOW) b.add(f.opcode());
        for (Operand o : f.operands()) {
            int n = switch (o.kind()) {
                case I -> switch (o.size()) {
                    case B -> 1;
                    case W -> 2;
                    case D -> 4;
                    case Z -> osz == 2 ? 2 : 4;
                    case V -> osz;
                    case Q -> 8;
                    default -> 1;
                };
                case L -> 1;
                case J -> o.size() == Operand.Size.B ? 1 : 4;
                case O -> 8;
                default -> 0;
            };
            for (int i = 0; i < n; i++) {
                int v = rnd.nextInt(256);
                if (o.kind() == Operand.Kind.L) v &= 0xF0;
                b.add(v);
            }
        }
        byte[] r = new byte[b.size()];
        for (int i = 0; i < r.length; i++) r[i] = (byte) (int) b.get(i);
        return r;
    }

    private void memory(List<Integer> b, int reg, boolean plain, boolean sibOnly) {
        int shape = sibOnly ? 4 + rnd.nextInt(2) : plain ? 0 : rnd.nextInt(6);
        switch (shape) {
            case 0 -> { // [base]
                int rm;
                do { rm = rnd.nextInt(8); } while (rm == 4 || rm == 5);
                b.add(reg << 3 | rm);
            }
            case 1 -> { // [base+disp8]
                int rm;
                do { rm = rnd.nextInt(8); } while (rm == 4);
                b.add(0x40 | reg << 3 | rm);
                b.add(rnd.nextInt(256));
            }
            case 2 -> { // [base+disp32]
                int rm;
                do { rm = rnd.nextInt(8); } while (rm == 4);
                b.add(0x80 | reg << 3 | rm);
                for (int i = 0; i < 4; i++) b.add(rnd.nextInt(256));
            }
            case 3 -> { // [rip+disp32]
                b.add(reg << 3 | 5);
                for (int i = 0; i < 4; i++) b.add(rnd.nextInt(256));
            }
            case 4 -> { // SIB with base, index, scale and optional disp8
                int mod = rnd.nextInt(2);
                b.add(mod << 6 | reg << 3 | 4);
                int base;
                do { base = rnd.nextInt(8); } while (base == 5 && mod == 0);
                b.add(rnd.nextInt(4) << 6 | rnd.nextInt(8) << 3 | base);
                if (mod == 1) b.add(rnd.nextInt(256));
            }
            default -> { // SIB without base: [index*scale+disp32]
                b.add(reg << 3 | 4);
                b.add(rnd.nextInt(4) << 6 | rnd.nextInt(8) << 3 | 5);
                for (int i = 0; i < 4; i++) b.add(rnd.nextInt(256));
            }
        }
    }
}
