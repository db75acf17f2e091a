package jnbox.emu.interp;

import static jnbox.emu.interp.X87Exec.*;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.decode.Operand;
import jnbox.emu.mem.SandboxMemory;
import jnbox.emu.semantics.Float80;
import jnbox.emu.semantics.X87Flags;

/**
 * x87 arithmetic, loads, stores, compares and stack operations on the register stack (SDM vol. 1
 * §8.1-8.5), all through {@link Float80}. Stack overflow and underflow give IE+SF (C1 = 1 on
 * overflow) and the masked response; any unmasked exception stops the run before state changes
 * (delivering #MF is not emulated). Registers are by physical index; ST(i) is (TOP + i) mod 8.
 */
final class X87Ops {
    private X87Ops() {}

    private static final int IE = Float80.IE, SF = Float80.SF, C1 = Float80.C1;
    private static final ThreadLocal<Float80.Out[]> OUT = ThreadLocal.withInitial(
            () -> new Float80.Out[] {new Float80.Out(), new Float80.Out()});

    private static int top(CpuState c) { return c.fsw >>> 11 & 7; }

    private static void setTop(CpuState c, int t) { c.fsw = (c.fsw & ~(7 << 11)) | (t & 7) << 11; }

    private static int phys(CpuState c, int i) { return (top(c) + i) & 7; }

    private static boolean empty(CpuState c, int i) { return (c.ftw >>> phys(c, i) & 1) == 0; }

    private static void write(CpuState c, int i, int se, long m) {
        int p = phys(c, i);
        c.x87SignExp[p] = se & 0xFFFF;
        c.x87Mant[p] = m;
        c.ftw |= 1 << p;
    }

    private static void pop(CpuState c) {
        c.ftw &= ~(1 << top(c));
        setTop(c, top(c) + 1);
    }

    /** Commits flags from o (exceptions sticky, C1 replaced); false when one is unmasked. */
    private static boolean ok(CpuState c, Float80.Out o) {
        return (o.flags & 0x3F & ~c.fcw) == 0;
    }

    private static void commitFlags(CpuState c, Float80.Out o) {
        c.fsw = (c.fsw & ~C1) | (o.flags & (0x7F | C1));
        if ((o.flags & SF) != 0) c.fsw |= 0x40;
    }

    private static Float80.Out out() {
        Float80.Out o = OUT.get()[0];
        o.flags = 0;
        return o;
    }

    static long exec(IntExec x, Uop u) {
        CpuState c = x.cpu;
        int group = u.sub >>> 8, op = u.sub >>> 4 & 15, w = u.sub & 15;
        return switch (group) {
            case ARITH -> arith(x, c, u, op, w);
            case ARITH_REG -> arithReg(c, u, op, w == 1);
            case LOAD -> load(x, c, u, w);
            case STORE -> store(x, c, u, op, w);
            default -> X87Misc.exec(x, c, u, u.sub & 0xFF);
        };
    }

    /** Reads a memory operand of width w into o as an 80-bit value (exact; DE/IE for f32/f64). */
    private static void readMem(IntExec x, Uop u, int w, Float80.Out o) {
        SandboxMemory mem = x.mem();
        long a = x.ea(u);
        switch (w) {
            case W_F32 -> Float80.fromFloat32(mem.read32(a), o);
            case W_F64 -> Float80.fromFloat64(mem.read64(a), o);
            case W_I16 -> Float80.fromInt(mem.read16(a), o);
            case W_I32 -> Float80.fromInt(mem.read32(a), o);
            case W_I64 -> Float80.fromInt(mem.read64(a), o);
            case W_BCD -> Float80.fromBcd(mem.read64(a), mem.read16(a + 8) & 0xFFFF, o);
            default -> o.set(mem.read16(a + 8) & 0xFFFF, mem.read64(a));
        }
    }

    /** Stack-underflow masked response: the indefinite into the destination. */
    private static long underflow(CpuState c, Uop u) {
        if ((c.fcw & IE) == 0) return IntExec.STOP;
        c.fsw = (c.fsw | IE | SF) & ~C1;
        return u.next;
    }

