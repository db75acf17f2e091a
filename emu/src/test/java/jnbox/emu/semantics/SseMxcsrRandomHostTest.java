package jnbox.emu.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.interp.Interpreter;
import jnbox.emu.lockstep.HostHarness;
import jnbox.emu.lockstep.Layout;
import jnbox.emu.lockstep.Result;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Seeded random cases against the host CPU, run live through the lockstep referee
 * ({@link HostHarness}, gcc at test time; skipped without it): every instruction of
 * {@code sse-mxcsr.txt.gz}, a random MXCSR control (RC x FTZ x DAZ, exceptions masked) and
 * edge-weighted random operands (a quarter of the cases with some exceptions unmasked, where the
 * host raises #XM and so must jnbox), replayed on the semantics library as {@link SseMathHostTest}
 * does and run on the interpreter (which must match too). The seed is printed; {@code -Djnbox.seed=N} repeats a run.
 */
class SseMxcsrRandomHostTest {
    static final int CASES = Integer.getInteger("jnbox.mxcsr.cases", 3000);

    @Test
    void randomCasesMatchTheHost() throws IOException {
        long seed = Long.getLong("jnbox.seed", System.nanoTime());
        System.out.println("SseMxcsrRandomHostTest seed=" + seed + " (-Djnbox.seed=" + seed + " repeats it)");
        HostHarness host = HostHarness.start();
        Assumptions.assumeTrue(host != null, () -> "no host referee: " + HostHarness.unavailableReason());
        Map<String, String> insns = new LinkedHashMap<>();
        for (SseMathHostTest.Row r : SseMathHostTest.rows()) insns.putIfAbsent(r.text(), r.hex());
        List<String> texts = new ArrayList<>(insns.keySet());
        Random rnd = new Random(seed);
        MxcsrEnv env = new MxcsrEnv();
        SandboxMemory mem = new SandboxMemory();
        mem.map(Layout.CODE, 0x1000, Prot.RW);
        Engine interp = new Interpreter(mem);
        List<String> bad = new ArrayList<>();
        int traps = 0;
        try (host) {
            for (int n = 0; n < CASES; n++) {
                String text = texts.get(rnd.nextInt(texts.size()));
                byte[] code = HexFormat.of().parseHex(insns.get(text) + "f4");
                int mx = 0x1F80 | rnd.nextInt(4) << 13 | (rnd.nextBoolean() ? MxcsrEnv.FTZ : 0) | (rnd.nextBoolean() ? MxcsrEnv.DAZ : 0);
                if (rnd.nextInt(4) == 0) mx &= ~(rnd.nextInt(64) << 7); // some exceptions unmasked: #XM (SIGFPE) instead
                boolean dbl = text.matches("\\S*(sd|pd|sd2ss|sd2si|pd2ps|pd2dq)\\b.*");
                long[] in = new long[7];
                for (int i = 0; i < 6; i++) in[i] = dbl ? RandomFp.dbl(rnd) : RandomFp.flt(rnd) & 0xFFFF_FFFFL | (long) RandomFp.flt(rnd) << 32;
                in[6] = RandomFp.integer(rnd);
                CpuState init = new CpuState();
                init.r[CpuState.RAX] = in[6];
                for (int i = 0; i < 3; i++) {
                    init.vec[4 * i] = in[2 * i];
                    init.vec[4 * i + 1] = in[2 * i + 1];
                }
                init.mxcsr = mx;
                init.setRflags(0x202);
                Result h = host.run(code, init, new byte[Layout.DATA_LEN]);
                if (h.signal() == 8 && h.pc() == Layout.sys(Layout.CODE)) { // unmasked exception: #XM, nothing written
                    traps++;
                    String m = unmaskedCase(env, mem, interp, code, init, text, mx);
                    if (m != null) bad.add(m);
                    continue;
                }
                if (h.signal() != 11 || h.pc() != Layout.sys(Layout.CODE) + code.length - 1) {
                    bad.add(text + " mxcsr=" + Integer.toHexString(mx) + ": host stopped " + h.exitText());
                    continue;
                }
                CpuState c = h.cpu();
                var row = new SseMathHostTest.Row(insns.get(text), mx, in, 0x2, c.vec[0], c.vec[1], c.r[CpuState.RAX],
                        c.rflags() & 0x8D5, c.mxcsr, text, n);
                String m = SseMathHostTest.check(env, row);
                if (m != null) bad.add("case " + m);
                String mi = interpreter(mem, interp, code, init, row);
                if (mi != null) bad.add("interpreter case " + mi);
            }
        }
        System.out.println("SseMxcsrRandomHostTest: " + CASES + " cases, " + traps + " raised #XM on the host");
        assertThat(bad).as("seed %d: %d of %d random cases differ from the host", seed, bad.size(), CASES).isEmpty();
    }

    /** The interpreter from the same state; null when it matches the host (or does not execute the instruction yet). */
    private static String interpreter(SandboxMemory mem, Engine interp, byte[] code, CpuState init, SseMathHostTest.Row want) {
        mem.protect(Layout.CODE, 0x1000, Prot.RW);
        mem.poke(Layout.CODE, code, 0, code.length);
        mem.protect(Layout.CODE, 0x1000, Prot.RX);
        CpuState cpu = new CpuState();
        System.arraycopy(init.vec, 0, cpu.vec, 0, 12);
        cpu.r[CpuState.RAX] = init.r[CpuState.RAX];
        cpu.mxcsr = init.mxcsr;
        cpu.setRflags(init.rflags());
        cpu.rip = Layout.sys(Layout.CODE);
        Exit x = interp.run(cpu, 10);
        String t = want.text();
        if (x.kind() == Exit.Kind.UNIMPLEMENTED && (t.startsWith("round") || t.startsWith("vf"))) return null; // other parts' families
        if (x.kind() != Exit.Kind.FAULT || x.pc() != Layout.sys(Layout.CODE) + code.length - 1) return t + ": exit " + x;
        long f = cpu.rflags() & 0x8D5;
        if (cpu.vec[0] != want.r0() || cpu.vec[1] != want.r1() || cpu.r[CpuState.RAX] != want.rax() || f != want.flags()
                || cpu.mxcsr != want.mxcsrOut()) {
            return String.format("%s mxcsr=%x in %x %x, %x %x, %x %x rax=%x: want %x %x rax=%x fl=%x mxcsr=%x, got %x %x rax=%x fl=%x mxcsr=%x",
                    t, want.mxcsr(), init.vec[0], init.vec[1], init.vec[4], init.vec[5], init.vec[8], init.vec[9],
                    init.r[CpuState.RAX], want.r0(), want.r1(), want.rax(), want.flags(), want.mxcsrOut(),
                    cpu.vec[0], cpu.vec[1], cpu.r[CpuState.RAX], f, cpu.mxcsr);
        }
        return null;
    }

    /**
     * The host raised #XM: the semantics must raise an unmasked flag, and the interpreter must stop
     * with SIGFPE at the instruction without writing xmm0 or rax.
     */
    private static String unmaskedCase(MxcsrEnv env, SandboxMemory mem, Engine interp, byte[] code, CpuState init,
                                       String text, int mx) {
        var row = new SseMathHostTest.Row("", mx, new long[] {init.vec[0], init.vec[1], init.vec[4], init.vec[5],
            init.vec[8], init.vec[9], init.r[CpuState.RAX]}, 0x2, 0, 0, 0, 0, 0, text, 0);
        long[] got = SseMathHostTest.replay(env, row);
        int raised = (int) got[4] & 0x3F;
        String where = String.format("%s mxcsr=%x in %x %x, %x %x, %x %x rax=%x", text, mx, init.vec[0], init.vec[1],
                init.vec[4], init.vec[5], init.vec[8], init.vec[9], init.r[CpuState.RAX]);
        if ((raised & ~(mx >>> 7) & 0x3F) == 0) return "host #XM, semantics raised only masked flags " + Integer.toHexString(raised) + ": " + where;
        mem.protect(Layout.CODE, 0x1000, Prot.RW);
        mem.poke(Layout.CODE, code, 0, code.length);
        mem.protect(Layout.CODE, 0x1000, Prot.RX);
        CpuState cpu = new CpuState();
        System.arraycopy(init.vec, 0, cpu.vec, 0, 12);
        cpu.r[CpuState.RAX] = init.r[CpuState.RAX];
        cpu.mxcsr = mx;
        cpu.setRflags(init.rflags());
        cpu.rip = Layout.sys(Layout.CODE);
        Exit x = interp.run(cpu, 10);
        if (x.kind() == Exit.Kind.UNIMPLEMENTED && (text.startsWith("round") || text.startsWith("vf"))) return null;
        if (x.kind() != Exit.Kind.FAULT || x.signal() != 8 || x.pc() != Layout.sys(Layout.CODE)
                || cpu.vec[0] != init.vec[0] || cpu.vec[1] != init.vec[1] || cpu.r[CpuState.RAX] != init.r[CpuState.RAX]) {
            return "host #XM, interpreter " + x + " xmm0 " + Long.toHexString(cpu.vec[0]) + ": " + where;
        }
        return null;
    }
}
