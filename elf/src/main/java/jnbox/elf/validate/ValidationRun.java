package jnbox.elf.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import jnbox.emu.decode.CpuFeature;

/**
 * The state of one validation: the chunk, the jump-target bitmaps and the reported problems.
 * Bundles are validated one after another; direct jump targets are checked at the end
 * (spec nacl-validator.md §1).
 */
final class ValidationRun {
    private static final int BUNDLE = Validator.BUNDLE_SIZE;
    private static final int RSP = 4, RBP = 5, R15 = 15;

    private final byte[] c;
    private final int base;
    private final int size;
    private final long guestAddr;
    private final CpuFeatures features;
    private final boolean loader;   // keep UNSUPPORTED (non-temporal) as an error
    private final boolean rewrite;  // stub out / rewrite as sel_ldr does for writable text
    private boolean ncvalJumpReport; // list bad jump targets the way ncval's driver does
    private boolean badTarget;
    private final InstructionListener listener;
    private final NaclDecoder decoder = new NaclDecoder();
    private final Insn insn = new Insn();

    private final long[] validTargets;
    private int[] jumpFrom = new int[16];
    private int[] jumpTo = new int[16];
    private int nJumps;
    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private final List<String> scratch = new ArrayList<>(4);
    private boolean rewritten;

    // Instructions of the current bundle, for superinstruction look-back.
    private final int[] iStart = new int[BUNDLE + 1];
    private final int[] iLen = new int[BUNDLE + 1];
    private int nI;
    // Reported instructions of the current bundle (loader mode rewriting).
    private final int[] rBegin = new int[BUNDLE + 1];
    private final int[] rEnd = new int[BUNDLE + 1];
    private final int[] rFlags = new int[BUNDLE + 1];
    private int nR;

    private int restricted;

    ValidationRun(byte[] code, int base, int size, long guestAddr, CpuFeatures features, boolean loader,
            boolean rewrite, InstructionListener listener) {
        this.c = code;
        this.base = base;
        this.size = size;
        this.guestAddr = guestAddr;
        this.features = features;
        this.loader = loader;
        this.rewrite = rewrite;
        this.listener = listener;
        this.validTargets = new long[(size >>> 6) + 1];
    }

    ValidationResult sizeError() {
        errors.add(new Problem(guestAddr + size, "Text segment size (0x" + Integer.toHexString(size)
                + ") is not multiple of bundle size."));
        return result();
    }

    ValidationResult result() {
        byte[] code = rewritten ? Arrays.copyOfRange(c, base, base + size) : null;
        return new ValidationResult(errors.isEmpty() && !badTarget, errors, warnings, code);
    }

    /** Report bad jump targets exactly as ncval prints them (see {@link #checkJumpTargets}). */
    void ncvalJumpReport() {
        this.ncvalJumpReport = true;
    }

    boolean isValidTarget(int rel) {
        return (validTargets[rel >>> 6] & (1L << rel)) != 0;
    }

    private void mark(int rel) {
        validTargets[rel >>> 6] |= 1L << rel;
    }

    private void unmark(int rel) {
        validTargets[rel >>> 6] &= ~(1L << rel);
    }

    void validateAll() {
        for (int bs = 0; bs < size; bs += BUNDLE) {
            if (rewrite) {
                validateBundleLoader(bs);
            } else {
                validateBundle(bs);
            }
        }
        checkJumpTargets();
    }

    /** Loader mode: stub out or rewrite, then validate the bundle again (dfa_validate_common.c). */
    private void validateBundleLoader(int bs) {
        int errorsBefore = errors.size(), warningsBefore = warnings.size(), jumpsBefore = nJumps;
        validateBundle(bs);
        boolean any = false;
        for (int i = 0; i < nR; i++) {
            int e = rFlags[i] & Flags.ERRORS;
            if (e == Flags.CPUID_UNSUPPORTED) {
                Arrays.fill(c, base + rBegin[i], base + rEnd[i], (byte) 0xf4);
                any = true;
            } else if (e == Flags.UNSUPPORTED) {
                any |= NonTemporalRewriter.rewrite(c, base + rBegin[i], base + rEnd[i],
                        (rFlags[i] & Flags.RESTRICTED_USED) != 0);
            }
        }
        if (!any) {
            return;
        }
        rewritten = true;
        errors.subList(errorsBefore, errors.size()).clear();
        warnings.subList(warningsBefore, warnings.size()).clear();
        nJumps = jumpsBefore;
        for (int r = bs + 1; r <= bs + BUNDLE && r <= size; r++) {
            unmark(r);
        }
        validateBundle(bs);
    }