    private static long arith(IntExec x, CpuState c, Uop u, int op, int w) {
        Float80.Out[] outs = OUT.get();
        Float80.Out src = outs[1];
        src.flags = 0;
        if (empty(c, 0)) {
            if (underflowOk(c)) {
                if (op == 2 || op == 3) compareResult(c, Float80.CMP_UN);
                else write(c, 0, Float80.INDEF_SE, Float80.INDEF_MANT);
                if (op == 3) pop(c);
                return u.next;
            }
            return IntExec.STOP;
        }
        readMem(x, u, w, src);
        Float80.Out o = outs[0];
        int p = phys(c, 0);
        // a denormal f32/f64 source raises DE only where the operation itself would: not beside a NaN,
        // not in a division by zero (as measured)
        boolean noDe = Float80.isNaN(c.x87SignExp[p], c.x87Mant[p]) || Float80.isUnsupported(c.x87SignExp[p], c.x87Mant[p])
                || ((op == 6 || op == 7) && Float80.isZero(op == 6 ? src.se : c.x87SignExp[p], op == 6 ? src.mant : c.x87Mant[p]));
        o.flags = noDe ? src.flags & ~Float80.DE : src.flags;
        return binary(c, u, op, p, c.x87SignExp[p], c.x87Mant[p], src.se, src.mant, o, false);
    }

    private static boolean underflowOk(CpuState c) {
        if ((c.fcw & IE) == 0) return false;
        c.fsw = (c.fsw | IE | SF) & ~C1;
        return true;
    }

    /**
     * dest = dest op src for arith op (ADD MUL COM COMP SUB SUBR DIV DIVR), writing physical
     * register {@code dp}; {@code pop} pops once after (the p forms).
     */
    private static long binary(CpuState c, Uop u, int op, int dp, int dse, long dm, int sse, long sm, Float80.Out o,
            boolean pop) {
        int cw = c.fcw;
        switch (op) {
            case 0 -> Float80.add(dse, dm, sse, sm, cw, o);
            case 1 -> Float80.mul(dse, dm, sse, sm, cw, o);
            case 4 -> Float80.sub(dse, dm, sse, sm, cw, o);
            case 5 -> Float80.sub(sse, sm, dse, dm, cw, o);
            case 6 -> Float80.div(dse, dm, sse, sm, cw, o);
            case 7 -> Float80.div(sse, sm, dse, dm, cw, o);
            default -> {
                int r = Float80.compare(dse, dm, sse, sm, false, o);
                if (!ok(c, o)) return IntExec.STOP;
                c.fsw |= o.flags & 0x3F;
                compareResult(c, r);
                if (op == 3) pop(c);
                return u.next;
            }
        }
        if (!ok(c, o)) return IntExec.STOP;
        commitFlags(c, o);
        c.x87SignExp[dp] = o.se & 0xFFFF;
        c.x87Mant[dp] = o.mant;
        c.ftw |= 1 << dp;
        if (pop) pop(c);
        return u.next;
    }

    static void compareResult(CpuState c, int r) {
        c.fsw = (c.fsw & ~X87Flags.CC_ALL) | X87Flags.compareCodes(r);
    }

    private static long arithReg(CpuState c, Uop u, int op, boolean pop) {
        int i = u.insn.modrmRm();
        boolean destSti = u.insn.op().operandCount() > 0 && u.insn.op().operand(0).kind() == Operand.Kind.STI
                && op != 2 && op != 3;
        if (empty(c, 0) || empty(c, i)) {
            if (!underflowOk(c)) return IntExec.STOP;
            if (op == 2 || op == 3) compareResult(c, Float80.CMP_UN);
            else write(c, destSti ? i : 0, Float80.INDEF_SE, Float80.INDEF_MANT);
            if (op == 3 || pop) pop(c);
            return u.next;
        }
        int p0 = phys(c, 0), pi = phys(c, i);
        Float80.Out o = out();
        if (destSti) return binary(c, u, op, pi, c.x87SignExp[pi], c.x87Mant[pi], c.x87SignExp[p0], c.x87Mant[p0], o, pop);
        return binary(c, u, op, p0, c.x87SignExp[p0], c.x87Mant[p0], c.x87SignExp[pi], c.x87Mant[pi], o, pop);
    }

