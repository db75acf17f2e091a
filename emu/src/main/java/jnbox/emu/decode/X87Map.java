package jnbox.emu.decode;

import static jnbox.emu.decode.CpuFeature.*;
import static jnbox.emu.decode.Flag.*;
import static jnbox.emu.decode.Mnemonic.*;

/**
 * x87 escape opcodes D8-DF (SDM vol. 2 Tables ): memory forms by ModRM.reg, register
 * forms by ModRM.reg and rm ({@code STi}) or by the full ModRM byte. x87 operands are not
 * general registers, so "writes" here only matters for memory destinations (fst, fist...).
 */
final class X87Map extends TableSection {
    private static final Mnemonic[] ARITH = {FADD, FMUL, FCOM, FCOMP, FSUB, FSUBR, FDIV, FDIVR};
    private static final Mnemonic[] IARITH = {FIADD, FIMUL, FICOM, FICOMP, FISUB, FISUBR, FIDIV, FIDIVR};
    /**
     * DC and DE register forms in Intel order (DC E0+i is fsubr st(i), st(0)). /2 and /3 are
     * reserved in SDM Tables A-19/A-21 (some CPUs alias them to fcom/fcomp; not decoded).
     */
    private static final Mnemonic[] ARITH_DC = {FADD, FMUL, null, null, FSUBR, FSUB, FDIVR, FDIV};
    private static final Mnemonic[] ARITH_P = {FADDP, FMULP, null, null, FSUBRP, FSUBP, FDIVRP, FDIVP};

