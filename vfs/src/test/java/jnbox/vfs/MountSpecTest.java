package jnbox.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code -m} parsing as NaClAddMount does it (spec/nacl-abi.md §7.1), plus jnbox's tmpfs/archive kinds. */
class MountSpecTest {
    @Test
    void parsedFromTheRight() {
        MountSpec s = MountSpec.parse("C:\\data\\x:/d:ro");
        assertThat(s.host()).isEqualTo("C:\\data\\x");
        assertThat(s.virt()).isEqualTo("/d");
        assertThat(s.writable()).isFalse();
        assertThat(s.kind()).isEqualTo(MountSpec.Kind.HOST_DIR);
        MountSpec t = MountSpec.parse("/a:b:c:/x/y:rw");
        assertThat(t.host()).isEqualTo("/a:b:c");
        assertThat(t.virt()).isEqualTo("/x/y");
        assertThat(t.writable()).isTrue();
    }

    @Test
    void bareHostMeansRootReadWrite() {
        MountSpec s = MountSpec.parse("/srv/data");
        assertThat(s.virt()).isEqualTo("/");
        assertThat(s.writable()).isTrue();
        assertThat(s.host()).isEqualTo("/srv/data");
    }

    @Test
    void virtualPathIsNormalised() {
        assertThat(MountSpec.parse("/h:/a/./b/../c//:ro").virt()).isEqualTo("/a/c");
        assertThat(MountSpec.parse("/h:\\a\\b\\:ro").virt()).isEqualTo("/a/b");
        assertThat(MountSpec.parse("/h:/..:ro").virt()).isEqualTo("/");
    }

    @Test
    void badSpecsGiveOneLineReasons() {
        for (String bad : new String[] {"C:\\dir", "/h:/x:rx", "/h:/x:", ":/x:ro", "/h:rel/x:ro", "/h:ro", "x:/"}) {
            assertThatThrownBy(() -> MountSpec.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("bad mount spec '" + bad + "'").hasMessageNotContaining("\n");
        }
    }

    @Test
    void tmpfsAndArchives() {
        MountSpec m = MountSpec.parse("tmpfs:/tmp:rw");
        assertThat(m.kind()).isEqualTo(MountSpec.Kind.MEMORY);
        assertThat(m.sizeCap()).isEqualTo(MountSpec.DEFAULT_TMPFS_BYTES);
        assertThat(MountSpec.parse("tmpfs=16M:/tmp:rw").sizeCap()).isEqualTo(16L << 20);
        assertThat(MountSpec.parse("tmpfs=1000:/tmp:rw").sizeCap()).isEqualTo(1000);
        assertThatThrownBy(() -> MountSpec.parse("tmpfs=lots:/tmp:rw")).isInstanceOf(IllegalArgumentException.class);
        assertThat(MountSpec.parse("./tmpfs:/t:rw").kind()).isEqualTo(MountSpec.Kind.HOST_DIR);
        for (String a : new String[] {"app.tar", "app.tar.gz", "app.TGZ", "a.tar.bz2", "a.tbz2", "a.tar.xz", "a.txz", "a.zip"}) {
            assertThat(MountSpec.parse(a + ":/app:ro").kind()).as(a).isEqualTo(MountSpec.Kind.ARCHIVE);
        }
        assertThatThrownBy(() -> MountSpec.parse("app.zip:/app:rw")).hasMessageContaining("read-only");
    }

    @Test
    void missingHostFolderIsAClearError() {
        assertThatThrownBy(() -> Vfs.of("/no/such/folder/anywhere:/:ro")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/no/such/folder/anywhere");
    }
}
