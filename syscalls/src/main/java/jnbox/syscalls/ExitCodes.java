package jnbox.syscalls;

/**
 * jnbox's exit statuses. The guest's own status and sel_ldr's conventions come first
 * (spec/nacl-abi.md §6.3); the three jnbox-only situations use codes a NaCl program rarely
 * chooses, in the style of {@code timeout(1)}.
 *
 * <table>
 * <tr><td>0–255</td><td>the guest's exit(status) & 0xFF</td></tr>
 * <tr><td>1</td><td>load or validation error (sel_ldr's "Error while loading"), bad -B</td></tr>
 * <tr><td>245, 248, 252, ...</td><td>(−signal) & 0xFF for a fault in untrusted code: SEGV, FPE, ILL</td></tr>
 * <tr><td>255</td><td>unknown option or bad -m mount (as sel_ldr)</td></tr>
 * <tr><td>124</td><td>--max-instructions reached</td></tr>
 * <tr><td>125</td><td>an instruction decodes but the engine cannot execute it yet</td></tr>
 * <tr><td>126</td><td>internal error of jnbox (a bug: one line on stderr, never a stack trace)</td></tr>
 * </table>
 */
public final class ExitCodes {
    public static final int LOAD_ERROR = 1;
    public static final int USAGE = 255;
    public static final int INSTRUCTION_LIMIT = 124;
    public static final int UNIMPLEMENTED = 125;
    public static final int INTERNAL_ERROR = 126;

    private ExitCodes() {}

    /** The status sel_ldr exits with after an unhandled signal in untrusted code. */
    public static int forSignal(int signal) { return -signal & 0xFF; }
}
