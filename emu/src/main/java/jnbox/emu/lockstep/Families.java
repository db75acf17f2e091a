package jnbox.emu.lockstep;

import jnbox.emu.decode.Mnemonic;

/**
 * Mnemonic families the generator weights and sets up specially. Weights go by name, so a VEX form
 * ({@code VCVTPS2DQ}, {@code VFMADD231PS}) weighs as its legacy family and families that land later
 * are weighted without a change here.
 */
final class Families {
    private Families() {}

    static boolean isShiftOrRotate(Mnemonic m) {
        return switch (m) {
            case ROL, ROR, RCL, RCR, SHL, SHR, SAR, SHLD, SHRD -> true;
            default -> false;
        };
    }

    static boolean isConversion(Mnemonic m) {
        return legacyName(m).startsWith("CVT");
    }

    /** The name without the VEX "V" (VADDPS -> ADDPS); names that never had one (VZEROUPPER...) stay. */
    private static String legacyName(Mnemonic m) {
        String n = m.name();
        if (n.startsWith("V") && n.length() > 3) {
            try {
                Mnemonic.valueOf(n.substring(1));
                return n.substring(1);
            } catch (IllegalArgumentException none) {
                return n;
            }
        }
        return n;
    }

    /** Relative weight of a form of mnemonic {@code m} in the pool: the tricky families come more often. */
    static int weight(Mnemonic m) {
        if (isShiftOrRotate(m)) return 6;
        if (isConversion(m)) return 6;
        String n = legacyName(m);
        // SSE4.2 string compares and crc32 (lengths, polarity, index/mask forms), FMA (one rounding),
        // rounding with an immediate mode, dot products: many edge cases per form.
        if (n.startsWith("PCMPESTR") || n.startsWith("PCMPISTR") || n.equals("CRC32")) return 6;
        if (n.startsWith("VFMADD") || n.startsWith("VFMSUB") || n.startsWith("VFNMADD") || n.startsWith("VFNMSUB")) return 5;
        if (n.startsWith("ROUND") || n.equals("DPPS") || n.equals("DPPD") || n.equals("MPSADBW")) return 5;
        if (n.startsWith("PMADDUBSW") || n.startsWith("PMULHRSW") || n.startsWith("PSHUFB") || n.startsWith("PALIGNR")
                || n.startsWith("PHADD") || n.startsWith("PHSUB") || n.startsWith("HADD") || n.startsWith("HSUB")
                || n.startsWith("ADDSUB") || n.equals("INSERTPS") || n.startsWith("BLENDV") || n.startsWith("PBLENDV")
                || n.equals("PTEST") || n.startsWith("PACKUS") || n.startsWith("PACKSS") || n.startsWith("PSIGN")) return 3;
        return switch (n) {
            case "DIV", "IDIV" -> 8;
            case "MUL", "IMUL", "ADC", "SBB", "BSF", "BSR", "POPCNT", "LZCNT", "CMPXCHG", "XADD" -> 3;
            case "MINSS", "MINSD", "MAXSS", "MAXSD", "MINPS", "MINPD", "MAXPS", "MAXPD", "UCOMISS", "UCOMISD", "COMISS", "COMISD" -> 3;
            default -> 2;
        };
    }
}
