package jnbox.emu.interp;

import static jnbox.emu.semantics.Flags.mask;
import static jnbox.emu.semantics.Flags.sext;

import java.lang.invoke.VarHandle;
import jnbox.emu.cpu.CpuState;
import jnbox.emu.engine.Exit;
import jnbox.emu.mem.GuestFault;
import jnbox.emu.mem.SandboxMemory;
import jnbox.emu.semantics.Alu;
import jnbox.emu.semantics.BitOps;
import jnbox.emu.semantics.Cpuid;
import jnbox.emu.semantics.DivMul;
import jnbox.emu.semantics.Flags;
import jnbox.emu.semantics.Shift;

/**
 * Executes one {@link Uop} of the general-purpose integer set on a bound {@link CpuState}. Each
 * case reads its operands, calls the semantics, then writes results (registers and memory last,
 * after anything that can fault). Returns the next rip, or {@link #STOP}.
 */
final class IntExec {
    static final long STOP = -1L;

    private final SandboxMemory mem;
    private final Interpreter owner;
    private final SseExec sse;
    private final VexExec vex;
    CpuState cpu;
    long[] r;
    /** Instructions retired by this thread before the current block started (for rdtsc). */
    long blockBase;

    IntExec(SandboxMemory mem, Interpreter owner) {
        this.mem = mem;
        this.owner = owner;
        this.sse = new SseExec(this, mem);
        this.vex = new VexExec(this, mem);
    }

    void bind(CpuState c) {
        cpu = c;
        r = c.r;
    }

    void unbind() {
        cpu = null;
        r = null;
    }

    Exit stopExit(Uop u) {
        if (u.kind == Kinds.SSE && (cpu.mxcsr & 0xE040) != 0) {
            return Exit.unimplemented(u.pc, u.detail + " (MXCSR rounding/FTZ/DAZ 0x" + Integer.toHexString(cpu.mxcsr) + ")");
        }
        return Exit.unimplemented(u.pc, u.detail);
    }

    long execLocked(Uop u) {
        synchronized (Interpreter.ATOMIC) {
            return exec(u);
        }
    }

    // ---------------------------------------------------------------- operand access

    long ea(Uop u) {
        long a = u.disp;
        if (u.base >= 0) a += r[u.base];
        if (u.index >= 0) a += r[u.index] << u.scaleShift;
        return u.addr32 ? a & 0xFFFF_FFFFL : a;
    }

    long load(long ea, int size) {
        return switch (size) {
            case 1 -> mem.read8(ea) & 0xFFL;
            case 2 -> mem.read16(ea) & 0xFFFFL;
            case 4 -> mem.read32(ea) & 0xFFFF_FFFFL;
            default -> mem.read64(ea);
        };
    }

    void store(long ea, int size, long v) {
        switch (size) {
            case 1 -> mem.write8(ea, (byte) v);
            case 2 -> mem.write16(ea, (short) v);
            case 4 -> mem.write32(ea, (int) v);
            default -> mem.write64(ea, v);
        }
    }

    /** Reads operand location {@code loc} of {@code size} bytes, zero-extended. */
    long get(Uop u, int loc, int size) {
        if (loc < Uop.HIGH8) return r[loc] & mask(size);
        if (loc < Uop.MEM) return r[loc - Uop.HIGH8] >>> 8 & 0xFF;
        if (loc == Uop.MEM) return load(ea(u), size);
        return u.imm & mask(size);
    }

    /** Writes {@code v} to register or memory location {@code loc}. */
    void set(Uop u, int loc, int size, long v) {
        if (loc < Uop.HIGH8) {
            r[loc] = Alu.merge(size, r[loc], v);
        } else if (loc < Uop.MEM) {
            int g = loc - Uop.HIGH8;
            r[g] = (r[g] & ~0xFF00L) | (v & 0xFF) << 8;
        } else {
            store(ea(u), size, v);
        }
    }

