package jnbox.syscalls;

import static jnbox.syscalls.table.ArgKind.BUF_IN;
import static jnbox.syscalls.table.ArgKind.BUF_OUT;
import static jnbox.syscalls.table.ArgKind.CLOCK;
import static jnbox.syscalls.table.ArgKind.DIRENTS_OUT;
import static jnbox.syscalls.table.ArgKind.FD;
import static jnbox.syscalls.table.ArgKind.HEX;
import static jnbox.syscalls.table.ArgKind.I32_OUT;
import static jnbox.syscalls.table.ArgKind.I64_IN;
import static jnbox.syscalls.table.ArgKind.I64_INOUT;
import static jnbox.syscalls.table.ArgKind.INT;
import static jnbox.syscalls.table.ArgKind.LEN;
import static jnbox.syscalls.table.ArgKind.MAP_FLAGS;
import static jnbox.syscalls.table.ArgKind.MODE;
import static jnbox.syscalls.table.ArgKind.OPEN_FLAGS;
import static jnbox.syscalls.table.ArgKind.PATH;
import static jnbox.syscalls.table.ArgKind.PROT;
import static jnbox.syscalls.table.ArgKind.PTR;
import static jnbox.syscalls.table.ArgKind.STAT_OUT;
import static jnbox.syscalls.table.ArgKind.SYSCONF_NAME;
import static jnbox.syscalls.table.ArgKind.TIMESPEC_IN;
import static jnbox.syscalls.table.ArgKind.TIMESPEC_OUT;
import static jnbox.syscalls.table.ArgKind.TIMEVAL_OUT;
import static jnbox.syscalls.table.ArgKind.WHENCE;
import static jnbox.syscalls.table.TraceSpec.trace;

import jnbox.syscalls.calls.FileCalls;
import jnbox.syscalls.calls.MemoryCalls;
import jnbox.syscalls.calls.PathCalls;
import jnbox.syscalls.calls.ProcessCalls;
import jnbox.syscalls.calls.TimeCalls;
import jnbox.syscalls.calls.TlsCalls;
import jnbox.syscalls.table.Support;
import jnbox.syscalls.table.SyscallTable;
import jnbox.syscalls.table.TraceSpec;

/**
 * THE syscall table: every NaCl syscall sel_ldr registers (spec/nacl-abi.md §4.2), in number
 * order, with jnbox's support level. It drives dispatch, {@code --strace} and {@code jnbox syscalls}.
 */
public final class NaclSyscalls {
    private static final String[] IMC = {"imc_makeboundsock", "imc_accept", "imc_connect", "imc_sendmsg", "imc_recvmsg",
            "imc_mem_obj_create", "imc_socketpair"};
    private static final SyscallTable TABLE = build();

    private NaclSyscalls() {}

    public static SyscallTable table() { return TABLE; }

