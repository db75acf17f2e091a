package jnbox.vfs;

import java.util.Locale;
import jnbox.vfs.path.PathNames;

/**
 * One {@code -m HOST:VIRT:ro|rw} option (spec/nacl-abi.md §7.1). Parsed from the right: the
 * last colon separates the option, the one before it VIRT, so HOST may hold colons
 * ({@code C:\data}). A spec without any colon means {@code HOST:/:rw}.
 *
 * <p>HOST selects the file system:
 * <ul>
 * <li>{@code tmpfs} or {@code tmpfs=SIZE} (SIZE in bytes with an optional K/M/G suffix;
 *     default {@value #DEFAULT_TMPFS_BYTES} bytes): an empty in-memory tree, gone at exit; ENOSPC
 *     past the cap. Write {@code ./tmpfs} to mount a host folder named tmpfs.</li>
 * <li>a name ending in .tar, .tar.gz/.tgz, .tar.bz2/.tbz2, .tar.xz/.txz or .zip: the archive's
 *     contents, read-only (rw is refused).</li>
 * <li>anything else: a host directory (checked when the {@link Vfs} is built).</li>
 * </ul>
 *
 * @param virt the normalised absolute virtual path (no {@code .}, {@code ..}, {@code //} or
 *     trailing slash)
 */
public record MountSpec(Kind kind, String host, String virt, boolean writable, long sizeCap) {
    /** What backs a mount. */
    public enum Kind { HOST_DIR, ARCHIVE, MEMORY }

    public static final long DEFAULT_TMPFS_BYTES = 64L << 20;
    private static final String[] ARCHIVE_SUFFIXES =
            {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".zip"};

    /**
     * Parses one {@code -m} value.
     *
     * @throws IllegalArgumentException with a one-line reason naming the spec
     */
    public static MountSpec parse(String spec) {
        String s = spec.indexOf(':') < 0 ? spec + ":/:rw" : spec;
        int colon2 = s.lastIndexOf(':');
        if (colon2 <= 0) throw bad(spec, "expected HOST:VIRT:ro|rw");
        String option = s.substring(colon2 + 1);
        if (!option.equals("ro") && !option.equals("rw")) {
            throw bad(spec, "the mount option after the last ':' must be 'ro' or 'rw', not '" + option + "'");
        }
        int colon1 = s.lastIndexOf(':', colon2 - 1);
        if (colon1 <= 0) throw bad(spec, "expected HOST:VIRT:ro|rw");
        String host = s.substring(0, colon1);
        String virt = PathNames.replaceSlashes(s.substring(colon1 + 1, colon2));
        if (!PathNames.isAbsolute(virt)) throw bad(spec, "the virtual path '" + virt + "' must be absolute");
        virt = PathNames.absPath(virt, PathNames.SEP);
        boolean writable = option.equals("rw");

        if (host.equals("tmpfs") || host.startsWith("tmpfs=")) {
            long cap = host.equals("tmpfs") ? DEFAULT_TMPFS_BYTES : parseSize(spec, host.substring(6));
            return new MountSpec(Kind.MEMORY, host, virt, writable, cap);
        }
        String lower = host.toLowerCase(Locale.ROOT);
        for (String suffix : ARCHIVE_SUFFIXES) {
            if (lower.endsWith(suffix)) {
                if (writable) throw bad(spec, "archive mounts are read-only; use ':ro'");
                return new MountSpec(Kind.ARCHIVE, host, virt, false, 0);
            }
        }
        return new MountSpec(Kind.HOST_DIR, host, virt, writable, 0);
    }

    private static long parseSize(String spec, String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        int shift = 0;
        if (t.endsWith("K")) shift = 10;
        else if (t.endsWith("M")) shift = 20;
        else if (t.endsWith("G")) shift = 30;
        if (shift != 0) t = t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(t);
            if (v < 0 || v > (Long.MAX_VALUE >> shift)) throw new NumberFormatException();
            return v << shift;
        } catch (NumberFormatException e) {
            throw bad(spec, "bad tmpfs size '" + text + "' (bytes, or a number with K, M or G)");
        }
    }

    private static IllegalArgumentException bad(String spec, String why) {
        return new IllegalArgumentException("bad mount spec '" + spec + "': " + why);
    }

    /** The spec as the user would write it, for messages. */
    @Override
    public String toString() { return host + ":" + virt + ":" + (writable ? "rw" : "ro"); }
}
