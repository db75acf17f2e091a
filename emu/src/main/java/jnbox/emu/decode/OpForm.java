package jnbox.emu.decode;

import java.util.EnumSet;
import java.util.List;

/**
 * One instruction form: a row of the opcode table (e.g. {@code ADD_Ev_Gv}: {@code 01 /r}), with
 * every attribute the interpreter and the validator need. Forms are created once when
 * {@link Forms} is initialised and compared by identity; {@link #id()} is dense (0..N-1), so an
 * engine can keep a handler array indexed by it.
 *
 * <p>Encoding constraints are in the row's notation: {@link #map()}, {@link #opcode()},
 * {@link #mandatoryPrefix()}, {@link #regExt()} ({@code /digit}), {@link #fixedModrm()} (x87 and
 * {@code 0F 01} rows written with a full ModRM byte), {@link #rexW()}, and for VEX rows
 * {@link #vexL()}, {@link #vexW()} and {@link #usesVvvv()}. Operands are in Intel order.
 */
public final class OpForm {
    /** {@link #mandatoryPrefix()}: the row matches whatever 66/F2/F3 are present. */
    public static final int PFX_ANY = -1;
    /** {@link #mandatoryPrefix()}: no 66/F2/F3 ("NP"). */
    public static final int PFX_NONE = 0;

    /** {@link #vexL()} / {@link #vexW()} / {@link #rexW()}: the bit is ignored / free. */
    public static final int IGNORED = -1;
    /** {@link #vexL()}: both 128 and 256 bits exist and L selects the vector length. */
    public static final int L_BOTH = 2;
    /** {@link #vexW()}: VEX.W selects the operand size (32/64-bit GPR forms: andn, pextrd/q...). */
    public static final int W_SIZE = 2;

    private final int id;
    private final String name;
    private final Mnemonic mnemonic;
    private final OpMap map;
    private final int opcode;
    private final int mandatoryPrefix;
    private final int regExt;
    private final int fixedModrm;
    private final boolean opcodeReg;
    private final boolean hasModrm;
    private final List<Operand> operands;
    private final Operand[] ops;
    private final EnumSet<Flag> flags;
    private final CpuFeature feature;
    private final NaclStatus nacl;
    private final int rexW;
    private final int vexL;
    private final int vexW;
    private final boolean usesVvvv;
    private final int writeMask;
    private final String encoding;
    final boolean vsib;
    // Immediate-like operands in encoding order, for the decoder's inner loop (no per-operand switch).
    static final byte IMM_1 = 1, IMM_2 = 2, IMM_4 = 3, IMM_8 = 4, IMM_Z = 5, IMM_V = 6, REL_Z = 7, MOFFS = 8;
    final byte[] immOps;
    final boolean d64, f64;
    // Matching key (see Forms): (key & keyMask) == keyValue, plus the prefix class.
    final int keyMask;
    final int keyValue;

    OpForm(int id, String name, Mnemonic mnemonic, OpMap map, int opcode, int mandatoryPrefix,
            int regExt, int fixedModrm, boolean opcodeReg, boolean hasModrm, Operand[] ops,
            EnumSet<Flag> flags, CpuFeature feature, NaclStatus nacl, int rexW, int vexL, int vexW,
            boolean usesVvvv, int writeMask, String encoding, int keyMask, int keyValue) {
        this.id = id;
        this.name = name;
        this.mnemonic = mnemonic;
        this.map = map;
        this.opcode = opcode;
        this.mandatoryPrefix = mandatoryPrefix;
        this.regExt = regExt;
        this.fixedModrm = fixedModrm;
        this.opcodeReg = opcodeReg;
        this.hasModrm = hasModrm;
        this.ops = ops;
        this.operands = List.of(ops);
        this.flags = flags;
        this.feature = feature;
        this.nacl = nacl;
        this.rexW = rexW;
        this.vexL = vexL;
        this.vexW = vexW;
        this.usesVvvv = usesVvvv;
        this.writeMask = writeMask;
        this.encoding = encoding;
        this.keyMask = keyMask;
        this.keyValue = keyValue;
        this.vsib = flags.contains(Flag.VSIB);
        this.immOps = immOps(ops);
        this.d64 = flags.contains(Flag.D64);
        this.f64 = flags.contains(Flag.F64);
    }

