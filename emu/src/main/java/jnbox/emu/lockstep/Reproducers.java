package jnbox.emu.lockstep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import jnbox.emu.cpu.CpuState;

/**
 * The text form of a lockstep reproducer ({@code testdata/lockstep/*.txt}): one instruction plus
 * {@code hlt} at {@link Layout#CODE}, the state and data before it, and the results of the
 * interpreter, Unicorn and the host CPU. Lines are {@code key value}; {@code #} starts a comment.
 * Keys: {@code verdict}, {@code insn} (disassembly), {@code code} (hex), {@code r} (16 GPRs),
 * {@code rflags}, {@code mxcsr}, {@code xmm} (32 lanes, lo/hi per register), for AVX reproducers
 * {@code ymm} (64 lanes, four per register), when not fninit's, {@code x87} (FCW, FSW, abridged FTW,
 * then mantissa:sign-exponent of the eight registers in physical order), {@code data}
 * ({@link Layout#DATA_LEN} bytes hex), then {@code host}/{@code interp}/{@code unicorn} results as
 * the host harness prints them, and {@code diff} lines.
 */
public final class Reproducers {
    private Reproducers() {}

    public static String format(LockstepRunner.Divergence d) {
        HexFormat h = HexFormat.of();
        StringBuilder sb = new StringBuilder();
        sb.append("# lockstep divergence: sequence ").append(d.sequence()).append(" step ").append(d.step()).append('\n');
        sb.append("verdict ").append(d.verdict()).append('\n');
        sb.append("why ").append(d.explanation()).append('\n');
        sb.append("insn ").append(d.text()).append('\n');
        sb.append("code ").append(h.formatHex(d.insn())).append(d.step() >= 0 ? "f4" : "").append('\n');
        state(sb, d.before());
        sb.append("data ").append(h.formatHex(d.data())).append('\n');
        if (d.host() != null) sb.append("host ").append(result(d.host())).append('\n');
        if (d.interp() != null) sb.append("interp ").append(result(d.interp())).append('\n');
        if (d.unicorn() != null) sb.append("unicorn ").append(result(d.unicorn())).append('\n');
        for (String s : d.diffs()) sb.append("diff ").append(s).append('\n');
        return sb.toString();
    }

    private static void state(StringBuilder sb, CpuState c) {
        sb.append("r");
        for (int i = 0; i < 16; i++) sb.append(i == 0 ? " " : ",").append(Long.toHexString(c.r[i]));
        sb.append("\nrflags ").append(Long.toHexString(c.rflags() & StateDiff.COMPARED_FLAGS | CpuState.FIXED_ONE));
        sb.append("\nmxcsr ").append(Integer.toHexString(c.mxcsr)).append("\nxmm");
        for (int i = 0; i < 16; i++) {
            sb.append(i == 0 ? " " : ",").append(Long.toHexString(c.vec[4 * i])).append(',').append(Long.toHexString(c.vec[4 * i + 1]));
        }
        sb.append('\n');
        CpuState fresh = new CpuState();
        boolean registers = false;
        for (int i = 0; i < 8; i++) registers |= c.x87Mant[i] != 0 || c.x87SignExp[i] != 0;
        if (c.fcw != fresh.fcw || c.fsw != 0 || c.ftw != 0 || registers) { // empty registers keep contents (fxam reads the sign)
            sb.append("x87 ").append(Integer.toHexString(c.fcw)).append(',').append(Integer.toHexString(c.fsw)).append(',')
                    .append(Integer.toHexString(c.ftw));
            for (int i = 0; i < 8; i++) sb.append(',').append(Long.toHexString(c.x87Mant[i])).append(':').append(Integer.toHexString(c.x87SignExp[i]));
            sb.append('\n');
        }
        if (hasUpperLanes(c)) {
            sb.append("ymm");
            for (int i = 0; i < 64; i++) sb.append(i == 0 ? " " : ",").append(Long.toHexString(c.vec[i]));
            sb.append('\n');
        }
    }

    /** True when a YMM upper half is nonzero (an AVX reproducer: the file then has a {@code ymm} line). */
    static boolean hasUpperLanes(CpuState c) {
        for (int i = 0; i < 16; i++) if (c.vec[4 * i + 2] != 0 || c.vec[4 * i + 3] != 0) return true;
        return false;
    }

