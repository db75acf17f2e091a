package jnbox.emu.decode;

/**
 * An attribute written in an opcode-table row after the operands: a {@link Flag} or the
 * {@link CpuFeature} that gates the form. Sealed so a row can only list these two kinds.
 */
public sealed interface Attr permits Flag, CpuFeature {
}
