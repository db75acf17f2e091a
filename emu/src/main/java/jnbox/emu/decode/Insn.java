package jnbox.emu.decode;

/**
 * One decoded instruction, made by {@link Decoder}: an immutable value when returned by
 * {@link Decoder#decode(byte[], int, int)}, or a caller-owned object refilled by each call of
 * {@link Decoder#decode(byte[], int, int, Insn)}. Register numbers are in
 * encoding order (RAX=0 .. R15=15) with REX/VEX extensions already applied.
 *
 * <p>Memory operand: {@link #hasMemory()} is true when ModRM.mod != 3 or for a moffs form;
 * then {@link #baseReg()} and {@link #indexReg()} are -1 when absent, {@link #ripRelative()}
 * marks {@code [rip+disp32]} (relative to the next instruction), and {@link #disp()} is the
 * sign-extended displacement (the absolute address for moffs forms).
 *
 * <p>Immediates: {@link #imm()} is the first immediate (or the relative branch offset of a
 * J operand, or the is4 byte), sign-extended from {@link #immSize()} bytes; {@link #imm2()} is
 * the second (enter, extrq, insertq).
 */
public final class Insn {
    static final int P66 = 1, P67 = 1 << 1, PLOCK = 1 << 2, PREP = 1 << 3, PREPNE = 1 << 4,
            PDUP = 1 << 5, PREX_IGNORED = 1 << 6, PVEX = 1 << 7, PVEX2 = 1 << 8;

    /** Segment numbers returned by {@link #segment()} (SDM vol. 3 §3.4.2 encoding order). */
    public static final int SEG_NONE = -1, ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;

    private OpForm op;
    private byte length;
    private short prefixes;
    private byte segment;
    private byte legacyCount;
    private byte rex;         // effective R/X/B/W bits as a REX byte (0x40|...), or 0
    private byte vexVvvv;     // register number 0..15 (already inverted), 0 when no VEX
    private byte vexL;
    private byte vexPp;
    private byte vexMap;
    private short modrm;      // -1 when absent
    private short sib;        // -1 when absent
    private byte base;
    private byte index;
    private byte scale;
    private byte dispSize;
    private byte immSize;
    private byte operandSize;
    private byte addressSize;
    private byte opcodeByte;
    private long disp;
    private long imm;
    private long imm2;

    /**
     * An empty instruction for {@link Decoder#decode(byte[], int, int, Insn)} to fill again and
     * again (no allocation per decoded instruction); its {@link #op()} is null until then.
     */
    public Insn() {
    }

    Insn(OpForm op, int length, int prefixes, int segment, int legacyCount, int rex, int vexVvvv,
            int vexL, int vexPp, int vexMap, int modrm, int sib, int base, int index, int scale,
            int dispSize, long disp, int immSize, long imm, long imm2, int operandSize,
            int addressSize, int opcodeByte) {
        set(op, length, prefixes, segment, legacyCount, rex, vexVvvv, vexL, vexPp, vexMap, modrm, sib, base,
                index, scale, dispSize, disp, immSize, imm, imm2, operandSize, addressSize, opcodeByte);
    }

    Insn set(OpForm op, int length, int prefixes, int segment, int legacyCount, int rex, int vexVvvv,
            int vexL, int vexPp, int vexMap, int modrm, int sib, int base, int index, int scale,
            int dispSize, long disp, int immSize, long imm, long imm2, int operandSize,
            int addressSize, int opcodeByte) {
        this.op = op;
        this.length = (byte) length;
        this.prefixes = (short) prefixes;
        this.segment = (byte) segment;
        this.legacyCount = (byte) legacyCount;
        this.rex = (byte) rex;
        this.vexVvvv = (byte) vexVvvv;
        this.vexL = (byte) vexL;
        this.vexPp = (byte) vexPp;
        this.vexMap = (byte) vexMap;
        this.modrm = (short) modrm;
        this.sib = (short) sib;
        this.base = (byte) base;
        this.index = (byte) index;
        this.scale = (byte) scale;
        this.dispSize = (byte) dispSize;
        this.disp = disp;
        this.immSize = (byte) immSize;
        this.imm = imm;
        this.imm2 = imm2;
        this.operandSize = (byte) operandSize;
        this.addressSize = (byte) addressSize;
        this.opcodeByte = (byte) opcodeByte;
        return this;
    }

