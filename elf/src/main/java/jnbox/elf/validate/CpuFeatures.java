package jnbox.elf.validate;

import java.util.EnumSet;
import java.util.Set;

/**
 * A set of CPU features, with NaCl's rules for composite features (spec §6.1).
 *
 * <p>{@link #VALIDATOR_MAX} is NaCl's compiled-in maximum set: an instruction whose feature is
 * missing there is never accepted ("unrecognized instruction"). {@link #ALL} is what ncval passes.
 */
public final class CpuFeatures {
    private final long bits;

    private CpuFeatures(long bits) {
        this.bits = bits;
    }

    public static CpuFeatures of(Set<CpuFeature> features) {
        long b = 0;
        for (CpuFeature f : features) {
            b |= 1L << f.ordinal();
        }
        return new CpuFeatures(b);
    }

    /** Every feature present: ncval's {@code kFullCPUIDFeatures}. */
    public static final CpuFeatures ALL = of(EnumSet.allOf(CpuFeature.class));

    /** NaCl's maximum set: AES, BMI1, CLMUL, F16C, FXSR, LWP, MON, PRE, TBM are off (spec §6.1). */
    public static final CpuFeatures VALIDATOR_MAX = of(EnumSet.complementOf(EnumSet.of(
            CpuFeature.AES, CpuFeature.BMI1, CpuFeature.CLMUL, CpuFeature.F16C, CpuFeature.FXSR,
            CpuFeature.LWP, CpuFeature.MON, CpuFeature.PRE, CpuFeature.TBM)));

    /**
     * The features jnbox's emulated CPU reports through cpuid, used in loader mode. Until the
     * interpreter's cpuid leaf is fixed this is the SSE4.2-class baseline without AVX.
     */
    public static final CpuFeatures JNBOX_DEFAULT = of(EnumSet.of(
            CpuFeature.X87, CpuFeature.MMX, CpuFeature.SSE, CpuFeature.SSE2, CpuFeature.SSE3,
            CpuFeature.SSSE3, CpuFeature.SSE41, CpuFeature.SSE42, CpuFeature.CMOV, CpuFeature.CX8,
            CpuFeature.CX16, CpuFeature.TSC, CpuFeature.POPCNT, CpuFeature.LAHF, CpuFeature.CLFLUSH));

    private boolean base(CpuFeature f) {
        return (bits & (1L << f.ordinal())) != 0;
    }

    /** Whether an instruction tagged {@code f} may run, resolving composites (validator_internal.h). */
    public boolean has(CpuFeature f) {
        return switch (f) {
            case LZCNT, TZCNT -> true; // always allowed: they decode as bsr/bsf on older CPUs
            case EMMXSSE -> base(CpuFeature.EMMX) || base(CpuFeature.SSE);
            case CMOVX87 -> base(CpuFeature.CMOV) && base(CpuFeature.X87);
            case THREE_DPRFTCH -> base(CpuFeature.THREE_DNOW) || base(CpuFeature.PRE);
            case AESAVX -> base(CpuFeature.AES) && base(CpuFeature.AVX);
            case CLMULAVX -> base(CpuFeature.CLMUL) && base(CpuFeature.AVX);
            default -> base(f);
        };
    }
}
