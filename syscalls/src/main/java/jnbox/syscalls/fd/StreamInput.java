package jnbox.syscalls.fd;

import java.io.IOException;
import java.io.InputStream;
import jnbox.vfs.Errno;
import jnbox.vfs.VfsException;

/** A read-only fd over a Java stream: the guest's stdin. */
public final class StreamInput extends StreamFile {
    private final InputStream in;

    public StreamInput(InputStream in, long ino) {
        super(ino);
        this.in = in;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        if (len == 0) return 0;
        try {
            return Math.max(in.read(buf, off, len), 0);
        } catch (IOException e) {
            throw new VfsException(Errno.EIO);
        }
    }

    @Override public boolean isReadOnlyOpen() { return true; }
}
