package jnbox.emu.unicorn;

/**
 * Constants of the Unicorn 2 C API (unicorn/unicorn.h and unicorn/x86.h of Debian's
 * libunicorn-dev 2.0.1), read from the headers with a small C program that printed them.
 * Only what the engine uses is listed.
 */
final class Uc {
    private Uc() {}

    static final int ARCH_X86 = 4;
    static final int MODE_64 = 8;

    // uc_err
    static final int ERR_OK = 0;
    static final int ERR_READ_UNMAPPED = 6;
    static final int ERR_WRITE_UNMAPPED = 7;
    static final int ERR_FETCH_UNMAPPED = 8;
    static final int ERR_INSN_INVALID = 10;
    static final int ERR_WRITE_PROT = 12;
    static final int ERR_READ_PROT = 13;
    static final int ERR_FETCH_PROT = 14;
    static final int ERR_EXCEPTION = 21;

    // uc_hook_type
    static final int HOOK_INTR = 1;
    static final int HOOK_INSN = 2;
    /** uc_x86_insn: UC_X86_INS_SYSCALL, the argument of a UC_HOOK_INSN hook. */
    static final int X86_INS_SYSCALL = 699;
    static final int HOOK_CODE = 1 << 2;
    static final int HOOK_BLOCK = 1 << 3;
    static final int HOOK_MEM_READ_UNMAPPED = 1 << 4;
    static final int HOOK_MEM_WRITE_UNMAPPED = 1 << 5;
    static final int HOOK_MEM_FETCH_UNMAPPED = 1 << 6;
    static final int HOOK_MEM_READ_PROT = 1 << 7;
    static final int HOOK_MEM_WRITE_PROT = 1 << 8;
    static final int HOOK_MEM_FETCH_PROT = 1 << 9;
    static final int HOOK_MEM_READ = 1 << 10;
    static final int HOOK_MEM_WRITE = 1 << 11;
    static final int HOOK_INSN_INVALID = 1 << 14;
    static final int HOOK_MEM_INVALID = HOOK_MEM_READ_UNMAPPED | HOOK_MEM_WRITE_UNMAPPED | HOOK_MEM_FETCH_UNMAPPED
            | HOOK_MEM_READ_PROT | HOOK_MEM_WRITE_PROT | HOOK_MEM_FETCH_PROT;

    // uc_mem_type (argument of memory hooks)
    static final int MEM_READ = 16;
    static final int MEM_WRITE = 17;
    static final int MEM_FETCH = 18;
    static final int MEM_READ_UNMAPPED = 19;
    static final int MEM_WRITE_UNMAPPED = 20;
    static final int MEM_FETCH_UNMAPPED = 21;
    static final int MEM_WRITE_PROT = 22;
    static final int MEM_READ_PROT = 23;
    static final int MEM_FETCH_PROT = 24;

    // uc_ctl controls: UC_CTL_WRITE(type, nr) = type | nr << 26 | 1 << 30. A TB_FLUSH (0x4000000a) took
    // 0.1 to 6 s in Unicorn 2.0.1, so the engine removes the translations of changed pages instead.
    static final int CTL_TB_REMOVE_CACHE = 0x48000009;

    // uc_x86_reg
    static final int REG_RAX = 35, REG_RBP = 36, REG_RBX = 37, REG_RCX = 38, REG_RDI = 39, REG_RDX = 40,
            REG_RIP = 41, REG_RSI = 43, REG_RSP = 44, REG_R8 = 106;
    static final int REG_FPSW = 31;
    static final int REG_FP0 = 82;
    static final int REG_YMM0 = 154;
    static final int REG_FPCW = 246;
    static final int REG_FPTAG = 247;
    static final int REG_MXCSR = 249;
    static final int REG_RFLAGS = 253;

    /** Unicorn register ids of the 16 GPRs in x86 encoding order (CpuState.r). */
    static final int[] GPR = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
            REG_R8, REG_R8 + 1, REG_R8 + 2, REG_R8 + 3, REG_R8 + 4, REG_R8 + 5, REG_R8 + 6, REG_R8 + 7};

    // uc_prot has the same bits as jnbox.emu.mem.Prot (READ 1, WRITE 2, EXEC 4).
}
