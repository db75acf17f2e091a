package jnbox.emu.decode;

import static jnbox.emu.decode.CpuFeature.*;
import static jnbox.emu.decode.Flag.*;
import static jnbox.emu.decode.Mnemonic.*;

/**
 * The one-byte opcode map (SDM vol. 2 Table A-2, 64-bit mode; groups from Table A-6). Forms that
 * are invalid in 64-bit mode (push es, daa, bound, ...) are absent and decode as undefined.
 */
final class OneByteMap extends TableSection {
    /** The eight ALU operations of 00-3F and group 1, in opcode order. */
    private static final Mnemonic[] ALU = {ADD, OR, ADC, SBB, AND, SUB, XOR, CMP};
    /** NaCl "nacl-amd64-zero-extends" ALU operations (adc/sbb are not, cmp writes nothing). */
    private static final boolean[] ALU_ZX = {true, true, false, false, true, true, true, false};
    /** Group 2 shifts and rotates; /6 is the undocumented alias of /4. */
    private static final Mnemonic[] SHIFT = {ROL, ROR, RCL, RCR, SHL, SHR, SHL, SAR};
    static final Mnemonic[] JCC = {JO, JNO, JB, JAE, JE, JNE, JBE, JA, JS, JNS, JP, JNP, JL, JGE, JLE, JG};

