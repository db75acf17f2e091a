package jnbox.elf.validate;

/**
 * Decodes one instruction against the validator's table ({@link FormTable}) with NaCl's prefix
 * grammar (spec nacl-validator.md §5.2, §9): legacy prefixes in any order and each at most once,
 * then at most one REX, then the opcode; no prefix at all before VEX. An instruction that no
 * accepted form matches, or that does not fit before {@code limit}, is "no transition" in NaCl's
 * automaton: {@link #decode} returns false.
 */
final class InsnDecoder {
    private final FormTable table;

    InsnDecoder(FormTable table) {
        this.table = table;
    }

    private static final byte[] PREFIX_BIT = new byte[256];

    static {
        PREFIX_BIT[0x66] = Insn.P66;
        PREFIX_BIT[0xf2] = Insn.PF2;
        PREFIX_BIT[0xf3] = Insn.PF3;
        PREFIX_BIT[0xf0] = Insn.PF0;
        PREFIX_BIT[0x2e] = Insn.P2E;
        PREFIX_BIT[0x3e] = Insn.P3E;
        PREFIX_BIT[0x67] = Insn.P67;
        PREFIX_BIT[0x26] = (byte) Insn.PSEG;
        PREFIX_BIT[0x36] = (byte) Insn.PSEG;
        PREFIX_BIT[0x64] = (byte) Insn.PSEG;
        PREFIX_BIT[0x65] = (byte) Insn.PSEG;
    }

    private static int prefixBit(int b) {
        return PREFIX_BIT[b] & 0xff;
    }

