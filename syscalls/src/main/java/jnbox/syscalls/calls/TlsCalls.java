package jnbox.syscalls.calls;

import jnbox.emu.mem.SandboxMemory;
import jnbox.vfs.Errno;
import jnbox.syscalls.SyscallException;
import jnbox.syscalls.run.NaclProcess;
import jnbox.syscalls.table.SyscallArgs;

/**
 * Thread pointers (spec/nacl-abi.md §4.2; §4.1 for the tls_get fast paths, which the syscall
 * gate applies to {@link #TLS_GET} and {@link #SECOND_TLS_GET}).
 */
public final class TlsCalls {
    public static final int TLS_GET = 84, SECOND_TLS_GET = 86;

    private TlsCalls() {}

    /**
     * tls_init (82): EFAULT unless [ptr, ptr+4) lies in the sandbox; 0 counts as invalid, as in
     * sel_ldr's NaClUserToSysAddrRange (§4.2). The memory itself is not checked.
     */
    public static int tlsInit(NaclProcess p, SyscallArgs a) {
        long ptr = a.ptr(0);
        if (ptr == 0 || ptr + 4 > SandboxMemory.SIZE) throw new SyscallException(Errno.EFAULT);
        p.setTls1(ptr);
        return 0;
    }

    /** tls_get (84): the thread pointer (fast path, §4.1). */
    public static int tlsGet(NaclProcess p, SyscallArgs a) { return (int) p.tls1(); }

    /** second_tls_set (85) (§4.2). */
    public static int secondTlsSet(NaclProcess p, SyscallArgs a) {
        p.setTls2(a.u32(0));
        return 0;
    }

    /** second_tls_get (86): fast path, §4.1. */
    public static int secondTlsGet(NaclProcess p, SyscallArgs a) { return (int) p.tls2(); }
}
