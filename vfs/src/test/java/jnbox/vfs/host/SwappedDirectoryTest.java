package jnbox.vfs.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import jnbox.vfs.Errno;
import jnbox.vfs.OpenFlags;
import jnbox.vfs.VfsException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a host process wins by swapping a checked directory for a symlink between resolution
 * and use: calling the file system with an inner name that is a symlink (the state such a
 * race leaves) must not reach the folder outside for the fd-relative operations.
 */
class SwappedDirectoryTest {
    @TempDir Path base;
    Path outside;
    HostFileSystem fs;

    @BeforeEach
    void setUp() throws IOException {
        Path root = Files.createDirectories(base.resolve("root"));
        outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "secret");
        Files.createDirectories(outside.resolve("dir"));
        Files.createSymbolicLink(root.resolve("swapped"), outside);
        fs = HostFileSystem.at(root.toRealPath());
    }

    private static void refused(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(VfsException.class)
                .satisfies(e -> assertThat(((VfsException) e).errno()).isIn(Errno.ELOOP, Errno.ENOTDIR));
    }

    @Test
    void fdRelativeOperationsDoNotFollowTheSwap() {
        List<String> secret = List.of("swapped", "secret");
        refused(() -> fs.open(secret, OpenFlags.O_RDONLY, 0));
        refused(() -> fs.open(List.of("swapped", "new"), OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0600));
        refused(() -> fs.open(List.of("swapped", "dir"), OpenFlags.O_RDONLY, 0).getdents(4096));
        refused(() -> fs.truncate(secret, 0));
        refused(() -> fs.unlink(secret));
        refused(() -> fs.rmdir(List.of("swapped", "dir")));
        refused(() -> fs.rename(secret, List.of("moved")));
        refused(() -> fs.utimes(secret, Instant.EPOCH, Instant.EPOCH));
        // (the resolver's probe and stat use the whole path: documented in HostFileSystem)
        assertThat(outside.resolve("secret")).hasContent("secret");
        assertThat(outside.resolve("new")).doesNotExist();
        assertThat(outside.resolve("dir")).isDirectory();
    }
}
