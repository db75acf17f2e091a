package jnbox.syscalls;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import jnbox.elf.image.LoadException;
import jnbox.elf.load.IrtLoader;
import jnbox.elf.load.LoadedNexe;
import jnbox.elf.load.NexeLoader;
import jnbox.elf.load.TextValidator;
import jnbox.elf.load.ValidationMode;
import jnbox.elf.validate.Validator;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Engine;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.GuestFault;
import jnbox.emu.mem.SandboxMemory;
import jnbox.syscalls.fd.FdTable;
import jnbox.syscalls.fd.HostChannelFile;
import jnbox.syscalls.fd.StreamInput;
import jnbox.syscalls.fd.StreamOutput;
import jnbox.syscalls.mem.AddressSpace;
import jnbox.syscalls.mem.DynamicText;
import jnbox.syscalls.run.IrtServices;
import jnbox.syscalls.run.NaclProcess;
import jnbox.syscalls.run.SyscallGate;
import jnbox.syscalls.startup.InitialState;
import jnbox.syscalls.startup.StartupBlock;
import jnbox.syscalls.time.GuestClock;
import jnbox.syscalls.time.GuestRandom;
import jnbox.syscalls.trace.Strace;
import jnbox.vfs.VFile;
import jnbox.vfs.Vfs;

/**
 * One sandboxed run of a nexe, the embedding API: load and validate (sel_ldr's order, spec
 * §6.2), build the startup block and registers (§3), then alternate between the engine and the
 * syscall table until the guest exits, faults or exhausts its instruction budget.
 *
 * <pre>{@code
 * int status = new Sandbox(SandboxConfig.builder(nexe).stdout(out).args(List.of("x")).build()).run();
 * }</pre>
 *
 * {@link #run()} returns the exit status of {@link ExitCodes}; it prints sel_ldr's messages
 * (load errors, {@code ** Signal 11 from untrusted code}) on the configured stderr and never
 * throws for anything the guest or its nexe does.
 */
public final class Sandbox {
    /** Instructions per engine call between checks of the instruction limit. */
    static final long SLICE = 1L << 22;
    /** Distinct pseudo-inodes for the three standard streams. */
    private static final long STDIO_INO = 0x6A6E6278_00L;

    private final SandboxConfig config;
    private final PrintStream err;

    public Sandbox(SandboxConfig config) {
        this.config = config;
        this.err = config.stderr() instanceof PrintStream ps ? ps : new PrintStream(config.stderr(), true);
    }

    public int run() {
        try {
            return runChecked();
        } catch (OutOfMemoryError e) {
            err.println("jnbox: internal error: out of Java heap (" + e.getMessage() + "); give the JVM more memory (-Xmx)");
            return ExitCodes.INTERNAL_ERROR;
        } catch (RuntimeException | StackOverflowError e) {
            err.println("jnbox: internal error: " + e);
            return ExitCodes.INTERNAL_ERROR;
        }
    }

