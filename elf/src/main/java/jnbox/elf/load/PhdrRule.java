package jnbox.elf.load;

import static jnbox.elf.image.ProgramHeader.PF_R;
import static jnbox.elf.image.ProgramHeader.PF_W;
import static jnbox.elf.image.ProgramHeader.PF_X;

import jnbox.elf.image.ProgramHeader;

/**
 * sel_ldr's program header whitelist ({@code nacl_phdr_check_data} in elf_util.c, spec
 * §1.2): a segment with p_memsz ≠ 0 must match one row by exact (p_type, p_flags), and each row
 * may match at most once. Rows are in sel_ldr's order (the first match wins).
 */
enum PhdrRule {
    PHDR(ProgramHeader.PT_PHDR, PF_R, Role.IGNORE),
    TEXT(ProgramHeader.PT_LOAD, PF_R | PF_X, Role.TEXT),
    RODATA(ProgramHeader.PT_LOAD, PF_R, Role.RODATA),
    DATA(ProgramHeader.PT_LOAD, PF_R | PF_W, Role.DATA),
    TLS(ProgramHeader.PT_TLS, PF_R, Role.IGNORE),
    /** Loaded and range-checked when non-empty, like a PT_LOAD (sel_ldr's PCA_NONE). */
    GNU_STACK(ProgramHeader.PT_GNU_STACK, PF_R | PF_W, Role.OTHER_LOADED),
    DYNAMIC_RW(ProgramHeader.PT_DYNAMIC, PF_R | PF_W, Role.IGNORE),
    DYNAMIC_R(ProgramHeader.PT_DYNAMIC, PF_R, Role.IGNORE),
    INTERP(ProgramHeader.PT_INTERP, PF_R, Role.IGNORE),
    NOTE(ProgramHeader.PT_NOTE, PF_R, Role.IGNORE),
    GNU_EH_FRAME(ProgramHeader.PT_GNU_EH_FRAME, PF_R, Role.IGNORE),
    GNU_RELRO(ProgramHeader.PT_GNU_RELRO, PF_R, Role.IGNORE),
    NULL(ProgramHeader.PT_NULL, PF_R, Role.IGNORE);

    enum Role { IGNORE, TEXT, RODATA, DATA, OTHER_LOADED }

    final long type;
    final long flags;
    final Role role;

    PhdrRule(long type, long flags, Role role) {
        this.type = type;
        this.flags = flags;
        this.role = role;
    }

    static PhdrRule match(ProgramHeader p) {
        for (PhdrRule r : values()) {
            if (r.type == p.type() && r.flags == p.flags()) return r;
        }
        return null;
    }
}
