package jnbox.emu.decode;

import static jnbox.emu.decode.CpuFeature.*;
import static jnbox.emu.decode.Flag.*;
import static jnbox.emu.decode.Mnemonic.*;

/**
 * MMX, SSE, SSE2, SSE3, SSE4A rows of the two-byte map {@code 0F xx} (SDM vol. 2 Table A-3 with
 * its NP/66/F3/F2 columns; groups 12-14 from Table A-6; AMD APM vol. 4 for SSE4A). The prefix
 * column is the mandatory prefix, so {@code 66} here does not change the operand size.
 */
final class SseMap extends TableSection {

    @Override
    void rows() {
        // 0F 10-17: moves.
        op("NP 0F 10 /r", MOVUPS, "Vps,Wps", SSE);
        op("66 0F 10 /r", MOVUPD, "Vpd,Wpd", SSE2);
        op("F3 0F 10 /r", MOVSS, "Vss,Wss", SSE);
        op("F2 0F 10 /r", MOVSD, "Vsd,Wsd", SSE2);
        op("NP 0F 11 /r", MOVUPS, "Wps,Vps", SSE);
        op("66 0F 11 /r", MOVUPD, "Wpd,Vpd", SSE2);
        op("F3 0F 11 /r", MOVSS, "Wss,Vss", SSE);
        op("F2 0F 11 /r", MOVSD, "Wsd,Vsd", SSE2);
        op("NP 0F 12 /r", MOVLPS, "Vq,Mq", SSE);
        op("NP 0F 12 /r", MOVHLPS, "Vq,Uq", SSE);
        op("66 0F 12 /r", MOVLPD, "Vq,Mq", SSE2);
        op("F3 0F 12 /r", MOVSLDUP, "Vps,Wps", SSE3);
        op("F2 0F 12 /r", MOVDDUP, "Vpd,Wsd", SSE3);
        op("NP 0F 13 /r", MOVLPS, "Mq,Vq", SSE);
        op("66 0F 13 /r", MOVLPD, "Mq,Vq", SSE2);
        psPd(0x14, UNPCKLPS, UNPCKLPD);
        psPd(0x15, UNPCKHPS, UNPCKHPD);
        op("NP 0F 16 /r", MOVHPS, "Vq,Mq", SSE);
        op("NP 0F 16 /r", MOVLHPS, "Vq,Uq", SSE);
        op("66 0F 16 /r", MOVHPD, "Vq,Mq", SSE2);
        op("F3 0F 16 /r", MOVSHDUP, "Vps,Wps", SSE3);
        op("NP 0F 17 /r", MOVHPS, "Mq,Vq", SSE);
        op("66 0F 17 /r", MOVHPD, "Mq,Vq", SSE2);
        // 0F 28-2F: aligned moves, conversions, compares.
        op("NP 0F 28 /r", MOVAPS, "Vps,Wps", SSE);
        op("66 0F 28 /r", MOVAPD, "Vpd,Wpd", SSE2);
        op("NP 0F 29 /r", MOVAPS, "Wps,Vps", SSE);
        op("66 0F 29 /r", MOVAPD, "Wpd,Vpd", SSE2);
        op("NP 0F 2A /r", CVTPI2PS, "Vps,Qpi", SSE);
        op("66 0F 2A /r", CVTPI2PD, "Vpd,Qpi", SSE2);
        op("F3 0F 2A /r", CVTSI2SS, "Vss,Ey", SSE);
        op("F2 0F 2A /r", CVTSI2SD, "Vsd,Ey", SSE2);
        op("NP 0F 2B /r", MOVNTPS, "Mps,Vps", SSE, NONTEMPORAL);
        op("66 0F 2B /r", MOVNTPD, "Mpd,Vpd", SSE2, NONTEMPORAL);
        op("F3 0F 2B /r", MOVNTSS, "Md,Vss", SSE4A, NONTEMPORAL);
        op("F2 0F 2B /r", MOVNTSD, "Mq,Vsd", SSE4A, NONTEMPORAL);
        op("NP 0F 2C /r", CVTTPS2PI, "Ppi,Wq", SSE);
        op("66 0F 2C /r", CVTTPD2PI, "Ppi,Wpd", SSE2);
        op("F3 0F 2C /r", CVTTSS2SI, "Gy,Wss", SSE);
        op("F2 0F 2C /r", CVTTSD2SI, "Gy,Wsd", SSE2);
        op("NP 0F 2D /r", CVTPS2PI, "Ppi,Wq", SSE);
        op("66 0F 2D /r", CVTPD2PI, "Ppi,Wpd", SSE2);
        op("F3 0F 2D /r", CVTSS2SI, "Gy,Wss", SSE);
        op("F2 0F 2D /r", CVTSD2SI, "Gy,Wsd", SSE2);
        op("NP 0F 2E /r", UCOMISS, "Vss,Wss", SSE, NOWRITE);
        op("66 0F 2E /r", UCOMISD, "Vsd,Wsd", SSE2, NOWRITE);
        op("NP 0F 2F /r", COMISS, "Vss,Wss", SSE, NOWRITE);
        op("66 0F 2F /r", COMISD, "Vsd,Wsd", SSE2, NOWRITE);
        // 0F 50-5F: packed/scalar floating point.
        op("NP 0F 50 /r", MOVMSKPS, "Gy,Ups", SSE);
        op("66 0F 50 /r", MOVMSKPD, "Gy,Upd", SSE2);
        arith(0x51, SQRTPS, SQRTPD, SQRTSS, SQRTSD);
        op("NP 0F 52 /r", RSQRTPS, "Vps,Wps", SSE);
        op("F3 0F 52 /r", RSQRTSS, "Vss,Wss", SSE);
        op("NP 0F 53 /r", RCPPS, "Vps,Wps", SSE);
        op("F3 0F 53 /r", RCPSS, "Vss,Wss", SSE);
        psPd(0x54, ANDPS, ANDPD);
        psPd(0x55, ANDNPS, ANDNPD);
        psPd(0x56, ORPS, ORPD);
        psPd(0x57, XORPS, XORPD);
        arith(0x58, ADDPS, ADDPD, ADDSS, ADDSD);
        arith(0x59, MULPS, MULPD, MULSS, MULSD);
        op("NP 0F 5A /r", CVTPS2PD, "Vpd,Wq", SSE2);
        op("66 0F 5A /r", CVTPD2PS, "Vps,Wpd", SSE2);
        op("F3 0F 5A /r", CVTSS2SD, "Vsd,Wss", SSE2);
        op("F2 0F 5A /r", CVTSD2SS, "Vss,Wsd", SSE2);
        op("NP 0F 5B /r", CVTDQ2PS, "Vps,Wdq", SSE2);
        op("66 0F 5B /r", CVTPS2DQ, "Vdq,Wps", SSE2);
        op("F3 0F 5B /r", CVTTPS2DQ, "Vdq,Wps", SSE2);
        arith(0x5C, SUBPS, SUBPD, SUBSS, SUBSD);
        arith(0x5D, MINPS, MINPD, MINSS, MINSD);
        arith(0x5E, DIVPS, DIVPD, DIVSS, DIVSD);
        arith(0x5F, MAXPS, MAXPD, MAXSS, MAXSD);
        // 0F 60-7F: MMX (NP) and SSE2 integer (66).
        mmxSse(0x60, PUNPCKLBW, "Qd", MMX);
        mmxSse(0x61, PUNPCKLWD, "Qd", MMX);
        mmxSse(0x62, PUNPCKLDQ, "Qd", MMX);
        mmxSse(0x63, PACKSSWB, "Qq", MMX);
        mmxSse(0x64, PCMPGTB, "Qq", MMX);
        mmxSse(0x65, PCMPGTW, "Qq", MMX);
        mmxSse(0x66, PCMPGTD, "Qq", MMX);
        mmxSse(0x67, PACKUSWB, "Qq", MMX);
        mmxSse(0x68, PUNPCKHBW, "Qq", MMX);
        mmxSse(0x69, PUNPCKHWD, "Qq", MMX);
        mmxSse(0x6A, PUNPCKHDQ, "Qq", MMX);
        mmxSse(0x6B, PACKSSDW, "Qq", MMX);
        op("66 0F 6C /r", PUNPCKLQDQ, "Vx,Wx", SSE2);
        op("66 0F 6D /r", PUNPCKHQDQ, "Vx,Wx", SSE2);
        op("NP REX.W 0F 6E /r", MOVQ, "Pq,Eq", MMX);
        op("NP 0F 6E /r", MOVD, "Pq,Ed", MMX);
        op("66 REX.W 0F 6E /r", MOVQ, "Vdq,Eq", SSE2);
        op("66 0F 6E /r", MOVD, "Vdq,Ed", SSE2);
        op("NP 0F 6F /r", MOVQ, "Pq,Qq", MMX);
        op("66 0F 6F /r", MOVDQA, "Vx,Wx", SSE2);
        op("F3 0F 6F /r", MOVDQU, "Vx,Wx", SSE2);
        op("NP 0F 70 /r ib", PSHUFW, "Pq,Qq,Ib", EMMX_SSE);
        op("66 0F 70 /r ib", PSHUFD, "Vx,Wx,Ib", SSE2);
        op("F3 0F 70 /r ib", PSHUFHW, "Vx,Wx,Ib", SSE2);
        op("F2 0F 70 /r ib", PSHUFLW, "Vx,Wx,Ib", SSE2);
        shiftImm(0x71, 2, PSRLW);
        shiftImm(0x71, 4, PSRAW);
        shiftImm(0x71, 6, PSLLW);
        shiftImm(0x72, 2, PSRLD);
        shiftImm(0x72, 4, PSRAD);
        shiftImm(0x72, 6, PSLLD);
        shiftImm(0x73, 2, PSRLQ);
        op("66 0F 73 /3 ib", PSRLDQ, "Ux,Ib", SSE2);
        shiftImm(0x73, 6, PSLLQ);
        op("66 0F 73 /7 ib", PSLLDQ, "Ux,Ib", SSE2);
        mmxSse(0x74, PCMPEQB, "Qq", MMX);
        mmxSse(0x75, PCMPEQW, "Qq", MMX);
        mmxSse(0x76, PCMPEQD, "Qq", MMX);
        op("NP 0F 77", EMMS, "", MMX);
        op("66 0F 78 /0 ib ib", EXTRQ, "Uq,Ib,Ib", SSE4A, FORBIDDEN); // NaCl .def: nacl-forbidden
        op("F2 0F 78 /r ib ib", INSERTQ, "Vq,Uq,Ib,Ib", SSE4A);
        op("66 0F 79 /r", EXTRQ, "Vq,Uq", SSE4A);
        op("F2 0F 79 /r", INSERTQ, "Vq,Uq", SSE4A);
        op("NP 0F 78 /r", VMREAD, "Eq,Gq", VMX, FORBIDDEN);
        op("NP 0F 79 /r", VMWRITE, "Gq,Eq", VMX, NOWRITE, FORBIDDEN);
        op("66 0F 7C /r", HADDPD, "Vpd,Wpd", SSE3);
        op("F2 0F 7C /r", HADDPS, "Vps,Wps", SSE3);
        op("66 0F 7D /r", HSUBPD, "Vpd,Wpd", SSE3);
        op("F2 0F 7D /r", HSUBPS, "Vps,Wps", SSE3);
        op("NP REX.W 0F 7E /r", MOVQ, "Eq,Pq", MMX);
        op("NP 0F 7E /r", MOVD, "Ed,Pq", MMX, ZX);
        op("66 REX.W 0F 7E /r", MOVQ, "Eq,Vdq", SSE2);
        op("66 0F 7E /r", MOVD, "Ed,Vdq", SSE2, ZX);
        op("F3 0F 7E /r", MOVQ, "Vdq,Wq", SSE2);
        op("NP 0F 7F /r", MOVQ, "Qq,Pq", MMX);
        op("66 0F 7F /r", MOVDQA, "Wx,Vx", SSE2);
        op("F3 0F 7F /r", MOVDQU, "Wx,Vx", SSE2);
        // 0F C2-C6.
        op("NP 0F C2 /r ib", CMPPS, "Vps,Wps,Ib", SSE);
        op("66 0F C2 /r ib", CMPPD, "Vpd,Wpd,Ib", SSE2);
        op("F3 0F C2 /r ib", CMPSS, "Vss,Wss,Ib", SSE);
        op("F2 0F C2 /r ib", CMPSD, "Vsd,Wsd,Ib", SSE2);
        op("NP 0F C3 /r", MOVNTI, "My,Gy", SSE2, NONTEMPORAL);
        op("NP 0F C4 /r ib", PINSRW, "Pq,Ed/w,Ib", EMMX_SSE);
        op("66 0F C4 /r ib", PINSRW, "Vdq,Ed/w,Ib", SSE2);
        op("NP 0F C5 /r ib", PEXTRW, "Gd,Nq,Ib", EMMX_SSE);
        op("66 0F C5 /r ib", PEXTRW, "Gd,Udq,Ib", SSE2);
        op("NP 0F C6 /r ib", SHUFPS, "Vps,Wps,Ib", SSE);
        op("66 0F C6 /r ib", SHUFPD, "Vpd,Wpd,Ib", SSE2);
        // 0F D0-FF.
        op("66 0F D0 /r", ADDSUBPD, "Vpd,Wpd", SSE3);
        op("F2 0F D0 /r", ADDSUBPS, "Vps,Wps", SSE3);
        mmxSse(0xD1, PSRLW, "Qq", MMX);
        mmxSse(0xD2, PSRLD, "Qq", MMX);
        mmxSse(0xD3, PSRLQ, "Qq", MMX);
        mmxSse(0xD4, PADDQ, "Qq", SSE2);
        mmxSse(0xD5, PMULLW, "Qq", MMX);
        op("66 0F D6 /r", MOVQ, "Wq,Vq", SSE2);
        op("F3 0F D6 /r", MOVQ2DQ, "Vdq,Nq", SSE2);
        op("F2 0F D6 /r", MOVDQ2Q, "Pq,Uq", SSE2);
        op("NP 0F D7 /r", PMOVMSKB, "Gy,Nq", EMMX_SSE);
        op("66 0F D7 /r", PMOVMSKB, "Gy,Ux", SSE2);
        mmxSse(0xD8, PSUBUSB, "Qq", MMX);
        mmxSse(0xD9, PSUBUSW, "Qq", MMX);
        mmxSse(0xDA, PMINUB, "Qq", EMMX_SSE);
        mmxSse(0xDB, PAND, "Qq", MMX);
        mmxSse(0xDC, PADDUSB, "Qq", MMX);
        mmxSse(0xDD, PADDUSW, "Qq", MMX);
        mmxSse(0xDE, PMAXUB, "Qq", EMMX_SSE);
        mmxSse(0xDF, PANDN, "Qq", MMX);
        mmxSse(0xE0, PAVGB, "Qq", EMMX_SSE);
        mmxSse(0xE1, PSRAW, "Qq", MMX);
        mmxSse(0xE2, PSRAD, "Qq", MMX);
        mmxSse(0xE3, PAVGW, "Qq", EMMX_SSE);
        mmxSse(0xE4, PMULHUW, "Qq", EMMX_SSE);
        mmxSse(0xE5, PMULHW, "Qq", MMX);
        op("66 0F E6 /r", CVTTPD2DQ, "Vdq,Wpd", SSE2);
        op("F3 0F E6 /r", CVTDQ2PD, "Vpd,Wq", SSE2);
        op("F2 0F E6 /r", CVTPD2DQ, "Vdq,Wpd", SSE2);
        op("NP 0F E7 /r", MOVNTQ, "Mq,Pq", EMMX_SSE, NONTEMPORAL);
        op("66 0F E7 /r", MOVNTDQ, "Mx,Vx", SSE2, NONTEMPORAL);
        mmxSse(0xE8, PSUBSB, "Qq", MMX);
        mmxSse(0xE9, PSUBSW, "Qq", MMX);
        mmxSse(0xEA, PMINSW, "Qq", EMMX_SSE);
        mmxSse(0xEB, POR, "Qq", MMX);
        mmxSse(0xEC, PADDSB, "Qq", MMX);
        mmxSse(0xED, PADDSW, "Qq", MMX);
        mmxSse(0xEE, PMAXSW, "Qq", EMMX_SSE);
        mmxSse(0xEF, PXOR, "Qq", MMX);
        op("F2 0F F0 /r", LDDQU, "Vx,Mx", SSE3);
        mmxSse(0xF1, PSLLW, "Qq", MMX);
        mmxSse(0xF2, PSLLD, "Qq", MMX);
        mmxSse(0xF3, PSLLQ, "Qq", MMX);
        mmxSse(0xF4, PMULUDQ, "Qq", SSE2);
        mmxSse(0xF5, PMADDWD, "Qq", MMX);
        mmxSse(0xF6, PSADBW, "Qq", EMMX_SSE);
        op("NP 0F F7 /r", MASKMOVQ, "Pq,Nq", EMMX_SSE, NOWRITE, FORBIDDEN);
        op("66 0F F7 /r", MASKMOVDQU, "Vdq,Udq", SSE2, NOWRITE, FORBIDDEN);
        mmxSse(0xF8, PSUBB, "Qq", MMX);
        mmxSse(0xF9, PSUBW, "Qq", MMX);
        mmxSse(0xFA, PSUBD, "Qq", MMX);
        mmxSse(0xFB, PSUBQ, "Qq", SSE2);
        mmxSse(0xFC, PADDB, "Qq", MMX);
        mmxSse(0xFD, PADDW, "Qq", MMX);
        mmxSse(0xFE, PADDD, "Qq", MMX);
    }

