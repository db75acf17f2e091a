package jnbox.emu.lockstep;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.decode.Decoder;
import jnbox.emu.decode.Insn;
import jnbox.emu.decode.Mnemonic;
import jnbox.emu.decode.OpForm;
import jnbox.emu.decode.Operand;
import jnbox.emu.mem.SandboxMemory;

/**
 * Random instruction sequences that NaCl's validator accepts, built from the decoder's own table
 * ({@link InstructionPool}) and encoded here, valid by construction (spec nacl-validator.md):
 * no instruction crosses a 32-byte bundle; written general registers are never rsp, rbp or r15
 * (nor spl/bpl); memory operands are {@code disp32(%r15)}, {@code disp8(%rsp)},
 * {@code disp8(%rbp)} or {@code disp32(%r15,%idx,s)} right after a zero-extending
 * {@code and $mask,%idx32} in the same bundle, all landing in the data window. Every instruction
 * is decoded back and must give the intended form. The cli-side ValidatorAcceptsLockstepTest runs
 * jnbox's validator over generated sequences.
 *
 * <p>Tricky families get setups: shifts by CL get {@code mov $count,%ecx} with counts around
 * 0/1/width-1/width/width+1; divisions get a zero- or sign-extended dividend and sometimes a
 * divisor of 0, 1, -1 or the minimum (deliberate #DE faults, compared like any other stop);
 * XMM registers start with NaNs, infinities, denormals and the integer-conversion edges.
 */
public final class SequenceGenerator {
    private static final int BUNDLE = 32;
    private static final byte NOP = (byte) 0x90, HLT = (byte) 0xF4;
    /** General registers a generated instruction may write (never rsp, rbp, r15). */
    private static final int[] WRITABLE = {0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14};
    private static final int[] INDEX = WRITABLE;

    private final Random rnd;
    private final InstructionPool pool;
    /** Forms mixed into a VEX pool's sequences (1 in {@link #MIX_EVERY}), or null. */
    private final InstructionPool mix;
    private static final int MIX_EVERY = 5;
    private final Decoder decoder = new Decoder();
    private final Set<OpForm> misencoded = new HashSet<>();
    private final Set<OpForm> encoded = new HashSet<>();
    private long count;
    private final long seed;
    /** Optional validator check of each encoded group (setup + instruction), or null. */
    private java.util.function.Predicate<byte[]> groupCheck;
    private final Set<OpForm> rejected = new HashSet<>();

    public SequenceGenerator(long seed, InstructionPool pool) {
        this(seed, pool, null);
    }

    /**
     * A generator drawing from {@code pool}, and one instruction in {@link #MIX_EVERY} from {@code mix}
     * (null: none): VEX sequences mix in legacy SSE forms, which must keep the YMM upper halves.
     */
    public SequenceGenerator(long seed, InstructionPool pool, InstructionPool mix) {
        this.seed = seed;
        this.rnd = new Random(seed);
        this.pool = pool;
        this.mix = mix;
    }

    /**
     * Forms whose encodings never decoded back to themselves (should stay empty). Single misses
     * are aliases and are redrawn: {@code xchg %eax,%eax} is the {@code 90} nop.
     */
    public Set<OpForm> unencodable() {
        Set<OpForm> s = new HashSet<>(misencoded);
        s.removeAll(encoded);
        return s;
    }

    /**
     * Has every encoded group (setup instructions and the instruction, as bytes) checked by {@code check}
     * (a NaCl validator): a rejected group is redrawn and its form listed in {@link #rejectedByValidator}.
     * Catches rows the decoder table marks NaCl-accepted in encodings the validator refuses.
     */
    public void checkGroups(java.util.function.Predicate<byte[]> check) {
        this.groupCheck = check;
    }

    /** Forms with an encoding {@link #checkGroups the validator check} rejected (should stay empty). */
    public Set<OpForm> rejectedByValidator() {
        return rejected;
    }

