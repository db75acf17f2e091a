package jnbox.syscalls.fd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import jnbox.vfs.Errno;
import jnbox.vfs.VfsException;
import org.junit.jupiter.api.Test;

/** A closed reader on the guest's stdout is EPIPE for the guest (write(2)), never an exception in jnbox. */
class StreamOutputTest {
    private static final OutputStream BROKEN = new OutputStream() {
        @Override public void write(int b) throws IOException { throw new IOException("Broken pipe"); }

        @Override public void write(byte[] b, int off, int len) throws IOException { throw new IOException("Broken pipe"); }
    };

    @Test
    void brokenPipeIsEpipe() {
        for (OutputStream out : new OutputStream[] {BROKEN, new PrintStream(BROKEN, true)}) {
            StreamOutput f = new StreamOutput(out, 1);
            assertThatThrownBy(() -> f.write(new byte[] {1}, 0, 1))
                    .isInstanceOfSatisfying(VfsException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPIPE));
        }
    }

    @Test
    void streamsAreNotSeekable() {
        StreamOutput f = new StreamOutput(OutputStream.nullOutputStream(), 1);
        assertThatThrownBy(() -> f.seek(0, 0)).isInstanceOfSatisfying(VfsException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ESPIPE));
        assertThatThrownBy(() -> f.read(new byte[1], 0, 1)).isInstanceOfSatisfying(VfsException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBADF));
        assertThat(f.stat().mode()).isEqualTo(020600);
    }
}
