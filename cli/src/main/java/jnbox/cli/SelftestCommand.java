package jnbox.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import jnbox.elf.validate.CpuFeatures;
import jnbox.elf.validate.Mode;
import jnbox.elf.validate.Validator;
import jnbox.emu.lockstep.HostHarness;
import jnbox.emu.lockstep.Layout;
import jnbox.emu.lockstep.LockstepRunner;
import jnbox.emu.lockstep.LockstepSoak;
import jnbox.emu.lockstep.Reproducers;
import jnbox.emu.lockstep.Sequence;
import jnbox.emu.unicorn.UnicornEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jnbox selftest --lockstep N}: the lockstep differential tester as a soak. Generates N
 * NaCl-valid instruction sequences (each checked by jnbox's validator in loader mode), runs them on
 * the interpreter and on Unicorn one instruction at a time, and lets the host CPU referee every
 * disagreement. Exit status 0 when every divergence is explained (a documented Unicorn quirk or a
 * written-up interpreter bug), 1 otherwise, 2 when Unicorn is unavailable.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Check jnbox's CPU emulation against Unicorn and the host CPU (lockstep differential test)."},
        footer = {"", "Exit status: 0 no unexplained divergence, 1 some, 2 Unicorn (libunicorn.so.2) unavailable, 255 usage."})
public final class SelftestCommand implements Callable<Integer> {
    @Option(names = "--lockstep", paramLabel = "N", required = true,
            description = "Run N generated instruction sequences in lockstep.")
    long sequences;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: a fresh one, printed).")
    Long seed;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
            description = "Parallel runners (default ${DEFAULT-VALUE}); a seed reproduces with the same count.")
    int threads;

    @Option(names = "--save", paramLabel = "DIR",
            description = "Write a reproducer file for the first divergence of each kind into DIR.")
    Path save;

    @Option(names = "--no-host", description = "Do not build the host-CPU referee (needs gcc on x86-64 Linux).")
    boolean noHost;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        if (sequences < 1 || threads < 1) {
            err.println("jnbox: selftest: --lockstep and --threads need a positive number");
            return 255;
        }
        if (!UnicornEngine.isAvailable()) {
            err.println("jnbox: selftest: " + UnicornEngine.unavailableReason());
            return 2;
        }
        long s = seed != null ? seed : System.nanoTime() ^ System.currentTimeMillis() * 31;
        var pw = spec.commandLine().getOut();
        pw.println("lockstep: seed " + s + ", " + sequences + " sequences, " + threads + " threads");
        HostHarness host = noHost ? null : HostHarness.start();
        if (host == null) pw.println("lockstep: no host referee: " + (noHost ? "--no-host" : HostHarness.unavailableReason()));
        // NaCl validity of the generated code, on a CPU with every feature NaCl allows: the pools hold what
        // the interpreter executes (including VEX forms checked against the host), not only what cpuid reports.
        Validator validator = new Validator(CpuFeatures.VALIDATOR_MAX);
        long unexplained = 0;
        java.util.Set<String> saved = new java.util.HashSet<>();
        try {
            List<LockstepSoak.Summary> parts = LockstepSoak.run(s, sequences, host, 100, threads, q -> valid(validator, q));
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            PrintStream ps = new PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8);
            for (LockstepSoak.Summary p : parts) {
                ps.println("-- runner seed " + p.seed());
                LockstepSoak.print(p, ps);
                unexplained += p.unexplained();
                if (save != null) {
                    for (LockstepRunner.Divergence d : p.runner().divergences()) {
                        // one reproducer per documented quirk or known bug, every unexplained one
                        String key = d.verdict() + " " + (d.explained() ? d.explanation() : d.sequence() + "/" + d.step());
                        if (d.step() >= 0 && saved.add(key)) Reproducers.save(save, d);
                    }
                }
            }
            pw.print(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("jnbox: selftest: cannot write reproducers: " + e.getMessage());
            return 1;
        } finally {
            if (host != null) host.close();
        }
        pw.println("lockstep: " + unexplained + " unexplained divergences");
        pw.flush();
        return unexplained == 0 ? 0 : 1;
    }

    /** The validator's complaints about {@code q}, with the bytes at each offset. */
    static String problems(Validator v, Sequence q) {
        byte[] code = padded(q);
        StringBuilder sb = new StringBuilder();
        for (var p : v.validate(code, 0, code.length, Layout.CODE, Mode.LOADER).errors()) sb.append(p).append("; ");
        return sb.append(java.util.HexFormat.of().formatHex(q.code())).toString();
    }

    private static byte[] padded(Sequence q) {
        int n = (q.code().length + Validator.BUNDLE_SIZE - 1) / Validator.BUNDLE_SIZE * Validator.BUNDLE_SIZE;
        byte[] code = Arrays.copyOf(q.code(), n);
        Arrays.fill(code, q.code().length, n, (byte) 0xF4);
        return code;
    }

    /** The sequence as NaCl's loader would see it: code at 0x20000, padded with hlt to whole bundles. */
    static boolean valid(Validator v, Sequence q) {
        int n = (q.code().length + Validator.BUNDLE_SIZE - 1) / Validator.BUNDLE_SIZE * Validator.BUNDLE_SIZE;
        byte[] code = Arrays.copyOf(q.code(), n);
        Arrays.fill(code, q.code().length, n, (byte) 0xF4);
        return v.validate(code, 0, n, Layout.CODE, Mode.LOADER).valid();
    }
}
