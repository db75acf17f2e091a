package jnbox.syscalls.calls;

import jnbox.vfs.Errno;
import jnbox.syscalls.SyscallException;
import jnbox.syscalls.run.NaclProcess;
import jnbox.syscalls.run.UserMemory;
import jnbox.syscalls.table.SyscallArgs;

/** Clocks and sleeping (spec/nacl-abi.md §4.2, §4.4 clock ids, §4.5 timespec/timeval). */
public final class TimeCalls {
    public static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3;
    private static final long NS = 1_000_000_000L;

    private TimeCalls() {}

    /** gettimeofday (40): microseconds truncated to a multiple of 10, as sel_ldr does without -a (§4.2). */
    public static int gettimeofday(NaclProcess p, SyscallArgs a) {
        long now = p.clock().realtimeNanos();
        long usec = (now % NS) / 1000;
        writePair(p, a.ptr(0), now / NS, usec - usec % 10);
        return 0;
    }

    /** clock (41): CPU time in microseconds, truncated to 32 bits (§4.2). */
    public static int clock(NaclProcess p, SyscallArgs a) {
        return (int) (p.clock().cpuNanos() / 1000);
    }

    /**
     * nanosleep (42): tv_nsec outside [0, 10^9) or a negative tv_sec is EINVAL; rem is checked
     * before sleeping (§4.2). An uninterrupted sleep leaves rem untouched.
     */
    public static int nanosleep(NaclProcess p, SyscallArgs a) {
        long sec = p.user().readI64(a.ptr(0));
        int nsec = p.user().readI32(a.ptr(0) + 8);
        if (a.ptr(1) != 0) p.user().checkWritable(a.ptr(1), 16);
        if (sec < 0 || nsec < 0 || nsec >= NS) throw new SyscallException(Errno.EINVAL);
        try {
            p.clock().sleep(sec >= Long.MAX_VALUE / NS ? Long.MAX_VALUE : sec * NS + nsec);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyscallException(Errno.EINTR);
        }
        return 0;
    }

    /** clock_getres (43): the pointer may be 0 (only checks the id); 1 ns for every clock (§4.2). */
    public static int clockGetres(NaclProcess p, SyscallArgs a) {
        checkClock(a.i32(0));
        if (a.ptr(1) != 0) writePair(p, a.ptr(1), 0, 1);
        return 0;
    }

    /** clock_gettime (44): EINVAL for an unknown id, EFAULT for a 0 pointer (§4.2). */
    public static int clockGettime(NaclProcess p, SyscallArgs a) {
        int id = a.i32(0);
        checkClock(id);
        long t = switch (id) {
            case CLOCK_REALTIME -> p.clock().realtimeNanos();
            case CLOCK_MONOTONIC -> p.clock().monotonicNanos();
            default -> p.clock().cpuNanos();
        };
        writePair(p, a.ptr(1), t / NS, t % NS);
        return 0;
    }

    private static void checkClock(int id) {
        if (id < CLOCK_REALTIME || id > CLOCK_THREAD_CPUTIME_ID) throw new SyscallException(Errno.EINVAL);
    }

    /** A timespec or timeval: i64 seconds, i32 fraction, 4 bytes of padding (§4.5). */
    private static void writePair(NaclProcess p, long ptr, long sec, long frac) {
        byte[] b = new byte[16];
        System.arraycopy(UserMemory.le(sec, 8), 0, b, 0, 8);
        System.arraycopy(UserMemory.le(frac, 4), 0, b, 8, 4);
        p.user().write(ptr, b, 0, 16);
    }
}
