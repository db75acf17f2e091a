package jnbox.emu.interp;

import jnbox.emu.decode.Insn;
import jnbox.emu.decode.Operand;

/** Maps SSE/SSE2 mnemonics to {@link SseExec} operations; MMX and VEX forms are not executed. */
final class SseBuilder {
    private SseBuilder() {}

    static int kind(Uop u, Insn in, String m) {
        if (in.isVex()) return Kinds.UNIMPLEMENTED;
        for (Operand o : in.op().operands()) {
            switch (o.kind()) {
                case P, N, Q -> { return Kinds.UNIMPLEMENTED; } // MMX registers are not emulated
                default -> { }
            }
        }
        int op = SseExec.opOf(m);
        if (op < 0) return Kinds.UNIMPLEMENTED;
        u.sub = op;
        int n = in.op().operandCount();
        int s0 = n > 0 ? in.operandBytes(0) : 0;
        UopBuilder.setSize(u, s0 == 0 ? 4 : Math.min(s0, 8));
        u.size2 = n > 1 ? in.operandBytes(1) : 0;
        return Kinds.SSE;
    }
}
