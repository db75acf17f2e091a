package jnbox.elf.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** dyncode_modify's replacement rules (spec nacl-validator.md §7, with its [oracle] examples). */
class DynamicCodeTest {
    private static final Validator V = new Validator();

    private static boolean replace(String oldHex, String newHex) {
        byte[] old = HexBytes.parse(oldHex).paddedToBundle();
        byte[] neu = HexBytes.parse(newHex).paddedToBundle();
        return V.canReplace(old, 0, neu, 0, old.length, 0x10000000L);
    }

    @Test
    void movImmediateMayChange() {
        assertThat(replace("b8 01 00 00 00", "b8 02 00 00 00")).isTrue();
        assertThat(replace("48 b8 01 00 00 00 00 00 00 00", "48 b8 ff ff ff ff ff ff ff 7f")).isTrue();
        assertThat(replace("41 89 44 24 08", "41 89 44 24 10")).as("disp of a mov").isFalse(); // bad base r12
        assertThat(replace("89 44 24 08", "89 44 24 10")).as("disp of mov to (%rsp)").isTrue();
    }

    @Test
    void opcodeOrRegisterMayNotChange() {
        assertThat(replace("b8 01 00 00 00", "b9 01 00 00 00")).isFalse();
    }

    @Test
    void callTargetMayChangeButJumpTargetMayNot() {
        assertThat(replace("90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90"
                + " e8 00 00 00 00", "90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90"
                + " 90 90 90 e8 e0 ff ff ff")).isTrue();
        assertThat(replace("e9 1b 00 00 00", "e9 3b 00 00 00")).isFalse();
    }

    @Test
    void nonModifiableInstructionsMustStayIdentical() {
        assertThat(replace("05 01 00 00 00", "05 02 00 00 00")).as("add imm").isFalse();
        assertThat(replace("05 01 00 00 00", "05 01 00 00 00")).isTrue();
    }

    @Test
    void invalidNewCodeIsRejected() {
        assertThat(replace("90", "c3")).isFalse();
    }

    @Test
    void outOfRangeJumpAllowedOnlyUnchanged() {
        // Validated in isolation, a jump out of the chunk is "out of range" but may stay.
        assertThat(replace("e9 00 01 00 00", "e9 00 01 00 00")).isTrue();
        assertThat(replace("e9 00 01 00 00", "e9 00 02 00 00")).isFalse();
    }

    @Test
    void stubbedInstructionMustBeHltInExistingCode() {
        // pfadd needs 3DNow!, which jnbox's CPU lacks: the installed copy must be the hlt stub.
        assertThat(replace("f4 f4 f4 f4", "0f 0f c1 9e")).isTrue();
        assertThat(replace("90 90 90 90", "0f 0f c1 9e")).isFalse();
    }

    @Test
    void instructionBoundaryQuery() {
        byte[] c = HexBytes.parse("89 f6 \\\\\n 49 8d 34 37 \\\\\n ac\n 89 c0\n 41 8b 04 07\n 90").paddedToBundle();
        assertThat(V.isOnInstructionBoundary(c, 0, 32, 0, 0)).isTrue();
        assertThat(V.isOnInstructionBoundary(c, 0, 32, 0, 2)).as("inside superinstruction").isFalse();
        assertThat(V.isOnInstructionBoundary(c, 0, 32, 0, 7)).isTrue();
        assertThat(V.isOnInstructionBoundary(c, 0, 32, 0, 9)).as("restricted consumer").isFalse();
        assertThat(V.isOnInstructionBoundary(c, 0, 32, 0, 13)).isTrue();
        assertThat(V.isOnInstructionBoundary(c, 0, 32, 0, 10)).as("mid-instruction").isFalse();
    }
}
