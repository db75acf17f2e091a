package jnbox.syscalls.startup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The startup information block sel_ldr writes below the initial stack top
 * (spec/nacl-abi.md §3.1): 32-bit words {@code [fini=0, envc, argc, argv..., 0, envp..., 0,
 * auxv pairs..., (0,0)]}, then the argv and env strings, padded to a multiple of 16.
 *
 * @param address user address P of the block (= stack top − size)
 * @param bytes   the block's contents, {@code stackTop − address} long
 */
public record StartupBlock(long address, byte[] bytes) {
    public static final int AT_NULL = 0, AT_BASE = 7, AT_ENTRY = 9;
    /** sel_ldr refuses to create the main thread when the block exceeds the 16 MiB stack. */
    public static final long MAX_SIZE = 16L << 20;

    /**
     * @param auxv (type, value) pairs without the terminating (AT_NULL, 0), which is added
     * @throws IllegalArgumentException when the block would not fit the stack
     */
    public static StartupBlock build(long stackTop, List<String> argv, List<String> env, long[][] auxv) {
        List<byte[]> strings = new ArrayList<>();
        for (String s : argv) strings.add(s.getBytes(StandardCharsets.UTF_8));
        for (String s : env) strings.add(s.getBytes(StandardCharsets.UTF_8));
        int auxc = auxv.length + 1;
        long tableBytes = 4L * (3 + argv.size() + 1 + env.size() + 1 + 2L * auxc);
        long size = tableBytes;
        for (byte[] s : strings) size += s.length + 1;
        size = (size + 15) & ~15L;
        if (size > MAX_SIZE) throw new IllegalArgumentException("arguments and environment need " + size + " bytes, more than the 16 MiB stack");
        long p = stackTop - size;
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).putInt(env.size()).putInt(argv.size());
        long str = p + tableBytes;
        for (int i = 0; i < strings.size(); i++) {
            if (i == argv.size()) b.putInt(0);
            b.putInt((int) str);
            str += strings.get(i).length + 1;
        }
        if (strings.size() == argv.size()) b.putInt(0);
        b.putInt(0);
        for (long[] pair : auxv) b.putInt((int) pair[0]).putInt((int) pair[1]);
        b.putInt(AT_NULL).putInt(0);
        for (byte[] s : strings) b.put(s).put((byte) 0);
        return new StartupBlock(p, b.array());
    }
}