    private void validateBundle(int bs) {
        restricted = Insn.NO_REG;
        nI = 0;
        nR = 0;
        int pos = base + bs;
        int end = pos + BUNDLE;
        while (pos < end) {
            int len = step(pos, end);
            if (len <= 0) {
                report(pos - base, pos - base, Flags.UNRECOGNIZED, false, pos - base);
                return; // NaCl resumes at the next bundle (spec §1.1)
            }
            iStart[nI] = pos;
            iLen[nI++] = len;
            pos += len;
            mark(pos - base);
        }
        if (restricted == RBP) {
            report(end - base, end - base, Flags.IMPROPER_RBP, false, end - base);
        } else if (restricted == RSP) {
            report(end - base, end - base, Flags.IMPROPER_RSP, false, end - base);
        }
    }

    /** Processes one instruction at pos; returns its length, or 0 on "no transition". */
    private int step(int pos, int end) {
        int rel = pos - base;
        int b0 = c[pos];
        int len = b0 == 0x66 || b0 == 0x48 ? SpecialForms.fixedNop(c, pos, end) : 0;
        if (len > 0) {
            int flags = regularCheck();
            restricted = Insn.NO_REG;
            report(rel, rel + len, flags, false, rel + len);
            return len;
        }
        int sp = b0 >= 0x48 && b0 <= 0x4e ? SpecialForms.special(c, pos, end) : 0;
        if (sp != 0) {
            len = sp >>> 4;
            int kind = sp & 15;
            int flags;
            if (kind == SpecialForms.MODIFY) {
                flags = regularCheck();
            } else {
                int reg = kind == SpecialForms.RSP_REBASE ? RSP : RBP;
                flags = restricted == reg ? 0 : (reg == RSP ? Flags.IMPROPER_RSP : Flags.IMPROPER_RBP);
                unmark(rel);
            }
            restricted = Insn.NO_REG;
            report(rel, rel + len, flags, false, rel + len);
            return len;
        }
        if (decoder.decode(c, pos, end, insn)) {
            processNormal(insn, rel);
            return insn.length;
        }
        len = stringSuperinstruction(pos, end);
        if (len != 0) {
            return len;
        }
        return naclJmpSuperinstruction(pos, end);
    }

    /** Every ordinary instruction: a restricted %rsp/%rbp must have been re-based first (spec §2.2). */
    private int regularCheck() {
        return restricted == RBP ? Flags.IMPROPER_RBP : restricted == RSP ? Flags.IMPROPER_RSP : 0;
    }

    private void processNormal(Insn d, int rel) {
        NaclForm f = d.form;
        int flags = 0;
        CpuFeature feature = f.featureL1 != null && d.x.vexL() == 1 ? f.featureL1 : f.feature;
        if (feature != null) {
            flags |= featureFlags(feature);
        }
        if (f.unsupported && loader) {
            flags |= Flags.UNSUPPORTED; // ncval clears it: non-temporals pass (spec §6.3)
        }
        if (d.hasMemory() && !f.noMemoryAccess) {
            flags |= checkMemory(d, rel);
        }
        int endRel = rel + d.length;
        if (f.rel != 0) {
            flags |= directJump(d, rel, endRel);
        }
        flags |= processOperands(d);
        report(rel, endRel, flags, f.modifiable, d.dispPos - base, listener == null ? 0 : fieldBits(d));
    }

