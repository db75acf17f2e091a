package jnbox.bench;

import java.util.concurrent.TimeUnit;
import jnbox.cli.BenchCode;
import jnbox.emu.decode.Decoder;
import jnbox.emu.decode.Insn;
import jnbox.elf.validate.Validator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decoder (emu) and the NaCl validator (elf) over 4 MiB of real code (the corpus IRT's text,
 * else the testdata nexes'). Scores are ms per pass; the setup prints the bytes and instructions
 * of a pass, so MB/s = MB / s and decodes/s = instructions / s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xss8m")
public class CodeBench {
    private byte[] code;
    private final Decoder decoder = new Decoder();
    private final Validator validator = new Validator();

    @Setup
    public void setup() {
        BenchCode c = Inputs.code(4 << 20);
        code = c.bytes();
        System.out.printf("%n# %s: %d bytes, %d instructions per pass%n", c.source(), code.length, decode());
    }

    @Benchmark
    public long decode() {
        long n = 0;
        for (int off = 0; off < code.length; n++) {
            Insn insn = decoder.decode(code, off, code.length);
            off += insn == null ? Math.max(1, decoder.errorLength()) : insn.length();
        }
        return n;
    }

    @Benchmark
    public boolean validate() {
        return validator.validate(code).valid();
    }
}