    @Override
    void rows() {
        for (int r = 0; r < 8; r++) {
            Attr[] w = r == 2 || r == 3 ? new Attr[] {X87, NOWRITE} : new Attr[] {X87};
            // Arithmetic with st(0) as destination: memory operands never written.
            op("D8 /" + r, ARITH[r], "Md", X87, NOWRITE);
            op("D8 /" + r, ARITH[r], r == 2 || r == 3 ? "STi" : "ST0,STi", w);
            op("DA /" + r, IARITH[r], "Md", X87, NOWRITE);
            op("DC /" + r, ARITH[r], "Mq", X87, NOWRITE);
            op("DE /" + r, IARITH[r], "Mw", X87, NOWRITE);
            if (r != 2 && r != 3) op("DC /" + r, ARITH_DC[r], "STi,ST0", X87);
            if (r == 3) {
                op("DE D9", FCOMPP, "", X87);
            } else if (r != 2) {
                op("DE /" + r, ARITH_P[r], "STi,ST0", X87);
            }
        }
        // D9
        op("D9 /0", FLD, "Md", X87, NOWRITE);
        op("D9 /2", FST, "Md", X87);
        op("D9 /3", FSTP, "Md", X87);
        op("D9 /4", FLDENV, "M", X87, NOWRITE);
        op("D9 /5", FLDCW, "Mw", X87, NOWRITE);
        op("D9 /6", FNSTENV, "M", X87);
        op("D9 /7", FNSTCW, "Mw", X87);
        op("D9 /0", FLD, "STi", X87, NOWRITE);
        op("D9 /1", FXCH, "STi", X87);
        op("D9 D0", FNOP, "", X87);
        op("D9 E0", FCHS, "", X87);
        op("D9 E1", FABS, "", X87);
        op("D9 E4", FTST, "", X87);
        op("D9 E5", FXAM, "", X87);
        op("D9 E8", FLD1, "", X87);
        op("D9 E9", FLDL2T, "", X87);
        op("D9 EA", FLDL2E, "", X87);
        op("D9 EB", FLDPI, "", X87);
        op("D9 EC", FLDLG2, "", X87);
        op("D9 ED", FLDLN2, "", X87);
        op("D9 EE", FLDZ, "", X87);
        op("D9 F0", F2XM1, "", X87);
        op("D9 F1", FYL2X, "", X87);
        op("D9 F2", FPTAN, "", X87);
        op("D9 F3", FPATAN, "", X87);
        op("D9 F4", FXTRACT, "", X87);
        op("D9 F5", FPREM1, "", X87);
        op("D9 F6", FDECSTP, "", X87);
        op("D9 F7", FINCSTP, "", X87);
        op("D9 F8", FPREM, "", X87);
        op("D9 F9", FYL2XP1, "", X87);
        op("D9 FA", FSQRT, "", X87);
        op("D9 FB", FSINCOS, "", X87);
        op("D9 FC", FRNDINT, "", X87);
        op("D9 FD", FSCALE, "", X87);
        op("D9 FE", FSIN, "", X87);
        op("D9 FF", FCOS, "", X87);
        // DA
        op("DA /0", FCMOVB, "ST0,STi", CMOV_X87);
        op("DA /1", FCMOVE, "ST0,STi", CMOV_X87);
        op("DA /2", FCMOVBE, "ST0,STi", CMOV_X87);
        op("DA /3", FCMOVU, "ST0,STi", CMOV_X87);
        op("DA E9", FUCOMPP, "", X87);
        // DB
        op("DB /0", FILD, "Md", X87, NOWRITE);
        op("DB /1", FISTTP, "Md", SSE3);
        op("DB /2", FIST, "Md", X87);
        op("DB /3", FISTP, "Md", X87);
        op("DB /5", FLD, "Mt", X87, NOWRITE);
        op("DB /7", FSTP, "Mt", X87);
        op("DB /0", FCMOVNB, "ST0,STi", CMOV_X87);
        op("DB /1", FCMOVNE, "ST0,STi", CMOV_X87);
        op("DB /2", FCMOVNBE, "ST0,STi", CMOV_X87);
        op("DB /3", FCMOVNU, "ST0,STi", CMOV_X87);
        op("DB E2", FNCLEX, "", X87);
        op("DB E3", FNINIT, "", X87);
        op("DB /5", FUCOMI, "ST0,STi", CMOV, NOWRITE);
        op("DB /6", FCOMI, "ST0,STi", CMOV, NOWRITE);
        // DD
        op("DD /0", FLD, "Mq", X87, NOWRITE);
        op("DD /1", FISTTP, "Mq", SSE3);
        op("DD /2", FST, "Mq", X87);
        op("DD /3", FSTP, "Mq", X87);
        op("DD /4", FRSTOR, "M", X87, NOWRITE);
        op("DD /6", FNSAVE, "M", X87);
        op("DD /7", FNSTSW, "Mw", X87);
        op("DD /0", FFREE, "STi", X87);
        op("DD /2", FST, "STi", X87);
        op("DD /3", FSTP, "STi", X87);
        op("DD /4", FUCOM, "STi", X87, NOWRITE);
        op("DD /5", FUCOMP, "STi", X87, NOWRITE);
        // DF
        op("DF /0", FILD, "Mw", X87, NOWRITE);
        op("DF /1", FISTTP, "Mw", SSE3);
        op("DF /2", FIST, "Mw", X87);
        op("DF /3", FISTP, "Mw", X87);
        op("DF /4", FBLD, "Mt", X87, NOWRITE);
        op("DF /5", FILD, "Mq", X87, NOWRITE);
        op("DF /6", FBSTP, "Mt", X87);
        op("DF /7", FISTP, "Mq", X87);
        op("DF E0", FNSTSW, "AX", X87);
        op("DF /5", FUCOMIP, "ST0,STi", CMOV, NOWRITE);
        op("DF /6", FCOMIP, "ST0,STi", CMOV, NOWRITE);
        // 8087/287 leftovers (no-ops since the 387) and ffreep (AMD-documented); not in NaCl.
        op("DB E0", FNENI, "", X87, ABSENT);
        op("DB E1", FNDISI, "", X87, ABSENT);
        op("DB E4", FNSETPM, "", X87, ABSENT);
        op("DF /0", FFREEP, "STi", X87, ABSENT);
    }
}
