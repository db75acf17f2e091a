package jnbox.syscalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedding API end to end with the repository's hello.nexe loaded for real and a
 * {@link ScriptedEngine} standing in for the CPU: start-up state, the budget loop, exit
 * statuses and messages of spec/nacl-abi.md §6.3 and jnbox's own codes.
 */
class SandboxTest {
    private static final long BASE = SandboxMemory.BASE;
    private Path nexe;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream trace = new ByteArrayOutputStream();

    @BeforeEach
    void findNexe() {
        nexe = Path.of(System.getProperty("jnbox.root", "."), "testdata/nexe/hello.nexe");
        assumeTrue(Files.exists(nexe), "testdata/nexe/hello.nexe not built");
    }

    private int run(Consumer<ScriptedEngine> script, Consumer<SandboxConfig.Builder> options) {
        SandboxConfig.Builder b = SandboxConfig.builder(nexe).stdin(new ByteArrayInputStream("input".getBytes(StandardCharsets.UTF_8)))
                .stdout(out).stderr(new PrintStream(err, true, StandardCharsets.UTF_8))
                .engine(mem -> {
                    ScriptedEngine e = new ScriptedEngine(mem);
                    script.accept(e);
                    return e;
                });
        options.accept(b);
        return new Sandbox(b.build()).run();
    }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void startupStateReachesTheEngine() {
        long[] seen = new long[4];
        int status = run(e -> e.then((cpu, mem, budget) -> {
            seen[0] = cpu.rip;
            seen[1] = cpu.r[CpuState.RDI];
            seen[2] = mem.readUser32(cpu.r[CpuState.RDI] + 8);    // argc
            byte[] argv1 = mem.readCString(mem.readUser32(cpu.r[CpuState.RDI] + 16) & 0xFFFFFFFFL, 100);
            seen[3] = new String(argv1, StandardCharsets.UTF_8).equals("-v") ? 1 : 0;
            return ScriptedEngine.syscall(30, 1, 0).play(cpu, mem, budget);
        }), b -> b.args(List.of("-v", "--x=1")));
        assertThat(status).isZero();
        assertThat(seen[0]).isEqualTo(BASE + 0x20000);                 // hello.nexe's entry
        assertThat(seen[1] & 15).as("block 16-aligned").isZero();
        assertThat(seen[2]).isEqualTo(3);                              // NaClMain -v --x=1
        assertThat(seen[3]).isEqualTo(1);
    }