    /** A result in the host harness's line format (data omitted: see the diff lines). */
    public static String result(Result r) {
        CpuState c = r.cpu();
        StringBuilder sb = new StringBuilder();
        sb.append("sig=").append(r.signal()).append(" kind=").append(r.kind()).append(" pc=").append(Long.toHexString(r.pc())).append(" r=");
        for (int i = 0; i < 16; i++) sb.append(i > 0 ? "," : "").append(Long.toHexString(c.r[i]));
        sb.append(" fl=").append(Long.toHexString(c.rflags() & StateDiff.COMPARED_FLAGS | CpuState.FIXED_ONE));
        sb.append(" mx=").append(Integer.toHexString(c.mxcsr)).append(" x=");
        for (int i = 0; i < 16; i++) sb.append(i > 0 ? "," : "").append(Long.toHexString(c.vec[4 * i])).append(',').append(Long.toHexString(c.vec[4 * i + 1]));
        if (hasUpperLanes(c)) {
            sb.append(" y=");
            for (int i = 0; i < 64; i++) sb.append(i > 0 ? "," : "").append(Long.toHexString(c.vec[i]));
        }
        sb.append(" fcw=").append(Integer.toHexString(c.fcw)).append(" fsw=").append(Integer.toHexString(c.fsw))
                .append(" ftw=").append(Integer.toHexString(c.ftw)).append(" st=");
        for (int i = 0; i < 8; i++) sb.append(i > 0 ? "," : "").append(Long.toHexString(c.x87Mant[i])).append(':').append(Integer.toHexString(c.x87SignExp[i]));
        return sb.toString();
    }

    /** Writes {@code d} to {@code dir} as {@code <verdict>-<mnemonic>-<sequence>.txt}; returns the file. */
    public static Path save(Path dir, LockstepRunner.Divergence d) throws IOException {
        Files.createDirectories(dir);
        String m = d.text().split(" ")[0].replaceAll("[^A-Za-z0-9]", "");
        Path p = dir.resolve(d.verdict().name().toLowerCase(java.util.Locale.ROOT) + "-" + m + "-" + Long.toHexString(d.sequence()) + ".txt");
        Files.writeString(p, format(d), StandardCharsets.US_ASCII);
        return p;
    }

    /** A parsed reproducer: code, start state and data, and the host's result line (or null). */
    public record Parsed(String verdict, String insn, byte[] code, CpuState start, byte[] data, Result host) {}

    public static Parsed parse(String text) {
        HexFormat h = HexFormat.of();
        CpuState c = new CpuState();
        c.rip = Layout.sys(Layout.CODE);
        String verdict = null, insn = null;
        byte[] code = null, data = new byte[Layout.DATA_LEN];
        Result host = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) continue;
            int sp = line.indexOf(' ');
            String k = line.substring(0, sp), v = line.substring(sp + 1).trim();
            switch (k) {
                case "verdict" -> verdict = v;
                case "insn" -> insn = v;
                case "code" -> code = h.parseHex(v);
                case "r" -> { String[] f = v.split(","); for (int i = 0; i < 16; i++) c.r[i] = Long.parseUnsignedLong(f[i], 16); }
                case "rflags" -> c.setRflags(Long.parseUnsignedLong(v, 16));
                case "mxcsr" -> c.mxcsr = Integer.parseUnsignedInt(v, 16);
                case "xmm" -> { String[] f = v.split(","); for (int i = 0; i < 32; i++) c.vec[4 * (i / 2) + i % 2] = Long.parseUnsignedLong(f[i], 16); }
                case "x87" -> {
                    String[] f = v.split(",");
                    c.fcw = Integer.parseInt(f[0], 16);
                    c.fsw = Integer.parseInt(f[1], 16);
                    c.ftw = Integer.parseInt(f[2], 16);
                    for (int i = 0; i < 8; i++) {
                        String[] me = f[3 + i].split(":");
                        c.x87Mant[i] = Long.parseUnsignedLong(me[0], 16);
                        c.x87SignExp[i] = Integer.parseInt(me[1], 16);
                    }
                }
                case "ymm" -> { String[] f = v.split(","); for (int i = 0; i < 64; i++) c.vec[i] = Long.parseUnsignedLong(f[i], 16); }
                case "data" -> data = h.parseHex(v);
                case "host" -> host = HostHarness.parse(v.replaceAll(" kind=\\S+", ""));
                default -> { }
            }
        }
        return new Parsed(verdict, insn, code, c, data, host);
    }
}