    /** Pushes (se, m); overflow: IE+SF+C1 and the indefinite (masked). Returns false to stop. */
    static boolean push(CpuState c, int se, long m) {
        int t = (top(c) - 1) & 7;
        if ((c.ftw >>> t & 1) != 0) {
            if ((c.fcw & IE) == 0) return false;
            c.fsw |= IE | SF | C1;
            se = Float80.INDEF_SE;
            m = Float80.INDEF_MANT;
        }
        setTop(c, t);
        c.x87SignExp[t] = se & 0xFFFF;
        c.x87Mant[t] = m;
        c.ftw |= 1 << t;
        return true;
    }

    private static long load(IntExec x, CpuState c, Uop u, int w) {
        Float80.Out o = out();
        if (w == 0) { // fld st(i)
            int i = u.insn.modrmRm();
            if (empty(c, i)) { // underflow: the indefinite is pushed without an overflow check (as measured)
                if (!underflowOk(c)) return IntExec.STOP;
                setTop(c, top(c) - 1);
                write(c, 0, Float80.INDEF_SE, Float80.INDEF_MANT);
                return u.next;
            }
            int p = phys(c, i);
            o.set(c.x87SignExp[p], c.x87Mant[p]);
        } else {
            readMem(x, u, w, o);
        }
        if (!ok(c, o)) return IntExec.STOP;
        boolean overflow = (c.ftw >>> ((top(c) - 1) & 7) & 1) != 0;
        if (!overflow) c.fsw = (c.fsw & ~C1) | (o.flags & 0x3F);
        return push(c, o.se, o.mant) ? u.next : IntExec.STOP;
    }

    /** op 0: fst/fist, 1: fstp/fistp, 2: fisttp; w 0: st(i). */
    private static long store(IntExec x, CpuState c, Uop u, int op, int w) {
        SandboxMemory mem = x.mem();
        Float80.Out o = out();
        int se;
        long m;
        if (empty(c, 0)) {
            if ((c.fcw & IE) == 0) return IntExec.STOP;
            o.flags = IE | SF;
            se = Float80.INDEF_SE;
            m = Float80.INDEF_MANT;
        } else {
            int p = phys(c, 0);
            se = c.x87SignExp[p];
            m = c.x87Mant[p];
        }
        boolean under = o.flags != 0;
        long a = w == 0 ? 0 : x.ea(u);
        long v;
        int bytes;
        switch (w) {
            case 0 -> {
                int i = u.insn.modrmRm();
                c.fsw &= ~C1;
                if (under) c.fsw |= IE | SF;
                write(c, i, se, m);
                if (op == 1) pop(c);
                return u.next;
            }
            case W_F32 -> { Float80.toFloat32(se, m, c.fcw, o); v = o.mant; bytes = 4; }
            case W_F64 -> { Float80.toFloat64(se, m, c.fcw, o); v = o.mant; bytes = 8; }
            case W_F80 -> { v = m; bytes = 10; }
            case W_BCD -> {
                Float80.toBcd(se, m, c.fcw, o);
                v = o.mant;
                se = o.se;
                bytes = 10;
            }
            default -> {
                int bits = w == W_I16 ? 16 : w == W_I32 ? 32 : 64;
                v = Float80.toInt(se, m, c.fcw, bits, op == 2, o);
                bytes = bits / 8;
            }
        }
        if (!ok(c, o)) return IntExec.STOP;
        mem.checkWritable(a, bytes);
        switch (bytes) {
            case 2 -> mem.write16(a, (short) v);
            case 4 -> mem.write32(a, (int) v);
            case 8 -> mem.write64(a, v);
            default -> {
                mem.write64(a, v);
                mem.write16(a + 8, (short) se);
            }
        }
        commitFlags(c, o);
        if (op != 0) pop(c);
        return u.next;
    }
}
