package jnbox.elf.validate;

/**
 * Receives every instruction the validator processes (NaCl's CALL_USER_CALLBACK_ON_EACH_INSTRUCTION),
 * with chunk-relative offsets. Superinstructions are reported once, from their first byte.
 */
interface InstructionListener {
    /**
     * @param begin first byte
     * @param end one past the last byte
     * @param flags {@link Flags} bits
     * @param modifiable whether dyncode_modify may change its trailing fields
     * @param anyFieldStart start of the trailing displacement/immediate/relative bytes (= end if none)
     * @param fieldBits {@link #IMM8_LIKE}/{@link #IMM32_LIKE}: NaCl's operand-field info bits that
     *     ncval tests to find relative fields
     */
    void instruction(int begin, int end, int flags, boolean modifiable, int anyFieldStart, int fieldBits);

    /** NaCl info bit 0x01: an 8-bit immediate, second immediate, displacement or relative field. */
    int IMM8_LIKE = 1;
    /** NaCl info bit 0x04: a 32-bit immediate, displacement or relative field. */
    int IMM32_LIKE = 4;
    /** NaCl info bit 0x80: a relative field. */
    int RELATIVE = 0x80;
}
