package jnbox.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jnbox.cli.EngineChoice;
import jnbox.syscalls.Sandbox;
import jnbox.syscalls.SandboxConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole run of a bench program (testdata/asm/bench-*.s, default iteration count) through the
 * {@link Sandbox}: load, validate, execute, syscalls. Guest instructions per run are fixed
 * ({@code jnbox bench} prints them), so instructions/s = instructions / (ms/op) * 1000.
 * {@code -p engine=unicorn} measures Unicorn instead of the interpreter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xss8m"})
public class ProgramBench {
    @Param({"bench-int", "bench-mem", "bench-call", "bench-sse", "bench-string"})
    public String program;

    @Param({"java"})
    public String engine;

    private Path nexe;
    private EngineChoice choice;

    @Setup
    public void setup() {
        nexe = Inputs.nexe(program);
        choice = EngineChoice.named(engine);
        if (choice == null) throw new IllegalArgumentException("engine must be java or unicorn, not " + engine);
        if (choice.unavailableReason() != null) throw new IllegalStateException(choice.unavailableReason());
    }

    @Benchmark
    public long run() {
        try (EngineChoice.Session s = choice.session()) {
            int status = new Sandbox(SandboxConfig.builder(nexe).stdin(InputStream.nullInputStream())
                    .stdout(OutputStream.nullOutputStream()).stderr(OutputStream.nullOutputStream()).engine(s.factory()).build()).run();
            if (status != 0) throw new IllegalStateException(program + " exited with " + status);
            return s.instructions();
        }
    }
}