    /** A sequence of {@code 8..16} chosen instructions (plus setups and padding), ending in hlt. */
    public Sequence next() {
        Code c = new Code();
        int n = 8 + rnd.nextInt(9);
        for (int i = 0; i < n; i++) {
            List<byte[]> group = null;
            boolean mixed = mix != null && !mix.forms().isEmpty() && rnd.nextInt(MIX_EVERY) == 0;
            for (int tries = 0; group == null && tries < 50; tries++) {
                OpForm f = mixed ? mix.pick(rnd) : pool.pick(rnd);
                // Mixed-in legacy forms are vector ones: they leave no undefined flags for a later instruction to read.
                if (!mixed || hasVectorOperand(f)) group = encode(f);
            }
            if (group != null) c.group(group);
        }
        c.group(List.of(new byte[] {HLT}));
        return new Sequence(seed * 1_000_003L + count++, c.bytes(), c.starts(), initialState(), initialData());
    }

    private static boolean hasVectorOperand(OpForm f) {
        for (Operand o : f.operands()) {
            if (o.kind() == Operand.Kind.V || o.kind() == Operand.Kind.W || o.kind() == Operand.Kind.U) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- code layout

    /** Code with NaCl's bundle rule: a group (setup + instruction) never crosses a bundle. */
    private static final class Code {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<Integer> starts = new ArrayList<>();

        void group(List<byte[]> insns) {
            int len = 0;
            for (byte[] b : insns) len += b.length;
            int pos = out.size();
            if (pos / BUNDLE != (pos + len - 1) / BUNDLE) {
                while (out.size() % BUNDLE != 0) one(new byte[] {NOP});
            }
            for (byte[] b : insns) one(b);
        }

        private void one(byte[] b) {
            starts.add(out.size());
            out.writeBytes(b);
        }

        byte[] bytes() { return out.toByteArray(); }

        int[] starts() { return starts.stream().mapToInt(Integer::intValue).toArray(); }
    }

    // ---------------------------------------------------------------- one instruction

    /** Per-instruction choices while encoding. */
    private final class Enc {
        final OpForm f;
        final List<byte[]> setup = new ArrayList<>();
        int osz = 4;
        boolean w, noRex, byteForm;
        int rexR, rexX, rexB;
        int reg = -1, mod = -1, rm = -1, sib = -1;
        byte[] disp = new byte[0];
        int opReg = -1;
        /** VEX: the vvvv register, the is4 register (imm8[7:4]), L; -1 when unused. */
        int vvvv = -1, is4 = -1, vexL;
        boolean memory, aligned, lock;
        /** The zero-extending and of the index register: must come right before the instruction. */
        byte[] indexSetup;
        final Set<Integer> used = new HashSet<>();

        Enc(OpForm f) { this.f = f; }
    }

    /** The setup instructions and the instruction for form {@code f}, or null if not encodable now. */
    List<byte[]> encode(OpForm f) {
        Enc e = new Enc(f);
        chooseSizes(e);
        boolean xmm = false;
        for (Operand o : f.operands()) {
            Operand.Kind k = o.kind();
            if (k == Operand.Kind.V || k == Operand.Kind.W || k == Operand.Kind.U) xmm = true;
        }
        e.aligned = xmm || f.isVex();
        Mnemonic m = f.mnemonic();
        // SDM BSWAP: "When the BSWAP instruction references a 16-bit register, the result is undefined."
        if (m == Mnemonic.BSWAP && e.osz == 2) return null;
        boolean division = m == Mnemonic.DIV || m == Mnemonic.IDIV;
        // NaCl's validator treats every register operand of xchg/xadd/cmpxchg as written.
        boolean allWritten = m == Mnemonic.XCHG || m == Mnemonic.XADD || m == Mnemonic.CMPXCHG;
        for (int i = 0; i < f.operandCount(); i++) {
            Operand o = f.operand(i);
            boolean written = f.writes(i) || allWritten;
            boolean byteOp = o.size() == Operand.Size.B && o.isGprKind();
            switch (o.kind()) {
                case G -> e.reg = gpr(e, written, byteOp);
                case V -> e.reg = xmmReg(e);
                case Z -> e.opReg = gpr(e, written, byteOp);
                case R -> { e.mod = 3; e.rm = gpr(e, written, byteOp); }
                case U -> { e.mod = 3; e.rm = xmmReg(e); }
                case M -> memory(e);
                case E -> {
                    if (!division && rnd.nextInt(10) < 3) memory(e);
                    else { e.mod = 3; e.rm = division ? divisor(e, byteOp) : gpr(e, written, byteOp); }
                }
                case W -> {
                    if (rnd.nextInt(10) < 3) memory(e);
                    else { e.mod = 3; e.rm = xmmReg(e); }
                }
                case H -> e.vvvv = xmmReg(e);
                case STI -> { e.mod = 3; e.rm = rnd.nextInt(8); }
                case P -> e.reg = rnd.nextInt(8);                       // MMX registers mm0-mm7 (no REX extension)
                case N -> { e.mod = 3; e.rm = rnd.nextInt(8); }
                case Q -> {
                    if (rnd.nextInt(10) < 3) memory(e);
                    else { e.mod = 3; e.rm = rnd.nextInt(8); }
                }
                case ST0 -> { }
                case L -> e.is4 = xmmReg(e);
                case REG, VREG, I, ONE -> { }
                default -> { return null; }
            }
            if (e.mod == -2) return null;
        }
        if (f.regExt() >= 0) e.reg = f.regExt();
        if (f.hasModrm() && f.fixedModrm() < 0 && e.reg < 0) e.reg = rnd.nextInt(8);
        e.lock = e.memory && f.lockable() && rnd.nextInt(5) == 0;
        specialSetups(e);
        byte[] insn = assemble(e);
        if (insn == null) return null;
        Insn d = decoder.decode(insn, 0, insn.length);
        if (d == null || d.op() != f || d.length() != insn.length) {
            misencoded.add(f);
            return null;
        }
        encoded.add(f);
        List<byte[]> group = new ArrayList<>(e.setup);
        if (e.indexSetup != null) group.add(e.indexSetup);
        group.add(insn);
        if (groupCheck != null) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (byte[] b : group) all.writeBytes(b);
            if (!groupCheck.test(all.toByteArray())) {
                synchronized (rejected) { rejected.add(f); }
                return null;
            }
        }
        return group;
    }

    private void chooseSizes(Enc e) {
        OpForm f = e.f;
        if (f.isVex()) {
            // VEX: W fixed by the row or chosen (W_SIZE: 32/64-bit GPR operand), L fixed or chosen (L_BOTH);
            // an ignored W or L is 0, as assemblers write it and as NaCl's validator requires (it rejects
            // e.g. vaddpd with W=1).
            e.w = f.vexW() == 1 || (f.vexW() == OpForm.W_SIZE && rnd.nextBoolean());
            e.vexL = f.vexL() == 1 || (f.vexL() == OpForm.L_BOTH && rnd.nextBoolean()) ? 1 : 0;
            e.osz = e.w && f.vexW() == OpForm.W_SIZE ? 8 : 4;
            return;
        }
        boolean vSized = false, ySized = false;
        for (Operand o : f.operands()) {
            if (!o.isGprKind() && o.kind() != Operand.Kind.I) continue;
            Operand.Size s = o.size();
            if (s == Operand.Size.V || s == Operand.Size.Z) vSized = true;
            if (s == Operand.Size.Y) ySized = true;
            if (s == Operand.Size.B && o.isGprKind()) e.byteForm = true;
        }
        if (f.rexW() == 1) e.w = true;
        if (vSized) {
            if (f.forces64() || f.defaultsTo64()) e.osz = 8;
            else {
                int r = rnd.nextInt(3);
                if (r == 0 && f.mandatoryPrefix() == OpForm.PFX_ANY && f.rexW() != 1) e.osz = 2;
                else if (r == 1 && f.rexW() != 0) e.osz = 8;
                else e.osz = f.rexW() == 1 ? 8 : 4;
            }
            if (e.osz == 8 && !(f.forces64() || f.defaultsTo64())) e.w = true;
        } else if (ySized && f.rexW() != 0 && rnd.nextBoolean()) {
            e.w = true;
        }
        e.noRex = e.byteForm && !e.w && rnd.nextBoolean();
    }

    /** A general register for an operand; written ones avoid rsp/rbp/r15 (and spl/bpl). */
    private int gpr(Enc e, boolean written, boolean byteOp) {
        if (e.noRex) {
            // Without REX, byte registers 4..7 are ah/ch/dh/bh: writable; otherwise 4/5 are rsp/rbp.
            while (true) {
                int r = rnd.nextInt(8);
                if (!written || byteOp || (r != 4 && r != 5)) return r;
            }
        }
        if (written) return WRITABLE[rnd.nextInt(WRITABLE.length)];
        return rnd.nextInt(16);
    }

    private int xmmReg(Enc e) {
        return rnd.nextInt(e.noRex ? 8 : 16);
    }

    /** The divisor register of div/idiv: never rax/rdx (or al/ah); sometimes loaded with an edge value. */
    private int divisor(Enc e, boolean byteOp) {
        int r;
        if (e.noRex) r = new int[] {1, 2, 3}[rnd.nextInt(3)];
        else {
            do r = WRITABLE[rnd.nextInt(WRITABLE.length)]; while (r == 0 || r == 2);
        }
        if (rnd.nextInt(10) < 3) {
            long[] edges = {0, 1, -1, 2, 0x80, 0x8000, 0x8000_0000L, 0x7FFF_FFFF, 3};
            long v = rnd.nextInt(4) == 0 ? rnd.nextInt(1000) : edges[rnd.nextInt(edges.length)];
            e.setup.add(movImm32(r, (int) v, e.osz == 8 && !byteOp));
        }
        return r;
    }

    /** A NaCl-sandboxed memory operand inside the data window; sets mod/rm/sib/disp and REX bits. */
    private void memory(Enc e) {
        e.memory = true;
        int choice = rnd.nextInt(10);
        if (e.noRex) choice = choice < 5 ? 5 : 7; // r15 needs REX.B: only rsp/rbp bases
        int align = e.aligned ? (e.f.isVex() ? 32 : 16) : 1;
        if (choice < 4) {
            // disp32(%r15)
            e.rexB = 1;
            e.mod = 2;
            e.rm = 7;
            int off = rnd.nextInt((Layout.R15_WINDOW - 32) / align) * align;
            e.disp = le32((int) (Layout.DATA + off));
        } else if (choice < 6) {
            // disp8(%rsp): SIB with no index
            e.mod = 1;
            e.rm = 4;
            e.sib = 0x24;
            e.disp = new byte[] {(byte) disp8(align)};
        } else if (choice < 8) {
            // disp8(%rbp)
            e.mod = 1;
            e.rm = 5;
            e.disp = new byte[] {(byte) disp8(align)};
        } else {
            // disp32(%r15,%idx,s) after "and $mask,%idx32" (NaCl: zero-extended by the previous instruction)
            int idx = INDEX[rnd.nextInt(INDEX.length)];
            int s = rnd.nextInt(4);
            int mask = (0x7F0 >> s) & ~(align > 16 ? 0x1F : 0xF);
            e.indexSetup = andImm32(idx, mask);
            e.rexB = 1;
            e.rexX = idx >> 3;
            e.mod = 2;
            e.rm = 4;
            e.sib = s << 6 | (idx & 7) << 3 | 7;
            int off = rnd.nextInt((0x800 - 32) / align) * align;
            e.disp = le32((int) (Layout.DATA + off));
        }
    }

    private int disp8(int align) {
        return (rnd.nextInt(256 - 32) - 128) / align * align;
    }

    /** mov $count,%ecx before shifts by CL; counts for 16-bit shld/shrd stay within 16 (else undefined). */
    private void specialSetups(Enc e) {
        OpForm f = e.f;
        boolean byCl = false;
        for (Operand o : f.operands()) if (o.kind() == Operand.Kind.REG && o.fixedReg() == 1 && o.size() == Operand.Size.B) byCl = true;
        if (byCl && rnd.nextInt(4) != 0) {
            int c = shiftCount();
            if (isDoubleShift(f) && e.osz == 2) c = rnd.nextInt(17);
            e.setup.add(movImm32(1, c, false));
        }
        Mnemonic m = f.mnemonic();
        if (!f.isVex() && m.name().startsWith("PCMPESTR")) {
            // Explicit lengths in eax/edx, set right before (same bundle): Unicorn 2.0.1 takes abs() of the
            // 32-bit value, and 0x80000000 (whose abs overflows) makes it index out of bounds and crash the JVM
            // (SIGSEGV in libunicorn). Lengths around 0, the element counts 8/16, negatives, large values.
            int[] lengths = {0, 1, 2, 7, 8, 9, 15, 16, 17, -1, -8, -16, -17, 0x7FFF_FFFF, 0x8000_0001, 100};
            e.setup.add(movImm32(0, rnd.nextInt(3) == 0 ? rnd.nextInt(40) - 20 : lengths[rnd.nextInt(lengths.length)], false));
            e.setup.add(movImm32(2, rnd.nextInt(3) == 0 ? rnd.nextInt(40) - 20 : lengths[rnd.nextInt(lengths.length)], false));
        }
        if (m == Mnemonic.DIV || m == Mnemonic.IDIV) {
            boolean s = m == Mnemonic.IDIV;
            int size = e.byteForm ? 1 : e.osz;
            byte[] ext = switch (size) {
                case 1 -> s ? new byte[] {0x66, (byte) 0x98} : new byte[] {0x0F, (byte) 0xB6, (byte) 0xC0};
                case 2 -> s ? new byte[] {0x66, (byte) 0x99} : new byte[] {0x31, (byte) 0xD2};
                case 4 -> s ? new byte[] {(byte) 0x99} : new byte[] {0x31, (byte) 0xD2};
                default -> s ? new byte[] {0x48, (byte) 0x99} : new byte[] {0x31, (byte) 0xD2};
            };
            // rarely a deliberate quotient overflow (#DE): rdx = 1 instead of the extension. Never a random
            // rdx: Unicorn 2.0.1 computes idiv r/m16/32 with the host's idiv, so edx:eax = 0x80000000:0 by
            // -1 traps in libunicorn and kills the JVM (hs_err: helper_idivl_EAX_x86_64).
            e.setup.add(rnd.nextInt(20) != 0 || size == 1 ? ext : movImm32(2, 1, false));
        }
    }

    private static boolean isDoubleShift(OpForm f) {
        return f.mnemonic() == Mnemonic.SHLD || f.mnemonic() == Mnemonic.SHRD;
    }

    private int shiftCount() {
        int[] edges = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 255};
        return rnd.nextInt(3) == 0 ? rnd.nextInt(256) : edges[rnd.nextInt(edges.length)];
    }

