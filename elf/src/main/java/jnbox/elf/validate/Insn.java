package jnbox.elf.validate;

/**
 * One decoded instruction, filled in place by {@link InsnDecoder} so the validator's loop does not
 * allocate per instruction.
 */
final class Insn {
    static final int NO_REG = -1;
    static final int RIP = 16;

    // Legacy prefix bits.
    static final int P66 = 1, PF2 = 2, PF3 = 4, PF0 = 8, P2E = 16, P3E = 32, P67 = 64, PSEG = 128;

    int start;
    int length;
    int prefixes;
    int rex;            // the REX byte, or 0
    boolean vex;
    int extR, extX, extB; // 8 when the REX/VEX bit extends the field, else 0
    boolean w;
    int vexL;
    int vvvv;           // register named by VEX.vvvv (un-inverted)
    int modrm = -1;
    int mod, reg, rm;
    boolean hasSib;
    int base = NO_REG;  // base register 0..15, RIP, or NO_REG
    int index = NO_REG; // index register 0..15, or NO_REG (none or %riz)
    int opcodePos;      // offset of the opcode byte (after prefixes, REX/VEX and map escapes)
    int opcodeLow3;     // low three bits of the opcode byte (for +r forms)
    int dispPos;        // start of displacement/immediate/relative bytes ("anyfield"), = end if none
    boolean data16;     // 66 selects the 16-bit operand size
    int relSize;        // 0, 1 or 4
    Form form;

    boolean hasMemory() {
        return modrm >= 0 && mod != 3;
    }

    int end() {
        return start + length;
    }

    /** Operand size in bits for a v/y/z sized operand, given the decoded prefixes. */
    int sizeBits(int sz) {
        return switch (sz) {
            case Form.SZ_B -> 8;
            case Form.SZ_W -> 16;
            case Form.SZ_D -> 32;
            case Form.SZ_Q -> 64;
            case Form.SZ_V -> w ? 64 : data16 ? 16 : 32;
            case Form.SZ_Y -> w ? 64 : 32;
            case Form.SZ_Z -> data16 ? 16 : 32;
            default -> 0;
        };
    }

    /** Register number (0..15) of a written general-register operand of the given source kind. */
    int regOf(int src) {
        return switch (src) {
            case Form.SRC_RM -> mod == 3 ? rm | extB : NO_REG; // memory: not a register write
            case Form.SRC_REG -> reg | extR;
            case Form.SRC_OPCODE -> opcodeLow3 | extB;
            case Form.SRC_AX -> 0;
            default -> NO_REG;
        };
    }
}
