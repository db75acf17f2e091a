package jnbox.syscalls.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import jnbox.syscalls.NaclSyscalls;
import jnbox.syscalls.table.SyscallArgs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** strace's line format (strace(1): quoted, escaped, 32-byte strings; "-1 ENAME (message)"). */
class StraceTest {
    private SandboxMemory mem;
    private Strace strace;
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        mem = new SandboxMemory();
        mem.map(0x100000, 0x10000, Prot.RW);
        strace = new Strace(mem, new PrintStream(sink, true, StandardCharsets.UTF_8));
    }

    private static SyscallArgs args(long... v) {
        SyscallArgs a = new SyscallArgs();
        for (int i = 0; i < v.length; i++) a.set(i, v[i]);
        return a;
    }

    private String line(int number, int result, long... v) {
        Strace.Pending p = strace.before(number, NaclSyscalls.table().get(number), args(v));
        return strace.line(p, result);
    }

    private void put(long addr, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        mem.writeUser(addr, b, 0, b.length);
    }

    @Test
    void writeShowsTheBytesEscaped() {
        put(0x100000, "Hello, World!\n");
        assertThat(line(13, 14, 1, 0x100000, 14)).isEqualTo("write(1, \"Hello, World!\\n\", 14) = 14");
    }

    @Test
    void longBuffersAreCutAt32BytesAndOtherBytesAreOctal() {
        put(0x100000, "0123456789012345678901234567890123\u0001");
        assertThat(line(13, 35, 2, 0x100000, 35)).isEqualTo("write(2, \"01234567890123456789012345678901\"..., 35) = 35");
        put(0x100100, "\t\u0001\"\\");
        assertThat(line(13, 4, 1, 0x100100, 4)).isEqualTo("write(1, \"\\t\\1\\\"\\\\\", 4) = 4");
    }

    @Test
    void errorsUseTheErrnoNameAndMessage() {
        put(0x100000, "/nope");
        assertThat(line(10, -2, 0x100000, 0101, 0644)).isEqualTo("open(\"/nope\", O_WRONLY|O_CREAT, 0644) = -1 ENOENT (No such file or directory)");
    }

    @Test
    void readShowsWhatWasReadAfterTheCall() {
        Strace.Pending p = strace.before(12, NaclSyscalls.table().get(12), args(0, 0x100000, 100));
        put(0x100000, "abc");
        assertThat(strace.line(p, 3)).isEqualTo("read(0, \"abc\", 100) = 3");
    }

    @Test
    void mmapResultsAreAddresses() {
        mem.writeUser(0x100000, new byte[8], 0, 8);
        assertThat(line(21, (int) 0xFEFF0000L, 0, 65536, 3, 0x22, -1, 0x100000))
                .isEqualTo("mmap(0x0, 65536, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, [0]) = 0xfeff0000");
        assertThat(line(21, -22, 0x1001, 65536, 7, 0x12, 3, 0x100000))
                .isEqualTo("mmap(0x1001, 65536, PROT_READ|PROT_WRITE|PROT_EXEC, MAP_PRIVATE|MAP_FIXED, 3, [0]) = -1 EINVAL (Invalid argument)");
    }

    @Test
    void lseekShowsTheOffsetBeforeAndAfter() {
        mem.writeUser(0x100000, new byte[] {10, 0, 0, 0, 0, 0, 0, 0}, 0, 8);
        Strace.Pending p = strace.before(14, NaclSyscalls.table().get(14), args(3, 0x100000, 1));
        mem.writeUser(0x100000, new byte[] {30, 0, 0, 0, 0, 0, 0, 0}, 0, 8);
        assertThat(strace.line(p, 0)).isEqualTo("lseek(3, [10 -> 30], SEEK_CUR) = 0");
    }

    @Test
    void exitIsPrintedBeforeItRuns() {
        strace.before(30, NaclSyscalls.table().get(30), args(3));
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("exit(3) = ?" + System.lineSeparator());
    }

    @Test
    void unknownNumbersAreNamedByNumber() {
        assertThat(line(7, -38)).isEqualTo("syscall_7() = -1 ENOSYS (Function not implemented)");
    }

    @Test
    void badPointersArePrintedAsAddresses() {
        assertThat(line(13, -14, 1, 0x5000, 3)).isEqualTo("write(1, 0x5000, 3) = -1 EFAULT (Bad address)");
        assertThat(line(44, -14, 1, 0)).isEqualTo("clock_gettime(CLOCK_MONOTONIC, NULL) = -1 EFAULT (Bad address)");
    }
}
