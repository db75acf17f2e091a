package jnbox.syscalls.calls;

import static jnbox.syscalls.mem.AddressSpace.MAP_ANONYMOUS;
import static jnbox.syscalls.mem.AddressSpace.MAP_FIXED;
import static jnbox.syscalls.mem.AddressSpace.MAP_PAGE;
import static jnbox.syscalls.mem.AddressSpace.MAP_PRIVATE;
import static jnbox.syscalls.mem.AddressSpace.MAP_SHARED;

import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import jnbox.vfs.Errno;
import jnbox.syscalls.SyscallException;
import jnbox.syscalls.mem.AddressSpace;
import jnbox.syscalls.run.NaclProcess;
import jnbox.syscalls.table.SyscallArgs;
import jnbox.vfs.VFile;

/** Memory syscalls: brk, mmap, munmap, mprotect (spec/nacl-abi.md §4.6). */
public final class MemoryCalls {
    private MemoryCalls() {}

    /** brk (20): always returns the break after the call (§4.6). */
    public static int brk(NaclProcess p, SyscallArgs a) {
        return (int) p.space().brk(a.u32(0));
    }

    /**
     * mmap (21), following §4.6's steps in order. Anonymous and file-backed mappings; a file
     * mapping is a private copy (MAP_SHARED writes are not written back). PROT_EXEC maps whole
     * 64 KiB pages of a file into the dynamic-text region as validated code (rule 11), without
     * sel_ldr's fallback to copying part-valid code.
     */
    public static int mmap(NaclProcess p, SyscallArgs a) {
        long addr = a.ptr(0);
        long length = a.len(1);
        int prot = a.i32(2);
        int flags = a.i32(3) & (MAP_FIXED | MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS);
        long offset = p.user().readI64(a.ptr(5));                                     // 1
        VFile file = (flags & MAP_ANONYMOUS) == 0 ? p.fds().get(a.fd(4)) : null;   // 2
        boolean code = (prot & Prot.EXEC) != 0;
        if ((prot & ~(Prot.RW | Prot.EXEC)) != 0) throw new SyscallException(Errno.EINVAL);
        if (code && ((flags & MAP_FIXED) == 0 || file == null || (prot & Prot.WRITE) != 0   // 3
                || !p.dynamicText().holds(addr, length))) {
            throw new SyscallException(Errno.EINVAL);
        }
        if (addr % MAP_PAGE != 0) {                                                     // 4
            if ((flags & MAP_FIXED) != 0) throw new SyscallException(Errno.EINVAL);
            addr = AddressSpace.truncate(addr);
        }
        if (offset < 0 || offset % MAP_PAGE != 0) throw new SyscallException(Errno.EINVAL); // 5
        long size = AddressSpace.roundUp(length);                                       // 6
        if (size == 0 || size > SandboxMemory.SIZE || (code && size != length)) throw new SyscallException(Errno.EINVAL);
        long fileSize = 0;
        if (file != null) {                                                             // 7
            if (!file.stat().isRegular()) throw new SyscallException(Errno.ENODEV);
            fileSize = file.stat().size();
            if (offset > fileSize) throw new SyscallException(Errno.EINVAL);
        }
        if ((flags & MAP_FIXED) == 0) addr = p.space().place(addr, size);               // 8
        if (addr + size > SandboxMemory.SIZE) throw new SyscallException(Errno.EINVAL);
        if (!code && addr < p.space().dynamicTextEnd()) throw new SyscallException(Errno.EINVAL); // 9
        if (((flags & MAP_SHARED) != 0) == ((flags & MAP_PRIVATE) != 0)) {             // 10
            throw new SyscallException(Errno.EINVAL);
        }
        if (code) {                                                                     // 6, 11
            if (fileSize - offset < size) throw new SyscallException(Errno.EINVAL);
            byte[] bytes = new byte[(int) size];
            if (file.pread(bytes, 0, bytes.length, offset) != bytes.length) throw new SyscallException(Errno.EINVAL);
            p.dynamicText().mapCode(addr, bytes);
            return (int) addr;
        }
        // sel_ldr's host mmap refuses a shared writable mapping of an fd opened O_RDONLY (EACCES, as
        // Linux mmap(2)); jnbox's copy would never write back, but the guest must get the same answer
        if (file != null && (flags & MAP_SHARED) != 0 && (prot & Prot.WRITE) != 0 && file.isReadOnlyOpen()) {
            throw new SyscallException(Errno.EACCES);
        }
        p.space().checkCommit(addr, size);
        byte[] content = null;
        if (file != null) {
            long want = Math.min(size, fileSize - offset);
            if (want > Integer.MAX_VALUE - 8) throw new SyscallException(Errno.ENOMEM);
            byte[] b = new byte[(int) want];
            int n = b.length == 0 ? 0 : file.pread(b, 0, b.length, offset);
            content = n == b.length ? b : java.util.Arrays.copyOf(b, Math.max(n, 0));
        }
        p.space().map(addr, size, prot, Prot.RW, content, file != null);                // 12
        return (int) addr;                                                              // 13
    }

    /** munmap (22) (§4.6). */
    public static int munmap(NaclProcess p, SyscallArgs a) {
        p.space().munmap(a.ptr(0), a.len(1));
        return 0;
    }

    /** mprotect (24) (§4.6). */
    public static int mprotect(NaclProcess p, SyscallArgs a) {
        p.space().mprotect(a.ptr(0), a.len(1), a.i32(2));
        return 0;
    }
}