    private byte[] assemble(Enc e) {
        OpForm f = e.f;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (f.isVex()) {
            if (!vexPrefix(e, b)) return null;
        } else if (!legacyPrefixes(e, b)) {
            return null;
        }
        b.write(f.opcodeReg() ? f.opcode() | (e.opReg & 7) : f.opcode());
        if (f.fixedModrm() >= 0) {
            b.write(f.fixedModrm());
        } else if (f.hasModrm()) {
            int mod = e.mod;
            if (mod < 0) return null;
            b.write(mod << 6 | (e.reg & 7) << 3 | (e.rm & 7));
            if (e.sib >= 0) b.write(e.sib);
            b.writeBytes(e.disp);
        }
        for (Operand o : f.operands()) {
            if (o.kind() == Operand.Kind.L) {
                b.write(e.is4 << 4); // SDM vol. 2 2.3.9: imm8[7:4] names the register, [3:0] are ignored
                continue;
            }
            if (o.kind() != Operand.Kind.I) continue;
            int n = switch (o.size()) {
                case B -> 1;
                case W -> 2;
                case Z -> e.osz == 2 ? 2 : 4;
                case V -> e.osz;
                case Q -> 8;
                default -> 4;
            };
            long v = immediate(f, e, n);
            for (int i = 0; i < n; i++) b.write((int) (v >>> (8 * i)));
        }
        return b.toByteArray();
    }