    private static SyscallTable build() {
        SyscallTable t = new SyscallTable();
        t.add(1, "null", FileCalls::nullCall, Support.FULL, trace());
        t.add(8, "dup", FileCalls::dup, Support.FULL, trace(FD));
        t.add(9, "dup2", FileCalls::dup2, Support.FULL, trace(FD, FD));
        t.add(10, "open", PathCalls::open, Support.FULL, trace(PATH, OPEN_FLAGS, MODE));
        t.add(11, "close", FileCalls::close, Support.FULL, trace(FD));
        t.add(12, "read", FileCalls::read, Support.FULL, trace(FD, BUF_OUT, LEN));
        t.add(13, "write", FileCalls::write, Support.FULL, trace(FD, BUF_IN, LEN));
        t.add(14, "lseek", FileCalls::lseek, Support.FULL, trace(FD, I64_INOUT, WHENCE));
        t.add(16, "stat", PathCalls::stat, Support.FULL, trace(PATH, STAT_OUT));
        t.add(17, "fstat", FileCalls::fstat, Support.FULL, trace(FD, STAT_OUT));
        t.add(18, "chmod", PathCalls::chmod, Support.PARTIAL, "EACCES: jnbox never changes host permissions", trace(PATH, MODE));
        t.add(19, "isatty", FileCalls::isatty, Support.PARTIAL, "EACCES: needs sel_ldr's -a, which jnbox does not offer", trace(FD));
        t.add(20, "brk", MemoryCalls::brk, Support.FULL, trace(HEX).returning(TraceSpec.Result.ADDR));
        t.add(21, "mmap", MemoryCalls::mmap, Support.PARTIAL, "PROT_EXEC (code mappings) is EINVAL; file mappings are private copies",
                trace(HEX, LEN, PROT, MAP_FLAGS, FD, I64_IN).returning(TraceSpec.Result.ADDR));
        t.add(22, "munmap", MemoryCalls::munmap, Support.FULL, trace(HEX, LEN));
        t.add(23, "getdents", FileCalls::getdents, Support.FULL, trace(FD, DIRENTS_OUT, LEN));
        t.add(24, "mprotect", MemoryCalls::mprotect, Support.FULL, trace(HEX, LEN, PROT));
        t.unsupported(25, "list_mappings", "ENOSYS, as sel_ldr without NACL_DANGEROUS_ENABLE_LIST_MAPPINGS", trace(PTR, LEN));
        t.add(26, "fsync", FileCalls::fsync, Support.FULL, trace(FD));
        t.add(27, "fdatasync", FileCalls::fsync, Support.FULL, trace(FD));
        t.add(28, "fchmod", FileCalls::fchmod, Support.PARTIAL, "EACCES: jnbox never changes host permissions", trace(FD, MODE));
        t.add(30, "exit", ProcessCalls::exit, Support.FULL, trace(INT).returning(TraceSpec.Result.NONE));
        t.add(31, "getpid", ProcessCalls::getpid, Support.PARTIAL, "ENOSYS: needs sel_ldr's -a, which jnbox does not offer", trace());
        t.add(32, "sched_yield", ProcessCalls::schedYield, Support.FULL, trace());
        t.add(33, "sysconf", ProcessCalls::sysconf, Support.FULL, trace(SYSCONF_NAME, I32_OUT));
        t.add(40, "gettimeofday", TimeCalls::gettimeofday, Support.FULL, trace(TIMEVAL_OUT));
        t.add(41, "clock", TimeCalls::clock, Support.FULL, trace());
        t.add(42, "nanosleep", TimeCalls::nanosleep, Support.FULL, trace(TIMESPEC_IN, PTR));
        t.add(43, "clock_getres", TimeCalls::clockGetres, Support.FULL, trace(CLOCK, TIMESPEC_OUT));
        t.add(44, "clock_gettime", TimeCalls::clockGettime, Support.FULL, trace(CLOCK, TIMESPEC_OUT));
        t.add(45, "mkdir", PathCalls::mkdir, Support.FULL, trace(PATH, MODE));
        t.add(46, "rmdir", PathCalls::rmdir, Support.FULL, trace(PATH));
        t.add(47, "chdir", PathCalls::chdir, Support.FULL, trace(PATH));
        t.add(48, "getcwd", PathCalls::getcwd, Support.FULL, trace(PTR, LEN));
        t.add(49, "unlink", PathCalls::unlink, Support.FULL, trace(PATH));
        t.add(50, "fchdir", FileCalls::fchdir, Support.FULL, trace(FD));
        t.add(52, "ftruncate", FileCalls::ftruncate, Support.FULL, trace(FD, I64_IN));
        for (int n = 60; n <= 66; n++) {
            t.unsupported(n, IMC[n - 60], "IMC sockets and shared memory are not emulated", trace(PTR, PTR, INT));
        }
        String threads = "threads and their synchronisation are not emulated yet";
        t.unsupported(70, "mutex_create", threads, trace());
        t.unsupported(71, "mutex_lock", threads, trace(INT));
        t.unsupported(72, "mutex_trylock", threads, trace(INT));
        t.unsupported(73, "mutex_unlock", threads, trace(INT));
        t.unsupported(74, "cond_create", threads, trace());
        t.unsupported(75, "cond_wait", threads, trace(INT, INT));
        t.unsupported(76, "cond_signal", threads, trace(INT));
        t.unsupported(77, "cond_broadcast", threads, trace(INT));
        t.unsupported(79, "cond_timed_wait_abs", threads, trace(INT, INT, TIMESPEC_IN));
        t.unsupported(80, "thread_create", threads, trace(HEX, HEX, HEX, HEX));
        t.unsupported(81, "thread_exit", threads, trace(PTR));
        t.add(82, "tls_init", TlsCalls::tlsInit, Support.FULL, trace(HEX));
        t.unsupported(83, "thread_nice", threads, trace(INT));
        t.add(84, "tls_get", TlsCalls::tlsGet, Support.FULL, trace().returning(TraceSpec.Result.ADDR));
        t.add(85, "second_tls_set", TlsCalls::secondTlsSet, Support.FULL, trace(HEX));
        t.add(86, "second_tls_get", TlsCalls::secondTlsGet, Support.FULL, trace().returning(TraceSpec.Result.ADDR));
        String exceptions = "ENOSYS, as sel_ldr without -e";
        t.unsupported(87, "exception_handler", exceptions, trace(HEX, PTR));
        t.unsupported(88, "exception_stack", exceptions, trace(HEX, LEN));
        t.unsupported(89, "exception_clear_flag", exceptions, trace());
        t.unsupported(100, "sem_create", threads, trace(INT));
        t.unsupported(101, "sem_wait", threads, trace(INT));
        t.unsupported(102, "sem_post", threads, trace(INT));
        t.unsupported(103, "sem_get_value", threads, trace(INT));
        String dyncode = "dynamic code is not supported yet";
        t.unsupported(104, "dyncode_create", dyncode, trace(HEX, PTR, LEN));
        t.unsupported(105, "dyncode_modify", dyncode, trace(HEX, PTR, LEN));
        t.unsupported(106, "dyncode_delete", dyncode, trace(HEX, LEN));
        t.unsupported(109, "test_infoleak", "ENOSYS, as in sel_ldr", trace());
        t.unsupported(110, "test_crash", "test hook of sel_ldr's own tests", trace(INT));
        t.unsupported(120, "futex_wait_abs", threads, trace(PTR, INT, TIMESPEC_IN));
        t.unsupported(121, "futex_wake", threads, trace(PTR, INT));
        t.add(130, "pread", FileCalls::pread, Support.FULL, trace(FD, BUF_OUT, LEN, I64_IN));
        t.add(131, "pwrite", FileCalls::pwrite, Support.FULL, trace(FD, BUF_IN, LEN, I64_IN));
        t.add(140, "truncate", PathCalls::truncate, Support.FULL, trace(PATH, I64_IN));
        t.add(141, "lstat", PathCalls::lstat, Support.FULL, trace(PATH, STAT_OUT));
        t.add(142, "link", PathCalls::link, Support.PARTIAL, "the source must be on a writable mount too (closes sel_ldr's ro-file hole, §7.3)", trace(PATH, PATH));
        t.add(143, "rename", PathCalls::rename, Support.FULL, trace(PATH, PATH));
        t.add(144, "symlink", PathCalls::symlink, Support.FULL, "always EACCES, as sel_ldr under -m", trace(PATH, PATH));
        t.add(145, "access", PathCalls::access, Support.FULL, trace(PATH, INT));
        t.add(146, "readlink", PathCalls::readlink, Support.FULL, trace(PATH, BUF_OUT, LEN));
        t.add(147, "utimes", PathCalls::utimes, Support.FULL, trace(PATH, PTR));
        t.add(150, "get_random_bytes", ProcessCalls::getRandomBytes, Support.FULL, "seeded under --deterministic", trace(PTR, LEN));
        return t;
    }
}
