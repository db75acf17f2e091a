package jnbox.emu.interp;

/** A straight-line run of decoded instructions starting at {@link #start}, ended by a control transfer. */
final class Block {
    final long start;
    final Uop[] uops;
    final long generation;

    Block(long start, Uop[] uops, long generation) {
        this.start = start;
        this.uops = uops;
        this.generation = generation;
    }
}
