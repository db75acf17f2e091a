package jnbox.elf.validate;

/**
 * One row of the validator's instruction table ({@code nacl-x86-64.forms}): an encoding the NaCl
 * x86-64 validator accepts, with the attributes its checks need. Immutable after parsing.
 */
final class Form {
    // Opcode maps. VEX maps are VEX_0F + (mmmmm - 1).
    static final int MAP_1B = 0, MAP_0F = 1, MAP_0F38 = 2, MAP_0F3A = 3, MAP_3DNOW = 4;
    static final int VEX_0F = 5, VEX_0F38 = 6, VEX_0F3A = 7, MAP_COUNT = 8;

    // ModRM.rm constraint.
    static final int RM_ANY = 0, RM_MEM = 1, RM_REG = 2;

    // Where a written general register comes from.
    static final int SRC_RM = 1, SRC_REG = 2, SRC_OPCODE = 3, SRC_AX = 4;

    // Operand sizes in the manual's letters; V/Y/Z depend on 66 and REX.W.
    static final int SZ_B = 1, SZ_W = 2, SZ_D = 3, SZ_Q = 4, SZ_V = 5, SZ_Y = 6, SZ_Z = 7;

    // Immediate kinds, in encoding order.
    static final int IMM_B = 1, IMM_W = 2, IMM_Z = 3, IMM_D = 4, IMM_V = 5, IMM_IS4 = 6;

    // VEX L and W constraints: -1 means "either value" (L: the 'x' size; W: selects y size), 0/1 exact.
    // WIG/LIG are stored as 0: the validator requires ignored bits to be zero (spec §9).

    final String line;
    final String mnemonic;
    final int map;
    final int opcode;
    final boolean opcodeReg;   // +r: low three bits name a register
    final boolean hasModrm;
    final int regExt;          // /0../7, or -1
    final int fixedModrm;      // exact ModRM byte (x87 and 0f ae/0f 01 forms), or -1
    final int suffix;          // 3DNow! opcode suffix byte, or -1
    final int rmKind;
    final int mandatory;       // 0, 0x66, 0xf2 or 0xf3
    final boolean o16;         // a 0x66 operand-size prefix is required (explicit 16-bit form)
    final int rexW;            // -1 free, 0 must be clear, 1 must be set
    final boolean noRex;
    final boolean sizeV, sizeY, sizeZ;
    final int[] imms;
    final int rel;             // 0, 1 or 4 bytes of relative displacement
    final int[] writeSrc;      // written general registers in NaCl operand order (Intel order)
    final int[] writeSize;
    final boolean lock, hint, zeroExtends, noMemoryAccess, modifiable, unsupported, notNop, call;
    final CpuFeature feature;  // null when ungated
    final CpuFeature featureL1; // for AVX_Lis2 rows: the feature when VEX.L = 1, else null
    // VEX only.
    final int vexL, vexW;
    final boolean vexUsesVvvv;
    final boolean regFieldIsOperand; // ModRM.reg names an operand (so REX.R/VEX.R matters)
    // Derived once, for the decoder's inner loop.
    final int mandatoryBit;    // Insn.P66/PF2/PF3 for the mandatory prefix, or 0
    final boolean sizeVariable; // any v/y/z operand
    final boolean allowsData16; // 66 may select a 16-bit operand size (v or z operand)
    final boolean allowsW64;    // REX.W may select a 64-bit operand size (v or y operand)
    final int fixedImmBytes;    // bytes of immediates and relative fields whose size is fixed
    final int zImms;            // number of Iz immediates (2 or 4 bytes)
    final boolean vImm;         // an Iv immediate (2, 4 or 8 bytes)
    final boolean lastIsIs4;
    final boolean plainOk;      // accepts an encoding without any prefix or REX
    // writeSrc/writeSize flattened (at most two written registers), to avoid loading the arrays.
    final int nWrites, wSrc0, wSize0, wSrc1, wSize1;

    Form(String line, String mnemonic, int map, int opcode, boolean opcodeReg, boolean hasModrm,
            int regExt, int fixedModrm, int suffix, int rmKind, int mandatory, boolean o16, int rexW,
            boolean noRex, boolean sizeV, boolean sizeY, boolean sizeZ, int[] imms, int rel,
            int[] writeSrc, int[] writeSize, boolean lock, boolean hint, boolean zeroExtends,
            boolean noMemoryAccess, boolean modifiable, boolean unsupported, boolean notNop,
            boolean call, CpuFeature feature, CpuFeature featureL1, int vexL, int vexW,
            boolean vexUsesVvvv, boolean regFieldIsOperand) {
        this.line = line;
        this.mnemonic = mnemonic;
        this.map = map;
        this.opcode = opcode;
        this.opcodeReg = opcodeReg;
        this.hasModrm = hasModrm;
        this.regExt = regExt;
        this.fixedModrm = fixedModrm;
        this.suffix = suffix;
        this.rmKind = rmKind;
        this.mandatory = mandatory;
        this.o16 = o16;
        this.rexW = rexW;
        this.noRex = noRex;
        this.sizeV = sizeV;
        this.sizeY = sizeY;
        this.sizeZ = sizeZ;
        this.imms = imms;
        this.rel = rel;
        this.writeSrc = writeSrc;
        this.writeSize = writeSize;
        this.lock = lock;
        this.hint = hint;
        this.zeroExtends = zeroExtends;
        this.noMemoryAccess = noMemoryAccess;
        this.modifiable = modifiable;
        this.unsupported = unsupported;
        this.notNop = notNop;
        this.call = call;
        this.feature = feature;
        this.featureL1 = featureL1;
        this.vexL = vexL;
        this.vexW = vexW;
        this.vexUsesVvvv = vexUsesVvvv;
        this.regFieldIsOperand = regFieldIsOperand;
        this.mandatoryBit = mandatory == 0x66 ? Insn.P66 : mandatory == 0xf2 ? Insn.PF2
                : mandatory == 0xf3 ? Insn.PF3 : 0;
        this.sizeVariable = sizeV || sizeY || sizeZ;
        this.allowsData16 = sizeV || sizeZ;
        this.allowsW64 = sizeV || sizeY;
        int fixed = rel, z = 0;
        boolean v = false;
        for (int imm : imms) {
            switch (imm) {
                case IMM_B, IMM_IS4 -> fixed += 1;
                case IMM_W -> fixed += 2;
                case IMM_D -> fixed += 4;
                case IMM_Z -> z++;
                case IMM_V -> v = true;
                default -> throw new IllegalArgumentException("immediate kind " + imm);
            }
        }
        this.fixedImmBytes = fixed;
        this.zImms = z;
        this.vImm = v;
        this.lastIsIs4 = imms.length > 0 && imms[imms.length - 1] == IMM_IS4;
        this.plainOk = mandatory == 0 && !o16 && rexW != 1;
        this.nWrites = writeSrc.length;
        this.wSrc0 = nWrites > 0 ? writeSrc[0] : 0;
        this.wSize0 = nWrites > 0 ? writeSize[0] : 0;
        this.wSrc1 = nWrites > 1 ? writeSrc[1] : 0;
        this.wSize1 = nWrites > 1 ? writeSize[1] : 0;
        if (nWrites > 2) {
            throw new IllegalArgumentException("more than two written registers");
        }
    }

    boolean isVex() {
        return map >= VEX_0F;
    }

    @Override
    public String toString() {
        return line;
    }
}
