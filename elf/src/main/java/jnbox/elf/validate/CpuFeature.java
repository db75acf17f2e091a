package jnbox.elf.validate;

/**
 * CPU features that gate instructions in the NaCl x86-64 validator (spec nacl-validator.md §6.1).
 * Composite features (EMMXSSE, CMOVX87, 3DPRFTCH, AVX_LIS2) are resolved in {@link CpuFeatures}.
 */
public enum CpuFeature {
    X87, MMX, EMMX, SSE, SSE2, SSE3, SSSE3, SSE41, SSE42, SSE4A, AVX, AVX2, FMA, FMA4, XOP,
    CMOV, CX8, CX16, TSC, POPCNT, LZCNT, TZCNT, LAHF, MOVBE, THREE_DNOW, E3DNOW, PRE,
    AES, CLMUL, F16C, BMI1, TBM, LWP, MON, FXSR, CLFLUSH,
    // Composite features: "either" or "both" of two base features (validator_internal.h facts).
    EMMXSSE, CMOVX87, THREE_DPRFTCH, AESAVX, CLMULAVX;

    /** Parses the spelling used in the forms table ({@code cpu=SSE2}, {@code cpu=3DNOW}). */
    static CpuFeature parse(String s) {
        return switch (s) {
            case "3DNOW" -> THREE_DNOW;
            case "3DPRFTCH" -> THREE_DPRFTCH;
            default -> valueOf(s);
        };
    }
}