    private int runChecked() {
        PrintStream log = config.log();
        if (config.validation() == ValidationMode.SKIP) {
            err.println("jnbox: WARNING: validation is OFF (--no-validate): the guest is NOT sandboxed against jumps into unchecked code");
        }
        Vfs files;
        try {
            files = Vfs.create(config.mounts());
        } catch (IllegalArgumentException | jnbox.vfs.VfsException e) {
            err.println("jnbox: -m: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (!config.cwd().equals("/")) {
            try {
                files.chdir(config.cwd());
            } catch (jnbox.vfs.VfsException e) {
                err.println("jnbox: cannot start in directory " + config.cwd() + ": " + e.getMessage());
                files.close();
                return ExitCodes.USAGE;
            }
        }
        if (config.verbosity() > 0) {
            if (config.mounts().isEmpty()) {
                log.println("jnbox: no -m given: the guest sees an empty read-only / and no host file");
            } else {
                log.print(files.describeMounts());
            }
        }
        try {
            return runLoaded(files);
        } finally {
            files.close();
        }
    }

    private int runLoaded(Vfs files) {
        PrintStream log = config.log();

        SandboxMemory memory = new SandboxMemory();
        LoadedNexe nexe;
        try {
            TextValidator validator = config.validation() == ValidationMode.SKIP ? null : TextValidator.nacl(new Validator());
            nexe = new NexeLoader(validator, config.validation()).load(config.nexe(), memory);
        } catch (LoadException e) {
            for (String p : e.problems()) err.println(p);
            err.println(e.errorLine(config.nexe().toString()));
            for (String h : LoadException.WRONG_NEXE_HINT) err.println(h);
            if (config.verbosity() > 0 && !e.detail().isEmpty()) log.println("jnbox: " + e.detail());
            return ExitCodes.LOAD_ERROR;
        }
        for (String p : nexe.validationProblems()) err.println(p);
        if (!nexe.validationProblems().isEmpty()) err.println("VALIDATION FAILED: continuing anyway...");
        if (config.verbosity() > 0) log.print(nexe.describeMemory());

        FdTable fds = new FdTable();
        fds.put(0, new StreamInput(config.stdin(), STDIO_INO));
        fds.put(1, new StreamOutput(config.stdout(), STDIO_INO + 1));
        fds.put(2, new StreamOutput(config.stderr(), STDIO_INO + 2));
        if (!redirect(fds)) return ExitCodes.USAGE;

        CpuState cpu = new CpuState();
        GuestClock clock = config.deterministic() ? GuestClock.deterministic(() -> cpu.icount) : GuestClock.host();
        GuestRandom random = config.deterministic() ? GuestRandom.seeded(config.seed()) : GuestRandom.secure();
        NaclProcess process = new NaclProcess(memory, cpu, fds, new AddressSpace(memory, nexe.dynamicTextEnd(), nexe.initialBreak()),
                files, clock, random, config.deterministic());
        process.setDynamicText(new DynamicText(memory, config.validation() == ValidationMode.SKIP ? null : new Validator(),
                nexe.dynamicTextStart(), nexe.dynamicTextEnd()));
        process.setTls1(nexe.initialBreak());

        // §3.1: auxv (AT_BASE, dynamic text start); with an IRT first (AT_ENTRY, the nexe's entry), and the IRT's entry runs first
        long entry = nexe.entry();
        long[][] auxv = {{StartupBlock.AT_BASE, nexe.dynamicTextStart()}};
        if (config.irt() != null) {
            try {
                IrtLoader.LoadedIrt irt = IrtLoader.load(config.irt(), nexe, memory, new IrtServices(process));
                entry = irt.entry();
                auxv = new long[][] {{StartupBlock.AT_ENTRY, irt.userEntry()}, {StartupBlock.AT_BASE, nexe.dynamicTextStart()}};
            } catch (LoadException e) {
                err.println(e.errorLine(config.irt().toString()));
                if (config.verbosity() > 0 && !e.detail().isEmpty()) log.println("jnbox: " + e.detail());
                return ExitCodes.LOAD_ERROR;
            }
        }
        List<String> argv = new ArrayList<>();
        argv.add(config.argv0());
        argv.addAll(config.args());
        StartupBlock block;
        try {
            block = StartupBlock.build(nexe.initialStackTop(), argv, config.env(), auxv);
        } catch (IllegalArgumentException e) {
            err.println("jnbox: " + e.getMessage());
            return ExitCodes.LOAD_ERROR;
        }
        memory.poke(block.address(), block.bytes(), 0, block.bytes().length);
        InitialState.apply(cpu, entry, block.address());
        Strace strace = config.strace() != null ? new Strace(memory, config.strace()) : null;
        SyscallGate gate = new SyscallGate(process, NaclSyscalls.table(), strace);
        Engine engine = config.engineFactory().apply(memory);
        long started = System.nanoTime();
        try {
            return loop(engine, cpu, gate, process);
        } finally {
            if (config.verbosity() > 0) {
                long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
                log.printf("jnbox: %d instructions in %d ms (%.1f MIPS), engine %s%n", cpu.icount, ms, cpu.icount / (ms * 1000.0), engine.name());
            }
            fds.closeAll();
            if (config.strace() != null) config.strace().flush();
        }
    }

    private int loop(Engine engine, CpuState cpu, SyscallGate gate, NaclProcess process) {
        long limit = config.maxInstructions();
        while (true) {
            long slice = limit > 0 ? Math.min(SLICE, limit - cpu.icount) : SLICE;
            if (slice <= 0) {
                err.printf("jnbox: instruction limit reached: %d instructions executed, pc=0x%x%n", cpu.icount, cpu.rip - SandboxMemory.BASE);
                return ExitCodes.INSTRUCTION_LIMIT;
            }
            Exit exit;
            try {
                exit = engine.run(cpu, slice);
            } catch (GuestFault f) {
                // engines report faults as FAULT exits; this catches one that escaped
                return fault(f.signal(), cpu.rip);
            }
            switch (exit.kind()) {
                case SYSCALL -> {
                    try {
                        gate.enter(cpu);
                    } catch (GuestFault f) {
                        return fault(f.signal(), cpu.rip);
                    }
                    if (process.exited()) return process.exitStatus();
                }
                case BUDGET -> { }
                case FAULT -> {
                    return fault(exit.signal(), exit.pc());
                }
                case UNIMPLEMENTED -> {
                    err.printf("jnbox: unimplemented instruction %s at 0x%x%n", exit.detail(), exit.pc() - SandboxMemory.BASE);
                    return ExitCodes.UNIMPLEMENTED;
                }
                case INTERRUPTED -> {
                    err.println("jnbox: interrupted");
                    return ExitCodes.INTERNAL_ERROR;
                }
            }
        }
    }

    /** sel_ldr's report of an unhandled signal in untrusted code (spec/nacl-abi.md §6.3). */
    private int fault(int signal, long pc) {
        err.printf("%n** Signal %d from untrusted code: pc=%x%n", signal, pc);
        err.flush();
        return ExitCodes.forSignal(signal);
    }

    /** Applies -h/-r/-w; false (after a one-line message) when a host file cannot be opened. */
    private boolean redirect(FdTable fds) {
        for (Redirect r : config.redirects()) {
            VFile f;
            if (r.target() == null) {
                f = switch (r.stdio()) {
                    case 0 -> new StreamInput(config.stdin(), STDIO_INO);
                    case 1 -> new StreamOutput(config.stdout(), STDIO_INO + 1);
                    default -> new StreamOutput(config.stderr(), STDIO_INO + 2);
                };
            } else {
                try {
                    f = switch (r.mode()) {
                        case READ -> new HostChannelFile(FileChannel.open(r.target(), StandardOpenOption.READ), true, false);
                        case WRITE -> new HostChannelFile(FileChannel.open(r.target(), StandardOpenOption.WRITE,
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND), false, true);
                        case READ_WRITE -> new HostChannelFile(FileChannel.open(r.target(), StandardOpenOption.READ,
                                StandardOpenOption.WRITE, StandardOpenOption.CREATE), true, true);
                    };
                } catch (IOException | RuntimeException e) {
                    err.println("jnbox: cannot open " + r.target() + " for fd " + r.fd() + ": " + e.getMessage());
                    return false;
                }
            }
            fds.put(r.fd(), f);
        }
        return true;
    }
}
