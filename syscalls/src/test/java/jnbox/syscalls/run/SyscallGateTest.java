package jnbox.syscalls.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.mem.GuestFault;
import jnbox.emu.mem.Prot;
import jnbox.emu.mem.SandboxMemory;
import jnbox.syscalls.NaclSyscalls;
import jnbox.syscalls.fd.FdTable;
import jnbox.syscalls.fd.StreamOutput;
import jnbox.syscalls.mem.AddressSpace;
import jnbox.syscalls.time.GuestClock;
import jnbox.syscalls.time.GuestRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The call and return protocol of spec/nacl-abi.md §4.1. */
class SyscallGateTest {
    private static final long BASE = SandboxMemory.BASE;
    private static final long RSP = 0xFFFE0000L;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private SandboxMemory mem;
    private CpuState cpu;
    private NaclProcess process;
    private SyscallGate gate;

    @BeforeEach
    void setUp() {
        mem = new SandboxMemory();
        mem.map(0xFF000000L, 0x01000000L, Prot.RW);
        mem.map(0x20000, 0x10000, Prot.RX);
        cpu = new CpuState();
        FdTable fds = new FdTable();
        fds.put(1, new StreamOutput(out, 1));
        process = new NaclProcess(mem, cpu, fds, new AddressSpace(mem, 0x30000, 0x30000), null,
                GuestClock.deterministic(() -> cpu.icount), GuestRandom.seeded(1), true);
        gate = new SyscallGate(process, NaclSyscalls.table(), null);
    }

    /** What `call 0x10000+32N` leaves: return address pushed, rip at the trampoline. */
    private void call(int number, long returnAddress) {
        cpu.r[CpuState.RSP] = BASE + RSP;
        mem.write64(BASE + RSP, returnAddress);
        cpu.rip = BASE + 0x10000 + 32L * number;
    }

    @Test
    void writeReturnsWithTheRegisterStateOfSection41() {
        byte[] msg = "hi\n".getBytes(StandardCharsets.US_ASCII);
        mem.writeUser(0xFFFD0000L, msg, 0, msg.length);
        call(13, BASE + 0x20045);                              // return address inside a bundle
        cpu.r[CpuState.RDI] = 0xABCD_0000_0000_0001L;          // only the low 32 bits count
        cpu.r[CpuState.RSI] = BASE + 0xFFFD0000L;
        cpu.r[CpuState.RDX] = 3;
        cpu.r[CpuState.RBX] = 0x1111;
        cpu.r[CpuState.RBP] = 0x2222;
        cpu.r[CpuState.R12] = 0x3333;
        cpu.r[CpuState.R14] = 0x4444;
        cpu.r[CpuState.R10] = 0x5555;
        cpu.vec[0] = -1;
        cpu.x87Mant[3] = 42;
        cpu.mxcsr = 0x1FA0;
        cpu.fcw = 0x027F;
        cpu.setRflags(CpuState.CF | CpuState.DF);
        gate.enter(cpu);

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("hi\n");
        assertThat(cpu.r[CpuState.RAX]).isEqualTo(3);
        assertThat(cpu.rip).as("rounded up to the next bundle").isEqualTo(BASE + 0x20060);
        assertThat(cpu.r[CpuState.R11]).isEqualTo(BASE + 0x20060);
        assertThat(cpu.r[CpuState.RSP]).isEqualTo(BASE + RSP + 8);
        assertThat(cpu.r[CpuState.RDI]).isEqualTo((RSP + 16) & 0xFFFFFFFFL);
        for (int r : new int[] {CpuState.RCX, CpuState.RDX, CpuState.RSI, CpuState.R8, CpuState.R9, CpuState.R10}) {
            assertThat(cpu.r[r]).as(CpuState.regName(r)).isZero();
        }
        assertThat(cpu.r[CpuState.RBX]).isEqualTo(0x1111);
        assertThat(cpu.r[CpuState.RBP]).isEqualTo(0x2222);
        assertThat(cpu.r[CpuState.R12]).isEqualTo(0x3333);
        assertThat(cpu.r[CpuState.R14]).isEqualTo(0x4444);
        assertThat(cpu.r[CpuState.R15]).isEqualTo(BASE);
        assertThat(cpu.rflags()).isEqualTo(CpuState.ZF | CpuState.PF | CpuState.FIXED_ONE);
        assertThat(cpu.vec).containsOnly(0L);
        assertThat(cpu.x87Mant).containsOnly(0L);
        assertThat(cpu.mxcsr).as("restored, not reset").isEqualTo(0x1FA0);
        assertThat(cpu.fcw).isEqualTo(0x027F);
        // red zone: the trampoline's own address at [rsp-8], the argument words from [rsp-0x20]
        assertThat(mem.readUser32(RSP - 8)).isEqualTo(0x101A0);
        assertThat(mem.readUser32(RSP - 0x20)).isEqualTo(1);
        assertThat(mem.readUser32(RSP - 0x1C)).isEqualTo((int) 0xFFFD0000L);
        assertThat(mem.readUser32(RSP - 0x18)).isEqualTo(3);
    }

