package jnbox.syscalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.SandboxMemory;
import jnbox.vfs.MountSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File syscalls through a {@code -m DIR:/:rw} mount, driven by a {@link ScriptedEngine}; the
 * expected values are the syscall semantics of spec/nacl-abi.md §4.2 and the host files.
 */
class FileCallsTest {
    private static final long BUF = 0xFFFE0000L;
    private static final long STR = 0xFFFD0000L;
    private static final long STR2 = 0xFFFD8000L;

    @TempDir
    Path dir;
    private Path nexe;
    /** eax after each call, in order. */
    private final List<Integer> results = new ArrayList<>();
    private final List<ScriptedEngine.Step> steps = new ArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private SandboxMemory memory;

    @BeforeEach
    void findNexe() {
        nexe = Path.of(System.getProperty("jnbox.root", "."), "testdata/nexe/hello.nexe");
        assumeTrue(Files.exists(nexe), "testdata/nexe/hello.nexe not built");
    }

    /** Queues a syscall; its eax lands in {@link #results}. */
    private void call(int n, long... args) {
        steps.add(ScriptedEngine.syscall(n, 1, args));
    }

    /** Queues a memory write that is not a call (the step returns null: no engine exit). */
    private void string(long at, String s) {
        steps.add((cpu, mem, budget) -> {
            byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
            mem.writeUser(at, b, 0, b.length);
            return null;
        });
    }

    private int run() {
        SandboxConfig.Builder b = SandboxConfig.builder(nexe).stdout(new ByteArrayOutputStream())
                .stderr(new PrintStream(err, true, StandardCharsets.UTF_8))
                .mount(MountSpec.parse(dir + ":/:rw"))
                .engine(mem -> {
                    memory = mem;
                    ScriptedEngine e = new ScriptedEngine(mem);
                    boolean[] first = {true};
                    e.then(new ScriptedEngine.Step() {
                        int i;

                        @Override
                        public Exit play(CpuState cpu, SandboxMemory m, long budget) {
                            if (!first[0]) results.add((int) cpu.r[CpuState.RAX]);
                            first[0] = false;
                            while (i < steps.size()) {
                                Exit x = steps.get(i++).play(cpu, m, budget);
                                if (x != null) {
                                    e.then(this);
                                    return x;
                                }
                            }
                            return ScriptedEngine.syscall(30, 1, 0).play(cpu, m, budget);
                        }
                    });
                    return e;
                });
        return new Sandbox(b.build()).run();
    }

    @Test
    void createWriteSeekReadStat() throws IOException {
        string(STR, "/f.txt");
        call(10, STR, 0102, 0644);                  // open(O_RDWR|O_CREAT) → 3
        steps.add((cpu, mem, budget) -> {
            mem.writeUser(BUF, "hello".getBytes(StandardCharsets.US_ASCII), 0, 5);
            return null;
        });
        call(13, 3, BUF, 5);                        // write → 5
        steps.add((cpu, mem, budget) -> {
            mem.writeUser(BUF + 0x100, new byte[8], 0, 8);
            return null;
        });
        call(14, 3, BUF + 0x100, 0);                // lseek(3, [0], SEEK_SET) → 0
        call(12, 3, BUF + 0x200, 100);              // read → 5
        call(16, STR, BUF + 0x400);                 // stat → 0
        call(17, 3, BUF + 0x500);                   // fstat → 0
        call(11, 3);                                // close → 0
        call(11, 3);                                // close again → EBADF
        assertThat(run()).isZero();
        assertThat(results).containsExactly(3, 5, 0, 5, 0, 0, 0, -9);
        assertThat(Files.readString(dir.resolve("f.txt"))).isEqualTo("hello");
        byte[] st = new byte[104];
        memory.peek(BUF + 0x400, st, 0, 104);
        ByteBuffer s = ByteBuffer.wrap(st).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(s.getInt(16)).as("S_IFREG|0600 (owner bits of 0644 & 0600)").isEqualTo(0100600);
        assertThat(s.getLong(40)).isEqualTo(5);
        assertThat(s.getInt(24)).isEqualTo(-1);
        byte[] read = new byte[5];
        memory.peek(BUF + 0x200, read, 0, 5);
        assertThat(new String(read, StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    @Test
    void directories() throws IOException {
        Files.writeString(dir.resolve("a"), "x");
        string(STR, "/d");
        call(45, STR, 0755);                        // mkdir → 0
        call(47, STR);                              // chdir → 0
        call(48, BUF, 100);                         // getcwd → 0, "/d"
        call(48, BUF + 0x100, 2);                   // too small → ERANGE
        string(STR2, "/");
        call(47, STR2);                             // chdir / → 0
        call(10, STR2, 0200000, 0);                 // open("/", O_DIRECTORY) → 3
        call(23, 3, BUF + 0x1000, 4096);            // getdents → > 0
        call(23, 3, BUF + 0x1001, 4096);            // unaligned → EINVAL
        call(46, STR);                              // rmdir /d → 0
        string(STR, "/a");
        string(STR2, "/b");
        call(143, STR, STR2);                       // rename /a /b → 0
        call(49, STR2);                             // unlink /b → 0
        call(49, STR2);                             // again → ENOENT
        assertThat(run()).isZero();
        assertThat(results.subList(0, 5)).containsExactly(0, 0, 0, -34, 0);
        assertThat(results.get(5)).isEqualTo(3);
        assertThat(results.get(6)).isPositive();
        assertThat(results.subList(7, 12)).containsExactly(-22, 0, 0, 0, -2);
        assertThat(memory.readCString(BUF, 100)).isEqualTo("/d".getBytes(StandardCharsets.US_ASCII));
        assertThat(Files.list(dir).toList()).isEmpty();
    }

    @Test
    void pathsCannotLeaveTheMount() throws IOException {
        Path outside = dir.getParent().resolve("outside-" + dir.getFileName());
        Files.writeString(outside, "secret");
        try {
            string(STR, "../" + outside.getFileName());
            call(10, STR, 0, 0);                    // resolves to /outside-... inside the mount → ENOENT
            assertThat(run()).isZero();
            assertThat(results).containsExactly(-2);
        } finally {
            Files.delete(outside);
        }
    }
}