    /** Direct jumps and calls (spec §1.3): aligned targets pass, others are checked at the end. */
    private int directJump(Insn d, int rel, int endRel) {
        int flags = 0;
        int at = d.start + d.length;
        long disp = d.form.rel == 1 ? c[at - 1]
                : (c[at - 4] & 0xff) | (c[at - 3] & 0xff) << 8 | (c[at - 2] & 0xff) << 16 | c[at - 1] << 24;
        long target = endRel + disp;
        if ((target & (BUNDLE - 1)) != 0) {
            if (target < 0 || target >= size) {
                flags |= Flags.OUT_OF_RANGE;
            } else {
                addJump(rel, (int) target);
            }
        }
        if (d.form.call && (endRel & (BUNDLE - 1)) != 0) {
            flags |= Flags.BAD_CALL_ALIGNMENT;
        }
        return flags;
    }

    private int featureFlags(CpuFeature feature) {
        int flags = 0;
        if (!CpuFeatures.VALIDATOR_MAX.has(feature)) {
            flags |= Flags.UNRECOGNIZED;
        }
        if (!features.has(feature)) {
            flags |= Flags.CPUID_UNSUPPORTED;
        }
        return flags;
    }

    /** Base and index rules (spec §3.2). */
    private int checkMemory(Insn d, int rel) {
        int b = d.base;
        if (b != Insn.RIP && b != R15 && b != RSP && b != RBP) {
            return Flags.BAD_BASE;
        }
        int index = d.x.indexReg();
        if (index == Insn.NO_REG) {
            return 0;
        }
        if (index == restricted) {
            unmark(rel);
            return Flags.RESTRICTED_USED;
        }
        return Flags.BAD_INDEX;
    }

    /** Written general registers: r15, rsp/rbp and the restricted register (spec §2). */
    private int processOperands(Insn d) {
        NaclForm f = d.form;
        int flags = regularCheck();
        if (f.nWrites == 0) {
            restricted = Insn.NO_REG;
            return flags;
        }
        // Written registers in NaCl's operand order; a memory destination is not tracked.
        int n = 0;
        int reg0 = -1, reg1 = -1, bits0 = 0, bits1 = 0;
        int r = d.regOf(f.wSrc0);
        if (r != Insn.NO_REG) {
            n = 1;
            reg0 = r;
            bits0 = d.sizeBits(f.wSize0);
        }
        if (f.nWrites > 1) {
            r = d.regOf(f.wSrc1);
            if (r != Insn.NO_REG) {
                if (n++ == 0) {
                    reg0 = r;
                    bits0 = d.sizeBits(f.wSize1);
                } else {
                    reg1 = r;
                    bits1 = d.sizeBits(f.wSize1);
                }
            }
        }
        boolean zx = f.zeroExtends && (!f.zxRegOnly || !d.hasMemory()) && (bits0 == 32 || bits1 == 32);
        if (n > 0) {
            flags |= writeFlags(reg0, bits0, zx, d.x.rex() != 0);
        }
        if (n > 1) {
            flags |= writeFlags(reg1, bits1, zx, d.x.rex() != 0);
        }
        int next = Insn.NO_REG;
        if (zx) {
            if (bits0 == 32) {
                next = reg0;
                // Both operands restricted: the second cannot count, and may not be %esp/%ebp.
                if (n > 1 && bits1 == 32) {
                    if (reg1 == RSP) {
                        flags |= Flags.IMPROPER_RSP;
                    } else if (reg1 == RBP) {
                        flags |= Flags.IMPROPER_RBP;
                    }
                }
            } else if (n > 1 && bits1 == 32) {
                next = reg1;
            }
        }
        restricted = next;
        return flags;
    }

    private static int writeFlags(int reg, int bits, boolean zx, boolean rex) {
        int flags = 0;
        if (reg == R15) {
            flags |= Flags.R15_MODIFIED;
        }
        if (reg == RSP || reg == RBP) {
            boolean bad = bits == 8 ? rex : bits != 32 || !zx;
            if (bad) {
                flags |= reg == RSP ? Flags.SP_MODIFIED : Flags.BP_MODIFIED;
            }
        }
        return flags;
    }