    @Test
    void resultsAreZeroExtendedNegativeErrnos() {
        call(13, BASE + 0x20040);
        cpu.r[CpuState.RDI] = 7;                               // no such fd
        gate.enter(cpu);
        assertThat(cpu.r[CpuState.RAX]).isEqualTo(0xFFFFFFF7L);  // -EBADF
        assertThat(cpu.rip).as("an aligned return address stays").isEqualTo(BASE + 0x20040);
    }

    @Test
    void unregisteredAndOutOfRangeNumbers() {
        call(2, BASE + 0x20040);
        gate.enter(cpu);
        assertThat((int) cpu.r[CpuState.RAX]).isEqualTo(-38);     // ENOSYS
        call(151, BASE + 0x20040);
        gate.enter(cpu);
        assertThat((int) cpu.r[CpuState.RAX]).isEqualTo(-22);     // EINVAL
    }

    @Test
    void tlsGetFastPathChangesOnlyRaxRcxRdxR11AndFlags() {
        process.setTls1(0x12345678);
        call(84, BASE + 0x20041);
        cpu.r[CpuState.RSI] = 0x77;
        cpu.r[CpuState.RDI] = 0x88;
        cpu.r[CpuState.RDX] = 0x99;
        cpu.vec[4] = 5;
        mem.writeUser(RSP - 8, new byte[8], 0, 8);
        gate.enter(cpu);
        assertThat(cpu.r[CpuState.RAX]).isEqualTo(0x12345678);
        assertThat(cpu.r[CpuState.RCX]).isEqualTo(0x20060);
        assertThat(cpu.r[CpuState.RDX]).isZero();
        assertThat(cpu.r[CpuState.R11]).isEqualTo(BASE + 0x20060);
        assertThat(cpu.rip).isEqualTo(BASE + 0x20060);
        assertThat(cpu.r[CpuState.RSP]).isEqualTo(BASE + RSP + 8);
        assertThat(cpu.r[CpuState.RSI]).isEqualTo(0x77);
        assertThat(cpu.r[CpuState.RDI]).isEqualTo(0x88);
        assertThat(cpu.vec[4]).isEqualTo(5);
        assertThat(mem.readUser64(RSP - 8)).as("no red-zone stores").isZero();
    }

    @Test
    void exitEndsTheProcessWithTheLowByte() {
        call(30, BASE + 0x20040);
        cpu.r[CpuState.RDI] = 0x1234;
        gate.enter(cpu);
        assertThat(process.exited()).isTrue();
        assertThat(process.exitStatus()).isEqualTo(0x34);
    }

    @Test
    void theHltSlotAndMidSlotAddressesFault() {
        call(2047, BASE + 0x20040);
        assertThatThrownBy(() -> gate.enter(cpu)).isInstanceOf(GuestFault.class);
        call(13, BASE + 0x20040);
        cpu.rip += 5;
        assertThatThrownBy(() -> gate.enter(cpu)).isInstanceOf(GuestFault.class);
    }

    @Test
    void aNullBufferIsEfaultEvenWhenEmpty() {
        // §4.2 read/write: "buf range incl. buf=0 is invalid" (NaClUserToSysAddrRange refuses 0)
        call(13, BASE + 0x20040);
        cpu.r[CpuState.RDI] = 1;
        gate.enter(cpu);
        assertThat((int) cpu.r[CpuState.RAX]).isEqualTo(-14);
    }

    @Test
    void aMissingPointerIsEfaultNotACrash() {
        call(44, BASE + 0x20040);                              // clock_gettime(0, NULL)
        gate.enter(cpu);
        assertThat((int) cpu.r[CpuState.RAX]).isEqualTo(-14);
        call(44, BASE + 0x20040);
        cpu.r[CpuState.RDI] = 9;                               // bad clock id
        cpu.r[CpuState.RSI] = 0xFFFD0000L;
        gate.enter(cpu);
        assertThat((int) cpu.r[CpuState.RAX]).isEqualTo(-22);
    }
}
