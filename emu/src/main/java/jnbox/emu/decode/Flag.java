package jnbox.emu.decode;

/** Per-form flags written in the opcode-table rows (see {@link OpForm} for their meaning). */
public enum Flag implements Attr {
    /** A {@code F0} lock prefix is allowed (on the memory form only, SDM vol. 3 §8.1.2.2). */
    LOCK,
    /** {@code F3 rep} applies (string moves/stores/loads, SDM vol. 2 "REP"). */
    REP,
    /** {@code F3 repe} / {@code F2 repne} apply (cmps, scas). */
    REPCC,
    /** Operand size defaults to 64 bits in 64-bit mode; 66 selects 16 (SDM vol. 1 §3.6.1, "d64"). */
    D64,
    /** Operand size is forced to 64 bits in 64-bit mode ("f64": near branches). */
    F64,
    /** No explicit operand is written (cmp, test, push, jumps...). */
    NOWRITE,
    /** The first two explicit operands are both written (xchg, xadd). */
    WRITE2,
    /** The memory operand is not accessed (lea, nop Ev, prefetch). */
    NOMEM,
    /** NaCl treats a 32-bit write as zero-extending the register ("nacl-amd64-zero-extends"). */
    ZX,
    /** Forbidden by the NaCl validator ("nacl-forbidden", spec nacl-validator.md §5.1). */
    FORBIDDEN,
    /** Never in the NaCl validator's language, whatever the CPU (§5.1 "never in the language"). */
    ABSENT,
    /** Non-temporal hint NaCl marks "nacl-unsupported" (§6.3). */
    NONTEMPORAL,
    /** VEX.L=1 needs AVX2 instead of the row's AVX feature (NaCl "AVX_Lis2"). */
    AVX2_L1,
    /** {@code 2E}/{@code 3E} branch-hint prefixes allowed (jcc, jrcxz). */
    HINT,
    /** A REX prefix is not allowed (NaCl "norex": nop, pause, ud2). */
    NOREX,
    /** Only with REX.B clear (the {@code 90} nop versus {@code xchg r8,rax}). */
    REXB0,
    /** NaCl "nacl-amd64-modifiable": dyncode_modify may rewrite it (mov 88-8B/B0/B8/C6/C7, call E8). */
    MODIFIABLE,
    /** ModRM.mod is ignored and read as 11 (mov to/from CR/DR): no SIB or displacement. */
    MOD_IGNORED,
    /** VSIB addressing (gathers): a SIB byte is required and its index names a vector register. */
    VSIB
}
