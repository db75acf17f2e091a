package jnbox.emu.interp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.GuestFault;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs small machine-code sequences (assembled with GNU as; the source is in each comment) on the
 * interpreter. Expected values come from the instructions' definitions in the SDM and from
 * arithmetic, never from the interpreter.
 */
class InterpreterTest {
    static final long B = SandboxMemory.BASE;
    static final long CODE = 0x20000, DATA = 0x30000, STACK_TOP = 0x40000;

    SandboxMemory mem;
    CpuState cpu;
    Interpreter interp;

    @BeforeEach
    void setUp() {
        mem = new SandboxMemory();
        mem.map(0x10000, 0x10000, Prot.RX);   // trampolines (runtime maps them READ only)
        mem.map(CODE, 0x10000, Prot.RW);
        mem.map(DATA, 0x10000, Prot.RW);
        cpu = new CpuState();
        cpu.r[CpuState.R15] = B;
        cpu.r[CpuState.RSP] = B + STACK_TOP;
        cpu.rip = B + CODE;
        interp = new Interpreter(mem);
    }

    private Exit run(String hex) { return run(hex, 1_000_000); }

    private Exit run(String hex, long budget) {
        byte[] code = HexFormat.of().parseHex(hex);
        mem.poke(CODE, code, 0, code.length);
        mem.protect(CODE, 0x10000, Prot.RX);
        return interp.run(cpu, budget);
    }

    private static long at(int offset) { return B + CODE + offset; }

