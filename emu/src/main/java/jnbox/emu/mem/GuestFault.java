package jnbox.emu.mem;

/**
 * A fault raised by guest code: the Java form of a hardware exception in untrusted code.
 * Engines catch it, stop at the faulting instruction and report the signal sel_ldr would
 * have reported (spec/nacl-abi.md §6.3). It carries no stack trace: it is control flow,
 * raised on the guest's behalf, never a bug of jnbox.
 */
public final class GuestFault extends RuntimeException {
    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGBUS = 7;
    public static final int SIGFPE = 8;
    public static final int SIGSEGV = 11;

    /** What went wrong, for logs and traces. */
    public enum Kind { READ, WRITE, EXEC, DIVIDE, HALT, INVALID_OPCODE, GENERAL_PROTECTION }

    private final Kind kind;
    private final int signal;
    private final long address;

    public GuestFault(Kind kind, int signal, long address, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.signal = signal;
        this.address = address;
    }

    public static GuestFault segv(Kind kind, long address) {
        return new GuestFault(kind, SIGSEGV, address, kind + " fault at 0x" + Long.toHexString(address));
    }

    public Kind kind() { return kind; }

    /** The POSIX signal number sel_ldr reports (11 SEGV, 8 FPE, 4 ILL...). */
    public int signal() { return signal; }

    /** The faulting data or code address (sys address), when there is one. */
    public long address() { return address; }
}
