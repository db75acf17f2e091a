package jnbox.emu.semantics;

/**
 * The fixed CPUID answers of the jnbox CPU (SDM vol. 2 "CPUID"). Honest by design: a feature
 * bit is set only when every instruction it announces is executed by jnbox's interpreter. So x87
 * (FPU), MMX, FXSR, SSE3 and later, AVX and BMI1/2 are absent until they are executed; TZCNT then
 * runs as BSF, as on a CPU without BMI1. Vendor "JnboxVirtCPU"; leaves above the maximum and
 * unknown leaves read as zero.
 */
public final class Cpuid {
    private Cpuid() {}

    /** Highest basic and extended leaves. */
    public static final int MAX_BASIC = 1, MAX_EXTENDED = 0x8000_0001;

    // Leaf 1 EDX (SDM Table 3-11): TSC(4) CX8(8) CMOV(15) SSE(25) SSE2(26).
    public static final int LEAF1_EDX = 1 << 4 | 1 << 8 | 1 << 15 | 1 << 25 | 1 << 26;
    // Leaf 1 ECX (Table 3-10): CX16(13) MOVBE(22) POPCNT(23).
    public static final int LEAF1_ECX = 1 << 13 | 1 << 22 | 1 << 23;
    // Leaf 80000001h ECX: LAHF/SAHF(0) LZCNT(5).
    public static final int EXT1_ECX = 1 | 1 << 5;
    /** Family 6, model 0, stepping 0 (a generic x86-64 signature). */
    public static final int LEAF1_EAX = 6 << 8;

    private static final int VENDOR_EBX = word("Jnbo"), VENDOR_EDX = word("xVir"), VENDOR_ECX = word("tCPU");

    private static int word(String s) {
        return s.charAt(0) | s.charAt(1) << 8 | s.charAt(2) << 16 | s.charAt(3) << 24;
    }

    public static int eax(int leaf, int subleaf) {
        return switch (leaf) {
            case 0 -> MAX_BASIC;
            case 1 -> LEAF1_EAX;
            case 0x8000_0000 -> MAX_EXTENDED;
            default -> 0;
        };
    }

    public static int ebx(int leaf, int subleaf) {
        return switch (leaf) {
            case 0 -> VENDOR_EBX;
            case 1 -> 8 << 8; // CLFLUSH line size 8*8 = 64 bytes
            default -> 0;
        };
    }

    public static int ecx(int leaf, int subleaf) {
        return switch (leaf) {
            case 0 -> VENDOR_ECX;
            case 1 -> LEAF1_ECX;
            case 0x8000_0001 -> EXT1_ECX;
            default -> 0;
        };
    }

    public static int edx(int leaf, int subleaf) {
        return switch (leaf) {
            case 0 -> VENDOR_EDX;
            case 1 -> LEAF1_EDX;
            default -> 0;
        };
    }
}
