package jnbox.vfs.path;

/**
 * Lexical path-string operations of NaCl's {@code filename_util} (spec/nacl-abi.md §7.6:
 * StartsWithPath, ReplacePathPrefix, JoinComponents, RemoveFirstComponent, RemoveLastComponent,
 * AbsPath). They never touch a file system. Mount matching and host↔virtual translation are
 * built on them so that jnbox matches the spec's cases string for string.
 */
public final class PathNames {
    public static final String SEP = "/";

    private PathNames() {}

    /** A (head, rest) or (rest, tail) split. */
    public record Split(String first, String second) {}

    /** Every backslash becomes a slash (§7.2 step 1). */
    public static String replaceSlashes(String path) { return path.replace('\\', '/'); }

    public static boolean isAbsolute(String path) { return path.startsWith(SEP); }

    /** True when {@code path} starts with {@code prefix} on whole components (an empty prefix matches all). */
    public static boolean startsWithPath(String path, String prefix) {
        return path.startsWith(prefix)
                && (path.length() == prefix.length() || prefix.endsWith(SEP) || path.charAt(prefix.length()) == '/'
                        || prefix.isEmpty());
    }

    /** {@code path} with {@code prefix} replaced by {@code repl}, or null when it does not start with it. */
    public static String replacePathPrefix(String path, String prefix, String repl) {
        return startsWithPath(path, prefix) ? joinComponents(repl, path.substring(prefix.length())) : null;
    }

    /**
     * {@code head} followed by {@code tail} with one slash between them: an empty tail leaves the
     * head unchanged, an empty head gives the tail as is, one leading slash of the tail is dropped.
     */
    public static String joinComponents(String head, String tail) {
        if (tail.isEmpty()) return head;
        if (head.isEmpty()) return tail;
        StringBuilder sb = new StringBuilder(head.length() + tail.length() + 1).append(head);
        if (!head.endsWith(SEP)) sb.append('/');
        return sb.append(tail, tail.startsWith(SEP) ? 1 : 0, tail.length()).toString();
    }

    /** Appends one component to a path; same as {@link #joinComponents}. */
    public static String appendComponent(String path, String component) { return joinComponents(path, component); }

    /** (head before the first slash, rest after all the slashes that follow it). */
    public static Split removeFirstComponent(String path) {
        int pos = path.indexOf('/');
        if (pos < 0) return new Split(path, "");
        int rest = pos;
        while (rest < path.length() && path.charAt(rest) == '/') rest++;
        return new Split(path.substring(0, pos), path.substring(rest));
    }

    /** (rest before the last slash and the slashes preceding it, tail after the last slash). */
    public static Split removeLastComponent(String path) {
        int pos = path.lastIndexOf('/');
        if (pos < 0) return new Split("", path);
        int end = pos;
        while (end > 0 && path.charAt(end - 1) == '/') end--;
        return new Split(path.substring(0, end), path.substring(pos + 1));
    }

    /**
     * NaCl's AbsPath: {@code path} made absolute against {@code cwd} and normalised lexically
     * ({@code .}, {@code ..} clamped at {@code /}, repeated and trailing slashes), symlinks not
     * considered. Backslashes count as slashes.
     */
    public static String absPath(String path, String cwd) {
        String rest = replaceSlashes(path);
        if (!isAbsolute(rest)) rest = joinComponents(cwd, rest);
        String done = SEP;
        while (!rest.isEmpty()) {
            Split s = removeFirstComponent(rest);
            rest = s.second();
            String head = s.first();
            if (head.isEmpty() || head.equals(".")) continue;
            if (head.equals("..")) {
                done = parent(done);
            } else {
                done = joinComponents(done, head);
            }
        }
        return done;
    }

    /** The lexical parent of a normalised absolute path; {@code /} stays {@code /}. */
    public static String parent(String done) {
        String p = removeLastComponent(done).first();
        return p.isEmpty() ? SEP : p;
    }
}
