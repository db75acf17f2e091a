package jnbox.elf.validate;

import java.util.Arrays;

/**
 * Per-instruction rules for replacing installed code (NaCl's code replacement check, spec §7), fed
 * with every instruction of the new code.
 */
final class ReplacementCheck implements InstructionListener {
    private final byte[] existing;
    private final int existingBase;
    private final byte[] replacement;
    private final int base;
    private boolean ok = true;

    ReplacementCheck(byte[] existing, int existingBase, byte[] replacement, int base) {
        this.existing = existing;
        this.existingBase = existingBase;
        this.replacement = replacement;
        this.base = base;
    }

    boolean ok() {
        return ok;
    }

    @Override
    public void instruction(int begin, int end, int flags, boolean modifiable, int anyFieldStart,
            int fieldBits) {
        if (ok) {
            ok = allowed(begin, end, flags, modifiable, anyFieldStart);
        }
    }

    private boolean same(int from, int to) {
        return Arrays.equals(replacement, base + from, base + to, existing, existingBase + from,
                existingBase + to);
    }

    private boolean allowed(int begin, int end, int flags, boolean modifiable, int anyFieldStart) {
        int errors = flags & Flags.ERRORS;
        if (errors == Flags.CPUID_UNSUPPORTED) {
            // An instruction the CPU lacks must already have been stubbed out with hlt.
            for (int i = begin; i < end; i++) {
                if (existing[existingBase + i] != (byte) 0xf4) {
                    return false;
                }
            }
            return true;
        }
        if ((flags & Flags.OUT_OF_RANGE) != 0) {
            return errors == Flags.OUT_OF_RANGE && same(begin, end);
        }
        if (errors != 0 || (flags & Flags.BAD_JUMP_TARGET) != 0) {
            return false;
        }
        if (same(begin, end)) {
            return true;
        }
        return modifiable && same(begin, anyFieldStart);
    }
}