    /** {@code NP 0F op}: MMX form on mm registers; {@code 66 0F op}: SSE2 form on xmm. */
    private void mmxSse(int opc, Mnemonic m, String mmxSrc, CpuFeature mmx) {
        op("NP 0F " + hex(opc) + " /r", m, "Pq," + mmxSrc, mmx);
        op("66 0F " + hex(opc) + " /r", m, "Vx,Wx", SSE2);
    }

    /** Packed single (NP, SSE) and packed double (66, SSE2). */
    private void psPd(int opc, Mnemonic ps, Mnemonic pd) {
        op("NP 0F " + hex(opc) + " /r", ps, "Vps,Wps", SSE);
        op("66 0F " + hex(opc) + " /r", pd, "Vpd,Wpd", SSE2);
    }

    /** The four-way NP/66/F3/F2 arithmetic rows: ps, pd, ss, sd. */
    private void arith(int opc, Mnemonic ps, Mnemonic pd, Mnemonic ss, Mnemonic sd) {
        psPd(opc, ps, pd);
        op("F3 0F " + hex(opc) + " /r", ss, "Vss,Wss", SSE);
        op("F2 0F " + hex(opc) + " /r", sd, "Vsd,Wsd", SSE2);
    }

    /** Groups 12-14: shift by immediate, MMX (NP) and xmm (66). */
    private void shiftImm(int opc, int ext, Mnemonic m) {
        op("NP 0F " + hex(opc) + " /" + ext + " ib", m, "Nq,Ib", MMX);
        op("66 0F " + hex(opc) + " /" + ext + " ib", m, "Ux,Ib", SSE2);
    }
}
