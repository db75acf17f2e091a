package jnbox.elf.validate;

import java.util.Set;
import jnbox.emu.decode.CpuFeature;
import jnbox.emu.decode.Mnemonic;
import jnbox.emu.decode.OpForm;
import jnbox.emu.decode.OpMap;

/**
 * Where NaCl's instruction definitions ({@code validator_ragel/instruction_definitions/*.def}) say
 * more than the decoder's row, keyed by the decoder's forms: which rows are in NaCl's language, and
 * the few rows whose operand sizes, VEX bits, CPU feature or written operands NaCl lists differently
 * from the manual. Everything else comes from {@link OpForm} as it is.
 */
final class NaclPolicy {
    private NaclPolicy() {
    }

    /** Rows NaCl decodes, then reports as unrecognized: gated on FXSR, which NaCl compiles out. */
    private static final Set<Mnemonic> FXSR_GATED = Set.of(Mnemonic.XGETBV, Mnemonic.XSAVE,
            Mnemonic.XSAVE64, Mnemonic.XRSTOR, Mnemonic.XRSTOR64, Mnemonic.XSAVEOPT, Mnemonic.XSAVEOPT64);

    /** Size-variable rows NaCl lists for 32/64-bit operands only (bswap ry; popcnt/lzcnt/tzcnt Ew forbidden; nop Ed/Eq). */
    private static final Set<Mnemonic> NO_DATA16 = Set.of(Mnemonic.BSWAP, Mnemonic.POPCNT, Mnemonic.LZCNT,
            Mnemonic.TZCNT, Mnemonic.NOP);

    /** Rows without operands whose size 66/REX.W still select (cbtw/cwtl/cltq, cwtd/cltd/cqto). */
    private static final Set<Mnemonic> IMPLICIT_V = Set.of(Mnemonic.CWDE, Mnemonic.CDQ);

    static boolean decodes(OpForm f) {
        return switch (f.nacl()) {
            case ACCEPTED, NONTEMPORAL -> true;
            case NEVER -> !f.isVex() && (FXSR_GATED.contains(f.mnemonic()) || switch (f.feature()) {
                case AES, CLMUL, FXSR, MONITOR -> true;
                default -> false;
            });
            default -> false;
        };
    }

    /** NaCl's compiled-in maximum feature set ({@code kValidatorCPUIDFeatures}, spec §6.1). */
    static boolean inValidatorMax(CpuFeature f) {
        return f == CpuFeature.FMA4 || f == CpuFeature.XOP || !f.naclNeverAccepted();
    }

    /** The feature NaCl gates the row on, where its .def differs from the manual's CPUID flag. */
    static CpuFeature feature(OpForm f) {
        if (FXSR_GATED.contains(f.mnemonic())) {
            return CpuFeature.FXSR;
        }
        if (f.map() == OpMap.MAP_0F && f.opcode() >= 0x90 && f.opcode() <= 0x9f) {
            return CpuFeature.CMOV; // setcc
        }
        return switch (f.mnemonic()) {
            case FCOMI, FCOMIP, FUCOMI, FUCOMIP, FISTTP -> CpuFeature.X87;
            case PMADDUBSW -> f.mandatoryPrefix() == 0x66 ? f.feature() : CpuFeature.MMX;
            case CVTPI2PS, CVTPS2PI, CVTTPS2PI -> CpuFeature.SSE2;
            case SFENCE -> CpuFeature.EMMX_SSE;
            default -> f.feature();
        };
    }

    /** VEX rows NaCl lists with "x.src" although vvvv names no operand: any vvvv is accepted. */
    private static final Set<Mnemonic> VVVV_FREE = Set.of(Mnemonic.VMOVHPS, Mnemonic.VMOVHPD,
            Mnemonic.VUCOMISS, Mnemonic.VUCOMISD, Mnemonic.VCOMISS, Mnemonic.VCOMISD, Mnemonic.VSQRTPS,
            Mnemonic.VSQRTPD, Mnemonic.VROUNDPS, Mnemonic.VROUNDPD);

    static boolean vvvvFree(OpForm f) {
        return VVVV_FREE.contains(f.mnemonic());
    }

    static boolean noData16(OpForm f) {
        return NO_DATA16.contains(f.mnemonic());
    }

    static boolean implicitSizeV(OpForm f) {
        return IMPLICIT_V.contains(f.mnemonic());
    }

    /** cmpxchg: NaCl lists the register operand as written too ({@code cmpxchg &Gv Ev}). */
    static boolean writesBoth(OpForm f) {
        return f.mnemonic() == Mnemonic.CMPXCHG;
    }

    /** VEX.L NaCl requires where it differs from the row: 0/1, or -2 to keep the row's. */
    static int vexL(OpForm f) {
        return switch (f.mnemonic()) {
            // vmovss/vmovsd register forms are listed with L=1 only (x.src.1.10 / x.src.1.11).
            case VMOVSS, VMOVSD -> f.name().contains("_Hdq_") ? 1 : -2;
            case VPSLLDQ, VPSRLDQ -> 0; // 0.dest.0.01: 128-bit, W0
            default -> -2;
        };
    }

    /** VEX.W NaCl requires where it differs from the row, or -2. */
    static int vexW(OpForm f) {
        return f.mnemonic() == Mnemonic.VPSLLDQ || f.mnemonic() == Mnemonic.VPSRLDQ ? 0 : -2;
    }

    /** Rows NaCl lists with a memory operand only (vextractps Mss). */
    static boolean memoryOnly(OpForm f) {
        return f.mnemonic() == Mnemonic.VEXTRACTPS;
    }
}
