package jnbox.cc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jnbox.elf.validate.Mode;
import jnbox.elf.validate.NexeText;
import jnbox.elf.validate.ValidationResult;
import jnbox.elf.validate.Validator;

/**
 * The C-to-nexe pipeline (spec toolchain.md §3): {@code gcc -mx32 -S}, {@link Rewriter}, llvm-mc
 * (x32 triple), ld with the NaCl linker script, header patch, then jnbox's own validator.
 */
public final class Driver {
    /** gcc flags of spec §3 and §6 that every compile gets. */
    static final List<String> BASE_FLAGS = List.of("-mx32", "-S", "-ffreestanding", "-fno-builtin", "-fno-pic",
            "-fno-stack-protector", "-fno-asynchronous-unwind-tables", "-fno-unwind-tables",
            "-fcf-protection=none", "-fno-omit-frame-pointer", "-ffixed-r15", "-ffixed-r11",
            "-fno-tree-loop-distribute-patterns", "-fno-bit-tests", "-mlong-double-64",
            "-nostdinc");

    private final Sysroot sysroot;
    private final Path work;
    private final java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();

    public Driver(Sysroot sysroot, Path work) {
        this.sysroot = sysroot;
        this.work = work;
    }

    /** Runs a whole build with a temporary work folder. */
    public static void build(Sysroot sysroot, CcOptions o) throws Tools.ToolException {
        Path work;
        try {
            work = Files.createTempDirectory("jnbox-cc");
        } catch (IOException e) {
            throw new Tools.ToolException("jnbox cc: cannot create a temporary folder: " + e.getMessage());
        }
        try {
            new Driver(sysroot, work).run(o);
        } finally {
            deleteTree(work);
        }
    }

    void run(CcOptions o) throws Tools.ToolException {
        sysroot.ensureRuntime(this);
        List<Path> objects = new ArrayList<>();
        for (Path in : o.inputs()) {
            String name = in.getFileName().toString();
            String stem = name.replaceFirst("\\.[^.]*$", "");
            if (name.endsWith(".c") || name.endsWith(".s") || name.endsWith(".S")) {
                Path obj = o.compileOnly() && o.output() != null && o.inputs().size() == 1 ? o.output()
                        : o.compileOnly() ? Path.of(stem + ".o") : work.resolve(counter.getAndIncrement() + "-" + stem + ".o");
                if (name.endsWith(".c")) {
                    compileC(in, obj, o.cflags());
                } else {
                    assemble(in, obj, true);
                }
                objects.add(obj);
            } else {
                objects.add(in);
            }
        }
        if (!o.compileOnly()) {
            link(objects, o);
        }
    }

    /** gcc -S, rewrite, assemble. */
    void compileC(Path c, Path obj, List<String> cflags) throws Tools.ToolException {
        Path s = work.resolve(counter.getAndIncrement() + "-gcc.s");
        List<String> cmd = new ArrayList<>(List.of(Tools.gcc()));
        cmd.addAll(BASE_FLAGS);
        cmd.addAll(List.of("-isystem", gccInclude(), "-isystem", sysroot.include().toString()));
        cmd.addAll(cflags);
        cmd.addAll(List.of(c.toString(), "-o", s.toString()));
        try {
            Tools.run(cmd, null);
        } catch (Tools.ToolException e) {
            if (!sysroot.hasLibc() && e.getMessage().contains("No such file or directory")) {
                throw new Tools.ToolException(e.getMessage() + "\njnbox cc: the sysroot in " + sysroot.dir()
                        + " has no libc yet: run `jnbox cc --build-sysroot` (needs Debian's newlib-source)");
            }
            throw e;
        }
        assemble(s, obj, true, c.getFileName().toString().replaceFirst("\\.c$", ".s"));
    }

    void assemble(Path s, Path obj, boolean rewrite) throws Tools.ToolException {
        assemble(s, obj, rewrite, s.getFileName().toString());
    }

    private void assemble(Path s, Path obj, boolean rewrite, String shownName) throws Tools.ToolException {
        Path in = s;
        try {
            if (rewrite) {
                String out = Rewriter.rewrite(shownName, Files.readString(s));
                in = work.resolve(counter.getAndIncrement() + "-nacl.s");
                Files.writeString(in, out);
            }
        } catch (RewriteException e) {
            throw new Tools.ToolException("jnbox cc: " + e.getMessage());
        } catch (IOException e) {
            throw new Tools.ToolException("jnbox cc: cannot read " + s + ": " + e.getMessage());
        }
        Tools.run(List.of(Tools.llvmMc(), "-triple=x86_64-pc-linux-gnux32", "-filetype=obj", in.toString(), "-o",
                obj.toString()), null);
    }

    private static String gccInclude;

    private static synchronized String gccInclude() throws Tools.ToolException {
        if (gccInclude == null) {
            gccInclude = Tools.run(List.of(Tools.gcc(), "-print-file-name=include"), null).strip();
        }
        return gccInclude;
    }

    private void link(List<Path> objects, CcOptions o) throws Tools.ToolException {
        Path nexe = work.resolve("out.nexe");
        List<String> cmd = new ArrayList<>(List.of(Tools.ld(), "-m", "elf32_x86_64", "-static", "-nostdlib",
                "-z", "max-page-size=0x10000", "-z", "noexecstack", "--build-id=none", "-T",
                sysroot.linkerScript().toString()));
        cmd.add(sysroot.lib().resolve("crt0.o").toString());
        cmd.add(sysroot.lib().resolve("start.o").toString());
        for (Path p : objects) {
            cmd.add(p.toString());
        }
        for (String d : o.libDirs()) {
            cmd.add("-L" + d);
        }
        cmd.add("-L" + sysroot.lib());
        cmd.add("--start-group");
        for (String l : o.libs()) {
            cmd.add("-l" + l);
        }
        if (sysroot.hasLibc()) {
            cmd.addAll(List.of("-lc", "-lm", "-lnacl"));
        }
        cmd.add("--end-group");
        cmd.addAll(List.of("-o", nexe.toString()));
        Tools.run(cmd, null);
        try {
            byte[] bytes = Files.readAllBytes(nexe);
            // Header patch (spec §1): EI_OSABI 123 (NaCl), EI_ABIVERSION 7, as Google's toolchains wrote.
            bytes[7] = 123;
            bytes[8] = 7;
            validate(bytes, o.output().toString());
            Files.write(o.output(), bytes);
        } catch (IOException e) {
            throw new Tools.ToolException("jnbox cc: cannot write " + o.output() + ": " + e.getMessage());
        }
    }

    /** Checks the text with jnbox's validator (ncval mode); a rewriter bug stops the build here. */
    static void validate(byte[] nexe, String name) throws Tools.ToolException {
        NexeText text;
        try {
            text = NexeText.of(nexe);
        } catch (IllegalArgumentException e) {
            throw new Tools.ToolException("jnbox cc: " + name + ": " + e.getMessage());
        }
        ValidationResult r = new Validator().validate(text.code(), 0, text.code().length, text.vaddr(), Mode.NCVAL);
        if (!r.valid()) {
            StringBuilder sb = new StringBuilder("jnbox cc: " + name + " does not validate (a rewriter bug):");
            r.errors().stream().limit(10).forEach(p -> sb.append("\n  ").append(p));
            throw new Tools.ToolException(sb.toString());
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort for a temporary folder
        }
    }
}
