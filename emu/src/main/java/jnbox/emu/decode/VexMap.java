package jnbox.emu.decode;

import static jnbox.emu.decode.CpuFeature.*;
import static jnbox.emu.decode.Flag.*;
import static jnbox.emu.decode.Mnemonic.*;

/**
 * VEX-encoded rows (SDM vol. 2 §2.3 and the instruction pages): AVX, AVX2, FMA3, F16C, AES/CLMUL
 * (VEX), BMI1/BMI2. VEX fields are written Intel-style, with two shorthands: {@code .L.} for rows
 * where VEX.L selects 128 or 256 bits ({@link OpForm#L_BOTH}), and {@code .W.} where VEX.W selects
 * a 32- or 64-bit general register ({@link OpForm#W_SIZE}). Integer rows flagged
 * {@link Flag#AVX2_L1} are AVX at 128 bits and AVX2 at 256 bits.
 */
final class VexMap extends TableSection {
    @Override
    void rows() {
        map1();
        map2();
        map3();
    }

    private void map1() {
        op("VEX.L.NP.0F.WIG 10 /r", VMOVUPS, "Vx,Wx", AVX);
        op("VEX.L.66.0F.WIG 10 /r", VMOVUPD, "Vx,Wx", AVX);
        op("VEX.LIG.F3.0F.WIG 10 /r", VMOVSS, "Vdq,Md", AVX);
        op("VEX.NDS.LIG.F3.0F.WIG 10 /r", VMOVSS, "Vdq,Hdq,Udq", AVX);
        op("VEX.LIG.F2.0F.WIG 10 /r", VMOVSD, "Vdq,Mq", AVX);
        op("VEX.NDS.LIG.F2.0F.WIG 10 /r", VMOVSD, "Vdq,Hdq,Udq", AVX);
        op("VEX.L.NP.0F.WIG 11 /r", VMOVUPS, "Wx,Vx", AVX);
        op("VEX.L.66.0F.WIG 11 /r", VMOVUPD, "Wx,Vx", AVX);
        op("VEX.LIG.F3.0F.WIG 11 /r", VMOVSS, "Md,Vdq", AVX);
        op("VEX.NDS.LIG.F3.0F.WIG 11 /r", VMOVSS, "Udq,Hdq,Vdq", AVX);
        op("VEX.LIG.F2.0F.WIG 11 /r", VMOVSD, "Mq,Vdq", AVX);
        op("VEX.NDS.LIG.F2.0F.WIG 11 /r", VMOVSD, "Udq,Hdq,Vdq", AVX);
        op("VEX.NDS.128.NP.0F.WIG 12 /r", VMOVLPS, "Vdq,Hdq,Mq", AVX);
        op("VEX.NDS.128.NP.0F.WIG 12 /r", VMOVHLPS, "Vdq,Hdq,Udq", AVX);
        op("VEX.NDS.128.66.0F.WIG 12 /r", VMOVLPD, "Vdq,Hdq,Mq", AVX);
        op("VEX.L.F3.0F.WIG 12 /r", VMOVSLDUP, "Vx,Wx", AVX);
        op("VEX.L.F2.0F.WIG 12 /r", VMOVDDUP, "Vx,Wx", AVX);
        op("VEX.128.NP.0F.WIG 13 /r", VMOVLPS, "Mq,Vdq", AVX);
        op("VEX.128.66.0F.WIG 13 /r", VMOVLPD, "Mq,Vdq", AVX);
        fp2(0x14, VUNPCKLPS, VUNPCKLPD);
        fp2(0x15, VUNPCKHPS, VUNPCKHPD);
        op("VEX.NDS.128.NP.0F.WIG 16 /r", VMOVHPS, "Vdq,Hdq,Mq", AVX);
        op("VEX.NDS.128.NP.0F.WIG 16 /r", VMOVLHPS, "Vdq,Hdq,Udq", AVX);
        op("VEX.NDS.128.66.0F.WIG 16 /r", VMOVHPD, "Vdq,Hdq,Mq", AVX);
        op("VEX.L.F3.0F.WIG 16 /r", VMOVSHDUP, "Vx,Wx", AVX);
        op("VEX.128.NP.0F.WIG 17 /r", VMOVHPS, "Mq,Vdq", AVX);
        op("VEX.128.66.0F.WIG 17 /r", VMOVHPD, "Mq,Vdq", AVX);
        op("VEX.L.NP.0F.WIG 28 /r", VMOVAPS, "Vx,Wx", AVX);
        op("VEX.L.66.0F.WIG 28 /r", VMOVAPD, "Vx,Wx", AVX);
        op("VEX.L.NP.0F.WIG 29 /r", VMOVAPS, "Wx,Vx", AVX);
        op("VEX.L.66.0F.WIG 29 /r", VMOVAPD, "Wx,Vx", AVX);
        op("VEX.NDS.LIG.F3.0F.W 2A /r", VCVTSI2SS, "Vdq,Hdq,Ey", AVX);
        op("VEX.NDS.LIG.F2.0F.W 2A /r", VCVTSI2SD, "Vdq,Hdq,Ey", AVX);
        op("VEX.L.NP.0F.WIG 2B /r", VMOVNTPS, "Mx,Vx", AVX, NONTEMPORAL);
        op("VEX.L.66.0F.WIG 2B /r", VMOVNTPD, "Mx,Vx", AVX, NONTEMPORAL);
        op("VEX.LIG.F3.0F.W 2C /r", VCVTTSS2SI, "Gy,Wss", AVX);
        op("VEX.LIG.F2.0F.W 2C /r", VCVTTSD2SI, "Gy,Wsd", AVX);
        op("VEX.LIG.F3.0F.W 2D /r", VCVTSS2SI, "Gy,Wss", AVX);
        op("VEX.LIG.F2.0F.W 2D /r", VCVTSD2SI, "Gy,Wsd", AVX);
        op("VEX.LIG.NP.0F.WIG 2E /r", VUCOMISS, "Vdq,Wss", AVX, NOWRITE);
        op("VEX.LIG.66.0F.WIG 2E /r", VUCOMISD, "Vdq,Wsd", AVX, NOWRITE);
        op("VEX.LIG.NP.0F.WIG 2F /r", VCOMISS, "Vdq,Wss", AVX, NOWRITE);
        op("VEX.LIG.66.0F.WIG 2F /r", VCOMISD, "Vdq,Wsd", AVX, NOWRITE);
        op("VEX.L.NP.0F.WIG 50 /r", VMOVMSKPS, "Gd,Ux", AVX);
        op("VEX.L.66.0F.WIG 50 /r", VMOVMSKPD, "Gd,Ux", AVX);
        op("VEX.L.NP.0F.WIG 51 /r", VSQRTPS, "Vx,Wx", AVX);
        op("VEX.L.66.0F.WIG 51 /r", VSQRTPD, "Vx,Wx", AVX);
        op("VEX.NDS.LIG.F3.0F.WIG 51 /r", VSQRTSS, "Vdq,Hdq,Wss", AVX);
        op("VEX.NDS.LIG.F2.0F.WIG 51 /r", VSQRTSD, "Vdq,Hdq,Wsd", AVX);
        op("VEX.L.NP.0F.WIG 52 /r", VRSQRTPS, "Vx,Wx", AVX);
        op("VEX.NDS.LIG.F3.0F.WIG 52 /r", VRSQRTSS, "Vdq,Hdq,Wss", AVX);
        op("VEX.L.NP.0F.WIG 53 /r", VRCPPS, "Vx,Wx", AVX);
        op("VEX.NDS.LIG.F3.0F.WIG 53 /r", VRCPSS, "Vdq,Hdq,Wss", AVX);
        fp2(0x54, VANDPS, VANDPD);
        fp2(0x55, VANDNPS, VANDNPD);
        fp2(0x56, VORPS, VORPD);
        fp2(0x57, VXORPS, VXORPD);
        fp4(0x58, VADDPS, VADDPD, VADDSS, VADDSD);
        fp4(0x59, VMULPS, VMULPD, VMULSS, VMULSD);
        op("VEX.L.NP.0F.WIG 5A /r", VCVTPS2PD, "Vx,Wxh", AVX);
        op("VEX.L.66.0F.WIG 5A /r", VCVTPD2PS, "Vdq,Wx", AVX);
        op("VEX.NDS.LIG.F3.0F.WIG 5A /r", VCVTSS2SD, "Vdq,Hdq,Wss", AVX);
        op("VEX.NDS.LIG.F2.0F.WIG 5A /r", VCVTSD2SS, "Vdq,Hdq,Wsd", AVX);
        op("VEX.L.NP.0F.WIG 5B /r", VCVTDQ2PS, "Vx,Wx", AVX);
        op("VEX.L.66.0F.WIG 5B /r", VCVTPS2DQ, "Vx,Wx", AVX);
        op("VEX.L.F3.0F.WIG 5B /r", VCVTTPS2DQ, "Vx,Wx", AVX);
        fp4(0x5C, VSUBPS, VSUBPD, VSUBSS, VSUBSD);
        fp4(0x5D, VMINPS, VMINPD, VMINSS, VMINSD);
        fp4(0x5E, VDIVPS, VDIVPD, VDIVSS, VDIVSD);
        fp4(0x5F, VMAXPS, VMAXPD, VMAXSS, VMAXSD);
        Mnemonic[] m60 = {VPUNPCKLBW, VPUNPCKLWD, VPUNPCKLDQ, VPACKSSWB, VPCMPGTB, VPCMPGTW,
                VPCMPGTD, VPACKUSWB, VPUNPCKHBW, VPUNPCKHWD, VPUNPCKHDQ, VPACKSSDW, VPUNPCKLQDQ,
                VPUNPCKHQDQ};
        for (int i = 0; i < m60.length; i++) int1(0x60 + i, m60[i]);
        op("VEX.128.66.0F.W0 6E /r", VMOVD, "Vdq,Ed", AVX);
        op("VEX.128.66.0F.W1 6E /r", VMOVQ, "Vdq,Eq", AVX);
        op("VEX.L.66.0F.WIG 6F /r", VMOVDQA, "Vx,Wx", AVX);
        op("VEX.L.F3.0F.WIG 6F /r", VMOVDQU, "Vx,Wx", AVX);
        op("VEX.L.66.0F.WIG 70 /r ib", VPSHUFD, "Vx,Wx,Ib", AVX, AVX2_L1);
        op("VEX.L.F3.0F.WIG 70 /r ib", VPSHUFHW, "Vx,Wx,Ib", AVX, AVX2_L1);
        op("VEX.L.F2.0F.WIG 70 /r ib", VPSHUFLW, "Vx,Wx,Ib", AVX, AVX2_L1);
        shiftImm(0x71, 2, VPSRLW);
        shiftImm(0x71, 4, VPSRAW);
        shiftImm(0x71, 6, VPSLLW);
        shiftImm(0x72, 2, VPSRLD);
        shiftImm(0x72, 4, VPSRAD);
        shiftImm(0x72, 6, VPSLLD);
        shiftImm(0x73, 2, VPSRLQ);
        shiftImm(0x73, 3, VPSRLDQ);
        shiftImm(0x73, 6, VPSLLQ);
        shiftImm(0x73, 7, VPSLLDQ);
        int1(0x74, VPCMPEQB);
        int1(0x75, VPCMPEQW);
        int1(0x76, VPCMPEQD);
        op("VEX.128.NP.0F.WIG 77", VZEROUPPER, "", AVX);
        op("VEX.256.NP.0F.WIG 77", VZEROALL, "", AVX);
        op("VEX.NDS.L.66.0F.WIG 7C /r", VHADDPD, "Vx,Hx,Wx", AVX);
        op("VEX.NDS.L.F2.0F.WIG 7C /r", VHADDPS, "Vx,Hx,Wx", AVX);
        op("VEX.NDS.L.66.0F.WIG 7D /r", VHSUBPD, "Vx,Hx,Wx", AVX);
        op("VEX.NDS.L.F2.0F.WIG 7D /r", VHSUBPS, "Vx,Hx,Wx", AVX);
        op("VEX.128.66.0F.W0 7E /r", VMOVD, "Ed,Vdq", AVX, ZX);
        op("VEX.128.66.0F.W1 7E /r", VMOVQ, "Eq,Vdq", AVX);
        op("VEX.128.F3.0F.WIG 7E /r", VMOVQ, "Vdq,Wq", AVX);
        op("VEX.L.66.0F.WIG 7F /r", VMOVDQA, "Wx,Vx", AVX);
        op("VEX.L.F3.0F.WIG 7F /r", VMOVDQU, "Wx,Vx", AVX);
        op("VEX.NDS.L.NP.0F.WIG C2 /r ib", VCMPPS, "Vx,Hx,Wx,Ib", AVX);
        op("VEX.NDS.L.66.0F.WIG C2 /r ib", VCMPPD, "Vx,Hx,Wx,Ib", AVX);
        op("VEX.NDS.LIG.F3.0F.WIG C2 /r ib", VCMPSS, "Vdq,Hdq,Wss,Ib", AVX);
        op("VEX.NDS.LIG.F2.0F.WIG C2 /r ib", VCMPSD, "Vdq,Hdq,Wsd,Ib", AVX, FORBIDDEN); // NaCl .def: nacl-forbidden
        op("VEX.NDS.128.66.0F.W0 C4 /r ib", VPINSRW, "Vdq,Hdq,Ed/w,Ib", AVX);
        op("VEX.128.66.0F.W0 C5 /r ib", VPEXTRW, "Gd,Udq,Ib", AVX);
        op("VEX.NDS.L.NP.0F.WIG C6 /r ib", VSHUFPS, "Vx,Hx,Wx,Ib", AVX);
        op("VEX.NDS.L.66.0F.WIG C6 /r ib", VSHUFPD, "Vx,Hx,Wx,Ib", AVX);
        op("VEX.LZ.NP.0F.WIG AE /2", VLDMXCSR, "Md", AVX, NOWRITE);
        op("VEX.LZ.NP.0F.WIG AE /3", VSTMXCSR, "Md", AVX);
        op("VEX.NDS.L.66.0F.WIG D0 /r", VADDSUBPD, "Vx,Hx,Wx", AVX);
        op("VEX.NDS.L.F2.0F.WIG D0 /r", VADDSUBPS, "Vx,Hx,Wx", AVX);
        shiftXmm(0xD1, VPSRLW);
        shiftXmm(0xD2, VPSRLD);
        shiftXmm(0xD3, VPSRLQ);
        int1(0xD4, VPADDQ);
        int1(0xD5, VPMULLW);
        op("VEX.128.66.0F.WIG D6 /r", VMOVQ, "Wq,Vdq", AVX);
        op("VEX.L.66.0F.WIG D7 /r", VPMOVMSKB, "Gd,Ux", AVX, AVX2_L1);
        Mnemonic[] md8 = {VPSUBUSB, VPSUBUSW, VPMINUB, VPAND, VPADDUSB, VPADDUSW, VPMAXUB, VPANDN,
                VPAVGB, null, null, VPAVGW, VPMULHUW, VPMULHW};
        for (int i = 0; i < md8.length; i++) if (md8[i] != null) int1(0xD8 + i, md8[i]);
        shiftXmm(0xE1, VPSRAW);
        shiftXmm(0xE2, VPSRAD);
        op("VEX.L.66.0F.WIG E6 /r", VCVTTPD2DQ, "Vdq,Wx", AVX);
        op("VEX.L.F3.0F.WIG E6 /r", VCVTDQ2PD, "Vx,Wxh", AVX);
        op("VEX.L.F2.0F.WIG E6 /r", VCVTPD2DQ, "Vdq,Wx", AVX);
        op("VEX.L.66.0F.WIG E7 /r", VMOVNTDQ, "Mx,Vx", AVX, NONTEMPORAL);
        Mnemonic[] me8 = {VPSUBSB, VPSUBSW, VPMINSW, VPOR, VPADDSB, VPADDSW, VPMAXSW, VPXOR};
        for (int i = 0; i < me8.length; i++) int1(0xE8 + i, me8[i]);
        op("VEX.L.F2.0F.WIG F0 /r", VLDDQU, "Vx,Mx", AVX);
        shiftXmm(0xF1, VPSLLW);
        shiftXmm(0xF2, VPSLLD);
        shiftXmm(0xF3, VPSLLQ);
        int1(0xF4, VPMULUDQ);
        int1(0xF5, VPMADDWD);
        int1(0xF6, VPSADBW);
        op("VEX.128.66.0F.WIG F7 /r", VMASKMOVDQU, "Vdq,Udq", AVX, NOWRITE, FORBIDDEN);
        Mnemonic[] mf8 = {VPSUBB, VPSUBW, VPSUBD, VPSUBQ, VPADDB, VPADDW, VPADDD};
        for (int i = 0; i < mf8.length; i++) int1(0xF8 + i, mf8[i]);
    }

