package jnbox.emu.semantics;

import static jnbox.emu.semantics.Flags.AF;
import static jnbox.emu.semantics.Flags.ARITH;
import static jnbox.emu.semantics.Flags.CF;
import static jnbox.emu.semantics.Flags.OF;
import static jnbox.emu.semantics.Flags.PF;
import static jnbox.emu.semantics.Flags.SF;
import static jnbox.emu.semantics.Flags.ZF;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code semantics/alu.txt} (produced on the host CPU by {@code gen_alu.sh}) and replays each
 * row on the semantics library. The masks of architecturally undefined flags are the SDM's
 * (vol. 2, "Flags Affected" of each instruction); where jnbox also matches the host on undefined
 * flags the mask is narrower, as noted.
 */
final class HostReference {
    /** One host measurement: for shld/shrd res2 is the count; for div/idiv see {@link #exec}. */
    record Row(String mnemonic, int size, long a, long b, long flagsIn, long res, long res2, long flagsOut, int line) {
        @Override
        public String toString() {
            return String.format("line %d: %s size=%d a=%x b=%x fin=%x -> res=%x res2=%x flags=%x",
                    line, mnemonic, size, a, b, flagsIn, res, res2, flagsOut);
        }
    }

    /** What the semantics produced, and which flags the SDM leaves undefined for this case. */
    record Outcome(long res, long res2, long flags, long undefined, boolean resUndefined) {}