    @Override
    void rows() {
        for (int i = 0; i < 8; i++) {
            Mnemonic m = ALU[i];
            int b = i * 8;
            boolean cmp = m == CMP;
            Attr[] rw = cmp ? new Attr[] {NOWRITE} : ALU_ZX[i] ? new Attr[] {LOCK, ZX} : new Attr[] {LOCK};
            Attr[] r = cmp ? new Attr[] {NOWRITE} : ALU_ZX[i] ? new Attr[] {ZX} : new Attr[0];
            op(hex(b) + " /r", m, "Eb,Gb", rw);
            op(hex(b + 1) + " /r", m, "Ev,Gv", rw);
            op(hex(b + 2) + " /r", m, "Gb,Eb", r);
            op(hex(b + 3) + " /r", m, "Gv,Ev", r);
            op(hex(b + 4) + " ib", m, "AL,Ib", r);
            op(hex(b + 5) + " id", m, "rAX,Iz", r);
            op("80 /" + i + " ib", m, "Eb,Ib", rw);
            op("81 /" + i + " id", m, "Ev,Iz", rw);
            op("83 /" + i + " ib", m, "Ev,Ib", rw);
        }
        op("50+r", PUSH, "Zv", D64, NOWRITE);
        op("58+r", POP, "Zv", D64);
        op("63 /r", MOVSXD, "Gv,Ed", ZX);
        op("68 id", PUSH, "Iz", D64, NOWRITE);
        op("69 /r id", IMUL, "Gv,Ev,Iz", ZX);
        op("6A ib", PUSH, "Ib", D64, NOWRITE);
        op("6B /r ib", IMUL, "Gv,Ev,Ib", ZX);
        op("6C", INS, "Yb,DX", REP, FORBIDDEN);
        op("6D", INS, "Yz,DX", REP, FORBIDDEN);
        op("6E", OUTS, "DX,Xb", REP, NOWRITE, FORBIDDEN);
        op("6F", OUTS, "DX,Xz", REP, NOWRITE, FORBIDDEN);
        for (int c = 0; c < 16; c++) op(hex(0x70 + c) + " cb", JCC[c], "Jb", F64, HINT);
        op("84 /r", TEST, "Eb,Gb", NOWRITE);
        op("85 /r", TEST, "Ev,Gv", NOWRITE);
        op("86 /r", XCHG, "Eb,Gb", LOCK, WRITE2, ZX);
        op("87 /r", XCHG, "Ev,Gv", LOCK, WRITE2, ZX);
        op("88 /r", MOV, "Eb,Gb", ZX, MODIFIABLE);
        op("89 /r", MOV, "Ev,Gv", ZX, MODIFIABLE);
        op("8A /r", MOV, "Gb,Eb", ZX, MODIFIABLE);
        op("8B /r", MOV, "Gv,Ev", ZX, MODIFIABLE);
        op("8C /r", MOV, "Ev/w,Sw", FORBIDDEN);
        op("8D /r", LEA, "Gv,M", NOMEM, ZX);
        op("8E /r", MOV, "Sw,Ev/w", FORBIDDEN);
        op("8F /0", POP, "Ev", D64);
        op("F3 90", PAUSE, "", NOREX);
        op("90", NOP, "", REXB0, NOREX);
        op("90+r", XCHG, "Zv,rAX", WRITE2, ZX);
        op("98", CWDE, "");
        op("99", CDQ, "");
        op("9B", FWAIT, "", X87);
        op("9C", PUSHF, "", D64, FORBIDDEN);
        op("9D", POPF, "", D64, FORBIDDEN);
        op("9E", SAHF, "", CpuFeature.LAHF);
        op("9F", Mnemonic.LAHF, "", CpuFeature.LAHF);
        op("A0", MOV, "AL,Ob", FORBIDDEN);
        op("A1", MOV, "rAX,Ov", FORBIDDEN);
        op("A2", MOV, "Ob,AL", FORBIDDEN);
        op("A3", MOV, "Ov,rAX", FORBIDDEN);
        // NaCl allows movs/cmps/stos/scas only inside its sandboxed string superinstructions
        // (spec nacl-validator.md §3.4): alone they are "nacl-amd64-forbidden".
        op("A4", MOVS, "Yb,Xb", REP, FORBIDDEN);
        op("A5", MOVS, "Yv,Xv", REP, FORBIDDEN);
        op("A6", CMPS, "Xb,Yb", REPCC, NOWRITE, FORBIDDEN);
        op("A7", CMPS, "Xv,Yv", REPCC, NOWRITE, FORBIDDEN);
        op("A8 ib", TEST, "AL,Ib", NOWRITE);
        op("A9 id", TEST, "rAX,Iz", NOWRITE);
        op("AA", STOS, "Yb,AL", REP, FORBIDDEN);
        op("AB", STOS, "Yv,rAX", REP, FORBIDDEN);
        op("AC", LODS, "AL,Xb", REP, FORBIDDEN);
        op("AD", LODS, "rAX,Xv", REP, FORBIDDEN);
        op("AE", SCAS, "AL,Yb", REPCC, NOWRITE, FORBIDDEN);
        op("AF", SCAS, "rAX,Yv", REPCC, NOWRITE, FORBIDDEN);
        op("B0+r ib", MOV, "Zb,Ib", ZX, MODIFIABLE);
        op("B8+r io", MOV, "Zv,Iv", ZX, MODIFIABLE);
        for (int i = 0; i < 8; i++) {
            if (i == 6) continue; // decoded below as an alias
            op("C0 /" + i + " ib", SHIFT[i], "Eb,Ib");
            op("C1 /" + i + " ib", SHIFT[i], "Ev,Ib");
            op("D0 /" + i, SHIFT[i], "Eb,1");
            op("D1 /" + i, SHIFT[i], "Ev,1");
            op("D2 /" + i, SHIFT[i], "Eb,CL");
            op("D3 /" + i, SHIFT[i], "Ev,CL");
        }
        // /6 is undocumented by Intel; CPUs execute it as /4 (objdump names it shl).
        op("C0 /6 ib", SHL, "Eb,Ib", ABSENT);
        op("C1 /6 ib", SHL, "Ev,Ib", ABSENT);
        op("D0 /6", SHL, "Eb,1", ABSENT);
        op("D1 /6", SHL, "Ev,1", ABSENT);
        op("D2 /6", SHL, "Eb,CL", ABSENT);
        op("D3 /6", SHL, "Ev,CL", ABSENT);
        op("C2 iw", RET, "Iw", F64, FORBIDDEN);
        op("C3", RET, "", F64, FORBIDDEN);
        op("C6 /0 ib", MOV, "Eb,Ib", ZX, MODIFIABLE);
        op("C7 /0 id", MOV, "Ev,Iz", ZX, MODIFIABLE);
        op("C6 F8 ib", XABORT, "Ib", ABSENT);
        op("C7 F8 cd", XBEGIN, "Jz", ABSENT);
        op("C8 iw ib", ENTER, "Iw,Ib", D64, FORBIDDEN);
        op("C9", LEAVE, "", D64, FORBIDDEN);
        op("CA iw", RETF, "Iw", FORBIDDEN);
        op("CB", RETF, "", FORBIDDEN);
        op("CC", INT3, "", FORBIDDEN);
        op("CD ib", INT, "Ib", FORBIDDEN);
        op("CF", IRET, "", FORBIDDEN);
        op("D7", XLAT, "", FORBIDDEN);
        op("E0 cb", LOOPNE, "Jb", F64); // NaCl: amd64 allows loop* without a branch hint
        op("E1 cb", LOOPE, "Jb", F64);
        op("E2 cb", LOOP, "Jb", F64);
        op("E3 cb", JRCXZ, "Jb", F64, HINT);
        op("E4 ib", IN, "AL,Ib", FORBIDDEN);
        op("E5 ib", IN, "eAX,Ib", FORBIDDEN);
        op("E6 ib", OUT, "Ib,AL", FORBIDDEN);
        op("E7 ib", OUT, "Ib,eAX", FORBIDDEN);
        op("E8 cd", CALL, "Jz", F64, MODIFIABLE);
        op("E9 cd", JMP, "Jz", F64);
        op("EB cb", JMP, "Jb", F64);
        op("EC", IN, "AL,DX", FORBIDDEN);
        op("ED", IN, "eAX,DX", FORBIDDEN);
        op("EE", OUT, "DX,AL", NOWRITE, FORBIDDEN);
        op("EF", OUT, "DX,eAX", NOWRITE, FORBIDDEN);
        op("F1", INT1, "", FORBIDDEN);
        op("F4", HLT, "");
        op("F5", CMC, "");
        op("F6 /0 ib", TEST, "Eb,Ib", NOWRITE);
        op("F6 /1 ib", TEST, "Eb,Ib", NOWRITE, ABSENT);
        op("F6 /2", NOT, "Eb", LOCK, ZX);
        op("F6 /3", NEG, "Eb", LOCK, ZX);
        op("F6 /4", MUL, "Eb", NOWRITE);
        op("F6 /5", IMUL, "Eb", NOWRITE);
        op("F6 /6", DIV, "Eb", NOWRITE);
        op("F6 /7", IDIV, "Eb", NOWRITE);
        op("F7 /0 id", TEST, "Ev,Iz", NOWRITE);
        op("F7 /1 id", TEST, "Ev,Iz", NOWRITE, ABSENT);
        op("F7 /2", NOT, "Ev", LOCK, ZX);
        op("F7 /3", NEG, "Ev", LOCK, ZX);
        op("F7 /4", MUL, "Ev", NOWRITE);
        op("F7 /5", IMUL, "Ev", NOWRITE);
        op("F7 /6", DIV, "Ev", NOWRITE);
        op("F7 /7", IDIV, "Ev", NOWRITE);
        op("F8", CLC, "");
        op("F9", STC, "");
        op("FA", CLI, "", FORBIDDEN);
        op("FB", STI, "", FORBIDDEN);
        op("FC", CLD, "");
        op("FD", STD, "");
        op("FE /0", INC, "Eb", LOCK, ZX);
        op("FE /1", DEC, "Eb", LOCK, ZX);
        op("FF /0", INC, "Ev", LOCK, ZX);
        op("FF /1", DEC, "Ev", LOCK, ZX);
        op("FF /2", CALL, "Ev", F64, NOWRITE, FORBIDDEN); // NaCl: only as naclcall's last instruction
        op("FF /3", CALLF, "Mp", NOWRITE, FORBIDDEN);
        op("FF /4", JMP, "Ev", F64, NOWRITE, FORBIDDEN); // NaCl: only as nacljmp's last instruction
        op("FF /5", JMPF, "Mp", NOWRITE, FORBIDDEN);
        op("FF /6", PUSH, "Ev", D64, NOWRITE);
    }
}
