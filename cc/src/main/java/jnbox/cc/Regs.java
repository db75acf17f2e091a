package jnbox.cc;

import java.util.HashMap;
import java.util.Map;

/** x86-64 register names by width (AT&amp;T, with {@code %}). */
final class Regs {
    private static final String[] Q = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"};
    private static final String[] D = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
    private static final String[] W = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
    private static final String[] B = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"};
    private static final Map<String, String> WIDE = new HashMap<>();
    private static final Map<String, Integer> WIDTH = new HashMap<>();

    static {
        for (int i = 0; i < 8; i++) {
            put(Q[i], Q[i], 64);
            put(D[i], Q[i], 32);
            put(W[i], Q[i], 16);
            put(B[i], Q[i], 8);
        }
        for (String h : new String[] {"ah", "ch", "dh", "bh"}) {
            put(h, "r" + h.charAt(0) + "x", 8);
        }
        for (int i = 8; i < 16; i++) {
            put("r" + i, "r" + i, 64);
            put("r" + i + "d", "r" + i, 32);
            put("r" + i + "w", "r" + i, 16);
            put("r" + i + "b", "r" + i, 8);
        }
        put("rip", "rip", 64);
        put("eip", "rip", 32);
    }

    private static void put(String name, String wide, int width) {
        WIDE.put("%" + name, "%" + wide);
        WIDTH.put("%" + name, width);
    }

    private Regs() {}

    /** The 64-bit register containing {@code reg}, or {@code reg} itself when unknown. */
    static String wide(String reg) {
        return WIDE.getOrDefault(reg, reg);
    }

    /** Width in bits, or 0 when not a general register. */
    static int width(String reg) {
        return WIDTH.getOrDefault(reg, 0);
    }

    /** The 32-bit name of a general register. */
    static String dword(String reg) {
        String w = wide(reg).substring(1);
        if (w.startsWith("r") && Character.isDigit(w.charAt(1))) {
            return "%" + w + "d";
        }
        return "%e" + w.substring(1);
    }

    static boolean isHighByte(String reg) {
        return reg.length() == 3 && reg.charAt(2) == 'h' && "acdb".indexOf(reg.charAt(1)) >= 0;
    }

    /** rsp or rbp at any width: writes to them must be re-based on r15. */
    static boolean isStackReg(String reg) {
        String w = wide(reg);
        return w.equals("%rsp") || w.equals("%rbp");
    }
}
