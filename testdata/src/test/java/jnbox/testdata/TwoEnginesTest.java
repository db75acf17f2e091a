package jnbox.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.interp.Interpreter;
import jnbox.emu.lockstep.Result;
import jnbox.emu.lockstep.StateDiff;
import jnbox.emu.lockstep.UnicornQuirks;
import jnbox.emu.mem.SandboxMemory;
import jnbox.emu.unicorn.UnicornEngine;
import jnbox.syscalls.Redirect;
import jnbox.syscalls.Sandbox;
import jnbox.syscalls.SandboxConfig;
import jnbox.vfs.MountSpec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 5: every testdata program (the asm programs of testdata/expected, the C programs of
 * testdata/c at -O0 and -O2, Lua with each script of testdata/c/lua) runs on the interpreter and on
 * Unicorn, under {@code --deterministic}, and both runs must print the same stdout and stderr, end
 * with the same status, stop at the same points (every syscall, every budget slice, the final
 * fault) with the same whole CPU state there (GPRs, rip, the defined RFLAGS bits and DF, XMM/YMM,
 * MXCSR, x87 control/status/tag words and registers, instruction count), and leave the same guest
 * memory (every page; not for programs given a writable host folder, whose inode numbers and file
 * times differ between the two runs' fresh folders). Unicorn is an independent x86 implementation, so agreement checks both; a disagreement is
 * decided by the host CPU (the lockstep tester's referee) and is either a jnbox bug or a documented
 * Unicorn quirk ({@link UnicornQuirks}), which the comparison below names where it allows it.
 * Skipped when libunicorn is absent (CI installs it).
 */
class TwoEnginesTest {
    private static final Duration LIMIT = Duration.ofSeconds(300);
    /** A safety net only: no program here runs this long. */
    private static final long MAX_INSTRUCTIONS = 2_000_000_000L;
    /**
     * Documented Unicorn quirks ({@link UnicornQuirks}) this comparison accounts for, each by the state
     * field it allows to differ and the bits of it: MXCSR's sticky exception flags (bits 0-5) and FSW's
     * exception flags and C1 (bits 0-5, 9), which Unicorn 2.0.1 does not keep as the CPU raises them.
     */
    record Allowed(String quirk, String field, long bits) {
        boolean covers(String diff, RecordingEngine.Stop x, RecordingEngine.Stop y) {
            long a = field.equals("mxcsr") ? x.cpu().mxcsr : x.cpu().fsw, b = field.equals("mxcsr") ? y.cpu().mxcsr : y.cpu().fsw;
            return diff.startsWith(field + " ") && ((a ^ b) & ~bits) == 0;
        }
    }

    static final List<Allowed> ALLOWED = List.of(new Allowed("unicorn-mxcsr-status-flags-wrong", "mxcsr", 0x3F),
            new Allowed("unicorn-x87-status-flags-wrong", "fsw", 0x23F));

    /** One program run: jnbox-run-style options, the nexe, its arguments and stdin ({tmp}: a fresh folder per run). */
    record Program(String name, List<String> options, Path nexe, List<String> args, byte[] stdin) { }

    /** What one engine did. */
    record Run(int exit, String stdout, String stderr, List<RecordingEngine.Stop> stops, SandboxMemory memory) { }

    @TestFactory
    Stream<DynamicTest> programs() throws IOException {
        assumeTrue(UnicornEngine.isAvailable(), () -> "skipped: " + UnicornEngine.unavailableReason());
        for (Allowed a : ALLOWED) assertThat(UnicornQuirks.ALL.stream().map(UnicornQuirks.Quirk::id)).contains(a.quirk());
        List<Program> programs = new ArrayList<>();
        asmPrograms(programs);
        cPrograms(programs);
        assertThat(programs).hasSizeGreaterThanOrEqualTo(60);
        return programs.stream().map(p -> DynamicTest.dynamicTest(p.name(), () -> compare(p)));
    }

    /**
     * Unicorn stops at the instruction budget inside a translated block (a held-back block runs partly),
     * the point where it once resumed at a stale rip and crashed bench-call: --max-instructions N for
     * budgets around the slice boundaries and random ones (seed printed) must stop both engines in the
     * same state (7,450,881 stops bench-int right after shr $7, whose OF the engines set differently: both
     * right, the SDM leaves it undefined).
     */
    @TestFactory
    Stream<DynamicTest> budgetBoundaries() {
        assumeTrue(UnicornEngine.isAvailable(), () -> "skipped: " + UnicornEngine.unavailableReason());
        long seed = System.nanoTime();
        System.out.println("two engines: budget boundaries, seed " + seed);
        java.util.Random rnd = new java.util.Random(seed);
        List<DynamicTest> tests = new ArrayList<>();
        for (String prog : List.of("bench-call", "bench-int", "bench-sse", "bench-mem")) {
            List<Long> budgets = new ArrayList<>(List.of(1L, 4_194_304L, 7_450_881L, 8_388_608L, 8_388_776L));
            for (int i = 0; i < 6; i++) budgets.add(1 + (long) rnd.nextInt(9_000_000));
            for (long n : budgets) {
                Program p = new Program(prog + "@" + n, List.of(), Jnbox.testdata().resolve("nexe/" + prog + ".nexe"), List.of(), new byte[0]);
                tests.add(DynamicTest.dynamicTest(p.name(), () -> compare(p, n)));
            }
        }
        return tests.stream();
    }

    private static void asmPrograms(List<Program> out) throws IOException {
        Path dir = Jnbox.testdata().resolve("expected");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".expected")).sorted(Comparator.naturalOrder()).toList();
        }
        Path tmpMark = Path.of("{tmp}");
        for (Path f : files) {
            ExpectedFile e = ExpectedFile.read(f);
            if (e.isFixture()) {
                continue; // run by their own harnesses (escape suite, --max-instructions)
            }
            Path nexe = Jnbox.testdata().resolve("nexe").resolve(e.fields().getOrDefault("program", e.name() + ".nexe"));
            out.add(new Program(e.name(), e.options(tmpMark, Jnbox.root()), nexe, e.args(tmpMark, Jnbox.root()), e.stdin()));
        }
    }

    private static void cPrograms(List<Program> out) throws IOException {
        Path c = Jnbox.testdata().resolve("c");
        List<Path> sources;
        try (Stream<Path> s = Files.list(c.resolve("src"))) {
            sources = s.filter(p -> p.toString().endsWith(".c")).sorted(Comparator.naturalOrder()).toList();
        }
        for (Path src : sources) {
            String name = src.getFileName().toString().replace(".c", "");
            List<String> options = new ArrayList<>();
            List<String> args = new ArrayList<>();
            byte[] stdin = new byte[0];
            for (String h : Files.readAllLines(src)) {
                if (h.startsWith("// env: ")) {
                    options.add("-E");
                    options.add(h.substring(8));
                } else if (h.startsWith("// stdin: ")) {
                    stdin = Files.readAllBytes(src.resolveSibling(h.substring(10).strip()));
                } else if (h.startsWith("// run: ")) {
                    for (String w : CProgramsTest.shellWords(h.substring(8))) {
                        if (w.equals("@DIR")) {
                            options.add("-m");
                            options.add("{tmp}:/data:rw");
                            args.add("/data");
                        } else {
                            args.add(w);
                        }
                    }
                }
            }
            for (String opt : List.of("O0", "O2")) {
                out.add(new Program("c-" + name + "-" + opt, options, c.resolve("nexe").resolve(name + "-" + opt + ".nexe"), args, stdin));
            }
        }
        try (Stream<Path> s = Files.list(c.resolve("lua"))) {
            for (Path script : s.filter(p -> p.toString().endsWith(".lua")).sorted().toList()) {
                String file = script.getFileName().toString();
                // the script is copied into {tmp} before each run (see run)
                out.add(new Program("lua-" + file.replace(".lua", ""), List.of("-m", "{tmp}:/data:rw", "@copy=" + script),
                        c.resolve("nexe/lua.nexe"), List.of("/data/" + file, "/data"), new byte[0]));
            }
        }
    }

    private static void compare(Program p) throws IOException {
        compare(p, MAX_INSTRUCTIONS);
    }

    private static void compare(Program p, long maxInstructions) throws IOException {
        Run java = assertTimeoutPreemptively(LIMIT, () -> run(p, Interpreter::new, maxInstructions), () -> p.name() + " (java) did not finish in " + LIMIT);
        Run uc = assertTimeoutPreemptively(LIMIT, () -> run(p, m -> new UnicornEngine(m), maxInstructions), () -> p.name() + " (unicorn) did not finish in " + LIMIT);
        String what = p.name() + " (java stderr: " + java.stderr() + "; unicorn stderr: " + uc.stderr() + ")";
        assertThat(java.stderr()).as("java run of %s must not fail inside jnbox", p.name()).doesNotContain("internal error", "unimplemented");
        assertThat(uc.stdout()).as("stdout, " + what).isEqualTo(java.stdout());
        assertThat(uc.stderr()).as("stderr, " + what).isEqualTo(java.stderr());
        assertThat(uc.exit()).as("exit status, " + what).isEqualTo(java.exit());
        List<String> problems = new ArrayList<>();
        Map<String, Integer> quirks = new TreeMap<>();
        compareStops(java.stops(), uc.stops(), problems, quirks, java.memory());
        // A writable host folder is a fresh one per run: the inode numbers and times stat/getdents copy into guest
        // memory differ between the two runs, so the memory is compared only for programs without one.
        boolean hostFiles = p.options().stream().anyMatch(o -> o.startsWith("{tmp}") && o.endsWith(":rw"));
        if (!hostFiles) compareMemory(java.memory(), uc.memory(), problems);
        System.out.printf("two engines: %s: %d stops (%d syscalls), %d instructions, identical%s%n", p.name(), java.stops().size(),
                java.stops().stream().filter(s -> s.kind() == Exit.Kind.SYSCALL).count(),
                java.stops().isEmpty() ? 0 : java.stops().getLast().cpu().icount,
                (quirks.isEmpty() ? "" : " but for documented differences (stops): " + quirks)
                        + (hostFiles ? " (memory not compared: fresh host folder per run)" : ""));
        assertThat(problems).as("state at the stops of %s", p.name()).isEmpty();
    }

    /** Compares stop by stop; differences a documented quirk covers are counted in {@code quirks}. */
    private static void compareStops(List<RecordingEngine.Stop> a, List<RecordingEngine.Stop> b, List<String> problems,
            Map<String, Integer> quirks, SandboxMemory code) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            RecordingEngine.Stop x = a.get(i), y = b.get(i);
            List<String> d = StateDiff.diff(result(x), result(y), 0);
            if (x.cpu().icount != y.cpu().icount) d.add("icount " + x.cpu().icount + " != " + y.cpu().icount);
            List<String> left = new ArrayList<>();
            for (String diff : d) {
                Allowed q = ALLOWED.stream().filter(al -> al.covers(diff, x, y)).findFirst().orElse(null);
                String undefinedBy = diff.startsWith("rflags ") ? undefinedFlagsOnly(code, x, y) : null;
                if (q != null) quirks.merge(q.quirk(), 1, Integer::sum);
                else if (undefinedBy != null) quirks.merge("flags the SDM leaves undefined after " + undefinedBy, 1, Integer::sum);
                else left.add(diff);
            }
            if (!left.isEmpty()) {
                problems.add("stop " + i + " (" + x.kind() + " at 0x" + Long.toHexString(x.pc() - SandboxMemory.BASE) + ", java icount "
                        + x.cpu().icount + "): java vs unicorn " + left);
                return; // later stops follow from this one
            }
        }
        if (a.size() != b.size()) problems.add("java stopped " + a.size() + " times, unicorn " + b.size() + " times");
    }

    /**
     * When the RFLAGS bits that differ at a stop are all left undefined (SDM "Flags Affected") by the instruction
     * just before it, that instruction's mnemonic, else null. NaCl code has instruction boundaries at every
     * 32-byte bundle start, so the instruction ending at the stop pc is found by decoding its bundle (or the
     * previous one when the pc starts a bundle). Engines may differ there (e.g. OF after shr $7).
     */
    private static String undefinedFlagsOnly(SandboxMemory mem, RecordingEngine.Stop x, RecordingEngine.Stop y) {
        long pc = x.pc() - SandboxMemory.BASE;
        long bundle = (pc & 31) == 0 ? pc - 32 : pc & ~31L;
        if (bundle < 0 || pc > SandboxMemory.SIZE) return null;
        byte[] b = new byte[64];
        mem.peek(bundle, b, 0, b.length);
        jnbox.emu.decode.Decoder decoder = new jnbox.emu.decode.Decoder();
        for (int off = 0; off < 32; ) {
            jnbox.emu.decode.Insn in = decoder.decode(b, off, b.length);
            if (in == null) return null;
            if (bundle + off + in.length() == pc) {
                long undefined = jnbox.emu.lockstep.UndefinedFlags.of(in, x.cpu());
                long differ = (x.cpu().rflags() ^ y.cpu().rflags()) & StateDiff.COMPARED_FLAGS;
                return differ != 0 && (differ & ~undefined) == 0 ? in.mnemonic().intel() : null;
            }
            off += in.length();
        }
        return null;
    }

    private static Result result(RecordingEngine.Stop s) {
        return new Result(s.kind(), s.signal(), s.pc(), s.cpu(), null);
    }

    /** Every page of the sandbox holds the same bytes at the end (a page never written reads as zeros). */
    private static void compareMemory(SandboxMemory a, SandboxMemory b, List<String> problems) {
        byte[] zero = new byte[SandboxMemory.PAGE_SIZE];
        for (int page = 0; page < (int) (SandboxMemory.SIZE >>> SandboxMemory.PAGE_SHIFT); page++) {
            byte[] x = a.pageData(page), y = b.pageData(page);
            if (x == y) continue;
            if (!Arrays.equals(x == null ? zero : x, y == null ? zero : y)) {
                int at = Arrays.mismatch(x == null ? zero : x, y == null ? zero : y);
                problems.add(String.format("memory differs at user address 0x%x", ((long) page << SandboxMemory.PAGE_SHIFT) + at));
                return;
            }
        }
    }

    private static Run run(Program p, Function<SandboxMemory, Engine> engine, long maxInstructions) throws IOException {
        Path tmp = Files.createTempDirectory("jnbox-2e-" + p.name());
        List<RecordingEngine> engines = new ArrayList<>();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            SandboxConfig.Builder b = SandboxConfig.builder(p.nexe()).args(p.args().stream().map(w -> w.replace("{tmp}", tmp.toString())).toList())
                    .stdin(new ByteArrayInputStream(p.stdin())).stdout(new PrintStream(out, true, StandardCharsets.UTF_8))
                    .stderr(new PrintStream(err, true, StandardCharsets.UTF_8))
                    .deterministic(0).maxInstructions(maxInstructions);
            List<String> o = p.options().stream().map(w -> w.replace("{tmp}", tmp.toString())).toList();
            for (int i = 0; i < o.size(); i++) {
                String w = o.get(i);
                if (w.startsWith("@copy=")) {
                    Path script = Path.of(w.substring(6));
                    Files.copy(script, tmp.resolve(script.getFileName()));
                    continue;
                }
                String v = o.get(++i);
                switch (w) {
                    case "-m" -> b.mount(MountSpec.parse(v));
                    case "-E" -> b.env(v);
                    case "-r" -> b.redirect(Redirect.parse(Redirect.Mode.READ, v));
                    case "-w" -> b.redirect(Redirect.parse(Redirect.Mode.WRITE, v));
                    case "-h" -> b.redirect(Redirect.parse(Redirect.Mode.READ_WRITE, v));
                    default -> throw new IllegalArgumentException(p.name() + ": option " + w + " not handled by this test");
                }
            }
            b.engine(m -> {
                RecordingEngine r = new RecordingEngine(engine.apply(m));
                engines.add(r);
                return r;
            });
            int exit = new Sandbox(b.build()).run();
            assertThat(engines).as("engines of one run of %s", p.name()).hasSize(1);
            RecordingEngine r = engines.get(0);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), r.stops(), r.memory());
        } finally {
            for (RecordingEngine r : engines) {
                if (r.engine() instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // releasing Unicorn's native instance; memory stays readable
                    }
                }
            }
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
