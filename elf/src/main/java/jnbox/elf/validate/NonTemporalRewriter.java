package jnbox.elf.validate;

/**
 * sel_ldr's rewrites of non-temporal instructions in loader mode (spec §6.3): only REX-prefixed
 * forms found in published nexes are rewritten; anything else stays an error.
 */
final class NonTemporalRewriter {
    private NonTemporalRewriter() {
    }

    private static boolean isRex(int b) {
        return b >= 0x40 && b <= 0x4f;
    }

    /** Rewrites [p, end) in place; returns false if this instruction has no allowed rewrite. */
    static boolean rewrite(byte[] c, int p, int end, boolean restrictedIndexUsed) {
        int size = end - p;
        if (size >= 2 && (c[p] & 0xff) == 0x0f && (c[p + 1] & 0xff) == 0x18) {
            java.util.Arrays.fill(c, p, end, (byte) 0x90); // prefetchnta -> nops
            return true;
        }
        if (size >= 3 && isRex(c[p] & 0xff) && (c[p + 1] & 0xff) == 0x0f) {
            switch (c[p + 2] & 0xff) {
                case 0xe7 -> c[p + 2] = 0x7f; // movntq -> movq
                case 0x2b -> c[p + 2] = 0x29; // movntps -> movaps
                case 0xc3 -> {
                    // movnti -> mov plus a nop, keeping the end (or the start, when the instruction
                    // consumes a restricted register and must stay next to its producer).
                    if (restrictedIndexUsed) {
                        c[p + 1] = (byte) 0x89;
                        System.arraycopy(c, p + 3, c, p + 2, size - 3);
                        c[end - 1] = (byte) 0x90;
                    } else {
                        c[p + 2] = (byte) 0x89;
                        c[p + 1] = c[p];
                        c[p] = (byte) 0x90;
                    }
                }
                case 0x18 -> java.util.Arrays.fill(c, p, end, (byte) 0x90);
                default -> {
                    return false;
                }
            }
            return true;
        }
        if (size >= 4 && (c[p] & 0xff) == 0x66 && isRex(c[p + 1] & 0xff) && (c[p + 2] & 0xff) == 0x0f
                && (c[p + 3] & 0xff) == 0xe7) {
            c[p + 3] = 0x7f; // movntdq -> movdqa
            return true;
        }
        return false;
    }
}
