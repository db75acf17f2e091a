package jnbox.emu.lockstep;

import jnbox.emu.cpu.CpuState;

/**
 * One generated test: code placed at {@link Layout#CODE} (ending with {@code hlt}), the offsets
 * where its instructions start (setup instructions and padding nops included), the initial
 * register state and the initial {@link Layout#DATA_LEN} data bytes.
 */
public record Sequence(long id, byte[] code, int[] starts, CpuState init, byte[] data) {
    /** The bytes of the instruction starting at code offset {@code off}. */
    public byte[] instructionAt(int off) {
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] == off) {
                int end = i + 1 < starts.length ? starts[i + 1] : code.length;
                return java.util.Arrays.copyOfRange(code, off, end);
            }
        }
        throw new IllegalArgumentException("no instruction starts at offset " + off);
    }
}
