package jnbox.emu.semantics;

import static jnbox.emu.semantics.Flags.mask;

/**
 * Integer ALU operations (SDM vol. 2: ADD, ADC, SUB, SBB, AND, OR, XOR, NOT, NEG, INC, DEC, CMP,
 * TEST). Each takes the operand size in bytes (1, 2, 4, 8) and zero-extended operands, and returns
 * the zero-extended result. The flags come from {@link Flags#compute} with the kind named in each
 * method's doc; CMP and TEST are SUB and AND with the result dropped.
 */
public final class Alu {
    private Alu() {}

    /** ADD; flags kind {@link Flags#ADD}. */
    public static long add(int size, long a, long b) { return (a + b) & mask(size); }

    /** ADC; flags kind {@link Flags#ADC} when {@code cf} is 1, else {@link Flags#ADD}. */
    public static long adc(int size, long a, long b, long cf) { return (a + b + cf) & mask(size); }

    /** SUB and CMP; flags kind {@link Flags#SUB}. */
    public static long sub(int size, long a, long b) { return (a - b) & mask(size); }

    /** SBB; flags kind {@link Flags#SBB} when {@code cf} is 1, else {@link Flags#SUB}. */
    public static long sbb(int size, long a, long b, long cf) { return (a - b - cf) & mask(size); }

    /** AND and TEST; flags kind {@link Flags#LOGIC}. */
    public static long and(int size, long a, long b) { return a & b & mask(size); }

    /** OR; flags kind {@link Flags#LOGIC}. */
    public static long or(int size, long a, long b) { return (a | b) & mask(size); }

    /** XOR; flags kind {@link Flags#LOGIC}. */
    public static long xor(int size, long a, long b) { return (a ^ b) & mask(size); }

    /** NOT; flags unchanged. */
    public static long not(int size, long a) { return ~a & mask(size); }

    /** NEG is {@code 0 - a}: flags kind {@link Flags#SUB} with operands (0, a). */
    public static long neg(int size, long a) { return -a & mask(size); }

    /** INC; flags kind {@link Flags#INC} with b = the old CF. */
    public static long inc(int size, long a) { return (a + 1) & mask(size); }

    /** DEC; flags kind {@link Flags#DEC} with b = the old CF. */
    public static long dec(int size, long a) { return (a - 1) & mask(size); }

    /** Writes a {@code size}-byte result into a 64-bit register value (SDM vol. 1 §3.4.1.1). */
    public static long merge(int size, long old, long v) {
        return switch (size) {
            case 1 -> (old & ~0xFFL) | (v & 0xFF);
            case 2 -> (old & ~0xFFFFL) | (v & 0xFFFF);
            case 4 -> v & 0xFFFF_FFFFL;
            default -> v;
        };
    }

    /** MOVSX: sign-extends the low {@code from} bytes of v to {@code to} bytes (zero-extended). */
    public static long movsx(int to, int from, long v) { return Flags.sext(from, v) & mask(to); }

    /** BSWAP (32 or 64 bits; 16-bit is undefined and not produced by compilers). */
    public static long bswap(int size, long v) {
        return size == 8 ? Long.reverseBytes(v) : Integer.reverseBytes((int) v) & 0xFFFF_FFFFL;
    }
}
