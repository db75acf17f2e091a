package jnbox.syscalls.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import jnbox.syscalls.SyscallException;
import jnbox.syscalls.fd.FdTable;
import jnbox.syscalls.mem.AddressSpace;
import jnbox.syscalls.run.NaclProcess;
import jnbox.syscalls.table.SyscallArgs;
import jnbox.syscalls.time.GuestClock;
import jnbox.syscalls.time.GuestRandom;
import jnbox.vfs.Errno;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Synchronisation syscalls with one thread: handles live in the fd table (spec/nacl-abi.md
 * §4.2); futex_wait_abs with a changed value is EAGAIN and an expired deadline ETIMEDOUT (§4.2);
 * waits only another thread could end are EDEADLK (jnbox's documented choice).
 */
class SyncCallsTest {
    private NaclProcess p;
    private SandboxMemory mem;

    @BeforeEach
    void setUp() {
        mem = new SandboxMemory();
        mem.map(0x100000, 0x10000, Prot.RW);
        CpuState cpu = new CpuState();
        p = new NaclProcess(mem, cpu, new FdTable(), new AddressSpace(mem, 0x30000, 0x30000), null,
                GuestClock.deterministic(() -> cpu.icount), GuestRandom.seeded(0), true);
    }

    private static SyscallArgs args(long... v) {
        SyscallArgs a = new SyscallArgs();
        for (int i = 0; i < v.length; i++) a.set(i, v[i]);
        return a;
    }

    private static void errno(int expected, ThrowingCallable c) {
        assertThatThrownBy(c).isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(expected));
    }

    @Test
    void mutex() {
        int m = SyncCalls.mutexCreate(p, args());
        assertThat(m).isZero();                                  // lowest free fd
        assertThat(SyncCalls.mutexLock(p, args(m))).isZero();
        errno(Errno.EBUSY, () -> SyncCalls.mutexTrylock(p, args(m)));
        errno(Errno.EDEADLK, () -> SyncCalls.mutexLock(p, args(m)));
        assertThat(SyncCalls.mutexUnlock(p, args(m))).isZero();
        errno(Errno.EPERM, () -> SyncCalls.mutexUnlock(p, args(m)));
        errno(Errno.EBADF, () -> SyncCalls.semPost(p, args(m)));  // a mutex is not a semaphore
        assertThat(FileCalls.close(p, args(m))).isZero();
        errno(Errno.EBADF, () -> SyncCalls.mutexLock(p, args(m)));
    }

    @Test
    void semaphore() {
        int s = SyncCalls.semCreate(p, args(1));
        assertThat(SyncCalls.semWait(p, args(s))).isZero();
        errno(Errno.EDEADLK, () -> SyncCalls.semWait(p, args(s)));
        assertThat(SyncCalls.semPost(p, args(s))).isZero();
        assertThat(SyncCalls.semGetValue(p, args(s))).isEqualTo(1);
    }

    @Test
    void futex() {
        mem.writeUser(0x100000, new byte[] {5, 0, 0, 0}, 0, 4);
        errno(Errno.EAGAIN, () -> SyncCalls.futexWaitAbs(p, args(0x100000, 4, 0)));
        mem.writeUser(0x100010, new byte[16], 0, 16);            // abstime = epoch 0: long past
        errno(Errno.ETIMEDOUT, () -> SyncCalls.futexWaitAbs(p, args(0x100000, 5, 0x100010)));
        errno(Errno.EFAULT, () -> SyncCalls.futexWaitAbs(p, args(0x5000, 5, 0)));
        assertThat(SyncCalls.futexWake(p, args(0x100000, 1))).isZero();
    }
}
