package jnbox.syscalls.table;

import java.util.List;

/**
 * How a syscall's arguments and result are traced: one {@link ArgKind} per argument, in order,
 * and the form of the result.
 */
public record TraceSpec(List<ArgKind> args, Result result) {
    /** The form of a syscall's result. */
    public enum Result {
        /** Decimal; negative values are -errno. */
        DEC,
        /** A user address in hex; values in [-4095, -1] are -errno (mmap). */
        ADDR,
        /** The call does not return (exit). */
        NONE
    }

    public TraceSpec {
        args = List.copyOf(args);
        if (args.size() > 6) throw new IllegalArgumentException("a NaCl syscall has at most 6 arguments");
    }

    /** Decimal result. */
    public static TraceSpec trace(ArgKind... args) { return new TraceSpec(List.of(args), Result.DEC); }

    /** A different result form. */
    public TraceSpec returning(Result r) { return new TraceSpec(args, r); }
}
