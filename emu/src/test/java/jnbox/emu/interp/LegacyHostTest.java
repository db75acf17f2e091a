package jnbox.emu.interp;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every row of {@code interp/legacy.txt.gz} (legacy-encoded SSE3, SSSE3, SSE4.1, SSE4.2 with
 * pcmpXstrX and crc32, AES-NI, PCLMULQDQ, MMX and MMX/x87 interplay, measured on the host CPU by
 * {@code gen_legacy.py}) through decoder + interpreter with {@link VexHostTest}'s checker: all 256
 * bits of ymm0-ymm3 (legacy forms keep bits 128-255), rax, rcx, flags, MXCSR and the buffer.
 */
class LegacyHostTest {
    @TestFactory
    Stream<DynamicTest> everyHostRowMatches() throws IOException {
        List<VexHostTest.Row> rows = VexHostTest.rows("/interp/legacy.txt.gz");
        SandboxMemory[] mem = {null};
        return HostRows.perInstruction(rows, VexHostTest.Row::text, (m, interp, r) -> {
            if (mem[0] != m) {
                m.map(VexHostTest.DATA, 0x1000, Prot.RW);
                mem[0] = m;
            }
            String d = VexHostTest.check(m, interp, r);
            return d == VexHostTest.NOT_EXECUTED ? "line " + r.line() + " " + r.text() + ": not executed" : d;
        });
    }
}
