package jnbox.elf.validate;

import jnbox.emu.decode.CpuFeature;

/**
 * NaCl's special instructions and superinstructions (spec nacl-validator.md §2.2, §3.4, §4.1, §1.4):
 * exact byte patterns the validator treats apart from ordinary instructions.
 */
final class SpecialForms {
    /** %rsp/%rbp copied or masked in an allowed way: checked like an instruction without operands. */
    static final int MODIFY = 1;
    /** Second half of %rsp sandboxing: needs %rsp restricted by the previous instruction. */
    static final int RSP_REBASE = 2;
    /** Second half of %rbp sandboxing. */
    static final int RBP_REBASE = 3;

    // String superinstruction classes: which sandbox sequences must precede the string operation.
    static final int NEEDS_RSI = 1, NEEDS_RDI = 2, NEEDS_RSI_RDI = 3;

    private SpecialForms() {
    }

    private static int at(byte[] c, int p, int limit) {
        return p < limit ? c[p] & 0xff : -1;
    }

    private static boolean is(byte[] c, int p, int limit, int... bytes) {
        if (p + bytes.length > limit) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((c[p + i] & 0xff) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code kind | length << 4} for a special %rsp/%rbp instruction at p, else 0. */
    static int special(byte[] c, int p, int limit) {
        int b0 = at(c, p, limit);
        if (b0 < 0x48 || b0 > 0x4e) {
            return 0;
        }
        int b1 = at(c, p + 1, limit);
        int b2 = at(c, p + 2, limit);
        if (b0 == 0x48 || b0 == 0x4a) {
            // mov %rsp,%rbp / mov %rbp,%rsp (both directions of the ModRM encoding).
            if (b1 == 0x89 && (b2 == 0xe5 || b2 == 0xec) || b1 == 0x8b && (b2 == 0xec || b2 == 0xe5)) {
                return MODIFY | 3 << 4;
            }
            // and $negimm8,%rsp with REX exactly 48.
            if (b0 == 0x48 && b1 == 0x83 && b2 == 0xe4 && at(c, p + 3, limit) >= 0x80) {
                return MODIFY | 4 << 4;
            }
            if (b0 == 0x4a && b1 == 0x8d) {
                // lea (%rsp,%r15,1),%rsp and lea 0(%rbp,%r15,1),%rbp with zero displacements.
                if (is(c, p + 2, limit, 0x24, 0x3c)) {
                    return RSP_REBASE | 4 << 4;
                }
                if (is(c, p + 2, limit, 0x64, 0x3c, 0x00)) {
                    return RSP_REBASE | 5 << 4;
                }
                if (is(c, p + 2, limit, 0xa4, 0x3c, 0, 0, 0, 0)) {
                    return RSP_REBASE | 8 << 4;
                }
                if (is(c, p + 2, limit, 0x6c, 0x3d, 0x00)) {
                    return RBP_REBASE | 5 << 4;
                }
                if (is(c, p + 2, limit, 0xac, 0x3d, 0, 0, 0, 0)) {
                    return RBP_REBASE | 8 << 4;
                }
            }
            return 0;
        }
        if (b0 == 0x4c || b0 == 0x4e) { // REX.W+R: %r15 in ModRM.reg
            if ((b1 == 0x01 || b1 == 0x09) && b2 == 0xfc) {
                return RSP_REBASE | 3 << 4; // add/or %r15,%rsp
            }
            if (b1 == 0x01 && b2 == 0xfd) {
                return RBP_REBASE | 3 << 4; // add %r15,%rbp
            }
        } else if (b0 == 0x49 || b0 == 0x4b) { // REX.W+B: %r15 in ModRM.rm
            if ((b1 == 0x03 || b1 == 0x0b) && b2 == 0xe7) {
                return RSP_REBASE | 3 << 4;
            }
            if (b1 == 0x03 && b2 == 0xef) {
                return RBP_REBASE | 3 << 4;
            }
        }
        return 0;
    }

    private static final byte[] NOPW_DISP8 = {0x66, 0x0f, 0x1f, 0x44, 0, 0};
    private static final byte[] NOPW_DISP32 = {0x66, 0x0f, 0x1f, (byte) 0x84, 0, 0, 0, 0, 0};
    private static final byte[] CS_NOPW_TAIL = {0x2e, 0x0f, 0x1f, (byte) 0x84, 0, 0, 0, 0, 0};

    private static boolean is(byte[] c, int p, int limit, byte[] bytes) {
        return p + bytes.length <= limit && java.util.Arrays.equals(c, p, p + bytes.length, bytes, 0, bytes.length);
    }

    /** Length of one of the fixed multi-byte nops of NaCl's nops list at p, else 0 (spec §1.4). */
    static int fixedNop(byte[] c, int p, int limit) {
        if (p >= limit) {
            return 0;
        }
        if (c[p] == 0x48 && p + 1 < limit && c[p + 1] == (byte) 0x90) {
            return 2; // "rex.W nop": a nop, not xchg %rax,%rax (40 90 stays an xchg)
        }
        if (c[p] != 0x66) {
            return 0;
        }
        if (is(c, p, limit, NOPW_DISP8)) {
            return 6;
        }
        if (is(c, p, limit, NOPW_DISP32)) {
            return 9;
        }
        int n = 0;
        while (n < 6 && p + n < limit && c[p + n] == 0x66) {
            n++;
        }
        if (is(c, p + n, limit, CS_NOPW_TAIL)) {
            return n + 9;
        }
        return 0;
    }

    /**
     * A string operation (or masked store) that may only end a string superinstruction.
     * Returns {@code length | class << 8 | featureOrdinal+1 << 12}, or 0.
     */
    static int stringTail(byte[] c, int p, int limit) {
        int b = at(c, p, limit);
        int pfx = 0;
        if (b == 0x66 || b == 0xf2 || b == 0xf3) {
            pfx = b;
            b = at(c, p + 1, limit);
        }
        int q = p + (pfx != 0 ? 1 : 0);
        int rex = 0;
        if (b >= 0x40 && b <= 0x4f) {
            rex = b;
            b = at(c, ++q, limit);
        }
        if (b == 0x0f) {
            return maskmovTail(c, p, limit, pfx, q);
        }
        if (b == 0xc5 || b == 0xc4) {
            return pfx == 0 && rex == 0 ? vmaskmovTail(c, p, limit) : 0;
        }
        int cls;
        boolean condRep;
        switch (b) {
            case 0xac, 0xad -> { cls = NEEDS_RSI; condRep = false; }          // lods
            case 0xaa, 0xab -> { cls = NEEDS_RDI; condRep = false; }          // stos
            case 0xae, 0xaf -> { cls = NEEDS_RDI; condRep = true; }           // scas
            case 0xa4, 0xa5 -> { cls = NEEDS_RSI_RDI; condRep = false; }      // movs
            case 0xa6, 0xa7 -> { cls = NEEDS_RSI_RDI; condRep = true; }       // cmps
            default -> { return 0; }
        }
        boolean wide = (b & 1) != 0;
        if (pfx == 0xf2 && !condRep) {
            return 0;
        }
        if (pfx == 0x66 && (!wide || rex != 0)) {
            return 0; // 66 only on the word forms, never with rep or REX
        }
        if (rex != 0 && (rex != 0x48 || !wide)) {
            return 0; // the only REX allowed is exactly 48, on the dword/qword forms
        }
        return (q + 1 - p) | cls << 8;
    }

    private static int maskmovTail(byte[] c, int p, int limit, int pfx, int q) {
        // [66] [REX] 0f f7 /r with a register operand: maskmovq / maskmovdqu.
        if (pfx == 0xf2 || pfx == 0xf3 || at(c, q + 1, limit) != 0xf7) {
            return 0;
        }
        int modrm = at(c, q + 2, limit);
        if (modrm < 0xc0) {
            return 0;
        }
        CpuFeature f = pfx == 0x66 ? CpuFeature.SSE2 : CpuFeature.EMMX_SSE;
        return (q + 3 - p) | NEEDS_RDI << 8 | (f.ordinal() + 1) << 12;
    }

    private static int vmaskmovTail(byte[] c, int p, int limit) {
        // vmaskmovdqu: VEX.128.66.0F.W0 f7 /r (register form); R and B free, X/vvvv unused.
        int b = at(c, p, limit);
        int q;
        if (b == 0xc5) {
            int v1 = at(c, p + 1, limit);
            if (v1 < 0 || (v1 & 0x7f) != 0x79) {
                return 0;
            }
            q = p + 2;
        } else {
            int v1 = at(c, p + 1, limit);
            int v2 = at(c, p + 2, limit);
            if (v1 < 0 || v2 != 0x79 || (v1 & 0x5f) != 0x41) {
                return 0;
            }
            q = p + 3;
        }
        if (at(c, q, limit) != 0xf7 || at(c, q + 1, limit) < 0xc0) {
            return 0;
        }
        return (q + 2 - p) | NEEDS_RDI << 8 | (CpuFeature.AVX.ordinal() + 1) << 12;
    }

    /** Whether bytes [p, p+len) are the rsi (or rdi) sandboxing mov: [40|42] (89|8b) f6 (ff). */
    static boolean isSandboxMov(byte[] c, int p, int len, boolean rdi) {
        int q = p;
        if (len == 3) {
            int r = c[q++] & 0xff;
            if (r != 0x40 && r != 0x42) {
                return false;
            }
        } else if (len != 2) {
            return false;
        }
        int op = c[q] & 0xff;
        return (op == 0x89 || op == 0x8b) && (c[q + 1] & 0xff) == (rdi ? 0xff : 0xf6);
    }

    /** Whether [p, p+len) is lea (%r15,%rsi,1),%rsi (or the rdi form). */
    static boolean isSandboxLea(byte[] c, int p, int len, boolean rdi) {
        return len == 4 && (c[p] & 0xff) == 0x49 && (c[p + 1] & 0xff) == 0x8d
                && (c[p + 2] & 0xff) == (rdi ? 0x3c : 0x34) && (c[p + 3] & 0xff) == (rdi ? 0x3f : 0x37);
    }

    /**
     * An indirect jmp/call that may only end a nacljmp/naclcall: [REX] ff /4 or /2, register form.
     * Returns {@code length | call << 8 | rexB << 9 | reg << 12} (reg = ModRM.rm), or 0.
     */
    static int indirectTail(byte[] c, int p, int limit) {
        int q = p;
        int b = at(c, q, limit);
        int rex = 0;
        if (b >= 0x40 && b <= 0x4f) {
            rex = b;
            b = at(c, ++q, limit);
        }
        int modrm = at(c, q + 1, limit);
        if (b != 0xff || modrm < 0xc0) {
            return 0;
        }
        int reg = (modrm >>> 3) & 7;
        if (reg != 2 && reg != 4) {
            return 0;
        }
        return (q + 2 - p) | (reg == 2 ? 1 : 0) << 8 | (rex & 1) << 9 | (modrm & 7) << 12;
    }

    /**
     * Checks the "and $-32,%eN" of a nacljmp at [p, p+len). Returns the register number (low 3 bits)
     * or -1. {@code newRegs}: r8..r14 (REX 41/43/45/47) rather than eax..edi (no REX or REX 40-46 even).
     */
    static int naclAnd(byte[] c, int p, int len, boolean newRegs) {
        int q = p;
        if (len == 4) {
            int rex = c[q++] & 0xff;
            boolean ok = newRegs ? (rex == 0x41 || rex == 0x43 || rex == 0x45 || rex == 0x47)
                    : (rex == 0x40 || rex == 0x42 || rex == 0x44 || rex == 0x46);
            if (!ok) {
                return -1;
            }
        } else if (len != 3 || newRegs) {
            return -1;
        }
        int modrm = c[q + 1] & 0xff;
        if ((c[q] & 0xff) != 0x83 || (modrm & 0xf8) != 0xe0 || (c[q + 2] & 0xff) != 0xe0) {
            return -1;
        }
        if (newRegs && (modrm & 7) == 7) {
            return -1;
        }
        return modrm & 7;
    }

    /** Checks the "add %r15,%rN" of a nacljmp. Returns the destination register (low 3 bits) or -1. */
    static int naclAdd(byte[] c, int p, int len, boolean newRegs) {
        if (len != 3) {
            return -1;
        }
        int rex = c[p] & 0xff;
        int op = c[p + 1] & 0xff;
        int modrm = c[p + 2] & 0xff;
        if (op == 0x01) {
            boolean ok = newRegs ? (rex == 0x4d || rex == 0x4f) : (rex == 0x4c || rex == 0x4e);
            if (!ok || (modrm & 0xf8) != 0xf8 || newRegs && (modrm & 7) == 7) {
                return -1;
            }
            return modrm & 7;
        }
        if (op == 0x03) {
            boolean ok = newRegs ? (rex == 0x4d || rex == 0x4f) : (rex == 0x49 || rex == 0x4b);
            if (!ok || (modrm & 0xc7) != 0xc7 || newRegs && ((modrm >>> 3) & 7) == 7) {
                return -1;
            }
            return (modrm >>> 3) & 7;
        }
        return -1;
    }
}
