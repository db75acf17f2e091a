package jnbox.elf.load;

/** How a load treats the validator (sel_ldr options, spec/nacl-abi.md §6.1). */
public enum ValidationMode {
    /** Default: a failure refuses the nexe. */
    ENFORCE,
    /** {@code -c}: validate, report, and run anyway ("VALIDATION FAILED: continuing anyway..."). */
    IGNORE_RESULT,
    /** {@code -cc} / {@code --no-validate}: do not validate ("VALIDATION SKIPPED."). */
    SKIP
}
