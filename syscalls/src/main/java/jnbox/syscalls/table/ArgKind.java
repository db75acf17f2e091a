package jnbox.syscalls.table;

/**
 * What a syscall argument means, which decides how a trace prints it (strace style). Kinds named
 * {@code *_OUT} point at memory the call fills in, so they are printed after the call.
 */
public enum ArgKind {
    /** A file descriptor, decimal. */
    FD,
    /** A signed 32-bit integer. */
    INT,
    /** An unsigned 32-bit length or count. */
    LEN,
    /** An unsigned 32-bit value best read in hex (addresses given by value, brk). */
    HEX,
    /** A pointer the trace does not follow: 0x... or NULL. */
    PTR,
    /** Bytes the call reads; their count is the next LEN argument. */
    BUF_IN,
    /** Bytes the call writes; their count is the result. */
    BUF_OUT,
    /** A NUL-terminated path. */
    PATH,
    /** open() flags: O_RDONLY|O_CREAT... */
    OPEN_FLAGS,
    /** A file mode, octal. */
    MODE,
    /** lseek whence: SEEK_SET... */
    WHENCE,
    /** Pointer to an int64 the call reads and may update (lseek offset), printed as [value]. */
    I64_INOUT,
    /** Pointer to an int64 the call reads (mmap offset, ftruncate length). */
    I64_IN,
    /** Pointer to an int32 the call writes (sysconf result). */
    I32_OUT,
    /** mmap/mprotect protection: PROT_READ|PROT_WRITE. */
    PROT,
    /** mmap flags: MAP_PRIVATE|MAP_ANONYMOUS. */
    MAP_FLAGS,
    /** A clock id: CLOCK_MONOTONIC... */
    CLOCK,
    /** A sysconf name: _SC_PAGESIZE... */
    SYSCONF_NAME,
    /** A struct nacl_abi_stat the call fills in. */
    STAT_OUT,
    /** A struct nacl_abi_timespec the call reads. */
    TIMESPEC_IN,
    /** A struct nacl_abi_timespec the call fills in. */
    TIMESPEC_OUT,
    /** A struct nacl_abi_timeval the call fills in. */
    TIMEVAL_OUT,
    /** A buffer of nacl_abi_dirent records; the result is their total size. */
    DIRENTS_OUT
}
