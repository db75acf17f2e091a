package jnbox.emu.interp;

import jnbox.emu.decode.Insn;

/**
 * One decoded instruction prepared for execution: the {@link Insn} resolved once into the
 * operation ({@link #kind}, {@link #sub}), operand locations and the address parts, so the
 * interpreter's hot loop reads plain fields. Built by {@link UopBuilder}, cached in {@link Block}s.
 *
 * <p>Operand locations: 0..15 a general register (whole, sized by the access), 16..19 the legacy
 * high-byte registers AH, CH, DH, BH, {@link #MEM} the memory operand, {@link #IMM} the immediate,
 * {@link #XMM}+i an XMM register, {@link #NONE} absent.
 */
final class Uop {
    static final int NONE = -1, HIGH8 = 16, MEM = 32, IMM = 33, XMM = 64;

    int kind;
    /** Kind-specific selector: ALU operation, condition code, shift operation... */
    int sub;
    /** Operand size in bytes (1, 2, 4, 8, or 16 for vector moves). */
    int size;
    /** Second size: source size of movzx/movsx, element size of vector ops. */
    int size2;
    long mask;
    /** Flags op size index for lazy flags (log2 of size). */
    int sizeIdx;
    int op0 = NONE, op1 = NONE, op2 = NONE;
    // memory operand: ea = disp + r[base] + (r[index] << scaleShift), truncated to 32 bits if addr32
    int base = -1, index = -1, scaleShift;
    long disp;
    boolean addr32;
    long imm, imm2;
    /** Sys address of this instruction and of the next one. */
    long pc, next;
    /** Executes under the global atomic-operation lock (lock prefix, xchg with memory). */
    boolean locked;
    boolean rep, repne;
    /** Ends a block (any control transfer, or a stop). */
    boolean endsBlock;
    Insn insn;
    /** For {@link Kinds#UNIMPLEMENTED}: the mnemonic to report. */
    String detail;
}
