package jnbox.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jnbox.elf.image.ImageSource;
import jnbox.elf.load.NexeInspector;
import jnbox.elf.load.NexeLoader;
import jnbox.elf.load.TextValidator;
import jnbox.elf.load.ValidationMode;
import jnbox.elf.validate.Validator;
import jnbox.syscalls.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jnbox inspect <nexe>}: ELF header, segments, layout, memory map and the loader's verdict. */
@Command(name = "inspect", description = "Print a nexe's ELF header, segments, entry, memory layout and whether it loads and validates.",
        footer = {"", "Exit status: 0 loadable and valid; 1 refused (the reason is printed); 255 bad option."})
final class InspectCommand implements Callable<Integer> {
    @picocli.CommandLine.Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "NEXE")
    Path nexe;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ImageSource src = ImageSource.open(nexe)) {
            String text = NexeInspector.describe(src, new NexeLoader(TextValidator.nacl(new Validator()), ValidationMode.ENFORCE));
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return text.contains("Verdict: loadable") ? 0 : ExitCodes.LOAD_ERROR;
        } catch (IOException e) {
            spec.commandLine().getErr().println("jnbox: cannot open " + nexe + ": " + e.getMessage());
            return ExitCodes.LOAD_ERROR;
        }
    }
}
