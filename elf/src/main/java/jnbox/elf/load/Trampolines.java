package jnbox.elf.load;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The bytes of the trampoline region [0x10000, 0x20000) as sel_ldr writes them
 * ({@code NaClLoadTrampoline}, tramp_64.S; spec/nacl-abi.md §2). Nothing here ever executes in
 * jnbox (reaching the region is a syscall exit), but guest reads of it see what they would see
 * under sel_ldr.
 *
 * <p>Slot N (32 bytes at 0x10000 + 32·N), N = 0..2046: {@code movl $(0x10000+32N), -8(%rsp)};
 * {@code movabs $cell, %rax}; {@code jmp *(%rax)}; {@code hlt}; the rest HLT. Slot 2047 stays
 * HLT. The cell is a trusted address outside the sandbox (sel_ldr's differs per run); slots 84
 * (tls_get) and 86 (second_tls_get) point at their fast-path cells.
 */
public final class Trampolines {
    public static final int SLOT_SIZE = 32;
    public static final int REGION_SIZE = 0x10000;
    public static final int SLOTS = REGION_SIZE / SLOT_SIZE - 1;
    public static final int TLS_GET = 84;
    public static final int SECOND_TLS_GET = 86;
    /** jnbox's fixed stand-ins for sel_ldr's trusted cells: in the guard region below the sandbox. */
    public static final long SYSCALL_CELL = 0x0000_00FF_FFFF_F000L;
    public static final long TLS_GET_CELL = SYSCALL_CELL + 8;
    public static final long SECOND_TLS_GET_CELL = SYSCALL_CELL + 16;
    private static final byte HLT = (byte) 0xF4;

    private Trampolines() {}

    /** The 64 KiB region's contents. */
    public static byte[] region() {
        byte[] r = new byte[REGION_SIZE];
        Arrays.fill(r, HLT);
        ByteBuffer b = ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN);
        for (int n = 0; n < SLOTS; n++) {
            long cell = n == TLS_GET ? TLS_GET_CELL : n == SECOND_TLS_GET ? SECOND_TLS_GET_CELL : SYSCALL_CELL;
            int o = n * SLOT_SIZE;
            b.put(o, (byte) 0xC7).put(o + 1, (byte) 0x44).put(o + 2, (byte) 0x24).put(o + 3, (byte) 0xF8);
            b.putInt(o + 4, (int) (NexeLayout.TRAMPOLINE_START + (long) n * SLOT_SIZE));
            b.put(o + 8, (byte) 0x48).put(o + 9, (byte) 0xB8).putLong(o + 10, cell);
            b.put(o + 18, (byte) 0xFF).put(o + 19, (byte) 0x20).put(o + 20, HLT);
        }
        return r;
    }
}
