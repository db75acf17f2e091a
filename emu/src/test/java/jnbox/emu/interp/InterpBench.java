package jnbox.emu.interp;

import java.util.HexFormat;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;

/**
 * Guest instructions per second of the interpreter on three endless loops (a harness, not a
 * test: run its main; no timing is ever asserted). Each case warms up, then reports the best of
 * several timed runs of a fixed instruction budget.
 *
 * <p>Run: {@code java -cp emu/target/classes:emu/target/test-classes:<fastutil.jar> jnbox.emu.interp.InterpBench}
 */
public final class InterpBench {
    private static final String[][] CASES = {
        // xor eax,eax; 2: mov ecx,1000000; 1: add eax,ecx; xor edx,eax; dec ecx; jnz 1b; jmp 2b
        {"integer loop", "31c0b940420f0001c831c2ffc975f8ebf1"},
        // lea rbx,[r15+0x30000]; xor eax,eax; 2: mov ecx,4096;
        // 1: mov edx,[rbx+rcx*4-4]; add eax,edx; mov [rbx+rcx*4-4],eax; dec ecx; jnz 1b; jmp 2b
        {"memory loop", "498d9f0000030031c0b9001000008b548bfc01d089448bfcffc975f2ebeb"},
        // call/ret, push/pop, setcc, movzx, add to memory in a loop
        {"call loop", "498dbf00000300b908000000e806000000ffc975f7ebf05389cb83e30383fb020f92c30fb6db48011f5bc3"},
        // mov eax,3; cvtsi2sd xmm1,eax; 2: mov ecx,1000000; xorpd xmm0,xmm0;
        // 1: addsd xmm0,xmm1; mulsd xmm2,xmm1; dec ecx; jnz 1b; jmp 2b
        {"sse loop", "b803000000f20f2ac8b940420f00660f57c0f20f58c1f20f59d1ffc975f4ebe9"},
    };

    public static void main(String[] args) {
        long budget = args.length > 0 ? Long.parseLong(args[0]) : 200_000_000L;
        for (String[] c : CASES) {
            SandboxMemory mem = new SandboxMemory();
            mem.map(0x20000, 0x10000, Prot.RW);
            mem.map(0x30000, 0x10000, Prot.RW);
            mem.map(0x50000, 0x10000, Prot.RW);
            byte[] code = HexFormat.of().parseHex(c[1]);
            mem.poke(0x20000, code, 0, code.length);
            mem.protect(0x20000, 0x10000, Prot.RX);
            Interpreter in = new Interpreter(mem);
            CpuState cpu = new CpuState();
            cpu.r[CpuState.R15] = SandboxMemory.BASE;
            cpu.r[CpuState.RSP] = SandboxMemory.BASE + 0x60000;
            cpu.rip = SandboxMemory.BASE + 0x20000;
            for (int i = 0; i < 3; i++) check(in.run(cpu, budget / 4));
            double best = 0, bestCpu = 0;
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < 5; i++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                check(in.run(cpu, budget));
                double s = (System.nanoTime() - t0) / 1e9;
                double cs = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                best = Math.max(best, budget / s);
                bestCpu = Math.max(bestCpu, budget / cs);
            }
            // per thread CPU second as well: the build machines are shared, so wall time is noisy
            System.out.printf("%-14s %8.1f M guest instructions/s (wall)  %8.1f M/s (thread CPU time)%n",
                    c[0], best / 1e6, bestCpu / 1e6);
        }
    }

    private static void check(Exit e) {
        if (e.kind() != Exit.Kind.BUDGET) throw new IllegalStateException("unexpected exit " + e);
    }
}