    /** The form (opcode-table row) this instruction decoded to. */
    public OpForm op() { return op; }

    /** Shortcut for {@code op().mnemonic()}. */
    public Mnemonic mnemonic() { return op.mnemonic(); }

    /** Length in bytes, 1..15. */
    public int length() { return length; }

    // ---- legacy prefixes ----

    public boolean hasOpSizePrefix() { return (prefixes & P66) != 0; }

    public boolean hasAddrSizePrefix() { return (prefixes & P67) != 0; }

    public boolean lock() { return (prefixes & PLOCK) != 0; }

    /** An F3 prefix is present (rep/repe, or part of the opcode for mandatory-prefix forms). */
    public boolean rep() { return (prefixes & PREP) != 0; }

    /** An F2 prefix is present (repne, or part of the opcode for mandatory-prefix forms). */
    public boolean repne() { return (prefixes & PREPNE) != 0; }

    /**
     * The segment-override prefix ({@link #ES}..{@link #GS}), or {@link #SEG_NONE}: the last FS/GS
     * override if there is one, else the last ES/CS/SS/DS override. In 64-bit mode only FS and GS
     * change an address; ES/CS/SS/DS overrides are ignored by the CPU (2E/3E before jcc are
     * branch hints).
     */
    public int segment() { return segment; }

    /** Number of legacy prefix bytes (66 67 F0 F2 F3 and segment overrides), duplicates included. */
    public int legacyPrefixCount() { return legacyCount; }

    /** Some legacy prefix byte occurs more than once. */
    public boolean hasDuplicatePrefix() { return (prefixes & PDUP) != 0; }

    /** A REX byte was followed by another prefix, so the CPU ignored it (SDM vol. 2 §2.2.1). */
    public boolean hasIgnoredRex() { return (prefixes & PREX_IGNORED) != 0; }

    /** F0 on a form that is not lockable, or on its register form: the CPU raises #UD. */
    public boolean lockFaults() { return lock() && !(op.lockable() && hasMemory()); }

    // ---- REX / VEX ----

    /** A REX prefix is in effect (not for VEX). */
    public boolean hasRex() { return rex != 0 && !isVex(); }

    /** The REX byte in effect (0x40..0x4F), or 0. For VEX, the equivalent bits (see rexW()...). */
    public int rex() { return isVex() ? 0 : rex & 0xFF; }

    /** REX.W or VEX.W. */
    public boolean rexW() { return (rex & 8) != 0; }

    /** REX.R or inverted VEX.R̄: extends ModRM.reg. */
    public boolean rexR() { return (rex & 4) != 0; }

    /** REX.X or inverted VEX.X̄: extends SIB.index. */
    public boolean rexX() { return (rex & 2) != 0; }

    /** REX.B or inverted VEX.B̄: extends ModRM.rm, SIB.base or the opcode register. */
    public boolean rexB() { return (rex & 1) != 0; }

    public boolean isVex() { return (prefixes & PVEX) != 0; }

    /** The two-byte {@code C5} VEX form. */
    public boolean isVex2() { return (prefixes & PVEX2) != 0; }

    /** VEX.L (0 = 128-bit, 1 = 256-bit). */
    public int vexL() { return vexL; }

    /** VEX.W (same as {@link #rexW()}). */
    public int vexW() { return rexW() ? 1 : 0; }

    /** The register VEX.vvvv names (already un-inverted, 0..15); 0 without VEX. */
    public int vexVvvv() { return vexVvvv; }

    /** VEX.pp: 0 none, 1 = 66, 2 = F3, 3 = F2. */
    public int vexPp() { return vexPp; }

    /** VEX.mmmmm: 1 = 0F, 2 = 0F38, 3 = 0F3A; 0 without VEX. */
    public int vexMap() { return vexMap; }

    /** Vector length in bytes: 32 when VEX.L=1, else 16. */
    public int vectorLength() { return vexL == 1 ? 32 : 16; }

    // ---- opcode, ModRM, SIB ----

