package jnbox.cc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sysroot of C nexes, built on demand into a cache folder (never committed):
 * {@code include/} (nacl_syscall.h, later newlib's headers), {@code lib/} (crt0.o, start.o, nacl.lds,
 * later libc.a/libm.a). Location: {@code $JNBOX_SYSROOT}, else {@code ${XDG_CACHE_HOME:-~/.cache}/jnbox/sysroot}.
 */
public final class Sysroot {
    private static final List<String> RESOURCES = List.of("nacl.lds", "crt0.s", "start.c", "nacl_syscall.h");
    private final Path dir;

    public Sysroot(Path dir) {
        this.dir = dir;
    }

    public static Sysroot defaultLocation() {
        String env = System.getenv("JNBOX_SYSROOT");
        if (env != null && !env.isBlank()) {
            return new Sysroot(Path.of(env));
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache");
        return new Sysroot(base.resolve("jnbox").resolve("sysroot"));
    }

    public Path dir() { return dir; }
    public Path include() { return dir.resolve("include"); }
    public Path lib() { return dir.resolve("lib"); }
    Path linkerScript() { return lib().resolve("nacl.lds"); }

    /** Whether newlib's libc.a is present. */
    public boolean hasLibc() {
        return Files.isRegularFile(lib().resolve("libc.a"));
    }

    /** Writes the bundled sources and builds crt0.o and start.o when missing or out of date. */
    void ensureRuntime(Driver driver) throws Tools.ToolException {
        try {
            Files.createDirectories(include());
            Files.createDirectories(lib());
            Path src = dir.resolve("src");
            Files.createDirectories(src);
            boolean changed = false;
            for (String r : RESOURCES) {
                byte[] data = resource(r);
                Path target = r.endsWith(".h") ? include().resolve(r) : r.endsWith(".lds") ? lib().resolve(r)
                        : src.resolve(r);
                if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), data)) {
                    Files.write(target, data);
                    changed = true;
                }
            }
            Path crt0 = lib().resolve("crt0.o");
            Path start = lib().resolve("start.o");
            if (changed || !Files.exists(crt0)) {
                driver.assemble(src.resolve("crt0.s"), crt0, false);
            }
            if (changed || !Files.exists(start)) {
                driver.compileC(src.resolve("start.c"), start, List.of("-O2"));
            }
        } catch (IOException e) {
            throw new Tools.ToolException("jnbox cc: cannot write the sysroot in " + dir + ": " + e.getMessage());
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = Sysroot.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
