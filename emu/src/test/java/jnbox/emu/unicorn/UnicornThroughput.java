package jnbox.emu.unicorn;

import java.util.HexFormat;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;

/**
 * Prints the Unicorn engine's speed: guest instructions per second on a tight loop (whole runs),
 * with a store in the loop, and single-stepped runs (budget 1, what a lockstep tester does). Run with
 * {@code java --enable-native-access=ALL-UNNAMED -cp <test+main classes> jnbox.emu.unicorn.UnicornThroughput}.
 */
public final class UnicornThroughput {
    private UnicornThroughput() {}

    public static void main(String[] args) {
        if (!UnicornEngine.isAvailable()) {
            System.out.println(UnicornEngine.unavailableReason());
            return;
        }
        System.out.println("libunicorn " + UnicornEngine.libraryVersion());
        // loop: add rax,rcx / dec rcx / jnz loop / lea rdx,[r15+0x10020] / jmp rdx
        measure("tight loop (3 insns/block)", "48 01 c8 48 ff c9 75 f8 49 8d 97 20 00 01 00 ff e2", 100_000_000L, 5);
        // loop: mov [r15+0x30000],rcx / add rax,rcx / dec rcx / jnz loop / lea / jmp
        measure("loop with a store (4 insns/block)", "49 89 8f 00 00 03 00 48 01 c8 48 ff c9 75 f1 49 8d 97 20 00 01 00 ff e2",
                50_000_000L, 5);
        step("budget 1, block mode", "48 01 c8 48 ff c9 75 f8 49 8d 97 20 00 01 00 ff e2", 20_000, false);
        step("budget 1, stepping mode", "48 01 c8 48 ff c9 75 f8 49 8d 97 20 00 01 00 ff e2", 100_000, true);
        try (UnicornEngine e = engine("48 01 c8 48 ff c9 75 f8 49 8d 97 20 00 01 00 ff e2", true)) {
            CpuState cpu = cpu(30_000_000L);
            long c = cpuNanos();
            e.run(cpu, Long.MAX_VALUE);
            System.out.printf("%-36s %,d insns: %.1f M insns/s of thread CPU time%n", "tight loop, stepping mode", cpu.icount,
                    cpu.icount / ((cpuNanos() - c) / 1e9) / 1e6);
        }
    }

    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static UnicornEngine engine(String hex) {
        return engine(hex, false);
    }

    private static UnicornEngine engine(String hex, boolean stepping) {
        SandboxMemory mem = new SandboxMemory();
        mem.map(0x10000, 0x10000, Prot.READ);
        mem.map(0x20000, 0x10000, Prot.RX);
        mem.map(0x30000, 0x10000, Prot.RW);
        byte[] code = HexFormat.ofDelimiter(" ").parseHex(hex);
        mem.poke(0x20000, code, 0, code.length);
        return new UnicornEngine(mem, stepping);
    }

    private static CpuState cpu(long rcx) {
        CpuState cpu = new CpuState();
        cpu.r[CpuState.R15] = SandboxMemory.BASE;
        cpu.r[CpuState.RCX] = rcx;
        cpu.rip = SandboxMemory.BASE + 0x20000;
        return cpu;
    }

    private static void measure(String what, String hex, long iterations, int rounds) {
        try (UnicornEngine e = engine(hex)) {
            for (int r = 0; r < rounds; r++) {
                CpuState cpu = cpu(iterations);
                long t = System.nanoTime(), c = cpuNanos();
                Exit exit = e.run(cpu, Long.MAX_VALUE);
                double s = (System.nanoTime() - t) / 1e9, cs = (cpuNanos() - c) / 1e9;
                System.out.printf("%-36s %,d insns: %.1f M insns/s wall, %.1f M insns/s of thread CPU time (%s)%n",
                        what, cpu.icount, cpu.icount / s / 1e6, cpu.icount / cs / 1e6, exit.kind());
            }
        }
    }

    private static void step(String what, String hex, long iterations, boolean stepping) {
        try (UnicornEngine e = engine(hex, stepping)) {
            for (int r = 0; r < 3; r++) {
                CpuState cpu = cpu(iterations);
                long t = System.nanoTime(), c = cpuNanos();
                while (e.run(cpu, 1).kind() == Exit.Kind.BUDGET) { }
                double s = (System.nanoTime() - t) / 1e9, cs = (cpuNanos() - c) / 1e9;
                System.out.printf("%-36s %,d insns: %.2f us/step wall, %.2f us/step of thread CPU time%n",
                        what, cpu.icount, s * 1e6 / cpu.icount, cs * 1e6 / cpu.icount);
            }
        }
    }
}
