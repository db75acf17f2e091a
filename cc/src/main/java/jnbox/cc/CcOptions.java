package jnbox.cc;

import java.nio.file.Path;
import java.util.List;

/** What one {@code jnbox cc} invocation asks for. */
public record CcOptions(List<Path> inputs, Path output, boolean compileOnly, List<String> cflags,
        List<String> libDirs, List<String> libs) {}
