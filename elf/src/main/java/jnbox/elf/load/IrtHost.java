package jnbox.elf.load;

/**
 * The runtime services the IRT loader needs (spec/nacl-abi.md §1.5): the same calls sel_ldr's
 * {@code NaClElfImageLoadDynamically} makes on the service runtime. The runtime implements them
 * with its dyncode and mmap code, so an IRT lands exactly as guest-made code and mappings would.
 */
public interface IrtHost {
    /**
     * {@code dyncode_create(dest, code, code.length)} from trusted code (§4.7): checks, validates
     * and installs; returns 0 or a negative NaCl errno.
     */
    int dyncodeCreate(long dest, byte[] code);

    /**
     * {@code mmap(hint, size, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)} without
     * MAP_FIXED (§4.6): returns the address chosen (the IRT loader requires it to be the hint) or a
     * negative NaCl errno. The pages must be mapped in the SandboxMemory passed to the loader.
     */
    long mmapAnonymous(long hint, long size);

    /** {@code mprotect(addr, size, PROT_READ)} (§4.6): 0 or a negative NaCl errno. */
    int mprotectReadOnly(long addr, long size);
}
