package jnbox.emu.interp;

import jnbox.emu.decode.Insn;
import jnbox.emu.decode.Operand;

/**
 * Maps legacy (non-VEX) SSE..SSE4.2, AES-NI, PCLMULQDQ and MMX mnemonics to their executors:
 * SSE/SSE2, crc32, AES and PCLMULQDQ to {@link SseExec}; forms with an mm operand to
 * {@link MmxExec}; the SSE3/SSSE3/SSE4.1/SSE4.2 forms whose operation is one of the VEX kernels
 * to {@link VexExec} (one implementation per operation): the uop then gets the VEX operand layout
 * (destination, first source = the destination, second source = r/m; blendv's implicit xmm0 as
 * the is4 register 0) and {@link SseExec#VIA_VEX}, so SseExec keeps bits 128-255 and checks the
 * legacy alignment rule.
 */
final class SseBuilder {
    private SseBuilder() {}

    static int kind(Uop u, Insn in, String m) {
        if (in.isVex()) return Kinds.UNIMPLEMENTED;
        if (MmxExec.applies(in, m)) return MmxExec.build(u, in, m);
        int op = SseExec.opOf(m);
        // pextrw r/m16 (66 0F 3A 15) may store to memory: the SSE4.1 extract does both forms
        if (op == SseExec.PEXTRW && in.op().map() == jnbox.emu.decode.OpMap.MAP_0F3A) op = -1;
        if (op < 0) return viaVex(u, in, m);
        u.sub = op;
        int n = in.op().operandCount();
        int s0 = n > 0 ? in.operandBytes(0) : 0;
        UopBuilder.setSize(u, s0 == 0 ? 4 : Math.min(s0, 8));
        u.size2 = n > 1 ? in.operandBytes(1) : 0;
        return Kinds.SSE;
    }

    /** A legacy form run by VexExec: its operation id, the VEX operand layout, the alignment rule. */
    private static int viaVex(Uop u, Insn in, String m) {
        int vop = VexExec.opOf("V" + m);
        if (vop < 0) return Kinds.UNIMPLEMENTED;
        int base = vop & 0xFF;
        boolean remap = switch (base) {
            case VexExec.KERNEL -> !VexInt.unary(vop >>> 8 & 0xFF);
            case VexExec.FLOAT -> {
                int fop = vop >>> 8 & 0x3F, type = vop >>> 14 & 3;
                yield !(fop == VexFloat.ROUND && (type == VexFloat.PS || type == VexFloat.PD));
            }
            case VexExec.BLEND, VexExec.BLENDV, VexExec.INSERT, VexExec.INSERTPS -> true;
            case VexExec.EXTRACT, VexExec.WIDEN, VexExec.TEST, VexExec.MOVSLDUP, VexExec.MOVSHDUP, VexExec.MOVDDUP,
                    VexExec.PCMPSTR, VexExec.MOVX -> false;
            default -> { yield false; }
        };
        if (!isKnown(base)) return Kinds.UNIMPLEMENTED;
        // a general register operand of a byte form (pinsrb r32, pextrb r32) is the whole register
        u.op0 = gpr(u.op0, in);
        u.op1 = gpr(u.op1, in);
        if (remap) {
            u.op2 = u.op1;
            u.op1 = u.op0;
        }
        if (base == VexExec.BLENDV) u.imm = 0; // the mask is xmm0 (VexExec reads it as is4 register 0)
        UopBuilder.setSize(u, 16);
        u.size2 = 16;
        int sub = vop | SseExec.VIA_VEX;
        if (in.hasMemory() && memBytes(in) == 16 && base != VexExec.PCMPSTR) sub |= SseExec.ALIGN16;
        u.sub = sub;
        return Kinds.SSE;
    }

    private static boolean isKnown(int base) {
        return switch (base) {
            case VexExec.KERNEL, VexExec.FLOAT, VexExec.BLEND, VexExec.BLENDV, VexExec.INSERT, VexExec.INSERTPS,
                    VexExec.EXTRACT, VexExec.WIDEN, VexExec.TEST, VexExec.MOVSLDUP, VexExec.MOVSHDUP, VexExec.MOVDDUP,
                    VexExec.PCMPSTR, VexExec.MOVX -> true;
            default -> false;
        };
    }

    private static int gpr(int loc, Insn in) {
        return loc >= Uop.HIGH8 && loc < Uop.MEM ? loc - Uop.HIGH8 + 4 : loc;
    }

    /** The size of the memory operand (the r/m operand that is memory). */
    private static int memBytes(Insn in) {
        for (int i = 0; i < in.op().operandCount(); i++) {
            Operand.Kind k = in.op().operand(i).kind();
            if (k == Operand.Kind.W || k == Operand.Kind.M || k == Operand.Kind.E || k == Operand.Kind.Q) return in.operandBytes(i);
        }
        return 0;
    }
}
