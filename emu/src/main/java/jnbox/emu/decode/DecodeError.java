package jnbox.emu.decode;

/** Why {@link Decoder#decode} returned null. Hardware would raise #UD for all but {@link #TRUNCATED}. */
public enum DecodeError {
    /** The bytes end (at the caller's limit) before the instruction does. */
    TRUNCATED("instruction runs past the end of the buffer"),
    /** More than 15 bytes (SDM vol. 2 §2.3.11). */
    TOO_LONG("instruction longer than 15 bytes"),
    /** No form matches the opcode, prefixes and ModRM. */
    UNDEFINED("undefined opcode"),
    /** A 66/F2/F3/F0 or REX prefix precedes a VEX prefix (SDM vol. 2 §2.3.2: #UD). */
    PREFIX_BEFORE_VEX("legacy or REX prefix before VEX"),
    /** VEX.mmmmm names a reserved map. */
    BAD_VEX_MAP("reserved VEX map"),
    /** VEX.vvvv is not 1111b on a form that does not use it (SDM vol. 2 §2.3.6: #UD). */
    VEX_VVVV_NOT_1111("VEX.vvvv must be 1111b for this instruction"),
    /** AMD XOP prefix ({@code 8F} with ModRM.reg != 0): not decoded. */
    XOP("AMD XOP instruction");

    private final String message;

    DecodeError(String message) {
        this.message = message;
    }

    /** A short human-readable reason. */
    public String message() {
        return message;
    }
}