    /** String operations and masked stores, allowed only after their sandboxing (spec §3.4). */
    private int stringSuperinstruction(int pos, int end) {
        int t = SpecialForms.stringTail(c, pos, end);
        if (t == 0) {
            return 0;
        }
        int tailLen = t & 0xff;
        int cls = (t >>> 8) & 0xf;
        int featureOrd = t >>> 12;
        int k = nI;
        int sandbox = 0;
        if (cls == SpecialForms.NEEDS_RDI || cls == SpecialForms.NEEDS_RSI_RDI) {
            int s = sandboxPair(k, true);
            if (s == 0) {
                return 0;
            }
            sandbox += s;
            k -= 2;
        }
        if (cls == SpecialForms.NEEDS_RSI || cls == SpecialForms.NEEDS_RSI_RDI) {
            int s = sandboxPair(k, false);
            if (s == 0) {
                return 0;
            }
            sandbox += s;
        }
        int flags = featureOrd != 0 ? featureFlags(CpuFeature.values()[featureOrd - 1]) : 0;
        int begin = pos - sandbox - base;
        for (int r = begin + 1; r <= pos - base; r++) {
            unmark(r);
        }
        restricted = Insn.NO_REG;
        int endRel = pos - base + tailLen;
        report(begin, endRel, flags, false, endRel);
        return tailLen;
    }

    /** Length of the mov+lea sandboxing pair ending before instruction k of the bundle, else 0. */
    private int sandboxPair(int k, boolean rdi) {
        if (k < 2) {
            return 0;
        }
        if (!SpecialForms.isSandboxLea(c, iStart[k - 1], iLen[k - 1], rdi)
                || !SpecialForms.isSandboxMov(c, iStart[k - 2], iLen[k - 2], rdi)) {
            return 0;
        }
        return iLen[k - 1] + iLen[k - 2];
    }

    /** nacljmp/naclcall: and $-32,%eN; add %r15,%rN; jmp/call *%rN (spec §4.1). */
    private int naclJmpSuperinstruction(int pos, int end) {
        int t = SpecialForms.indirectTail(c, pos, end);
        if (t == 0 || nI < 2) {
            return 0;
        }
        int tailLen = t & 0xff;
        boolean call = ((t >>> 8) & 1) != 0;
        boolean newRegs = ((t >>> 9) & 1) != 0;
        int jmpReg = t >>> 12;
        if (newRegs && jmpReg == 7) {
            return 0;
        }
        int andReg = SpecialForms.naclAnd(c, iStart[nI - 2], iLen[nI - 2], newRegs);
        int addReg = SpecialForms.naclAdd(c, iStart[nI - 1], iLen[nI - 1], newRegs);
        if (andReg < 0 || addReg < 0) {
            return 0;
        }
        int rel = pos - base;
        int endRel = rel + tailLen;
        int flags = 0;
        int begin = rel;
        if (andReg == addReg && andReg == jmpReg) {
            begin = iStart[nI - 2] - base;
            for (int r = begin + 1; r <= rel; r++) {
                unmark(r);
            }
        } else {
            flags |= Flags.UNRECOGNIZED; // registers differ: checked after the automaton matched
        }
        if (call && (endRel & (BUNDLE - 1)) != 0) {
            flags |= Flags.BAD_CALL_ALIGNMENT;
        }
        restricted = Insn.NO_REG;
        report(begin, endRel, flags, false, endRel);
        return tailLen;
    }

    private void addJump(int from, int to) {
        if (nJumps == jumpFrom.length) {
            jumpFrom = Arrays.copyOf(jumpFrom, nJumps * 2);
            jumpTo = Arrays.copyOf(jumpTo, nJumps * 2);
        }
        jumpFrom[nJumps] = from;
        jumpTo[nJumps++] = to;
    }

