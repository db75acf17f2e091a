package jnbox.testdata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import jnbox.cli.Main;

/** Runs jnbox in-process through its CLI entry point {@link Main#run} and captures what it prints. */
final class Jnbox {

    record Result(int exit, String stdout, String stderr) { }

    private Jnbox() { }

    static Result run(List<String> args, byte[] stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(args.toArray(String[]::new), new ByteArrayInputStream(stdin), o, e);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The repository root: system property jnbox.root (set by surefire), else the parent of this module. */
    static Path root() {
        String p = System.getProperty("jnbox.root");
        return (p != null ? Path.of(p) : Path.of("..")).toAbsolutePath().normalize();
    }

    static Path testdata() {
        return root().resolve("testdata");
    }
}
