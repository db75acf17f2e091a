package jnbox.cli;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jnbox.elf.load.ValidationMode;
import jnbox.syscalls.ExitCodes;
import jnbox.syscalls.Redirect;
import jnbox.syscalls.Sandbox;
import jnbox.syscalls.SandboxConfig;
import jnbox.vfs.MountSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jnbox run [options] <nexe> [args...]}: sel_ldr's command line where it applies
 * (spec/nacl-abi.md §6.1). Options end at the nexe: everything after it goes to the program
 * unchanged, and {@code --} also ends jnbox's options.
 */
@Command(name = "run", sortOptions = false,
        description = {"Load, validate and run a NaCl x86-64 nexe in the sandbox.",
                "Options stop at the nexe: every argument after it goes to the program (also after --)."},
        footer = {"", "Exit status:",
                "  0-255  the program's exit(status) & 255",
                "  1      no nexe given, load or validation error",
                "  245, 248, 252  SIGSEGV, SIGFPE, SIGILL in the program (-signal & 255),",
                "         after '** Signal N from untrusted code: pc=...' on stderr",
                "  255    bad option, -m mount or redirection",
                "  124    --max-instructions reached",
                "  125    unimplemented instruction",
                "  126    internal error"})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "-m", paramLabel = "HOST:VIRT:ro|rw",
            description = "Mount a host folder (or tmpfs, or an archive) at VIRT in the guest's file system; repeatable. "
                    + "Without -m the program sees an empty read-only /.")
    List<String> mounts = new ArrayList<>();

    @Option(names = "-a", description = "sel_ldr's raw host file access. Refused unless --unsafe-host-access is also given; "
            + "then the host's / is mounted read-write at /, the program starts in the host's current directory "
            + "and argv[0] is the nexe path, as under sel_ldr -a.")
    boolean hostAccess;

    @Option(names = "--unsafe-host-access", description = "Allow -a: the program can read and write every host file jnbox can.")
    boolean unsafeHostAccess;

    @Option(names = "-E", paramLabel = "NAME=VALUE", description = "Add an environment string for the program; repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "-h", paramLabel = "d:FILE", description = "Open host FILE read/write as the program's fd d (FILE 0/1/2: jnbox's stdin/stdout/stderr).")
    List<String> readWrite = new ArrayList<>();

    @Option(names = "-r", paramLabel = "d:FILE", description = "Open host FILE read-only as fd d.")
    List<String> readOnly = new ArrayList<>();

    @Option(names = "-w", paramLabel = "d:FILE", description = "Open host FILE write-only (created, appended) as fd d.")
    List<String> writeOnly = new ArrayList<>();

    @Option(names = "-l", paramLabel = "FILE", description = "Write jnbox's log (-v messages, warnings) to FILE.")
    Path logFile;

    @Option(names = "-v", description = "More log output (repeatable).")
    boolean[] verbose = new boolean[0];

    @Option(names = "-B", paramLabel = "IRT", description = "Load an IRT image (e.g. irt_core.nexe) into the dynamic-text region and start there.")
    Path irt;

    @Option(names = "-c", description = "sel_ldr's -c: validate but run even if validation fails; -cc skips validation (loud warning).")
    boolean[] ignoreValidation = new boolean[0];

    @Option(names = "--no-validate", description = "Do not validate the code at all (debugging only; loud warning).")
    boolean noValidate;

    @Option(names = "--strace", description = "Print one line per syscall, strace style, to stderr (or --trace-out).")
    boolean strace;

    @Option(names = "--trace-out", paramLabel = "FILE", description = "Write --strace lines to FILE.")
    Path traceOut;

    @Option(names = "--deterministic", description = "Clocks start at 2001-09-09T01:46:40Z and advance 1 ns per instruction; "
            + "get_random_bytes is seeded: two runs print the same bytes.")
    boolean deterministic;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for --deterministic (default 0).")
    long seed;

    @Option(names = "--max-instructions", paramLabel = "N", description = "Stop with status 124 after N guest instructions.")
    long maxInstructions;

    @Option(names = "--engine", paramLabel = "java|unicorn", description = "Execution engine: java (the interpreter, default) "
            + "or unicorn (Unicorn 2 through FFM; needs libunicorn.so.2).")
    String engine = "java";

    @Parameters(index = "0", arity = "0..1", paramLabel = "NEXE", description = "The program.")
    Path nexe;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the program, passed unchanged.")
    List<String> args = new ArrayList<>();

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    RunCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (nexe == null) {
            err.println("jnbox: No nacl file specified");   // sel_ldr's message and status (spec §6.3)
            return ExitCodes.LOAD_ERROR;
        }
        SandboxConfig.Builder b = SandboxConfig.builder(nexe).args(args).stdin(in).stdout(out).stderr(err);
        if (hostAccess && !unsafeHostAccess) {
            err.println("jnbox: -a (raw host file access) is refused: give the program only what it needs with -m HOST:VIRT:ro|rw, "
                    + "or add --unsafe-host-access");
            return ExitCodes.USAGE;
        }
        if (hostAccess) {
            Path cwd = Path.of("").toAbsolutePath();
            Path root = cwd.getRoot();
            b.mount(MountSpec.parse(root + ":/:rw"));
            b.cwd("/" + root.relativize(cwd).toString().replace('\\', '/'));
            b.argv0(nexe.toString());
        }
        try {
            for (String m : mounts) b.mount(MountSpec.parse(m));
            for (String r : readWrite) b.redirect(Redirect.parse(Redirect.Mode.READ_WRITE, r));
            for (String r : readOnly) b.redirect(Redirect.parse(Redirect.Mode.READ, r));
            for (String r : writeOnly) b.redirect(Redirect.parse(Redirect.Mode.WRITE, r));
        } catch (IllegalArgumentException e) {
            err.println("jnbox: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        for (String e : env) b.env(e);
        if (deterministic) b.deterministic(seed);
        if (maxInstructions < 0) {
            err.println("jnbox: --max-instructions must be positive");
            return ExitCodes.USAGE;
        }
        b.maxInstructions(maxInstructions);
        EngineChoice engineChoice = EngineChoice.named(engine);
        if (engineChoice == null) {
            err.println("jnbox: --engine: expected java or unicorn, not '" + engine + "'");
            return ExitCodes.USAGE;
        }
        if (engineChoice.unavailableReason() != null) {
            err.println("jnbox: engine " + engineChoice.label + " unavailable: " + engineChoice.unavailableReason());
            return ExitCodes.USAGE;
        }
        if (!engine.equals("java")) {
            // Unicorn is a test oracle: its 2.0.1 bugs (e.g. idiv r/m32 of 0x80000000:0 by -1 traps in the
            // native library) let guest code take the process down, so it is not a sandbox.
            err.println("jnbox: WARNING: --engine " + engine + " is a test oracle, not a sandbox: guest code can crash jnbox through Unicorn bugs");
        }
        b.validation(noValidate || ignoreValidation.length >= 2 ? ValidationMode.SKIP
                : ignoreValidation.length == 1 ? ValidationMode.IGNORE_RESULT : ValidationMode.ENFORCE);
        b.irt(irt);
        List<PrintStream> opened = new ArrayList<>();
        try {
            PrintStream log = err;
            if (logFile != null) opened.add(log = new PrintStream(new FileOutputStream(logFile.toFile()), true));
            b.log(log, verbose.length);
            if (verbose.length > 0) log.println("jnbox run " + nexe + " " + String.join(" ", args));
            if (strace || traceOut != null) {
                PrintStream t = err;
                if (traceOut != null) opened.add(t = new PrintStream(new FileOutputStream(traceOut.toFile()), false));
                b.strace(t);
            }
        } catch (FileNotFoundException e) {
            err.println("jnbox: cannot write " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (EngineChoice.Session engines = engineChoice.session()) {
            return new Sandbox(b.engine(engines.factory()).build()).run();
        } finally {
            opened.forEach(PrintStream::close);
        }
    }
}
