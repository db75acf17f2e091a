package jnbox.emu.interp;

/** A straight-line run of decoded instructions starting at {@link #start}, ended by a control transfer. */
final class Block {
    final long start;
    final Uop[] uops;
    final long generation;
    /** One-entry successor cache: the block last entered after this one, and its address. */
    Block succ;
    long succPc = -1;

    Block(long start, Uop[] uops, long generation) {
        this.start = start;
        this.uops = uops;
        this.generation = generation;
    }
}
