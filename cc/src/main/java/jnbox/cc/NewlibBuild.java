package jnbox.cc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds newlib 3.3.0 from Debian's newlib-source package through the pipeline into the sysroot
 * (spec toolchain.md §4, §6): headers with NaCl's errno numbers and the POSIX clock declarations,
 * libc.a, libm.a, and libnacl.a (syscall layer, setjmp/longjmp, the libgcc helpers).
 */
final class NewlibBuild {
    static final Path TARBALL = Path.of("/usr/src/newlib/newlib-3.3.0.tar.xz");
    private static final List<String> LIBC_DIRS = List.of("argz", "ctype", "errno", "locale", "misc", "reent",
            "search", "signal", "stdio", "stdlib", "string", "time");
    private static final List<String> LIBM_DIRS = List.of("common", "math", "complex");
    /** Files newlib's Makefiles compile several times with defines (stdio/stdlib Makefile.am). */
    private static final Map<String, List<String>> VARIANTS = Map.of(
            "vfprintf.c", List.of("", "-DINTEGER_ONLY", "-DSTRING_ONLY", "-DINTEGER_ONLY -DSTRING_ONLY"),
            "vfwprintf.c", List.of("", "-DINTEGER_ONLY", "-DSTRING_ONLY", "-DINTEGER_ONLY -DSTRING_ONLY"),
            "vfscanf.c", List.of("", "-DINTEGER_ONLY", "-DSTRING_ONLY", "-DINTEGER_ONLY -DSTRING_ONLY"),
            "vfwscanf.c", List.of("", "-DINTEGER_ONLY", "-DSTRING_ONLY", "-DINTEGER_ONLY -DSTRING_ONLY"),
            "mallocr.c", Stream.of("MALLOC", "FREE", "REALLOC", "CALLOC", "CFREE", "MEMALIGN", "VALLOC", "PVALLOC",
                    "MALLINFO", "MALLOC_STATS", "MALLOC_USABLE_SIZE", "MALLOPT")
                    .map(d -> "-DINTERNAL_NEWLIB -DDEFINE_" + d).toList());
    private static final Pattern ERRNO_DEF = Pattern.compile("(?m)^#define\\s+(E[A-Z0-9]+)\\s+(\\d+)");

    private NewlibBuild() {}

    static boolean sourceAvailable() {
        return Files.isRegularFile(TARBALL);
    }

    static void build(Sysroot sysroot, Consumer<String> log) throws Tools.ToolException {
        if (!sourceAvailable()) {
            throw new Tools.ToolException("jnbox cc: " + TARBALL + " not found: install Debian's newlib-source "
                    + "package (apt-get install newlib-source)");
        }
        long t0 = System.nanoTime();
        Path build = sysroot.dir().resolve("build");
        Path work = build.resolve("work");
        try {
            Driver.deleteTree(build);
            Files.createDirectories(work);
            Files.createDirectories(sysroot.lib());
            Tools.run(List.of("tar", "xf", TARBALL.toString(), "-C", build.toString()), null);
            Path top;
            try (Stream<Path> s = Files.list(build)) {
                top = s.filter(p -> Files.isDirectory(p.resolve("newlib"))).findFirst()
                        .orElseThrow(() -> new Tools.ToolException("jnbox cc: no newlib folder in " + TARBALL));
            }
            Path newlib = top.resolve("newlib");
            installHeaders(newlib.resolve("libc/include"), sysroot.include());
            Driver driver = new Driver(sysroot, work);
            sysroot.ensureRuntime(driver);
            List<String> common = List.of("-O2", "-D_COMPILING_NEWLIB", "-DHAVE_INITFINI_ARRAY",
                    "-ffile-prefix-map=" + top + "=.", "-w");
            buildLib(driver, sysroot.lib().resolve("libc.a"), newlib.resolve("libc"), LIBC_DIRS, common, work, log);
            List<String> mflags = new ArrayList<>(common);
            mflags.addAll(List.of("-I", newlib.resolve("libm/common").toString()));
            buildLib(driver, sysroot.lib().resolve("libm.a"), newlib.resolve("libm"), LIBM_DIRS, mflags, work, log);
            buildNacl(driver, sysroot, work);
            Driver.deleteTree(build);
        } catch (IOException e) {
            throw new Tools.ToolException("jnbox cc: sysroot build failed: " + e.getMessage());
        }
        log.accept(String.format("jnbox cc: sysroot built in %s (%.1f s)", sysroot.dir(),
                (System.nanoTime() - t0) / 1e9));
    }

