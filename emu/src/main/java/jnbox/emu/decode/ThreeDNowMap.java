package jnbox.emu.decode;

import static jnbox.emu.decode.CpuFeature.*;
import static jnbox.emu.decode.Mnemonic.*;

/**
 * 3DNow! ({@code 0F 0F ModRM [SIB] [disp] suffix}, AMD APM vol. 5 and the "3DNow! Technology
 * Manual"): the byte after the operands selects the operation. E3DNOW marks the extensions
 * (Athlon) the NaCl validator gates separately.
 */
final class ThreeDNowMap extends TableSection {
    @Override
    void rows() {
        op("0F 0F 0C", PI2FW, "Pq,Qq", E3DNOW);
        op("0F 0F 0D", PI2FD, "Pq,Qq", THREE_DNOW);
        op("0F 0F 1C", PF2IW, "Pq,Qq", E3DNOW);
        op("0F 0F 1D", PF2ID, "Pq,Qq", THREE_DNOW);
        op("0F 0F 8A", PFNACC, "Pq,Qq", E3DNOW);
        op("0F 0F 8E", PFPNACC, "Pq,Qq", E3DNOW);
        op("0F 0F 90", PFCMPGE, "Pq,Qq", THREE_DNOW);
        op("0F 0F 94", PFMIN, "Pq,Qq", THREE_DNOW);
        op("0F 0F 96", PFRCP, "Pq,Qq", THREE_DNOW);
        op("0F 0F 97", PFRSQRT, "Pq,Qq", THREE_DNOW);
        op("0F 0F 9A", PFSUB, "Pq,Qq", THREE_DNOW);
        op("0F 0F 9E", PFADD, "Pq,Qq", THREE_DNOW);
        op("0F 0F A0", PFCMPGT, "Pq,Qq", THREE_DNOW);
        op("0F 0F A4", PFMAX, "Pq,Qq", THREE_DNOW);
        op("0F 0F A6", PFRCPIT1, "Pq,Qq", THREE_DNOW);
        op("0F 0F A7", PFRSQIT1, "Pq,Qq", THREE_DNOW);
        op("0F 0F AA", PFSUBR, "Pq,Qq", THREE_DNOW);
        op("0F 0F AE", PFACC, "Pq,Qq", THREE_DNOW);
        op("0F 0F B0", PFCMPEQ, "Pq,Qq", THREE_DNOW);
        op("0F 0F B4", PFMUL, "Pq,Qq", THREE_DNOW);
        op("0F 0F B6", PFRCPIT2, "Pq,Qq", THREE_DNOW);
        op("0F 0F B7", PMULHRW, "Pq,Qq", THREE_DNOW);
        op("0F 0F BB", PSWAPD, "Pq,Qq", E3DNOW);
        op("0F 0F BF", PAVGUSB, "Pq,Qq", THREE_DNOW);
    }
}