    private void lazy(int kind, Uop u, long a, long b, long res) {
        CpuState c = cpu;
        c.ccOp = kind << 2 | u.sizeIdx;
        c.ccA = a;
        c.ccB = b;
        c.ccRes = res;
    }

    boolean cond(int cc) {
        CpuState c = cpu;
        return Flags.test(cc, c.ccOp, c.ccA, c.ccB, c.ccRes);
    }

    private void push(long v, int size) {
        long sp = r[CpuState.RSP] - size;
        store(sp, size, v);
        r[CpuState.RSP] = sp;
    }

    // ---------------------------------------------------------------- dispatch

    long exec(Uop u) {
        final long[] r = this.r;
        switch (u.kind) {
            case Kinds.MOV_RR: r[u.op0] = r[u.op1] & u.mask; return u.next;
            case Kinds.MOV_RI: r[u.op0] = u.imm; return u.next;
            case Kinds.MOV_RM: r[u.op0] = u.size == 8 ? mem.read64(ea(u)) : mem.read32(ea(u)) & 0xFFFF_FFFFL; return u.next;
            case Kinds.MOV_MR: {
                if (u.size == 8) mem.write64(ea(u), r[u.op1]);
                else mem.write32(ea(u), (int) r[u.op1]);
                return u.next;
            }
            case Kinds.PUSH_R: {
                long sp = r[CpuState.RSP] - 8;
                mem.write64(sp, r[u.op0]);
                r[CpuState.RSP] = sp;
                return u.next;
            }
            case Kinds.POP_R: {
                long sp = r[CpuState.RSP];
                long v = mem.read64(sp);
                r[CpuState.RSP] = sp + 8;
                r[u.op0] = v;
                return u.next;
            }
            case Kinds.ALU_RR: return aluFast(u, r[u.op1] & u.mask);
            case Kinds.ALU_RI: return aluFast(u, u.imm);
            case Kinds.ALU_RM: return aluFast(u, u.size == 8 ? mem.read64(ea(u)) : mem.read32(ea(u)) & 0xFFFF_FFFFL);
            case Kinds.MOV: {
                set(u, u.op0, u.size, get(u, u.op1, u.size));
                return u.next;
            }
            case Kinds.ALU: return alu(u);
            case Kinds.TEST: {
                long v = get(u, u.op0, u.size) & get(u, u.op1, u.size);
                lazy(Flags.LOGIC, u, 0, 0, v);
                return u.next;
            }
            case Kinds.LEA: {
                set(u, u.op0, u.size, ea(u));
                return u.next;
            }
            case Kinds.JCC: return cond(u.sub) ? u.imm : u.next;
            case Kinds.JMP: return u.imm;
            case Kinds.JMP_IND: return get(u, u.op0, 8);
            case Kinds.CALL: push(u.next, 8); return u.imm;
            case Kinds.CALL_IND: {
                long t = get(u, u.op0, 8);
                push(u.next, 8);
                return t;
            }
            case Kinds.RET: {
                long sp = r[CpuState.RSP];
                long t = mem.read64(sp);
                r[CpuState.RSP] = sp + 8 + (u.op0 == Uop.IMM ? u.imm & 0xFFFF : 0);
                return t;
            }
            case Kinds.PUSH: {
                long v = get(u, u.op0, u.op0 == Uop.IMM ? 8 : u.size);
                if (u.op0 == Uop.IMM && u.size == 2) v &= 0xFFFF;
                push(v, u.size);
                return u.next;
            }
            case Kinds.POP: {
                long sp = r[CpuState.RSP];
                long v = load(sp, u.size);
                if (u.op0 == Uop.MEM) {
                    r[CpuState.RSP] = sp + u.size; // the address uses the incremented rsp (SDM POP)
                    try {
                        set(u, u.op0, u.size, v);
                    } catch (GuestFault f) {
                        r[CpuState.RSP] = sp;
                        throw f;
                    }
                } else {
                    r[CpuState.RSP] = sp + u.size;
                    set(u, u.op0, u.size, v);
                }
                return u.next;
            }
            case Kinds.MOVZX: {
                set(u, u.op0, u.size, get(u, u.op1, u.size2));
                return u.next;
            }
            case Kinds.MOVSX: {
                set(u, u.op0, u.size, sext(u.size2, get(u, u.op1, u.size2)) & u.mask);
                return u.next;
            }
            case Kinds.INC: case Kinds.DEC: {
                long a = get(u, u.op0, u.size);
                long v = u.kind == Kinds.INC ? Alu.inc(u.size, a) : Alu.dec(u.size, a);
                long cf = cpu.cf();
                set(u, u.op0, u.size, v);
                lazy(u.kind == Kinds.INC ? Flags.INC : Flags.DEC, u, a, cf, v);
                return u.next;
            }
            case Kinds.NOT: {
                set(u, u.op0, u.size, Alu.not(u.size, get(u, u.op0, u.size)));
                return u.next;
            }
            case Kinds.NEG: {
                long a = get(u, u.op0, u.size);
                long v = Alu.neg(u.size, a);
                set(u, u.op0, u.size, v);
                lazy(Flags.SUB, u, 0, a, v);
                return u.next;
            }
            case Kinds.SHIFT: return shift(u);
            case Kinds.SHLD: case Kinds.SHRD: {
                int c = Shift.count(u.size, u.op2 == Uop.IMM ? u.imm : r[CpuState.RCX]);
                if (c == 0) {
                    // a 32-bit register destination is still written, so its upper half clears
                    // (host CPU; testdata/lockstep/jnbox_fixed-shrd-*.txt)
                    if (u.op0 < Uop.HIGH8 && u.size == 4) r[u.op0] &= 0xFFFF_FFFFL;
                    return u.next;
                }
                long d = get(u, u.op0, u.size), s = get(u, u.op1, u.size);
                boolean left = u.kind == Kinds.SHLD;
                long v = left ? Shift.shld(u.size, d, s, c) : Shift.shrd(u.size, d, s, c);
                long f = left ? Shift.shldFlags(u.size, d, s, c, v) : Shift.shrdFlags(u.size, d, s, c, v);
                set(u, u.op0, u.size, v);
                cpu.setArith(f);
                return u.next;
            }
            case Kinds.MULDIV: return mulDiv(u);
            case Kinds.IMUL2: {
                long a = get(u, u.op1, u.size);
                long b = u.op2 != Uop.NONE ? u.imm & u.mask : get(u, u.op0, u.size);
                long v = DivMul.mulLo(u.size, a, b);
                long ov = DivMul.imulOverflow(u.size, a, b);
                set(u, u.op0, u.size, v);
                lazy(Flags.MUL, u, ov, 0, v);
                return u.next;
            }
            case Kinds.XCHG: {
                long a = get(u, u.op0, u.size), b = get(u, u.op1, u.size);
                if (u.op0 == Uop.MEM) { set(u, u.op0, u.size, b); set(u, u.op1, u.size, a); }
                else { set(u, u.op1, u.size, a); set(u, u.op0, u.size, b); }
                return u.next;
            }
            case Kinds.CMOV: {
                long v = get(u, u.op1, u.size);
                if (cond(u.sub)) set(u, u.op0, u.size, v);
                else if (u.size == 4) r[u.op0] &= 0xFFFF_FFFFL; // a 32-bit cmov always writes
                return u.next;
            }
            case Kinds.SETCC: {
                set(u, u.op0, 1, cond(u.sub) ? 1 : 0);
                return u.next;
            }
            case Kinds.NOP: return u.next;
            case Kinds.FENCE: VarHandle.fullFence(); return u.next;
            case Kinds.CBW: {
                long v = r[CpuState.RAX];
                r[CpuState.RAX] = switch (u.size) {
                    case 2 -> Alu.merge(2, v, sext(1, v));
                    case 4 -> sext(2, v) & 0xFFFF_FFFFL;
                    default -> sext(4, v);
                };
                return u.next;
            }
            case Kinds.CWD: {
                long sign = sext(u.size, r[CpuState.RAX]) < 0 ? -1L : 0;
                r[CpuState.RDX] = Alu.merge(u.size, r[CpuState.RDX], sign);
                return u.next;
            }
            case Kinds.CLC: cpu.setArith(cpu.arith() & ~Flags.CF); return u.next;
            case Kinds.STC: cpu.setArith(cpu.arith() | Flags.CF); return u.next;
            case Kinds.CMC: cpu.setArith(cpu.arith() ^ Flags.CF); return u.next;
            case Kinds.CLD: cpu.rflagsRest &= ~CpuState.DF; return u.next;
            case Kinds.STD: cpu.rflagsRest |= CpuState.DF; return u.next;
            case Kinds.LAHF: {
                long f = cpu.arith() & (Flags.SF | Flags.ZF | Flags.AF | Flags.PF | Flags.CF) | 2;
                r[CpuState.RAX] = (r[CpuState.RAX] & ~0xFF00L) | f << 8;
                return u.next;
            }
            case Kinds.SAHF: {
                long ah = r[CpuState.RAX] >>> 8 & (Flags.SF | Flags.ZF | Flags.AF | Flags.PF | Flags.CF);
                cpu.setArith(cpu.arith() & Flags.OF | ah);
                return u.next;
            }
            case Kinds.HLT:
                // sel_ldr: hlt in user mode is a privileged instruction, #GP -> SIGSEGV
                throw new GuestFault(GuestFault.Kind.HALT, GuestFault.SIGSEGV, u.pc, "hlt");
            case Kinds.UD:
                throw new GuestFault(GuestFault.Kind.INVALID_OPCODE, GuestFault.SIGILL, u.pc,
                        u.detail == null ? "ud2" : u.detail);
            case Kinds.INT3:
                throw new GuestFault(GuestFault.Kind.INVALID_OPCODE, GuestFault.SIGTRAP, u.pc, "int3");
            case Kinds.FETCH_FAULT:
                throw GuestFault.segv(GuestFault.Kind.EXEC, u.imm);
            case Kinds.BT: return bitTest(u);
            case Kinds.BSF: case Kinds.BSR: {
                long s = get(u, u.op1, u.size);
                long old = r[u.op0];
                long v = u.kind == Kinds.BSF ? BitOps.bsf(u.size, s, old) : BitOps.bsr(u.size, s, old);
                if ((s & u.mask) != 0) set(u, u.op0, u.size, v);
                cpu.setArith(BitOps.bsfFlags(u.size, s, v & u.mask));
                return u.next;
            }
            case Kinds.POPCNT: {
                long s = get(u, u.op1, u.size);
                set(u, u.op0, u.size, BitOps.popcnt(u.size, s));
                cpu.setArith(BitOps.popcntFlags(u.size, s));
                return u.next;
            }
            case Kinds.LZCNT: {
                long s = get(u, u.op1, u.size);
                long v = BitOps.lzcnt(u.size, s);
                set(u, u.op0, u.size, v);
                cpu.setArith(BitOps.cntFlags(u.size, s, v));
                return u.next;
            }
            case Kinds.BSWAP: {
                if (u.size == 2) { r[u.op0] &= ~0xFFFFL; return u.next; } // undefined; Intel clears
                r[u.op0] = Alu.bswap(u.size, r[u.op0]);
                return u.next;
            }
            case Kinds.CMPXCHG: {
                long d = get(u, u.op0, u.size);
                long acc = r[CpuState.RAX] & u.mask;
                long diff = Alu.sub(u.size, acc, d);
                if (diff == 0) set(u, u.op0, u.size, get(u, u.op1, u.size));
                else {
                    if (u.op0 == Uop.MEM) set(u, u.op0, u.size, d); // the processor writes back
                    r[CpuState.RAX] = Alu.merge(u.size, r[CpuState.RAX], d);
                }
                lazy(Flags.SUB, u, acc, d, diff);
                return u.next;
            }
            case Kinds.XADD: {
                long d = get(u, u.op0, u.size), s = get(u, u.op1, u.size);
                long v = Alu.add(u.size, d, s);
                if (u.op0 == Uop.MEM) { set(u, u.op0, u.size, v); set(u, u.op1, u.size, d); }
                else { set(u, u.op1, u.size, d); set(u, u.op0, u.size, v); }
                lazy(Flags.ADD, u, d, s, v);
                return u.next;
            }
            case Kinds.CMPXCHG8B: case Kinds.CMPXCHG16B: return cmpxchgWide(u);
            case Kinds.CPUID: {
                int leaf = (int) r[CpuState.RAX], subleaf = (int) r[CpuState.RCX];
                r[CpuState.RAX] = Cpuid.eax(leaf, subleaf) & 0xFFFF_FFFFL;
                r[CpuState.RBX] = Cpuid.ebx(leaf, subleaf) & 0xFFFF_FFFFL;
                r[CpuState.RCX] = Cpuid.ecx(leaf, subleaf) & 0xFFFF_FFFFL;
                r[CpuState.RDX] = Cpuid.edx(leaf, subleaf) & 0xFFFF_FFFFL;
                return u.next;
            }
            case Kinds.RDTSC: {
                // Deterministic time stamp: instructions this thread retired before this one.
                long t = blockBase + u.sub;
                r[CpuState.RAX] = t & 0xFFFF_FFFFL;
                r[CpuState.RDX] = t >>> 32;
                return u.next;
            }
            case Kinds.MOVBE: {
                long v = get(u, u.op1, u.size);
                long sw = u.size == 2 ? Short.reverseBytes((short) v) & 0xFFFFL : Alu.bswap(u.size, v);
                set(u, u.op0, u.size, sw);
                return u.next;
            }
            case Kinds.MOVS: case Kinds.STOS: case Kinds.LODS: case Kinds.CMPS: case Kinds.SCAS:
                return StringExec.exec(this, u);
            case Kinds.JRCXZ: return (u.insn.addressSize() == 4 ? (int) r[CpuState.RCX] : r[CpuState.RCX]) == 0 ? u.imm : u.next;
            case Kinds.LOOP: {
                long c = r[CpuState.RCX] - 1;
                r[CpuState.RCX] = c;
                boolean zf = u.sub == 0 || ((cpu.arith() & Flags.ZF) != 0) == (u.sub == 1);
                return c != 0 && zf ? u.imm : u.next;
            }
            case Kinds.SSE: return sse.exec(u);
            case Kinds.VEX: return vex.exec(u);
            case Kinds.X87: return X87Exec.exec(this, u);
            default:
                return STOP;
        }
    }