    private static void installHeaders(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (p.toString().endsWith(".h")) {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(to.resolve("_newlib_version.h"), """
                /* jnbox sysroot: newlib 3.3.0 */
                #ifndef _NEWLIB_VERSION_H__
                #define _NEWLIB_VERSION_H__ 1
                #define _NEWLIB_VERSION "3.3.0"
                #define __NEWLIB__ 3
                #define __NEWLIB_MINOR__ 3
                #define __NEWLIB_PATCHLEVEL__ 0
                #endif
                """);
        Files.writeString(to.resolve("newlib.h"), """
                /* jnbox sysroot configuration of newlib 3.3.0 (what configure would write) */
                #ifndef __NEWLIB_H__
                #define __NEWLIB_H__ 1
                #include <_newlib_version.h>
                #define _WANT_IO_C99_FORMATS 1
                #define _WANT_IO_LONG_LONG 1
                #define _WANT_IO_POS_ARGS 1
                #define _WANT_REGISTER_FINI 1
                #define _MB_LEN_MAX 8
                #define _MB_CAPABLE 1
                #define _ATEXIT_DYNAMIC_ALLOC 1
                #define _HAVE_LONG_DOUBLE 1
                #define _HAVE_CC_INHIBIT_LOOP_TO_LIBCALL 1
                #define _LDBL_EQ_DBL 1
                #define _FVWRITE_IN_STREAMIO 1
                #define _FSEEK_OPTIMIZATION 1
                #define _WIDE_ORIENT 1
                #define _UNBUF_STREAM_OPT 1
                #define _HAVE_INITFINI_ARRAY 1
                #endif
                """);
        // errno: NaCl's numbers are Linux's (spec §6), so -errno syscall results need no translation.
        Path errnoH = to.resolve("sys/errno.h");
        String eh = Files.readString(errnoH);
        Map<String, Integer> linux = linuxErrno();
        Matcher m = ERRNO_DEF.matcher(eh);
        StringBuilder sb = new StringBuilder();
        int spare = 200;
        while (m.find()) {
            Integer n = linux.get(m.group(1));
            m.appendReplacement(sb, "#define " + m.group(1) + " " + (n != null ? n : spare++));
        }
        m.appendTail(sb);
        Files.writeString(errnoH, sb.toString());
        // clock_gettime and friends are declared only with the POSIX timer options (spec §6).
        Path timeH = to.resolve("time.h");
        Files.writeString(timeH, "#ifndef _POSIX_TIMERS\n#define _POSIX_TIMERS 1\n#endif\n"
                + "#ifndef _POSIX_MONOTONIC_CLOCK\n#define _POSIX_MONOTONIC_CLOCK 200112L\n#endif\n"
                + Files.readString(timeH));
    }

    /** Linux errno values, read from the host's kernel headers (the numbering NaCl uses). */
    private static Map<String, Integer> linuxErrno() throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        for (String f : List.of("/usr/include/asm-generic/errno-base.h", "/usr/include/asm-generic/errno.h")) {
            Path p = Path.of(f);
            if (Files.isRegularFile(p)) {
                Matcher m = ERRNO_DEF.matcher(Files.readString(p));
                while (m.find()) {
                    out.put(m.group(1), Integer.parseInt(m.group(2)));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException("Linux errno headers (/usr/include/asm-generic/errno*.h) not found");
        }
        out.putIfAbsent("ENOTSUP", out.get("EOPNOTSUPP"));
        out.putIfAbsent("EWOULDBLOCK", out.get("EAGAIN"));
        return out;
    }

    private record Job(Path src, List<String> flags, Path obj) {}

    private static void buildLib(Driver driver, Path lib, Path root, List<String> dirs, List<String> flags, Path work,
            Consumer<String> log) throws IOException, Tools.ToolException {
        List<Job> jobs = new ArrayList<>();
        for (String d : dirs) {
            Path dir = root.resolve(d);
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.toString().endsWith(".c") && !p.getFileName().toString().startsWith("nano-"))
                        .sorted().toList();
            }
            for (Path f : files) {
                String name = f.getFileName().toString();
                List<String> variants = VARIANTS.getOrDefault(name, List.of(""));
                for (int v = 0; v < variants.size(); v++) {
                    List<String> fl = new ArrayList<>(flags);
                    fl.addAll(List.of("-I", dir.toString()));
                    if (!variants.get(v).isEmpty()) {
                        fl.addAll(List.of(variants.get(v).split(" ")));
                    }
                    String obj = root.getFileName() + "-" + d + "-" + name.replace(".c", "") + (v == 0 ? "" : "-" + v) + ".o";
                    jobs.add(new Job(f, fl, work.resolve(obj)));
                }
            }
        }
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Path> objects = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()))) {
            List<Future<?>> fs = new ArrayList<>();
            for (Job j : jobs) {
                fs.add(pool.submit(() -> {
                    try {
                        driver.compileC(j.src(), j.obj(), j.flags());
                        objects.add(j.obj());
                    } catch (RuntimeException e) {
                        failures.add(root.relativize(j.src()) + ": internal error " + e + " at "
                                + java.util.Arrays.toString(java.util.Arrays.copyOf(e.getStackTrace(), 3)));
                    } catch (Tools.ToolException e) {
                        failures.add(root.relativize(j.src()) + ": " + e.getMessage().lines().findFirst().orElse(""));
                    }
                }));
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        }
        for (String f : failures) {
            log.accept("jnbox cc: skipped " + f);
        }
        log.accept("jnbox cc: " + lib.getFileName() + ": " + objects.size() + " objects, " + failures.size()
                + " failed");
        List<String> ar = new ArrayList<>(List.of(Tools.ar(), "rcsD", lib.toString()));
        objects.stream().map(Path::toString).sorted().forEach(ar::add);
        Files.deleteIfExists(lib);
        Tools.run(ar, null);
    }

    private static void buildNacl(Driver driver, Sysroot sysroot, Path work) throws IOException, Tools.ToolException {
        Path src = sysroot.dir().resolve("src");
        List<String> objs = new ArrayList<>();
        for (String r : List.of("syscalls.c", "libgcc.c", "setjmp.s")) {
            Path p = src.resolve(r);
            Files.write(p, Sysroot.resource(r));
            Path o = work.resolve("nacl-" + r.replaceFirst("\\.[cs]$", ".o"));
            if (r.endsWith(".s")) {
                driver.assemble(p, o, true);
            } else {
                // libgcc.c at -O0: at -O2 gcc turns its loops back into calls to the helpers themselves.
                driver.compileC(p, o, List.of(r.equals("libgcc.c") ? "-O0" : "-O2"));
            }
            objs.add(o.toString());
        }
        Path lib = sysroot.lib().resolve("libnacl.a");
        Files.deleteIfExists(lib);
        List<String> ar = new ArrayList<>(List.of(Tools.ar(), "rcsD", lib.toString()));
        ar.addAll(objs);
        Tools.run(ar, null);
    }
}
