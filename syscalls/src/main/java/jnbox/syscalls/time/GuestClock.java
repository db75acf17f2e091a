package jnbox.syscalls.time;

import java.util.function.LongSupplier;

/**
 * The time the guest sees (spec/nacl-abi.md §4.8): the host's clocks, or under
 * {@code --deterministic} a virtual clock that starts at {@link #DETERMINISTIC_EPOCH} and
 * advances by {@link #NANOS_PER_INSTRUCTION} per retired guest instruction, plus every sleep.
 */
public interface GuestClock {
    /** 2001-09-09T01:46:40Z (10^9 seconds after the Unix epoch): the deterministic clock's start. */
    long DETERMINISTIC_EPOCH = 1_000_000_000L;
    /** The deterministic clock runs one nanosecond per instruction (a 1 GHz, 1 IPC guest). */
    long NANOS_PER_INSTRUCTION = 1;

    /** CLOCK_REALTIME in nanoseconds since the Unix epoch. */
    long realtimeNanos();

    /** CLOCK_MONOTONIC in nanoseconds from an arbitrary start. */
    long monotonicNanos();

    /** CPU time of the process (CLOCK_PROCESS_CPUTIME_ID, clock()). */
    long cpuNanos();

    /** Lets {@code nanos} pass (nanosleep). */
    void sleep(long nanos) throws InterruptedException;

    static GuestClock host() {
        return new GuestClock() {
            private final long start = System.nanoTime();

            @Override public long realtimeNanos() {
                java.time.Instant now = java.time.Instant.now();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override public long monotonicNanos() { return System.nanoTime(); }

            @Override public long cpuNanos() {
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long t = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
                return t >= 0 ? t : System.nanoTime() - start;
            }

            @Override public void sleep(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }

    /** A clock driven by the instruction count {@code icount}. */
    static GuestClock deterministic(LongSupplier icount) {
        return new GuestClock() {
            private long slept;

            private long elapsed() { return icount.getAsLong() * NANOS_PER_INSTRUCTION + slept; }

            @Override public long realtimeNanos() { return DETERMINISTIC_EPOCH * 1_000_000_000L + elapsed(); }

            @Override public long monotonicNanos() { return elapsed(); }

            @Override public long cpuNanos() { return icount.getAsLong() * NANOS_PER_INSTRUCTION; }

            @Override public void sleep(long nanos) { slept += nanos; }
        };
    }
}
