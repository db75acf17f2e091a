package jnbox.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jnbox.vfs.fs.FileSystem;
import jnbox.vfs.mount.Mount;
import jnbox.vfs.mount.MountTable;
import jnbox.vfs.mount.Resolved;
import jnbox.vfs.mount.Resolver;
import jnbox.vfs.path.PathNames;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of spec/nacl-abi.md §7.6 (NaCl's filename_util_test.cc), read from
 * {@code nacl-path-cases.tsv}, run on jnbox's path functions, mount table and resolver with
 * the same mock file system the NaCl test uses.
 */
class PathTranslationCasesTest {
    /** NaCl's MockFS: paths with N are missing, with X unreadable, listed ones are links. */
    static final class MockFs implements FileSystem {
        final String host;
        final Map<String, String> links;

        MockFs(String host, Map<String, String> links) {
            this.host = host;
            this.links = links;
        }

        @Override
        public String probe(List<String> rel) {
            String p = rel.isEmpty() ? host : PathNames.joinComponents(host, String.join("/", rel));
            if (p.contains("N")) throw new VfsException(Errno.ENOENT);
            if (p.contains("X")) throw new VfsException(Errno.EACCES);
            return links.get(p);
        }

        @Override public String label() { return host; }
        @Override public Stat stat(List<String> rel) { throw new UnsupportedOperationException(); }
        @Override public VFile open(List<String> rel, int flags, int mode) { throw new UnsupportedOperationException(); }
        @Override public void mkdir(List<String> rel, int mode) { throw new UnsupportedOperationException(); }
        @Override public void rmdir(List<String> rel) { throw new UnsupportedOperationException(); }
        @Override public void unlink(List<String> rel) { throw new UnsupportedOperationException(); }
        @Override public void rename(List<String> from, List<String> to) { throw new UnsupportedOperationException(); }
        @Override public void link(List<String> from, List<String> to) { throw new UnsupportedOperationException(); }
        @Override public String readlink(List<String> rel) { throw new UnsupportedOperationException(); }
        @Override public void truncate(List<String> rel, long length) { throw new UnsupportedOperationException(); }
        @Override public void utimes(List<String> rel, Instant a, Instant m) { throw new UnsupportedOperationException(); }
        @Override public void access(List<String> rel, int amode) { throw new UnsupportedOperationException(); }
    }

    /** The state a section builds up. */
    static final class State {
        MountTable mounts = new MountTable();
        Map<String, String> links = new HashMap<>();
        String cwd = "/";
        String hostCwd;

        /** A copy with its own mock file systems, so later directives do not reach earlier cases. */
        State snapshot() {
            State c = new State();
            c.links.putAll(links);
            for (Mount m : mounts.mounts()) c.mounts.add(new Mount(m.virt(), m.host(), m.writable(), new MockFs(m.host(), c.links)));
            c.cwd = cwd;
            c.hostCwd = hostCwd;
            return c;
        }

        String virtualCwd() {
            if (hostCwd == null) return cwd;
            MountTable.Translation t = mounts.fromHost(hostCwd);
            if (t == null) throw new VfsException(Errno.EACCES);
            return t.path();
        }
    }

    @TestFactory
    List<DynamicTest> naclPathCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        State[] st = {new State()};
        String section = "";
        int lineNo = 0;
        try (InputStream in = getClass().getResourceAsStream("/nacl-path-cases.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) continue;
                if (line.startsWith("[")) {
                    section = line.substring(1, line.length() - 1);
                    st[0] = new State();
                    continue;
                }
                String[] f = line.split("\t", -1);
                for (int i = 0; i < f.length; i++) if (f[i].equals("\"\"")) f[i] = "";
                State s = st[0];
                String name = section + ":" + lineNo + " " + String.join(" ", f);
                switch (f[0]) {
                    case "mount" -> {
                        String virt = PathNames.absPath(PathNames.replaceSlashes(f[2]), "/");
                        s.mounts.add(new Mount(virt, PathNames.replaceSlashes(f[1]), f[3].equals("rw"),
                                new MockFs(PathNames.replaceSlashes(f[1]), s.links)));
                    }
                    case "link" -> s.links.put(f[1], f[2]);
                    case "cwd" -> { s.cwd = f[1]; s.hostCwd = null; }
                    case "hostcwd" -> s.hostCwd = f[1];
                    default -> {
                        State frozen = s.snapshot(); // what the case sees now
                        tests.add(dynamicTest(name, () -> runCase(f, frozen)));
                    }
                }
            }
        }
        return tests;
    }

    private static void runCase(String[] f, State s) {
        Resolver resolver = new Resolver(s.mounts);
        switch (f[0]) {
            case "startswith" -> assertThat(PathNames.startsWithPath(f[1], f[2])).isEqualTo(f[3].equals("T"));
            case "replace" -> {
                String r = PathNames.replacePathPrefix(f[1], f[2], f[3]);
                assertThat(r != null).isEqualTo(Boolean.parseBoolean(f[4]));
                assertThat(r == null ? f[1] : r).isEqualTo(f[5]);
            }
            case "join" -> assertThat(PathNames.joinComponents(f[1], f[2])).isEqualTo(f[3]);
            case "append" -> assertThat(PathNames.appendComponent(f[1], f[2])).isEqualTo(f[3]);
            case "first" -> assertThat(PathNames.removeFirstComponent(f[1])).isEqualTo(new PathNames.Split(f[2], f[3]));
            case "last" -> assertThat(PathNames.removeLastComponent(f[1])).isEqualTo(new PathNames.Split(f[2], f[3]));
            case "abspath" -> assertThat(PathNames.absPath(f[1], s.virtualCwd())).isEqualTo(f[2]);
            case "realpath" -> expect(f[3], () -> resolver.realPath(f[1], s.virtualCwd(), Integer.parseInt(f[2])));
            case "tohost", "fromhost" -> {
                MountTable.Translation t = f[0].equals("tohost") ? s.mounts.toHost(f[1]) : s.mounts.fromHost(f[1]);
                assertThat(t != null).as("matched").isEqualTo(f[2].equals("yes"));
                assertThat(t == null ? "" : t.path()).isEqualTo(f[3]);
                assertThat(t != null && t.writable()).as("writable").isEqualTo(Boolean.parseBoolean(f[4]));
            }
            case "getcwd" -> {
                if (!f[1].equals("(hostcwd)")) s.hostCwd = f[1];
                expect(f[2], s::virtualCwd);
            }
            case "resolve" -> expect(f[4], () -> {
                Resolved r = resolver.resolve(f[1], s.virtualCwd(), Boolean.parseBoolean(f[2]), Integer.parseInt(f[3]));
                return r.hostLabel();
            });
            default -> throw new AssertionError("unknown case kind " + f[0]);
        }
    }

    /**
     * The data file is a transcription: when ../shared is present, every input and expected path
     * of it must appear (in backticks, or as "") in spec §7.6, and the counts must agree.
     */
    @org.junit.jupiter.api.Test
    void dataFileMatchesTheSpec() throws IOException {
        java.nio.file.Path spec = java.nio.file.Path.of(System.getProperty("jnbox.shared", "../shared"), "spec", "nacl-abi.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(spec), "spec not found at " + spec + "; skipped");
        String md = java.nio.file.Files.readString(spec);
        String section = md.substring(md.indexOf("### 7.6"));
        int cases = 0;
        try (InputStream in = getClass().getResourceAsStream("/nacl-path-cases.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("[")) continue;
                String[] f = line.split("\t", -1);
                if (!List.of("mount", "link", "cwd", "hostcwd").contains(f[0])) cases++;
                for (int i = 1; i < f.length; i++) {
                    String v = f[i];
                    if (v.equals("\"\"") || v.startsWith("-") || v.matches("T|F|true|false|yes|no|ro|rw|\\d+|\\(hostcwd\\)")) continue;
                    assertThat(section).as(line).contains("`" + v + "`");
                }
            }
        }
        assertThat(cases).isEqualTo(297);
    }

    /** Expected is a path, or "-ENAME"/"-123" for an error. */
    private static void expect(String expected, Supplier<String> call) {
        if (expected.startsWith("-")) {
            int errno = switch (expected) {
                case "-ENOENT" -> Errno.ENOENT;
                case "-EACCES" -> Errno.EACCES;
                case "-ELOOP" -> Errno.ELOOP;
                default -> -Integer.parseInt(expected);
            };
            try {
                String got = call.get();
                throw new AssertionError("expected errno " + errno + " but got " + got);
            } catch (VfsException e) {
                assertThat(e.errno()).isEqualTo(errno);
            }
        } else {
            assertThat(call.get()).isEqualTo(expected);
        }
    }
}
