package jnbox.syscalls.run;

import jnbox.elf.load.IrtHost;
import jnbox.emu.mem.Prot;
import jnbox.syscalls.SyscallException;
import jnbox.syscalls.mem.AddressSpace;
import jnbox.vfs.VfsException;

/**
 * The runtime calls the IRT loader makes (spec/nacl-abi.md §1.5), served by the same code as
 * the guest's dyncode_create, mmap and mprotect, so an IRT lands as guest-made code would.
 */
public final class IrtServices implements IrtHost {
    private final NaclProcess process;

    public IrtServices(NaclProcess process) { this.process = process; }

    @Override
    public int dyncodeCreate(long dest, byte[] code) {
        try {
            process.dynamicText().create(dest, code);
            return 0;
        } catch (SyscallException e) {
            return -e.errno();
        }
    }

    @Override
    public long mmapAnonymous(long hint, long size) {
        try {
            long len = AddressSpace.roundUp(size);
            long addr = process.space().place(AddressSpace.truncate(hint), len);
            if (addr < process.space().dynamicTextEnd()) return -jnbox.vfs.Errno.EINVAL;
            process.space().map(addr, len, Prot.RW, Prot.RW, null, false);
            return addr;
        } catch (SyscallException e) {
            return -e.errno();
        } catch (VfsException e) {
            return -e.errno();
        }
    }

    @Override
    public int mprotectReadOnly(long addr, long size) {
        try {
            process.space().mprotect(addr, size, Prot.READ);
            return 0;
        } catch (SyscallException e) {
            return -e.errno();
        }
    }
}
