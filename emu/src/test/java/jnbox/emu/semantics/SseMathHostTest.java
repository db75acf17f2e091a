package jnbox.emu.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays {@code interp/sse-mxcsr.txt.gz} (SSE/SSE2 arithmetic, compares and conversions, SSE4.1
 * round and FMA3 under all 16 combinations of MXCSR.RC, FTZ and DAZ, measured on the host CPU by
 * {@code gen_sse_mxcsr.py}) directly on {@link SseMath} and {@link Conversions}: the result lanes,
 * RFLAGS of the compares and the MXCSR flags must equal the host's. The interpreter replays the
 * same rows in {@code SseMxcsrHostTest}.
 */
public class SseMathHostTest {
    /** One host row: inputs (xmm0, xmm1, xmm2, rax, rflags) under mxcsr, and the host's outputs. */
    public record Row(String hex, int mxcsr, long[] in, long flagsIn, long r0, long r1, long rax, long flags, int mxcsrOut,
               String text, int line) {}

    public static List<Row> rows() throws IOException {
        List<Row> out = new ArrayList<>();
        for (HostRowFile.Line l : HostRowFile.read(SseMathHostTest.class, "/interp/sse-mxcsr.txt.gz")) {
            long[] v = new long[7];
            for (int i = 0; i < 7; i++) v[i] = l.h(2 + i);
            out.add(new Row(l.f()[0], (int) l.h(1), v, l.h(9), l.h(11), l.h(12), l.h(13), l.h(14),
                    (int) l.h(15), l.text(), l.line()));
        }
        return out;
    }