    private void map2() {
        Mnemonic[] m00 = {VPSHUFB, VPHADDW, VPHADDD, VPHADDSW, VPMADDUBSW, VPHSUBW, VPHSUBD,
                VPHSUBSW, VPSIGNB, VPSIGNW, VPSIGND, VPMULHRSW};
        for (int i = 0; i < m00.length; i++) int2(i, m00[i]);
        op("VEX.NDS.L.66.0F38.W0 0C /r", VPERMILPS, "Vx,Hx,Wx", AVX);
        op("VEX.NDS.L.66.0F38.W0 0D /r", VPERMILPD, "Vx,Hx,Wx", AVX);
        op("VEX.L.66.0F38.W0 0E /r", VTESTPS, "Vx,Wx", AVX, NOWRITE);
        op("VEX.L.66.0F38.W0 0F /r", VTESTPD, "Vx,Wx", AVX, NOWRITE);
        op("VEX.L.66.0F38.W0 13 /r", VCVTPH2PS, "Vx,Wxh", F16C);
        op("VEX.NDS.256.66.0F38.W0 16 /r", VPERMPS, "Vqq,Hqq,Wqq", AVX2);
        op("VEX.L.66.0F38.WIG 17 /r", VPTEST, "Vx,Wx", AVX, NOWRITE);
        op("VEX.L.66.0F38.W0 18 /r", VBROADCASTSS, "Vx,Md", AVX);
        op("VEX.L.66.0F38.W0 18 /r", VBROADCASTSS, "Vx,Udq", AVX2);
        op("VEX.256.66.0F38.W0 19 /r", VBROADCASTSD, "Vqq,Mq", AVX);
        op("VEX.256.66.0F38.W0 19 /r", VBROADCASTSD, "Vqq,Udq", AVX2);
        op("VEX.256.66.0F38.W0 1A /r", VBROADCASTF128, "Vqq,Mdq", AVX);
        op("VEX.L.66.0F38.WIG 1C /r", VPABSB, "Vx,Wx", AVX, AVX2_L1);
        op("VEX.L.66.0F38.WIG 1D /r", VPABSW, "Vx,Wx", AVX, AVX2_L1);
        op("VEX.L.66.0F38.WIG 1E /r", VPABSD, "Vx,Wx", AVX, AVX2_L1);
        Mnemonic[] sx = {VPMOVSXBW, VPMOVSXBD, VPMOVSXBQ, VPMOVSXWD, VPMOVSXWQ, VPMOVSXDQ};
        Mnemonic[] zx = {VPMOVZXBW, VPMOVZXBD, VPMOVZXBQ, VPMOVZXWD, VPMOVZXWQ, VPMOVZXDQ};
        String[] src = {"Wxh", "Wxq", "Wxe", "Wxh", "Wxq", "Wxh"};
        for (int i = 0; i < 6; i++) {
            op("VEX.L.66.0F38.WIG " + hex(0x20 + i) + " /r", sx[i], "Vx," + src[i], AVX, AVX2_L1);
            op("VEX.L.66.0F38.WIG " + hex(0x30 + i) + " /r", zx[i], "Vx," + src[i], AVX, AVX2_L1);
        }
        int2(0x28, VPMULDQ);
        int2(0x29, VPCMPEQQ);
        op("VEX.L.66.0F38.WIG 2A /r", VMOVNTDQA, "Vx,Mx", AVX, AVX2_L1, NONTEMPORAL);
        int2(0x2B, VPACKUSDW);
        op("VEX.NDS.L.66.0F38.W0 2C /r", VMASKMOVPS, "Vx,Hx,Mx", AVX);
        op("VEX.NDS.L.66.0F38.W0 2D /r", VMASKMOVPD, "Vx,Hx,Mx", AVX);
        op("VEX.NDS.L.66.0F38.W0 2E /r", VMASKMOVPS, "Mx,Hx,Vx", AVX);
        op("VEX.NDS.L.66.0F38.W0 2F /r", VMASKMOVPD, "Mx,Hx,Vx", AVX);
        op("VEX.NDS.256.66.0F38.W0 36 /r", VPERMD, "Vqq,Hqq,Wqq", AVX2);
        int2(0x37, VPCMPGTQ);
        Mnemonic[] m38 = {VPMINSB, VPMINSD, VPMINUW, VPMINUD, VPMAXSB, VPMAXSD, VPMAXUW, VPMAXUD, VPMULLD};
        for (int i = 0; i < m38.length; i++) int2(0x38 + i, m38[i]);
        op("VEX.128.66.0F38.WIG 41 /r", VPHMINPOSUW, "Vdq,Wdq", AVX);
        op("VEX.NDS.L.66.0F38.W0 45 /r", VPSRLVD, "Vx,Hx,Wx", AVX2);
        op("VEX.NDS.L.66.0F38.W1 45 /r", VPSRLVQ, "Vx,Hx,Wx", AVX2);
        op("VEX.NDS.L.66.0F38.W0 46 /r", VPSRAVD, "Vx,Hx,Wx", AVX2);
        op("VEX.NDS.L.66.0F38.W0 47 /r", VPSLLVD, "Vx,Hx,Wx", AVX2);
        op("VEX.NDS.L.66.0F38.W1 47 /r", VPSLLVQ, "Vx,Hx,Wx", AVX2);
        op("VEX.L.66.0F38.W0 58 /r", VPBROADCASTD, "Vx,Wd", AVX2);
        op("VEX.L.66.0F38.W0 59 /r", VPBROADCASTQ, "Vx,Wq", AVX2);
        op("VEX.256.66.0F38.W0 5A /r", VBROADCASTI128, "Vqq,Mdq", AVX2);
        op("VEX.L.66.0F38.W0 78 /r", VPBROADCASTB, "Vx,Wb", AVX2);
        op("VEX.L.66.0F38.W0 79 /r", VPBROADCASTW, "Vx,Ww", AVX2);
        op("VEX.NDS.L.66.0F38.W0 8C /r", VPMASKMOVD, "Vx,Hx,Mx", AVX2);
        op("VEX.NDS.L.66.0F38.W1 8C /r", VPMASKMOVQ, "Vx,Hx,Mx", AVX2);
        op("VEX.NDS.L.66.0F38.W0 8E /r", VPMASKMOVD, "Mx,Hx,Vx", AVX2);
        op("VEX.NDS.L.66.0F38.W1 8E /r", VPMASKMOVQ, "Mx,Hx,Vx", AVX2);
        // Gathers use VSIB addressing (the SIB index names a vector register): never in NaCl.
        op("VEX.DDS.L.66.0F38.W0 90 /r", VPGATHERDD, "Vx,Mx,Hx", AVX2, VSIB, ABSENT);
        op("VEX.DDS.L.66.0F38.W1 90 /r", VPGATHERDQ, "Vx,Mx,Hx", AVX2, VSIB, ABSENT);
        op("VEX.DDS.L.66.0F38.W0 91 /r", VPGATHERQD, "Vx,Mx,Hx", AVX2, VSIB, ABSENT);
        op("VEX.DDS.L.66.0F38.W1 91 /r", VPGATHERQQ, "Vx,Mx,Hx", AVX2, VSIB, ABSENT);
        op("VEX.DDS.L.66.0F38.W0 92 /r", VGATHERDPS, "Vx,Mx,Hx", AVX2, VSIB, ABSENT);
        op("VEX.DDS.L.66.0F38.W1 92 /r", VGATHERDPD, "Vx,Mx,Hx", AVX2, VSIB, ABSENT);
        op("VEX.DDS.L.66.0F38.W0 93 /r", VGATHERQPS, "Vx,Mx,Hx", AVX2, VSIB, ABSENT);
        op("VEX.DDS.L.66.0F38.W1 93 /r", VGATHERQPD, "Vx,Mx,Hx", AVX2, VSIB, ABSENT);
        fma(0x96, VFMADDSUB132PS, VFMADDSUB132PD, null, null);
        fma(0x97, VFMSUBADD132PS, VFMSUBADD132PD, null, null);
        fma(0x98, VFMADD132PS, VFMADD132PD, VFMADD132SS, VFMADD132SD);
        fma(0x9A, VFMSUB132PS, VFMSUB132PD, VFMSUB132SS, VFMSUB132SD);
        fma(0x9C, VFNMADD132PS, VFNMADD132PD, VFNMADD132SS, VFNMADD132SD);
        fma(0x9E, VFNMSUB132PS, VFNMSUB132PD, VFNMSUB132SS, VFNMSUB132SD);
        fma(0xA6, VFMADDSUB213PS, VFMADDSUB213PD, null, null);
        fma(0xA7, VFMSUBADD213PS, VFMSUBADD213PD, null, null);
        fma(0xA8, VFMADD213PS, VFMADD213PD, VFMADD213SS, VFMADD213SD);
        fma(0xAA, VFMSUB213PS, VFMSUB213PD, VFMSUB213SS, VFMSUB213SD);
        fma(0xAC, VFNMADD213PS, VFNMADD213PD, VFNMADD213SS, VFNMADD213SD);
        fma(0xAE, VFNMSUB213PS, VFNMSUB213PD, VFNMSUB213SS, VFNMSUB213SD);
        fma(0xB6, VFMADDSUB231PS, VFMADDSUB231PD, null, null);
        fma(0xB7, VFMSUBADD231PS, VFMSUBADD231PD, null, null);
        fma(0xB8, VFMADD231PS, VFMADD231PD, VFMADD231SS, VFMADD231SD);
        fma(0xBA, VFMSUB231PS, VFMSUB231PD, VFMSUB231SS, VFMSUB231SD);
        fma(0xBC, VFNMADD231PS, VFNMADD231PD, VFNMADD231SS, VFNMADD231SD);
        fma(0xBE, VFNMSUB231PS, VFNMSUB231PD, VFNMSUB231SS, VFNMSUB231SD);
        op("VEX.128.66.0F38.WIG DB /r", VAESIMC, "Vdq,Wdq", AES_AVX);
        op("VEX.NDS.128.66.0F38.WIG DC /r", VAESENC, "Vdq,Hdq,Wdq", AES_AVX);
        op("VEX.NDS.128.66.0F38.WIG DD /r", VAESENCLAST, "Vdq,Hdq,Wdq", AES_AVX);
        op("VEX.NDS.128.66.0F38.WIG DE /r", VAESDEC, "Vdq,Hdq,Wdq", AES_AVX);
        op("VEX.NDS.128.66.0F38.WIG DF /r", VAESDECLAST, "Vdq,Hdq,Wdq", AES_AVX);
        // BMI1 / BMI2: general registers; VEX.W selects 32/64 bits.
        op("VEX.NDS.LZ.NP.0F38.W F2 /r", ANDN, "Gy,By,Ey", BMI1);
        op("VEX.NDD.LZ.NP.0F38.W F3 /1", BLSR, "By,Ey", BMI1);
        op("VEX.NDD.LZ.NP.0F38.W F3 /2", BLSMSK, "By,Ey", BMI1);
        op("VEX.NDD.LZ.NP.0F38.W F3 /3", BLSI, "By,Ey", BMI1);
        op("VEX.NDS.LZ.NP.0F38.W F5 /r", BZHI, "Gy,Ey,By", BMI2);
        op("VEX.NDS.LZ.F3.0F38.W F5 /r", PEXT, "Gy,By,Ey", BMI2);
        op("VEX.NDS.LZ.F2.0F38.W F5 /r", PDEP, "Gy,By,Ey", BMI2);
        op("VEX.NDD.LZ.F2.0F38.W F6 /r", MULX, "Gy,By,Ey", BMI2, WRITE2);
        op("VEX.NDS.LZ.NP.0F38.W F7 /r", BEXTR, "Gy,Ey,By", BMI1);
        op("VEX.NDS.LZ.66.0F38.W F7 /r", SHLX, "Gy,Ey,By", BMI2);
        op("VEX.NDS.LZ.F3.0F38.W F7 /r", SARX, "Gy,Ey,By", BMI2);
        op("VEX.NDS.LZ.F2.0F38.W F7 /r", SHRX, "Gy,Ey,By", BMI2);
    }