    /** ALU on a 32/64-bit register destination with a ready source value (same rules as {@link #alu}). */
    private long aluFast(Uop u, long b) {
        int d = u.op0;
        long v = aluResult(u, r[d] & u.mask, b);
        if (u.sub != ALU_CMP) r[d] = v;
        return u.next;
    }

    private long alu(Uop u) {
        int size = u.size;
        long v = aluResult(u, get(u, u.op0, size), get(u, u.op1, size));
        if (u.sub != ALU_CMP) set(u, u.op0, size, v);
        return u.next;
    }

    /** ModRM.reg of the ALU group (SDM vol. 2 Table A-6): add or adc sbb and sub xor cmp. */
    private static final int ALU_CMP = 7;

    /**
     * The ALU group's operation {@code u.sub} on a and b: records the flags lazily and returns the
     * result, which the caller writes back unless the operation is cmp.
     */
    private long aluResult(Uop u, long a, long b) {
        int size = u.size;
        long v;
        int kind;
        switch (u.sub) {
            case 0: v = Alu.add(size, a, b); kind = Flags.ADD; break;
            case 1: v = Alu.or(size, a, b); kind = Flags.LOGIC; break;
            case 2: {
                long cf = cpu.cf();
                v = Alu.adc(size, a, b, cf);
                kind = cf != 0 ? Flags.ADC : Flags.ADD;
                break;
            }
            case 3: {
                long cf = cpu.cf();
                v = Alu.sbb(size, a, b, cf);
                kind = cf != 0 ? Flags.SBB : Flags.SUB;
                break;
            }
            case 4: v = Alu.and(size, a, b); kind = Flags.LOGIC; break;
            case 6: v = Alu.xor(size, a, b); kind = Flags.LOGIC; break;
            default: v = Alu.sub(size, a, b); kind = Flags.SUB; break; // 5 sub, 7 cmp
        }
        lazy(kind, u, a, b, v);
        return v;
    }

