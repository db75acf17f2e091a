package jnbox.elf.validate;

/**
 * One decoded instruction as the validator's checks read it, filled in place by {@link NaclDecoder}
 * so the validator's loop does not allocate per instruction.
 */
final class Insn {
    static final int NO_REG = -1;
    static final int RIP = 16;

    /** The decoder's view of the instruction (register numbers already extended by REX/VEX). */
    final jnbox.emu.decode.Insn x = new jnbox.emu.decode.Insn();
    int start;
    int length;
    int base = NO_REG;  // memory forms: base register 0..15, RIP, or NO_REG
    int dispPos;        // start of displacement/immediate/relative bytes ("anyfield"), = end if none
    boolean data16;     // 66 selects the 16-bit operand size
    NaclForm form;

    boolean hasMemory() {
        return x.modrm() >= 0 && x.modrmMod() != 3;
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
            case NaclForm.SZ_V -> x.rexW() ? 64 : data16 ? 16 : 32;
            case NaclForm.SZ_Y -> x.rexW() ? 64 : 32;
            case NaclForm.SZ_Z -> data16 ? 16 : 32;
            default -> 0;
        };
    }

    /** Register number (0..15) of a written general-register operand of the given source kind. */
    int regOf(int src) {
        return switch (src) {
            case NaclForm.SRC_RM -> x.modrmMod() == 3 ? x.rmIndex() : NO_REG; // memory: not a register write
            case NaclForm.SRC_REG -> x.regIndex();
            case NaclForm.SRC_OPCODE -> x.opcodeReg();
            case NaclForm.SRC_AX -> 0;
            default -> NO_REG;
        };
    }
}
