package jnbox.vfs.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import jnbox.vfs.MountSpec;
import jnbox.vfs.mem.MemoryFileSystem;

/**
 * Reads an archive (tar, tar.gz, tar.bz2, tar.xz, zip) into a read-only
 * {@link MemoryFileSystem}. Entry names are split into components and normalised like a guest
 * path with the archive as root: {@code .} and empty names dropped, {@code ..} never climbing
 * above the root, so a hostile entry such as {@code ../../etc/passwd} lands at
 * {@code /etc/passwd} inside the mount. Symlinks keep their raw text and are resolved later
 * inside the virtual tree like any other (§7.2). Hard links in tar point at earlier entries.
 * The whole content is held in memory for the life of the Vfs.
 */
public final class ArchiveLoader {
    /** Content held in memory at most: a quarter of the heap, so a decompression bomb is an error, not an OOM. */
    private static final long BUDGET = Runtime.getRuntime().maxMemory() / 4;

    private ArchiveLoader() {}

    /** Counts the bytes taken so far against {@link #BUDGET}. */
    private static final class Budget {
        long left = BUDGET;

        byte[] read(InputStream in, String entry) throws IOException {
            byte[] data = in.readNBytes((int) Math.min(left + 1, Integer.MAX_VALUE - 8));
            left -= data.length;
            if (left < 0) throw new IOException("contents exceed " + (BUDGET >> 20) + " MiB (at entry '" + entry + "')");
            return data;
        }
    }

    /**
     * @throws IllegalArgumentException one line naming the archive and what is wrong
     */
    public static MemoryFileSystem load(MountSpec spec) {
        Path file = Path.of(spec.host());
        MemoryFileSystem fs = new MemoryFileSystem(spec.host().replace('\\', '/'), Long.MAX_VALUE);
        try {
            if (spec.host().toLowerCase(Locale.ROOT).endsWith(".zip")) loadZip(file, fs);
            else loadTar(file, fs);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("mount " + spec + ": cannot read archive '" + spec.host() + "': "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        fs.freeze();
        return fs;
    }

    private static void loadTar(Path file, MemoryFileSystem fs) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                InputStream in = decompress(name, raw);
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            Budget budget = new Budget();
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                List<String> rel = components(e.getName());
                long mtime = e.getModTime().toInstant().getEpochSecond();
                int perms = e.getMode() & 0700;
                if (rel.isEmpty()) continue;
                if (e.isDirectory()) {
                    fs.makeDirs(rel, perms | 0500, mtime);
                } else if (e.isSymbolicLink()) {
                    fs.putLink(rel, e.getLinkName(), mtime);
                } else if (e.isLink()) {
                    fs.putHardLink(rel, components(e.getLinkName()));
                } else if (e.isFile()) {
                    fs.putFile(rel, budget.read(tar, e.getName()), perms, mtime);
                }
                // devices, FIFOs: not represented
            }
        }
    }

    private static InputStream decompress(String name, InputStream raw) throws IOException {
        if (name.endsWith(".gz") || name.endsWith(".tgz")) {
            return GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
        }
        if (name.endsWith(".bz2") || name.endsWith(".tbz2")) return new BZip2CompressorInputStream(raw, true);
        if (name.endsWith(".xz") || name.endsWith(".txz")) {
            return XZCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
        }
        return raw;
    }

    private static void loadZip(Path file, MemoryFileSystem fs) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            Budget budget = new Budget();
            Enumeration<ZipArchiveEntry> en = zip.getEntriesInPhysicalOrder();
            while (en.hasMoreElements()) {
                ZipArchiveEntry e = en.nextElement();
                List<String> rel = components(e.getName());
                if (rel.isEmpty()) continue;
                long mtime = e.getTime() / 1000;
                int unixMode = e.getUnixMode();
                int perms = unixMode == 0 ? 0600 : unixMode & 0700;
                if (e.isDirectory()) {
                    fs.makeDirs(rel, perms | 0500, mtime);
                } else {
                    byte[] data;
                    try (InputStream in = zip.getInputStream(e)) {
                        data = budget.read(in, e.getName());
                    }
                    if (e.isUnixSymlink()) fs.putLink(rel, new String(data, StandardCharsets.UTF_8), mtime);
                    else fs.putFile(rel, data, perms | 0400, mtime);
                }
            }
        }
    }

    /** An entry name as names below the archive root ({@code ..} clamped at the root). */
    static List<String> components(String entryName) {
        List<String> out = new ArrayList<>();
        for (String c : entryName.replace('\\', '/').split("/")) {
            if (c.isEmpty() || c.equals(".")) continue;
            if (c.equals("..")) {
                if (!out.isEmpty()) out.removeLast();
            } else {
                out.add(c);
            }
        }
        return out;
    }
}