    /**
     * The VEX prefix (SDM vol. 2 2.3.5): the 2-byte form C5 when it can say everything (map 0F, W=0,
     * no X/B extension; chosen half the time), else the 3-byte form C4; R, X, B and vvvv inverted.
     */
    private boolean vexPrefix(Enc e, ByteArrayOutputStream b) {
        OpForm f = e.f;
        if (e.lock) return false;
        int reg = e.reg, rm = e.rm;
        if (e.mod == 3 && rm >= 8) e.rexB = 1;
        if (reg >= 8) e.rexR = 1;
        int mmmmm = switch (f.map()) {
            case VEX_0F -> 1;
            case VEX_0F38 -> 2;
            case VEX_0F3A -> 3;
            default -> -1;
        };
        if (mmmmm < 0) return false;
        int pp = switch (f.mandatoryPrefix()) {
            case 0x66 -> 1;
            case 0xF3 -> 2;
            case 0xF2 -> 3;
            default -> 0;
        };
        int v = e.vvvv < 0 ? 15 : e.vvvv;
        int tail = (~v & 15) << 3 | e.vexL << 2 | pp;
        if (mmmmm == 1 && !e.w && e.rexX == 0 && e.rexB == 0 && rnd.nextBoolean()) {
            b.write(0xC5);
            b.write((e.rexR ^ 1) << 7 | tail);
        } else {
            b.write(0xC4);
            b.write((e.rexR ^ 1) << 7 | (e.rexX ^ 1) << 6 | (e.rexB ^ 1) << 5 | mmmmm);
            b.write((e.w ? 0x80 : 0) | tail);
        }
        return true;
    }

