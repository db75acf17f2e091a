package jnbox.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import jnbox.elf.validate.Validator;
import jnbox.emu.decode.Decoder;
import jnbox.emu.decode.Insn;
import jnbox.syscalls.ExitCodes;
import jnbox.syscalls.Sandbox;
import jnbox.syscalls.SandboxConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jnbox bench}: guest instructions per second of each engine on the bench programs
 * (testdata/asm/bench-*.s) run through the whole {@link Sandbox} (load, validate, syscalls), and
 * the validator's and decoder's throughput. Each figure is the median of several runs after
 * warm-up runs, in thread CPU time (the machine may be shared) and in wall time.
 */
@Command(name = "bench", sortOptions = false,
        description = {"Measure guest instructions/s per engine, validator MB/s and decoder decodes/s.",
                "Programs: testdata/nexe/bench-*.nexe (testdata/asm/bench-*.s) or the NEXEs given; see BENCHMARKS.md."},
        footer = {"", "Figures are medians of --runs timed runs after --warmup runs; 'cpu' is the running thread's CPU time.",
                "Exit status: 0 done, 1 a program did not exit with 0 or no program found, 255 bad option or engine unavailable"})
final class BenchCommand implements Callable<Integer> {
    private static final int TEXT_TARGET = 16 << 20;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--engine", paramLabel = "java|unicorn|all", description = "Engines to measure (default all available).")
    String engine = "all";

    @Option(names = "--runs", paramLabel = "N", description = "Timed runs per measurement (default 5).")
    int runs = 5;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs first (default 2).")
    int warmup = 2;

    @Option(names = "--iterations", paramLabel = "N", description = "Pass N as argv[1] (the bench programs' iteration count).")
    String iterations;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where bench-*.nexe are (default testdata/nexe).")
    Path dir = Path.of("testdata", "nexe");

    @Option(names = "--validator", description = "Validator throughput (MB/s) over 16 MiB of real code.")
    boolean validator;

    @Option(names = "--decoder", description = "Decoder throughput (decodes/s) over the same code.")
    boolean decoder;

    @Option(names = "--programs", description = "Run the programs too when --validator or --decoder is given.")
    boolean programs;

    @Option(names = "--text", paramLabel = "NEXE", description = "Code for --validator/--decoder: this nexe's text, repeated to 16 MiB "
            + "(default: the shared corpus IRT when found, else the text of every nexe in --dir).")
    Path text;

    @Parameters(paramLabel = "NEXE", arity = "0..*", description = "Programs to run (default: DIR/bench-*.nexe).")
    List<Path> nexes = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private PrintWriter err;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        if (runs < 1 || warmup < 0) {
            err.println("jnbox: --runs must be at least 1 and --warmup at least 0");
            return ExitCodes.USAGE;
        }
        List<EngineChoice> engines = new ArrayList<>();
        if (engine.equalsIgnoreCase("all")) {
            for (EngineChoice c : EngineChoice.values()) {
                if (c.unavailableReason() == null) engines.add(c);
                else out.println("# engine " + c.label + " skipped: " + c.unavailableReason());
            }
        } else {
            EngineChoice c = EngineChoice.named(engine);
            if (c == null) {
                err.println("jnbox: --engine: expected java, unicorn or all, not '" + engine + "'");
                return ExitCodes.USAGE;
            }
            if (c.unavailableReason() != null) {
                err.println("jnbox: engine " + c.label + " unavailable: " + c.unavailableReason());
                return ExitCodes.USAGE;
            }
            engines.add(c);
        }
        out.printf("# jnbox bench: %s, %d CPUs, load average %.2f; median of %d runs after %d warm-up runs%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), runs, warmup);
        int status = 0;
        boolean onlyTools = (validator || decoder) && nexes.isEmpty() && !programs;
        if (!onlyTools) status = programs(engines);
        if (validator || decoder) {
            byte[] code;
            try {
                BenchCode c = BenchCode.load(text, Path.of(System.getProperty("jnbox.shared", "../shared")), dir, TEXT_TARGET);
                out.println("# code: " + c.source());
                code = c.bytes();
            } catch (IOException | RuntimeException e) {
                String why = e instanceof java.nio.file.NoSuchFileException ? "no such file " + e.getMessage() : e.getMessage();
                err.println("jnbox: cannot read code for --validator/--decoder: " + why);
                return ExitCodes.LOAD_ERROR;
            }
            if (validator) validator(code);
            if (decoder) decoder(code);
        }
        return status;
    }

