package jnbox.cli;

import java.util.concurrent.Callable;
import jnbox.syscalls.NaclSyscalls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jnbox syscalls}: the syscall table with jnbox's support level for each row. */
@Command(name = "syscalls", description = "List the NaCl syscalls with jnbox's support level and notes.")
final class SyscallsCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(NaclSyscalls.table().describe());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