    /** Lock, operand-size and mandatory prefixes, REX and the escape bytes of a legacy encoding. */
    private boolean legacyPrefixes(Enc e, ByteArrayOutputStream b) {
        OpForm f = e.f;
        if (e.lock) b.write(0xF0);
        if (e.osz == 2 && f.mandatoryPrefix() == OpForm.PFX_ANY && !e.byteForm) b.write(0x66);
        if (f.mandatoryPrefix() > 0) b.write(f.mandatoryPrefix());
        int reg = e.reg, rm = e.rm, opReg = e.opReg;
        if (e.mod == 3 && rm >= 8) e.rexB = 1;
        if (reg >= 8) e.rexR = 1;
        if (opReg >= 8) e.rexB = 1;
        int rex = (e.w ? 8 : 0) | e.rexR << 2 | e.rexX << 1 | e.rexB;
        if (e.noRex && rex != 0) return false;
        if (rex != 0 || (e.byteForm && !e.noRex)) b.write(0x40 | rex);
        switch (f.map()) {
            case ONE_BYTE -> { }
            case MAP_0F -> b.write(0x0F);
            case MAP_0F38 -> { b.write(0x0F); b.write(0x38); }
            case MAP_0F3A -> { b.write(0x0F); b.write(0x3A); }
            default -> { return false; }
        }
        return true;
    }

