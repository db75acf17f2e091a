package jnbox.elf.validate;

import java.util.List;

/**
 * Per-instruction problem bits, as NaCl's validator collects them, and the ncval message for each
 * (spec nacl-validator.md §8.1; ncval prints them in this order).
 */
final class Flags {
    static final int UNRECOGNIZED = 1;
    static final int OUT_OF_RANGE = 1 << 1;
    static final int CPUID_UNSUPPORTED = 1 << 2;
    static final int UNSUPPORTED = 1 << 3;
    static final int BAD_BASE = 1 << 4;
    static final int BAD_INDEX = 1 << 5;
    static final int IMPROPER_RBP = 1 << 6;
    static final int IMPROPER_RSP = 1 << 7;
    static final int R15_MODIFIED = 1 << 8;
    static final int BP_MODIFIED = 1 << 9;
    static final int SP_MODIFIED = 1 << 10;
    /** A warning only: a call that does not end its bundle (spec §1.4). */
    static final int BAD_CALL_ALIGNMENT = 1 << 11;
    /** Informational: the instruction used the restricted register as its index. */
    static final int RESTRICTED_USED = 1 << 12;
    /** Reported to listeners only, at the target offset: a direct jump lands here illegally. */
    static final int BAD_JUMP_TARGET = 1 << 13;

    static final int ERRORS = UNRECOGNIZED | OUT_OF_RANGE | CPUID_UNSUPPORTED | UNSUPPORTED | BAD_BASE
            | BAD_INDEX | IMPROPER_RBP | IMPROPER_RSP | R15_MODIFIED | BP_MODIFIED | SP_MODIFIED;

    static final String MSG_UNRECOGNIZED = "unrecognized instruction";
    static final String MSG_BAD_JUMP_TARGET = "bad jump target";

    private Flags() {
    }

    /** Appends the messages for {@code flags} in ncval's order. */
    static void messages(int flags, List<String> out) {
        if ((flags & UNRECOGNIZED) != 0) {
            out.add(MSG_UNRECOGNIZED);
        }
        if ((flags & OUT_OF_RANGE) != 0) {
            out.add("direct jump out of range");
        }
        if ((flags & CPUID_UNSUPPORTED) != 0) {
            out.add("required CPU feature not found");
        }
        if ((flags & UNSUPPORTED) != 0) {
            out.add("unsupported instruction");
        }
        if ((flags & BAD_BASE) != 0) {
            out.add("improper memory address - bad base");
        }
        if ((flags & BAD_INDEX) != 0) {
            out.add("improper memory address - bad index");
        }
        // NaCl keeps rsp/rbp sandboxing state in one multi-bit field; the rsp values dominate.
        if ((flags & IMPROPER_RSP) != 0) {
            out.add("improper %rsp sandboxing");
        } else if ((flags & IMPROPER_RBP) != 0) {
            out.add("improper %rbp sandboxing");
        }
        if ((flags & R15_MODIFIED) != 0) {
            out.add("error - %r15 is changed");
        }
        if ((flags & BP_MODIFIED) != 0) {
            out.add("error - %bpl or %bp is changed");
        }
        if ((flags & SP_MODIFIED) != 0) {
            out.add("error - %spl or %sp is changed");
        }
    }
}
