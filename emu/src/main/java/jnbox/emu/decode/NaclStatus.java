package jnbox.emu.decode;

/** How the NaCl x86-64 validator treats a form (spec nacl-validator.md §5, §6). */
public enum NaclStatus {
    /** In the validator's language; subject only to the caller's CPU features. */
    ACCEPTED,
    /** Listed but forbidden ("nacl-forbidden"/"nacl-amd64-forbidden"): "unrecognized instruction". */
    FORBIDDEN,
    /** Gated on a feature that is 0 in the validator's maximum set: never accepted. */
    NEVER,
    /** Not in the validator's language at all (endbr64, BMI2, rdrand, XOP, ...). */
    ABSENT,
    /** Non-temporal hint ("nacl-unsupported"): passes ncval, rewritten or rejected by sel_ldr. */
    NONTEMPORAL
}
