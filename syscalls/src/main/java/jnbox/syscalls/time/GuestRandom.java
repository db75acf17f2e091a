package jnbox.syscalls.time;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The source of get_random_bytes (spec/nacl-abi.md §4.8): the host's secure generator, or under
 * {@code --deterministic} a {@link Random} seeded with the given seed, so runs repeat exactly.
 */
public final class GuestRandom {
    private final Random random;

    private GuestRandom(Random random) { this.random = random; }

    public static GuestRandom secure() { return new GuestRandom(new SecureRandom()); }

    public static GuestRandom seeded(long seed) { return new GuestRandom(new Random(seed)); }

    public void fill(byte[] b) { random.nextBytes(b); }
}
