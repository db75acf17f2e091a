package jnbox.syscalls.mem;

import java.util.Map;
import java.util.TreeMap;
import jnbox.elf.validate.Mode;
import jnbox.elf.validate.ValidationResult;
import jnbox.elf.validate.Validator;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import jnbox.syscalls.SyscallException;
import jnbox.vfs.Errno;

/**
 * The dynamic-text region and the code installed in it by dyncode_create
 * (spec/nacl-abi.md §1.4, §4.7, {@code nacl_text.c}). Regions are tracked in 32-byte bundles;
 * the 64 KiB pages they touch are filled with HLT and made R+X when first used.
 */
public final class DynamicText {
    private static final int BUNDLE = 32;
    private static final byte HLT = (byte) 0xF4;

    private final SandboxMemory memory;
    private final Validator validator;
    private final long start, end;
    /** Installed regions: start → end. */
    private final TreeMap<Long, Long> regions = new TreeMap<>();
    /** Starts of the regions that mmap installed (not modifiable or deletable through dyncode). */
    private final java.util.Set<Long> mapped = new java.util.HashSet<>();

    /** @param validator null when validation is switched off (--no-validate) */
    public DynamicText(SandboxMemory memory, Validator validator, long start, long end) {
        this.memory = memory;
        this.validator = validator;
        this.start = start;
        this.end = end;
    }

    /**
     * dyncode_create after the source was copied (§4.7): dest and size multiples of 32 (EINVAL),
     * [dest, dest+size) inside [start, end − 32) (EFAULT), valid code (EINVAL), no overlap with
     * earlier code (EINVAL). Returns normally when the code is installed.
     */
    public void create(long dest, byte[] code) {
        if (end <= start) throw new SyscallException(Errno.EINVAL);
        long size = code.length;
        if (dest % BUNDLE != 0 || size % BUNDLE != 0) throw new SyscallException(Errno.EINVAL);
        if (dest + size > SandboxMemory.SIZE) throw new SyscallException(Errno.EFAULT);
        if (dest < start || dest + size > end - BUNDLE) throw new SyscallException(Errno.EFAULT);
        if (size == 0) return;
        install(dest, code);
    }

    /** True when [addr, round64K(addr+len)) lies in the region: where mmap may put code (§4.6 rule 3). */
    public boolean holds(long addr, long len) {
        return end > start && addr >= start && AddressSpace.roundUp(addr + len) <= end;
    }

    /**
     * mmap of code (§4.6 rule 11): whole 64 KiB pages of file bytes, validated, installed R+X
     * and registered like dyncode_create's code (EINVAL when invalid or overlapping).
     */
    public void mapCode(long addr, byte[] code) {
        install(addr, code);
        mapped.add(addr);
    }

    /**
     * dyncode_modify (§4.7): [dest, dest+size) must lie in one region made by dyncode_create
     * (EFAULT); the enclosing bundles, patched, must be a valid replacement of the old code
     * (EINVAL): same instruction boundaries, only immediates and displacements changed.
     */
    public void modify(long dest, byte[] patch) {
        if (end <= start) throw new SyscallException(Errno.EINVAL);
        if (patch.length == 0) return;
        Map.Entry<Long, Long> r = regions.floorEntry(dest);
        if (r == null || mapped.contains(r.getKey()) || dest + patch.length > r.getValue()) throw new SyscallException(Errno.EFAULT);
        long from = dest & -BUNDLE, to = (dest + patch.length + BUNDLE - 1) & -BUNDLE;
        byte[] old = new byte[(int) (to - from)];
        memory.peek(from, old, 0, old.length);
        byte[] replacement = old.clone();
        System.arraycopy(patch, 0, replacement, (int) (dest - from), patch.length);
        if (validator != null && !validator.canReplace(old, 0, replacement, 0, old.length, from)) throw new SyscallException(Errno.EINVAL);
        memory.poke(from, replacement, 0, replacement.length);
    }

    /**
     * dyncode_delete (§4.7): size 0 only marks a checkpoint; otherwise (dest, size) must be a
     * region dyncode_create made (EFAULT). Every bundle start becomes HLT. sel_ldr frees the
     * region once every live thread has passed a delete after the request; the only thread is
     * the caller, so it is freed at once (return 0, never EAGAIN).
     */
    public void delete(long dest, long size) {
        if (end <= start) throw new SyscallException(Errno.EINVAL);
        if (size == 0) return;
        Long regionEnd = regions.get(dest);
        if (regionEnd == null || regionEnd != dest + size || mapped.contains(dest)) throw new SyscallException(Errno.EFAULT);
        byte[] hlt = {HLT};
        for (long a = dest; a < dest + size; a += BUNDLE) memory.poke(a, hlt, 0, 1);
        regions.remove(dest);
    }

    private void install(long dest, byte[] code) {
        long size = code.length;
        byte[] install = code;
        if (validator != null) {
            ValidationResult r = validator.validate(code, 0, code.length, dest, Mode.LOADER);
            if (!r.valid()) throw new SyscallException(Errno.EINVAL);
            if (r.rewritten() != null) install = r.rewritten();
        }
        Map.Entry<Long, Long> before = regions.floorEntry(dest + size - 1);
        if (before != null && before.getValue() > dest) throw new SyscallException(Errno.EINVAL);
        for (long page = AddressSpace.truncate(dest); page < dest + size; page += AddressSpace.MAP_PAGE) {
            if (!memory.isMapped(page)) {
                memory.map(page, AddressSpace.MAP_PAGE, Prot.RW);
                memory.fill(page, AddressSpace.MAP_PAGE, HLT);
                memory.protect(page, AddressSpace.MAP_PAGE, Prot.RX);
            }
        }
        memory.poke(dest, install, 0, install.length);
        regions.put(dest, dest + size);
    }
}
