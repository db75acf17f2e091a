package jnbox.syscalls.calls;

import jnbox.vfs.Errno;
import jnbox.syscalls.SyscallException;
import jnbox.syscalls.run.NaclProcess;
import jnbox.syscalls.table.SyscallArgs;

/** exit, getpid, sched_yield, sysconf, get_random_bytes (spec/nacl-abi.md §4.2, §4.8). */
public final class ProcessCalls {
    public static final int SC_NPROCESSORS_ONLN = 1, SC_PAGESIZE = 2, SC_NACL_CPU_FEATURE_X86 = 0x10000,
            SC_NACL_FILE_ACCESS_ENABLED = 0x1000000, SC_NACL_LIST_MAPPINGS_ENABLED = 0x1000001,
            SC_NACL_PNACL_MODE = 0x1000002;
    /** CPU features the emulated CPU reports: bit 0 x87, bit 1 SSE (no AVX). */
    static final int CPU_FEATURES = 0b011;
    private static final int MAX_RANDOM_CHUNK = 1 << 20;

    private ProcessCalls() {}

    /** exit (30): the process ends with status & 0xFF (§6.3). */
    public static int exit(NaclProcess p, SyscallArgs a) {
        p.exit(a.i32(0));
        return 0;
    }

    /** getpid (31): needs -a, which jnbox does not offer: ENOSYS, as sel_ldr without -a (§4.2). */
    public static int getpid(NaclProcess p, SyscallArgs a) {
        throw new SyscallException(Errno.ENOSYS);
    }

    /** sched_yield (32): one guest thread, nothing to yield to (§4.2). */
    public static int schedYield(NaclProcess p, SyscallArgs a) {
        Thread.yield();
        return 0;
    }

    /**
     * sysconf (33): the value goes to an int32 pointer (§4.8). The processor count is the host's,
     * or 1 under --deterministic.
     */
    public static int sysconf(NaclProcess p, SyscallArgs a) {
        int value = switch (a.i32(0)) {
            case SC_NPROCESSORS_ONLN -> p.deterministic() ? 1 : Runtime.getRuntime().availableProcessors();
            case SC_PAGESIZE -> 65536;
            case SC_NACL_CPU_FEATURE_X86 -> CPU_FEATURES;
            case SC_NACL_FILE_ACCESS_ENABLED -> p.fileAccess() ? 1 : 0;
            case SC_NACL_LIST_MAPPINGS_ENABLED, SC_NACL_PNACL_MODE -> 0;
            default -> throw new SyscallException(Errno.EINVAL);
        };
        p.user().writeI32(a.ptr(1), value);
        return 0;
    }

    /** get_random_bytes (150): returns 0, not a count (§4.2, §4.8). */
    public static int getRandomBytes(NaclProcess p, SyscallArgs a) {
        long buf = a.ptr(0);
        long size = a.len(1);
        p.user().checkWritable(buf, size);
        for (long done = 0; done < size; ) {
            byte[] b = new byte[(int) Math.min(size - done, MAX_RANDOM_CHUNK)];
            p.random().fill(b);
            p.user().write(buf + done, b, 0, b.length);
            done += b.length;
        }
        return 0;
    }
}
