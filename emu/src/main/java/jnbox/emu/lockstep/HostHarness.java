package jnbox.emu.lockstep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Exit;

/**
 * The referee: runs a sequence on the real processor through {@code host_harness.c} (a resource of
 * this package), compiled with gcc into a temporary folder on first use. Only for x86-64 Linux
 * hosts with gcc; {@link #start()} returns null otherwise and {@link #unavailableReason()} says why.
 * One persistent harness process serves many requests; each request runs in a forked child.
 */
public final class HostHarness implements AutoCloseable {
    private static String reason;

    private final Process process;
    private final Writer in;
    private final BufferedReader out;
    private final Path dir;

    private HostHarness(Process p, Path dir) {
        this.process = p;
        this.dir = dir;
        this.in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII);
        this.out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
    }

    public static synchronized String unavailableReason() { return reason; }

    /** Compiles and starts the harness, or returns null (see {@link #unavailableReason()}). */
    public static synchronized HostHarness start() {
        if (!"amd64".equals(System.getProperty("os.arch")) && !"x86_64".equals(System.getProperty("os.arch"))
                || !System.getProperty("os.name", "").startsWith("Linux")) {
            reason = "the host is not x86-64 Linux";
            return null;
        }
        try {
            Path dir = Files.createTempDirectory("jnbox-lockstep");
            Path src = dir.resolve("host_harness.c"), exe = dir.resolve("host_harness");
            try (InputStream s = HostHarness.class.getResourceAsStream("host_harness.c")) {
                if (s == null) { reason = "host_harness.c missing from the classpath"; return null; }
                Files.copy(s, src);
            }
            Process cc;
            try {
                cc = new ProcessBuilder("gcc", "-O1", "-o", exe.toString(), src.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                reason = "gcc not found (" + e.getMessage() + ")";
                return null;
            }
            String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cc.waitFor(60, TimeUnit.SECONDS) || cc.exitValue() != 0) {
                reason = "gcc failed: " + log.strip();
                return null;
            }
            Process p = new ProcessBuilder(exe.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new HostHarness(p, dir);
        } catch (IOException e) {
            reason = "cannot build the host harness: " + e.getMessage();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
            return null;
        }
    }

    /** Runs {@code code} (placed at {@link Layout#CODE}) from {@code init} and {@code data}, with XMM registers only. */
    public Result run(byte[] code, CpuState init, byte[] data) {
        return run(code, init, data, false);
    }

    /**
     * Runs {@code code} from {@code init} and {@code data}; with {@code avx} the whole YMM registers are
     * loaded and returned (the host must have AVX), else only XMM (upper halves come back as 0).
     */
    public synchronized Result run(byte[] code, CpuState init, byte[] data, boolean avx) {
        HexFormat h = HexFormat.of();
        StringBuilder sb = new StringBuilder("code=").append(h.formatHex(code)).append(" r=");
        for (int i = 0; i < 16; i++) sb.append(i > 0 ? "," : "").append(Long.toHexString(init.r[i]));
        sb.append(" fl=").append(Long.toHexString(init.rflags() & StateDiff.COMPARED_FLAGS | CpuState.FIXED_ONE));
        sb.append(" mx=").append(Integer.toHexString(init.mxcsr));
        if (avx) {
            sb.append(" y=");
            for (int i = 0; i < 64; i++) sb.append(i > 0 ? "," : "").append(Long.toHexString(init.vec[i]));
        } else {
            sb.append(" x=");
            for (int i = 0; i < 16; i++) {
                sb.append(i > 0 ? "," : "").append(Long.toHexString(init.vec[4 * i])).append(',').append(Long.toHexString(init.vec[4 * i + 1]));
            }
        }
        sb.append(" x87=").append(Integer.toHexString(init.fcw)).append(',').append(Integer.toHexString(init.fsw))
                .append(',').append(Integer.toHexString(init.ftw & 0xFF));
        for (int i = 0; i < 8; i++) sb.append(',').append(Long.toHexString(init.x87Mant[i])).append(':').append(Integer.toHexString(init.x87SignExp[i]));
        sb.append(" data=").append(h.formatHex(data)).append('\n');
        try {
            in.write(sb.toString());
            in.flush();
            String line = out.readLine();
            if (line == null || line.startsWith("error")) throw new IllegalStateException("host harness: " + line);
            return parse(line);
        } catch (IOException e) {
            throw new IllegalStateException("host harness: " + e.getMessage(), e);
        }
    }

    static Result parse(String line) {
        CpuState c = new CpuState();
        int sig = 0;
        long pc = 0;
        byte[] data = null;
        for (String tok : line.split(" ")) {
            int eq = tok.indexOf('=');
            String k = tok.substring(0, eq), v = tok.substring(eq + 1);
            switch (k) {
                case "sig" -> sig = Integer.parseInt(v);
                case "pc" -> pc = h(v);
                case "r" -> { String[] f = v.split(","); for (int i = 0; i < 16; i++) c.r[i] = h(f[i]); }
                case "fl" -> c.setRflags(h(v));
                case "mx" -> c.mxcsr = (int) h(v);
                case "x" -> { String[] f = v.split(","); for (int i = 0; i < 32; i++) c.vec[4 * (i / 2) + (i % 2)] = h(f[i]); }
                case "y" -> { String[] f = v.split(","); for (int i = 0; i < 64; i++) c.vec[i] = h(f[i]); }
                case "fcw" -> c.fcw = (int) h(v);
                case "fsw" -> c.fsw = (int) h(v);
                case "ftw" -> c.ftw = (int) h(v);
                case "st" -> {
                    String[] f = v.split(",");
                    for (int i = 0; i < 8; i++) {
                        String[] me = f[i].split(":");
                        c.x87Mant[i] = h(me[0]);
                        c.x87SignExp[i] = (int) h(me[1]);
                    }
                }
                case "data" -> data = HexFormat.of().parseHex(v);
                default -> { }
            }
        }
        c.rip = pc;
        return new Result(Exit.Kind.FAULT, sig, pc, c, data);
    }

    private static long h(String s) { return Long.parseUnsignedLong(s, 16); }

    @Override
    public synchronized void close() {
        try {
            in.close();
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException ignored) {
            // the process is destroyed below
        }
        process.destroy();
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) Files.deleteIfExists(p);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }
}
