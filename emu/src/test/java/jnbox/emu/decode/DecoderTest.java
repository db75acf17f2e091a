package jnbox.emu.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * API-level checks of {@link Decoder} and {@link Insn}: failure reporting, limits, and decoded
 * fields for hand-checked encodings. Expected fields come from the SDM vol. 2 encoding rules
 * (§2.1.3 ModRM/SIB tables, §2.2.1 REX, §2.3 VEX) applied by hand to each byte string.
 */
class DecoderTest {
    private final Decoder d = new Decoder();

    private Insn decode(String hex) {
        byte[] b = HexFormat.ofDelimiter(" ").parseHex(hex);
        return d.decode(b, 0, b.length);
    }

    @Test
    void memoryOperandWithSibAndDisp8() {
        // 48 81 44 8c 08 imm32: REX.W, 81 /0, mod=01 rm=100 -> SIB 8c: scale=10 (4) index=001 (rcx) base=100 (rsp)
        Insn i = decode("48 81 44 8c 08 78 56 34 12");
        assertThat(i.op().name()).isEqualTo("ADD_Ev_Iz");
        assertThat(i.length()).isEqualTo(9);
        assertThat(i.operandSize()).isEqualTo(8);
        assertThat(i.hasMemory()).isTrue();
        assertThat(i.baseReg()).isEqualTo(4);
        assertThat(i.indexReg()).isEqualTo(1);
        assertThat(i.scale()).isEqualTo(4);
        assertThat(i.disp()).isEqualTo(8);
        assertThat(i.imm()).isEqualTo(0x12345678);
        assertThat(i.modrmReg()).isEqualTo(0);
    }

    @Test
    void ripRelativeAndNoBaseForms() {
        Insn rip = decode("8b 05 f0 ff ff ff"); // mov eax,[rip-0x10]: mod=00 rm=101
        assertThat(rip.ripRelative()).isTrue();
        assertThat(rip.baseReg()).isEqualTo(-1);
        assertThat(rip.disp()).isEqualTo(-16);
        Insn abs = decode("8b 04 25 00 10 00 00"); // SIB base=101 with mod=00: no base, index=100: none
        assertThat(abs.ripRelative()).isFalse();
        assertThat(abs.baseReg()).isEqualTo(-1);
        assertThat(abs.indexReg()).isEqualTo(-1);
        assertThat(abs.disp()).isEqualTo(0x1000);
        Insn r12 = decode("42 8b 04 25 00 10 00 00"); // REX.X: index 100 becomes r12
        assertThat(r12.indexReg()).isEqualTo(12);
        Insn r13 = decode("41 8b 45 00"); // REX.B, mod=01 rm=101: base r13 + disp8
        assertThat(r13.baseReg()).isEqualTo(13);
        assertThat(r13.dispSize()).isEqualTo(1);
    }

    @Test
    void rexExtensionsAndOperandSize() {
        Insn i = decode("66 45 01 c8"); // add r8w, r9w: 66, REX.RB, mod=11 reg=001 rm=000
        assertThat(i.hasOpSizePrefix()).isTrue();
        assertThat(i.operandSize()).isEqualTo(2);
        assertThat(i.regIndex()).isEqualTo(9);
        assertThat(i.rmIndex()).isEqualTo(8);
        assertThat(i.hasMemory()).isFalse();
        assertThat(decode("66 48 01 c8").operandSize()).isEqualTo(8); // REX.W beats 66
        assertThat(decode("41 50").opcodeReg()).isEqualTo(8); // push r8
        assertThat(decode("41 50").operandSize()).isEqualTo(8); // d64
    }

    @Test
    void vexFields() {
        // c4 e2 75 98 c2: R̄X̄B̄=111 map=2, W=0 vvvv=~1110=1 L=1 pp=01 -> vfmadd132ps ymm0,ymm1,ymm2
        Insn i = decode("c4 e2 75 98 c2");
        assertThat(i.op().name()).isEqualTo("VFMADD132PS_Vx_Hx_Wx");
        assertThat(i.isVex()).isTrue();
        assertThat(i.vexMap()).isEqualTo(2);
        assertThat(i.vexL()).isEqualTo(1);
        assertThat(i.vexVvvv()).isEqualTo(1);
        assertThat(i.vexPp()).isEqualTo(1);
        assertThat(i.regIndex()).isEqualTo(0);
        assertThat(i.rmIndex()).isEqualTo(2);
        assertThat(i.vectorLength()).isEqualTo(32);
        Insn c5 = decode("c5 78 58 c1"); // R̄=0 -> reg extended: vaddps xmm8,xmm0,xmm1
        assertThat(c5.isVex2()).isTrue();
        assertThat(c5.regIndex()).isEqualTo(8);
    }

