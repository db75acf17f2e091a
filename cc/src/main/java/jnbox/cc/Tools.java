package jnbox.cc;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds and runs the external tools of the pipeline (gcc, llvm-mc 14, ld). */
final class Tools {
    private Tools() {}

    /** Thrown when a tool fails or is missing; the message is the one line to print. */
    static final class ToolException extends Exception {
        ToolException(String message) {
            super(message);
        }
    }

    /** The first of {@code names} on PATH, or an exception naming the tool and its package. */
    static String find(String what, String... names) throws ToolException {
        String path = System.getenv("PATH");
        for (String n : names) {
            for (String dir : (path == null ? "/usr/bin" : path).split(File.pathSeparator)) {
                Path p = Path.of(dir, n);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        throw new ToolException("jnbox cc: " + what + " not found (looked for " + String.join(", ", names)
                + " on PATH)");
    }

    static String gcc() throws ToolException {
        return find("gcc (Debian package gcc)", "gcc-12", "gcc");
    }

    static String llvmMc() throws ToolException {
        return find("llvm-mc (LLVM 14, Debian package llvm-14)", "llvm-mc-14", "llvm-mc");
    }

    static String ld() throws ToolException {
        return find("ld (Debian package binutils)", "ld");
    }

    static String ar() throws ToolException {
        return find("ar (Debian package binutils)", "ar");
    }

    /** Runs a command; returns stdout; a failure gives the tool's stderr as the message. */
    static String run(List<String> cmd, Path dir) throws ToolException {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread t = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
            String out = new String(p.getInputStream().readAllBytes());
            int rc = p.waitFor();
            t.join();
            if (rc != 0) {
                String e = err.toString().strip();
                throw new ToolException(Path.of(cmd.get(0)).getFileName() + " failed (exit " + rc + ")"
                        + (e.isEmpty() ? "" : ":\n" + e));
            }
            return out;
        } catch (IOException e) {
            throw new ToolException("cannot run " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted running " + cmd.get(0));
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the exit status reports the failure
        }
    }
}
