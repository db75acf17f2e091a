package jnbox.emu.semantics;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import jnbox.emu.decode.CpuFeature;

/**
 * The fixed CPUID answers of the jnbox CPU (SDM vol. 2 "CPUID"). Honest by design: a feature
 * bit is set only when every instruction it announces is executed by jnbox's interpreter. So x87,
 * MMX through SSE4.2, AES-NI and PCLMULQDQ are reported (the validator still rejects AES and
 * PCLMULQDQ: NaCl's maximum set excludes them); FXSR and BMI1/2 are absent until executed; TZCNT then
 * runs as BSF, as on a CPU without BMI1. Vendor "JnboxVirtCPU"; leaves above the maximum and
 * unknown leaves read as zero.
 */
public final class Cpuid {
    private Cpuid() {}

    /** Highest basic and extended leaves (leaf 7: structured extended features, AVX2). */
    public static final int MAX_BASIC = 7, MAX_EXTENDED = 0x8000_0001;

    /**
     * The one definition of the features jnbox's CPU has: exactly what the interpreter executes.
     * The cpuid bits below are encoded from it, and the validator's loader mode reads it
     * (instructions needing anything else are stubbed out with hlt, NaCl's sel_ldr behaviour).
     */
    public static final Set<CpuFeature> REPORTED = Collections.unmodifiableSet(EnumSet.of(
            CpuFeature.X87, CpuFeature.TSC, CpuFeature.CX8, CpuFeature.CMOV, CpuFeature.SSE, CpuFeature.SSE2,
            CpuFeature.CX16, CpuFeature.MOVBE, CpuFeature.POPCNT, CpuFeature.LAHF, CpuFeature.LZCNT,
            CpuFeature.AVX, CpuFeature.AVX2, CpuFeature.FMA, CpuFeature.MMX, CpuFeature.SSE3, CpuFeature.SSSE3,
            CpuFeature.SSE41, CpuFeature.SSE42, CpuFeature.AES, CpuFeature.CLMUL));

    private static int bit(CpuFeature f, int b) {
        return REPORTED.contains(f) ? 1 << b : 0;
    }

    // Leaf 1 EDX (SDM Table 3-11): FPU(0) TSC(4) CX8(8) CMOV(15) CLFSH(19) MMX(23) FXSR(24) SSE(25) SSE2(26).
    public static final int LEAF1_EDX = bit(CpuFeature.X87, 0) | bit(CpuFeature.TSC, 4) | bit(CpuFeature.CX8, 8)
            | bit(CpuFeature.CMOV, 15) | bit(CpuFeature.CLFLUSH, 19) | bit(CpuFeature.MMX, 23)
            | bit(CpuFeature.FXSR, 24) | bit(CpuFeature.SSE, 25) | bit(CpuFeature.SSE2, 26);
    /**
     * Leaf 1 ECX XSAVE(26) and OSXSAVE(27), set with AVX: the SDM (vol. 1 §14.3) has software check
     * them before AVX, and a real host running NaCl reports them. They announce no instruction NaCl
     * code can run: xsave/xrstor/xgetbv are never accepted by the validator (spec §6.2), so guest
     * code reads no XCR0 and relies on the AVX bit alone.
     */
    private static final int OS_AVX = REPORTED.contains(CpuFeature.AVX) ? 1 << 26 | 1 << 27 : 0;
    // Leaf 1 ECX (Table 3-10): SSE3(0) PCLMULQDQ(1) SSSE3(9) FMA(12) CX16(13) SSE4.1(19) SSE4.2(20)
    // MOVBE(22) POPCNT(23) AES(25) XSAVE(26) AVX(28) F16C(29) RDRAND(30).
    public static final int LEAF1_ECX = bit(CpuFeature.SSE3, 0) | bit(CpuFeature.CLMUL, 1)
            | bit(CpuFeature.SSSE3, 9) | bit(CpuFeature.FMA, 12) | bit(CpuFeature.CX16, 13)
            | bit(CpuFeature.SSE41, 19) | bit(CpuFeature.SSE42, 20) | bit(CpuFeature.MOVBE, 22)
            | bit(CpuFeature.POPCNT, 23) | bit(CpuFeature.AES, 25) | bit(CpuFeature.XSAVE, 26)
            | bit(CpuFeature.AVX, 28) | bit(CpuFeature.F16C, 29) | bit(CpuFeature.RDRAND, 30) | OS_AVX;
    // Leaf 7 subleaf 0 EBX (Table 3-8): AVX2(5); BMI1(3), BMI2(8) are not executed.
    public static final int LEAF7_EBX = bit(CpuFeature.AVX2, 5);
    // Leaf 80000001h ECX (AMD APM vol. 3 E.4.2): LAHF/SAHF(0) LZCNT(5) SSE4A(6) PREFETCHW(8).
    public static final int EXT1_ECX = bit(CpuFeature.LAHF, 0) | bit(CpuFeature.LZCNT, 5)
            | bit(CpuFeature.SSE4A, 6) | bit(CpuFeature.PREFETCHW, 8);

    static {
        int encoded = Integer.bitCount(LEAF1_EDX) + Integer.bitCount(LEAF1_ECX & ~OS_AVX) + Integer.bitCount(LEAF7_EBX)
                + Integer.bitCount(EXT1_ECX);
        if (encoded != REPORTED.size()) {
            throw new IllegalStateException("a reported CPU feature has no cpuid bit: " + REPORTED);
        }
    }

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
            case 7 -> subleaf == 0 ? LEAF7_EBX : 0;
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
