package jnbox.syscalls.calls;

import jnbox.syscalls.SyscallException;
import jnbox.syscalls.fd.SyncHandle;
import jnbox.syscalls.run.NaclProcess;
import jnbox.syscalls.table.SyscallArgs;
import jnbox.vfs.Errno;
import jnbox.vfs.VFile;

/**
 * Mutexes, condition variables, semaphores and futexes (spec/nacl-abi.md §4.2) for a program
 * with ONE thread. Everything that would return under sel_ldr behaves the same; a wait that
 * could only end by another thread's action would block sel_ldr forever and returns EDEADLK
 * here instead; timed waits sleep until their deadline and return ETIMEDOUT.
 */
public final class SyncCalls {
    private SyncCalls() {}

    private static SyncHandle handle(NaclProcess p, int fd, SyncHandle.Kind kind) {
        VFile f = p.fds().get(fd);
        if (!(f instanceof SyncHandle h) || h.kind() != kind) throw new SyscallException(Errno.EBADF);
        return h;
    }

    /** mutex_create (70): a new unlocked mutex; returns its handle (an fd). */
    public static int mutexCreate(NaclProcess p, SyscallArgs a) {
        return p.fds().allocate(new SyncHandle(SyncHandle.Kind.MUTEX, 0));
    }

    /** mutex_lock (71): locking a mutex the only thread holds can never succeed: EDEADLK. */
    public static int mutexLock(NaclProcess p, SyscallArgs a) {
        SyncHandle m = handle(p, a.fd(0), SyncHandle.Kind.MUTEX);
        if (m.value != 0) throw new SyscallException(Errno.EDEADLK);
        m.value = 1;
        return 0;
    }

    /** mutex_trylock (72): EBUSY when locked. */
    public static int mutexTrylock(NaclProcess p, SyscallArgs a) {
        SyncHandle m = handle(p, a.fd(0), SyncHandle.Kind.MUTEX);
        if (m.value != 0) throw new SyscallException(Errno.EBUSY);
        m.value = 1;
        return 0;
    }

    /** mutex_unlock (73): EPERM when not locked. */
    public static int mutexUnlock(NaclProcess p, SyscallArgs a) {
        SyncHandle m = handle(p, a.fd(0), SyncHandle.Kind.MUTEX);
        if (m.value == 0) throw new SyscallException(Errno.EPERM);
        m.value = 0;
        return 0;
    }

    /** cond_create (74). */
    public static int condCreate(NaclProcess p, SyscallArgs a) {
        return p.fds().allocate(new SyncHandle(SyncHandle.Kind.COND, 0));
    }

    /** cond_wait (75): nobody can signal: EDEADLK. */
    public static int condWait(NaclProcess p, SyscallArgs a) {
        handle(p, a.fd(0), SyncHandle.Kind.COND);
        handle(p, a.fd(1), SyncHandle.Kind.MUTEX);
        throw new SyscallException(Errno.EDEADLK);
    }

    /** cond_signal (76), cond_broadcast (77): no waiter, nothing to do. */
    public static int condSignal(NaclProcess p, SyscallArgs a) {
        handle(p, a.fd(0), SyncHandle.Kind.COND);
        return 0;
    }

    /** cond_timed_wait_abs (79): sleeps until the CLOCK_REALTIME deadline, then ETIMEDOUT (110). */
    public static int condTimedWaitAbs(NaclProcess p, SyscallArgs a) {
        handle(p, a.fd(0), SyncHandle.Kind.COND);
        handle(p, a.fd(1), SyncHandle.Kind.MUTEX);
        sleepUntil(p, a.ptr(2));
        throw new SyscallException(Errno.ETIMEDOUT);
    }

    /** sem_create (100): initial value (§4.2). */
    public static int semCreate(NaclProcess p, SyscallArgs a) {
        if (a.i32(0) < 0) throw new SyscallException(Errno.EINVAL);
        return p.fds().allocate(new SyncHandle(SyncHandle.Kind.SEMAPHORE, a.i32(0)));
    }

    /** sem_wait (101): a zero semaphore could only be posted by another thread: EDEADLK. */
    public static int semWait(NaclProcess p, SyscallArgs a) {
        SyncHandle s = handle(p, a.fd(0), SyncHandle.Kind.SEMAPHORE);
        if (s.value == 0) throw new SyscallException(Errno.EDEADLK);
        s.value--;
        return 0;
    }

    /** sem_post (102). */
    public static int semPost(NaclProcess p, SyscallArgs a) {
        SyncHandle s = handle(p, a.fd(0), SyncHandle.Kind.SEMAPHORE);
        if (s.value == Integer.MAX_VALUE) throw new SyscallException(Errno.EOVERFLOW);
        s.value++;
        return 0;
    }

    /** sem_get_value (103): the value as the result. */
    public static int semGetValue(NaclProcess p, SyscallArgs a) {
        return handle(p, a.fd(0), SyncHandle.Kind.SEMAPHORE).value;
    }

    /**
     * futex_wait_abs (120): EAGAIN when *addr ≠ value; otherwise nobody can wake the caller, so
     * it sleeps until abstime and returns ETIMEDOUT, or, with no deadline, EDEADLK.
     */
    public static int futexWaitAbs(NaclProcess p, SyscallArgs a) {
        if (p.user().readI32(a.ptr(0)) != a.i32(1)) throw new SyscallException(Errno.EAGAIN);
        if (a.ptr(2) == 0) throw new SyscallException(Errno.EDEADLK);
        sleepUntil(p, a.ptr(2));
        throw new SyscallException(Errno.ETIMEDOUT);
    }

    /** futex_wake (121): no other thread waits: 0 woken. */
    public static int futexWake(NaclProcess p, SyscallArgs a) { return 0; }

    private static void sleepUntil(NaclProcess p, long timespec) {
        long sec = p.user().readI64(timespec);
        int nsec = p.user().readI32(timespec + 8);
        if (nsec < 0 || nsec >= 1_000_000_000) throw new SyscallException(Errno.EINVAL);
        long deadline = sec >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : sec * 1_000_000_000L + nsec;
        long now = p.clock().realtimeNanos();
        if (deadline <= now) return;
        try {
            p.clock().sleep(deadline - now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyscallException(Errno.EINTR);
        }
    }
}