    private static byte[] immOps(Operand[] ops) {
        byte[] r = new byte[ops.length];
        int n = 0;
        for (Operand o : ops) {
            switch (o.kind()) {
                case I, L -> r[n++] = switch (o.size()) {
                    case W -> IMM_2;
                    case D -> IMM_4;
                    case Q -> IMM_8;
                    case Z -> IMM_Z;
                    case V -> IMM_V;
                    default -> IMM_1;
                };
                case J -> r[n++] = o.size() == Operand.Size.B ? IMM_1 : REL_Z;
                case O -> r[n++] = MOFFS;
                default -> { }
            }
        }
        return java.util.Arrays.copyOf(r, n);
    }

    /** Dense index 0..{@link Forms#count()}-1. Stable within one build, not across table edits. */
    public int id() { return id; }

    /** Name in the manual's notation: mnemonic and operand specs, e.g. {@code ADD_Ev_Gv}. */
    public String name() { return name; }

    public Mnemonic mnemonic() { return mnemonic; }

    public OpMap map() { return map; }

    /** Opcode byte within {@link #map()} (for 3DNow! the suffix byte). */
    public int opcode() { return opcode; }

    /** {@link #PFX_ANY}, {@link #PFX_NONE}, 0x66, 0xF3 or 0xF2 (for VEX rows: VEX.pp). */
    public int mandatoryPrefix() { return mandatoryPrefix; }

    /** The {@code /digit} ModRM.reg extension, or -1. */
    public int regExt() { return regExt; }

    /** The exact ModRM byte of rows such as {@code D9 E8} (fld1), or -1. */
    public int fixedModrm() { return fixedModrm; }

    /** True for "+r" rows: the low three opcode bits (plus REX.B) name a register. */
    public boolean opcodeReg() { return opcodeReg; }

    public boolean hasModrm() { return hasModrm; }

    /** Operands in Intel order (destination first). */
    public List<Operand> operands() { return operands; }

    public int operandCount() { return ops.length; }

    public Operand operand(int i) { return ops[i]; }

    public boolean has(Flag f) { return flags.contains(f); }

    /** CPUID feature gating this form ({@link CpuFeature#BASE} if none). */
    public CpuFeature feature() { return feature; }

    /** The feature needed for the given VEX.L (AVX2 for L=1 on rows flagged {@link Flag#AVX2_L1}). */
    public CpuFeature feature(int vexL) {
        return vexL == 1 && flags.contains(Flag.AVX2_L1) ? CpuFeature.AVX2 : feature;
    }

    public NaclStatus nacl() { return nacl; }

    public boolean lockable() { return flags.contains(Flag.LOCK); }

    /** {@code F3 rep} allowed (movs, stos, lods, ins, outs). */
    public boolean repAllowed() { return flags.contains(Flag.REP) || flags.contains(Flag.REPCC); }

    /** {@code F3 repe} / {@code F2 repne} allowed (cmps, scas). */
    public boolean repccAllowed() { return flags.contains(Flag.REPCC); }

    /** Operand size defaults to 64 bits (push, pop, ...). */
    public boolean defaultsTo64() { return d64; }

    /** Operand size forced to 64 bits (near branches). */
    public boolean forces64() { return f64; }

    /** NaCl's "nacl-amd64-zero-extends": a 32-bit write makes the register usable as an index. */
    public boolean naclZeroExtends() { return flags.contains(Flag.ZX); }

    /** The memory operand (if any) is not accessed (lea, nop, prefetch). */
    public boolean noMemoryAccess() { return flags.contains(Flag.NOMEM); }

    /** REX.W constraint of a legacy row: {@link #IGNORED}, 0 or 1 ("REX.W" in the row). */
    public int rexW() { return rexW; }

    /** VEX.L: 0, 1, {@link #L_BOTH} (L selects 128/256) or {@link #IGNORED} (LIG). -1 for non-VEX. */
    public int vexL() { return vexL; }

    /** VEX.W: 0, 1, {@link #IGNORED} (WIG) or {@link #W_SIZE} (W selects 32/64-bit operands). */
    public int vexW() { return vexW; }

    /** VEX.vvvv names an operand (H, B or the NDD destination); otherwise it must be 1111. */
    public boolean usesVvvv() { return usesVvvv; }

    public boolean isVex() { return map.isVex(); }

    /** True if explicit operand {@code i} is written (destination, or both operands of xchg). */
    public boolean writes(int i) { return (writeMask >>> i & 1) != 0; }

    /** Bit i set when explicit operand i is written. */
    public int writeMask() { return writeMask; }

    /** The row's encoding as written in the table, e.g. {@code "66 0F 58 /r"}. */
    public String encoding() { return encoding; }

    /** True if some operand is a relative branch target (J). */
    public boolean isRelativeBranch() {
        for (Operand o : ops) {
            if (o.kind() == Operand.Kind.J) return true;
        }
        return false;
    }

    @Override
    public String toString() { return name; }
}