    /** Decodes at {@code pos}; instruction bytes must lie below {@code limit}. */
    boolean decode(byte[] c, int pos, int limit, Insn d) {
        // Fields read only for VEX forms or memory operands are set on those paths.
        d.start = pos;
        d.rex = 0;
        d.vex = false;
        d.extR = d.extX = d.extB = 0;
        d.w = false;
        d.vexL = 0;
        d.modrm = -1;
        int p = pos;
        int pfx = 0;
        int b;
        while (true) {
            if (p >= limit) {
                return false;
            }
            b = c[p] & 0xff;
            int bit = prefixBit(b);
            if (bit == 0) {
                break;
            }
            if ((pfx & bit) != 0 || (bit == Insn.PSEG && (pfx & Insn.PSEG) != 0)) {
                return false; // repeated prefix
            }
            pfx |= bit;
            p++;
        }
        if ((pfx & (Insn.P67 | Insn.PSEG)) != 0) {
            return false; // never accepted (spec §5.2)
        }
        d.prefixes = pfx;
        int map;
        int vexPP = 0;
        if ((b & 0xf0) == 0x40) {
            d.rex = b;
            d.w = (b & 8) != 0;
            d.extR = (b & 4) << 1;
            d.extX = (b & 2) << 2;
            d.extB = (b & 1) << 3;
            if (++p >= limit) {
                return false;
            }
            b = c[p] & 0xff;
            if (prefixBit(b) != 0 || (b & 0xf0) == 0x40) {
                return false; // REX must be last, and only one
            }
        }
        if (b == 0xc4 || b == 0xc5) {
            if (pfx != 0 || d.rex != 0) {
                return false; // nothing may precede VEX
            }
            d.vex = true;
            if (b == 0xc5) {
                if (p + 1 >= limit) {
                    return false;
                }
                int v1 = c[p + 1] & 0xff;
                d.extR = (~v1 & 0x80) >>> 4;
                d.vvvv = (~v1 >>> 3) & 0xf;
                d.vexL = (v1 >>> 2) & 1;
                vexPP = v1 & 3;
                map = Form.VEX_0F;
                p += 2;
            } else {
                if (p + 2 >= limit) {
                    return false;
                }
                int v1 = c[p + 1] & 0xff;
                int v2 = c[p + 2] & 0xff;
                d.extR = (~v1 & 0x80) >>> 4;
                d.extX = (~v1 & 0x40) >>> 3;
                d.extB = (~v1 & 0x20) >>> 2;
                int mmmmm = v1 & 0x1f;
                if (mmmmm < 1 || mmmmm > 3) {
                    return false;
                }
                map = Form.VEX_0F + mmmmm - 1;
                d.w = (v2 & 0x80) != 0;
                d.vvvv = (~v2 >>> 3) & 0xf;
                d.vexL = (v2 >>> 2) & 1;
                vexPP = v2 & 3;
                p += 3;
            }
            if (p >= limit) {
                return false;
            }
            b = c[p] & 0xff;
        } else if (b == 0x0f) {
            if (++p >= limit) {
                return false;
            }
            b = c[p] & 0xff;
            if (b == 0x38 || b == 0x3a) {
                map = b == 0x38 ? Form.MAP_0F38 : Form.MAP_0F3A;
                if (++p >= limit) {
                    return false;
                }
                b = c[p] & 0xff;
            } else if (b == 0x0f) {
                map = Form.MAP_3DNOW;
            } else {
                map = Form.MAP_0F;
            }
        } else {
            map = Form.MAP_1B;
        }
        d.opcodePos = p;
        d.opcodeLow3 = b & 7;
        int kind = table.kind(map, b);
        if (kind == FormTable.NO_FORMS) {
            return false;
        }
        Form[] cands;
        p++;
        boolean ripRel = false, sibNoBase = false;
        if (kind == FormTable.HAS_MODRM) {
            if (p >= limit) {
                return false;
            }
            int m = c[p++] & 0xff;
            d.modrm = m;
            d.mod = m >>> 6;
            d.reg = (m >>> 3) & 7;
            d.rm = m & 7;
            cands = table.lookup(map, b, d.reg);
            if (d.mod != 3) {
                int disp = d.mod == 1 ? 1 : d.mod == 2 ? 4 : 0;
                d.hasSib = false;
                d.index = Insn.NO_REG;
                if (d.rm == 4) {
                    if (p >= limit) {
                        return false;
                    }
                    int sib = c[p++] & 0xff;
                    d.hasSib = true;
                    int idx = ((sib >>> 3) & 7) | d.extX;
                    d.index = idx == 4 ? Insn.NO_REG : idx;
                    if ((sib & 7) == 5 && d.mod == 0) {
                        d.base = Insn.NO_REG;
                        sibNoBase = true;
                        disp = 4;
                    } else {
                        d.base = (sib & 7) | d.extB;
                    }
                } else if (d.rm == 5 && d.mod == 0) {
                    d.base = Insn.RIP;
                    ripRel = true;
                    disp = 4;
                } else {
                    d.base = d.rm | d.extB;
                }
                d.dispPos = p;
                p += disp;
            } else {
                d.dispPos = p;
            }
        } else {
            d.dispPos = p;
            cands = table.lookup(map, b);
        }
        int suffix = -1;
        if (map == Form.MAP_3DNOW) {
            if (p >= limit) {
                return false;
            }
            suffix = c[p++] & 0xff;
            d.dispPos = p; // the suffix is part of the opcode, not a modifiable field
        }
        for (Form f : cands) {
            if (matches(f, d, pfx, vexPP, ripRel, sibNoBase, suffix)) {
                int end = p + f.fixedImmBytes;
                if (f.zImms != 0) {
                    end += f.zImms * (d.data16 ? 2 : 4);
                }
                if (f.vImm) {
                    end += d.w ? 8 : d.data16 ? 2 : 4;
                }
                if (end > limit) {
                    return false;
                }
                if (f.lastIsIs4 && (c[end - 1] & 0x0f) != 0) {
                    continue; // is4: bits 3..0 must be zero (spec §9)
                }
                d.form = f;
                d.relSize = f.rel;
                d.length = end - d.start;
                return true;
            }
        }
        return false;
    }

