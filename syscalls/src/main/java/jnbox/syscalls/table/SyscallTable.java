package jnbox.syscalls.table;

import java.util.ArrayList;
import java.util.List;
import jnbox.vfs.Errno;

/**
 * The syscall table: one row per NaCl syscall number (spec/nacl-abi.md §4.2). Numbers without a
 * row return -ENOSYS, numbers ≥ {@link #LIMIT} return -EINVAL, as in sel_ldr.
 */
public final class SyscallTable {
    /** {@code NACL_MAX_SYSCALLS}: numbers at or above it are refused with EINVAL (§4.1). */
    public static final int LIMIT = 151;

    private final SyscallEntry[] rows = new SyscallEntry[LIMIT];

    /** Registers an implemented syscall. PARTIAL rows must carry a note. */
    public void add(int number, String name, SyscallHandler handler, Support support, String note, TraceSpec trace) {
        if (number < 0 || number >= LIMIT) throw new IllegalArgumentException("syscall number out of range: " + number);
        if (rows[number] != null) throw new IllegalArgumentException("syscall " + number + " registered twice: " + rows[number].name() + ", " + name);
        if (support != Support.FULL && (note == null || note.isBlank())) throw new IllegalArgumentException("syscall " + name + ": " + support + " needs a note");
        rows[number] = new SyscallEntry(number, name, handler, support, note, trace);
    }

    public void add(int number, String name, SyscallHandler handler, Support support, TraceSpec trace) {
        add(number, name, handler, support, null, trace);
    }

    /** Registers a syscall sel_ldr has but jnbox does not implement yet: it returns -ENOSYS. */
    public void unsupported(int number, String name, String note, TraceSpec trace) {
        add(number, name, (p, a) -> -Errno.ENOSYS, Support.NONE, note, trace);
    }

    /** The row for {@code number}, or null (unregistered or out of range). */
    public SyscallEntry get(int number) {
        return number >= 0 && number < LIMIT ? rows[number] : null;
    }

    /** Every row in number order. */
    public List<SyscallEntry> entries() {
        List<SyscallEntry> out = new ArrayList<>();
        for (SyscallEntry e : rows) if (e != null) out.add(e);
        return out;
    }

    /** The table as text for {@code jnbox syscalls}: number, name, support, trampoline, note. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format("%-4s %-22s %-8s %-8s %s%n", "N", "name", "support", "tramp", "note"));
        for (SyscallEntry e : entries()) {
            sb.append(String.format("%-4d %-22s %-8s 0x%05x  %s%n", e.number(), e.name(), e.support().name().toLowerCase(java.util.Locale.ROOT),
                    e.trampoline(), e.note()));
        }
        sb.append(String.format("Other numbers below %d return -ENOSYS; %d and above return -EINVAL.%n", LIMIT, LIMIT));
        return sb.toString();
    }
}
