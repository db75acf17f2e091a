package jnbox.syscalls.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jnbox.syscalls.NaclSyscalls;
import org.junit.jupiter.api.Test;

/** Invariants of THE syscall table (style item 10), checked against spec/nacl-abi.md §4.2. */
class SyscallTableTest {
    private final List<SyscallEntry> rows = NaclSyscalls.table().entries();

    /** §4.2: "Unregistered numbers < 151 (→ −ENOSYS)", copied from the spec's list. */
    private static final String UNREGISTERED = "0, 2–7, 15, 29, 34–39, 51, 53–59, 67–69, 78, 90–99, 107, 108, 111–119, 122–129, 132–139, 148, 149";

    @Test
    void numbersAreUniqueAndBelowTheLimit() {
        Set<Integer> seen = new HashSet<>();
        for (SyscallEntry e : rows) {
            assertThat(seen.add(e.number())).as("duplicate %d", e.number()).isTrue();
            assertThat(e.number()).isBetween(0, SyscallTable.LIMIT - 1);
            assertThat(NaclSyscalls.table().get(e.number())).isSameAs(e);
        }
    }

    @Test
    void namesAreUnique() {
        Set<String> names = new HashSet<>();
        for (SyscallEntry e : rows) assertThat(names.add(e.name())).as(e.name()).isTrue();
    }

    @Test
    void everyNumberSelLdrRegistersHasARow() {
        Set<Integer> unregistered = new TreeSet<>();
        for (String part : UNREGISTERED.split(", ")) {
            String[] r = part.split("–");
            int lo = Integer.parseInt(r[0]), hi = Integer.parseInt(r[r.length - 1]);
            for (int n = lo; n <= hi; n++) unregistered.add(n);
        }
        // 111 and 112 (test_syscall_1/2) are "not registered by default" (§4.2): they stay unregistered.
        Set<Integer> expected = new TreeSet<>();
        for (int n = 0; n < SyscallTable.LIMIT; n++) if (!unregistered.contains(n)) expected.add(n);
        Set<Integer> actual = new TreeSet<>();
        for (SyscallEntry e : rows) actual.add(e.number());
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void everyRowHasATraceSignatureThatFitsItsArguments() {
        for (SyscallEntry e : rows) {
            List<ArgKind> args = e.trace().args();
            assertThat(args.size()).as(e.name()).isLessThanOrEqualTo(6);
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) == ArgKind.BUF_IN) {
                    assertThat(i + 1 < args.size() && args.get(i + 1) == ArgKind.LEN).as(e.name() + ": BUF_IN needs a LEN after it").isTrue();
                }
            }
        }
    }

    @Test
    void everyRowBelowFullSupportHasANote() {
        for (SyscallEntry e : rows) {
            if (e.support() != Support.FULL) assertThat(e.note()).as(e.name()).isNotBlank();
        }
    }

    @Test
    void trampolineAddressesFollowTheSpec() {
        // §4.2 table: write 0x101A0, exit 0x103C0, get_random_bytes 0x112C0
        assertThat(NaclSyscalls.table().get(13).trampoline()).isEqualTo(0x101A0);
        assertThat(NaclSyscalls.table().get(30).trampoline()).isEqualTo(0x103C0);
        assertThat(NaclSyscalls.table().get(150).trampoline()).isEqualTo(0x112C0);
    }

    @Test
    void theTableRefusesDuplicatesAndMissingNotes() {
        SyscallTable t = new SyscallTable();
        t.add(1, "a", (p, a) -> 0, Support.FULL, TraceSpec.trace());
        assertThatThrownBy(() -> t.add(1, "b", (p, a) -> 0, Support.FULL, TraceSpec.trace())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.add(2, "c", (p, a) -> 0, Support.PARTIAL, TraceSpec.trace())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.add(151, "d", (p, a) -> 0, Support.FULL, TraceSpec.trace())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIssueListIsImplemented() {
        for (String name : List.of("exit", "write", "read", "open", "close", "lseek", "fstat", "stat", "getdents", "mkdir", "rmdir",
                "chdir", "getcwd", "unlink", "rename", "brk", "mmap", "munmap", "mprotect", "clock_gettime", "clock_getres",
                "gettimeofday", "nanosleep", "sched_yield", "sysconf", "getpid", "tls_init", "tls_get", "second_tls_set",
                "second_tls_get", "get_random_bytes")) {
            SyscallEntry e = rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
            assertThat(e.support()).as(name).isNotEqualTo(Support.NONE);
        }
    }
}
