package jnbox.syscalls.run;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Engine;
import jnbox.emu.mem.GuestFault;
import jnbox.emu.mem.SandboxMemory;
import jnbox.syscalls.SyscallException;
import jnbox.syscalls.calls.TlsCalls;
import jnbox.syscalls.table.SyscallArgs;
import jnbox.syscalls.table.SyscallEntry;
import jnbox.syscalls.table.SyscallTable;
import jnbox.syscalls.trace.Strace;
import jnbox.vfs.Errno;
import jnbox.vfs.VfsException;

/**
 * What happens between a guest {@code call} of a trampoline and the return to untrusted code
 * (spec/nacl-abi.md §4.1): the red-zone stores of the trampoline and the entry code, the call
 * through the table, and the register state of the return, including the tls_get fast paths.
 */
public final class SyscallGate {
    /** Slot 2047 (0x1FFE0) is never patched: it stays HLT (§2). */
    static final int LAST_SLOT = 2046;
    /** rflags after the return path's {@code xor}: ZF and PF set, the rest clear (§4.1). */
    static final long XOR_FLAGS = CpuState.ZF | CpuState.PF;
    /** Argument registers in order: the function-call order, 4th in rcx (§4.1). */
    private static final int[] ARG_REGS = {CpuState.RDI, CpuState.RSI, CpuState.RDX, CpuState.RCX, CpuState.R8, CpuState.R9};

    private final NaclProcess process;
    private final SyscallTable table;
    private final Strace strace;
    private final SyscallArgs args = new SyscallArgs();

    /** @param strace null when not tracing */
    public SyscallGate(NaclProcess process, SyscallTable table, Strace strace) {
        this.process = process;
        this.table = table;
        this.strace = strace;
    }

    /**
     * Serves the syscall whose trampoline {@code cpu.rip} reached. Throws {@link GuestFault} when
     * untrusted code would have faulted on the way (HLT slot, unwritable stack); the process's
     * {@link NaclProcess#exited()} tells whether the program ended.
     */
    public void enter(CpuState cpu) {
        SandboxMemory mem = process.memory();
        long user = cpu.rip - SandboxMemory.BASE;
        long slot = (user - Engine.TRAMPOLINE_START) >> 5;
        if ((user & 31) != 0 || slot < 0 || slot > LAST_SLOT) {
            // Mid-slot bytes or the HLT slot: executing them faults in user mode (§6.3).
            throw new GuestFault(GuestFault.Kind.HALT, GuestFault.SIGSEGV, cpu.rip, "hlt in the trampoline region");
        }
        int number = (int) slot;
        long rsp = cpu.r[CpuState.RSP];
        if (number == TlsCalls.TLS_GET || number == TlsCalls.SECOND_TLS_GET) {
            fastPath(cpu, number == TlsCalls.TLS_GET ? process.tls1() : process.tls2(), mem.read64(rsp));
            return;
        }
        // The trampoline stores its own address, the entry code the six argument words (§4.1).
        mem.write32(rsp - 8, (int) user);
        for (int i = 0; i < 6; i++) {
            mem.write32(rsp - 0x20 + 4L * i, (int) cpu.r[ARG_REGS[i]]);
            args.set(i, cpu.r[ARG_REGS[i]]);
        }
        // Those are runtime stores: engines that mirror guest memory (Unicorn) learn of them only through
        // writeUser's change notice; without it their next copy-back of the stack page undoes them.
        byte[] frame = new byte[0x20];
        mem.peek(rsp - 0x20 - SandboxMemory.BASE, frame, 0, frame.length);
        mem.writeUser(rsp - 0x20 - SandboxMemory.BASE, frame, 0, frame.length);
        long ret = mem.read64(rsp);
        SyscallEntry entry = table.get(number);
        Strace.Pending pending = strace != null ? strace.before(number, entry, args) : null;
        int result = dispatch(number, entry);
        if (pending != null) strace.after(pending, result);
        if (process.exited()) return;
        normalReturn(cpu, result, ret);
    }

    private int dispatch(int number, SyscallEntry entry) {
        if (number >= SyscallTable.LIMIT) return -Errno.EINVAL;
        if (entry == null) return -Errno.ENOSYS;
        try {
            return entry.handler().call(process, args);
        } catch (SyscallException e) {
            return -e.errno();
        } catch (VfsException e) {
            return -e.errno();
        }
    }

    /** The register state after an ordinary syscall (§4.1). */
    static void normalReturn(CpuState cpu, int result, long ret) {
        long target = SandboxMemory.BASE + (((ret + 31) & ~31L) & 0xFFFF_FFFFL);
        long rsp = cpu.r[CpuState.RSP] + 8;
        long[] r = cpu.r;
        r[CpuState.RSP] = rsp;
        r[CpuState.RAX] = result & 0xFFFF_FFFFL;
        r[CpuState.RCX] = r[CpuState.RDX] = r[CpuState.RSI] = r[CpuState.R8] = r[CpuState.R9] = r[CpuState.R10] = 0;
        r[CpuState.RDI] = (rsp + 8) & 0xFFFF_FFFFL;
        r[CpuState.R11] = target;
        r[CpuState.R15] = SandboxMemory.BASE;
        cpu.setRflags(XOR_FLAGS);
        java.util.Arrays.fill(cpu.vec, 0);
        java.util.Arrays.fill(cpu.x87Mant, 0);
        java.util.Arrays.fill(cpu.x87SignExp, 0);
        cpu.fsw = 0;
        cpu.ftw = 0;
        cpu.rip = target;
    }

    /** tls_get / second_tls_get: eax, rcx, rdx, r11 and the flags change, nothing else (§4.1). */
    static void fastPath(CpuState cpu, long value, long ret) {
        long offset = ((ret + 31) & ~31L) & 0xFFFF_FFFFL;
        long target = SandboxMemory.BASE + offset;
        cpu.r[CpuState.RSP] += 8;
        cpu.r[CpuState.RAX] = value & 0xFFFF_FFFFL;
        cpu.r[CpuState.RCX] = offset;
        cpu.r[CpuState.RDX] = 0;
        cpu.r[CpuState.R11] = target;
        cpu.setRflags(XOR_FLAGS);
        cpu.rip = target;
    }
}
