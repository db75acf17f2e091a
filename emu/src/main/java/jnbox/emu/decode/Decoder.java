package jnbox.emu.decode;

/**
 * Decodes x86-64 (64-bit mode) instructions from a byte array. One {@code Decoder} per thread:
 * it keeps the last failure in fields so that a failed decode allocates nothing. A successful
 * decode allocates exactly one {@link Insn}.
 *
 * <p>Decoding follows the hardware (SDM vol. 2 ch. 2): prefixes in any order (a REX not
 * immediately before the opcode is ignored), VEX {@code C4}/{@code C5} (always VEX in 64-bit
 * mode), map escapes, ModRM/SIB/displacement, then immediates sized by the matched form. Policy
 * checks (NaCl's prefix rules, CPU features) are left to the caller, using the attributes of
 * {@link Insn#op()}.
 */
public final class Decoder {
    /** Architectural maximum instruction length (SDM vol. 2 §2.3.11). */
    public static final int MAX_LENGTH = 15;

    private static final int MAP_STRIDE = 256;
    /** Legacy prefixes (SDM vol. 2 §2.1.1) and REX (§2.2.1). */
    private static final boolean[] PREFIX_OR_REX = new boolean[256];

    static {
        for (int b : new int[] {0x66, 0x67, 0xF0, 0xF2, 0xF3, 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65}) PREFIX_OR_REX[b] = true;
        for (int b = 0x40; b <= 0x4F; b++) PREFIX_OR_REX[b] = true;
    }

    private final Forms table = Forms.table();
    private final OpForm[][] slots = table.slots;
    private final byte[] slotKind = table.slotKind;
    private final OpForm[][] slotsByReg = table.slotsByReg;

    private DecodeError error;
    private int errorLength;

    /** The reason the last {@link #decode} returned null. */
    public DecodeError error() { return error; }

    /** How many bytes the last failed decode had examined (at least 1). */
    public int errorLength() { return errorLength; }

    /**
     * Decodes one instruction at {@code buf[off]}, reading no byte at or beyond {@code limit}
     * (exclusive end index). Returns null on failure; then {@link #error()} says why. Never throws
     * on any byte content (throws only if {@code off}/{@code limit} are outside the array).
     */
    public Insn decode(byte[] buf, int off, int limit) {
        return decode(buf, off, limit, null);
    }

