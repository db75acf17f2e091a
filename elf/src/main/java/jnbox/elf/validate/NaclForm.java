package jnbox.elf.validate;

import jnbox.emu.decode.CpuFeature;
import jnbox.emu.decode.Flag;
import jnbox.emu.decode.Forms;
import jnbox.emu.decode.Mnemonic;
import jnbox.emu.decode.NaclStatus;
import jnbox.emu.decode.OpForm;
import jnbox.emu.decode.Operand;

/**
 * The validator's view of one row of the decoder's opcode table ({@link OpForm}): the facts its
 * checks read in the inner loop, derived once from the row's attributes and flattened into fields.
 * {@link #of(OpForm)} is indexed by {@link OpForm#id()}; rows NaCl does not decode are null.
 */
final class NaclForm {
    // Where a written general register comes from.
    static final int SRC_RM = 1, SRC_REG = 2, SRC_OPCODE = 3, SRC_AX = 4;
    // Operand sizes in the manual's letters; V/Y/Z depend on 66 and REX.W.
    static final int SZ_B = 1, SZ_W = 2, SZ_D = 3, SZ_Q = 4, SZ_V = 5, SZ_Y = 6, SZ_Z = 7;
    // Immediate kinds, in encoding order.
    static final int IMM_B = 1, IMM_W = 2, IMM_Z = 3, IMM_D = 4, IMM_V = 5;

    private static final NaclForm[] BY_ID = build();

    final OpForm op;
    final int mandatoryBit;      // NaclDecoder.P66/PF2/PF3 for a legacy mandatory prefix, or 0
    final boolean sizeVariable;  // any v/y/z operand or immediate
    final boolean allowsData16;  // 66 may select a 16-bit operand size (v or z)
    final boolean allowsW64;     // REX.W may select a 64-bit operand size (v or y)
    final int rexW;              // -1 free, 0 must be clear, 1 must be set
    final boolean noRex, lock, hint;
    final boolean is4;
    final boolean memoryOnly;     // NaCl lists only the memory form           // last immediate is an is4 register byte (low nibble must be 0)
    final int vexL, vexW;        // required value (0/1), -1 free; ignored bits are required 0
    final boolean regFieldIsOperand;
    final int rel;               // 0, 1 or 4 bytes of relative displacement
    final boolean call, modifiable, noMemoryAccess, unsupported;
    final boolean zeroExtends;   // 32-bit writes restrict the register
    final boolean zxRegOnly;     // xchg/xadd: zero-extends only in the register-register form
    final CpuFeature feature;    // null when ungated
    final CpuFeature featureL1;  // the feature for VEX.L = 1 when it differs, else null
    final int[] imms;
    final int nWrites, wSrc0, wSize0, wSrc1, wSize1;

    static NaclForm of(OpForm f) {
        return BY_ID[f.id()];
    }

    private static NaclForm[] build() {
        NaclForm[] r = new NaclForm[Forms.count()];
        for (OpForm f : Forms.all()) {
            if (NaclPolicy.decodes(f)) {
                r[f.id()] = new NaclForm(f);
            }
        }
        return r;
    }

    private NaclForm(OpForm f) {
        this.op = f;
        int pfx = f.mandatoryPrefix();
        this.mandatoryBit = f.isVex() ? 0 : pfx == 0x66 ? NaclDecoder.P66 : pfx == 0xF2 ? NaclDecoder.PF2
                : pfx == 0xF3 ? NaclDecoder.PF3 : 0;
        boolean v = false, y = false, z = false, regField = false, is4 = false;
        int rel = 0, nImm = 0;
        int[] imms = new int[3];
        int nW = 0;
        int[] wSrc = new int[2], wSize = new int[2];
        for (int i = 0; i < f.operandCount(); i++) {
            Operand o = f.operand(i);
            Operand.Kind k = o.kind();
            int size = sizeCode(o.size());
            if (k == Operand.Kind.J) {
                rel = o.size() == Operand.Size.B ? 1 : 4;
                continue;
            }
            v |= size == SZ_V;
            y |= size == SZ_Y;
            z |= size == SZ_Z;
            regField |= k.inReg();
            if (k == Operand.Kind.L) {
                is4 = true;
            } else if (k == Operand.Kind.I) {
                imms[nImm++] = switch (o.size()) {
                    case B -> IMM_B;
                    case W -> IMM_W;
                    case Z -> IMM_Z;
                    case D -> IMM_D;
                    default -> IMM_V;
                };
            }
            if (f.writes(i) || i < 2 && NaclPolicy.writesBoth(f)) {
                int src = switch (k) {
                    case E, R -> SRC_RM;
                    case G -> SRC_REG;
                    case Z -> SRC_OPCODE;
                    case REG -> o.fixedReg() == 0 ? SRC_AX : 0;
                    default -> 0;
                };
                if (src != 0 && size != 0 && nW < 2) {
                    wSrc[nW] = src;
                    // push/pop: 64 bits by default (66 gives 16, which is not 32 either).
                    wSize[nW++] = size == SZ_V && (f.defaultsTo64() || f.forces64()) ? SZ_Q : size;
                }
            }
        }
        if (NaclPolicy.implicitSizeV(f)) {
            v = true;
        }
        boolean d64 = f.defaultsTo64() || f.forces64();
        this.sizeVariable = v || y || z;
        this.allowsData16 = (v || z) && !NaclPolicy.noData16(f);
        this.allowsW64 = v || y || d64 && z;
        this.rexW = f.rexW();
        this.noRex = f.has(Flag.NOREX);
        this.lock = f.lockable();
        this.hint = f.has(Flag.HINT);
        this.is4 = is4;
        int l = NaclPolicy.vexL(f), w = NaclPolicy.vexW(f);
        this.vexL = !f.isVex() ? -1 : l != -2 ? l
                : f.vexL() == OpForm.L_BOTH ? -1 : f.vexL() == OpForm.IGNORED ? 0 : f.vexL();
        this.vexW = !f.isVex() ? -1 : w != -2 ? w
                : f.vexW() == OpForm.W_SIZE ? -1 : f.vexW() == OpForm.IGNORED ? 0 : f.vexW();
        this.memoryOnly = NaclPolicy.memoryOnly(f);
        this.regFieldIsOperand = regField;
        this.rel = rel;
        this.call = rel != 0 && f.mnemonic() == Mnemonic.CALL;
        this.modifiable = f.has(Flag.MODIFIABLE);
        this.noMemoryAccess = f.noMemoryAccess();
        this.unsupported = f.nacl() == NaclStatus.NONTEMPORAL;
        this.zeroExtends = f.naclZeroExtends();
        this.zxRegOnly = f.mnemonic() == Mnemonic.XCHG || f.mnemonic() == Mnemonic.XADD;
        CpuFeature feature = NaclPolicy.feature(f);
        this.feature = feature == CpuFeature.BASE ? null : feature;
        this.featureL1 = f.feature(1) != f.feature() ? f.feature(1) : null;
        this.imms = java.util.Arrays.copyOf(imms, nImm);
        this.nWrites = nW;
        this.wSrc0 = wSrc[0];
        this.wSize0 = wSize[0];
        this.wSrc1 = wSrc[1];
        this.wSize1 = wSize[1];
    }

    private static int sizeCode(Operand.Size s) {
        return switch (s) {
            case B -> SZ_B;
            case W -> SZ_W;
            case D -> SZ_D;
            case Q -> SZ_Q;
            case V -> SZ_V;
            case Y -> SZ_Y;
            case Z -> SZ_Z;
            default -> 0;
        };
    }

    @Override
    public String toString() {
        return op.name();
    }
}