    private void map3() {
        op("VEX.256.66.0F3A.W1 00 /r ib", VPERMQ, "Vqq,Wqq,Ib", AVX2);
        op("VEX.256.66.0F3A.W1 01 /r ib", VPERMPD, "Vqq,Wqq,Ib", AVX2);
        op("VEX.NDS.L.66.0F3A.W0 02 /r ib", VPBLENDD, "Vx,Hx,Wx,Ib", AVX2);
        op("VEX.L.66.0F3A.W0 04 /r ib", VPERMILPS, "Vx,Wx,Ib", AVX);
        op("VEX.L.66.0F3A.W0 05 /r ib", VPERMILPD, "Vx,Wx,Ib", AVX);
        op("VEX.NDS.256.66.0F3A.W0 06 /r ib", VPERM2F128, "Vqq,Hqq,Wqq,Ib", AVX);
        op("VEX.L.66.0F3A.WIG 08 /r ib", VROUNDPS, "Vx,Wx,Ib", AVX);
        op("VEX.L.66.0F3A.WIG 09 /r ib", VROUNDPD, "Vx,Wx,Ib", AVX);
        op("VEX.NDS.LIG.66.0F3A.WIG 0A /r ib", VROUNDSS, "Vdq,Hdq,Wss,Ib", AVX);
        op("VEX.NDS.LIG.66.0F3A.WIG 0B /r ib", VROUNDSD, "Vdq,Hdq,Wsd,Ib", AVX);
        op("VEX.NDS.L.66.0F3A.WIG 0C /r ib", VBLENDPS, "Vx,Hx,Wx,Ib", AVX);
        op("VEX.NDS.L.66.0F3A.WIG 0D /r ib", VBLENDPD, "Vx,Hx,Wx,Ib", AVX);
        op("VEX.NDS.L.66.0F3A.WIG 0E /r ib", VPBLENDW, "Vx,Hx,Wx,Ib", AVX, AVX2_L1);
        op("VEX.NDS.L.66.0F3A.WIG 0F /r ib", VPALIGNR, "Vx,Hx,Wx,Ib", AVX, AVX2_L1);
        op("VEX.128.66.0F3A.W0 14 /r ib", VPEXTRB, "Ed/b,Vdq,Ib", AVX);
        op("VEX.128.66.0F3A.W0 15 /r ib", VPEXTRW, "Ed/w,Vdq,Ib", AVX);
        op("VEX.128.66.0F3A.W0 16 /r ib", VPEXTRD, "Ed,Vdq,Ib", AVX);
        op("VEX.128.66.0F3A.W1 16 /r ib", VPEXTRQ, "Eq,Vdq,Ib", AVX);
        op("VEX.128.66.0F3A.WIG 17 /r ib", VEXTRACTPS, "Ed,Vdq,Ib", AVX);
        op("VEX.NDS.256.66.0F3A.W0 18 /r ib", VINSERTF128, "Vqq,Hqq,Wdq,Ib", AVX);
        op("VEX.256.66.0F3A.W0 19 /r ib", VEXTRACTF128, "Wdq,Vqq,Ib", AVX);
        op("VEX.L.66.0F3A.W0 1D /r ib", VCVTPS2PH, "Wxh,Vx,Ib", F16C);
        op("VEX.NDS.128.66.0F3A.W0 20 /r ib", VPINSRB, "Vdq,Hdq,Ed/b,Ib", AVX);
        op("VEX.NDS.128.66.0F3A.WIG 21 /r ib", VINSERTPS, "Vdq,Hdq,Wd,Ib", AVX);
        op("VEX.NDS.128.66.0F3A.W0 22 /r ib", VPINSRD, "Vdq,Hdq,Ed,Ib", AVX);
        op("VEX.NDS.128.66.0F3A.W1 22 /r ib", VPINSRQ, "Vdq,Hdq,Eq,Ib", AVX);
        op("VEX.NDS.256.66.0F3A.W0 38 /r ib", VINSERTI128, "Vqq,Hqq,Wdq,Ib", AVX2);
        op("VEX.256.66.0F3A.W0 39 /r ib", VEXTRACTI128, "Wdq,Vqq,Ib", AVX2);
        op("VEX.NDS.L.66.0F3A.WIG 40 /r ib", VDPPS, "Vx,Hx,Wx,Ib", AVX);
        op("VEX.NDS.128.66.0F3A.WIG 41 /r ib", VDPPD, "Vdq,Hdq,Wdq,Ib", AVX);
        op("VEX.NDS.L.66.0F3A.WIG 42 /r ib", VMPSADBW, "Vx,Hx,Wx,Ib", AVX, AVX2_L1);
        op("VEX.NDS.128.66.0F3A.WIG 44 /r ib", VPCLMULQDQ, "Vdq,Hdq,Wdq,Ib", CLMUL_AVX);
        op("VEX.NDS.256.66.0F3A.W0 46 /r ib", VPERM2I128, "Vqq,Hqq,Wqq,Ib", AVX2);
        op("VEX.NDS.L.66.0F3A.W0 4A /r is4", VBLENDVPS, "Vx,Hx,Wx,Lx", AVX);
        op("VEX.NDS.L.66.0F3A.W0 4B /r is4", VBLENDVPD, "Vx,Hx,Wx,Lx", AVX);
        op("VEX.NDS.L.66.0F3A.W0 4C /r is4", VPBLENDVB, "Vx,Hx,Wx,Lx", AVX, AVX2_L1);
        op("VEX.128.66.0F3A.WIG 60 /r ib", VPCMPESTRM, "Vdq,Wdq,Ib", AVX, NOWRITE);
        op("VEX.128.66.0F3A.WIG 61 /r ib", VPCMPESTRI, "Vdq,Wdq,Ib", AVX, NOWRITE);
        op("VEX.128.66.0F3A.WIG 62 /r ib", VPCMPISTRM, "Vdq,Wdq,Ib", AVX, NOWRITE);
        op("VEX.128.66.0F3A.WIG 63 /r ib", VPCMPISTRI, "Vdq,Wdq,Ib", AVX, NOWRITE);
        op("VEX.128.66.0F3A.WIG DF /r ib", VAESKEYGENASSIST, "Vdq,Wdq,Ib", AES_AVX);
        op("VEX.LZ.F2.0F3A.W F0 /r ib", RORX, "Gy,Ey,Ib", BMI2);
    }

