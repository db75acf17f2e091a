package jnbox.vfs;

import static jnbox.vfs.OpenFlags.*;
import static jnbox.vfs.VfsAssert.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host-folder mounts: nesting and the longest-prefix rule (§7.1), the per-syscall rules of
 * §7.3 and the open() rules of NaClSysOpen, symlinks read inside the virtual tree, and the
 * limits of §4.2. Expected errnos are NaCl's (spec tables; Linux for host-passed errors).
 */
class HostMountTest {
    @TempDir Path base;
    Path root, tmp, ro, outside;
    Vfs vfs;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(base.resolve("root"));
        tmp = Files.createDirectories(base.resolve("tmp"));
        ro = Files.createDirectories(base.resolve("ro"));
        outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("passwd"), "host secret");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "guest passwd");
        Files.writeString(root.resolve("rofile"), "read only");
        Files.writeString(ro.resolve("inner"), "inner ro");
        // a ro root, a rw /tmp inside it and a ro folder inside that (the example)
        vfs = Vfs.of(root + ":/:ro", tmp + ":/tmp:rw", ro + ":/tmp/ro:ro");
    }

    @Test
    void longestPrefixWinsAndWritabilityFollowsTheMount() throws IOException {
        assertThat(vfs.describeMounts()).startsWith("mount /tmp/ro <- ");
        VFile f = vfs.open("/tmp/new", O_WRONLY | O_CREAT, 0600);
        write(f, "x");
        f.close();
        assertThat(Files.readString(tmp.resolve("new"))).isEqualTo("x");
        assertErrno(Errno.EACCES, () -> vfs.open("/rofile", O_WRONLY, 0));
        assertErrno(Errno.EACCES, () -> vfs.open("/tmp/ro/inner", O_RDWR, 0));
        assertErrno(Errno.EACCES, () -> vfs.open("/tmp/ro/x", O_RDONLY | O_CREAT, 0600));
        assertErrno(Errno.EACCES, () -> vfs.open("/tmp/ro/inner", O_RDONLY | O_TRUNC, 0));
        assertErrno(Errno.EACCES, () -> vfs.mkdir("/newdir", 0700));
        assertErrno(Errno.EACCES, () -> vfs.unlink("/rofile"));
        assertErrno(Errno.EACCES, () -> vfs.truncate("/rofile", 0));
        assertErrno(Errno.EACCES, () -> vfs.utimes("/rofile", null, null));
        assertThat(readAll(vfs.open("/tmp/ro/inner", O_RDONLY, 0))).isEqualTo("inner ro");
        assertThat(Files.readString(root.resolve("rofile"))).isEqualTo("read only");
        // the host folders behind /tmp are not visible through the root mount's own "tmp"
        assertThat(vfs.stat("/tmp/ro").ino()).isEqualTo(Files.getAttribute(ro, "unix:ino"));
    }

    @Test
    void linkNeedsAWritableSource() {
        // sel_ldr checks only the new name (§7.3); jnbox refuses a ro source (§7.4 hole)
        assertErrno(Errno.EACCES, () -> vfs.link("/rofile", "/tmp/stolen"));
        assertErrno(Errno.EACCES, () -> vfs.link("/tmp/ro/inner", "/tmp/stolen"));
        assertErrno(Errno.ENOENT, () -> vfs.stat("/tmp/stolen"));
    }

    @Test
    void crossMountRenameAndLinkGiveEXDEV() throws IOException {
        Path other = Files.createDirectories(base.resolve("other"));
        Vfs v = Vfs.of(tmp + ":/:rw", other + ":/other:rw");
        Files.writeString(tmp.resolve("f"), "f");
        assertErrno(Errno.EXDEV, () -> v.rename("/f", "/other/f"));
        assertErrno(Errno.EXDEV, () -> v.link("/f", "/other/f"));
    }

    @Test
    void symlinkTargetsAreVirtual() throws IOException {
        Files.createSymbolicLink(tmp.resolve("abs"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(tmp.resolve("up"), Path.of("../../../../../outside/passwd"));
        Files.createSymbolicLink(tmp.resolve("hostabs"), outside.resolve("passwd"));
        assertThat(readAll(vfs.open("/tmp/abs", O_RDONLY, 0))).isEqualTo("guest passwd");
        assertErrno(Errno.ENOENT, () -> vfs.open("/tmp/up", O_RDONLY, 0));
        assertErrno(Errno.ENOENT, () -> vfs.stat("/tmp/hostabs"));
        assertThat(vfs.readlink("/tmp/abs")).isEqualTo("/etc/passwd");
        assertThat(vfs.lstat("/tmp/abs").isSymlink()).isTrue();
        Files.createSymbolicLink(tmp.resolve("ups"), Path.of("../../../../.."));
        assertThat(vfs.realPath("/tmp/ups")).isEqualTo("/"); // ".." stops at the virtual root
        assertThat(vfs.stat("/tmp/ups/etc/passwd").size()).isEqualTo(12);
        assertErrno(Errno.ENOENT, () -> vfs.realPath("/tmp/up")); // "/outside" is missing in the tree
    }

    @Test
    void finalSymlinkRules() throws IOException { // §7.3 link_flag column
        Files.createSymbolicLink(tmp.resolve("l"), Path.of("target"));
        Files.writeString(tmp.resolve("f"), "f");
        assertErrno(Errno.EEXIST, () -> vfs.mkdir("/tmp/l", 0700));
        assertErrno(Errno.EEXIST, () -> vfs.rmdir("/tmp/l"));
        assertErrno(Errno.EACCES, () -> vfs.rename("/tmp/f", "/tmp/l"));
        assertErrno(Errno.EACCES, () -> vfs.rename("/tmp/l", "/tmp/g"));
        assertErrno(Errno.EEXIST, () -> vfs.link("/tmp/f", "/tmp/l"));
        // open follows a dangling final link and creates its target inside the tree
        VFile c = vfs.open("/tmp/l", O_WRONLY | O_CREAT, 0600);
        c.close();
        assertThat(Files.exists(tmp.resolve("target"))).isTrue();
        vfs.unlink("/tmp/l");
        assertThat(Files.exists(tmp.resolve("l"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(tmp.resolve("target"))).isTrue();
    }

    @Test
    void readlinkReturnsTheRawText() throws Exception { // §4.2 readlink: raw, untranslated
        // java.nio normalises a target when creating a link, so make it with the host's ln
        Process ln = new ProcessBuilder("ln", "-s", "test/./rel///", tmp.resolve("odd").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(ln.waitFor() == 0, "ln -s failed");
        assertThat(vfs.readlink("/tmp/odd")).isEqualTo("test/./rel///");
        assertErrno(Errno.EINVAL, () -> vfs.readlink("/tmp"));
    }

    @Test
    void symlinkLoopsGiveELOOP() throws IOException {
        Files.createSymbolicLink(tmp.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(tmp.resolve("b"), Path.of("a"));
        assertErrno(Errno.ELOOP, () -> vfs.stat("/tmp/a"));
        assertThat(vfs.lstat("/tmp/a").isSymlink()).isTrue();
    }

    @Test
    void renameOfDirectoryRefused() throws IOException {
        Files.createDirectories(tmp.resolve("d"));
        assertErrno(Errno.EACCES, () -> vfs.rename("/tmp/d", "/tmp/e"));
        assertErrno(Errno.ENOENT, () -> vfs.rename("/tmp/missing", "/tmp/e"));
    }

    @Test
    void chmodAndSymlinkRefused() {
        assertErrno(Errno.EACCES, () -> vfs.chmod("/tmp", 0700));
        assertErrno(Errno.EACCES, () -> vfs.symlink("/etc/passwd", "/tmp/x"));
    }

    @Test
    void openFlags() throws IOException { // NaClSysOpen
        Files.writeString(tmp.resolve("f"), "0123456789");
        Files.createDirectories(tmp.resolve("d"));
        assertErrno(Errno.EEXIST, () -> vfs.open("/tmp/d", O_RDONLY | O_EXCL, 0));
        assertThat(vfs.open("/tmp/d", O_RDWR, 0).isDirectory()).isTrue(); // stat first: opened as a directory
        assertErrno(Errno.ENOTDIR, () -> vfs.open("/tmp/f", O_RDONLY | O_DIRECTORY, 0));
        assertErrno(Errno.EEXIST, () -> vfs.open("/tmp/f", O_RDWR | O_CREAT | O_EXCL, 0600));
        assertErrno(Errno.ENOENT, () -> vfs.open("/tmp/missing", O_RDONLY, 0));
        assertErrno(Errno.ENOTDIR, () -> vfs.open("/tmp/f/x", O_RDONLY, 0));
        VFile a = vfs.open("/tmp/f", O_WRONLY | O_APPEND | 04000 | 02000000, 0); // NONBLOCK, CLOEXEC dropped
        write(a, "AB");
        a.seek(0, 0);
        write(a, "CD");
        a.close();
        assertThat(Files.readString(tmp.resolve("f"))).isEqualTo("0123456789ABCD");
        VFile t = vfs.open("/tmp/f", O_RDWR | O_TRUNC, 0);
        assertThat(t.stat().size()).isZero();
        assertErrno(Errno.EBADF, () -> vfs.open("/tmp/f", O_RDONLY, 0).write(new byte[1], 0, 1));
        assertErrno(Errno.EBADF, () -> vfs.open("/tmp/f", O_WRONLY, 0).read(new byte[1], 0, 1));
        assertThat(vfs.open("/tmp/f", O_RDONLY, 0).isReadOnlyOpen()).isTrue();
        VFile n = vfs.open("/tmp/created", O_RDWR | O_CREAT, 0777);
        assertThat(n.stat().mode()).isEqualTo(Stat.S_IFREG | 0600); // mode masked to 0600 (umask may drop more)
    }

    @Test
    void readWritePositions() throws IOException {
        VFile f = vfs.open("/tmp/p", O_RDWR | O_CREAT, 0600);
        write(f, "hello");
        byte[] b = "XY".getBytes(StandardCharsets.UTF_8);
        assertThat(f.pwrite(b, 0, 2, 10)).isEqualTo(2);
        assertThat(f.seek(0, 1)).isEqualTo(5); // pwrite leaves the offset
        assertThat(f.seek(-2, 2)).isEqualTo(10);
        byte[] r = new byte[4];
        assertThat(f.pread(r, 0, 4, 3)).isEqualTo(4);
        assertThat(new String(r, StandardCharsets.UTF_8)).isEqualTo("lo\0\0");
        assertErrno(Errno.EINVAL, () -> f.seek(-1, 0));
        assertErrno(Errno.EINVAL, () -> f.seek(0, 3));
        assertErrno(Errno.EINVAL, () -> f.pread(r, 0, 1, -1));
        f.truncate(20);
        assertThat(f.stat().size()).isEqualTo(20);
        f.truncate(3);
        f.sync();
        assertThat(Files.readString(tmp.resolve("p"))).isEqualTo("hel"); // reached the host before close
        assertErrno(Errno.EINVAL, () -> f.getdents(100));
        f.close();
        vfs.truncate("/tmp/p", 6);
        assertThat(Files.size(tmp.resolve("p"))).isEqualTo(6);
        assertErrno(Errno.EINVAL, () -> vfs.truncate("/tmp/p", -1));
    }

    @Test
    void directoryDescriptors() throws IOException { // nacl_desc_dir.c
        Files.writeString(tmp.resolve("a_rather_long_file_name"), "");
        VFile d = vfs.open("/tmp", O_RDONLY, 0);
        assertThat(d.stat()).isEqualTo(new Stat(0, Stat.S_IFDIR | 0500, 0, 0, 0, 0, 0));
        assertErrno(Errno.EINVAL, () -> d.write(new byte[1], 0, 1));
        assertErrno(Errno.EINVAL, () -> d.getdents(18)); // first record ("." needs 24) does not fit
        byte[] first = d.getdents(24);
        assertThat(first).hasSize(24);
        assertThat(first[16]).isEqualTo((byte) 24); // d_reclen = round_up(18 + 1 + 1, 8)
        assertThat(first[18]).isEqualTo((byte) '.');
        // host entries only: the /tmp/ro mount point is not an entry of the host folder
        assertThat(listNames(d)).containsExactlyInAnyOrder("..", "a_rather_long_file_name");
        assertThat(d.getdents(4096)).isEmpty();
        assertErrno(Errno.EINVAL, () -> d.seek(5, 1));
        assertThat(d.seek(0, 1)).isZero(); // rewind
        assertThat(listNames(d)).hasSize(3);
        vfs.fchdir(d);
        assertThat(vfs.getcwd()).isEqualTo("/tmp");
    }

    @Test
    void statFields() throws IOException { // §4.4 stat translation
        Files.writeString(tmp.resolve("s"), "12345");
        Files.setLastModifiedTime(tmp.resolve("s"), FileTime.from(Instant.ofEpochSecond(1_000_000_000L, 5)));
        Stat s = vfs.stat("/tmp/s");
        assertThat(s.size()).isEqualTo(5);
        assertThat(s.mtime()).isEqualTo(1_000_000_000L);
        assertThat(s.mode() & ~Stat.S_IFMT & 077).isZero();
        assertThat(s.ino()).isEqualTo(Files.getAttribute(tmp.resolve("s"), "unix:ino"));
        byte[] b = s.toBytes();
        assertThat(b).hasSize(104);
        assertThat(b[24]).isEqualTo((byte) 0xFF); // st_uid 0xFFFFFFFF
        assertThat(b[40]).isEqualTo((byte) 5);    // st_size
        assertThat(vfs.stat("/tmp").isDirectory()).isTrue();
        vfs.utimes("/tmp/s", Instant.ofEpochSecond(100), Instant.ofEpochSecond(200));
        assertThat(Files.getLastModifiedTime(tmp.resolve("s")).toInstant()).isEqualTo(Instant.ofEpochSecond(200));
    }

    @Test
    void accessModes() throws IOException {
        Files.writeString(tmp.resolve("f"), "");
        vfs.access("/tmp/f", F_OK);
        vfs.access("/tmp/f", R_OK | W_OK);
        assertErrno(Errno.ENOENT, () -> vfs.access("/tmp/none", F_OK));
        assertErrno(Errno.EINVAL, () -> vfs.access("/tmp/f", 8));
    }

    @Test
    void rmdirAndUnlinkErrors() throws IOException {
        Files.createDirectories(tmp.resolve("d/e"));
        Files.writeString(tmp.resolve("f"), "");
        assertErrno(Errno.ENOTEMPTY, () -> vfs.rmdir("/tmp/d"));
        assertErrno(Errno.ENOTDIR, () -> vfs.rmdir("/tmp/f"));
        assertErrno(Errno.EISDIR, () -> vfs.unlink("/tmp/d"));
        assertErrno(Errno.EACCES, () -> vfs.rmdir("/tmp/ro")); // a ro mount: translation refuses first
        assertErrno(Errno.EBUSY, () -> vfs.rmdir("/tmp")); // a rw mount point
        assertErrno(Errno.EEXIST, () -> vfs.mkdir("/tmp/d", 0700));
        assertErrno(Errno.ENOENT, () -> vfs.unlink("/tmp/none"));
        assertErrno(Errno.ENOTDIR, () -> vfs.chdir("/tmp/f"));
    }

    @Test
    void pathLimits() { // §4.2: paths ≤ 1023 bytes; NAME_MAX 255
        assertErrno(Errno.ENAMETOOLONG, () -> vfs.stat("/" + "a/".repeat(512)));
        assertErrno(Errno.ENAMETOOLONG, () -> vfs.stat("/tmp/" + "n".repeat(256)));
        assertErrno(Errno.ENOENT, () -> vfs.stat("/tmp/" + "n".repeat(255)));
        assertErrno(Errno.ENAMETOOLONG, () -> Vfs.decodePath(new byte[1024]));
        assertErrno(Errno.EINVAL, () -> Vfs.decodePath(new byte[] {'/', 0, 'x'}));
        assertErrno(Errno.EINVAL, () -> Vfs.decodePath(new byte[] {'/', (byte) 0xFF}));
        assertErrno(Errno.EINVAL, () -> vfs.stat("/tmp\0/x"));
        assertThat(Vfs.decodePath("/tmp/é".getBytes(StandardCharsets.UTF_8))).isEqualTo("/tmp/é");
        assertThat(vfs.stat("").isDirectory()).isTrue(); // "" is the cwd under -m (RealPath of "")
    }

    @Test
    void noMountsMeansAnEmptyReadOnlyRoot() {
        Vfs empty = Vfs.create(List.of());
        assertThat(empty.stat("/").isDirectory()).isTrue();
        assertThat(listNames(empty.open("/", O_RDONLY, 0))).containsExactly(".", "..");
        assertErrno(Errno.EACCES, () -> empty.open("/x", O_WRONLY | O_CREAT, 0600));
        assertErrno(Errno.ENOENT, () -> empty.open("/etc/passwd", O_RDONLY, 0));
        assertThat(empty.getcwd()).isEqualTo("/");
    }
}
