package jnbox.emu.interp;

/** The operation ids {@link Uop#kind} takes: one per family the interpreter's switch handles. */
final class Kinds {
    private Kinds() {}

    static final int UNIMPLEMENTED = 0, MOV = 1, MOVZX = 2, MOVSX = 3, LEA = 4, ALU = 5, TEST = 6,
            INC = 7, DEC = 8, NOT = 9, NEG = 10, SHIFT = 11, SHLD = 12, SHRD = 13, MULDIV = 14, IMUL2 = 15,
            XCHG = 16, PUSH = 17, POP = 18, JCC = 19, JMP = 20, JMP_IND = 21, CALL = 22, CALL_IND = 23,
            RET = 24, JRCXZ = 25, LOOP = 26, CMOV = 27, SETCC = 28, NOP = 29, CBW = 30, CWD = 31, CLC = 32,
            STC = 33, CMC = 34, CLD = 35, STD = 36, SAHF = 37, LAHF = 38, HLT = 39, UD = 40, BT = 41, BSF = 42,
            BSR = 43, POPCNT = 44, LZCNT = 45, TZCNT = 46, BSWAP = 47, CMPXCHG = 48, XADD = 49,
            CMPXCHG16B = 50, CMPXCHG8B = 51, CPUID = 52, RDTSC = 53, MOVS = 54, STOS = 55, LODS = 56,
            CMPS = 57, SCAS = 58, FENCE = 59, MOVBE = 60, INT3 = 61, FETCH_FAULT = 62,
            // specialized fast forms (same semantics as MOV/ALU, fewer checks): 32/64-bit register destinations
            MOV_RR = 70, MOV_RI = 71, MOV_RM = 72, MOV_MR = 73, ALU_RR = 74, ALU_RI = 75, ALU_RM = 76,
            PUSH_R = 77, POP_R = 78,
            X87 = 90,
            // SSE (see SseExec)
            SSE = 100,
            // VEX-encoded AVX/AVX2/FMA (see VexExec)
            VEX = 101;
}
