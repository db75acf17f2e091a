package jnbox.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import jnbox.cc.CcCommand;
import jnbox.syscalls.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jnbox} command. {@link #run} is the in-process entry (tests, embedding); {@link #main}
 * calls it and exits with its status. Exit statuses are listed in {@link ExitCodes} and in every
 * command's --help footer; no Java stack trace ever reaches the user.
 */
@Command(name = "jnbox", description = "A pure-Java x86-64 emulator sandbox for Native Client (NaCl) programs.",
        subcommands = {RunCommand.class, InspectCommand.class, ValidateCommand.class, SyscallsCommand.class,
                BenchCommand.class, SelftestCommand.class, CcCommand.class},
        footer = {"", "Run 'jnbox COMMAND --help' for the options of a command."})
public final class Main implements Runnable {
    @CommandLine.Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one jnbox command line; returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try {
            CommandLine cl = commandLine(in, out, err);
            int status = cl.execute(args);
            cl.getOut().flush();
            cl.getErr().flush();
            return status;
        } catch (RuntimeException | Error e) {
            err.println("jnbox: internal error: " + e);
            return ExitCodes.INTERNAL_ERROR;
        }
    }

    /** The configured command line: run stops at the nexe, usage errors give 255, bugs one line. */
    static CommandLine commandLine(InputStream in, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main(), new Factory(in, out, err));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.getSubcommands().get("run").setStopAtPositional(true);
        cl.setParameterExceptionHandler((ex, argv) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("jnbox: " + ex.getMessage());
            c.getErr().println("Try 'jnbox " + (c == cl ? "" : c.getCommandName() + " ") + "--help' for more information.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("jnbox: internal error: " + ex);
            return ExitCodes.INTERNAL_ERROR;
        });
        return cl;
    }

    /** Gives the run command the caller's streams; other commands get the default construction. */
    private record Factory(InputStream in, PrintStream out, PrintStream err) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == RunCommand.class) return cls.cast(new RunCommand(in, out, err));
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
