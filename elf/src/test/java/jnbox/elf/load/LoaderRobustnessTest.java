package jnbox.elf.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import jnbox.elf.image.ElfBuilder;
import jnbox.elf.image.ElfImage;
import jnbox.elf.image.ImageSource;
import jnbox.elf.image.LoadException;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.Test;

/**
 * Corrupt input never escapes as anything but a {@link LoadException}: random mutations of the
 * header and program header fields of a valid nexe, loaded as a nexe and as an IRT. Seeded; the
 * seed is printed so a failure can be replayed.
 */
class LoaderRobustnessTest {
    private static final NexeLoader LOADER = new NexeLoader(null, ValidationMode.SKIP, 64L << 20);
    /** Interesting values for 16/32/64-bit fields. */
    private static final long[] EDGES = {0, 1, 2, 31, 32, 56, 64, 128, 129, 0xFFFF, 0x10000, 0x1FFFF, 0x20000, 0x20020,
            0x30000, 0xFF000000L, 0xFFFEFFFFL, 0xFFFFFFFFL, 0x1_0000_0000L, -1L, Long.MIN_VALUE};

    @Test
    void mutatedHeadersAreRefusedCleanly() {
        long seed = Long.getLong("jnbox.seed", System.nanoTime());
        System.out.println("LoaderRobustnessTest seed " + seed + " (-Djnbox.seed=" + seed + " to replay)");
        Random rnd = new Random(seed);
        byte[] base = new ElfBuilder().rodata(0x30000, 0x20, 0x20).data(0x40020, 0x20, 0x200).build();
        int loaded = 0, refused = 0;
        for (int i = 0; i < 400; i++) {
            byte[] f = mutate(base, rnd);
            try (ImageSource src = ImageSource.of(f)) {
                NexeLayout.of(ElfImage.parse(src)); // most refusals: no need for a 4 GiB space
                SandboxMemory m = new SandboxMemory();
                LoadedNexe n = LOADER.load(src, m);
                loaded++;
                assertThat(n.entry()).isLessThan(n.staticTextEnd());
                try {
                    IrtLoader.load(ImageSource.of(mutate(base, rnd)), n, m, new IrtLoaderTest.TestHost(m, n));
                } catch (LoadException expected) {
                    refused++;
                }
            } catch (LoadException expected) {
                refused++;
            } catch (Exception | Error e) {
                throw new AssertionError("iteration " + i + " seed " + seed + ": " + e, e);
            }
        }
        System.out.println("loaded " + loaded + ", refused " + refused);
        assertThat(loaded).isPositive();
    }

    private static byte[] mutate(byte[] base, Random rnd) {
        byte[] f = base.clone();
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            int at = rnd.nextInt(64 + 4 * 56);
            long v = rnd.nextBoolean() ? EDGES[rnd.nextInt(EDGES.length)] : rnd.nextLong();
            switch (rnd.nextInt(4)) {
                case 0 -> f[at] = (byte) v;
                case 1 -> b.putShort(Math.min(at, f.length - 2), (short) v);
                case 2 -> b.putInt(Math.min(at, f.length - 4), (int) v);
                default -> b.putLong(Math.min(at, f.length - 8), v);
            }
        }
        if (rnd.nextInt(10) == 0) return java.util.Arrays.copyOf(f, rnd.nextInt(f.length));
        return f;
    }
}