    private long shift(Uop u) {
        int size = u.size;
        int c = Shift.count(size, u.op1 == Uop.IMM ? u.imm : r[CpuState.RCX]);
        if (c == 0) {
            if (u.op0 < Uop.HIGH8 && size == 4) r[u.op0] &= 0xFFFF_FFFFL; // 32-bit write still zero-extends
            return u.next;
        }
        long a = get(u, u.op0, size);
        long v;
        switch (u.sub) {
            case 0: v = Shift.rol(size, a, c); set(u, u.op0, size, v); cpu.setArith(Shift.rolFlags(size, v, cpu.arith())); break;
            case 1: v = Shift.ror(size, a, c); set(u, u.op0, size, v); cpu.setArith(Shift.rorFlags(size, v, cpu.arith())); break;
            case 2: {
                long f = cpu.arith();
                v = Shift.rcl(size, a, c, f & Flags.CF);
                set(u, u.op0, size, v);
                cpu.setArith(Shift.rclFlags(size, a, c, f));
                break;
            }
            case 3: {
                long f = cpu.arith();
                v = Shift.rcr(size, a, c, f & Flags.CF);
                set(u, u.op0, size, v);
                cpu.setArith(Shift.rcrFlags(size, a, c, f));
                break;
            }
            case 4: case 6: v = Shift.shl(size, a, c); set(u, u.op0, size, v); lazy(Flags.SHL, u, a, c, v); break;
            case 5: v = Shift.shr(size, a, c); set(u, u.op0, size, v); lazy(Flags.SHR, u, a, c, v); break;
            default: v = Shift.sar(size, a, c); set(u, u.op0, size, v); lazy(Flags.SAR, u, a, c, v); break;
        }
        return u.next;
    }

