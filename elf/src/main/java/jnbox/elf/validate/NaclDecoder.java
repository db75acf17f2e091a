package jnbox.elf.validate;

import jnbox.emu.decode.DecodeError;
import jnbox.emu.decode.Decoder;
import jnbox.emu.decode.Forms;
import jnbox.emu.decode.OpForm;
import jnbox.emu.decode.OpMap;

/**
 * Decodes one instruction with the emulator's {@link Decoder} (the one opcode table) and applies
 * NaCl's prefix grammar on top (spec nacl-validator.md §5.2, §9): legacy prefixes in any order and
 * each at most once, never 67 or a segment override, then at most one REX, then the opcode; nothing
 * before VEX; 66/F0/2E/3E/F2/F3, REX.W and the VEX L/W/R/X/B bits only where the row gives them a
 * meaning. An instruction NaCl does not decode, or that does not fit before {@code limit}, is "no
 * transition" in NaCl's automaton: {@link #decode} returns false.
 */
final class NaclDecoder {
    // Legacy prefix bits.
    static final int P66 = 1, PF2 = 2, PF3 = 4, PF0 = 8, P2E = 16, P3E = 32;

    private static final OpForm NOP_90 = Forms.byName("NOP");
    private static final NaclForm XCHG_AX = NaclForm.of(Forms.byName("XCHG_Zv_rAX"));

    private final Decoder decoder = new Decoder();
    private final byte[] scratch = new byte[Decoder.MAX_LENGTH];

    /** Decodes at {@code pos}; instruction bytes must lie below {@code limit}. */
    boolean decode(byte[] c, int pos, int limit, Insn d) {
        jnbox.emu.decode.Insn in = decoder.decode(c, pos, limit, d.x);
        if (in == null) {
            if (decoder.error() != DecodeError.VEX_VVVV_NOT_1111) {
                return false;
            }
            in = decodeVvvvFree(c, pos, limit, d.x);
            if (in == null) {
                return false;
            }
        }
        NaclForm f = NaclForm.of(in.op());
        if (f == null) {
            return false;
        }
        boolean vex = in.isVex();
        int rex = in.rex();
        int pfx = 0;
        if (in.legacyPrefixCount() != 0 || in.hasIgnoredRex()) {
            // NaCl's prefix grammar: each legacy prefix at most once, never 67 or a segment override
            // (2e/3e are branch hints), REX last, nothing before VEX.
            if (vex || in.hasDuplicatePrefix() || in.hasIgnoredRex() || in.hasAddrSizePrefix()) {
                return false;
            }
            pfx = (in.hasOpSizePrefix() ? P66 : 0) | (in.lock() ? PF0 : 0) | (in.rep() ? PF3 : 0)
                    | (in.repne() ? PF2 : 0);
            int seg = in.segment();
            if (seg == jnbox.emu.decode.Insn.CS) {
                pfx |= P2E;
            } else if (seg == jnbox.emu.decode.Insn.DS) {
                pfx |= P3E;
            } else if (seg != jnbox.emu.decode.Insn.SEG_NONE) {
                return false;
            }
            if (Integer.bitCount(pfx) != in.legacyPrefixCount()) {
                return false; // both 2e and 3e, or a segment override behind fs/gs
            }
        }
        int m = in.modrm();
        d.start = pos;
        d.length = in.length();
        boolean mem = m >= 0 && m < 0xc0;
        boolean rip = false;
        int dispBytes = 0;
        if (mem) {
            rip = (m & 0xc7) == 5;
            d.base = rip ? Insn.RIP : in.baseReg();
            dispBytes = in.dispSize();
        }
        d.dispPos = in.op().map() == OpMap.MAP_3DNOW ? pos + d.length : pos + d.length - in.immSize() - dispBytes;
        if (f.op == NOP_90 && (rex != 0 && rex != 0x48 || pfx != 0)) {
            f = XCHG_AX; // NaCl's nop row is norex: 40 90, 66 90 ... are xchg (48 90 is a listed nop)
        }
        d.form = f;
        d.data16 = false;
        if (f.memoryOnly && !mem) {
            return false;
        }
        if (vex ? !vexAllowed(f, in, mem, rip) : !prefixesAllowed(f, d, in, rex, mem, pfx)) {
            return false;
        }
        if (f.is4 && (c[pos + d.length - 1] & 0x0f) != 0) {
            return false; // is4: bits 3..0 must be zero (spec §9)
        }
        return true;
    }

    /**
     * A few VEX rows accept any vvvv in NaCl though the CPU requires 1111 ({@link NaclPolicy#vvvvFree}):
     * decodes a copy with vvvv = 1111 (vvvv does not change the length) and keeps it for those rows.
     */
    private jnbox.emu.decode.Insn decodeVvvvFree(byte[] c, int pos, int limit, jnbox.emu.decode.Insn into) {
        int n = Math.min(limit - pos, Decoder.MAX_LENGTH);
        System.arraycopy(c, pos, scratch, 0, n);
        int at = (scratch[0] & 0xff) == 0xc5 ? 1 : 2;
        scratch[at] |= 0x78; // inverted vvvv bits 6..3 all ones
        jnbox.emu.decode.Insn in = decoder.decode(scratch, 0, n, into);
        return in != null && NaclPolicy.vvvvFree(in.op()) ? in : null;
    }

    private static boolean prefixesAllowed(NaclForm f, Insn d, jnbox.emu.decode.Insn in, int rex, boolean mem,
            int pfx) {
        int rest = pfx;
        boolean data16 = false;
        if (f.mandatoryBit != 0) {
            if ((pfx & f.mandatoryBit) == 0) {
                return false;
            }
            rest &= ~f.mandatoryBit;
        }
        if (rest != 0) {
            if ((rest & P66) != 0) {
                if (!f.allowsData16) {
                    return false;
                }
                rest &= ~P66;
                data16 = true;
            }
            if ((rest & PF0) != 0) {
                if (!f.lock || !mem) {
                    return false;
                }
                rest &= ~PF0;
            }
            int hints = rest & (P2E | P3E);
            if (hints != 0) {
                if (!f.hint || hints == (P2E | P3E)) {
                    return false;
                }
                rest &= ~hints;
            }
            if (rest != 0) {
                return false; // stray f2/f3 (rep only in string superinstructions)
            }
        }
        if (rex != 0) {
            boolean w = in.rexW();
            if (f.noRex) {
                return false;
            }
            if (f.rexW == 1 && !w || f.rexW == 0 && w) {
                return false;
            }
            if (w && (data16 && f.sizeVariable || f.sizeVariable && !f.allowsW64)) {
                return false; // 66 with REX.W on a size-variable instruction, or W without a 64-bit form
            }
        } else if (f.rexW == 1) {
            return false;
        }
        d.data16 = data16;
        return true;
    }

    private static boolean vexAllowed(NaclForm f, jnbox.emu.decode.Insn in, boolean mem, boolean rip) {
        if (f.vexL >= 0 && in.vexL() != f.vexL) {
            return false;
        }
        if (f.vexW >= 0 && in.vexW() != f.vexW) {
            return false;
        }
        // Validator policy (spec §9): bits with no effect must hold their "unused" value.
        if (!f.regFieldIsOperand && in.rexR()) {
            return false;
        }
        boolean sib = mem && in.hasSib();
        if (!sib && in.rexX()) {
            return false;
        }
        boolean sibNoBase = sib && in.baseReg() < 0;
        boolean bMatters = in.modrm() >= 0 && (!mem || !(rip || sibNoBase));
        return bMatters || !in.rexB();
    }
}
