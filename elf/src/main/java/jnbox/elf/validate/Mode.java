package jnbox.elf.validate;

/** Which of NaCl's validator configurations to model (spec nacl-validator.md §6.3). */
public enum Mode {
    /** ncval and the .test goldens: every CPU feature present, non-temporal stores accepted. */
    NCVAL,
    /**
     * sel_ldr loading writable text: the caller's CPU features; an instruction that needs a missing
     * feature is replaced by hlt bytes, and only the listed non-temporal rewrites are made.
     */
    LOADER
}
