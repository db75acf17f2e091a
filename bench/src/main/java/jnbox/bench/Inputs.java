package jnbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jnbox.cli.BenchCode;

/** Where the benchmarks find their inputs: the repository (property jnbox.root, else the working folder or a parent). */
final class Inputs {
    private Inputs() {}

    static Path root() {
        String p = System.getProperty("jnbox.root");
        if (p != null) return Path.of(p);
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("testdata/nexe"))) return d;
        }
        throw new IllegalStateException("testdata/nexe not found: run from the repository root or set -Djnbox.root=DIR");
    }

    static Path nexe(String name) {
        Path p = root().resolve("testdata/nexe").resolve(name + ".nexe");
        if (!Files.isRegularFile(p)) throw new IllegalStateException("no " + p);
        return p;
    }

    /** Code for the decoder and validator: the corpus IRT's text when ../shared is there, repeated to {@code target} bytes. */
    static BenchCode code(int target) {
        Path root = root();
        String shared = System.getProperty("jnbox.shared");
        try {
            return BenchCode.load(null, shared != null ? Path.of(shared) : root.resolve("../shared"), root.resolve("testdata/nexe"), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
