package jnbox.elf.load;

import java.util.List;
import jnbox.elf.validate.Mode;
import jnbox.elf.validate.Problem;
import jnbox.elf.validate.ValidationResult;
import jnbox.elf.validate.Validator;

/**
 * What the loader asks before it lets text run: the static text, with its halt padding, exactly
 * as it sits in memory from 0x20000 ({@code NaClValidateImage}, spec/nacl-abi.md §1.3). The
 * runtime plugs NaCl's validator in with {@link #nacl(Validator)}.
 */
@FunctionalInterface
public interface TextValidator {
    /**
     * @param guestAddress user address of {@code code[0]} (0x20000 for a nexe)
     * @param code the bytes; a multiple of 32 long; never modified
     */
    Verdict validate(long guestAddress, byte[] code);

    /**
     * @param problems  one line per problem, printed before sel_ldr's failure line; empty = valid
     * @param rewritten the code to install instead (CPU-feature stub-out), or null when unchanged
     */
    record Verdict(List<String> problems, byte[] rewritten) {
        public static final Verdict VALID = new Verdict(List.of(), null);

        public Verdict {
            problems = List.copyOf(problems);
        }

        public boolean valid() { return problems.isEmpty(); }
    }

    /** NaCl's x86-64 validator in sel_ldr's loader mode; problems read "addr: message". */
    static TextValidator nacl(Validator validator) {
        return (guestAddress, code) -> {
            ValidationResult r = validator.validate(code, 0, code.length, guestAddress, Mode.LOADER);
            return new Verdict(r.errors().stream().map(Problem::toString).toList(), r.rewritten());
        };
    }
}
