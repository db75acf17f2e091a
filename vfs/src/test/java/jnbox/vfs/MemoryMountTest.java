package jnbox.vfs;

import static jnbox.vfs.OpenFlags.*;
import static jnbox.vfs.VfsAssert.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code -m tmpfs[=SIZE]:VIRT:rw}: an in-memory tree with a size cap, errors as Linux tmpfs gives them. */
class MemoryMountTest {
    @Test
    void sizeCapGivesENOSPC() {
        Vfs vfs = Vfs.of("tmpfs=1K:/tmp:rw");
        VFile f = vfs.open("/tmp/big", O_RDWR | O_CREAT, 0600);
        assertThat(f.write(new byte[1000], 0, 1000)).isEqualTo(1000);
        assertThat(f.write(new byte[100], 0, 100)).isEqualTo(24); // what fits, as Linux returns a short write
        assertErrno(Errno.ENOSPC, () -> f.write(new byte[1], 0, 1));
        VFile g = vfs.open("/tmp/other", O_RDWR | O_CREAT, 0600);
        assertErrno(Errno.ENOSPC, () -> g.write(new byte[1], 0, 1));
        assertErrno(Errno.ENOSPC, () -> vfs.truncate("/tmp/other", 1));
        assertErrno(Errno.ENOSPC, () -> g.pwrite(new byte[1], 0, 1, 4000));
        f.truncate(24);
        assertThat(g.write(new byte[1000], 0, 1000)).isEqualTo(1000);
        vfs.unlink("/tmp/other"); // space comes back once the last name is gone
        f.seek(0, 2);
        assertThat(f.write(new byte[500], 0, 500)).isEqualTo(500);
    }

    @Test
    void contentsVanishWithTheVfs() {
        Vfs a = Vfs.of("tmpfs:/:rw");
        write(a.open("/keep", O_WRONLY | O_CREAT, 0600), "x");
        assertThat(a.stat("/keep").size()).isEqualTo(1);
        a.close();
        assertErrno(Errno.ENOENT, () -> a.stat("/keep"));
        Vfs b = Vfs.of("tmpfs:/:rw");
        assertErrno(Errno.ENOENT, () -> b.stat("/keep"));
    }

    @Test
    void fileOperations() {
        Vfs vfs = Vfs.of("tmpfs:/:rw");
        vfs.mkdir("/d", 0755);
        assertThat(vfs.stat("/d").mode()).isEqualTo(Stat.S_IFDIR | 0700);
        assertErrno(Errno.EEXIST, () -> vfs.mkdir("/d", 0700));
        VFile f = vfs.open("/d/f", O_RDWR | O_CREAT | O_EXCL, 0600);
        write(f, "hello");
        f.pwrite("J".getBytes(), 0, 1, 0);
        f.seek(0, 0);
        assertThat(readAll(f)).isEqualTo("Jello");
        assertThat(f.seek(3, 2)).isEqualTo(8);
        write(f, "!");
        f.seek(0, 0);
        assertThat(readAll(f)).isEqualTo("Jello\0\0\0!");
        assertErrno(Errno.EEXIST, () -> vfs.open("/d/f", O_RDWR | O_CREAT | O_EXCL, 0600));
        assertErrno(Errno.ENOTEMPTY, () -> vfs.rmdir("/d"));
        vfs.link("/d/f", "/g");
        assertThat(vfs.stat("/g").nlink()).isEqualTo(2);
        assertThat(vfs.stat("/g").ino()).isEqualTo(vfs.stat("/d/f").ino());
        vfs.rename("/g", "/h");
        assertErrno(Errno.ENOENT, () -> vfs.stat("/g"));
        vfs.unlink("/d/f");
        assertThat(readAll(vfs.open("/h", O_RDONLY, 0))).isEqualTo("Jello\0\0\0!");
        assertThat(f.stat().nlink()).isEqualTo(1);
        vfs.rmdir("/d");
        assertThat(listNames(vfs.open("/", O_RDONLY, 0))).containsExactly(".", "..", "h");
        VFile ap = vfs.open("/h", O_WRONLY | O_APPEND | O_TRUNC, 0);
        write(ap, "ab");
        ap.seek(0, 0);
        write(ap, "cd");
        assertThat(readAll(vfs.open("/h", O_RDONLY, 0))).isEqualTo("abcd");
        assertErrno(Errno.EACCES, () -> vfs.symlink("x", "/l")); // no symlinks from the guest
        assertErrno(Errno.EINVAL, () -> vfs.readlink("/h"));
        assertErrno(Errno.ENOTDIR, () -> vfs.stat("/h/x"));
        vfs.chdir("/");
        assertThat(vfs.getcwd()).isEqualTo("/");
    }

    @Test
    void readOnlyTmpfsRefusesWrites() {
        Vfs vfs = Vfs.of("tmpfs:/:ro");
        assertErrno(Errno.EACCES, () -> vfs.mkdir("/d", 0700));
        assertErrno(Errno.EACCES, () -> vfs.open("/f", O_RDWR | O_CREAT, 0600));
    }
}
