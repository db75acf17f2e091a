package jnbox.vfs;

import static jnbox.vfs.OpenFlags.*;
import static jnbox.vfs.VfsAssert.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -m app.tar.gz:/app:ro}: archives built by the host's own tar and zip tools (the
 * reference writers), mounted read-only, symlinks inside resolved in the virtual tree.
 */
class ArchiveMountTest {
    @TempDir Path dir;

    /** A source tree: a file, a subdir, a relative link, an absolute link, an escaping link, a hard link. */
    private Path tree() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("hello.txt"), "hello from the archive");
        Files.createDirectories(src.resolve("lib/sub"));
        Files.writeString(src.resolve("lib/sub/data"), "data");
        Files.createSymbolicLink(src.resolve("rel"), Path.of("lib/sub/data"));
        Files.createSymbolicLink(src.resolve("abs"), Path.of("/app/hello.txt"));
        Files.createSymbolicLink(src.resolve("escape"), Path.of("../../../../etc/passwd"));
        Files.createLink(src.resolve("hard"), src.resolve("hello.txt"));
        return src;
    }

    private static void run(Path cwd, String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, cmd[0] + " is not installed: " + e.getMessage());
            return;
        }
        byte[] out = p.getInputStream().readAllBytes();
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0,
                String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.tar", "app.tar.gz", "app.tar.bz2", "app.tar.xz", "app.zip"})
    void archiveContentsAreVisibleReadOnly(String name) throws Exception {
        Path src = tree();
        Path archive = dir.resolve(name);
        if (name.endsWith(".zip")) {
            run(src, "zip", "-q", "-r", "--symlinks", archive.toString(), ".");
        } else {
            String flag = name.endsWith(".gz") ? "-z" : name.endsWith(".bz2") ? "-j" : name.endsWith(".xz") ? "-J" : "";
            if (flag.isEmpty()) run(src, "tar", "-cf", archive.toString(), ".");
            else run(src, "tar", flag, "-cf", archive.toString(), ".");
        }
        Vfs vfs = Vfs.of("tmpfs:/:rw", archive + ":/app:ro");
        write(vfs.open("/etc_passwd_marker", O_WRONLY | O_CREAT, 0600), "");
        assertThat(readAll(vfs.open("/app/hello.txt", O_RDONLY, 0))).isEqualTo("hello from the archive");
        assertThat(vfs.stat("/app/hello.txt").size()).isEqualTo(22);
        assertThat(vfs.stat("/app/lib/sub").isDirectory()).isTrue();
        assertThat(readAll(vfs.open("/app/rel", O_RDONLY, 0))).isEqualTo("data");
        assertThat(readAll(vfs.open("/app/abs", O_RDONLY, 0))).isEqualTo("hello from the archive");
        assertThat(vfs.lstat("/app/rel").isSymlink()).isTrue();
        assertThat(vfs.readlink("/app/abs")).isEqualTo("/app/hello.txt");
        assertErrno(Errno.ENOENT, () -> vfs.stat("/app/escape")); // /etc/passwd of the virtual tree: absent
        assertThat(readAll(vfs.open("/app/hard", O_RDONLY, 0))).isEqualTo("hello from the archive");
        assertThat(listNames(vfs.open("/app", O_RDONLY, 0)))
                .containsExactlyInAnyOrder(".", "..", "hello.txt", "lib", "rel", "abs", "escape", "hard");
        assertErrno(Errno.EACCES, () -> vfs.open("/app/hello.txt", O_RDWR, 0));
        assertErrno(Errno.EACCES, () -> vfs.open("/app/new", O_WRONLY | O_CREAT, 0600));
        assertErrno(Errno.EACCES, () -> vfs.unlink("/app/hello.txt"));
        assertErrno(Errno.EACCES, () -> vfs.mkdir("/app/d", 0700));
        assertErrno(Errno.EACCES, () -> vfs.rename("/app/hello.txt", "/x"));
        assertErrno(Errno.EBADF, () -> vfs.open("/app/hello.txt", O_RDONLY, 0).write(new byte[1], 0, 1));
        vfs.chdir("/app/lib");
        assertThat(readAll(vfs.open("sub/data", O_RDONLY, 0))).isEqualTo("data");
        assertThat(vfs.getcwd()).isEqualTo("/app/lib");
    }

    @Test
    void hostileEntryNamesStayInside() throws IOException {
        Path archive = dir.resolve("evil.zip");
        try (OutputStream os = Files.newOutputStream(archive); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(os)) {
            ZipArchiveEntry e = new ZipArchiveEntry("../../evil.txt");
            zip.putArchiveEntry(e);
            zip.write("evil".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }
        Vfs vfs = Vfs.of(archive + ":/app:ro");
        assertThat(readAll(vfs.open("/app/evil.txt", O_RDONLY, 0))).isEqualTo("evil");
        assertThat(Files.exists(dir.getParent().resolve("evil.txt"))).isFalse();
    }

    @Test
    void corruptArchiveIsAOneLineError() throws IOException {
        Path bad = dir.resolve("bad.tar.gz");
        Files.writeString(bad, "this is not gzip");
        assertThatThrownBy(() -> Vfs.create(List.of(MountSpec.parse(bad + ":/app:ro"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.tar.gz").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Vfs.of(dir.resolve("missing.zip") + ":/app:ro"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.zip");
    }
}
