package jnbox.elf.validate;

import java.util.Arrays;

/**
 * NaCl's x86-64 validator (spec nacl-validator.md): checks that a text chunk obeys the sandboxing
 * rules, bundle by bundle, with the same verdicts and ncval messages as NaCl's DFA validator.
 *
 * <p>Thread-safe: each call works on its own state.
 */
public final class Validator {
    /** Bundle size (spec §1.1). */
    public static final int BUNDLE_SIZE = 32;

    private final CpuFeatures loaderFeatures;

    /** A validator whose loader mode assumes the features of jnbox's emulated CPU. */
    public Validator() {
        this(CpuFeatures.JNBOX_DEFAULT);
    }

    /** A validator whose loader mode assumes {@code loaderFeatures} (what the guest's cpuid reports). */
    public Validator(CpuFeatures loaderFeatures) {
        this.loaderFeatures = loaderFeatures;
    }

    /**
     * Validates {@code code[offset, offset+length)}, to be placed at guest address {@code guestAddr}
     * (only used to print addresses; the chunk is assumed bundle-aligned). The input array is never
     * modified; in {@link Mode#LOADER} the rewritten code, if any, is in the result.
     */
    public ValidationResult validate(byte[] code, int offset, int length, long guestAddr, Mode mode) {
        ValidationRun run = newRun(code, offset, length, guestAddr, mode, null);
        if (length % BUNDLE_SIZE != 0) {
            return run.sizeError();
        }
        run.validateAll();
        return run.result();
    }

    /** Validates in ncval mode at guest address 0. */
    public ValidationResult validate(byte[] code) {
        return validate(code, 0, code.length, 0, Mode.NCVAL);
    }

    ValidationRun newRun(byte[] code, int offset, int length, long guestAddr, Mode mode,
            InstructionListener listener) {
        if (offset < 0 || length < 0 || offset > code.length - length) {
            throw new IndexOutOfBoundsException("chunk [" + offset + ", +" + length + ") outside "
                    + code.length + " bytes");
        }
        if (mode == Mode.LOADER) {
            byte[] copy = Arrays.copyOfRange(code, offset, offset + length);
            return new ValidationRun(copy, 0, length, guestAddr, loaderFeatures, true, true, listener);
        }
        ValidationRun run = new ValidationRun(code, offset, length, guestAddr, CpuFeatures.ALL, false, false,
                listener);
        run.ncvalJumpReport();
        return run;
    }

    /**
     * dyncode_modify's check (spec §7): may {@code existing} (already validated and installed) be
     * replaced by {@code replacement}? Both cover the same bundle-aligned range at
     * {@code guestAddr}; the caller widens a patch to whole bundles first. The new code is validated
     * with the loader's CPU features and compared instruction by instruction: boundaries may not
     * move, and only the immediate, displacement or relative field of a modifiable instruction
     * (mov, call rel32) may change.
     */
    public boolean canReplace(byte[] existing, int existingOffset, byte[] replacement, int offset,
            int length, long guestAddr) {
        if (length % BUNDLE_SIZE != 0 || existingOffset < 0 || existingOffset > existing.length - length) {
            return false;
        }
        ReplacementCheck check = new ReplacementCheck(existing, existingOffset, replacement, offset);
        ValidationRun run = new ValidationRun(replacement, offset, length, guestAddr, loaderFeatures,
                true, false, check);
        run.validateAll();
        return check.ok();
    }

    /**
     * Whether {@code addr} starts an instruction that is neither inside a superinstruction nor the
     * consumer of a restricted register (NaCl's IsOnInstBoundary, used to place breakpoints).
     */
    public boolean isOnInstructionBoundary(byte[] code, int offset, int length, long guestAddr, long addr) {
        if (addr < guestAddr || addr >= guestAddr + length || length % BUNDLE_SIZE != 0) {
            return false;
        }
        ValidationRun run = newRun(code, offset, length, guestAddr, Mode.NCVAL, null);
        run.validateAll();
        int rel = (int) (addr - guestAddr);
        return (rel % BUNDLE_SIZE == 0) || run.isValidTarget(rel);
    }
}