    private long mulDiv(Uop u) {
        int size = u.size;
        long s = get(u, u.op0, size);
        long ax = r[CpuState.RAX];
        if (size == 1) {
            long al = ax & 0xFF;
            switch (u.sub) {
                case 4: case 5: {
                    boolean signed = u.sub == 5;
                    long lo = DivMul.mulLo(1, al, s);
                    long hi = signed ? DivMul.imulHi(1, al, s) : DivMul.mulHi(1, al, s);
                    r[CpuState.RAX] = (ax & ~0xFFFFL) | hi << 8 | lo;
                    lazy(Flags.MUL, u, signed ? DivMul.imulOverflow(1, al, s) : DivMul.mulOverflow(1, al, s), 0, lo);
                    return u.next;
                }
                default: {
                    long ah = ax >>> 8 & 0xFF;
                    boolean signed = u.sub == 7;
                    long q = signed ? DivMul.idivQuot(1, ah, al, s) : DivMul.divQuot(1, ah, al, s);
                    long rem = signed ? DivMul.idivRem(1, ah, al, s) : DivMul.divRem(1, ah, al, s);
                    r[CpuState.RAX] = (ax & ~0xFFFFL) | rem << 8 | q;
                    return u.next;
                }
            }
        }
        long a = ax & u.mask, d = r[CpuState.RDX] & u.mask;
        long lo, hi;
        switch (u.sub) {
            case 4: case 5: {
                boolean signed = u.sub == 5;
                lo = DivMul.mulLo(size, a, s);
                hi = signed ? DivMul.imulHi(size, a, s) : DivMul.mulHi(size, a, s);
                lazy(Flags.MUL, u, signed ? DivMul.imulOverflow(size, a, s) : DivMul.mulOverflow(size, a, s), 0, lo);
                break;
            }
            case 6:
                lo = DivMul.divQuot(size, d, a, s);
                hi = DivMul.divRem(size, d, a, s);
                break;
            default:
                lo = DivMul.idivQuot(size, d, a, s);
                hi = DivMul.idivRem(size, d, a, s);
                break;
        }
        r[CpuState.RAX] = Alu.merge(size, ax, lo);
        r[CpuState.RDX] = Alu.merge(size, r[CpuState.RDX], hi);
        return u.next;
    }

