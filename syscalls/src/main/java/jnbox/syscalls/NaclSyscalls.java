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

import jnbox.syscalls.calls.DynCodeCalls;
import jnbox.syscalls.calls.FileCalls;
import jnbox.syscalls.calls.MemoryCalls;
import jnbox.syscalls.calls.PathCalls;
import jnbox.syscalls.calls.ProcessCalls;
import jnbox.syscalls.calls.SyncCalls;
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
        t.add(21, "mmap", MemoryCalls::mmap, Support.PARTIAL, "file mappings are private copies (MAP_SHARED writes stay in the sandbox); PROT_EXEC code that fails validation is EINVAL, without sel_ldr's copy fallback",
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
        String threads = "threads are not emulated yet";
        String oneThread = "one thread only: a wait no other thread could end is EDEADLK instead of blocking forever";
        t.add(70, "mutex_create", SyncCalls::mutexCreate, Support.PARTIAL, oneThread, trace());
        t.add(71, "mutex_lock", SyncCalls::mutexLock, Support.PARTIAL, oneThread, trace(FD));
        t.add(72, "mutex_trylock", SyncCalls::mutexTrylock, Support.PARTIAL, oneThread, trace(FD));
        t.add(73, "mutex_unlock", SyncCalls::mutexUnlock, Support.PARTIAL, oneThread, trace(FD));
        t.add(74, "cond_create", SyncCalls::condCreate, Support.PARTIAL, oneThread, trace());
        t.add(75, "cond_wait", SyncCalls::condWait, Support.PARTIAL, oneThread, trace(FD, FD));
        t.add(76, "cond_signal", SyncCalls::condSignal, Support.PARTIAL, oneThread, trace(FD));
        t.add(77, "cond_broadcast", SyncCalls::condSignal, Support.PARTIAL, oneThread, trace(FD));
        t.add(79, "cond_timed_wait_abs", SyncCalls::condTimedWaitAbs, Support.PARTIAL, oneThread, trace(FD, FD, TIMESPEC_IN));
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
        t.add(100, "sem_create", SyncCalls::semCreate, Support.PARTIAL, oneThread, trace(INT));
        t.add(101, "sem_wait", SyncCalls::semWait, Support.PARTIAL, oneThread, trace(FD));
        t.add(102, "sem_post", SyncCalls::semPost, Support.PARTIAL, oneThread, trace(FD));
        t.add(103, "sem_get_value", SyncCalls::semGetValue, Support.PARTIAL, oneThread, trace(FD));
        t.add(104, "dyncode_create", DynCodeCalls::create, Support.FULL, trace(HEX, PTR, LEN));
        t.add(105, "dyncode_modify", DynCodeCalls::modify, Support.FULL, trace(HEX, PTR, LEN));
        t.add(106, "dyncode_delete", DynCodeCalls::delete, Support.PARTIAL, "one thread: the region is freed at once, never EAGAIN", trace(HEX, LEN));
        t.unsupported(109, "test_infoleak", "ENOSYS, as in sel_ldr", trace());
        t.unsupported(110, "test_crash", "test hook of sel_ldr's own tests", trace(INT));
        t.add(120, "futex_wait_abs", SyncCalls::futexWaitAbs, Support.PARTIAL, oneThread, trace(PTR, INT, TIMESPEC_IN));
        t.add(121, "futex_wake", SyncCalls::futexWake, Support.PARTIAL, oneThread, trace(PTR, INT));
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