    static List<Row> rows() {
        var in = HostReference.class.getResourceAsStream("/semantics/alu.txt");
        if (in == null) throw new IllegalStateException("semantics/alu.txt missing from test resources");
        List<Row> out = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String s;
            int line = 0;
            while ((s = r.readLine()) != null) {
                line++;
                if (s.startsWith("#") || s.isBlank()) continue;
                String[] f = s.split(" ");
                out.add(new Row(f[0], Integer.parseInt(f[1]), hex(f[2]), hex(f[3]), hex(f[4]), hex(f[5]),
                        hex(f[6]), hex(f[7]), line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static long hex(String s) { return Long.parseUnsignedLong(s, 16); }

    /** Replays a row as the interpreter does: semantics for the result, Flags for the flags. */
    static Outcome exec(Row r) {
        int n = r.size();
        long a = r.a(), b = r.b(), fin = r.flagsIn() & ARITH, cf = fin & CF;
        switch (r.mnemonic()) {
            case "add", "xadd": { long v = Alu.add(n, a, b); return lazy(Flags.ADD, n, a, b, v, 0, 0); }
            case "adc": {
                long v = Alu.adc(n, a, b, cf);
                return lazy(cf != 0 ? Flags.ADC : Flags.ADD, n, a, b, v, 0, 0);
            }
            case "sub": { long v = Alu.sub(n, a, b); return lazy(Flags.SUB, n, a, b, v, 0, 0); }
            case "cmp": { long v = Alu.sub(n, a, b); return lazyKeep(Flags.SUB, n, a, b, v, a, 0); }
            case "sbb": {
                long v = Alu.sbb(n, a, b, cf);
                return lazy(cf != 0 ? Flags.SBB : Flags.SUB, n, a, b, v, 0, 0);
            }
            case "and": return lazy(Flags.LOGIC, n, a, b, Alu.and(n, a, b), 0, AF);
            case "or": return lazy(Flags.LOGIC, n, a, b, Alu.or(n, a, b), 0, AF);
            case "xor": return lazy(Flags.LOGIC, n, a, b, Alu.xor(n, a, b), 0, AF);
            case "test": { long v = Alu.and(n, a, b); return lazyKeep(Flags.LOGIC, n, a, b, v, a, AF); }
            case "inc": return lazy(Flags.INC, n, a, cf, Alu.inc(n, a), 0, 0);
            case "dec": return lazy(Flags.DEC, n, a, cf, Alu.dec(n, a), 0, 0);
            case "neg": return lazy(Flags.SUB, n, 0, a, Alu.neg(n, a), 0, 0);
            case "not": return new Outcome(Alu.not(n, a), 0, fin, 0, false);
            case "bswap": return new Outcome(Alu.bswap(n, a), 0, fin, 0, false);
            case "shl", "shr", "sar": {
                int c = Shift.count(n, b);
                if (c == 0) return new Outcome(a, 0, fin, 0, false);
                int kind = r.mnemonic().equals("shl") ? Flags.SHL : r.mnemonic().equals("shr") ? Flags.SHR : Flags.SAR;
                long v = kind == Flags.SHL ? Shift.shl(n, a, c) : kind == Flags.SHR ? Shift.shr(n, a, c) : Shift.sar(n, a, c);
                // SDM: AF undefined, OF undefined unless count 1; CF undefined for SHL/SHR when count >= width.
                long undef = AF | (c != 1 ? OF : 0) | (c >= n * 8 && kind != Flags.SAR ? CF : 0);
                return lazy(kind, n, a, c, v, 0, undef);
            }
            case "rol", "ror": {
                int c = Shift.count(n, b);
                if (c == 0) return new Outcome(a, 0, fin, 0, false);
                boolean rol = r.mnemonic().equals("rol");
                long v = rol ? Shift.rol(n, a, c) : Shift.ror(n, a, c);
                long f = rol ? Shift.rolFlags(n, v, fin) : Shift.rorFlags(n, v, fin);
                return new Outcome(v, 0, f, c != 1 ? OF : 0, false);
            }
            case "rcl", "rcr": {
                int c = Shift.count(n, b);
                if (c == 0) return new Outcome(a, 0, fin, 0, false);
                boolean rcl = r.mnemonic().equals("rcl");
                long v = rcl ? Shift.rcl(n, a, c, cf) : Shift.rcr(n, a, c, cf);
                long f = rcl ? Shift.rclFlags(n, a, c, fin) : Shift.rcrFlags(n, a, c, fin);
                return new Outcome(v, 0, f, c != 1 ? OF : 0, false);
            }
            case "shld", "shrd": {
                int c = Shift.count(n, r.res2());
                if (c == 0) return new Outcome(a, r.res2(), fin, 0, false);
                boolean l = r.mnemonic().equals("shld");
                long v = l ? Shift.shld(n, a, b, c) : Shift.shrd(n, a, b, c);
                long f = l ? Shift.shldFlags(n, a, b, c, v) : Shift.shrdFlags(n, a, b, c, v);
                boolean over = c > n * 8; // SDM: result and flags undefined
                return new Outcome(v, r.res2(), f, over ? ARITH : AF | (c != 1 ? OF : 0), over);
            }
            case "mul", "imul1": {
                boolean s = r.mnemonic().equals("imul1");
                long lo = DivMul.mulLo(n, a, b);
                long hi = s ? DivMul.imulHi(n, a, b) : DivMul.mulHi(n, a, b);
                long ov = s ? DivMul.imulOverflow(n, a, b) : DivMul.mulOverflow(n, a, b);
                return lazy(Flags.MUL, n, ov, 0, lo, hi, SF | ZF | AF | PF);
            }
            case "imul": {
                long lo = DivMul.mulLo(n, a, b);
                return lazy(Flags.MUL, n, DivMul.imulOverflow(n, a, b), 0, lo, 0, SF | ZF | AF | PF);
            }
            case "div", "idiv": {
                // Row layout: a = lo, b = hi, flagsIn = divisor, res = quotient, res2 = remainder.
                boolean s = r.mnemonic().equals("idiv");
                long hi = b, d = r.flagsIn();
                long q = s ? DivMul.idivQuot(n, hi, a, d) : DivMul.divQuot(n, hi, a, d);
                long rem = s ? DivMul.idivRem(n, hi, a, d) : DivMul.divRem(n, hi, a, d);
                return new Outcome(q, rem, 0, ARITH, false);
            }
            case "bt", "bts", "btr", "btc": {
                int bit = BitOps.bitOffset(n, b);
                long v = switch (r.mnemonic()) {
                    case "bts" -> BitOps.bts(a, bit);
                    case "btr" -> BitOps.btr(a, bit);
                    case "btc" -> BitOps.btc(a, bit);
                    default -> a;
                };
                return new Outcome(v & Flags.mask(n), 0, BitOps.btFlags(a, bit, fin), OF | SF | AF | PF, false);
            }
            case "bsf", "bsr": {
                long v = r.mnemonic().equals("bsf") ? BitOps.bsf(n, b, a) : BitOps.bsr(n, b, a);
                return new Outcome(v, 0, BitOps.bsfFlags(n, b, v), CF | OF | SF | AF | PF, false);
            }
            case "popcnt": return new Outcome(BitOps.popcnt(n, b), 0, BitOps.popcntFlags(n, b), 0, false);
            case "lzcnt", "tzcnt": {
                long v = r.mnemonic().equals("lzcnt") ? BitOps.lzcnt(n, b) : BitOps.tzcnt(n, b);
                return new Outcome(v, 0, BitOps.cntFlags(n, b, v), OF | SF | AF | PF, false);
            }
            default: throw new IllegalArgumentException("no replay for " + r.mnemonic());
        }
    }

    private static Outcome lazy(int kind, int size, long a, long b, long res, long res2, long undefined) {
        return new Outcome(res, res2, Flags.compute(Flags.op(kind, size), a, b, res), undefined, false);
    }

    /** For cmp/test: flags from the computed value, the destination keeps {@code kept}. */
    private static Outcome lazyKeep(int kind, int size, long a, long b, long v, long kept, long undefined) {
        return new Outcome(kept, 0, Flags.compute(Flags.op(kind, size), a, b, v), undefined, false);
    }

    /** Null when the row matches, else a description of the difference. */
    static String check(Row r) {
        Outcome o;
        try {
            o = exec(r);
        } catch (RuntimeException e) {
            return r + ": threw " + e;
        }
        boolean isDiv = r.mnemonic().endsWith("div");
        long expRes = r.res(), expRes2 = r.mnemonic().startsWith("sh") && r.mnemonic().endsWith("d") ? r.res2() : r.res2();
        if (r.mnemonic().equals("cmp")) expRes = r.res();
        if (!o.resUndefined() && (o.res() != expRes || o.res2() != expRes2)) {
            return r + ": got res=" + Long.toHexString(o.res()) + " res2=" + Long.toHexString(o.res2());
        }
        if (isDiv) return null;
        long keep = ARITH & ~o.undefined();
        if ((o.flags() & keep) != (r.flagsOut() & keep)) {
            return r + ": got flags=" + Long.toHexString(o.flags() & ARITH) + " (compared " + Long.toHexString(keep) + ")";
        }
        return null;
    }

    /** Like {@link #check} but also compares the undefined flags (how closely jnbox follows the host). */
    static boolean matchesUndefinedToo(Row r) {
        if (r.mnemonic().endsWith("div")) return true;
        Outcome o = exec(r);
        return o.resUndefined() || (o.flags() & ARITH) == (r.flagsOut() & ARITH);
    }
}
