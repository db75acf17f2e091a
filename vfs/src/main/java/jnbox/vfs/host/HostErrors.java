package jnbox.vfs.host;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Map;
import jnbox.vfs.Errno;
import jnbox.vfs.VfsException;

/**
 * Host errors → NaCl errno ({@code NaClXlateErrno}, spec/nacl-abi.md §4.3). java.nio reports
 * most errnos as a {@link FileSystemException} whose reason is the C library's strerror text,
 * (or, for a plain IOException, the message starts with it), so the table is keyed by that
 * text; anything unknown is EIO.
 */
final class HostErrors {
    private static final Map<String, Integer> BY_REASON = Map.ofEntries(
            Map.entry("Operation not permitted", Errno.EPERM),
            Map.entry("No such file or directory", Errno.ENOENT),
            Map.entry("Permission denied", Errno.EACCES),
            Map.entry("File exists", Errno.EEXIST),
            Map.entry("Invalid cross-device link", Errno.EXDEV),
            Map.entry("Not a directory", Errno.ENOTDIR),
            Map.entry("Is a directory", Errno.EISDIR),
            Map.entry("Invalid argument", Errno.EINVAL),
            Map.entry("Too many open files", Errno.EMFILE),
            Map.entry("Too many open files in system", Errno.ENFILE),
            Map.entry("File too large", Errno.EFBIG),
            Map.entry("No space left on device", Errno.ENOSPC),
            Map.entry("Read-only file system", Errno.EROFS),
            Map.entry("Too many links", Errno.EMLINK),
            Map.entry("File name too long", Errno.ENAMETOOLONG),
            Map.entry("Directory not empty", Errno.ENOTEMPTY),
            Map.entry("Too many levels of symbolic links", Errno.ELOOP),
            Map.entry("Device or resource busy", Errno.EBUSY),
            Map.entry("Disk quota exceeded", Errno.EDQUOT),
            Map.entry("Text file busy", Errno.EACCES)); // NaCl defines no ETXTBSY (§4.3)

    private HostErrors() {}

    static VfsException of(IOException e) { return new VfsException(errno(e)); }

    static int errno(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> Errno.ENOENT;
            case FileAlreadyExistsException x -> Errno.EEXIST;
            case AccessDeniedException x -> Errno.EACCES;
            case NotDirectoryException x -> Errno.ENOTDIR;
            case DirectoryNotEmptyException x -> Errno.ENOTEMPTY;
            case NotLinkException x -> Errno.EINVAL;
            case FileSystemLoopException x -> Errno.ELOOP;
            case AtomicMoveNotSupportedException x -> Errno.EXDEV;
            case FileSystemException x -> byReason(x.getReason());
            // e.g. "Too many levels of symbolic links (NOFOLLOW_LINKS specified)" from an
            // O_NOFOLLOW open of a link: a plain IOException whose message starts with strerror
            default -> byReason(e.getMessage());
        };
    }

    private static int byReason(String reason) {
        if (reason == null) return Errno.EIO;
        for (Map.Entry<String, Integer> en : BY_REASON.entrySet()) {
            if (reason.startsWith(en.getKey())) {
                // "Too many open files in system" also starts with "Too many open files"
                if (en.getValue() == Errno.EMFILE && reason.startsWith("Too many open files in system")) continue;
                return en.getValue();
            }
        }
        return Errno.EIO;
    }
}
