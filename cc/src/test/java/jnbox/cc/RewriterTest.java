package jnbox.cc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rewriting rules of spec toolchain.md §3 and §6, one instruction form at a time. */
class RewriterTest {
    private static List<String> rw(String insn) throws RewriteException {
        return List.of(Rewriter.rewrite("t.s", "\t" + insn + "\n").strip().lines().map(String::strip)
                .filter(l -> !l.equals(".bundle_align_mode 5")).toArray(String[]::new));
    }

    private static List<String> lock(String... insns) {
        List<String> out = new java.util.ArrayList<>(List.of(".bundle_lock"));
        out.addAll(List.of(insns));
        out.add(".bundle_unlock");
        return out;
    }

    @Test
    void memoryWithGeneralBaseGoesThroughR11() throws Exception {
        assertThat(rw("movl 8(%eax,%ecx,4), %edx")).isEqualTo(lock("leal 8(%rax,%rcx,4),%r11d", "movl (%r15,%r11),%edx"));
        assertThat(rw("addl %esi, (%rdi)")).isEqualTo(lock("leal (%rdi),%r11d", "addl %esi,(%r15,%r11)"));
    }

    @Test
    void stackAndRipOperandsStayAndAreWidened() throws Exception {
        assertThat(rw("movl 12(%esp), %eax")).containsExactly("movl 12(%rsp),%eax");
        assertThat(rw("movl -4(%rbp), %eax")).containsExactly("movl -4(%rbp),%eax");
        assertThat(rw("movsd .LC0(%rip), %xmm0")).containsExactly("movsd .LC0(%rip),%xmm0");
    }

    @Test
    void stackWithIndexIsSandboxed() throws Exception {
        assertThat(rw("movl (%rsp,%rax,4), %eax")).isEqualTo(lock("leal (%rsp,%rax,4),%r11d", "movl (%r15,%r11),%eax"));
    }

    @Test
    void absoluteSymbolIsR15Relative() throws Exception {
        assertThat(rw("movl counter, %eax")).containsExactly("movl counter(%r15),%eax");
        assertThat(rw("movl $counter, %eax")).containsExactly("movl $counter,%eax");
    }

    @Test
    void leaIsWidenedWithoutSandboxing() throws Exception {
        assertThat(rw("leal 4(%eax,%edx), %ecx")).containsExactly("leal 4(%rax,%rdx),%ecx");
        assertThat(rw("addr32 leaq 1(%rax), %rdx")).containsExactly("leaq 1(%rax),%rdx");
    }

    @Test
    void writesToRspAndRbpAreRebasedWithoutTouchingFlags() throws Exception {
        assertThat(rw("subl %eax, %esp")).isEqualTo(lock("subl %eax,%esp", "leaq (%rsp,%r15,1),%rsp"));
        assertThat(rw("subq $24, %rsp")).isEqualTo(lock("subl $24,%esp", "leaq (%rsp,%r15,1),%rsp"));
        assertThat(rw("movl %esp, %ebp")).containsExactly("movq %rsp,%rbp");
        assertThat(rw("movl 8(%rdi), %ebp")).isEqualTo(
                lock("leal 8(%rdi),%r11d", "movl (%r15,%r11),%ebp", "leaq (%rbp,%r15,1),%rbp"));
        assertThat(rw("leal -16(%rbp), %esp")).isEqualTo(lock("leal -16(%rbp),%esp", "leaq (%rsp,%r15,1),%rsp"));
    }

    @Test
    void popRbpLeaveAndRet() throws Exception {
        assertThat(rw("popq %rbp")).isEqualTo(lock("popq %r11", "movl %r11d,%ebp", "leaq (%rbp,%r15,1),%rbp"));
        assertThat(rw("leave")).isEqualTo(
                lock("movq %rbp,%rsp", "popq %r11", "movl %r11d,%ebp", "leaq (%rbp,%r15,1),%rbp"));
        assertThat(rw("ret")).isEqualTo(lock("popq %r11", "andl $-32,%r11d", "addq %r15,%r11", "jmpq *%r11"));
        assertThat(rw("rep ret")).isEqualTo(lock("popq %r11", "andl $-32,%r11d", "addq %r15,%r11", "jmpq *%r11"));
    }

