package jnbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The jnbox command line: parsing as sel_ldr's getopt does (spec/nacl-abi.md §6.1), help, exit codes. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int jnbox(String... args) {
        return Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    private static Path repoFile(String rel) {
        return Path.of(System.getProperty("jnbox.root", "."), rel);
    }

    private RunCommand parseRun(String... args) {
        CommandLine cl = Main.commandLine(new ByteArrayInputStream(new byte[0]), new PrintStream(out), new PrintStream(err));
        CommandLine.ParseResult r = cl.parseArgs(args);
        return (RunCommand) r.subcommand().commandSpec().userObject();
    }

    @Test
    void everythingAfterTheNexeGoesToTheProgram() {
        RunCommand r = parseRun("run", "-E", "A=1", "prog.nexe", "-v", "--x=1", "-m", "x");
        assertThat(r.nexe).isEqualTo(Path.of("prog.nexe"));
        assertThat(r.args).containsExactly("-v", "--x=1", "-m", "x");
        assertThat(r.env).containsExactly("A=1");
        assertThat(r.verbose).isEmpty();
    }

    @Test
    void doubleDashEndsJnboxOptions() {
        RunCommand r = parseRun("run", "-v", "--", "-prog.nexe", "--help");
        assertThat(r.nexe).isEqualTo(Path.of("-prog.nexe"));
        assertThat(r.args).containsExactly("--help");
        assertThat(r.verbose).hasSize(1);
    }

    @Test
    void selLdrFlagsParse() {
        RunCommand r = parseRun("run", "-m", "/tmp:/:ro", "-m", "tmpfs:/tmp:rw", "-h", "3:f", "-r", "4:g", "-w", "5:h", "-l", "log",
                "-vv", "-cc", "-B", "irt.nexe", "--strace", "--deterministic", "--seed", "7", "--max-instructions", "100", "p.nexe");
        assertThat(r.mounts).containsExactly("/tmp:/:ro", "tmpfs:/tmp:rw");
        assertThat(r.readWrite).containsExactly("3:f");
        assertThat(r.verbose).hasSize(2);
        assertThat(r.ignoreValidation).hasSize(2);
        assertThat(r.seed).isEqualTo(7);
        assertThat(r.maxInstructions).isEqualTo(100);
        assertThat(r.args).isEmpty();
    }

    @Test
    void helpOnEveryCommand() {
        assertThat(jnbox("--help")).isZero();
        assertThat(out()).contains("run", "inspect", "validate", "syscalls");
        for (String cmd : List.of("run", "inspect", "validate", "syscalls")) {
            out.reset();
            assertThat(jnbox(cmd, "--help")).as(cmd).isZero();
            assertThat(out()).as(cmd).startsWith("Usage: jnbox " + cmd);
        }
    }

    @Test
    void runHelpDocumentsTheExitCodes() {
        jnbox("run", "--help");
        assertThat(out()).contains("124", "125", "126", "255", "245");
    }

    @Test
    void unknownOptionIs255() {
        assertThat(jnbox("run", "-X", "p.nexe")).isEqualTo(255);
        assertThat(err()).startsWith("jnbox: Unknown option: '-X'");
    }

    @Test
    void badMountIs255() {
        assertThat(jnbox("run", "-m", "/tmp:/x:rx", "p.nexe")).isEqualTo(255);
        assertThat(err()).startsWith("jnbox: ");
        assertThat(err().lines().count()).isEqualTo(1);
    }

    @Test
    void aMountOfAMissingFolderIs255() {
        assertThat(jnbox("run", "-m", "/no/such/folder:/:ro", "p.nexe")).isEqualTo(255);
        assertThat(err()).startsWith("jnbox: -m: ");
        assertThat(err().lines().count()).isEqualTo(1);
    }

    @Test
    void missingNexeIsSelLdrsLoadError() {
        assertThat(jnbox("run", "no/such.nexe")).isEqualTo(1);
        assertThat(err()).startsWith("Error while loading \"no/such.nexe\": Cannot open NaCl module file");
    }

    @Test
    void noNexeIsSelLdrsStatus1() {
        assertThat(jnbox("run")).isEqualTo(1);
        assertThat(err()).isEqualTo("jnbox: No nacl file specified" + System.lineSeparator());
    }

    @Test
    void syscallsListsTheTable() {
        assertThat(jnbox("syscalls")).isZero();
        assertThat(out()).contains("13   write", "full", "0x101a0");
    }

    @Test
    void inspectShowsTheVerdict() {
        Path hello = repoFile("testdata/nexe/hello.nexe");
        assumeTrue(Files.exists(hello), "testdata/nexe/hello.nexe absent");
        assertThat(jnbox("inspect", hello.toString())).isZero();
        assertThat(out()).contains("e_entry 0x20000", "Verdict: loadable");
    }

    @Test
    void inspectOfAMissingFileIsOneLine() {
        assertThat(jnbox("inspect", "no/such.nexe")).isEqualTo(1);
        assertThat(err().lines().count()).isEqualTo(1);
    }
}
