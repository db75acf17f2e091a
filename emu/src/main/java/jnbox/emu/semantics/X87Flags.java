package jnbox.emu.semantics;

/**
 * Condition codes of the x87 compares (SDM vol. 2 FCOM Table 3-21, FCOMI Table 3-31) from a
 * {@link Float80#compare} result.
 */
public final class X87Flags {
    private X87Flags() {}

    public static final int C0 = 0x100, C1 = 0x200, C2 = 0x400, C3 = 0x4000, CC_ALL = C0 | C1 | C2 | C3;

    /** FSW C3/C2/C0 for a compare result (C1 is left to the caller). */
    public static int compareCodes(int cmp) {
        return switch (cmp) {
            case Float80.CMP_GT -> 0;
            case Float80.CMP_LT -> C0;
            case Float80.CMP_EQ -> C3;
            default -> C0 | C2 | C3;
        };
    }

    /** RFLAGS ZF (bit 6), PF (bit 2), CF (bit 0) for FCOMI/FUCOMI. */
    public static int compareEflags(int cmp) {
        return switch (cmp) {
            case Float80.CMP_GT -> 0;
            case Float80.CMP_LT -> 1;
            case Float80.CMP_EQ -> 0x40;
            default -> 0x45;
        };
    }
}