    @Test
    void callsEndBundlesAndIndirectBranchesAreMaskedThroughR11() throws Exception {
        assertThat(rw("call foo")).containsExactly(".bundle_lock align_to_end", "call foo", ".bundle_unlock");
        assertThat(rw("call *%rax")).containsExactly(".bundle_lock align_to_end", "movl %eax,%r11d",
                "andl $-32,%r11d", "addq %r15,%r11", "callq *%r11", ".bundle_unlock");
        assertThat(rw("jmp *.L4(,%eax,4)")).isEqualTo(lock("leal .L4(,%rax,4),%r11d", "movl (%r15,%r11),%r11d",
                "andl $-32,%r11d", "addq %r15,%r11", "jmpq *%r11"));
        assertThat(rw("jne .L3")).containsExactly("jne .L3");
    }

    @Test
    void stringInstructionsGetSandboxedPointers() throws Exception {
        assertThat(rw("rep movsq")).isEqualTo(lock("movl %esi,%esi", "leaq (%r15,%rsi),%rsi", "movl %edi,%edi",
                "leaq (%r15,%rdi),%rdi", "rep movsq"));
        assertThat(rw("addr32 rep stosl")).isEqualTo(lock("movl %edi,%edi", "leaq (%r15,%rdi),%rdi", "rep stosl"));
        assertThat(rw("lodsb")).isEqualTo(lock("movl %esi,%esi", "leaq (%r15,%rsi),%rsi", "lodsb"));
        // movsbl is a sign extension, not a string instruction
        assertThat(rw("movsbl (%rax), %edx")).isEqualTo(lock("leal (%rax),%r11d", "movsbl (%r15,%r11),%edx"));
    }

    @Test
    void registerBitTestsAreEmulated() throws Exception {
        assertThat(rw("btsl %ecx, %eax")).containsExactly("movl $1,%r11d", "shll %cl,%r11d", "orl %r11d,%eax");
        assertThat(rw("btl %esi, %edi")).containsExactly("movl %edi,%r11d", "movq %rcx,-136(%rsp)",
                "movl %esi,%ecx", "shrl %cl,%r11d", "movq -136(%rsp),%rcx", "btl $0,%r11d");
        assertThat(rw("btrq %rdx, %rax")).containsExactly("movl $1,%r11d", "movq %rcx,-136(%rsp)",
                "movl %edx,%ecx", "shlq %cl,%r11", "movq -136(%rsp),%rcx", "notq %r11", "andq %r11,%rax");
        assertThat(rw("btl $3, %eax")).containsExactly("btl $3,%eax");
    }

    @Test
    void highByteRegistersAreRoutedThroughALowByte() throws Exception {
        assertThat(rw("movb %ah, 3(%rdx)")).containsExactly("movq %rcx,-136(%rsp)", "movzbl %ah,%ecx",
                ".bundle_lock", "leal 3(%rdx),%r11d", "movb %cl,(%r15,%r11)", ".bundle_unlock", "movq -136(%rsp),%rcx");
        assertThat(rw("movb %ah, 3(%rsp)")).containsExactly("movb %ah,3(%rsp)");
    }

    @Test
    void addressTakenLabelsAndFunctionsAreBundleAligned() throws Exception {
        String out = Rewriter.rewrite("t.s", """
                \t.text
                \t.type f, @function
                f:
                \tjmp *.L4(,%eax,4)
                .L2:
                \tret
                .L3:
                \tjmp .L2
                \t.section .rodata
                .L4:
                \t.long .L3
                """);
        assertThat(out).contains("\t.p2align 5\nf:").contains("\t.p2align 5\n.L3:").doesNotContain("\t.p2align 5\n.L2:")
                .doesNotContain("\t.p2align 5\n.L4:");
    }

    @Test
    void unsandboxableFormsAreRefusedNamingTheLine() {
        assertThatThrownBy(() -> Rewriter.rewrite("x.s", "\tnop\n\tmovl %fs:0, %eax\n"))
                .hasMessageContaining("x.s:2:").hasMessageContaining("thread-local");
        assertThatThrownBy(() -> Rewriter.rewrite("x.s", "\tenter $16, $0\n")).hasMessageContaining("x.s:1:")
                .hasMessageContaining("enter");
        assertThatThrownBy(() -> Rewriter.rewrite("x.s", "\txlat\n")).hasMessageContaining("xlat");
        assertThatThrownBy(() -> Rewriter.rewrite("x.s", "\tsyscall\n")).hasMessageContaining("trampolines");
        assertThatThrownBy(() -> Rewriter.rewrite("x.s", "\tmovw %ax, %sp\n")).hasMessageContaining("partial write");
    }
}
