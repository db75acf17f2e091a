package jnbox.emu.decode;

import static jnbox.emu.decode.CpuFeature.*;
import static jnbox.emu.decode.Flag.*;
import static jnbox.emu.decode.Mnemonic.*;

/**
 * Three-byte map {@code 0F 3A xx} without VEX (SDM vol. 2 Table A-5): SSSE3 palignr, SSE4.1,
 * SSE4.2 string compares, PCLMULQDQ and AES. Every row has an 8-bit immediate.
 */
final class Sse3AMap extends TableSection {
    @Override
    void rows() {
        op("66 0F 3A 08 /r ib", ROUNDPS, "Vdq,Wdq,Ib", SSE41);
        op("66 0F 3A 09 /r ib", ROUNDPD, "Vdq,Wdq,Ib", SSE41);
        op("66 0F 3A 0A /r ib", ROUNDSS, "Vss,Wss,Ib", SSE41);
        op("66 0F 3A 0B /r ib", ROUNDSD, "Vsd,Wsd,Ib", SSE41);
        op("66 0F 3A 0C /r ib", BLENDPS, "Vdq,Wdq,Ib", SSE41);
        op("66 0F 3A 0D /r ib", BLENDPD, "Vdq,Wdq,Ib", SSE41);
        op("66 0F 3A 0E /r ib", PBLENDW, "Vdq,Wdq,Ib", SSE41);
        op("NP 0F 3A 0F /r ib", PALIGNR, "Pq,Qq,Ib", SSSE3);
        op("66 0F 3A 0F /r ib", PALIGNR, "Vdq,Wdq,Ib", SSSE3);
        op("66 0F 3A 14 /r ib", PEXTRB, "Ed/b,Vdq,Ib", SSE41);
        op("66 0F 3A 15 /r ib", PEXTRW, "Ed/w,Vdq,Ib", SSE41);
        op("66 REX.W 0F 3A 16 /r ib", PEXTRQ, "Eq,Vdq,Ib", SSE41);
        op("66 0F 3A 16 /r ib", PEXTRD, "Ed,Vdq,Ib", SSE41);
        op("66 0F 3A 17 /r ib", EXTRACTPS, "Ed,Vdq,Ib", SSE41);
        op("66 0F 3A 20 /r ib", PINSRB, "Vdq,Ed/b,Ib", SSE41);
        op("66 0F 3A 21 /r ib", INSERTPS, "Vdq,Wd,Ib", SSE41);
        op("66 REX.W 0F 3A 22 /r ib", PINSRQ, "Vdq,Eq,Ib", SSE41);
        op("66 0F 3A 22 /r ib", PINSRD, "Vdq,Ed,Ib", SSE41);
        op("66 0F 3A 40 /r ib", DPPS, "Vdq,Wdq,Ib", SSE41);
        op("66 0F 3A 41 /r ib", DPPD, "Vdq,Wdq,Ib", SSE41);
        op("66 0F 3A 42 /r ib", MPSADBW, "Vdq,Wdq,Ib", SSE41);
        op("66 0F 3A 44 /r ib", PCLMULQDQ, "Vdq,Wdq,Ib", CLMUL);
        op("66 0F 3A 60 /r ib", PCMPESTRM, "Vdq,Wdq,Ib", SSE42, NOWRITE);
        op("66 0F 3A 61 /r ib", PCMPESTRI, "Vdq,Wdq,Ib", SSE42, NOWRITE);
        op("66 0F 3A 62 /r ib", PCMPISTRM, "Vdq,Wdq,Ib", SSE42, NOWRITE);
        op("66 0F 3A 63 /r ib", PCMPISTRI, "Vdq,Wdq,Ib", SSE42, NOWRITE);
        op("66 0F 3A DF /r ib", AESKEYGENASSIST, "Vdq,Wdq,Ib", AES);
        op("NP 0F 3A CC /r ib", SHA1RNDS4, "Vdq,Wdq,Ib", SHA);
    }
}
