package jnbox.bench;

import java.util.concurrent.TimeUnit;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The guest memory hot path: {@link SandboxMemory}'s read/write by sys address, as the engines
 * call it, over 4 MiB of mapped, touched pages. Sequential 8-byte accesses, and random ones
 * (a fixed LCG walk) that change page on nearly every access. Scores are accesses per microsecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xss8m")
public class MemoryBench {
    private static final long USER = 0x100000;
    private static final int LEN = 4 << 20;
    private static final int QWORDS = LEN / 8;
    private static final long SYS = SandboxMemory.BASE + USER;

    private SandboxMemory mem;

    @Setup
    public void setup() {
        mem = new SandboxMemory();
        mem.map(USER, LEN, Prot.RW);
        for (int i = 0; i < QWORDS; i++) mem.write64(SYS + 8L * i, i);
    }

    @Benchmark
    @OperationsPerInvocation(QWORDS)
    public long read64Sequential() {
        long sum = 0;
        for (int i = 0; i < QWORDS; i++) sum += mem.read64(SYS + 8L * i);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(QWORDS)
    public void write64Sequential() {
        for (int i = 0; i < QWORDS; i++) mem.write64(SYS + 8L * i, i);
    }

    @Benchmark
    @OperationsPerInvocation(QWORDS)
    public long read8Sequential() {
        long sum = 0;
        for (int i = 0; i < QWORDS; i++) sum += mem.read8(SYS + i);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(QWORDS)
    public long readModifyWrite32Random() {
        long sum = 0;
        int x = 12345;
        for (int i = 0; i < QWORDS; i++) {
            x = x * 1103515245 + 12345;
            long a = SYS + ((x >>> 2) & (LEN / 4 - 1)) * 4L;
            int v = mem.read32(a);
            mem.write32(a, v + 1);
            sum += v;
        }
        return sum;
    }
}
