package jnbox.cc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code jnbox cc}: compiles C to a validated nexe (spec toolchain.md §3). Takes gcc-like options,
 * parsed here rather than by picocli so that {@code -O2}, {@code -Idir}, {@code -lm} read as gcc's.
 * Exit status 0 on success, 1 when a tool or the validator refuses the input, 2 on a usage error.
 */
@Command(name = "cc", description = {"Compile C to a NaCl x86-64 nexe: gcc -mx32 -S, the sandboxing rewriter, "
        + "llvm-mc (LLVM 14), ld, then jnbox's validator.",
    "Options: -o FILE, -c, -O0..-O3/-Os, -I DIR, -D NAME[=V], -U NAME, -L DIR, -l LIB, -std=..., -f..., -W..., "
        + "-g; inputs .c, .s, .o, .a."},
        footer = {"", "Exit status: 0 built, 1 build failed, 2 usage error."})
public final class CcCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--build-sysroot", description = "Build newlib 3.3.0 and the syscall layer into the sysroot cache.")
    boolean buildSysroot;

    @Option(names = "--print-sysroot", description = "Print the sysroot folder and exit.")
    boolean printSysroot;

    @Unmatched
    List<String> args = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** Standalone entry (the cc module without the jnbox launcher). */
    public static void main(String[] argv) {
        System.exit(new picocli.CommandLine(new CcCommand()).execute(argv));
    }

    @Override
    public Integer call() {
        Sysroot sysroot = Sysroot.defaultLocation();
        if (printSysroot) {
            spec.commandLine().getOut().println(sysroot.dir());
            return 0;
        }
        try {
            if (buildSysroot) {
                NewlibBuild.build(sysroot, msg -> spec.commandLine().getErr().println(msg));
                if (args.isEmpty()) {
                    return 0;
                }
            }
            CcOptions o = parse(args);
            Driver.build(sysroot, o);
            return 0;
        } catch (UsageException e) {
            spec.commandLine().getErr().println("jnbox cc: " + e.getMessage());
            return 2;
        } catch (Tools.ToolException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }

    static final class UsageException extends Exception {
        UsageException(String m) {
            super(m);
        }
    }

    /** Parses gcc-style arguments. */
    static CcOptions parse(List<String> args) throws UsageException {
        List<Path> inputs = new ArrayList<>();
        List<String> cflags = new ArrayList<>();
        List<String> libDirs = new ArrayList<>();
        List<String> libs = new ArrayList<>();
        Path output = null;
        boolean compileOnly = false;
        String opt = "-O0";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-o") || a.equals("-I") || a.equals("-D") || a.equals("-U") || a.equals("-L")
                    || a.equals("-l") || a.equals("-include")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("missing argument after " + a);
                }
                String v = args.get(++i);
                switch (a) {
                    case "-o" -> output = Path.of(v);
                    case "-L" -> libDirs.add(v);
                    case "-l" -> libs.add(v);
                    default -> {
                        cflags.add(a);
                        cflags.add(v);
                    }
                }
            } else if (a.matches("-O[0-3sg]?")) {
                opt = a.equals("-O") ? "-O1" : a;
            } else if (a.equals("-c")) {
                compileOnly = true;
            } else if (a.startsWith("-I") || a.startsWith("-D") || a.startsWith("-U") || a.startsWith("-std=")
                    || a.startsWith("-W") && !a.startsWith("-Wl,") || a.equals("-g") || a.equals("-w")
                    || a.startsWith("-fno-") || a.startsWith("-f") && !a.equals("-fpic") && !a.equals("-fPIC")) {
                cflags.add(a);
            } else if (a.startsWith("-L")) {
                libDirs.add(a.substring(2));
            } else if (a.startsWith("-l")) {
                libs.add(a.substring(2));
            } else if (a.startsWith("-")) {
                throw new UsageException("unsupported option " + a);
            } else {
                inputs.add(Path.of(a));
            }
        }
        if (inputs.isEmpty()) {
            throw new UsageException("no input files");
        }
        if (output == null) {
            output = compileOnly ? null : Path.of("a.nexe");
        }
        if (compileOnly && output != null && inputs.size() > 1) {
            throw new UsageException("-o with -c and several inputs");
        }
        cflags.add(0, opt);
        // libm and libc are always linked when the sysroot has them
        libs.removeIf(l -> l.equals("m") || l.equals("c"));
        return new CcOptions(inputs, output, compileOnly, cflags, libDirs, libs);
    }
}
