package jnbox.elf.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of an ELF file, read by position like sel_ldr's {@code PRead}. Reads never allocate
 * more than the caller asks for, and a short read (past end of file) is reported as such, so a
 * hostile size in a header cannot make the loader allocate or read beyond the file.
 */
public interface ImageSource extends AutoCloseable {
    /** File size in bytes. */
    long size();

    /**
     * Reads up to {@code len} bytes at {@code pos} into {@code dst[off..]}; returns the number
     * read, less than {@code len} only at end of file (0 when {@code pos >= size()}).
     */
    int read(long pos, byte[] dst, int off, int len) throws IOException;

    /** True when exactly {@code len} bytes could be read at {@code pos}. */
    default boolean readFully(long pos, byte[] dst, int off, int len) throws IOException {
        return len == 0 || (pos >= 0 && pos <= size() - len && read(pos, dst, off, len) == len);
    }

    @Override
    default void close() throws IOException {}

    static ImageSource of(byte[] bytes) {
        return new ImageSource() {
            @Override public long size() { return bytes.length; }

            @Override public int read(long pos, byte[] dst, int off, int len) {
                if (pos < 0 || pos >= bytes.length) return 0;
                int n = (int) Math.min(len, bytes.length - pos);
                System.arraycopy(bytes, (int) pos, dst, off, n);
                return n;
            }
        };
    }

    /** Opens a host file read-only; the caller closes it. A directory cannot be opened (as in sel_ldr). */
    static ImageSource open(Path path) throws IOException {
        if (java.nio.file.Files.isDirectory(path)) throw new IOException(path + ": is a directory");
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        return new ImageSource() {
            private final long size = ch.size();

            @Override public long size() { return size; }

            @Override public int read(long pos, byte[] dst, int off, int len) throws IOException {
                int done = 0;
                while (done < len) {
                    int n = ch.read(ByteBuffer.wrap(dst, off + done, len - done), pos + done);
                    if (n <= 0) break;
                    done += n;
                }
                return done;
            }

            @Override public void close() throws IOException { ch.close(); }
        };
    }
}
