package jnbox.emu.decode;

/**
 * Base of the opcode-table data classes: each subclass writes its rows in {@link #rows()} as
 * {@code op(encoding, mnemonic, operands, attributes...)}, in the notation of SDM vol. 2:
 * <ul>
 * <li>encoding: optional mandatory prefix {@code NP}/{@code 66}/{@code F2}/{@code F3}, optional
 *     {@code REX.W} (or {@code W0}), map escape ({@code 0F}, {@code 0F 38}, {@code 0F 3A},
 *     {@code 0F 0F} for 3DNow!), opcode byte (with {@code +r} for register-in-opcode), then
 *     {@code /digit} or {@code /r}, or a full ModRM byte ({@code D9 E8}; for 3DNow! the suffix
 *     byte). VEX rows start with {@code VEX.[NDS.]128|256|L0|L1|LIG|LZ.[66|F2|F3.]0F|0F38|0F3A.W0|W1|WIG}.
 * <li>operands: comma-separated specs ({@code "Ev,Gv"}), see {@link Operand}.
 * </ul>
 * Row order matters only within one opcode byte: the first matching row wins, so a more specific
 * row (e.g. {@code F3 90} pause) comes before the general one.
 */
abstract class TableSection {
    private Forms.Builder builder;

    abstract void rows();

    final void define(Forms.Builder b) {
        builder = b;
        rows();
        builder = null;
    }

    final void op(String encoding, Mnemonic m, String operands, Attr... attrs) {
        builder.add(encoding, m, operands, attrs);
    }

    static String hex(int b) {
        return String.format("%02X", b);
    }
}
