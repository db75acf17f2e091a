package jnbox.emu.decode;

import static jnbox.emu.decode.CpuFeature.*;
import static jnbox.emu.decode.Flag.*;
import static jnbox.emu.decode.Mnemonic.*;

/**
 * Three-byte map {@code 0F 38 xx} without VEX (SDM vol. 2 Table A-4): SSSE3 (NP on mm, 66 on
 * xmm), SSE4.1, SSE4.2 and AES. The general-purpose rows (movbe, crc32, adcx) are in
 * {@link TwoByteMap}.
 */
final class Sse38Map extends TableSection {
    @Override
    void rows() {
        ssse3(0x00, PSHUFB);
        ssse3(0x01, PHADDW);
        ssse3(0x02, PHADDD);
        ssse3(0x03, PHADDSW);
        ssse3(0x04, PMADDUBSW);
        ssse3(0x05, PHSUBW);
        ssse3(0x06, PHSUBD);
        ssse3(0x07, PHSUBSW);
        ssse3(0x08, PSIGNB);
        ssse3(0x09, PSIGNW);
        ssse3(0x0A, PSIGND);
        ssse3(0x0B, PMULHRSW);
        op("66 0F 38 10 /r", PBLENDVB, "Vdq,Wdq,XMM0", SSE41);
        op("66 0F 38 14 /r", BLENDVPS, "Vdq,Wdq,XMM0", SSE41);
        op("66 0F 38 15 /r", BLENDVPD, "Vdq,Wdq,XMM0", SSE41);
        op("66 0F 38 17 /r", PTEST, "Vdq,Wdq", SSE41, NOWRITE);
        ssse3(0x1C, PABSB);
        ssse3(0x1D, PABSW);
        ssse3(0x1E, PABSD);
        op("66 0F 38 20 /r", PMOVSXBW, "Vdq,Wq", SSE41);
        op("66 0F 38 21 /r", PMOVSXBD, "Vdq,Wd", SSE41);
        op("66 0F 38 22 /r", PMOVSXBQ, "Vdq,Ww", SSE41);
        op("66 0F 38 23 /r", PMOVSXWD, "Vdq,Wq", SSE41);
        op("66 0F 38 24 /r", PMOVSXWQ, "Vdq,Wd", SSE41);
        op("66 0F 38 25 /r", PMOVSXDQ, "Vdq,Wq", SSE41);
        sse41(0x28, PMULDQ);
        sse41(0x29, PCMPEQQ);
        op("66 0F 38 2A /r", MOVNTDQA, "Vdq,Mdq", SSE41, NONTEMPORAL);
        sse41(0x2B, PACKUSDW);
        op("66 0F 38 30 /r", PMOVZXBW, "Vdq,Wq", SSE41);
        op("66 0F 38 31 /r", PMOVZXBD, "Vdq,Wd", SSE41);
        op("66 0F 38 32 /r", PMOVZXBQ, "Vdq,Ww", SSE41);
        op("66 0F 38 33 /r", PMOVZXWD, "Vdq,Wq", SSE41);
        op("66 0F 38 34 /r", PMOVZXWQ, "Vdq,Wd", SSE41);
        op("66 0F 38 35 /r", PMOVZXDQ, "Vdq,Wq", SSE41);
        op("66 0F 38 37 /r", PCMPGTQ, "Vdq,Wdq", SSE42);
        sse41(0x38, PMINSB);
        sse41(0x39, PMINSD);
        sse41(0x3A, PMINUW);
        sse41(0x3B, PMINUD);
        sse41(0x3C, PMAXSB);
        sse41(0x3D, PMAXSD);
        sse41(0x3E, PMAXUW);
        sse41(0x3F, PMAXUD);
        sse41(0x40, PMULLD);
        sse41(0x41, PHMINPOSUW);
        op("66 0F 38 DB /r", AESIMC, "Vdq,Wdq", AES);
        op("66 0F 38 DC /r", AESENC, "Vdq,Wdq", AES);
        op("66 0F 38 DD /r", AESENCLAST, "Vdq,Wdq", AES);
        op("66 0F 38 DE /r", AESDEC, "Vdq,Wdq", AES);
        op("66 0F 38 DF /r", AESDECLAST, "Vdq,Wdq", AES);
        op("NP 0F 38 C8 /r", SHA1NEXTE, "Vdq,Wdq", SHA);
        op("NP 0F 38 C9 /r", SHA1MSG1, "Vdq,Wdq", SHA);
        op("NP 0F 38 CA /r", SHA1MSG2, "Vdq,Wdq", SHA);
        op("NP 0F 38 CB /r", SHA256RNDS2, "Vdq,Wdq,XMM0", SHA);
        op("NP 0F 38 CC /r", SHA256MSG1, "Vdq,Wdq", SHA);
        op("NP 0F 38 CD /r", SHA256MSG2, "Vdq,Wdq", SHA);
    }

    private void ssse3(int opc, Mnemonic m) {
        op("NP 0F 38 " + hex(opc) + " /r", m, "Pq,Qq", SSSE3);
        op("66 0F 38 " + hex(opc) + " /r", m, "Vdq,Wdq", SSSE3);
    }

    private void sse41(int opc, Mnemonic m) {
        op("66 0F 38 " + hex(opc) + " /r", m, "Vdq,Wdq", SSE41);
    }
}
