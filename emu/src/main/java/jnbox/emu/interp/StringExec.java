package jnbox.emu.interp;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.semantics.Alu;
import jnbox.emu.semantics.Flags;

/**
 * MOVS, STOS, LODS, CMPS, SCAS with and without REP/REPE/REPNE (SDM vol. 2 "REP/REPE/REPZ...").
 * Each iteration commits (rsi, rdi, rcx) before the next, so a fault mid-way leaves the
 * registers of the finished iterations and rip at the instruction, which restarts it, as on
 * hardware. A long repeat checks for {@link Interpreter#interrupt} every 64 Ki iterations and
 * then stops at the instruction in the same restartable state.
 */
final class StringExec {
    private StringExec() {}

    static long exec(IntExec x, Uop u) {
        long[] r = x.r;
        int size = u.size;
        long step = (x.cpu.rflagsRest & CpuState.DF) != 0 ? -size : size;
        boolean repeat = u.rep || u.repne;
        boolean a32 = u.addr32;
        if (!repeat) {
            once(x, u, size, step, a32);
            return u.next;
        }
        long n = 0;
        while (true) {
            long c = a32 ? r[CpuState.RCX] & 0xFFFF_FFFFL : r[CpuState.RCX];
            if (c == 0) return u.next;
            once(x, u, size, step, a32);
            r[CpuState.RCX] = a32 ? (c - 1) & 0xFFFF_FFFFL : c - 1;
            if (u.kind == Kinds.CMPS || u.kind == Kinds.SCAS) {
                boolean zf = x.cond(Flags.E);
                if (u.rep && !zf) return u.next;    // repe: stop when not equal
                if (u.repne && zf) return u.next;   // repne: stop when equal
            }
            if ((++n & 0xFFFF) == 0 && x.owner().interruptRequested()) return u.pc;
        }
    }

    private static long adv(long v, long step, boolean a32) { return a32 ? (v + step) & 0xFFFF_FFFFL : v + step; }

    private static void once(IntExec x, Uop u, int size, long step, boolean a32) {
        long[] r = x.r;
        long si = r[CpuState.RSI], di = r[CpuState.RDI];
        switch (u.kind) {
            case Kinds.MOVS -> {
                x.store(di, size, x.load(si, size));
                r[CpuState.RSI] = adv(si, step, a32);
                r[CpuState.RDI] = adv(di, step, a32);
            }
            case Kinds.STOS -> {
                x.store(di, size, r[CpuState.RAX]);
                r[CpuState.RDI] = adv(di, step, a32);
            }
            case Kinds.LODS -> {
                long v = x.load(si, size);
                r[CpuState.RAX] = Alu.merge(size, r[CpuState.RAX], v);
                r[CpuState.RSI] = adv(si, step, a32);
            }
            case Kinds.CMPS -> {
                long a = x.load(si, size), b = x.load(di, size);
                setSub(x, size, a, b);
                r[CpuState.RSI] = adv(si, step, a32);
                r[CpuState.RDI] = adv(di, step, a32);
            }
            default -> { // SCAS
                long a = r[CpuState.RAX] & Flags.mask(size), b = x.load(di, size);
                setSub(x, size, a, b);
                r[CpuState.RDI] = adv(di, step, a32);
            }
        }
    }

    private static void setSub(IntExec x, int size, long a, long b) {
        x.cpu.setLazy(Flags.op(Flags.SUB, size), a, b, Alu.sub(size, a, b));
    }
}
