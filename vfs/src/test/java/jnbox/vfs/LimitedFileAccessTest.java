package jnbox.vfs;

import static jnbox.vfs.OpenFlags.*;
import static jnbox.vfs.VfsAssert.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NaCl's {@code tests/limited_file_access} run against the Vfs directly (spec/nacl-abi.md §7.5:
 * {@code sel_ldr -m T:/:rw}, a temp file, a relative symlink to it, a subdir S with one file,
 * and a file and a folder outside T). Numbers refer to the rows of the §7.5 table.
 */
class LimitedFileAccessTest {
    @TempDir Path base;
    Path t;
    Vfs vfs;
    long rootIno;

    @BeforeEach
    void setUp() throws IOException {
        t = Files.createDirectory(base.resolve("T"));
        Files.writeString(t.resolve("temp_file"), "hello world");
        Files.createSymbolicLink(t.resolve("temp_symlink"), Path.of("temp_file"));
        Files.createDirectory(t.resolve("S"));
        Files.writeString(t.resolve("S/file_in_S"), "inner");
        Files.writeString(base.resolve("outside_file"), "secret");
        Files.createDirectory(base.resolve("outside_dir"));
        vfs = Vfs.of(t + ":/:rw");
        rootIno = vfs.stat("/").ino();
    }

    @Test
    void cwdAndListing() { // rows 1-5, 16
        assertThat(vfs.getcwd()).isEqualTo("/");
        vfs.chdir(".");
        vfs.chdir("/");
        assertThat(listNames(vfs.open("/", O_RDONLY, 0))).containsExactlyInAnyOrder(".", "..", "temp_file", "temp_symlink", "S");
        vfs.chdir("S");
        assertThat(vfs.getcwd()).isEqualTo("/S");
        vfs.chdir("/");
        vfs.chdir("/S");
        assertThat(vfs.getcwd()).isEqualTo("/S");
        assertThat(listNames(vfs.open("/S", O_RDONLY, 0))).hasSize(3);
        vfs.chdir("/..");
        assertThat(vfs.getcwd()).isEqualTo("/");
    }

    @Test
    void mkdirRmdir() { // rows 6-9
        for (String p : new String[] {"/test_dir", "/test_dir/", "test_dir"}) {
            vfs.mkdir(p, 0700);
            vfs.rmdir(p);
        }
        vfs.mkdir("sub_dir", 0700);
        vfs.chdir("sub_dir");
        vfs.rmdir("../sub_dir");
        assertErrno(Errno.ENOENT, () -> vfs.open("xxx", O_RDWR | O_CREAT, 0600));
        assertErrno(Errno.ENOENT, () -> vfs.getcwd());
        vfs.chdir("/");
        vfs.mkdir("/S/test_dir", 0700);
        vfs.rmdir("/S/test_dir");
        assertErrno(Errno.ENOENT, () -> vfs.mkdir("/this_dir_does_not_exist/sub_dir", 0700));
    }

    @Test
    void linksAndRenames() throws IOException { // rows 10-15
        vfs.link("temp_file", "/temp_file_hard_link");
        assertThat(Files.isSameFile(t.resolve("temp_file"), t.resolve("temp_file_hard_link"))).isTrue();
        vfs.unlink("/temp_file_hard_link");
        vfs.link("temp_file", "/S/temp_file_hard_link");
        vfs.unlink("/S/temp_file_hard_link");
        assertErrno(Errno.EACCES, () -> vfs.symlink("temp_file", "temp_file_symlink"));
        assertThat(vfs.lstat("temp_symlink").isSymlink()).isTrue();
        assertThat(vfs.readlink("temp_symlink")).isEqualTo("temp_file");
        assertThat(readAll(vfs.open("temp_symlink", O_RDONLY, 0))).isEqualTo("hello world");
        vfs.rename("temp_file", "/S/temp_file_new");
        vfs.rename("/S/temp_file_new", "temp_file");
        VFile f = vfs.open("temp_file", O_RDWR, 0);
        assertThat(write(f, "HELLO")).isEqualTo(5);
        assertThat(f.seek(0, 0)).isZero();
        assertThat(readAll(f)).isEqualTo("HELLO world");
        f.close();
        assertErrno(Errno.EACCES, () -> vfs.rename("temp_symlink", "/S/temp_file_new"));
    }

    @Test
    void nothingOutsideTheMount() { // rows 17-25
        assertErrno(Errno.ENOENT, () -> vfs.open("../outside_file", O_RDWR, 0));
        assertErrno(Errno.ENOENT, () -> vfs.open("/../outside_file", O_RDWR, 0));
        for (String p : new String[] {".", "/", "..", "/..", "//..", "/../", "/..//", "/.././//../..", "//", "/./.",
                "/./////.", "S/../..", "/S/..", "/S/../.", "S/../.", "./S/../."}) {
            assertThat(vfs.stat(p).ino()).as(p).isEqualTo(rootIno);
        }
        assertErrno(Errno.ENOENT, () -> vfs.open("../outside_dir", O_RDONLY, 0)); // what opendir sends
        // NaClSysOpen: the stat fails, so O_DIRECTORY gives ENOTDIR before the host open
        assertErrno(Errno.ENOTDIR, () -> vfs.open("../outside_dir", O_RDONLY | O_DIRECTORY, 0));
        for (String p : new String[] {"/../T", "//../T", "/.//..//T", "../T"}) {
            assertErrno(Errno.ENOENT, () -> vfs.stat(p));
        }
        assertThat(vfs.stat("/S").ino()).isNotEqualTo(rootIno);
        assertErrno(Errno.ENOENT, () -> vfs.stat("S/file_does_not_exist/.."));
    }

    @Test
    void readWriteAndCreate() throws IOException { // rows 26-27
        VFile a = vfs.open("/temp_file", O_RDWR, 0);
        assertThat(readAll(a)).isEqualTo("hello world");
        a.close();
        vfs.chdir("S");
        VFile b = vfs.open("file_in_S", O_RDWR, 0);
        write(b, "INNER");
        b.close();
        assertThat(Files.readString(t.resolve("S/file_in_S"))).isEqualTo("INNER");
        vfs.chdir("/");
        for (String p : new String[] {"/new_temp_file", "/S/newer_temp_file", "/S/..newer_temp_file"}) {
            VFile f = vfs.open(p, O_RDWR | O_CREAT | O_TRUNC, 0600);
            write(f, "data " + p);
            f.seek(0, 0);
            assertThat(readAll(f)).isEqualTo("data " + p);
            f.close();
            assertThat(Files.readString(t.resolve(p.substring(1)))).isEqualTo("data " + p);
        }
    }
}
