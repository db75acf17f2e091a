package jnbox.syscalls.run;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.mem.SandboxMemory;
import jnbox.vfs.Errno;
import jnbox.syscalls.SyscallException;
import jnbox.syscalls.fd.FdTable;
import jnbox.syscalls.mem.AddressSpace;
import jnbox.syscalls.mem.DynamicText;
import jnbox.syscalls.time.GuestClock;
import jnbox.syscalls.time.GuestRandom;
import jnbox.vfs.Vfs;

/**
 * Everything a syscall may touch: guest memory, the fd table, the mapping table, files, clocks,
 * randomness, TLS values and the exit status. One per sandboxed program (single-threaded for
 * now: {@link #cpu()} is the main thread).
 */
public final class NaclProcess {
    private final SandboxMemory memory;
    private final UserMemory user;
    private final CpuState cpu;
    private final FdTable fds;
    private final AddressSpace space;
    private DynamicText dynamicText;
    private final Vfs files;
    private final GuestClock clock;
    private final GuestRandom random;
    private final boolean deterministic;
    private long tls1, tls2;
    private boolean exited;
    private int exitStatus;

    /**
     * @param files the mounts (an empty read-only root when no -m was given), or null to make
     *     every path syscall EACCES as sel_ldr does without -m/-a (§4.10)
     */
    public NaclProcess(SandboxMemory memory, CpuState cpu, FdTable fds, AddressSpace space, Vfs files,
                       GuestClock clock, GuestRandom random, boolean deterministic) {
        this.memory = memory;
        this.user = new UserMemory(memory);
        this.cpu = cpu;
        this.fds = fds;
        this.space = space;
        this.files = files;
        this.clock = clock;
        this.random = random;
        this.deterministic = deterministic;
    }

    public SandboxMemory memory() { return memory; }

    public UserMemory user() { return user; }

    public CpuState cpu() { return cpu; }

    public FdTable fds() { return fds; }

    public AddressSpace space() { return space; }

    /** The dynamic-text region (dyncode_create, -B). */
    public DynamicText dynamicText() { return dynamicText; }

    public void setDynamicText(DynamicText d) { dynamicText = d; }

    /** True when mounts were given: sysconf(_SC_NACL_FILE_ACCESS_ENABLED) = 1 (§4.8). */
    public boolean fileAccess() { return files != null && files.hasUserMounts(); }

    /**
     * The mounts. Without {@code -m} the runtime passes a Vfs holding only an empty read-only
     * {@code /}; a null Vfs (unit tests) makes every path call EACCES, as sel_ldr does (§4.10).
     */
    public Vfs files() {
        if (files == null) throw new SyscallException(Errno.EACCES);
        return files;
    }

    public GuestClock clock() { return clock; }

    public GuestRandom random() { return random; }

    public boolean deterministic() { return deterministic; }

    /** The thread pointer of tls_init/tls_get (§3.2: the main thread starts with the initial break). */
    public long tls1() { return tls1; }

    public void setTls1(long v) { tls1 = v & 0xFFFF_FFFFL; }

    /** The second TLS value of second_tls_set/get. */
    public long tls2() { return tls2; }

    public void setTls2(long v) { tls2 = v & 0xFFFF_FFFFL; }

    /** exit(status): the run ends after this syscall with {@code status & 0xFF} (§6.3). */
    public void exit(int status) {
        exited = true;
        exitStatus = status & 0xFF;
    }

    public boolean exited() { return exited; }

    public int exitStatus() { return exitStatus; }
}