    @Test
    void immediatesAndBranches() {
        Insn enter = decode("c8 10 00 02"); // enter 0x10, 2: iw then ib
        assertThat(enter.imm()).isEqualTo(0x10);
        assertThat(enter.imm2()).isEqualTo(2);
        Insn jmp = decode("eb fe");
        assertThat(jmp.branchTarget(0x1000)).isEqualTo(0x1000);
        Insn mov = decode("48 b8 88 77 66 55 44 33 22 11"); // movabs rax, imm64
        assertThat(mov.imm()).isEqualTo(0x1122334455667788L);
        assertThat(mov.length()).isEqualTo(10);
        Insn is4 = decode("c4 e3 79 4a c1 20"); // vblendvps xmm0,xmm0,xmm1,xmm2
        assertThat(is4.is4Reg()).isEqualTo(2);
    }

    @Test
    void prefixesAreReported() {
        Insn i = decode("f0 66 66 41 0f c1 07"); // lock, duplicate 66, REX.B, xadd [r15],ax
        assertThat(i.lock()).isTrue();
        assertThat(i.hasDuplicatePrefix()).isTrue();
        assertThat(i.legacyPrefixCount()).isEqualTo(3);
        assertThat(i.lockFaults()).isFalse();
        assertThat(decode("f0 01 c0").lockFaults()).isTrue(); // register form
        Insn ignored = decode("48 66 01 c0"); // REX before 66 is ignored (SDM vol. 2 §2.2.1)
        assertThat(ignored.hasIgnoredRex()).isTrue();
        assertThat(ignored.rexW()).isFalse();
        assertThat(ignored.operandSize()).isEqualTo(2);
        assertThat(decode("64 8b 00").segment()).isEqualTo(Insn.FS);
    }

    @Test
    void failuresAreStructured() {
        assertThat(decode("48 81 44 8c")).isNull();
        assertThat(d.error()).isEqualTo(DecodeError.TRUNCATED);
        assertThat(decode("66 66 66 66 66 66 66 66 66 66 66 66 66 66 01 c0")).isNull();
        assertThat(d.error()).isEqualTo(DecodeError.TOO_LONG);
        assertThat(decode("0f 0b")).isNotNull(); // ud2 is an instruction
        assertThat(decode("0f 04")).isNull();
        assertThat(d.error()).isEqualTo(DecodeError.UNDEFINED);
        assertThat(decode("66 c5 f8 58 c1")).isNull();
        assertThat(d.error()).isEqualTo(DecodeError.PREFIX_BEFORE_VEX);
        assertThat(decode("c5 b8 77")).isNull(); // vzeroupper with vvvv != 1111
        assertThat(d.error()).isEqualTo(DecodeError.VEX_VVVV_NOT_1111);
        assertThat(decode("8f e8 78 c0 01")).isNull();
        assertThat(d.error()).isEqualTo(DecodeError.XOP);
        assertThat(decode("")).isNull();
        assertThat(d.error()).isEqualTo(DecodeError.TRUNCATED);
    }

    @Test
    void honoursOffsetAndLimit() {
        byte[] b = HexFormat.ofDelimiter(" ").parseHex("90 90 01 c0 90");
        Insn i = d.decode(b, 2, 4);
        assertThat(i.op().name()).isEqualTo("ADD_Ev_Gv");
        assertThat(d.decode(b, 2, 3)).isNull();
        assertThat(d.error()).isEqualTo(DecodeError.TRUNCATED);
    }

    /** Random bytes never throw, and every result is 1..15 bytes within the limit. */
    @Test
    void garbageNeverThrows() {
        long seed = new Random().nextLong();
        System.out.println("DecoderTest.garbageNeverThrows seed=" + seed);
        Random r = new Random(seed);
        byte[] b = new byte[64];
        for (int n = 0; n < 200_000; n++) {
            r.nextBytes(b);
            int off = r.nextInt(32);
            int limit = off + r.nextInt(20);
            Insn i = d.decode(b, off, limit);
            if (i != null) {
                assertThat(i.length()).as("seed %d case %d", seed, n).isBetween(1, Math.min(15, limit - off));
                assertThat(i.toString()).isNotEmpty();
            } else {
                assertThat(d.error()).isNotNull();
                assertThat(d.errorLength()).isBetween(1, 15);
            }
        }
    }

    @Test
    void formsAreDenseAndNamed() {
        for (int id = 0; id < Forms.count(); id++) {
            OpForm f = Forms.byId(id);
            assertThat(f.id()).isEqualTo(id);
            assertThat(Forms.byName(f.name())).isSameAs(f);
        }
        assertThat(Forms.byName("ADD_Ev_Gv").lockable()).isTrue();
        assertThat(Forms.byName("ADD_Ev_Gv").writes(0)).isTrue();
        assertThat(Forms.byName("CMP_Ev_Gv").writes(0)).isFalse();
        assertThat(Forms.byName("XCHG_Ev_Gv").writes(1)).isTrue();
    }
}
