package jnbox.cc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jnbox.elf.validate.Mode;
import jnbox.elf.validate.NexeText;
import jnbox.elf.validate.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on freestanding C that makes gcc emit each rewritten form (jump tables,
 * computed gotos, VLAs, string ops, bit sets, high bytes, indirect calls); the result must pass
 * jnbox's validator (NaCl's rules). Skips where gcc or llvm-mc is missing.
 */
class DriverTest {
    private static final String PROGRAM = """
            #include <nacl_syscall.h>
            typedef int (*fn)(int);
            static int twice(int x) { return 2 * x; }
            static int inc(int x) { return x + 1; }
            volatile fn table[2] = {twice, inc};
            unsigned setbit(unsigned x, unsigned n) { return x | (1u << n); }
            unsigned long long setbit64(unsigned long long x, unsigned n) { return x & ~(1ull << n); }
            int sw(int k) {
                switch (k) { case 0: return 11; case 1: return 22; case 2: return 33; case 3: return 44;
                             case 4: return 55; case 5: return 66; case 6: return 77; default: return -1; }
            }
            int gotos(int k) {
                static void *labels[] = {&&a, &&b, &&c};
                goto *labels[k % 3];
                a: return 1;
                b: return 2;
                c: return 3;
            }
            int vla(int n) { char buf[n]; for (int i = 0; i < n; i++) buf[i] = (char) i; return buf[n - 1]; }
            void copy(char *d, const char *s, int n) { __builtin_memcpy(d, s, 4096); (void) n; }
            unsigned char hi(unsigned x, unsigned char *p) { p[3] = (unsigned char) (x >> 8); return p[3]; }
            int main(int argc, char **argv) {
                static char a[4096], b[4096];
                unsigned char q[4];
                copy(a, b, argc);
                int r = table[argc & 1](argc) + sw(argc) + gotos(argc) + vla(argc + 3) + (int) setbit(0, argc)
                        + (int) setbit64(~0ull, argc) + hi(0x1234, q);
                return r & 0x7f;
            }
            """;

    @Test
    void everyRewrittenFormValidates(@TempDir Path tmp) throws Exception {
        assumeTrue(toolsPresent(), "gcc or llvm-mc (LLVM 14) is not installed");
        Path src = tmp.resolve("forms.c");
        Files.writeString(src, PROGRAM);
        for (String opt : List.of("-O0", "-O2", "-O3", "-Os")) {
            Path out = tmp.resolve("forms" + opt + ".nexe");
            Driver.build(new Sysroot(tmp.resolve("sysroot")), new CcOptions(List.of(src), out, false,
                    List.of(opt), List.of(), List.of()));
            byte[] nexe = Files.readAllBytes(out);
            NexeText text = NexeText.of(nexe);
            assertThat(text.vaddr()).isEqualTo(0x20000);
            assertThat(new Validator().validate(text.code(), 0, text.code().length, text.vaddr(), Mode.NCVAL).valid())
                    .as("validates at %s", opt).isTrue();
            assertThat(nexe[7]).isEqualTo((byte) 123);
        }
    }

    @Test
    void thread_localIsRefusedWithTheAssemblyLine(@TempDir Path tmp) throws Exception {
        assumeTrue(toolsPresent(), "gcc or llvm-mc (LLVM 14) is not installed");
        Path src = tmp.resolve("tls.c");
        Files.writeString(src, "__thread int t; int main(void) { return t; }\n");
        assertThatThrownBy(() -> Driver.build(new Sysroot(tmp.resolve("sysroot")), new CcOptions(List.of(src),
                tmp.resolve("tls.nexe"), false, List.of("-O2"), List.of(), List.of())))
                .hasMessageMatching("(?s)jnbox cc: tls\\.s:\\d+: cannot sandboxise `.*%fs:.*thread-local.*");
    }

    @Test
    void optionsParseLikeGcc() throws Exception {
        CcOptions o = CcCommand.parse(List.of("-O2", "-I", "inc", "-DX=1", "a.c", "b.o", "-lm", "-lfoo", "-L", "d",
                "-o", "p.nexe"));
        assertThat(o.inputs()).containsExactly(Path.of("a.c"), Path.of("b.o"));
        assertThat(o.output()).isEqualTo(Path.of("p.nexe"));
        assertThat(o.cflags()).containsExactly("-O2", "-I", "inc", "-DX=1");
        assertThat(o.libs()).containsExactly("foo");
        assertThat(o.libDirs()).containsExactly("d");
        assertThatThrownBy(() -> CcCommand.parse(List.of("-shared", "a.c"))).hasMessageContaining("-shared");
    }

    static boolean toolsPresent() {
        try {
            Tools.gcc();
            Tools.llvmMc();
            Tools.ld();
            return true;
        } catch (Tools.ToolException e) {
            return false;
        }
    }
}
