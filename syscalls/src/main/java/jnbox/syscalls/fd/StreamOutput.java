package jnbox.syscalls.fd;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import jnbox.vfs.Errno;
import jnbox.vfs.VfsException;

/**
 * A write-only fd over a Java stream: the guest's stdout and stderr. Each write is flushed, as
 * sel_ldr writes straight to the host fd (spec/nacl-abi.md §6.3). A closed reader (broken pipe)
 * gives EPIPE to the guest instead of an exception in jnbox.
 */
public final class StreamOutput extends StreamFile {
    private final OutputStream out;

    public StreamOutput(OutputStream out, long ino) {
        super(ino);
        this.out = out;
    }

    @Override
    public int write(byte[] buf, int off, int len) {
        try {
            out.write(buf, off, len);
            out.flush();
        } catch (IOException e) {
            throw new VfsException(Errno.EPIPE);
        }
        if (out instanceof PrintStream ps && ps.checkError()) throw new VfsException(Errno.EPIPE);
        return len;
    }
}
