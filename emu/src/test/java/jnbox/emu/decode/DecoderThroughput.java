package jnbox.emu.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints decoder throughput (decodes per second) over a large buffer of instructions built by
 * {@link SampleGenerator} from every form. Run by hand, not a timed assertion:
 * {@code java -cp emu/target/classes:emu/target/test-classes jnbox.emu.decode.DecoderThroughput}.
 */
public final class DecoderThroughput {
    private DecoderThroughput() {
    }

    public static void main(String[] args) {
        SampleGenerator g = new SampleGenerator(1);
        List<byte[]> insns = new ArrayList<>();
        int total = 0;
        while (total < 8 << 20) {
            for (OpForm f : Forms.all()) {
                if (f.nacl() != NaclStatus.ACCEPTED) continue; // a realistic instruction mix
                byte[] b = g.encode(f, insns.size() % 4);
                insns.add(b);
                total += b.length;
            }
        }
        byte[] buf = new byte[total + 16];
        int p = 0;
        for (byte[] b : insns) {
            System.arraycopy(b, 0, buf, p, b.length);
            p += b.length;
        }
        Decoder d = new Decoder();
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            long n = 0, bytes = 0;
            int off = 0;
            while (off < total) {
                Insn i = d.decode(buf, off, total);
                int len = i == null ? d.errorLength() : i.length();
                off += len;
                bytes += len;
                n++;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d: %,d instructions, %,d bytes in %.3f s = %,.0f decodes/s (%.1f MB/s)%n",
                    round, n, bytes, s, n / s, bytes / s / 1e6);
        }
    }
}
