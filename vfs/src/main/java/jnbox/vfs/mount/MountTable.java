package jnbox.vfs.mount;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jnbox.vfs.path.PathNames;

/**
 * The mounts, kept in NaCl's order (spec/nacl-abi.md §7.1): decreasing length of the virtual
 * path, a new mount after existing ones of equal length, so the first match is the longest
 * prefix and, for identical paths, the mount given first. The same order serves both
 * translation directions. Immutable after construction of the {@code Vfs}.
 */
public final class MountTable {
    private final List<Mount> mounts = new ArrayList<>();

    /** A translated path and whether its mount is writable. */
    public record Translation(String path, boolean writable) {}

    /** Adds a mount in table order. */
    public void add(Mount m) {
        int i = 0;
        while (i < mounts.size() && mounts.get(i).virt().length() >= m.virt().length()) i++;
        mounts.add(i, m);
    }

    public List<Mount> mounts() { return Collections.unmodifiableList(mounts); }

    public boolean isEmpty() { return mounts.isEmpty(); }

    /** The mount serving a normalised absolute virtual path, or null (the caller gives EACCES). */
    public Mount find(String virtualPath) {
        for (Mount m : mounts) {
            if (PathNames.startsWithPath(virtualPath, m.virt())) return m;
        }
        return null;
    }

    /** Virtual → host label path (SandboxFS::TranslateToHost), or null when no mount matches. */
    public Translation toHost(String virtualPath) {
        for (Mount m : mounts) {
            String r = PathNames.replacePathPrefix(virtualPath, m.virt(), m.host());
            if (r != null) return new Translation(r, m.writable());
        }
        return null;
    }

    /** Host → virtual (TranslateFromHost; backslashes count as slashes), or null when no mount matches. */
    public Translation fromHost(String hostPath) {
        String h = PathNames.replaceSlashes(hostPath);
        for (Mount m : mounts) {
            String r = PathNames.replacePathPrefix(h, m.host(), m.virt());
            if (r != null) return new Translation(r, m.writable());
        }
        return null;
    }
}
