package jnbox.elf.validate;

import java.util.List;

/**
 * The outcome of validating a chunk of code.
 *
 * @param valid the verdict
 * @param errors problems that make the code invalid, in the order NaCl's ncval reports them (in
 *     ncval mode a bad jump target may, as in ncval, be missing from the list: see ValidationRun)
 * @param warnings problems that do not (calls that do not end a bundle)
 * @param rewritten in loader mode, the code after stub-out/non-temporal rewriting when anything was
 *     rewritten; otherwise null
 */
public record ValidationResult(boolean valid, List<Problem> errors, List<Problem> warnings, byte[] rewritten) {
    public ValidationResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }
}
