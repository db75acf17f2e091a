package jnbox.elf.load;

import jnbox.emu.mem.Prot;

/**
 * One fixed mapping made by the loader, as sel_ldr records it in its memory map
 * ({@code NaClMemoryProtection}, spec/nacl-abi.md §2). {@code prot} is NaCl's protection for the
 * region; two regions differ in {@link jnbox.emu.mem.SandboxMemory}: the trampolines are mapped
 * READ only there (the engine turns a fetch from them into a syscall exit), and the dynamic-text
 * pages stay unmapped until dyncode installs code in them.
 *
 * @param start user address, 4 KiB aligned
 * @param end   exclusive
 */
public record MemoryRegion(Kind kind, long start, long end, int prot) {
    public enum Kind { NULL_GUARD, TRAMPOLINES, TEXT, DYNAMIC_TEXT, RODATA, DATA, STACK }

    public long size() { return end - start; }

    public boolean contains(long user) { return user >= start && user < end; }

    @Override
    public String toString() {
        return String.format("%08x-%08x %-15s %s", start, end, Prot.toString(prot), kind.name().toLowerCase());
    }
}
