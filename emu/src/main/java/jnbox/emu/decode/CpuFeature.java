package jnbox.emu.decode;

/**
 * CPUID feature that gates a form (Intel SDM vol. 2 "CPUID Feature Flag" column; AMD APM vol. 3
 * for 3DNow!, SSE4A, LZCNT). {@link #BASE} marks forms every x86-64 CPU has.
 *
 * <p>Rows use NaCl's composite features where NaCl gates on two ({@link #EMMX_SSE},
 * {@link #CMOV_X87}, {@link #PRFTCH_3DNOW}, {@link #AES_AVX}, {@link #CLMUL_AVX}); "AVX, or AVX2
 * when VEX.L=1" is {@link Flag#AVX2_L1} on an AVX row.
 */
public enum CpuFeature implements Attr {
    BASE, X87, CMOV, MMX, EMMX, SSE, SSE2, SSE3, SSSE3, SSE41, SSE42, SSE4A, POPCNT, LZCNT, TZCNT,
    MOVBE, CX8, CX16, LAHF, AVX, AVX2, FMA, FMA4, XOP, THREE_DNOW, E3DNOW, PREFETCHW, TSC, RDTSCP,
    AES, CLMUL, F16C, BMI1, BMI2, TBM, LWP, ADX, RDRAND, RDSEED, FXSR, XSAVE, CLFLUSH, CLFLUSHOPT,
    CLWB, MONITOR, SHA, SVM, VMX, SYSCALL, CET, PKU, ERMS, SMAP,
    // Composites the NaCl validator uses (validator_internal.h): "either" or "both" features.
    /** MMX extensions: EMMX or SSE (pshufw, pminub, movntq...). */
    EMMX_SSE,
    /** fcmov: CMOV and x87. */
    CMOV_X87,
    /** AMD prefetch/prefetchw ({@code 0F 0D}): 3DNow! or PREFETCHW. */
    PRFTCH_3DNOW,
    /** VEX-encoded AES: AES and AVX. */
    AES_AVX,
    /** VEX-encoded PCLMULQDQ: CLMUL and AVX. */
    CLMUL_AVX;

    /**
     * Features whose instructions NaCl's validator never accepts: they are 0 in its compiled-in
     * maximum set {@code kValidatorCPUIDFeatures} (spec nacl-validator.md §6.1) or absent from its
     * instruction definitions (§6.2).
     */
    public boolean naclNeverAccepted() {
        return switch (this) {
            case AES, CLMUL, AES_AVX, CLMUL_AVX, F16C, BMI1, BMI2, TBM, LWP, FXSR, XSAVE, MONITOR, FMA4, XOP, ADX, RDRAND,
                 RDSEED, CLFLUSHOPT, CLWB, SHA, SVM, VMX, RDTSCP, CET, PKU, SMAP -> true;
            default -> false;
        };
    }
}