    private long immediate(OpForm f, Enc e, int n) {
        Mnemonic m = f.mnemonic();
        if (n == 1 && Families.isShiftOrRotate(m)) {
            int c = shiftCount();
            if (isDoubleShift(f) && e.osz == 2) c = rnd.nextInt(17);
            return c;
        }
        return rnd.nextBoolean() ? rnd.nextLong() : Values.intEdge(rnd);
    }

    private static byte[] movImm32(int r, int v, boolean w64) {
        // mov $v,%r32 (B8+r id) or REX.W C7 /0 id (sign-extended to 64 bits)
        if (w64) {
            return new byte[] {(byte) (0x48 | r >> 3), (byte) 0xC7, (byte) (0xC0 | (r & 7)),
                    (byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
        }
        byte[] imm = le32(v);
        if (r >= 8) return new byte[] {0x41, (byte) (0xB8 | (r & 7)), imm[0], imm[1], imm[2], imm[3]};
        return new byte[] {(byte) (0xB8 | r), imm[0], imm[1], imm[2], imm[3]};
    }

    private static byte[] andImm32(int r, int mask) {
        byte[] imm = le32(mask);
        byte modrm = (byte) (0xC0 | 4 << 3 | (r & 7));
        if (r >= 8) return new byte[] {0x41, (byte) 0x81, modrm, imm[0], imm[1], imm[2], imm[3]};
        return new byte[] {(byte) 0x81, modrm, imm[0], imm[1], imm[2], imm[3]};
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    // ---------------------------------------------------------------- initial state

    private CpuState initialState() {
        CpuState c = new CpuState();
        for (int i = 0; i < 16; i++) c.r[i] = rnd.nextInt(3) == 0 ? Values.intEdge(rnd) : rnd.nextLong();
        c.r[CpuState.RSP] = Layout.sys(Layout.RSP);
        c.r[CpuState.RBP] = Layout.sys(Layout.RBP);
        c.r[CpuState.R15] = SandboxMemory.BASE;
        c.rip = Layout.sys(Layout.CODE);
        c.setRflags(CpuState.FIXED_ONE | (rnd.nextLong() & (0x8D5 | CpuState.DF)));
        for (int i = 0; i < 16; i++) {
            c.vec[4 * i] = Values.vectorLane(rnd);
            c.vec[4 * i + 1] = Values.vectorLane(rnd);
            if (pool.isVex()) { // YMM upper halves: VEX.128 must zero them, legacy SSE must keep them
                c.vec[4 * i + 2] = Values.vectorLane(rnd);
                c.vec[4 * i + 3] = Values.vectorLane(rnd);
            }
        }
        // All exceptions masked, random sticky status flags; one sequence in ten also gets a random
        // rounding mode, FTZ and DAZ (the interpreter stops UNIMPLEMENTED on SSE arithmetic then).
        c.mxcsr = 0x1F80 | (rnd.nextBoolean() ? rnd.nextInt(64) : 0);
        x87State(c);
        if (rnd.nextInt(10) == 0) c.mxcsr |= rnd.nextInt(4) << 13 | (rnd.nextBoolean() ? 0x8000 : 0) | (rnd.nextBoolean() ? 0x40 : 0);
        return c;
    }

    /**
     * Half the sequences start from fninit's x87 state; the others from a random top of stack with 0-8
     * registers in use (so pushes wrap and overflow, pops underflow), edge values in them, sometimes
     * sticky flags, and one in four a random precision (single, double, extended) and rounding control;
     * exceptions stay masked.
     */
    private void x87State(CpuState c) {
        if (rnd.nextBoolean()) return;
        int top = rnd.nextInt(8), used = rnd.nextInt(9);
        int tags = 0;
        for (int i = 0; i < 8; i++) {
            int p = (top + i) & 7;
            if (i < used) {
                tags |= 1 << p;
                long[] v = Values.x87(rnd);
                c.x87Mant[p] = v[0];
                c.x87SignExp[p] = (int) v[1];
            }
        }
        c.ftw = tags;
        c.fsw = top << 11 | (rnd.nextInt(4) == 0 ? rnd.nextInt(64) : 0);
        if (rnd.nextInt(4) == 0) c.fcw = 0x037F & ~0xF00 | new int[] {0, 2, 3}[rnd.nextInt(3)] << 8 | rnd.nextInt(4) << 10;
    }

    private byte[] initialData() {
        byte[] d = new byte[Layout.DATA_LEN];
        for (int i = 0; i < d.length; i += 8) {
            long v = rnd.nextInt(4) == 0 ? Values.vectorLane(rnd) : rnd.nextLong();
            for (int j = 0; j < 8; j++) d[i + j] = (byte) (v >>> (8 * j));
        }
        return d;
    }
}
