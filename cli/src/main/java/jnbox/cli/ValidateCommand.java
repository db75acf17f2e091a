package jnbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import jnbox.elf.validate.HexBytes;
import jnbox.elf.validate.Mode;
import jnbox.elf.validate.NexeText;
import jnbox.elf.validate.Problem;
import jnbox.elf.validate.ValidationResult;
import jnbox.elf.validate.Validator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jnbox validate}: runs the NaCl x86-64 validator like ncval and prints one
 * {@code OFFSET: message} line per problem (the message texts of NaCl's validator tests), then
 * {@code return code: 0|1}. Exit status 0 when valid, 1 when not, 2 when the input cannot be read.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate x86-64 code with NaCl's rules (ncval mode: all CPU features).",
            "Prints 'OFFSET: message' per problem, then 'return code: 0|1'."})
public final class ValidateCommand implements Callable<Integer> {
    static final class Input {
        @Option(names = "--hex", paramLabel = "BYTES",
                description = "Code as hex bytes ('#' comments and '\\\\' continuations allowed); "
                        + "padded with 90 to a multiple of 32 bytes.")
        String hex;

        @Option(names = "--raw", paramLabel = "FILE",
                description = "A file of raw code bytes, padded with 90 to a multiple of 32 bytes.")
        Path raw;

        @Parameters(paramLabel = "NEXE", arity = "1..*",
                description = "ELF files: their text segment is validated at its address, padded "
                        + "with hlt to a multiple of 32 bytes as sel_ldr does.")
        List<Path> nexes;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--loader", description = "Loader mode: jnbox's CPU features, with sel_ldr's "
            + "hlt stub-out and non-temporal rewrites.")
    boolean loader;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Validator validator = new Validator();
        Mode mode = loader ? Mode.LOADER : Mode.NCVAL;
        boolean valid = true;
        try {
            if (input.hex != null || input.raw != null) {
                byte[] code = input.hex != null ? HexBytes.parse(input.hex).bytes()
                        : Files.readAllBytes(input.raw);
                byte[] padded = pad(code, (byte) 0x90);
                valid = print(out, "", validator.validate(padded, 0, padded.length, 0, mode));
            } else {
                List<Path> files = input.nexes;
                for (Path f : files) {
                    NexeText text = NexeText.of(Files.readAllBytes(f));
                    byte[] code = text.paddedWithHlt();
                    String prefix = files.size() > 1 ? f + ": " : "";
                    valid &= print(out, prefix, validator.validate(code, 0, code.length, text.vaddr(), mode));
                }
            }
        } catch (IOException e) {
            err.println("jnbox validate: cannot read " + e.getMessage());
            err.flush();
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("jnbox validate: " + e.getMessage());
            err.flush();
            return 2;
        }
        out.println("return code: " + (valid ? 0 : 1));
        out.flush();
        return valid ? 0 : 1;
    }

    private static boolean print(PrintWriter out, String prefix, ValidationResult r) {
        List<Problem> problems = new ArrayList<>(r.errors());
        for (Problem p : problems) {
            out.println(prefix + p);
        }
        return r.valid();
    }

    private static byte[] pad(byte[] code, byte fill) {
        int n = (code.length + Validator.BUNDLE_SIZE - 1) / Validator.BUNDLE_SIZE * Validator.BUNDLE_SIZE;
        byte[] out = Arrays.copyOf(code, n);
        Arrays.fill(out, code.length, n, fill);
        return out;
    }
}