    /** Packed single (NP) and double (66), VEX.L selects the length: AVX. */
    private void fp2(int opc, Mnemonic ps, Mnemonic pd) {
        op("VEX.NDS.L.NP.0F.WIG " + hex(opc) + " /r", ps, "Vx,Hx,Wx", AVX);
        op("VEX.NDS.L.66.0F.WIG " + hex(opc) + " /r", pd, "Vx,Hx,Wx", AVX);
    }

    /** ps/pd plus the scalar ss (F3) and sd (F2) rows, which ignore VEX.L. */
    private void fp4(int opc, Mnemonic ps, Mnemonic pd, Mnemonic ss, Mnemonic sd) {
        fp2(opc, ps, pd);
        op("VEX.NDS.LIG.F3.0F.WIG " + hex(opc) + " /r", ss, "Vdq,Hdq,Wss", AVX);
        op("VEX.NDS.LIG.F2.0F.WIG " + hex(opc) + " /r", sd, "Vdq,Hdq,Wsd", AVX);
    }

    /** Integer op in map 1 with prefix 66: AVX at 128 bits, AVX2 at 256. */
    private void int1(int opc, Mnemonic m) {
        op("VEX.NDS.L.66.0F.WIG " + hex(opc) + " /r", m, "Vx,Hx,Wx", AVX, AVX2_L1);
    }

