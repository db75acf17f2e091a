package jnbox.syscalls.trace;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import jnbox.syscalls.table.ArgKind;
import jnbox.syscalls.table.SyscallArgs;
import jnbox.syscalls.table.SyscallEntry;
import jnbox.syscalls.table.TraceSpec;

/**
 * strace-style lines for {@code --strace}: {@code write(1, "Hello\n", 6) = 6}, errors as
 * {@code = -1 ENOENT (No such file or directory)}. What each argument shows comes from the
 * row's {@link TraceSpec}: inputs are captured before the call ({@link #before}), outputs after
 * ({@link #after}), so the same row that dispatches a call also describes it.
 */
public final class Strace {
    /** How many bytes of a buffer or string are shown before "...". */
    public static final int STRING_LIMIT = 32;

    private final SandboxMemory memory;
    private final PrintStream out;

    public Strace(SandboxMemory memory, PrintStream out) {
        this.memory = memory;
        this.out = out;
    }

    /** The arguments of a call as they are before it runs. */
    public record Pending(String name, TraceSpec spec, SyscallArgs args, String[] before) {}

    /** Captures the inputs of {@code e} (null for an unregistered number). */
    public Pending before(int number, SyscallEntry e, SyscallArgs args) {
        TraceSpec spec = e != null ? e.trace() : TraceSpec.trace();
        String name = e != null ? e.name() : "syscall_" + number;
        List<ArgKind> kinds = spec.args();
        String[] before = new String[kinds.size()];
        for (int i = 0; i < kinds.size(); i++) before[i] = input(kinds, i, args);
        Pending p = new Pending(name, spec, snapshot(args), before);
        if (spec.result() == TraceSpec.Result.NONE) out.println(line(p, 0));
        return p;
    }

    /** Prints the line for a finished call. */
    public void after(Pending p, int result) {
        if (p.spec().result() != TraceSpec.Result.NONE) out.println(line(p, result));
    }

    /** The whole line for {@code p} returning {@code result} (exposed for tests). */
    public String line(Pending p, int result) {
        StringBuilder sb = new StringBuilder(p.name()).append('(');
        List<ArgKind> kinds = p.spec().args();
        for (int i = 0; i < kinds.size(); i++) {
            if (i > 0) sb.append(", ");
            ArgKind k = kinds.get(i);
            boolean shownBefore = p.before()[i] != null && k != ArgKind.I64_INOUT;
            sb.append(shownBefore ? p.before()[i] : output(k, p.args().u32(i), p.before(), i, result));
        }
        sb.append(") = ");
        switch (p.spec().result()) {
            case NONE -> sb.append('?');
            case DEC -> sb.append(result >= 0 ? Integer.toString(result) : error(result));
            case ADDR -> sb.append(result < 0 && result >= -4095 ? error(result) : "0x" + Long.toHexString(result & 0xFFFF_FFFFL));
        }
        return sb.toString();
    }

    private static String error(int result) {
        return "-1 " + ErrnoNames.name(-result) + " (" + ErrnoNames.message(-result) + ")";
    }

    private static SyscallArgs snapshot(SyscallArgs a) {
        SyscallArgs s = new SyscallArgs();
        for (int i = 0; i < 6; i++) s.set(i, a.u32(i));
        return s;
    }

    /** The text of an input argument, or null for an output shown after the call. */
    private String input(List<ArgKind> kinds, int i, SyscallArgs a) {
        long v = a.u32(i);
        return switch (kinds.get(i)) {
            case FD, INT -> Integer.toString((int) v);
            case LEN -> Long.toString(v);
            case HEX -> "0x" + Long.toHexString(v);
            case PTR -> pointer(v);
            case BUF_IN -> buffer(v, i + 1 < kinds.size() ? (int) Math.min(a.u32(i + 1), Integer.MAX_VALUE) : 0);
            case PATH -> string(v);
            case OPEN_FLAGS -> openFlags((int) v);
            case MODE -> "0" + Long.toOctalString(v);
            case WHENCE -> v <= 2 ? new String[] {"SEEK_SET", "SEEK_CUR", "SEEK_END"}[(int) v] : Long.toString(v);
            case I64_IN -> readable(v, 8) ? "[" + i64(v) + "]" : pointer(v);
            case I64_INOUT -> readable(v, 8) ? Long.toString(i64(v)) : pointer(v);
            case PROT -> prot((int) v);
            case MAP_FLAGS -> mapFlags((int) v);
            case CLOCK -> v <= 3 ? new String[] {"CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID"}[(int) v] : Integer.toString((int) v);
            case SYSCONF_NAME -> sysconfName((int) v);
            case TIMESPEC_IN -> readable(v, 12) ? "{tv_sec=" + i64(v) + ", tv_nsec=" + i32(v + 8) + "}" : pointer(v);
            case BUF_OUT, I32_OUT, STAT_OUT, TIMESPEC_OUT, TIMEVAL_OUT, DIRENTS_OUT -> null;
        };
    }

    private String output(ArgKind kind, long v, String[] before, int i, int result) {
        if (kind == ArgKind.I64_INOUT) {
            // lseek: the offset read before the call and, on success, the new one
            return result == 0 && readable(v, 8) ? "[" + before[i] + " -> " + i64(v) + "]" : "[" + before[i] + "]";
        }
        if (result < 0 || v == 0 || !readable(v, 1)) return pointer(v);
        return switch (kind) {
            case BUF_OUT -> buffer(v, result);
            case I32_OUT -> "[" + i32(v) + "]";
            case STAT_OUT -> stat(v);
            case TIMESPEC_OUT -> "{tv_sec=" + i64(v) + ", tv_nsec=" + i32(v + 8) + "}";
            case TIMEVAL_OUT -> "{tv_sec=" + i64(v) + ", tv_usec=" + i32(v + 8) + "}";
            case DIRENTS_OUT -> pointer(v) + " /* " + dirents(v, result) + " entries */";
            default -> pointer(v);
        };
    }

