package jnbox.syscalls.table;

/**
 * The six argument words of a syscall (rdi, rsi, rdx, rcx, r8, r9), of which sel_ldr reads only
 * the low 32 bits (spec/nacl-abi.md §4.1), with typed accessors.
 */
public final class SyscallArgs {
    private final long[] words = new long[6];

    /** Sets argument {@code i} from a register value; only its low 32 bits are kept. */
    public void set(int i, long register) { words[i] = register & 0xFFFF_FFFFL; }

    /** The raw unsigned 32-bit word. */
    public long u32(int i) { return words[i]; }

    /** The word as a signed 32-bit integer. */
    public int i32(int i) { return (int) words[i]; }

    /** A file descriptor (signed: a negative fd is EBADF, not a huge one). */
    public int fd(int i) { return (int) words[i]; }

    /** A user address in [0, 2^32). */
    public long ptr(int i) { return words[i]; }

    /** A size_t length (unsigned 32-bit). */
    public long len(int i) { return words[i]; }
}
