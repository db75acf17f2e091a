package jnbox.emu.lockstep;

import jnbox.emu.decode.Mnemonic;

/** Mnemonic families the generator weights and sets up specially. */
final class Families {
    private Families() {}

    static boolean isShiftOrRotate(Mnemonic m) {
        return switch (m) {
            case ROL, ROR, RCL, RCR, SHL, SHR, SAR, SHLD, SHRD -> true;
            default -> false;
        };
    }

    static boolean isConversion(Mnemonic m) {
        return m.name().startsWith("CVT");
    }

    /** Relative weight of a form of mnemonic {@code m} in the pool: the tricky families come more often. */
    static int weight(Mnemonic m) {
        if (isShiftOrRotate(m)) return 6;
        if (isConversion(m)) return 6;
        return switch (m) {
            case DIV, IDIV -> 8;
            case MUL, IMUL, ADC, SBB, BSF, BSR, POPCNT, LZCNT, CMPXCHG, XADD -> 3;
            case MINSS, MINSD, MAXSS, MAXSD, MINPS, MINPD, MAXPS, MAXPD, UCOMISS, UCOMISD, COMISS, COMISD -> 3;
            default -> 2;
        };
    }
}
