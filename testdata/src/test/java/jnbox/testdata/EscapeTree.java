package jnbox.testdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The host tree the escape programs run in (testdata/README.md, "Escape suite"; the same
 * layout as testdata/escape-oracle.py builds for Google's sel_ldr). Under a root T:
 * <pre>
 * T/mounts/ro   mounted at /    (ro): data.txt, sub/inner.txt, ro_abs_out -&gt; T/canary/secret.txt
 * T/mounts/rw   mounted at /rw  (rw): file.txt and planted links abs_out -&gt; T/canary/secret.txt,
 *               rel_out -&gt; ../../canary/secret.txt, abs_dir_out -&gt; T/canary, rel_dir_out -&gt; ../../canary,
 *               loop -&gt; loop, in_rel -&gt; ../data.txt, in_abs -&gt; /data.txt
 * T/mounts/rw2  mounted at /rw2 (rw): empty
 * T/canary      beside the mounts: secret.txt (the {@link #SECRET}), dir/deep.txt
 * T/lfa         limited-file-access: temp_dir (mounted at / rw) with temp_file, temp_symlink -&gt;
 *               temp_file, temp_sub_dir/temp_sub_file; temp_inaccessible_dir and _file beside it
 * T/redirect    escape-redirect: in.txt
 * T/hostile.tar escape-mounts: entries ../../canary/evil.txt, /abs/evil2.txt, ok.txt; symlinks
 *               out_rel, out_abs (out), to_rw (-&gt; /rw/file.txt); hard links hl, hl_missing
 * </pre>
 * {@link #guarded} hashes everything a guest must not change: the canary, the ro mount, the
 * files outside limited-file-access's mount and the names directly under T.
 */
final class EscapeTree {

    static final String SECRET = "CANARY-SECRET-4b1d\n";

    private EscapeTree() { }

    static void build(Path t) throws IOException {
        write(t, "mounts/ro/data.txt", "read-only data\n");
        write(t, "mounts/ro/sub/inner.txt", "inner\n");
        write(t, "mounts/rw/file.txt", "rw file\n");
        Files.createDirectories(t.resolve("mounts/rw2"));
        write(t, "canary/secret.txt", SECRET);
        write(t, "canary/dir/deep.txt", "deep canary\n");
        link(t, "mounts/ro/ro_abs_out", t.resolve("canary/secret.txt").toString());
        link(t, "mounts/rw/abs_out", t.resolve("canary/secret.txt").toString());
        link(t, "mounts/rw/rel_out", "../../canary/secret.txt");
        link(t, "mounts/rw/abs_dir_out", t.resolve("canary").toString());
        link(t, "mounts/rw/rel_dir_out", "../../canary");
        link(t, "mounts/rw/loop", "loop");
        link(t, "mounts/rw/in_rel", "../data.txt");
        link(t, "mounts/rw/in_abs", "/data.txt");
        write(t, "lfa/temp_dir/temp_file", "");
        link(t, "lfa/temp_dir/temp_symlink", "temp_file");
        write(t, "lfa/temp_dir/temp_sub_dir/temp_sub_file", "");
        Files.createDirectories(t.resolve("lfa/temp_inaccessible_dir"));
        write(t, "lfa/temp_inaccessible_file", "");
        write(t, "redirect/in.txt", "redirected input\n");
        hostileTar(t.resolve("hostile.tar"), t.resolve("canary/secret.txt").toString());
    }

    /** escape-mounts' archive: entries and links that try to point out of the mount. */
    private static void hostileTar(Path file, String canaryHostPath) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            tarFile(tar, "ok.txt", "archive file\n");
            tarFile(tar, "../../canary/evil.txt", "evil\n");
            tarFile(tar, "/abs/evil2.txt", "evil\n");
            tarLink(tar, "out_rel", TarConstants.LF_SYMLINK, "../../canary/secret.txt");
            tarLink(tar, "out_abs", TarConstants.LF_SYMLINK, canaryHostPath);
            tarLink(tar, "to_rw", TarConstants.LF_SYMLINK, "/rw/file.txt");
            tarLink(tar, "hl", TarConstants.LF_LINK, "../../canary/evil.txt");
            tarLink(tar, "hl_missing", TarConstants.LF_LINK, "../../../canary/secret.txt");
        }
    }

    private static void tarFile(TarArchiveOutputStream tar, String name, String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static void tarLink(TarArchiveOutputStream tar, String name, byte type, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    static void write(Path t, String rel, String text) throws IOException {
        Path p = t.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static void link(Path t, String rel, String target) throws IOException {
        Files.createSymbolicLink(t.resolve(rel), t.getFileSystem().getPath(target));
    }

    /** A digest of what no guest may change (see the class comment). */
    static String guarded(Path t) throws IOException {
        MessageDigest md = sha256();
        for (String rel : List.of("canary", "mounts/ro", "lfa/temp_inaccessible_dir", "lfa/temp_inaccessible_file")) {
            hashTree(t, t.resolve(rel), md);
        }
        try (Stream<Path> top = Files.list(t)) {
            for (Path p : top.sorted().toList()) md.update((p.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Names, types, permissions, sizes, m/ctimes, inodes, link counts, link texts and contents below {@code top}. */
    private static void hashTree(Path base, Path top, MessageDigest md) throws IOException {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(top)) {
            paths = s.sorted().toList();
        }
        for (Path p : paths) {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String kind = a.isSymbolicLink() ? "l" : a.isDirectory() ? "d" : a.isRegularFile() ? "f" : "o";
            Map<String, Object> u = Files.readAttributes(p, "unix:ino,nlink,ctime", LinkOption.NOFOLLOW_LINKS);
            md.update(String.format("%s %s %s %d %s %s %s %s%n", base.relativize(p), kind,
                    PosixFilePermissions.toString(a.permissions()), a.size(), a.lastModifiedTime(),
                    u.get("ino"), u.get("nlink"), u.get("ctime")).getBytes(StandardCharsets.UTF_8));
            if (a.isSymbolicLink()) md.update(Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8));
            else if (a.isRegularFile()) md.update(Files.readAllBytes(p));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
