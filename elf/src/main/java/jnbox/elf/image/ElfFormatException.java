package jnbox.elf.image;

/** A refusal found while reading the ELF header or program header table ({@code NaClElfImageNew}). */
public final class ElfFormatException extends LoadException {
    public ElfFormatException(LoadError error, String detail) {
        super(error, detail);
    }
}