    /** Integer op in map 2 with prefix 66: AVX at 128 bits, AVX2 at 256. */
    private void int2(int opc, Mnemonic m) {
        op("VEX.NDS.L.66.0F38.WIG " + hex(opc) + " /r", m, "Vx,Hx,Wx", AVX, AVX2_L1);
    }

    /** Shift by an xmm count (the count is always 128 bits). */
    private void shiftXmm(int opc, Mnemonic m) {
        op("VEX.NDS.L.66.0F.WIG " + hex(opc) + " /r", m, "Vx,Hx,Wdq", AVX, AVX2_L1);
    }

    /** Groups 12-14 with VEX: the destination is VEX.vvvv (NDD). */
    private void shiftImm(int opc, int ext, Mnemonic m) {
        op("VEX.NDD.L.66.0F.WIG " + hex(opc) + " /" + ext + " ib", m, "Hx,Ux,Ib", AVX, AVX2_L1);
    }

    /** FMA3: packed rows at {@code opc} (W0 ps, W1 pd), scalar rows at {@code opc+1} (LIG). */
    private void fma(int opc, Mnemonic ps, Mnemonic pd, Mnemonic ss, Mnemonic sd) {
        op("VEX.DDS.L.66.0F38.W0 " + hex(opc) + " /r", ps, "Vx,Hx,Wx", FMA);
        op("VEX.DDS.L.66.0F38.W1 " + hex(opc) + " /r", pd, "Vx,Hx,Wx", FMA);
        if (ss != null) {
            op("VEX.DDS.LIG.66.0F38.W0 " + hex(opc + 1) + " /r", ss, "Vdq,Hdq,Wss", FMA);
            op("VEX.DDS.LIG.66.0F38.W1 " + hex(opc + 1) + " /r", sd, "Vdq,Hdq,Wsd", FMA);
        }
    }
}
