package jnbox.emu.decode;

/** Opcode maps (SDM vol. 2 Appendix A.3; AMD APM vol. 3 for 3DNow!). */
public enum OpMap {
    /** Primary one-byte map. */
    ONE_BYTE,
    /** Two-byte map {@code 0F xx}. */
    MAP_0F,
    /** Three-byte map {@code 0F 38 xx}. */
    MAP_0F38,
    /** Three-byte map {@code 0F 3A xx}. */
    MAP_0F3A,
    /** 3DNow! {@code 0F 0F ModRM ... xx}: the opcode is the byte after the operands. */
    MAP_3DNOW,
    /** VEX map 1 (implied {@code 0F}). */
    VEX_0F,
    /** VEX map 2 (implied {@code 0F 38}). */
    VEX_0F38,
    /** VEX map 3 (implied {@code 0F 3A}). */
    VEX_0F3A;

    public boolean isVex() {
        return ordinal() >= VEX_0F.ordinal();
    }
}
