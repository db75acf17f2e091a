package jnbox.emu.lockstep;

import java.util.ArrayList;
import java.util.List;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.semantics.Flags;

/**
 * Compares two {@link Result}s field by field: the stop (kind, signal, pc), the 16 GPRs, RIP,
 * RFLAGS (the six arithmetic flags minus the undefined ones, and DF), XMM/YMM, MXCSR, the x87
 * control/status/tag words and registers, and the data bytes. Each difference is one short text
 * naming the field and both values ("rax 1 != 2").
 */
public final class StateDiff {
    private StateDiff() {}

    /** RFLAGS bits compared: the arithmetic flags and DF (IF, RF, reserved bits are the OS's). */
    public static final long COMPARED_FLAGS = Flags.ARITH | CpuState.DF;

    public static List<String> diff(Result a, Result b, long undefinedFlags) {
        List<String> d = new ArrayList<>();
        if (a.kind() != b.kind() || a.signal() != b.signal()) d.add("stop " + a.exitText() + " != " + b.exitText());
        else if (a.pc() != b.pc()) d.add("pc " + hex(a.pc()) + " != " + hex(b.pc()));
        diffCpu(a.cpu(), b.cpu(), undefinedFlags, d);
        byte[] x = a.data(), y = b.data();
        if (x != null && y != null) {
            int i = java.util.Arrays.mismatch(x, y);
            if (i >= 0) d.add(String.format("data[%#x] %02x != %02x", i, x[i] & 0xFF, y[i] & 0xFF));
        }
        return d;
    }

    static void diffCpu(CpuState a, CpuState b, long undefinedFlags, List<String> d) {
        for (int i = 0; i < 16; i++) {
            if (a.r[i] != b.r[i]) d.add(CpuState.regName(i) + " " + hex(a.r[i]) + " != " + hex(b.r[i]));
        }
        if (a.rip != b.rip) d.add("rip " + hex(a.rip) + " != " + hex(b.rip));
        long m = COMPARED_FLAGS & ~undefinedFlags;
        if ((a.rflags() & m) != (b.rflags() & m)) d.add("rflags " + hex(a.rflags() & m) + " != " + hex(b.rflags() & m) + " (mask " + hex(m) + ")");
        for (int i = 0; i < 64; i++) {
            if (a.vec[i] != b.vec[i]) d.add("ymm" + (i / 4) + "[" + (i % 4) + "] " + hex(a.vec[i]) + " != " + hex(b.vec[i]));
        }
        if (a.mxcsr != b.mxcsr) d.add("mxcsr " + hex(a.mxcsr) + " != " + hex(b.mxcsr));
        if (a.fcw != b.fcw) d.add("fcw " + hex(a.fcw) + " != " + hex(b.fcw));
        if (a.fsw != b.fsw) d.add("fsw " + hex(a.fsw) + " != " + hex(b.fsw));
        if (a.ftw != b.ftw) d.add("ftw " + hex(a.ftw) + " != " + hex(b.ftw));
        for (int i = 0; i < 8; i++) {
            if (a.x87Mant[i] != b.x87Mant[i] || a.x87SignExp[i] != b.x87SignExp[i]) {
                d.add("st(phys " + i + ") " + hex(a.x87Mant[i]) + ":" + hex(a.x87SignExp[i]) + " != "
                        + hex(b.x87Mant[i]) + ":" + hex(b.x87SignExp[i]));
            }
        }
    }

    static String hex(long v) { return Long.toHexString(v); }
}
