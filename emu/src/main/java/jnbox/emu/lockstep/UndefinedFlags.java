package jnbox.emu.lockstep;

import static jnbox.emu.semantics.Flags.AF;
import static jnbox.emu.semantics.Flags.ARITH;
import static jnbox.emu.semantics.Flags.CF;
import static jnbox.emu.semantics.Flags.OF;
import static jnbox.emu.semantics.Flags.PF;
import static jnbox.emu.semantics.Flags.SF;
import static jnbox.emu.semantics.Flags.ZF;

import jnbox.emu.cpu.CpuState;
import jnbox.emu.decode.Insn;
import jnbox.emu.decode.Operand;

/**
 * The arithmetic flags an instruction leaves architecturally undefined, given the state it runs
 * from (the count of a shift decides): the "Flags Affected" section of each instruction in
 * Intel SDM vol. 2 (AMD APM vol. 3 agrees for these). The lockstep comparison ignores them, and
 * the runner copies the interpreter's choice into the other engine so they never propagate.
 */
public final class UndefinedFlags {
    private UndefinedFlags() {}

    public static long of(Insn in, CpuState before) {
        int n = in.operandSize();
        return switch (in.mnemonic()) {
            // AND/OR/XOR/TEST: "The state of the AF flag is undefined."
            case AND, OR, XOR, TEST -> AF;
            // SAL/SAR/SHL/SHR: count 0 changes nothing; AF undefined; OF undefined unless the count is 1;
            // CF undefined for SHL/SHR when the count is at least the operand width.
            case SHL, SHR, SAR -> {
                int c = count(in, before);
                if (c == 0) yield 0;
                yield AF | (c != 1 ? OF : 0) | (c >= n * 8 && in.mnemonic() != jnbox.emu.decode.Mnemonic.SAR ? CF : 0);
            }
            // RCL/RCR/ROL/ROR: OF defined only for 1-bit rotates; a masked count of 0 changes nothing.
            case ROL, ROR, RCL, RCR -> {
                int c = count(in, before);
                yield c == 0 || c == 1 ? 0 : OF;
            }
            // SHLD/SHRD: count above the width: result and flags undefined (the generator avoids it).
            case SHLD, SHRD -> {
                int c = count(in, before);
                if (c == 0) yield 0;
                if (c > n * 8) yield ARITH;
                yield AF | (c != 1 ? OF : 0);
            }
            // MUL/IMUL: "The SF, ZF, AF, and PF flags are undefined."
            case MUL, IMUL -> SF | ZF | AF | PF;
            // DIV/IDIV: "The CF, OF, SF, ZF, AF, and PF flags are undefined."
            case DIV, IDIV -> ARITH;
            // BT/BTS/BTR/BTC: "The ZF flag is unaffected. The OF, SF, AF, and PF flags are undefined."
            case BT, BTS, BTR, BTC -> OF | SF | AF | PF;
            // BSF/BSR: "The CF, OF, SF, AF, and PF flags are undefined."
            case BSF, BSR -> CF | OF | SF | AF | PF;
            // LZCNT/TZCNT: "The OF, SF, PF and AF flags are undefined."
            case LZCNT, TZCNT -> OF | SF | AF | PF;
            default -> 0;
        };
    }

    /** The masked count of a shift or rotate: 5 bits, 6 with a 64-bit operand. */
    static int count(Insn in, CpuState before) {
        int raw = 1;
        for (int i = 1; i < in.op().operandCount(); i++) {
            Operand o = in.op().operand(i);
            if (o.kind() == Operand.Kind.I) raw = (int) (in.imm() & 0xFF);
            else if (o.kind() == Operand.Kind.REG && o.fixedReg() == 1 && o.size() == Operand.Size.B) raw = (int) (before.r[1] & 0xFF);
        }
        return raw & (in.operandSize() == 8 ? 63 : 31);
    }
}