    /** Whether form f accepts the decoded instruction; the common unprefixed case stays small. */
    private static boolean matches(Form f, Insn d, int pfx, int vexPP, boolean ripRel,
            boolean sibNoBase, int suffix) {
        if (f.fixedModrm >= 0 && d.modrm != f.fixedModrm
                || f.rmKind == Form.RM_MEM && d.mod == 3 || f.rmKind == Form.RM_REG && d.mod != 3
                || f.suffix != suffix) {
            return false;
        }
        if (f.map >= Form.VEX_0F || d.vex) {
            return f.map >= Form.VEX_0F && d.vex && matchesVex(f, d, vexPP, ripRel, sibNoBase);
        }
        if (pfx == 0 && d.rex == 0) {
            if (!f.plainOk || f.notNop && d.opcodeLow3 == 0) {
                return false;
            }
            d.data16 = false;
            return true;
        }
        return matchesPrefixed(f, d, pfx);
    }

    private static boolean matchesPrefixed(Form f, Insn d, int pfx) {
        // Legacy prefixes: the mandatory one, then what the form allows as optional.
        int rest = pfx;
        boolean w = d.w;
        boolean data16 = false;
        if (rest == 0) {
            if (f.mandatoryBit != 0 || f.o16) {
                return false;
            }
        } else {
            if (f.mandatoryBit != 0) {
                if ((pfx & f.mandatoryBit) == 0) {
                    return false;
                }
                rest &= ~f.mandatoryBit;
            }
            if (f.o16) {
                if ((rest & Insn.P66) == 0) {
                    return false;
                }
                rest &= ~Insn.P66;
                data16 = true;
            } else if ((rest & Insn.P66) != 0) {
                if (!f.allowsData16) {
                    return false;
                }
                rest &= ~Insn.P66;
                data16 = true;
            }
            if ((rest & Insn.PF0) != 0) {
                if (!f.lock || d.modrm < 0 || d.mod == 3) {
                    return false;
                }
                rest &= ~Insn.PF0;
            }
            int hints = rest & (Insn.P2E | Insn.P3E);
            if (hints != 0) {
                if (!f.hint || hints == (Insn.P2E | Insn.P3E)) {
                    return false;
                }
                rest &= ~hints;
            }
            if (rest != 0) {
                return false; // stray f2/f3 (rep only in string superinstructions)
            }
        }
        // REX.
        if (d.rex != 0) {
            if (f.noRex) {
                return false;
            }
            if (f.rexW == 1 && !w || f.rexW == 0 && w) {
                return false;
            }
            if (w && (f.o16 || data16 && f.sizeVariable || f.sizeVariable && !f.allowsW64)) {
                return false; // 66 with REX.W on a size-variable instruction, or W without a 64-bit form
            }
        } else if (f.rexW == 1) {
            return false;
        }
        if (f.notNop && d.opcodeLow3 == 0 && pfx == 0 && (d.rex == 0 || d.rex == 0x48)) {
            return false;
        }
        d.data16 = data16;
        return true;
    }

    private static boolean matchesVex(Form f, Insn d, int vexPP, boolean ripRel, boolean sibNoBase) {
        int pp = switch (f.mandatory) {
            case 0x66 -> 1;
            case 0xf3 -> 2;
            case 0xf2 -> 3;
            default -> 0;
        };
        if (pp != vexPP) {
            return false;
        }
        if (f.vexL >= 0 && d.vexL != f.vexL) {
            return false;
        }
        if (f.vexW >= 0 && (d.w ? 1 : 0) != f.vexW) {
            return false;
        }
        // Validator policy (spec §9): bits with no effect must hold their "unused" value.
        if (!f.vexUsesVvvv && d.vvvv != 0) {
            return false;
        }
        if (!f.regFieldIsOperand && d.extR != 0) {
            return false;
        }
        boolean xMatters = d.modrm >= 0 && d.mod != 3 && d.hasSib;
        if (!xMatters && d.extX != 0) {
            return false;
        }
        boolean bMatters = d.modrm >= 0 && (d.mod == 3 || !(ripRel || sibNoBase));
        if (!bMatters && d.extB != 0) {
            return false;
        }
        d.data16 = false;
        return true;
    }
}
