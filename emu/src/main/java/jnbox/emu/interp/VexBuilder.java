package jnbox.emu.interp;

import java.util.Set;
import jnbox.emu.decode.Insn;
import jnbox.emu.decode.Operand;

/**
 * Maps VEX-encoded AVX/AVX2/FMA forms to {@link VexExec} operations and fixes their sizes:
 * {@link Uop#size} is the bytes written to the destination (an XMM/YMM destination is written
 * whole: 32 for VEX.256, else 16 with bits 128-255 zeroed), {@link Uop#size2} the bytes moved
 * from the source for the moves (the source bytes for the conversions). VEX forms NaCl never
 * accepts (BMI1/2, F16C, VEX AES/PCLMULQDQ, gathers) stay {@link Kinds#UNIMPLEMENTED}.
 */
final class VexBuilder {
    private VexBuilder() {}

    /**
     * VEX forms that write no XMM/YMM register (flags, a general register, MXCSR or memory) and
     * read their operands exactly as the legacy form does: they run as that form in {@link SseExec}.
     */
    private static final Set<String> AS_LEGACY = Set.of("VCOMISS", "VCOMISD", "VUCOMISS", "VUCOMISD", "VCVTSS2SI",
            "VCVTSD2SI", "VCVTTSS2SI", "VCVTTSD2SI", "VLDMXCSR", "VSTMXCSR");

    static int kind(Uop u, Insn in, String m) {
        if (AS_LEGACY.contains(m)) return legacy(u, in, m.substring(1));
        int op = VexExec.opOf(m);
        if (op < 0) return Kinds.UNIMPLEMENTED;
        int n = in.op().operandCount();
        if ((op & 0xFF) == VexExec.PERMIL_IMM && n == 3 && in.op().operand(2).kind() == Operand.Kind.W) {
            op = (op & ~0xFF) | VexExec.PERMIL_VAR;
        }
        int vl = in.vectorLength();
        int dst = n > 0 ? in.operandBytes(0) : vl;
        boolean xmmDst = u.op0 >= Uop.XMM;
        // an XMM/YMM destination is written as 256 bits: 32 when the operand is 256-bit, else 16
        int dstBytes = xmmDst ? (dst > 16 ? 32 : 16) : dst;
        UopBuilder.setSize(u, dstBytes);
        u.size2 = n > 1 ? Math.min(dst, in.operandBytes(n - 1)) : 0;
        if ((op & 0xFF) == VexExec.MOVX && n == 2) u.size2 = Math.min(dst, in.operandBytes(1));
        if ((op & 0xFF) == VexExec.FLOAT && n > 1) u.size2 = in.operandBytes(n - 1); // the source (conversions)
        if ((op & 0xFF) == VexExec.MOVMSK || (op & 0xFF) == VexExec.TEST) UopBuilder.setSize(u, vl);
        if ((op & 0xFF) == VexExec.MASKLOAD && u.op0 == Uop.MEM) UopBuilder.setSize(u, vl);
        u.sub = op;
        return Kinds.VEX;
    }

    /** Sizes as {@link SseBuilder} sets them for the legacy form {@code legacy}. */
    private static int legacy(Uop u, Insn in, String legacy) {
        int op = SseExec.opOf(legacy);
        if (op < 0) return Kinds.UNIMPLEMENTED;
        u.sub = op;
        int n = in.op().operandCount();
        int s0 = n > 0 ? in.operandBytes(0) : 0;
        UopBuilder.setSize(u, s0 == 0 ? 4 : Math.min(s0, 8));
        u.size2 = n > 1 ? in.operandBytes(1) : 0;
        return Kinds.SSE;
    }
}