    @TestFactory
    Stream<DynamicTest> everyRowMatchesTheHost() throws IOException {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows()) groups.computeIfAbsent(r.text(), k -> new ArrayList<>()).add(r);
        assertThat(groups.values().stream().mapToInt(List::size).sum()).isGreaterThan(20_000);
        MxcsrEnv env = new MxcsrEnv();
        return groups.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<String> bad = new ArrayList<>();
            for (Row r : e.getValue()) {
                String m = check(env, r);
                if (m != null) bad.add(m);
            }
            assertThat(bad).as("%d of %d rows differ", bad.size(), e.getValue().size()).isEmpty();
        }));
    }

    static String check(MxcsrEnv env, Row r) {
        long[] got = replay(env, r);
        if (got[0] != r.r0() || got[1] != r.r1() || got[2] != r.rax() || got[3] != r.flags() || got[4] != r.mxcsrOut()) {
            return String.format("line %d %s mxcsr=%x in %x %x, %x %x, %x %x rax=%x: want %x %x rax=%x fl=%x mxcsr=%x, got %x %x rax=%x fl=%x mxcsr=%x",
                    r.line(), r.text(), r.mxcsr(), r.in()[0], r.in()[1], r.in()[2], r.in()[3], r.in()[4], r.in()[5], r.in()[6],
                    r.r0(), r.r1(), r.rax(), r.flags(), r.mxcsrOut(), got[0], got[1], got[2], got[3], got[4]);
        }
        return null;
    }

    private static final String[] ARITH = {"add", "sub", "mul", "div", "min", "max", "sqrt"};

    /** The row's instruction on the semantics library: {x0lo, x0hi, rax, flags, mxcsr}. */
    static long[] replay(MxcsrEnv env, Row r) {
        env.begin(r.mxcsr());
        String[] w = r.text().split("[ ,]+");
        String m = w[0];
        long[] in = r.in();
        long a0 = in[0], a1 = in[1], b0 = in[2], b1 = in[3], c0 = in[4], c1 = in[5], rax = in[6];
        long fl = r.flagsIn() & 0x8D5;
        String t = m.substring(m.length() - 2);
        long o0 = a0, o1 = a1;
        int arith = -1;
        for (int i = 0; i < ARITH.length; i++) if (m.equals(ARITH[i] + t)) arith = i;
        if (arith >= 0) {
            final int op = arith;
            o0 = lanes(t, a0, b0, 0, env, (x, y, z) -> SseMath.arith(op, x, y, env), (x, y, z) -> SseMath.arith(op, x, y, env), true);
            o1 = lanes(t, a1, b1, 0, env, (x, y, z) -> SseMath.arith(op, x, y, env), (x, y, z) -> SseMath.arith(op, x, y, env), false);
        } else if (m.startsWith("cmp")) {
            int p = Integer.parseInt(w[3]);
            o0 = lanes(t, a0, b0, 0, env, (x, y, z) -> SseMath.cmp(p, x, y, env), (x, y, z) -> SseMath.cmp(p, x, y, env), true);
            o1 = lanes(t, a1, b1, 0, env, (x, y, z) -> SseMath.cmp(p, x, y, env), (x, y, z) -> SseMath.cmp(p, x, y, env), false);
        } else if (m.startsWith("round")) {
            int imm = Integer.parseInt(w[3]);
            o0 = lanes(t, b0, b0, 0, env, (x, y, z) -> SseMath.roundInt(y, imm, env), (x, y, z) -> SseMath.roundInt(y, imm, env), true);
            o1 = lanes(t, b1, b1, 0, env, (x, y, z) -> SseMath.roundInt(y, imm, env), (x, y, z) -> SseMath.roundInt(y, imm, env), false);
            if (t.equals("ss")) o0 = (a0 & ~0xFFFF_FFFFL) | (o0 & 0xFFFF_FFFFL);
            if (t.charAt(0) == 's') o1 = a1;
        } else if (m.startsWith("vf")) {
            boolean np = m.startsWith("vfn"), nc = m.contains("sub");
            String order = m.substring(m.length() - 5, m.length() - 2);
            // src1 = xmm0 (a), src2 = xmm1 (b), src3 = xmm2 (c)
            long[][] src = {{a0, a1}, {b0, b1}, {c0, c1}};
            int[] ix = switch (order) {
                case "132" -> new int[] {0, 2, 1};
                case "213" -> new int[] {1, 0, 2};
                default -> new int[] {1, 2, 0};
            };
            long[] res = new long[2];
            for (int k = 0; k < 2; k++) {
                long x = src[ix[0]][k], y = src[ix[1]][k], z = src[ix[2]][k];
                res[k] = lanes3(t, x, y, z, env, np, nc, k == 0);
            }
            o0 = res[0];
            o1 = res[1];
            if (t.equals("ss")) o0 = (a0 & ~0xFFFF_FFFFL) | (o0 & 0xFFFF_FFFFL);
            if (t.charAt(0) == 's') o1 = a1;
        } else if (m.endsWith("comiss") || m.endsWith("comisd")) {
            boolean sig = !m.startsWith("u");
            fl = t.equals("ss") ? SseMath.comis(sig, (int) a0, (int) b0, env) : SseMath.comis(sig, a0, b0, env);
        } else {
            switch (m) {
                case "cvtss2sd" -> o0 = Conversions.cvtss2sd((int) b0, env);
                case "cvtsd2ss" -> o0 = (a0 & ~0xFFFF_FFFFL) | (Conversions.cvtsd2ss(b0, env) & 0xFFFF_FFFFL);
                case "cvtss2si", "cvttss2si" -> rax = toInt(Float.intBitsToFloat((int) b0), SseMath.denormal((int) b0), m, w[1], env, rax);
                case "cvtsd2si", "cvttsd2si" -> rax = toInt(Double.longBitsToDouble(b0), SseMath.denormal(b0), m, w[1], env, rax);
                case "cvtps2pd" -> { o0 = Conversions.cvtss2sd((int) b0, env); o1 = Conversions.cvtss2sd((int) (b0 >>> 32), env); }
                case "cvtpd2ps" -> {
                    o0 = (Conversions.cvtsd2ss(b0, env) & 0xFFFF_FFFFL) | (long) Conversions.cvtsd2ss(b1, env) << 32;
                    o1 = 0;
                }
                case "cvtps2dq", "cvttps2dq" -> {
                    boolean tr = m.startsWith("cvtt");
                    long[] q = {b0, b1};
                    for (int k = 0; k < 2; k++) {
                        long lo = Conversions.toInt(Float.intBitsToFloat((int) q[k]), SseMath.denormal((int) q[k]), tr, false, env);
                        long hi = Conversions.toInt(Float.intBitsToFloat((int) (q[k] >>> 32)), SseMath.denormal((int) (q[k] >>> 32)), tr, false, env);
                        q[k] = (lo & 0xFFFF_FFFFL) | hi << 32;
                    }
                    o0 = q[0];
                    o1 = q[1];
                }
                case "cvtpd2dq", "cvttpd2dq" -> {
                    boolean tr = m.startsWith("cvtt");
                    long lo = Conversions.toInt(Double.longBitsToDouble(b0), SseMath.denormal(b0), tr, false, env);
                    long hi = Conversions.toInt(Double.longBitsToDouble(b1), SseMath.denormal(b1), tr, false, env);
                    o0 = (lo & 0xFFFF_FFFFL) | hi << 32;
                    o1 = 0;
                }
                case "cvtdq2ps" -> {
                    long[] q = {b0, b1};
                    for (int k = 0; k < 2; k++) {
                        q[k] = (Conversions.cvtsi2ss((int) q[k], env) & 0xFFFF_FFFFL) | (long) Conversions.cvtsi2ss((int) (q[k] >>> 32), env) << 32;
                    }
                    o0 = q[0];
                    o1 = q[1];
                }
                case "cvtdq2pd" -> { o0 = Conversions.cvtsi2sd((int) b0, env); o1 = Conversions.cvtsi2sd((int) (b0 >>> 32), env); }
                case "cvtsi2ss" -> {
                    long v = w[2].equals("eax") ? (long) (int) rax : rax;
                    o0 = (a0 & ~0xFFFF_FFFFL) | (Conversions.cvtsi2ss(v, env) & 0xFFFF_FFFFL);
                }
                case "cvtsi2sd" -> o0 = Conversions.cvtsi2sd(w[2].equals("eax") ? (long) (int) rax : rax, env);
                default -> throw new IllegalArgumentException("no replay for " + r.text());
            }
        }
        return new long[] {o0, o1, rax, fl, r.mxcsr() | env.flags};
    }

    private static long toInt(double v, boolean den, String m, String reg, MxcsrEnv env, long rax) {
        boolean is64 = reg.equals("rax");
        long x = Conversions.toInt(v, den, m.startsWith("cvtt"), is64, env);
        return is64 ? x : x & 0xFFFF_FFFFL;
    }

    interface F3 { int ap(int a, int b, int c); }

    interface D3 { long ap(long a, long b, long c); }

    /** One 64-bit half: two float lanes (ps), one float lane (ss, low half only), or one double. */
    private static long lanes(String t, long a, long b, long c, MxcsrEnv env, F3 fs, D3 fd, boolean low) {
        return switch (t) {
            case "ss" -> low ? (a & ~0xFFFF_FFFFL) | (fs.ap((int) a, (int) b, (int) c) & 0xFFFF_FFFFL) : a;
            case "ps" -> (fs.ap((int) a, (int) b, (int) c) & 0xFFFF_FFFFL)
                    | (long) fs.ap((int) (a >>> 32), (int) (b >>> 32), (int) (c >>> 32)) << 32;
            case "sd" -> low ? fd.ap(a, b, c) : a;
            default -> fd.ap(a, b, c);
        };
    }

    private static long lanes3(String t, long x, long y, long z, MxcsrEnv env, boolean np, boolean nc, boolean low) {
        return lanes(t, x, y, z, env, (a, b, c) -> SseMath.fma(a, b, c, np, nc, env), (a, b, c) -> SseMath.fma(a, b, c, np, nc, env), low);
    }
}
