package jnbox.syscalls;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import jnbox.elf.load.ValidationMode;
import jnbox.emu.engine.Engine;
import jnbox.emu.mem.SandboxMemory;
import jnbox.vfs.MountSpec;

/**
 * Everything that shapes one sandboxed run; built with {@link #builder(Path)}. The CLI fills it
 * from sel_ldr-style options, tests fill it directly.
 *
 * @param argv0           argv[0] as the guest sees it: sel_ldr's "NaClMain" unless changed
 * @param maxInstructions 0 for no limit
 * @param strace          where --strace lines go; null when not tracing
 * @param log             where -v messages and warnings go (sel_ldr's -l log); never null
 * @param cwd             the guest's starting directory (a virtual path); "/" unless changed
 */
public record SandboxConfig(Path nexe, String argv0, List<String> args, List<String> env, List<MountSpec> mounts,
                            List<Redirect> redirects, InputStream stdin, OutputStream stdout, OutputStream stderr,
                            boolean deterministic, long seed, long maxInstructions, PrintStream strace,
                            Function<SandboxMemory, Engine> engineFactory, ValidationMode validation, Path irt,
                            PrintStream log, int verbosity, String cwd) {
    /** sel_ldr's argv[0] without -a (spec/nacl-abi.md §3.3). */
    public static final String SEL_LDR_ARGV0 = "NaClMain";

    public SandboxConfig {
        Objects.requireNonNull(nexe);
        Objects.requireNonNull(engineFactory, "engine factory");
        args = List.copyOf(args);
        env = List.copyOf(env);
        mounts = List.copyOf(mounts);
        redirects = List.copyOf(redirects);
    }

    public static Builder builder(Path nexe) { return new Builder(nexe); }

    /** Builder with sel_ldr's defaults: no mounts, host stdio, validation on, no limit; the interpreter. */
    public static final class Builder {
        private final Path nexe;
        private String argv0 = SEL_LDR_ARGV0;
        private final List<String> args = new ArrayList<>();
        private final List<String> env = new ArrayList<>();
        private final List<MountSpec> mounts = new ArrayList<>();
        private final List<Redirect> redirects = new ArrayList<>();
        private InputStream stdin = System.in;
        private OutputStream stdout = System.out;
        private OutputStream stderr = System.err;
        private boolean deterministic;
        private long seed;
        private long maxInstructions;
        private PrintStream strace;
        private Function<SandboxMemory, Engine> engineFactory = Engines.interpreter();
        private ValidationMode validation = ValidationMode.ENFORCE;
        private String cwd = "/";
        private Path irt;
        private PrintStream log;
        private int verbosity;

        private Builder(Path nexe) { this.nexe = nexe; }

        public Builder argv0(String v) { argv0 = v; return this; }

        public Builder args(List<String> v) { args.addAll(v); return this; }

        /** One {@code NAME=VALUE} (or {@code NAME}) string, as -E. */
        public Builder env(String v) { env.add(v); return this; }

        public Builder mount(MountSpec v) { mounts.add(v); return this; }

        public Builder redirect(Redirect v) { redirects.add(v); return this; }

        public Builder stdin(InputStream v) { stdin = v; return this; }

        public Builder stdout(OutputStream v) { stdout = v; return this; }

        public Builder stderr(OutputStream v) { stderr = v; return this; }

        /** Clocks from instruction counts and a seeded random source (spec: --deterministic). */
        public Builder deterministic(long seedValue) { deterministic = true; seed = seedValue; return this; }

        public Builder maxInstructions(long v) { maxInstructions = v; return this; }

        public Builder strace(PrintStream v) { strace = v; return this; }

        public Builder engine(Function<SandboxMemory, Engine> v) { engineFactory = v; return this; }

        public Builder validation(ValidationMode v) { validation = v; return this; }

        public Builder irt(Path v) { irt = v; return this; }

        public Builder log(PrintStream v, int verbosityLevel) { log = v; verbosity = verbosityLevel; return this; }

        public Builder cwd(String v) { cwd = v; return this; }

        public SandboxConfig build() {
            PrintStream l = log != null ? log : stderr instanceof PrintStream ps ? ps : new PrintStream(stderr, true);
            return new SandboxConfig(nexe, argv0, args, env, mounts, redirects, stdin, stdout, stderr, deterministic, seed,
                    maxInstructions, strace, engineFactory, validation, irt, l, verbosity, cwd);
        }
    }
}