    private long bitTest(Uop u) {
        int size = u.size, bits = size << 3;
        long off = u.op1 == Uop.IMM ? u.imm & (bits - 1) : get(u, u.op1, size);
        long addr = 0;
        int bit;
        long v;
        if (u.op0 == Uop.MEM) {
            // register bit offsets address memory beyond the operand (SDM BT: bit string)
            long so = u.op1 == Uop.IMM ? off : sext(size, off);
            addr = ea(u) + (so >> (size == 8 ? 6 : size == 4 ? 5 : 4)) * size;
            bit = (int) (so & (bits - 1));
            v = load(addr, size);
        } else {
            bit = BitOps.bitOffset(size, off);
            v = get(u, u.op0, size);
        }
        long f = BitOps.btFlags(v, bit, cpu.arith());
        if (u.sub != 0) {
            long nv = u.sub == 1 ? BitOps.bts(v, bit) : u.sub == 2 ? BitOps.btr(v, bit) : BitOps.btc(v, bit);
            if (u.op0 == Uop.MEM) store(addr, size, nv);
            else set(u, u.op0, size, nv);
        }
        cpu.setArith(f);
        return u.next;
    }

    private long cmpxchgWide(Uop u) {
        long a = ea(u);
        if (u.kind == Kinds.CMPXCHG16B) {
            if ((a & 15) != 0) throw new GuestFault(GuestFault.Kind.GENERAL_PROTECTION, GuestFault.SIGSEGV, a, "cmpxchg16b misaligned");
            mem.checkWritable(a, 16);
            long lo = mem.read64(a), hi = mem.read64(a + 8);
            boolean eq = lo == r[CpuState.RAX] && hi == r[CpuState.RDX];
            if (eq) {
                mem.write64(a, r[CpuState.RBX]);
                mem.write64(a + 8, r[CpuState.RCX]);
            } else {
                mem.write64(a, lo);
                mem.write64(a + 8, hi);
                r[CpuState.RAX] = lo;
                r[CpuState.RDX] = hi;
            }
            cpu.setArith(cpu.arith() & ~Flags.ZF | (eq ? Flags.ZF : 0));
        } else {
            long m = mem.read64(a);
            long exp = (r[CpuState.RDX] & 0xFFFF_FFFFL) << 32 | (r[CpuState.RAX] & 0xFFFF_FFFFL);
            boolean eq = m == exp;
            if (eq) mem.write64(a, (r[CpuState.RCX] & 0xFFFF_FFFFL) << 32 | (r[CpuState.RBX] & 0xFFFF_FFFFL));
            else {
                mem.write64(a, m);
                r[CpuState.RAX] = m & 0xFFFF_FFFFL;
                r[CpuState.RDX] = m >>> 32;
            }
            cpu.setArith(cpu.arith() & ~Flags.ZF | (eq ? Flags.ZF : 0));
        }
        return u.next;
    }

    Interpreter owner() { return owner; }

    SandboxMemory mem() { return mem; }
}
