package jnbox.emu.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import jnbox.emu.mem.GuestFault;
import org.junit.jupiter.api.Test;

/**
 * Rules stated by the SDM that the host tables cannot cover: #DE conditions, the RCP/RSQRT error
 * bound (vol. 2 RCPSS: |relative error| <= 1.5 * 2^-12) and their special cases, and lazy-flag
 * condition evaluation agreeing with materialized flags.
 */
class SdmRulesTest {
    @Test
    void divideErrors() {
        // DIV: #DE when the divisor is 0 or the quotient is too large for the destination
        assertThatThrownBy(() -> DivMul.divQuot(4, 0, 5, 0)).isInstanceOf(GuestFault.class)
                .extracting(e -> ((GuestFault) e).signal()).isEqualTo(GuestFault.SIGFPE);
        assertThatThrownBy(() -> DivMul.divQuot(8, 7, 0, 7)).isInstanceOf(GuestFault.class);
        assertThatThrownBy(() -> DivMul.idivQuot(8, -1, Long.MIN_VALUE, -1)).isInstanceOf(GuestFault.class);
        assertThatThrownBy(() -> DivMul.idivQuot(1, 0xFF, 0x80, 0xFF)).isInstanceOf(GuestFault.class);
        // the most negative quotient fits: (-2^63) / 1
        assertThat(DivMul.idivQuot(8, -1, Long.MIN_VALUE, 1)).isEqualTo(Long.MIN_VALUE);
        assertThat(DivMul.idivRem(8, -1, -7, 2)).isEqualTo(-1);  // remainder has the dividend's sign
    }

    @Test
    void udiv128AgainstBigInteger() {
        Random rnd = new Random(42);
        System.out.println("udiv128AgainstBigInteger seed 42");
        for (int i = 0; i < 20000; i++) {
            long d = rnd.nextLong() | 1;
            long hi = Long.remainderUnsigned(rnd.nextLong(), d);
            long lo = rnd.nextLong();
            var n = new java.math.BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).add(new java.math.BigInteger(Long.toUnsignedString(lo)));
            var dd = new java.math.BigInteger(Long.toUnsignedString(d));
            var qr = n.divideAndRemainder(dd);
            assertThat(DivMul.divQuot(8, hi, lo, d)).isEqualTo(qr[0].longValue());
            assertThat(DivMul.divRem(8, hi, lo, d)).isEqualTo(qr[1].longValue());
        }
    }

    @Test
    void reciprocalApproximationsWithinTheBound() {
        Random rnd = new Random(7);
        System.out.println("reciprocalApproximationsWithinTheBound seed 7");
        for (int i = 0; i < 100000; i++) {
            int bits = rnd.nextInt() & 0x7FFF_FFFF;
            float x = Float.intBitsToFloat(bits);
            if (Float.isNaN(x) || Float.isInfinite(x) || Math.abs(x) < Float.MIN_NORMAL) continue;
            float r = Float.intBitsToFloat(SseFloat.rcpss(bits));
            double exact = 1.0 / x;
            if (Math.abs(exact) >= Float.MIN_NORMAL) assertThat(Math.abs(r - exact) / Math.abs(exact)).isLessThanOrEqualTo(1.5 * 0x1p-12);
            float s = Float.intBitsToFloat(SseFloat.rsqrtss(bits));
            double es = 1.0 / Math.sqrt(x);
            assertThat(Math.abs(s - es) / es).isLessThanOrEqualTo(1.5 * 0x1p-12);
        }
        assertThat(SseFloat.rcpss(0x8000_0000)).isEqualTo(0xFF80_0000);       // -0 -> -inf
        assertThat(SseFloat.rcpss(0x7F80_0000)).isEqualTo(0);                 // inf -> +0
        assertThat(SseFloat.rsqrtss(0xBF80_0000)).isEqualTo(SseFloat.INDEFINITE_S); // -1 -> indefinite
        assertThat(SseFloat.rsqrtss(0x7FA0_0000)).isEqualTo(0x7FE0_0000);     // SNaN quieted
    }

    @Test
    void lazyConditionsAgreeWithMaterializedFlags() {
        Random rnd = new Random(99);
        System.out.println("lazyConditionsAgreeWithMaterializedFlags seed 99");
        long[] edge = {0, 1, 0x7F, 0x80, 0xFF, 0x7FFF_FFFFL, 0x8000_0000L, -1L, Long.MIN_VALUE, Long.MAX_VALUE};
        for (int i = 0; i < 200000; i++) {
            int kind = 1 + rnd.nextInt(Flags.MUL);
            int size = 1 << rnd.nextInt(4);
            long m = Flags.mask(size);
            long a = (rnd.nextBoolean() ? edge[rnd.nextInt(edge.length)] : rnd.nextLong()) & m;
            long b = (rnd.nextBoolean() ? edge[rnd.nextInt(edge.length)] : rnd.nextLong()) & m;
            long res;
            switch (kind) {
                case Flags.ADD -> res = Alu.add(size, a, b);
                case Flags.ADC -> res = Alu.adc(size, a, b, 1);
                case Flags.SUB -> res = Alu.sub(size, a, b);
                case Flags.SBB -> res = Alu.sbb(size, a, b, 1);
                case Flags.INC -> { b &= 1; res = Alu.inc(size, a); }
                case Flags.DEC -> { b &= 1; res = Alu.dec(size, a); }
                case Flags.LOGIC -> res = Alu.and(size, a, b);
                case Flags.SHL, Flags.SHR, Flags.SAR -> {
                    b = 1 + rnd.nextInt(size == 8 ? 63 : 31);
                    res = kind == Flags.SHL ? Shift.shl(size, a, (int) b) : kind == Flags.SHR ? Shift.shr(size, a, (int) b) : Shift.sar(size, a, (int) b);
                }
                default -> { a &= 1; res = rnd.nextLong() & m; }
            }
            int op = Flags.op(kind, size);
            long f = Flags.compute(op, a, b, res);
            for (int cc = 0; cc < 16; cc++) {
                assertThat(Flags.test(cc, op, a, b, res)).as("cc %d op %d a %x b %x res %x", cc, op, a, b, res).isEqualTo(Flags.cond(cc, f));
            }
            assertThat(Flags.carry(op, a, b, res)).isEqualTo(f & Flags.CF);
        }
    }
}
