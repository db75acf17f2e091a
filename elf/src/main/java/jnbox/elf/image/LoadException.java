package jnbox.elf.image;

import java.util.List;

/**
 * A refused nexe or IRT image. {@link #getMessage()} is sel_ldr's exact text for the
 * {@link LoadError}; {@link #detail()} says which field or segment broke the rule (for
 * {@code -v} and {@code jnbox inspect}); {@link #problems()} holds the validator's findings, one
 * line each, for a validation failure. No stack trace: a refusal is an answer, not a bug.
 */
public class LoadException extends Exception {
    /** The two lines Google's sel_ldr prints after a failed nexe load (not after an IRT failure). */
    public static final List<String> WRONG_NEXE_HINT = List.of(
            "Using the wrong type of nexe (nacl-x86-32 on an x86-64 or vice versa)",
            "or a corrupt nexe file may be responsible for this error.");

    private final LoadError error;
    private final String detail;
    private final List<String> problems;

    public LoadException(LoadError error, String detail) {
        this(error, detail, List.of());
    }

    public LoadException(LoadError error, String detail, List<String> problems) {
        super(error.message(), null, false, false);
        this.error = error;
        this.detail = detail == null ? "" : detail;
        this.problems = List.copyOf(problems);
    }

    public LoadError error() { return error; }

    /** What exactly was wrong (field, segment number, values); empty when nothing more is known. */
    public String detail() { return detail; }

    /** Validator findings for {@link LoadError#VALIDATION_FAILED}, one line each; else empty. */
    public List<String> problems() { return problems; }

    /** sel_ldr's line: {@code Error while loading "FILE": MESSAGE} (spec/nacl-abi.md §6.2). */
    public String errorLine(String file) {
        return "Error while loading \"" + file + "\": " + getMessage();
    }
}
