package jnbox.emu.unicorn;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import jnbox.emu.decode.Decoder;
import jnbox.emu.decode.Insn;
import jnbox.emu.mem.SandboxMemory;

/**
 * How many instructions a Unicorn translation block holds, from its start address and byte size
 * (what {@code UC_HOOK_BLOCK} reports), by decoding the block's bytes with jnbox's decoder once
 * and caching the result per (address, size). Unicorn reports block sizes in bytes only.
 */
final class BlockCounter {
    private final SandboxMemory memory;
    private final Decoder decoder = new Decoder();
    private final Long2IntOpenHashMap cache = new Long2IntOpenHashMap();
    private final byte[] buf = new byte[64 * 1024 + Decoder.MAX_LENGTH];

    BlockCounter(SandboxMemory memory) {
        this.memory = memory;
        cache.defaultReturnValue(-1);
    }

    /** Instructions in the block of {@code size} bytes at sys address {@code sys}. */
    int count(long sys, int size) {
        long key = sys ^ ((long) size << 48);
        int n = cache.get(key);
        if (n < 0) {
            n = decodeCount(sys, size, Long.MAX_VALUE);
            cache.put(key, n);
        }
        return n;
    }

    /** Instructions of the block [blockStart, blockStart+blockSize) that lie before {@code pc} (0 when pc is not in it). */
    int before(long blockStart, int blockSize, int blockInsns, long pc) {
        if (blockStart < 0 || pc <= blockStart || pc >= blockStart + blockSize) return 0;
        return Math.min(blockInsns, decodeCount(blockStart, (int) (pc - blockStart), pc));
    }

    void clear() {
        cache.clear();
    }

    /** Counts instruction starts in [sys, sys+size), stopping at {@code stopAt}. */
    private int decodeCount(long sys, int size, long stopAt) {
        long user = sys - SandboxMemory.BASE;
        if ((user >>> 32) != 0 || size <= 0) return 1;
        int len = (int) Math.min(Math.min((long) size + Decoder.MAX_LENGTH, buf.length), SandboxMemory.SIZE - user);
        memory.peek(user, buf, 0, len);
        int n = 0;
        for (int off = 0; off < size && sys + off < stopAt; n++) {
            Insn insn = decoder.decode(buf, off, len);
            // An undecodable instruction ends the block (Unicorn raises #UD there): count it once.
            off += insn == null ? size : insn.length();
        }
        return n;
    }
}
