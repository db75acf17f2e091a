package jnbox.emu.decode;

/** Resolves size codes (SDM vol. 2 A.2.2) to bytes for one instruction. */
final class Sizes {
    private Sizes() {
    }

    static int bytes(Operand.Size s, int osz, boolean w, int vexL) {
        return switch (s) {
            case NONE -> 0;
            case B -> 1;
            case W -> 2;
            case D, SS -> 4;
            case Q, SD, PI -> 8;
            case V -> osz;
            case Y -> w ? 8 : 4;
            case Z -> osz == 2 ? 2 : 4;
            case DQ, OQ, PB, PW, PQ, PK -> 16;
            case QQ -> 32;
            case X, PS, PD -> vexL == 1 ? 32 : 16;
            case T, S -> 10;
            case XH -> vexL == 1 ? 16 : 8;
            case XQ -> vexL == 1 ? 8 : 4;
            case XE -> vexL == 1 ? 4 : 2;
            case P -> osz + 2;
        };
    }
}