    @Test
    void writeThenExitGivesOutputAndStatus() {
        int status = run(e -> e.then((cpu, mem, budget) -> {
                    byte[] msg = "Hello\n".getBytes(StandardCharsets.US_ASCII);
                    mem.writeUser(0xFFFE0000L, msg, 0, msg.length);
                    return ScriptedEngine.syscall(13, 5, 1, 0xFFFE0000L, msg.length).play(cpu, mem, budget);
                }).then(ScriptedEngine.syscall(30, 2, 0x1FF)),
                b -> b.strace(new PrintStream(trace, true, StandardCharsets.UTF_8)));
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("Hello\n");
        assertThat(status).isEqualTo(0xFF);
        assertThat(trace.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("write(1, \"Hello\\n\", 6) = 6", "exit(511) = ?");
    }

    @Test
    void stdinReachesFdZero() {
        int status = run(e -> e.then(ScriptedEngine.syscall(12, 1, 0, 0xFFFE0000L, 100))
                .then((cpu, mem, budget) -> ScriptedEngine.syscall(30, 1, cpu.r[CpuState.RAX] == 5
                        && mem.readUser32(0xFFFE0000L) == 0x75706e69 ? 0 : 1).play(cpu, mem, budget)), b -> { });
        assertThat(status).isZero();
    }

    @Test
    void aFaultPrintsSelLdrsLineAndExits245() {
        int status = run(e -> e.then((cpu, mem, budget) -> Exit.fault(BASE + 0x20040, 11, "read")), b -> { });
        assertThat(status).isEqualTo(245);
        assertThat(err()).isEqualTo(System.lineSeparator() + "** Signal 11 from untrusted code: pc=10000020040" + System.lineSeparator());
    }

    @Test
    void divideErrorIs248() {
        assertThat(run(e -> e.then((cpu, mem, budget) -> Exit.fault(BASE + 0x20000, 8, "divide")), b -> { })).isEqualTo(248);
    }

    @Test
    void unimplementedInstructionStopsWith125() {
        int status = run(e -> e.then((cpu, mem, budget) -> Exit.unimplemented(BASE + 0x20020, "vfmadd231ps")), b -> { });
        assertThat(status).isEqualTo(ExitCodes.UNIMPLEMENTED);
        assertThat(err()).isEqualTo("jnbox: unimplemented instruction vfmadd231ps at 0x20020" + System.lineSeparator());
    }

    @Test
    void theInstructionLimitStopsWith124() {
        ScriptedEngine.Step spin = (cpu, mem, budget) -> {
            cpu.icount += budget;
            return Exit.budget(cpu.rip);
        };
        int status = run(e -> e.then(spin).then(spin).then(spin), b -> b.maxInstructions(1000));
        assertThat(status).isEqualTo(ExitCodes.INSTRUCTION_LIMIT);
        assertThat(err()).startsWith("jnbox: instruction limit reached: 1000 instructions");
    }

    @Test
    void deterministicClocksFollowTheInstructionCount() {
        long[] t = new long[2];
        run(e -> e.then(ScriptedEngine.syscall(44, 1000, 0, 0xFFFE0000L))
                .then((cpu, mem, budget) -> {
                    t[0] = mem.readUser64(0xFFFE0000L);
                    t[1] = mem.readUser32(0xFFFE0008L);
                    return ScriptedEngine.syscall(30, 1, 0).play(cpu, mem, budget);
                }), b -> b.deterministic(0));
        assertThat(t[0]).isEqualTo(1_000_000_000L);   // the fixed epoch, in seconds
        assertThat(t[1]).isEqualTo(1000);             // 1000 instructions = 1000 ns
    }

    @Test
    void seededRandomBytesRepeat() {
        long[] r = new long[2];
        for (int i = 0; i < 2; i++) {
            int k = i;
            run(e -> e.then(ScriptedEngine.syscall(150, 1, 0xFFFE0000L, 8)).then((cpu, mem, budget) -> {
                r[k] = mem.readUser64(0xFFFE0000L);
                return ScriptedEngine.syscall(30, 1, 0).play(cpu, mem, budget);
            }), b -> b.deterministic(42));
        }
        assertThat(r[0]).isEqualTo(r[1]).isNotZero();
    }

    @Test
    void firstMmapLandsBelowTheStack() {
        long[] got = new long[1];
        run(e -> e.then(ScriptedEngine.syscall(21, 1, 0, 0x10000, 3, 0x22, -1, 0xFFFE0000L)).then((cpu, mem, budget) -> {
            got[0] = cpu.r[CpuState.RAX];
            return ScriptedEngine.syscall(30, 1, 0).play(cpu, mem, budget);
        }), b -> { });
        assertThat(got[0]).isEqualTo(0xFEFF0000L);
    }

    /**
     * Issue 6: without -m the guest sees an empty read-only / (ENOENT for a missing name), where
     * sel_ldr answers EACCES to every path call (spec §4.10). A deliberate difference.
     */
    @Test
    void withoutMountsTheRootIsEmpty() {
        long[] got = new long[1];
        run(e -> e.then((cpu, mem, budget) -> {
            mem.writeUser(0xFFFE0000L, "/x\0".getBytes(StandardCharsets.US_ASCII), 0, 3);
            return ScriptedEngine.syscall(10, 1, 0xFFFE0000L, 0, 0).play(cpu, mem, budget);
        }).then((cpu, mem, budget) -> {
            got[0] = cpu.r[CpuState.RAX];
            return ScriptedEngine.syscall(30, 1, 0).play(cpu, mem, budget);
        }), b -> { });
        assertThat((int) got[0]).isEqualTo(-2);
    }

    @Test
    void aMissingNexeIsALoadError() {
        nexe = nexe.resolveSibling("does-not-exist.nexe");
        int status = run(e -> { }, b -> { });
        assertThat(status).isEqualTo(1);
        assertThat(err()).startsWith("Error while loading \"" + nexe + "\": Cannot open NaCl module file");
    }
}
