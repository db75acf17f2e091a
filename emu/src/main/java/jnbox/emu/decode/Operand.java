package jnbox.emu.decode;

import java.util.HashMap;
import java.util.Map;

/**
 * One operand of a form, in the notation of SDM vol. 2 Appendix A.2: an addressing method and a
 * size code ({@code Ev}, {@code Gv}, {@code Ib}, {@code Wps}, {@code Hx}), or a fixed register
 * ({@code AL}, {@code rAX}, {@code CL}, {@code DX}, {@code ST0}, {@code XMM0}), or the constant
 * {@code 1}. Interned: {@link #parse} returns the same object for the same spelling.
 *
 * @param kind     addressing method
 * @param size     size code (of the register form when it differs from memory, e.g. {@code Ed/b})
 * @param memSize  size code of the memory form ({@code b} in {@code Ed/b} for pextrb), else size
 * @param fixedReg register number for {@link Kind#REG}, {@link Kind#SEG}, {@link Kind#VREG}, else -1
 * @param spelling the table spelling, e.g. {@code "Ev"}
 */
public record Operand(Kind kind, Size size, Size memSize, int fixedReg, String spelling) {

    /** Addressing methods (SDM vol. 2 A.2.1), plus the fixed-operand kinds. */
    public enum Kind {
        /** VEX.vvvv names a general register. */
        B,
        /** ModRM.reg names a control register. */
        C,
        /** ModRM.reg names a debug register. */
        D,
        /** ModRM.rm: general register or memory. */
        E,
        /** ModRM.reg: general register. */
        G,
        /** VEX.vvvv: XMM/YMM register. */
        H,
        /** Immediate. */
        I,
        /** Relative branch offset. */
        J,
        /** Upper 4 bits of an 8-bit immediate name an XMM/YMM register ("is4"). */
        L,
        /** ModRM.rm: memory only. */
        M,
        /** ModRM.rm: MMX register only. */
        N,
        /** Absolute address (moffs) of address size, no ModRM. */
        O,
        /** ModRM.reg: MMX register. */
        P,
        /** ModRM.rm: MMX register or memory. */
        Q,
        /** ModRM.rm: general register only. */
        R,
        /** ModRM.reg: segment register. */
        S,
        /** ModRM.rm: XMM/YMM register only. */
        U,
        /** ModRM.reg: XMM/YMM register. */
        V,
        /** ModRM.rm: XMM/YMM register or memory. */
        W,
        /** Memory at DS:rSI (string source). */
        X,
        /** Memory at ES:rDI (string destination). */
        Y,
        /** Low three bits of the opcode (plus REX.B) name a general register ("+r"). */
        Z,
        /** A fixed general register (fixedReg), sized by {@link #size}. */
        REG,
        /** A fixed segment register. */
        SEG,
        /** A fixed XMM register (blendv's implicit XMM0). */
        VREG,
        /** x87 ST(0). */
        ST0,
        /** x87 ST(i), i = ModRM.rm. */
        STI,
        /** The constant 1 (shift by one). */
        ONE;

        /** True when the operand is encoded in ModRM.rm (and may be memory). */
        public boolean inRm() {
            return this == E || this == M || this == N || this == Q || this == R || this == U || this == W
                    || this == STI;
        }

        /** True when the operand is encoded in ModRM.reg. */
        public boolean inReg() {
            return this == C || this == D || this == G || this == P || this == S || this == V;
        }
    }

    /** Size codes (SDM vol. 2 A.2.2), plus x87 {@code t} (80-bit) and {@code NONE}. */
    public enum Size {
        NONE, B, W, D, Q, V, Y, Z, DQ, QQ, X, PS, PD, SS, SD, PI, T, S, P, PB, PW, PQ, PK, OQ,
        /** Half, quarter, eighth of an {@code x} vector (8/16, 4/8, 2/4 bytes): vpmovzx sources. */
        XH, XQ, XE
    }

    private static final Map<String, Operand> INTERNED = new HashMap<>();

    /** True if this operand names a general-purpose register or memory through ModRM/opcode/fixed. */
    public boolean isGprKind() {
        return kind == Kind.E || kind == Kind.G || kind == Kind.R || kind == Kind.Z || kind == Kind.B
                || kind == Kind.REG;
    }

    /** True if the operand can be a memory reference. */
    public boolean canBeMemory() {
        return kind == Kind.E || kind == Kind.M || kind == Kind.Q || kind == Kind.W || kind == Kind.O
                || kind == Kind.X || kind == Kind.Y;
    }

    /** The interned operand for a table spelling; throws on a spelling the table must not use. */
    public static synchronized Operand parse(String s) {
        Operand o = INTERNED.get(s);
        if (o == null) {
            o = create(s);
            INTERNED.put(s, o);
        }
        return o;
    }

    private static final String[] REG8 = {"AL", "CL", "DL", "BL", "AH", "CH", "DH", "BH"};
    private static final String[] REG16 = {"AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI"};
    private static final String[] REG32 = {"EAX", "ECX", "EDX", "EBX", "ESP", "EBP", "ESI", "EDI"};
    private static final String[] REG64 = {"RAX", "RCX", "RDX", "RBX", "RSP", "RBP", "RSI", "RDI"};
    private static final String[] SEGS = {"ES", "CS", "SS", "DS", "FS", "GS"};

    private static Operand create(String s) {
        for (int i = 0; i < 8; i++) {
            if (s.equals(REG8[i])) return new Operand(Kind.REG, Size.B, Size.B, i, s);
            if (s.equals(REG16[i])) return new Operand(Kind.REG, Size.W, Size.W, i, s);
            if (s.equals(REG32[i])) return new Operand(Kind.REG, Size.D, Size.D, i, s);
            if (s.equals(REG64[i])) return new Operand(Kind.REG, Size.Q, Size.Q, i, s);
            if (s.equals("r" + REG16[i])) return new Operand(Kind.REG, Size.V, Size.V, i, s);
            if (s.equals("e" + REG16[i])) return new Operand(Kind.REG, Size.Z, Size.Z, i, s);
        }
        for (int i = 0; i < SEGS.length; i++) {
            if (s.equals(SEGS[i])) return new Operand(Kind.SEG, Size.W, Size.W, i, s);
        }
        switch (s) {
            case "ST0": return new Operand(Kind.ST0, Size.T, Size.T, 0, s);
            case "STi": return new Operand(Kind.STI, Size.T, Size.T, -1, s);
            case "XMM0": return new Operand(Kind.VREG, Size.DQ, Size.DQ, 0, s);
            case "1": return new Operand(Kind.ONE, Size.B, Size.B, -1, s);
            default: break;
        }
        if (s.length() < 1 || !Character.isUpperCase(s.charAt(0))) {
            throw new IllegalArgumentException("bad operand spelling: " + s);
        }
        Kind k = Kind.valueOf(s.substring(0, 1));
        String sz = s.substring(1);
        String msz = sz;
        int slash = sz.indexOf('/');
        if (slash >= 0) {
            msz = sz.substring(slash + 1);
            sz = sz.substring(0, slash);
        }
        Size size = sz.isEmpty() ? Size.NONE : Size.valueOf(sz.toUpperCase());
        Size memSize = msz.isEmpty() ? Size.NONE : Size.valueOf(msz.toUpperCase());
        if (k == Kind.REG || k == Kind.SEG || k == Kind.VREG || k == Kind.ST0 || k == Kind.STI
                || k == Kind.ONE) {
            throw new IllegalArgumentException("bad operand spelling: " + s);
        }
        return new Operand(k, size, memSize, -1, s);
    }

    @Override
    public String toString() {
        return spelling;
    }
}