    private boolean readable(long ptr, int len) { return memory.isAccessible(ptr, len, Prot.READ); }

    private long i64(long ptr) { return memory.readUser64(ptr); }

    private int i32(long ptr) { return memory.readUser32(ptr); }

    private static String pointer(long v) { return v == 0 ? "NULL" : "0x" + Long.toHexString(v); }

    private String buffer(long ptr, int len) {
        int n = Math.min(len, STRING_LIMIT);
        if (!readable(ptr, n)) return pointer(ptr);
        byte[] b = new byte[n];
        memory.peek(ptr, b, 0, n);
        return quote(b, n < len);
    }

    private String string(long ptr) {
        byte[] b = memory.readCString(ptr, STRING_LIMIT * 32);
        if (b == null) return pointer(ptr);
        return quote(b.length > STRING_LIMIT ? java.util.Arrays.copyOf(b, STRING_LIMIT) : b, b.length > STRING_LIMIT);
    }

    /** C-style quoting as strace prints it: \n \t \r \" \\ and octal for other non-printables. */
    public static String quote(byte[] b, boolean truncated) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : b) {
            int c = x & 0xFF;
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\f' -> sb.append("\\f");
                case 0x0B -> sb.append("\\v");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7F) sb.append((char) c);
                    else sb.append('\\').append(Integer.toOctalString(c));
                }
            }
        }
        sb.append('"');
        if (truncated) sb.append("...");
        return sb.toString();
    }

    private String stat(long ptr) {
        if (!readable(ptr, 104)) return pointer(ptr);
        byte[] b = new byte[104];
        memory.peek(ptr, b, 0, 104);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int mode = bb.getInt(16);
        String type = switch (mode & 0170000) {
            case 0100000 -> "S_IFREG";
            case 0040000 -> "S_IFDIR";
            case 0020000 -> "S_IFCHR";
            case 0010000 -> "S_IFIFO";
            case 0120000 -> "S_IFLNK";
            default -> "0" + Integer.toOctalString(mode & 0170000);
        };
        return "{st_mode=" + type + "|0" + Integer.toOctalString(mode & 07777) + ", st_size=" + bb.getLong(40) + ", ...}";
    }

    private int dirents(long ptr, int total) {
        int n = 0;
        for (int off = 0; off + 18 <= total; n++) {
            int reclen = memory.readUser32(ptr + off + 16) & 0xFFFF;
            if (reclen == 0) break;
            off += reclen;
        }
        return n;
    }

    static String openFlags(int f) {
        StringBuilder sb = new StringBuilder(switch (f & 3) {
            case 0 -> "O_RDONLY";
            case 1 -> "O_WRONLY";
            case 2 -> "O_RDWR";
            default -> "O_ACCMODE";
        });
        int rest = f & ~3;
        String[] names = {"O_CREAT", "O_EXCL", "O_TRUNC", "O_APPEND", "O_NONBLOCK", "O_SYNC", "O_ASYNC", "O_DIRECTORY", "O_CLOEXEC"};
        int[] bits = {0100, 0200, 01000, 02000, 04000, 010000, 020000, 0200000, 02000000};
        for (int i = 0; i < bits.length; i++) {
            if ((rest & bits[i]) != 0) {
                sb.append('|').append(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0) sb.append("|0").append(Integer.toOctalString(rest));
        return sb.toString();
    }

    static String prot(int p) {
        if (p == 0) return "PROT_NONE";
        StringBuilder sb = new StringBuilder();
        String[] names = {"PROT_READ", "PROT_WRITE", "PROT_EXEC"};
        for (int i = 0; i < 3; i++) if ((p & (1 << i)) != 0) sb.append(sb.isEmpty() ? "" : "|").append(names[i]);
        int rest = p & ~7;
        if (rest != 0) sb.append(sb.isEmpty() ? "" : "|").append("0x").append(Integer.toHexString(rest));
        return sb.toString();
    }

    static String mapFlags(int f) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"MAP_SHARED", "MAP_PRIVATE", "MAP_FIXED", "MAP_ANONYMOUS"};
        int[] bits = {0x01, 0x02, 0x10, 0x20};
        int rest = f;
        for (int i = 0; i < bits.length; i++) {
            if ((f & bits[i]) != 0) {
                sb.append(sb.isEmpty() ? "" : "|").append(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0 || sb.isEmpty()) sb.append(sb.isEmpty() ? "" : "|").append("0x").append(Integer.toHexString(rest));
        return sb.toString();
    }

    static String sysconfName(int n) {
        return switch (n) {
            case 1 -> "_SC_NPROCESSORS_ONLN";
            case 2 -> "_SC_PAGESIZE";
            case 0x10000 -> "_SC_NACL_CPU_FEATURE_X86";
            case 0x1000000 -> "_SC_NACL_FILE_ACCESS_ENABLED";
            case 0x1000001 -> "_SC_NACL_LIST_MAPPINGS_ENABLED";
            case 0x1000002 -> "_SC_NACL_PNACL_MODE";
            default -> "0x" + Integer.toHexString(n);
        };
    }
}
