package jnbox.emu.unicorn;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import jnbox.emu.decode.Decoder;
import jnbox.emu.decode.Insn;
import jnbox.emu.decode.Mnemonic;
import jnbox.emu.mem.SandboxMemory;

/**
 * How many instructions a Unicorn translation block holds, from its start address and byte size
 * (what {@code UC_HOOK_BLOCK} reports), by decoding the block's bytes with jnbox's decoder once
 * and caching the result per (address, size). Unicorn reports block sizes in bytes only.
 *
 * <p>QEMU runs one iteration of a REP string instruction per block execution and re-enters the same
 * block for the next; jnbox counts a REP instruction once (as the interpreter does), so
 * {@link #isRepString} tells the engine which re-entries to ignore.
 */
final class BlockCounter {
    private final SandboxMemory memory;
    private final Decoder decoder = new Decoder();
    private final Long2IntOpenHashMap cache = new Long2IntOpenHashMap();
    /** A cached value: instruction count (bits 0-15), offset of the last instruction (bits 16-30), REP_STRING. */
    private static final int REP_STRING = 1 << 31;
    /** Set by decodeCount: the first instruction is a REP string instruction. */
    private boolean repString;
    private int lastOffset;
    private final byte[] buf = new byte[64 * 1024 + Decoder.MAX_LENGTH];

    BlockCounter(SandboxMemory memory) {
        this.memory = memory;
        cache.defaultReturnValue(-1);
    }

    /** Instructions in the block of {@code size} bytes at sys address {@code sys}. */
    int count(long sys, int size) {
        return count(entry(sys, size));
    }

    /** True when the block starts with a REP-prefixed string instruction (MOVS, STOS, LODS, CMPS, SCAS). */
    boolean startsWithRepString(long sys, int size) {
        return startsWithRepString(entry(sys, size));
    }

    // Accessors of an entry, so the block hook looks the block up once.
    static int count(int entry) { return entry & 0xFFFF; }

    /** Offset of the block's last instruction from its start. */
    static int lastOffset(int entry) { return entry >>> 16 & 0x7FFF; }

    static boolean startsWithRepString(int entry) { return (entry & REP_STRING) != 0; }

    /** The cached facts about the block at {@code sys} of {@code size} bytes (decoded on first use). */
    int entry(long sys, int size) {
        long key = sys ^ ((long) size << 48);
        int e = cache.get(key);
        if (e == -1) {
            e = decodeCount(sys, size, Long.MAX_VALUE) | lastOffset << 16;
            if (repString) e |= REP_STRING;
            cache.put(key, e);
        }
        return e;
    }

    /** Instructions of the block [blockStart, blockStart+blockSize) that lie before {@code pc} (0 when pc is not in it). */
    int before(long blockStart, int blockSize, int blockInsns, long pc) {
        if (blockStart < 0 || pc <= blockStart || pc >= blockStart + blockSize) return 0;
        return Math.min(blockInsns, decodeCount(blockStart, (int) (pc - blockStart), pc));
    }

    /**
     * Length of the instruction at sys address {@code sys}; 0 when it does not decode or is HLT, after
     * which Unicorn stops with rip past it on its own (an "until" there would hide the HLT).
     */
    int lengthAt(long sys) {
        long user = sys - SandboxMemory.BASE;
        if ((user >>> 32) != 0) return 0;
        int len = (int) Math.min(Decoder.MAX_LENGTH, SandboxMemory.SIZE - user);
        memory.peek(user, buf, 0, len);
        Insn insn = decoder.decode(buf, 0, len);
        return insn == null || insn.mnemonic() == Mnemonic.HLT ? 0 : insn.length();
    }

    void clear() {
        cache.clear();
    }

    /** Counts instruction starts in [sys, sys+size), stopping at {@code stopAt}. */
    private int decodeCount(long sys, int size, long stopAt) {
        long user = sys - SandboxMemory.BASE;
        repString = false;
        lastOffset = 0;
        if ((user >>> 32) != 0 || size <= 0 || size > 0x7FFF) return 1;
        int len = (int) Math.min(Math.min((long) size + Decoder.MAX_LENGTH, buf.length), SandboxMemory.SIZE - user);
        memory.peek(user, buf, 0, len);
        int n = 0;
        repString = false;
        lastOffset = 0;
        for (int off = 0; off < size && sys + off < stopAt; n++) {
            Insn insn = decoder.decode(buf, off, len);
            lastOffset = off;
            if (off == 0 && insn != null && (insn.rep() || insn.repne())) {
                Mnemonic m = insn.mnemonic();
                repString = m == Mnemonic.MOVS || m == Mnemonic.STOS || m == Mnemonic.LODS || m == Mnemonic.CMPS || m == Mnemonic.SCAS;
            }
            // An undecodable instruction ends the block (Unicorn raises #UD there): count it once.
            off += insn == null ? size : insn.length();
        }
        return n;
    }
}
