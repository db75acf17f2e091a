package jnbox.elf.validate;

/**
 * One decoded instruction as the validator's checks read it, filled in place by {@link NaclDecoder}
 * so the validator's loop does not allocate per instruction.
 */
final class Insn {
    static final int NO_REG = -1;
    static final int RIP = 16;

    int start;
    int length;
    int rex;            // the REX byte, or 0
    int extR, extX, extB; // 8 when the REX/VEX bit extends the field, else 0
    boolean w;
    int vexL;
    int modrm = -1;
    int mod, reg, rm;
    boolean hasSib;
    int base = NO_REG;  // base register 0..15, RIP, or NO_REG
    int index = NO_REG; // index register 0..15, or NO_REG (none or %riz)
    int opcodeLow3;     // low three bits of the opcode byte (for +r forms)
    int dispPos;        // start of displacement/immediate/relative bytes ("anyfield"), = end if none
    boolean data16;     // 66 selects the 16-bit operand size
    NaclForm form;

    boolean hasMemory() {
        return modrm >= 0 && mod != 3;
    }

    int end() {
        return start + length;
    }

    /** Operand size in bits for a v/y/z sized operand, given the decoded prefixes. */
    int sizeBits(int sz) {
        return switch (sz) {
            case NaclForm.SZ_B -> 8;
            case NaclForm.SZ_W -> 16;
            case NaclForm.SZ_D -> 32;
            case NaclForm.SZ_Q -> 64;
            case NaclForm.SZ_V -> w ? 64 : data16 ? 16 : 32;
            case NaclForm.SZ_Y -> w ? 64 : 32;
            case NaclForm.SZ_Z -> data16 ? 16 : 32;
            default -> 0;
        };
    }

    /** Register number (0..15) of a written general-register operand of the given source kind. */
    int regOf(int src) {
        return switch (src) {
            case NaclForm.SRC_RM -> mod == 3 ? rm | extB : NO_REG; // memory: not a register write
            case NaclForm.SRC_REG -> reg | extR;
            case NaclForm.SRC_OPCODE -> opcodeLow3 | extB;
            case NaclForm.SRC_AX -> 0;
            default -> NO_REG;
        };
    }
}
