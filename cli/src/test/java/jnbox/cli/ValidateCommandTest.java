package jnbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jnbox validate}: output lines and exit status as ncval's (spec nacl-validator.md §8.1). */
class ValidateCommandTest {
    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ValidateCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void validHex() {
        Run r = run("--hex", "90 # nop\n 83 e0 e0 \\\\\n 4c 01 f8 \\\\\n ff e0");
        assertThat(r.out()).isEqualTo("return code: 0\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void invalidHexListsErrorsAsTheTestFilesDo() {
        // tests_from_pydfa.test: an instruction crossing the bundle end, and what follows from it
        String movabs = "48 b8 78 56 34 12 78 56 34 12\n";
        Run r = run("--hex", movabs.repeat(4));
        assertThat(r.out()).isEqualTo("1e: unrecognized instruction\n20: direct jump out of range\n"
                + "24: direct jump out of range\nreturn code: 1\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void rawFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("code.bin");
        Files.write(f, new byte[] {(byte) 0xc3});
        Run r = run("--raw", f.toString());
        assertThat(r.out()).isEqualTo("0: unrecognized instruction\nreturn code: 1\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void nexeFromTestdata() {
        Path nexe = Path.of(System.getProperty("jnbox.root", ".."), "testdata", "nexe", "hello.nexe");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(nexe), nexe + " missing");
        Run r = run(nexe.toString());
        assertThat(r.out()).isEqualTo("return code: 0\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void badInputIsAOneLineError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("not-elf");
        Files.writeString(f, "hello");
        Run r = run(f.toString());
        assertThat(r.err()).isEqualTo("jnbox validate: not an ELF file\n");
        assertThat(r.status()).isEqualTo(2);
        Run h = run("--hex", "zz");
        assertThat(h.err()).isEqualTo("jnbox validate: not a hex byte: 'zz'\n");
        assertThat(h.status()).isEqualTo(2);
    }
}
