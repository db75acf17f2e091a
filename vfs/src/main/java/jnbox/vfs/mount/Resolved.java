package jnbox.vfs.mount;

import java.util.List;

/**
 * The outcome of resolving a guest path: the symlink-free virtual path (its last name may be a
 * symlink when the caller asked not to follow it, or missing), the mount serving it, and the
 * names below that mount's root.
 */
public record Resolved(String path, Mount mount, List<String> rel) {
    /** The host label path (mount host + names), as NaCl would hand it to the host OS. */
    public String hostLabel() {
        return rel.isEmpty() ? mount.host() : jnbox.vfs.path.PathNames.joinComponents(mount.host(), String.join("/", rel));
    }
}
