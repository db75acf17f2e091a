package jnbox.vfs.mount;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jnbox.vfs.Errno;
import jnbox.vfs.VfsException;
import jnbox.vfs.path.PathNames;
import jnbox.vfs.path.PathNames.Split;

/**
 * Resolves a guest path to a mount and names, one component at a time (spec/nacl-abi.md §7.2,
 * NaCl's {@code RealPathImpl} + {@code SandboxFS::ResolveToHost}; the walk is the model of
 * Linux's {@code link_path_walk} and gVisor's {@code ResolvingPath}).
 *
 * <p>State: {@code done}, the resolved prefix (absolute, never containing a symlink, so
 * {@code ..} can drop its last name lexically and never climbs above {@code /}), and
 * {@code rest}, the text still to walk. Each ordinary name is appended to {@code done}, the
 * mount serving {@code done} is looked up (none: EACCES) and its file system probes that one
 * name without following it:
 * <ul>
 * <li>not a link: keep going;</li>
 * <li>missing: allowed only when {@code rest} is empty (the last name may be created), else ENOENT;</li>
 * <li>a link that is the last name: {@code linkFlag} &lt; 0 fails with errno −linkFlag, &gt; 0
 *     stops on the link itself, 0 follows;</li>
 * <li>following: at most {@value #MAX_SYMLINKS} expansions (then ELOOP); the text is a virtual
 *     path: absolute restarts at {@code /}, relative continues from the link's parent; the
 *     text is prepended to {@code rest};</li>
 * <li>any other error is returned.</li>
 * </ul>
 * A trailing slash does not force following a final symlink (as in NaCl).
 */
public final class Resolver {
    /** link_flag values of §7.3. */
    public static final int FOLLOW = 0, NOFOLLOW = 1;
    public static final int MAX_SYMLINKS = 32;
    /** NACL_CONFIG_PATH_MAX: buffer size for a path including its NUL. */
    public static final int PATH_MAX = 1024;
    public static final int NAME_MAX = 255;

    private final MountTable mounts;

    public Resolver(MountTable mounts) { this.mounts = mounts; }

    /**
     * Resolves {@code path} against the virtual {@code cwd}.
     *
     * @param reqWritable the final mount must be rw, else EACCES
     * @param linkFlag {@link #FOLLOW}, {@link #NOFOLLOW} or a negative errno for a final symlink
     */
    public Resolved resolve(String path, String cwd, boolean reqWritable, int linkFlag) {
        String virt = realPath(path, cwd, linkFlag);
        Mount m = mounts.find(virt);
        if (m == null || (reqWritable && !m.writable())) throw new VfsException(Errno.EACCES);
        Resolved r = new Resolved(virt, m, relative(virt, m));
        if (r.hostLabel().getBytes(StandardCharsets.UTF_8).length + 1 > PATH_MAX) {
            throw new VfsException(Errno.ENAMETOOLONG);
        }
        return r;
    }

    /** The resolved virtual path only (NaCl's RealPath with a link flag). */
    public String realPath(String path, String cwd, int linkFlag) {
        String rest = PathNames.replaceSlashes(path);
        if (!PathNames.isAbsolute(rest)) rest = PathNames.joinComponents(cwd, rest);
        String done = PathNames.SEP;
        int links = 0;
        while (!rest.isEmpty()) {
            Split s = PathNames.removeFirstComponent(rest);
            String head = s.first();
            rest = s.second();
            if (head.isEmpty() || head.equals(".")) continue;
            if (head.equals("..")) {
                done = PathNames.parent(done);
                continue;
            }
            if (head.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) throw new VfsException(Errno.ENAMETOOLONG);
            done = PathNames.appendComponent(done, head);
            Mount m = mounts.find(done);
            if (m == null) throw new VfsException(Errno.EACCES);
            String link;
            try {
                link = m.fs().probe(relative(done, m));
            } catch (VfsException e) {
                if (e.errno() == Errno.ENOENT && rest.isEmpty()) continue;
                throw e;
            }
            if (link == null) continue;
            if (rest.isEmpty()) {
                if (linkFlag < 0) throw new VfsException(-linkFlag);
                if (linkFlag > 0) continue;
            }
            if (++links > MAX_SYMLINKS) throw new VfsException(Errno.ELOOP);
            done = PathNames.isAbsolute(link) ? PathNames.SEP : PathNames.parent(done);
            rest = PathNames.joinComponents(link, rest);
        }
        return done;
    }

    /** The names of a normalised virtual path below its mount's root. */
    static List<String> relative(String virt, Mount m) {
        String tail = virt.substring(m.virt().length());
        List<String> out = new ArrayList<>();
        for (String c : tail.split("/")) {
            if (!c.isEmpty()) out.add(c);
        }
        return out;
    }
}