    @Test
    void countingLoop() {
        // mov ecx,100; xor eax,eax; 1: add eax,ecx; dec ecx; jnz 1b; hlt
        Exit e = run("b96400000031c001c8ffc975faf4");
        assertThat(e.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(e.signal()).isEqualTo(GuestFault.SIGSEGV);      // hlt in user mode
        assertThat(e.pc()).isEqualTo(at(13));
        assertThat(cpu.rip).isEqualTo(at(13));
        assertThat(cpu.r[CpuState.RAX]).isEqualTo(5050);
        assertThat(cpu.icount).isEqualTo(2 + 3 * 100);              // hlt does not retire
        assertThat(cpu.rflags() & CpuState.ZF).isNotZero();         // last dec reached 0
    }

    @Test
    void repMovsbCopies() {
        for (int i = 0; i < 100; i++) mem.poke(DATA + i, new byte[] {(byte) (i * 7)}, 0, 1);
        // mov rsi,r15; add rsi,0x30000; lea rdi,[r15+0x30100]; mov ecx,100; cld; rep movsb; hlt
        Exit e = run("4c89fe4881c600000300498dbf00010300b964000000fcf3a4f4");
        assertThat(e.kind()).isEqualTo(Exit.Kind.FAULT);
        byte[] out = new byte[100];
        mem.peek(DATA + 0x100, out, 0, 100);
        for (int i = 0; i < 100; i++) assertThat(out[i]).isEqualTo((byte) (i * 7));
        assertThat(cpu.r[CpuState.RCX]).isZero();
        assertThat(cpu.r[CpuState.RSI]).isEqualTo(B + DATA + 100);
        assertThat(cpu.r[CpuState.RDI]).isEqualTo(B + DATA + 0x100 + 100);
    }

    @Test
    void divideByZeroFaultsAtTheDivWithoutEffects() {
        // mov eax,1234; xor ecx,ecx; div ecx
        Exit e = run("b8d204000031c9f7f1");
        assertThat(e.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(e.signal()).isEqualTo(GuestFault.SIGFPE);
        assertThat(e.pc()).isEqualTo(at(7));
        assertThat(cpu.rip).isEqualTo(at(7));
        assertThat(cpu.r[CpuState.RAX]).isEqualTo(1234);
        assertThat(cpu.icount).isEqualTo(2);
    }

    @Test
    void reachingATrampolineIsASyscallExit() {
        // mov rax,r15; add rax,0x10020; jmp rax
        Exit e = run("4c89f8480520000100ffe0");
        assertThat(e.kind()).isEqualTo(Exit.Kind.SYSCALL);
        assertThat(e.pc()).isEqualTo(B + 0x10020);
        assertThat(cpu.rip).isEqualTo(B + 0x10020);
        assertThat(cpu.icount).isEqualTo(3);
    }

    @Test
    void budgetStopsAnEndlessLoop() {
        Exit e = run("ebfe", 1000); // 1: jmp 1b
        assertThat(e.kind()).isEqualTo(Exit.Kind.BUDGET);
        assertThat(cpu.icount).isEqualTo(1000);
        assertThat(cpu.rip).isEqualTo(at(0));
        e = interp.run(cpu, 5);
        assertThat(e.kind()).isEqualTo(Exit.Kind.BUDGET);
        assertThat(cpu.icount).isEqualTo(1005);
    }

    @Test
    void ud2IsSigill() {
        Exit e = run("0f0b");
        assertThat(e.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(e.signal()).isEqualTo(GuestFault.SIGILL);
        assertThat(e.pc()).isEqualTo(at(0));
    }

    @Test
    void decodedButNotExecutedStopsAsUnimplemented() {
        Exit e = run("d9e8"); // fld1 (x87 is not executed yet)
        assertThat(e.kind()).isEqualTo(Exit.Kind.UNIMPLEMENTED);
        assertThat(e.detail()).isEqualTo("fld1");
        assertThat(e.pc()).isEqualTo(at(0));
        assertThat(cpu.icount).isZero();
    }

    @Test
    void addressOutsideTheSandboxIsSigsegv() {
        Exit e = run("488b042500000000"); // mov rax,[0]
        assertThat(e.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(e.signal()).isEqualTo(GuestFault.SIGSEGV);
        assertThat(e.pc()).isEqualTo(at(0));
    }

    @Test
    void executingDataIsAFetchFault() {
        cpu.rip = B + DATA;
        Exit e = interp.run(cpu, 10);
        assertThat(e.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(e.signal()).isEqualTo(GuestFault.SIGSEGV);
        assertThat(e.pc()).isEqualTo(B + DATA);
    }

    @Test
    void callAndRet() {
        mem.map(STACK_TOP - 0x1000, 0x1000, Prot.RW);
        // call 1f; hlt; 1: mov eax,7; ret
        Exit e = run("e801000000f4b807000000c3");
        assertThat(e.pc()).isEqualTo(at(5));
        assertThat(cpu.r[CpuState.RAX]).isEqualTo(7);
        assertThat(cpu.r[CpuState.RSP]).isEqualTo(B + STACK_TOP);
        assertThat(mem.readUser64(STACK_TOP - 8)).isEqualTo(at(5));
    }

    @Test
    void carryChainSetccAndCmov() {
        // mov rax,-1; mov rdx,5; mov rbx,1; xor ecx,ecx; add rax,rbx; adc rdx,rcx; setc cl;
        // cmp rdx,6; sete ch; mov esi,10; mov edi,20; cmp esi,edi; cmovl esi,edi; hlt
        run("48c7c0ffffffff48c7c20500000048c7c30100000031c94801d84811ca0f92c14883fa060f94c5"
                + "be0a000000bf1400000039fe0f4cf7f4");
        assertThat(cpu.r[CpuState.RAX]).isZero();
        assertThat(cpu.r[CpuState.RDX]).isEqualTo(6);         // 5 + carry
        assertThat(cpu.r[CpuState.RCX]).isEqualTo(0x0100);   // cl = CF of adc = 0, ch = (rdx == 6)
        assertThat(cpu.r[CpuState.RSI]).isEqualTo(20);
    }

    @Test
    void cpuidReportsTheFixedVendor() {
        run("31c00fa2f4"); // xor eax,eax; cpuid; hlt
        byte[] v = new byte[12];
        long[] regs = {cpu.r[CpuState.RBX], cpu.r[CpuState.RDX], cpu.r[CpuState.RCX]};
        for (int i = 0; i < 12; i++) v[i] = (byte) (regs[i / 4] >>> (8 * (i % 4)));
        assertThat(new String(v, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("JnboxVirtCPU");
        assertThat(cpu.r[CpuState.RAX]).isEqualTo(1);
    }

    @Test
    void lockedCmpxchgAndXadd() {
        // mov eax,5; mov ecx,9; lea rbx,[r15+0x30000]; mov dword [rbx],5; lock cmpxchg [rbx],ecx;
        // mov edx,3; lock xadd [rbx],edx; hlt
        run("b805000000b909000000498d9f00000300c70305000000f00fb10bba03000000f00fc113f4");
        assertThat(mem.readUser32(DATA)).isEqualTo(12);       // 9 stored, then +3
        assertThat(cpu.r[CpuState.RDX]).isEqualTo(9);         // xadd returns the old value
        assertThat(cpu.r[CpuState.RAX]).isEqualTo(5);
    }

    @Test
    void interruptFromAnotherThread() throws Exception {
        byte[] code = HexFormat.of().parseHex("ebfe");
        mem.poke(CODE, code, 0, code.length);
        mem.protect(CODE, 0x10000, Prot.RX);
        Thread t = new Thread(() -> {
            try { Thread.sleep(50); } catch (InterruptedException ignored) { }
            interp.interrupt();
        });
        t.start();
        Exit e = interp.run(cpu, Long.MAX_VALUE);
        t.join();
        assertThat(e.kind()).isEqualTo(Exit.Kind.INTERRUPTED);
        assertThat(cpu.rip).isEqualTo(at(0));
    }

    @Test
    void codeChangesAreSeen() {
        run("b807000000f4"); // mov eax,7; hlt
        assertThat(cpu.r[CpuState.RAX]).isEqualTo(7);
        mem.poke(CODE, HexFormat.of().parseHex("b809000000f4"), 0, 6); // mov eax,9; hlt
        cpu.rip = at(0);
        interp.run(cpu, 100);
        assertThat(cpu.r[CpuState.RAX]).isEqualTo(9);
    }
}