    /** The opcode byte (within its map; for 3DNow! the suffix byte). */
    public int opcodeByte() { return opcodeByte & 0xFF; }

    /** For "+r" forms: the register in the opcode's low bits, extended by REX.B. */
    public int opcodeReg() { return (opcodeByte & 7) | (rex & 1) << 3; }

    public boolean hasModrm() { return modrm >= 0; }

    /** The raw ModRM byte, or -1. */
    public int modrm() { return modrm; }

    public int modrmMod() { return modrm >= 0 ? modrm >> 6 & 3 : -1; }

    /** ModRM.reg without extension (the /digit for group forms). */
    public int modrmReg() { return modrm >= 0 ? modrm >> 3 & 7 : -1; }

    /** ModRM.rm without extension. */
    public int modrmRm() { return modrm >= 0 ? modrm & 7 : -1; }

    /** ModRM.reg extended by REX.R / VEX.R̄ (register operand G, V, P...). */
    public int regIndex() { return modrm >= 0 ? (modrm >> 3 & 7) | (rex & 4) << 1 : -1; }

    /** ModRM.rm extended by REX.B / VEX.B̄ (register operand when mod == 3). */
    public int rmIndex() { return modrm >= 0 ? (modrm & 7) | (rex & 1) << 3 : -1; }

    public boolean hasSib() { return sib >= 0; }

    /** The raw SIB byte, or -1. */
    public int sib() { return sib; }

    // ---- memory operand ----

    public boolean hasMemory() { return scale != 0; }

    /** Base register (0..15), or -1 (none, rip-relative, or moffs). */
    public int baseReg() { return base; }

    /** Index register (0..15), or -1. Index 4 without REX.X means none; with it, r12. */
    public int indexReg() { return index; }

    /** Scale factor 1, 2, 4 or 8 (1 when there is no index); 0 when there is no memory operand. */
    public int scale() { return scale; }

    public long disp() { return disp; }

    /** Displacement bytes encoded: 0, 1, 4 (or 8/4 for moffs). */
    public int dispSize() { return dispSize; }

    /** {@code [rip+disp32]}: the address is {@code nextRip + disp()}. */
    public boolean ripRelative() { return hasMemory() && base == -1 && modrm >= 0 && (modrm & 0xC7) == 5; }

    /** Address size in bytes: 8, or 4 with a 67 prefix. */
    public int addressSize() { return addressSize; }

    // ---- immediates ----

    /** First immediate, sign-extended from {@link #immSize()} bytes (branch offset for J forms). */
    public long imm() { return imm; }

    /** Bytes of immediate data encoded (both immediates together). */
    public int immSize() { return immSize; }

    /** Second immediate (enter's level, extrq/insertq index), zero-extended; 0 if absent. */
    public long imm2() { return imm2; }

    /** For is4 forms (L operand): the register in imm[7:4]. */
    public int is4Reg() { return (int) (imm >> 4 & 15); }

    /** Target of a relative branch given this instruction's address. */
    public long branchTarget(long insnAddress) { return insnAddress + length + imm; }

    // ---- sizes ----

    /**
     * Effective operand size in bytes (SDM vol. 1 §3.6): 1 for byte forms, else 2/4/8 from 66,
     * REX.W and the form's 64-bit default.
     */
    public int operandSize() {
        if (op.operandCount() > 0) {
            Operand o = op.operand(0);
            if (o.size() == Operand.Size.B && o.kind() != Operand.Kind.I && o.kind() != Operand.Kind.J) return 1;
        }
        return operandSize;
    }

    /** The v-size in bytes (2/4/8) before byte-form adjustment. */
    public int effectiveOperandSize() { return operandSize; }

    /** Size in bytes of explicit operand {@code i} (0 when it has no fixed size, e.g. x87 env). */
    public int operandBytes(int i) {
        return Sizes.bytes(op.operand(i).size(), operandSize, rexW(), vexL);
    }

    /** AT&T-syntax disassembly, as GNU objdump prints it (branch targets as {@code .+N}). */
    @Override
    public String toString() {
        return AttFormatter.format(this);
    }

    /** Intel-syntax disassembly, as {@code objdump -M intel} prints it. */
    public String toIntel() {
        return IntelFormatter.format(this);
    }
}
