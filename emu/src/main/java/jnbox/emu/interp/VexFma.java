package jnbox.emu.interp;

import jnbox.emu.mem.GuestFault;
import jnbox.emu.semantics.MxcsrEnv;
import jnbox.emu.semantics.SseMath;

/**
 * FMA3: {@code vf[n]madd/msub/maddsub/msubadd{132,213,231}{ps,pd,ss,sd}} (SDM vol. 2 VFMADD132PS
 * and siblings). The three digits name which operands are multiplied: with src1 = the destination
 * (ModRM.reg), src2 = VEX.vvvv and src3 = ModRM.r/m, 132 computes src1*src3 ± src2, 213
 * src2*src1 ± src3 and 231 src2*src3 ± src1, each with a single rounding. The n-forms negate
 * the product; maddsub subtracts in the even elements and adds in the odd ones, msubadd the
 * reverse. Scalar forms keep bits 32/64..127 of the destination and zero 128..255. Each lane is
 * {@link SseMath#fma} under the full MXCSR (rounding modes, FTZ/DAZ, exception flags).
 */
final class VexFma {
    /** Variants (bits 12-14 of Uop.sub): product sign and addend sign. */
    static final int MADD = 0, MSUB = 1, NMADD = 2, NMSUB = 3, MADDSUB = 4, MSUBADD = 5;
    /** Types (bits 10-11). */
    static final int PS = 0, PD = 1, SS = 2, SD = 3;

    private final IntExec x;
    private final VexExec v;

    VexFma(IntExec x, VexExec v) {
        this.x = x;
        this.v = v;
    }

    /** The encoded operation for an FMA3 mnemonic ({@code VFMADD132PS}...), or -1. */
    static int opOf(String m) {
        String[] names = {"VFMADD", "VFMSUB", "VFNMADD", "VFNMSUB", "VFMADDSUB", "VFMSUBADD"};
        int variant = -1;
        String rest = null;
        for (int i = 0; i < names.length; i++) {
            String r = m.startsWith(names[i]) ? m.substring(names[i].length()) : null;
            if (r != null && r.length() == 5 && Character.isDigit(r.charAt(0))) {
                variant = i;
                rest = r;
            }
        }
        if (variant < 0) return -1;
        int order = switch (rest.substring(0, 3)) {
            case "132" -> 0;
            case "213" -> 1;
            case "231" -> 2;
            default -> -1;
        };
        int type = switch (rest.substring(3)) {
            case "PS" -> PS;
            case "PD" -> PD;
            case "SS" -> SS;
            case "SD" -> SD;
            default -> -1;
        };
        if (order < 0 || type < 0 || (variant >= MADDSUB && type >= SS)) return -1;
        return VexExec.FMA | order << 8 | type << 10 | variant << 12;
    }

    /** The MXCSR context of the current instruction (one per thread's interpreter: no allocation). */
    private final MxcsrEnv env = new MxcsrEnv();

    long exec(Uop u) {
        int order = u.sub >>> 8 & 3, type = u.sub >>> 10 & 3, variant = u.sub >>> 12 & 7;
        int mx = x.cpu.mxcsr;
        long[] s1 = v.res, s2 = v.a, s3 = v.b;
        int n = u.size;
        boolean scalar = type >= SS;
        v.read(u, u.op0, scalar ? 16 : n, s1);
        v.read(u, u.op1, scalar ? 16 : n, s2);
        v.read(u, u.op2, scalar ? (type == SS ? 4 : 8) : n, s3);
        boolean dbl = type == PD || type == SD;
        int count = scalar ? 1 : dbl ? n / 8 : n / 4;
        boolean negProduct = variant == NMADD || variant == NMSUB;
        // 132: src1*src3 + src2, 213: src2*src1 + src3, 231: src2*src3 + src1
        long[] fa = order == 0 ? s1 : s2, fb = order == 1 ? s1 : s3, fc = order == 0 ? s2 : order == 1 ? s3 : s1;
        env.begin(mx);
        long[] out = v.c;
        out[0] = s1[0];
        out[1] = s1[1];
        out[2] = out[3] = 0;
        for (int i = 0; i < count; i++) {
            boolean subtract = switch (variant) {
                case MSUB, NMSUB -> true;
                case MADDSUB -> (i & 1) == 0;
                case MSUBADD -> (i & 1) == 1;
                default -> false;
            };
            if (dbl) {
                out[i] = SseMath.fma(fa[i], fb[i], fc[i], negProduct, subtract, env);
            } else {
                int sh = (i & 1) * 32, w = i >> 1;
                int r = SseMath.fma((int) (fa[w] >>> sh), (int) (fb[w] >>> sh), (int) (fc[w] >>> sh),
                        negProduct, subtract, env);
                out[w] = (out[w] & ~(0xFFFF_FFFFL << sh)) | (r & 0xFFFF_FFFFL) << sh;
            }
        }
        int flags = env.flags;
        if ((flags & ~(mx >>> 7) & 0x3F) != 0) { // an unmasked exception: #XM before anything is written
            throw new GuestFault(GuestFault.Kind.DIVIDE, GuestFault.SIGFPE, 0, "SIMD floating-point exception");
        }
        x.cpu.mxcsr = mx | flags;
        v.write(u, u.op0, scalar ? 16 : n, out);
        return u.next;
    }
}
