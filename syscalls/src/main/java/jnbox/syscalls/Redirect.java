package jnbox.syscalls;

import java.nio.file.Path;

/**
 * A start-up fd redirection, sel_ldr's {@code -h d:D}, {@code -r d:D}, {@code -w d:D}
 * (spec/nacl-abi.md §6.1). jnbox names a host file instead of a host fd number; the numbers
 * 0, 1 and 2 stand for jnbox's own stdin, stdout and stderr.
 *
 * @param fd     the guest fd
 * @param mode   how the host file is opened
 * @param target a host path, or null when {@code stdio} names one of jnbox's streams
 * @param stdio  0, 1 or 2 when the redirection points at jnbox's stdin/stdout/stderr; else -1
 */
public record Redirect(int fd, Mode mode, Path target, int stdio) {
    /** -h: read/write; -r: read only; -w: write only (created, appended). */
    public enum Mode { READ_WRITE, READ, WRITE }

    /** Parses the value of -h/-r/-w: {@code d:FILE} (any single separator character, as sel_ldr's strtol use). */
    public static Redirect parse(Mode mode, String value) {
        int i = 0;
        while (i < value.length() && Character.isDigit(value.charAt(i))) i++;
        if (i == 0 || i + 1 >= value.length()) throw new IllegalArgumentException("expected d:FILE, got '" + value + "'");
        int fd;
        try {
            fd = Integer.parseInt(value.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad fd number in '" + value + "'");
        }
        if (fd >= jnbox.syscalls.fd.FdTable.MAX_FD) throw new IllegalArgumentException("fd " + fd + " is above 4095");
        String target = value.substring(i + 1);
        if (target.equals("0") || target.equals("1") || target.equals("2")) return new Redirect(fd, mode, null, Integer.parseInt(target));
        return new Redirect(fd, mode, Path.of(target), -1);
    }
}
