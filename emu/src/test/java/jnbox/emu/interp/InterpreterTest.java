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
    void fxamOfAnEmptyRegisterReportsItsSign() {
        // fninit; fld1; fchs; ffree st0; fxam; fnstsw ax; hlt. The host CPU gives 7B00h: TOP=7,
        // C3|C0 (empty) and C1 = the sign the freed register still holds (SDM FXAM).
        run("dbe3d9e8d9e0ddc0d9e5dfe0f4");
        assertThat(cpu.r[CpuState.RAX] & 0xFFFF).isEqualTo(0x7B00);
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
        Exit e = run("0fae00"); // fxsave [rax]: FXSR decodes but is not executed (NaCl never accepts it)
        assertThat(e.kind()).isEqualTo(Exit.Kind.UNIMPLEMENTED);
        assertThat(e.detail()).isEqualTo("fxsave");
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
        assertThat(cpu.r[CpuState.RAX]).isEqualTo(7); // highest basic leaf: 7 (AVX2 in leaf 7 EBX)
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

    private long user64(long user) { return mem.readUser64(user); }

    private void putUser64(long user, long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (8 * i));
        mem.poke(user, b, 0, 8);
    }

    @Test
    void misalignedMovdqaIsSigsegv() {
        Exit e = run("498d9f08000300660f6f03"); // lea rbx,[r15+0x30008]; movdqa xmm0,[rbx]
        assertThat(e.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(e.signal()).isEqualTo(GuestFault.SIGSEGV);
        assertThat(e.pc()).isEqualTo(at(7));
    }

    @Test
    void sseMemoryForms() {
        putUser64(DATA, 0x3FF0_0000_0000_0000L);
        putUser64(DATA + 8, 0x1122_3344_5566_7788L);
        cpu.vec[1] = 0xDEADL; // movsd from memory clears bits 64..127
        // lea rbx,[r15+0x30000]; movsd xmm0,[rbx]; movdqa [rbx+0x10],xmm0; movups xmm1,[rbx+1];
        // stmxcsr [rbx+0x20]; hlt
        run("498d9f00000300f20f1003660f7f43100f104b010fae5b20f4");
        assertThat(cpu.vec[0]).isEqualTo(0x3FF0_0000_0000_0000L);
        assertThat(cpu.vec[1]).isZero();
        assertThat(user64(DATA + 0x10)).isEqualTo(0x3FF0_0000_0000_0000L);
        assertThat(user64(DATA + 0x18)).isZero();
        assertThat(cpu.vec[4]).isEqualTo(0x883F_F000_0000_0000L); // bytes 1..8, little-endian
        assertThat(cpu.vec[5]).isEqualTo(0x0011_2233_4455_6677L); // bytes 9..16 (16 = movdqa's low byte)
        assertThat(mem.readUser32(DATA + 0x20)).isEqualTo(0x1F80);
    }

    @Test
    void nonDefaultRoundingRoundsFloatArithmetic() {
        byte[] m = {(byte) 0x80, 0x3F, 0, 0}; // MXCSR 0x3F80: RC = round down
        mem.poke(DATA, m, 0, 4);
        cpu.vec[0] = 0xBFF0_0000_0000_0000L; // -1.0
        cpu.vec[4] = 0xBC30_0000_0000_0000L; // -2^-60
        // lea rbx,[r15+0x30000]; ldmxcsr [rbx]; addsd xmm0,xmm1; hlt
        Exit e = run("498d9f000003000fae13f20f58c1f4");
        assertThat(e.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(e.pc()).isEqualTo(at(14));
        // SDM vol. 1 §4.8.4: rounded down (toward -inf) to the next double below -1; PE set (§4.9.1.6)
        assertThat(cpu.vec[0]).isEqualTo(0xBFF0_0000_0000_0001L);
        assertThat(cpu.mxcsr).isEqualTo(0x3FA0);
    }

    @Test
    void faultingPushChangesNothing() {
        // mov rsp,r15; add rsp,0x50000; push rax   (0x4fff8 is not mapped)
        Exit e = run("4c89fc4881c40000050050");
        assertThat(e.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(e.pc()).isEqualTo(at(10));
        assertThat(cpu.r[CpuState.RSP]).isEqualTo(B + 0x50000);
    }

    @Test
    void idivOverflowIsSigfpe() {
        // mov eax,0x80000000; cdq; mov ecx,-1; idiv ecx
        Exit e = run("b80000008099b9fffffffff7f9");
        assertThat(e.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(e.signal()).isEqualTo(GuestFault.SIGFPE);
        assertThat(e.pc()).isEqualTo(at(11));
        assertThat(cpu.r[CpuState.RAX]).isEqualTo(0x8000_0000L);
        assertThat(cpu.r[CpuState.RDX]).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void repStosbThenRepneScasb() {
        // lea rdi,[r15+0x30000]; mov al,0x41; mov ecx,10; rep stosb; lea rdi,[r15+0x30000]; mov ecx,20;
        // repne scasb; hlt
        run("498dbf00000300b041b90a000000f3aa498dbf00000300b914000000f2aef4");
        byte[] b = new byte[11];
        mem.peek(DATA, b, 0, 11);
        for (int i = 0; i < 10; i++) assertThat(b[i]).isEqualTo((byte) 0x41);
        assertThat(b[10]).isZero();
        assertThat(cpu.r[CpuState.RCX]).isEqualTo(19);   // stopped on the first (equal) byte
        assertThat(cpu.r[CpuState.RDI]).isEqualTo(B + DATA + 1);
        assertThat(cpu.rflags() & CpuState.ZF).isNotZero();
    }

    @Test
    void backwardRepMovsb() {
        mem.poke(DATA, new byte[] {1, 2, 3, 4}, 0, 4);
        // lea rsi,[r15+0x30003]; lea rdi,[r15+0x30103]; mov ecx,4; std; rep movsb; cld; hlt
        run("498db703000300498dbf03010300b904000000fdf3a4fcf4");
        byte[] b = new byte[4];
        mem.peek(DATA + 0x100, b, 0, 4);
        assertThat(b).containsExactly(1, 2, 3, 4);
        assertThat(cpu.r[CpuState.RSI]).isEqualTo(B + DATA - 1);
        assertThat(cpu.r[CpuState.RDI]).isEqualTo(B + DATA + 0xFF);
        assertThat(cpu.rflags() & CpuState.DF).isZero();
    }

    @Test
    void bitStringOperandsReachBeyondTheOperand() {
        putUser64(DATA, 1L << 63);
        // lea rbx,[r15+0x30000]; mov rax,100; bts [rbx],rax; mov rax,-1; bt [rbx+8],rax; setc cl; hlt
        run("498d9f0000030048c7c064000000480fab0348c7c0ffffffff480fa343080f92c1f4");
        assertThat(user64(DATA + 8)).isEqualTo(1L << 36);  // bit 100 = qword 1, bit 36
        assertThat(cpu.r[CpuState.RCX] & 0xFF).isEqualTo(1); // bit -1 of [rbx+8] = bit 63 of [rbx]
    }

    @Test
    void cmpxchg16b() {
        putUser64(DATA, 1);
        putUser64(DATA + 8, 2);
        // lea rbx,[r15+0x30000]; mov rax,1; mov rdx,2; mov rbx,rbx; mov rcx,0x33; mov r8,rbx; mov rbx,0x44;
        // lock cmpxchg16b [r8]; hlt
        run("498d9f0000030048c7c00100000048c7c2020000004889db48c7c1330000004989d848c7c344000000f0490fc708f4");
        assertThat(user64(DATA)).isEqualTo(0x44);
        assertThat(user64(DATA + 8)).isEqualTo(0x33);
        assertThat(cpu.rflags() & CpuState.ZF).isNotZero();
    }

    @Test
    void faultMidBlockKeepsEarlierEffects() {
        // mov eax,1; mov ebx,2; mov rcx,r15; mov [rcx],eax   (user page 0 is not mapped)
        Exit e = run("b801000000bb020000004c89f98901");
        assertThat(e.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(e.pc()).isEqualTo(at(13));
        assertThat(cpu.r[CpuState.RAX]).isEqualTo(1);
        assertThat(cpu.r[CpuState.RBX]).isEqualTo(2);
        assertThat(cpu.icount).isEqualTo(3);
    }

    @Test
    void rdtscCountsRetiredInstructionsWhateverTheBudgetSlices() {
        // nop; nop; rdtsc; mov ebx,eax; rdtsc; hlt
        byte[] code = HexFormat.of().parseHex("90900f3189c30f31f4");
        mem.poke(CODE, code, 0, code.length);
        mem.protect(CODE, 0x10000, Prot.RX);
        while (interp.run(cpu, 1).kind() == Exit.Kind.BUDGET) { } // one instruction per run
        assertThat(cpu.r[CpuState.RBX]).isEqualTo(2);   // two nops retired before the first rdtsc
        assertThat(cpu.r[CpuState.RAX]).isEqualTo(4);
        CpuState again = new CpuState();
        again.rip = B + CODE;
        interp.run(again, 100);                           // the same in one run
        assertThat(again.r[CpuState.RBX]).isEqualTo(2);
        assertThat(again.r[CpuState.RAX]).isEqualTo(4);
    }

    @Test
    void x87StateMoves() {
        // 1.0 and a signalling NaN as 80-bit values
        mem.poke(DATA, HexFormat.of().parseHex("0000000000000080ff3f"), 0, 10);
        mem.poke(DATA + 16, HexFormat.of().parseHex("0100000000000080ff7f"), 0, 10);
        // lea rbx,[r15+0x30000]; fninit; fld tbyte [rbx]; fld tbyte [rbx+16]; fnstenv [rbx+32];
        // fstp tbyte [rbx+64]; fnstsw ax; fnstcw [rbx+80]; fstp tbyte [rbx+96]; hlt
        Exit e = run("498d9f00000300dbe3db2bdb6b10d97320db7b40dfe0d97b50db7b60f4");
        assertThat(e.pc()).isEqualTo(at(28)); // the hlt
        byte[] env = new byte[28];
        mem.peek(DATA + 32, env, 0, 28);
        // the same sequence on the Intel host gave 7f03ffff 0030ffff ff2fffff <FIP> 00000000 00000000 0000ffff;
        // jnbox reports the instruction pointer as 0
        assertThat(HexFormat.of().formatHex(env)).isEqualTo("7f03ffff0030ffffff2fffff" + "00000000" + "00000000" + "00000000" + "0000ffff");
        byte[] v = new byte[10];
        mem.peek(DATA + 64, v, 0, 10);
        assertThat(HexFormat.of().formatHex(v)).isEqualTo("0100000000000080ff7f"); // NaN stored unchanged
        mem.peek(DATA + 96, v, 0, 10);
        assertThat(HexFormat.of().formatHex(v)).isEqualTo("0000000000000080ff3f");
        assertThat(cpu.r[CpuState.RAX] & 0xFFFF).isEqualTo(0x3800);              // host: sw 3800
        assertThat(mem.readUser32(DATA + 80) & 0xFFFF).isEqualTo(0x037F);       // host: cw 37f
        assertThat(cpu.fsw >>> 11 & 7).isZero();
    }

    @Test
    void unmaskedSimdExceptionIsSigfpeWithoutWrites() {
        byte[] m = {(byte) 0x80, 0x1D, 0, 0}; // MXCSR 0x1D80: divide-by-zero unmasked (SDM vol. 1 §10.2.3)
        mem.poke(DATA, m, 0, 4);
        cpu.vec[0] = Double.doubleToRawLongBits(1.0);
        cpu.vec[4] = 0;                         // xmm1 = +0.0
        // lea rbx,[r15+0x30000]; ldmxcsr [rbx]; divsd xmm0,xmm1
        Exit e = run("498d9f000003000fae13f20f5ec1");
        assertThat(e.kind()).isEqualTo(Exit.Kind.FAULT);
        assertThat(e.signal()).isEqualTo(GuestFault.SIGFPE);
        assertThat(e.pc()).isEqualTo(at(10));
        assertThat(cpu.vec[0]).isEqualTo(Double.doubleToRawLongBits(1.0));
        // the flag is still set (SDM vol. 1 §11.5.1; measured on the host by LegacyRandomHostTest)
        assertThat(cpu.mxcsr).isEqualTo(0x1D84);
    }
}