    private void checkJumpTargets() {
        BitSet bad = null;
        for (int i = 0; i < nJumps; i++) {
            if (!isValidTarget(jumpTo[i])) {
                if (bad == null) {
                    bad = new BitSet();
                }
                bad.set(jumpTo[i]);
            }
        }
        if (bad == null) {
            return;
        }
        badTarget = true;
        if (listener != null) {
            for (int t = bad.nextSetBit(0); t >= 0; t = bad.nextSetBit(t + 1)) {
                listener.instruction(t, t, Flags.BAD_JUMP_TARGET, false, t, 0);
            }
        }
        if (!ncvalJumpReport) {
            for (int i = 0; i < nJumps; i++) {
                if (bad.get(jumpTo[i])) {
                    errors.add(new Problem(guestAddr + jumpFrom[i], Flags.MSG_BAD_JUMP_TARGET));
                }
            }
            return;
        }
        // ncval's driver finds jumps by testing NaCl's info bits with RELATIVE_8BIT (0x81) and
        // RELATIVE_32BIT (0x84), which overlap the immediate and displacement bits: any instruction
        // with an 8-bit field is read as "jump by its last byte" (real rel32 jumps included), and one
        // with a 32-bit field as "jump by its last four bytes". It prints "bad jump target" at each
        // such instruction whose computed target is a bad target. A second pass finds them.
        BitSet badTargets = bad;
        ValidationRun again = new ValidationRun(c, base, size, guestAddr, features, loader, false,
                (b, e, flags, m, a, bits) -> {
                    if ((flags & Flags.OUT_OF_RANGE) != 0 || e <= b) {
                        return;
                    }
                    int at = base + e;
                    long target;
                    if ((bits & (InstructionListener.IMM8_LIKE | InstructionListener.RELATIVE)) != 0) {
                        target = e + (long) c[at - 1];
                    } else if ((bits & InstructionListener.IMM32_LIKE) != 0) {
                        target = e + (long) ((c[at - 4] & 0xff) | (c[at - 3] & 0xff) << 8
                                | (c[at - 2] & 0xff) << 16 | c[at - 1] << 24);
                    } else {
                        return;
                    }
                    if (target >= 0 && target <= size && badTargets.get((int) target)) {
                        errors.add(new Problem(guestAddr + b, Flags.MSG_BAD_JUMP_TARGET));
                    }
                });
        again.validateAll();
    }

    /** NaCl's operand-field info bits of a decoded instruction (validator.h ANYFIELD bits). */
    private static int fieldBits(Insn d) {
        NaclForm f = d.form;
        int bits = 0;
        if (d.hasMemory()) {
            if (d.x.modrmMod() == 1) {
                bits |= InstructionListener.IMM8_LIKE;
            } else if (d.x.modrmMod() == 2 || d.base == Insn.RIP || d.base == Insn.NO_REG) {
                bits |= InstructionListener.IMM32_LIKE;
            }
        }
        for (int imm : f.imms) {
            switch (imm) {
                case NaclForm.IMM_B -> bits |= InstructionListener.IMM8_LIKE;
                case NaclForm.IMM_D -> bits |= InstructionListener.IMM32_LIKE;
                case NaclForm.IMM_Z -> bits |= d.data16 ? 0 : InstructionListener.IMM32_LIKE;
                case NaclForm.IMM_V -> bits |= d.x.rexW() || d.data16 ? 0 : InstructionListener.IMM32_LIKE;
                default -> { }
            }
        }
        if (f.rel == 1) {
            bits |= InstructionListener.RELATIVE | InstructionListener.IMM8_LIKE;
        } else if (f.rel == 4) {
            bits |= InstructionListener.RELATIVE | InstructionListener.IMM32_LIKE;
        }
        return bits;
    }

    private void report(int begin, int end, int flags, boolean modifiable, int anyFieldStart) {
        report(begin, end, flags, modifiable, anyFieldStart, 0);
    }

    private void report(int begin, int end, int flags, boolean modifiable, int anyFieldStart,
            int fieldBits) {
        if (nR < rBegin.length) {
            rBegin[nR] = begin;
            rEnd[nR] = end;
            rFlags[nR++] = flags;
        }
        if (listener != null) {
            listener.instruction(begin, end, flags, modifiable, anyFieldStart, fieldBits);
        }
        if ((flags & (Flags.ERRORS | Flags.BAD_CALL_ALIGNMENT)) == 0) {
            return;
        }
        scratch.clear();
        Flags.messages(flags, scratch);
        for (String m : scratch) {
            errors.add(new Problem(guestAddr + begin, m));
        }
        if ((flags & Flags.BAD_CALL_ALIGNMENT) != 0) {
            warnings.add(new Problem(guestAddr + begin, "warning - bad call alignment"));
        }
    }
}
