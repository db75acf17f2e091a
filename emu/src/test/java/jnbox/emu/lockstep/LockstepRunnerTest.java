package jnbox.emu.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HexFormat;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.mem.SandboxMemory;
import jnbox.emu.unicorn.UnicornEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner on hand-written sequences whose outcome is known from the host CPU: agreement, a
 * documented Unicorn bug (popcnt #UD), an open interpreter bug (shrd by 0 keeps rdx's upper half
 * where the CPU clears it) and a deliberate #DE that both engines must report at the div.
 */
class LockstepRunnerTest {
    private static HostHarness host;

    @BeforeAll
    static void start() {
        assumeTrue(UnicornEngine.isAvailable(), () -> "skipped: " + UnicornEngine.unavailableReason());
        host = HostHarness.start();
    }

    @AfterAll
    static void stop() {
        if (host != null) host.close();
    }

    private static Sequence seq(String hex, int... starts) {
        CpuState c = new CpuState();
        c.r[CpuState.RAX] = 0x1234_5678_9ABC_DEF0L;
        c.r[CpuState.RBX] = 0xF0F0_0000_0000_00FFL;
        c.r[CpuState.RCX] = 0;
        c.r[CpuState.RDX] = 0x0C0C_102A_EEB4_36C6L;
        c.r[CpuState.RSP] = Layout.sys(Layout.RSP);
        c.r[CpuState.RBP] = Layout.sys(Layout.RBP);
        c.r[CpuState.R15] = SandboxMemory.BASE;
        c.rip = Layout.sys(Layout.CODE);
        return new Sequence(1, HexFormat.of().parseHex(hex), starts, c, new byte[Layout.DATA_LEN]);
    }

    @Test
    void agreeingSequenceHasNoDivergence() {
        try (LockstepRunner r = new LockstepRunner(new InstructionPool(), host, 10)) {
            // add %rbx,%rax; adc %rax,%rdx; setc %cl; hlt
            assertThat(r.run(seq("4801d84811c20f92c1f4", 0, 3, 6, 9))).isNull();
            assertThat(r.steps()).isEqualTo(4);
        }
    }

    @Test
    void popcntIsADocumentedUnicornBug() {
        try (LockstepRunner r = new LockstepRunner(new InstructionPool(), host, 10)) {
            LockstepRunner.Divergence d = r.run(seq("f30fb8c3f4", 0, 4));
            assertThat(d).isNotNull();
            assertThat(d.verdict()).isEqualTo(LockstepRunner.Verdict.UNICORN_DOCUMENTED);
            assertThat(d.explanation()).isEqualTo("unicorn-no-popcnt-movbe");
            assertThat(d.interp().cpu().r[CpuState.RAX]).isEqualTo(8); // popcnt %ebx,%eax: ebx = 0x000000FF
        }
    }

    @Test
    void shrdByZeroZeroExtendsItsRegisterAsTheHostDoes() {
        // shrd $0x80,%edx,%edx: the masked count is 0, yet the 32-bit destination is written, so
        // the upper half of rdx clears (host CPU, testdata/lockstep/jnbox_fixed-shrd-*.txt).
        try (LockstepRunner r = new LockstepRunner(new InstructionPool(), host, 10)) {
            assertThat(r.run(seq("0facd280f4", 0, 4))).isNull();
        }
    }

    @Test
    void divideErrorStopsBothEnginesAtTheDiv() {
        try (LockstepRunner r = new LockstepRunner(new InstructionPool(), host, 10)) {
            // xor %ecx,%ecx; div %rcx; hlt -- twice: the engine replaces its instance before the run after a #DE,
            // so the second #DE runs on a fresh instance (on the stale one it would be a double fault)
            assertThat(r.run(seq("31c948f7f1f4", 0, 2, 5))).isNull();
            assertThat(r.run(seq("31c948f7f1f4", 0, 2, 5))).isNull();
            assertThat(r.recreated()).isEqualTo(1);
        }
    }
}
