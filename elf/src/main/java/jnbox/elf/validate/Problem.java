package jnbox.elf.validate;

/**
 * One validation problem: the address of the instruction (guest address of the chunk plus the
 * offset) and ncval's message text.
 */
public record Problem(long address, String message) {
    @Override
    public String toString() {
        return Long.toHexString(address) + ": " + message;
    }
}