    private int programs(List<EngineChoice> engines) {
        List<Path> list = nexes;
        if (list.isEmpty()) {
            list = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "bench-*.nexe")) {
                for (Path p : ds) list.add(p);
            } catch (IOException e) {
                err.println("jnbox: no bench programs in " + dir + " (" + e.getMessage() + "); run from the repository root or give --dir");
                return ExitCodes.LOAD_ERROR;
            }
            list.sort(null);
            if (list.isEmpty()) {
                err.println("jnbox: no bench-*.nexe in " + dir);
                return ExitCodes.LOAD_ERROR;
            }
        }
        out.printf("%-22s %-8s %14s %9s %9s %12s %12s%n", "program", "engine", "guest insns", "wall s", "cpu s", "M insns/s", "(wall)");
        int status = 0;
        for (Path nexe : list) {
            for (EngineChoice e : engines) {
                long[] wall = new long[runs];
                long[] cpu = new long[runs];
                long insns = 0;
                String failure = null;
                for (int i = -warmup; i < runs && failure == null; i++) {
                    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
                    long c0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    int exit;
                    try (EngineChoice.Session s = e.session()) {
                        SandboxConfig.Builder b = SandboxConfig.builder(nexe).stdin(InputStream.nullInputStream())
                                .stdout(OutputStream.nullOutputStream()).stderr(errBytes).engine(s.factory());
                        if (iterations != null) b.args(List.of(iterations));
                        exit = new Sandbox(b.build()).run();
                        insns = s.instructions();
                    }
                    long t1 = System.nanoTime();
                    long c1 = threads.getCurrentThreadCpuTime();
                    if (exit != 0) {
                        String msg = errBytes.toString(StandardCharsets.UTF_8).strip().lines().reduce((a, b) -> b).orElse("");
                        failure = "exit " + exit + (msg.isEmpty() ? "" : ": " + msg);
                    } else if (i >= 0) {
                        wall[i] = t1 - t0;
                        cpu[i] = c1 - c0;
                    }
                }
                String name = nexe.getFileName().toString().replaceFirst("\\.nexe$", "");
                if (failure != null) {
                    out.printf("%-22s %-8s %s%n", name, e.label, failure);
                    status = ExitCodes.LOAD_ERROR;
                    continue;
                }
                double w = median(wall) / 1e9, c = median(cpu) / 1e9;
                out.printf("%-22s %-8s %,14d %9.3f %9.3f %12.1f %12.1f%n", name, e.label, insns, w, c, insns / c / 1e6, insns / w / 1e6);
            }
        }
        return status;
    }

    private void validator(byte[] code) {
        Validator v = new Validator();
        if (!v.validate(code).valid()) out.println("# note: the bench code is not all valid; errors are part of the work measured");
        long[] wall = new long[runs], cpu = new long[runs];
        for (int i = -warmup; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            v.validate(code);
            long t1 = System.nanoTime(), c1 = threads.getCurrentThreadCpuTime();
            if (i >= 0) { wall[i] = t1 - t0; cpu[i] = c1 - c0; }
        }
        double mb = code.length / 1e6;
        out.printf("validator: %.1f MB/s cpu (%.1f MB/s wall) over %.1f MB%n", mb / (median(cpu) / 1e9), mb / (median(wall) / 1e9), mb);
    }

    private void decoder(byte[] code) {
        Decoder d = new Decoder();
        long[] wall = new long[runs], cpu = new long[runs];
        long decodes = 0;
        for (int i = -warmup; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            long n = 0;
            for (int off = 0; off < code.length; n++) {
                Insn insn = d.decode(code, off, code.length);
                off += insn == null ? Math.max(1, d.errorLength()) : insn.length();
            }
            long t1 = System.nanoTime(), c1 = threads.getCurrentThreadCpuTime();
            decodes = n;
            if (i >= 0) { wall[i] = t1 - t0; cpu[i] = c1 - c0; }
        }
        out.printf("decoder: %.1f M decodes/s cpu (%.1f M/s wall), %.1f MB/s cpu, %,d instructions in %.1f MB%n",
                decodes / (median(cpu) / 1e3), decodes / (median(wall) / 1e3), code.length / (median(cpu) / 1e3), decodes, code.length / 1e6);
    }

    private static double median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
