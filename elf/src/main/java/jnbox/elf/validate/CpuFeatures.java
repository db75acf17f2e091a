package jnbox.elf.validate;

import java.util.EnumSet;
import java.util.Set;
import jnbox.emu.decode.CpuFeature;
import jnbox.emu.semantics.Cpuid;

/**
 * A set of CPU features (the decoder's {@link CpuFeature}), with NaCl's rules for composite
 * features (spec §6.1, validator_internal.h).
 *
 * <p>{@link #VALIDATOR_MAX} is NaCl's compiled-in maximum set: an instruction whose feature is
 * missing there is never accepted ("unrecognized instruction"). {@link #ALL} is what ncval passes.
 * {@link #JNBOX_DEFAULT} is what jnbox's cpuid reports ({@link Cpuid#REPORTED}), used in loader mode.
 */
public final class CpuFeatures {
    private final long bits;

    static {
        if (CpuFeature.values().length > 64) {
            throw new IllegalStateException("CpuFeatures holds at most 64 features");
        }
    }

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

    /** NaCl's maximum set: features NaCl compiles out (AES, CLMUL, FXSR, MONITOR...) are off. */
    public static final CpuFeatures VALIDATOR_MAX = of(EnumSet.copyOf(
            EnumSet.allOf(CpuFeature.class).stream().filter(NaclPolicy::inValidatorMax).toList()));

    /** The features jnbox's emulated CPU reports through cpuid: loader mode stubs out the rest. */
    public static final CpuFeatures JNBOX_DEFAULT = of(Cpuid.REPORTED);

    private boolean base(CpuFeature f) {
        return (bits & (1L << f.ordinal())) != 0;
    }

    /** Whether an instruction tagged {@code f} may run, resolving composites (validator_internal.h). */
    public boolean has(CpuFeature f) {
        return switch (f) {
            case BASE, LZCNT, TZCNT -> true; // lzcnt/tzcnt always: they decode as bsr/bsf on older CPUs
            case EMMX_SSE -> base(CpuFeature.EMMX) || base(CpuFeature.SSE);
            case CMOV_X87 -> base(CpuFeature.CMOV) && base(CpuFeature.X87);
            case PRFTCH_3DNOW -> base(CpuFeature.THREE_DNOW) || base(CpuFeature.PREFETCHW);
            case AES_AVX -> base(CpuFeature.AES) && base(CpuFeature.AVX);
            case CLMUL_AVX -> base(CpuFeature.CLMUL) && base(CpuFeature.AVX);
            default -> base(f);
        };
    }
}