    /**
     * Like {@link #decode(byte[], int, int)}, but fills {@code into} (when not null) instead of
     * allocating: for loops that look at each instruction once (the validator). Returns
     * {@code into}, or null on failure (then {@code into} keeps its previous contents).
     */
    public Insn decode(byte[] buf, int off, int limit, Insn into) {
        if (limit > buf.length) limit = buf.length;
        final int max = Math.min(limit, off + MAX_LENGTH);
        int p = off;
        int pfx = 0, seg = Insn.SEG_NONE, rex = 0, lastRep = 0, legacy = 0, seen = 0;
        int c;
        // Legacy prefixes and REX (SDM vol. 2 §2.1.1, §2.2.1).
        if (p >= max) return fail(DecodeError.TRUNCATED, 1);
        c = buf[p] & 0xFF;
        // Most instructions start with their opcode: the prefix loop runs only when needed.
        if (PREFIX_OR_REX[c]) while (true) {
            if (p >= max) return fail(p >= off + MAX_LENGTH ? DecodeError.TOO_LONG : DecodeError.TRUNCATED, p - off + 1);
            c = buf[p] & 0xFF;
            int bit;
            switch (c) {
                case 0x66 -> { bit = 1; pfx |= Insn.P66; }
                case 0x67 -> { bit = 2; pfx |= Insn.P67; }
                case 0xF0 -> { bit = 4; pfx |= Insn.PLOCK; }
                case 0xF2 -> { bit = 8; pfx |= Insn.PREPNE; lastRep = 0xF2; }
                case 0xF3 -> { bit = 16; pfx |= Insn.PREP; lastRep = 0xF3; }
                // FS/GS dominate: ES/CS/SS/DS overrides are no-ops in 64-bit mode.
                case 0x26 -> { bit = 32; if (seg < Insn.FS) seg = Insn.ES; }
                case 0x2E -> { bit = 64; if (seg < Insn.FS) seg = Insn.CS; }
                case 0x36 -> { bit = 128; if (seg < Insn.FS) seg = Insn.SS; }
                case 0x3E -> { bit = 256; if (seg < Insn.FS) seg = Insn.DS; }
                case 0x64 -> { bit = 512; seg = Insn.FS; }
                case 0x65 -> { bit = 1024; seg = Insn.GS; }
                default -> bit = 0;
            }
            if (bit != 0) {
                if ((seen & bit) != 0) pfx |= Insn.PDUP;
                seen |= bit;
                legacy++;
                if (rex != 0) { pfx |= Insn.PREX_IGNORED; rex = 0; }
                p++;
            } else if ((c & 0xF0) == 0x40) {
                if (rex != 0) pfx |= Insn.PREX_IGNORED;
                rex = c;
                p++;
            } else {
                break;
            }
        }
        p++; // past c
        OpMap map;
        int vvvv = 0, vexL = 0, pp = 0, vexMap = 0;
        int cls;
        if (c == 0xC4 || c == 0xC5) {
            if ((pfx & (Insn.P66 | Insn.PLOCK | Insn.PREP | Insn.PREPNE)) != 0 || rex != 0) {
                return fail(DecodeError.PREFIX_BEFORE_VEX, p - off);
            }
            if (p >= max) return failEnd(p, off);
            int b1 = buf[p++] & 0xFF;
            int r = (~b1 >> 7 & 1) << 2;
            int wvvvvlpp;
            if (c == 0xC5) {
                pfx |= Insn.PVEX | Insn.PVEX2;
                vexMap = 1;
                wvvvvlpp = b1 & 0x7F;
            } else {
                pfx |= Insn.PVEX;
                r |= (~b1 >> 6 & 1) << 1 | (~b1 >> 5 & 1);
                vexMap = b1 & 0x1F;
                if (p >= max) return failEnd(p, off);
                wvvvvlpp = buf[p++] & 0xFF;
                if (vexMap < 1 || vexMap > 3) return fail(DecodeError.BAD_VEX_MAP, p - off);
            }
            rex = 0x40 | r | (wvvvvlpp >> 7 & 1) << 3;
            vvvv = ~wvvvvlpp >> 3 & 15;
            vexL = wvvvvlpp >> 2 & 1;
            pp = wvvvvlpp & 3;
            cls = pp; // pp 0/1/2/3 = none/66/F3/F2 = CLS_*
            map = vexMap == 1 ? OpMap.VEX_0F : vexMap == 2 ? OpMap.VEX_0F38 : OpMap.VEX_0F3A;
            if (p >= max) return failEnd(p, off);
            c = buf[p++] & 0xFF;
        } else {
            cls = lastRep == 0xF2 ? Forms.CLS_F2 : lastRep == 0xF3 ? Forms.CLS_F3
                    : (pfx & Insn.P66) != 0 ? Forms.CLS_66 : Forms.CLS_NONE;
            if (c == 0x0F) {
                if (p >= max) return failEnd(p, off);
                c = buf[p++] & 0xFF;
                if (c == 0x38 || c == 0x3A) {
                    map = c == 0x38 ? OpMap.MAP_0F38 : OpMap.MAP_0F3A;
                    if (p >= max) return failEnd(p, off);
                    c = buf[p++] & 0xFF;
                } else if (c == 0x0F) {
                    map = OpMap.MAP_3DNOW;
                } else {
                    map = OpMap.MAP_0F;
                }
            } else {
                map = OpMap.ONE_BYTE;
                if (c == 0x8F && p < max && (buf[p] >> 3 & 7) != 0) return fail(DecodeError.XOP, p - off);
            }
        }
        int slot = map.ordinal() * MAP_STRIDE + c;
        byte kind = map == OpMap.MAP_3DNOW ? Forms.SLOT_MODRM : slotKind[slot];
        if (kind == Forms.SLOT_EMPTY) return fail(DecodeError.UNDEFINED, p - off);
        int modrm = -1, sib = -1, base = -1, index = -1, scale = 0, dispSize = 0;
        long disp = 0;
        int key = (rex & 8) << (Forms.K_W - 3) | vexL << Forms.K_L | (rex & 1) << Forms.K_REXB | cls << Forms.K_CLS;
        if (kind >= Forms.SLOT_MODRM) {
            if (p >= max) return failEnd(p, off);
            modrm = buf[p++] & 0xFF;
            int mod = kind == Forms.SLOT_MODRM_REG ? 3 : modrm >> 6, rm = modrm & 7;
            key |= modrm & 0x3F;
            if (mod == 3) {
                key |= 1 << Forms.K_MOD3;
            } else {
                scale = 1;
                if (rm == 4) {
                    if (p >= max) return failEnd(p, off);
                    sib = buf[p++] & 0xFF;
                    int ix = (sib >> 3 & 7) | (rex & 2) << 2;
                    if (ix != 4) { index = ix; scale = 1 << (sib >> 6); }
                    int b = sib & 7;
                    if (b == 5 && mod == 0) { dispSize = 4; } else { base = b | (rex & 1) << 3; }
                } else if (rm == 5 && mod == 0) {
                    dispSize = 4; // rip-relative
                } else {
                    base = rm | (rex & 1) << 3;
                }
                if (mod == 1) dispSize = 1; else if (mod == 2) dispSize = 4;
                if (p + dispSize > max) return failEnd(max, off);
                if (dispSize == 1) disp = buf[p];
                else if (dispSize == 4) disp = readInt(buf, p);
                p += dispSize;
            }
        }
        if (map == OpMap.MAP_3DNOW) {
            if (p >= max) return failEnd(p, off);
            c = buf[p++] & 0xFF;
            slot = map.ordinal() * MAP_STRIDE + c;
        }
        // Rows narrowed by ModRM.reg (a /digit); 3DNow! rows are keyed by their suffix byte instead.
        OpForm[] cands = modrm >= 0 && map != OpMap.MAP_3DNOW ? slotsByReg[slot << 3 | (modrm >> 3 & 7)] : slots[slot];
        OpForm form = null;
        for (OpForm f : cands) {
            if ((key & f.keyMask) == f.keyValue) { form = f; break; }
        }
        if (form == null) return fail(DecodeError.UNDEFINED, p - off);
        if (form.vsib) {
            // SDM vol. 2 §2.3.12: without a SIB byte the instruction is #UD; index 4 is a register.
            if (sib < 0) return fail(DecodeError.UNDEFINED, p - off);
            index = (sib >> 3 & 7) | (rex & 2) << 2;
            scale = 1 << (sib >> 6);
            int dst = (modrm >> 3 & 7) | (rex & 4) << 1;
            if (dst == index || dst == vvvv || index == vvvv) return fail(DecodeError.UNDEFINED, p - off);
        }
        if ((pfx & Insn.PVEX) != 0 && vvvv != 0 && !form.usesVvvv()) {
            return fail(DecodeError.VEX_VVVV_NOT_1111, p - off);
        }
        // Operand size (SDM vol. 1 §3.6.1): REX.W beats 66; d64/f64 forms default to 64.
        int osz;
        boolean p66 = (pfx & Insn.P66) != 0 && form.mandatoryPrefix() != 0x66;
        if (form.forces64() || (rex & 8) != 0) osz = 8;
        else if (p66) osz = 2;
        else osz = form.defaultsTo64() ? 8 : 4;
        int asz = (pfx & Insn.P67) != 0 ? 4 : 8;
        // Immediates, in operand order.
        long imm = 0, imm2 = 0;
        int immBytes = 0, nImm = 0;
        byte[] immOps = form.immOps;
        for (int i = 0; i < immOps.length; i++) {
            byte k = immOps[i];
            if (k == OpForm.MOFFS) {
                if (p + asz > max) return failEnd(max, off);
                disp = asz == 8 ? readLong(buf, p) : readInt(buf, p) & 0xFFFF_FFFFL;
                dispSize = asz;
                scale = 1;
                p += asz;
                continue;
            }
            int sz = switch (k) {
                case OpForm.IMM_1 -> 1;
                case OpForm.IMM_2 -> 2;
                case OpForm.IMM_4 -> 4;
                case OpForm.IMM_8 -> 8;
                case OpForm.IMM_V -> osz;
                default -> osz == 2 ? 2 : 4; // IMM_Z, REL_Z (rel16 only for xbegin)
            };
            if (p + sz > max) return failEnd(max, off);
            long v = switch (sz) {
                case 1 -> buf[p];
                case 2 -> (short) ((buf[p] & 0xFF) | buf[p + 1] << 8);
                case 4 -> readInt(buf, p);
                default -> readLong(buf, p);
            };
            p += sz;
            immBytes += sz;
            if (nImm++ == 0) imm = v; else imm2 = sz == 1 ? v & 0xFF : v & 0xFFFF;
        }
        if (into != null) {
            return into.set(form, p - off, pfx, seg, legacy, rex, vvvv, vexL, pp, vexMap, modrm, sib, base,
                    index, scale, dispSize, disp, immBytes, imm, imm2, osz, asz, c);
        }
        return new Insn(form, p - off, pfx, seg, legacy, rex, vvvv, vexL, pp, vexMap, modrm, sib, base,
                index, scale, dispSize, disp, immBytes, imm, imm2, osz, asz, c);
    }

    private Insn failEnd(int p, int off) {
        return fail(p >= off + MAX_LENGTH ? DecodeError.TOO_LONG : DecodeError.TRUNCATED, Math.max(1, p - off));
    }

    private Insn fail(DecodeError e, int len) {
        error = e;
        errorLength = Math.max(1, Math.min(len, MAX_LENGTH));
        return null;
    }

    private static final java.lang.invoke.VarHandle LE_INT =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LE_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static int readInt(byte[] b, int p) {
        return (int) LE_INT.get(b, p);
    }

    private static long readLong(byte[] b, int p) {
        return (long) LE_LONG.get(b, p);
    }
}
