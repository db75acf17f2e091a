package jnbox.vfs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Small helpers shared by the vfs tests. */
final class VfsAssert {
    private VfsAssert() {}

    static void assertErrno(int errno, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(VfsException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((VfsException) e).errno())
                        .as("errno").isEqualTo(errno));
    }

    /** Names in getdents records (§4.5 nacl_abi_dirent), reading until the end. */
    static List<String> listNames(VFile dir) {
        List<String> names = new ArrayList<>();
        while (true) {
            byte[] b = dir.getdents(4096);
            if (b.length == 0) return names;
            int off = 0;
            while (off < b.length) {
                int reclen = (b[off + 16] & 0xFF) | (b[off + 17] & 0xFF) << 8;
                int end = off + 18;
                while (b[end] != 0) end++;
                names.add(new String(b, off + 18, end - off - 18, StandardCharsets.UTF_8));
                off += reclen;
            }
        }
    }

    static String readAll(VFile f) {
        byte[] buf = new byte[4096];
        StringBuilder sb = new StringBuilder();
        int n;
        while ((n = f.read(buf, 0, buf.length)) > 0) sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        return sb.toString();
    }

    static int write(VFile f, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return f.write(b, 0, b.length);
    }
}
