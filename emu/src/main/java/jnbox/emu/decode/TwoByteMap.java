package jnbox.emu.decode;

import static jnbox.emu.decode.CpuFeature.*;
import static jnbox.emu.decode.Flag.*;
import static jnbox.emu.decode.Mnemonic.*;

/**
 * General-purpose and system rows of the two-byte map {@code 0F xx} (SDM vol. 2 Table A-3,
 * groups 6-9, 15, 16 from Table A-6) and the general-purpose rows of {@code 0F 38 Fx}.
 * The SSE/MMX rows of the same maps are in {@link SseMap}.
 */
final class TwoByteMap extends TableSection {
    static final Mnemonic[] CMOVCC = {CMOVO, CMOVNO, CMOVB, CMOVAE, CMOVE, CMOVNE, CMOVBE, CMOVA,
            CMOVS, CMOVNS, CMOVP, CMOVNP, CMOVL, CMOVGE, CMOVLE, CMOVG};
    static final Mnemonic[] SETCC = {SETO, SETNO, SETB, SETAE, SETE, SETNE, SETBE, SETA,
            SETS, SETNS, SETP, SETNP, SETL, SETGE, SETLE, SETG};

    @Override
    void rows() {
        // Group 6 and 7: system instructions (all forbidden in NaCl, §5.1).
        op("0F 00 /0", SLDT, "Ev/w", FORBIDDEN);
        op("0F 00 /1", STR, "Ev/w", FORBIDDEN);
        op("0F 00 /2", LLDT, "Ew", NOWRITE, FORBIDDEN);
        op("0F 00 /3", LTR, "Ew", NOWRITE, FORBIDDEN);
        op("0F 00 /4", VERR, "Ew", NOWRITE, FORBIDDEN);
        op("0F 00 /5", VERW, "Ew", NOWRITE, FORBIDDEN);
        op("0F 01 C1", VMCALL, "", VMX, FORBIDDEN);
        op("0F 01 C2", VMLAUNCH, "", VMX, FORBIDDEN);
        op("0F 01 C3", VMRESUME, "", VMX, FORBIDDEN);
        op("0F 01 C4", VMXOFF, "", VMX, FORBIDDEN);
        op("0F 01 C8", Mnemonic.MONITOR, "", CpuFeature.MONITOR);
        op("0F 01 C9", MWAIT, "", CpuFeature.MONITOR);
        op("0F 01 CA", CLAC, "", SMAP, FORBIDDEN);
        op("0F 01 CB", STAC, "", SMAP, FORBIDDEN);
        op("0F 01 D0", XGETBV, "", CpuFeature.XSAVE);
        op("0F 01 D1", XSETBV, "", CpuFeature.XSAVE, FORBIDDEN);
        op("0F 01 D5", XEND, "", ABSENT);
        op("0F 01 D6", XTEST, "", ABSENT);
        op("0F 01 D8", VMRUN, "", SVM, FORBIDDEN);
        op("NP 0F 01 D9", VMMCALL, "", SVM, FORBIDDEN);
        op("0F 01 DA", VMLOAD, "", SVM, FORBIDDEN);
        op("0F 01 DB", VMSAVE, "", SVM, FORBIDDEN);
        op("0F 01 DC", STGI, "", SVM, FORBIDDEN);
        op("0F 01 DD", CLGI, "", SVM, FORBIDDEN);
        op("0F 01 DE", SKINIT, "", SVM, FORBIDDEN);
        op("0F 01 DF", INVLPGA, "", SVM, FORBIDDEN);
        op("NP 0F 01 EE", RDPKRU, "", PKU, ABSENT);
        op("NP 0F 01 EF", WRPKRU, "", PKU, ABSENT);
        op("0F 01 F8", SWAPGS, "", FORBIDDEN);
        op("0F 01 F9", Mnemonic.RDTSCP, "", CpuFeature.RDTSCP, FORBIDDEN);
        op("0F 01 /0", SGDT, "Ms", FORBIDDEN);
        op("0F 01 /1", SIDT, "Ms", FORBIDDEN);
        op("0F 01 /2", LGDT, "Ms", NOWRITE, FORBIDDEN);
        op("0F 01 /3", LIDT, "Ms", NOWRITE, FORBIDDEN);
        op("0F 01 /4", SMSW, "Ev/w", FORBIDDEN);
        op("0F 01 /6", LMSW, "Ew", NOWRITE, FORBIDDEN);
        op("0F 01 /7", INVLPG, "Mb", NOWRITE, NOMEM, FORBIDDEN);
        op("0F 02 /r", LAR, "Gv,Ev/w", FORBIDDEN);
        op("0F 03 /r", LSL, "Gv,Ev/w", FORBIDDEN);
        op("0F 05", Mnemonic.SYSCALL, "", FORBIDDEN);
        op("0F 06", CLTS, "", FORBIDDEN);
        op("0F 07", SYSRET, "", FORBIDDEN);
        op("0F 08", INVD, "", FORBIDDEN);
        op("NP 0F 09", WBINVD, "", FORBIDDEN);
        op("0F 0B", UD2, "", NOREX);
        // AMD prefetch group P (APM vol. 3): /0 prefetch, /1 prefetchw, the rest alias prefetch.
        op("0F 0D /0", PREFETCH, "Mb", PRFTCH_3DNOW, NOWRITE, NOMEM);
        op("0F 0D /1", Mnemonic.PREFETCHW, "Mb", PRFTCH_3DNOW, NOWRITE, NOMEM);
        op("0F 0D /2", PREFETCHWT1, "Mb", PRFTCH_3DNOW, NOWRITE, NOMEM, FORBIDDEN);
        op("0F 0D /3", PREFETCH, "Mb", PRFTCH_3DNOW, NOWRITE, NOMEM);
        for (int r = 4; r < 8; r++) op("0F 0D /" + r, PREFETCH, "Mb", PRFTCH_3DNOW, NOWRITE, NOMEM, FORBIDDEN);
        op("0F 0E", FEMMS, "", THREE_DNOW);
        // Group 16: SSE prefetch hints; /4-/7 and register forms are reserved NOPs.
        op("0F 1F /0", NOP, "Ev", NOWRITE, NOMEM);
        op("0F 18 /0", PREFETCHNTA, "Mb", SSE, NOWRITE, NOMEM, NONTEMPORAL);
        op("0F 18 /1", PREFETCHT0, "Mb", SSE, NOWRITE, NOMEM);
        op("0F 18 /2", PREFETCHT1, "Mb", SSE, NOWRITE, NOMEM);
        op("0F 18 /3", PREFETCHT2, "Mb", SSE, NOWRITE, NOMEM);
        op("0F 18 /r", NOP, "Ev", NOWRITE, NOMEM, FORBIDDEN);
        op("0F 19 /r", NOP, "Ev", NOWRITE, NOMEM, ABSENT);
        op("0F 1A /r", NOP, "Ev", NOWRITE, NOMEM, ABSENT);
        op("0F 1B /r", NOP, "Ev", NOWRITE, NOMEM, ABSENT);
        op("0F 1C /r", NOP, "Ev", NOWRITE, NOMEM, ABSENT);
        op("0F 1D /r", NOP, "Ev", NOWRITE, NOMEM, ABSENT);
        op("F3 0F 1E FA", ENDBR64, "", CET, ABSENT);
        op("F3 0F 1E FB", ENDBR32, "", CET, ABSENT);
        op("0F 1E /r", NOP, "Ev", NOWRITE, NOMEM, ABSENT);
        op("0F 1F /r", NOP, "Ev", NOWRITE, NOMEM, ABSENT);
        // SDM vol. 2 MOV CRn: "the 2 bits in the mod field are ignored" (always a register form).
        op("0F 20 /r", MOV, "Rq,Cq", MOD_IGNORED, FORBIDDEN);
        op("0F 21 /r", MOV, "Rq,Dq", MOD_IGNORED, FORBIDDEN);
        op("0F 22 /r", MOV, "Cq,Rq", MOD_IGNORED, FORBIDDEN);
        op("0F 23 /r", MOV, "Dq,Rq", MOD_IGNORED, FORBIDDEN);
        op("0F 30", WRMSR, "", FORBIDDEN);
        op("0F 31", RDTSC, "", TSC);
        op("0F 32", RDMSR, "", FORBIDDEN);
        op("0F 33", RDPMC, "", FORBIDDEN);
        op("0F 34", SYSENTER, "", FORBIDDEN);
        op("0F 35", SYSEXIT, "", FORBIDDEN);
        op("0F 37", GETSEC, "", FORBIDDEN);
        for (int c = 0; c < 16; c++) {
            op("0F " + hex(0x40 + c) + " /r", CMOVCC[c], "Gv,Ev", CMOV);
            op("0F " + hex(0x80 + c) + " cd", OneByteMap.JCC[c], "Jz", F64, HINT);
            op("0F " + hex(0x90 + c) + " /r", SETCC[c], "Eb");
        }
        op("0F A0", PUSH, "FS", D64, NOWRITE, FORBIDDEN);
        op("0F A1", POP, "FS", D64, FORBIDDEN);
        op("0F A2", CPUID, "");
        op("0F A3 /r", BT, "Ev,Gv", NOWRITE, FORBIDDEN);
        op("0F A4 /r ib", SHLD, "Ev,Gv,Ib");
        op("0F A5 /r", SHLD, "Ev,Gv,CL");
        op("0F A8", PUSH, "GS", D64, NOWRITE, FORBIDDEN);
        op("0F A9", POP, "GS", D64, FORBIDDEN);
        op("0F AA", RSM, "", FORBIDDEN);
        op("0F AB /r", BTS, "Ev,Gv", LOCK, FORBIDDEN);
        op("0F AC /r ib", SHRD, "Ev,Gv,Ib");
        op("0F AD /r", SHRD, "Ev,Gv,CL");
        // Group 15.
        op("NP 0F AE E8", LFENCE, "", SSE2);
        op("NP 0F AE F0", MFENCE, "", SSE2);
        op("NP 0F AE F8", SFENCE, "", SSE);
        op("F3 0F AE /0", RDFSBASE, "Ry", ABSENT);
        op("F3 0F AE /1", RDGSBASE, "Ry", ABSENT);
        op("F3 0F AE /2", WRFSBASE, "Ry", NOWRITE, ABSENT);
        op("F3 0F AE /3", WRGSBASE, "Ry", NOWRITE, ABSENT);
        op("66 0F AE /6", Mnemonic.CLWB, "Mb", CpuFeature.CLWB, NOWRITE, NOMEM);
        op("66 0F AE /7", Mnemonic.CLFLUSHOPT, "Mb", CpuFeature.CLFLUSHOPT, NOWRITE, NOMEM);
        op("NP REX.W 0F AE /0", FXSAVE64, "M", FXSR);
        op("NP REX.W 0F AE /1", FXRSTOR64, "M", FXSR, NOWRITE);
        op("NP 0F AE /0", FXSAVE, "M", FXSR);
        op("NP 0F AE /1", FXRSTOR, "M", FXSR, NOWRITE);
        op("NP 0F AE /2", LDMXCSR, "Md", SSE, NOWRITE);
        op("NP 0F AE /3", STMXCSR, "Md", SSE);
        op("NP REX.W 0F AE /4", XSAVE64, "M", CpuFeature.XSAVE);
        op("NP REX.W 0F AE /5", XRSTOR64, "M", CpuFeature.XSAVE, NOWRITE);
        op("NP REX.W 0F AE /6", XSAVEOPT64, "M", CpuFeature.XSAVE);
        op("NP 0F AE /4", Mnemonic.XSAVE, "M", CpuFeature.XSAVE);
        op("NP 0F AE /5", XRSTOR, "M", CpuFeature.XSAVE, NOWRITE);
        op("NP 0F AE /6", XSAVEOPT, "M", CpuFeature.XSAVE);
        op("NP 0F AE /7", Mnemonic.CLFLUSH, "Mb", CpuFeature.CLFLUSH, NOWRITE, NOMEM, FORBIDDEN);
        op("0F AF /r", IMUL, "Gv,Ev", ZX);
        op("0F B0 /r", CMPXCHG, "Eb,Gb", LOCK);
        op("0F B1 /r", CMPXCHG, "Ev,Gv", LOCK);
        op("0F B2 /r", LSS, "Gv,Mp", FORBIDDEN);
        op("0F B3 /r", BTR, "Ev,Gv", LOCK, FORBIDDEN);
        op("0F B4 /r", LFS, "Gv,Mp", FORBIDDEN);
        op("0F B5 /r", LGS, "Gv,Mp", FORBIDDEN);
        op("0F B6 /r", MOVZX, "Gv,Eb", ZX);
        op("0F B7 /r", MOVZX, "Gv,Ew", ZX);
        op("F3 0F B8 /r", Mnemonic.POPCNT, "Gv,Ev", CpuFeature.POPCNT);
        op("0F B9 /r", UD1, "Gv,Ev", NOWRITE, ABSENT);
        op("0F BA /4 ib", BT, "Ev,Ib", NOWRITE);
        op("0F BA /5 ib", BTS, "Ev,Ib", LOCK);
        op("0F BA /6 ib", BTR, "Ev,Ib", LOCK);
        op("0F BA /7 ib", BTC, "Ev,Ib", LOCK);
        op("0F BB /r", BTC, "Ev,Gv", LOCK, FORBIDDEN);
        op("F3 0F BC /r", Mnemonic.TZCNT, "Gv,Ev", CpuFeature.TZCNT);
        op("0F BC /r", BSF, "Gv,Ev");
        op("F3 0F BD /r", Mnemonic.LZCNT, "Gv,Ev", CpuFeature.LZCNT);
        op("0F BD /r", BSR, "Gv,Ev");
        op("0F BE /r", MOVSX, "Gv,Eb", ZX);
        op("0F BF /r", MOVSX, "Gv,Ew", ZX);
        op("0F C0 /r", XADD, "Eb,Gb", LOCK, WRITE2, ZX);
        op("0F C1 /r", XADD, "Ev,Gv", LOCK, WRITE2, ZX);
        // Group 9.
        op("REX.W 0F C7 /1", CMPXCHG16B, "Mdq", CX16, LOCK);
        op("0F C7 /1", CMPXCHG8B, "Mq", CX8, LOCK);
        op("0F C7 /3", XRSTORS, "M", CpuFeature.XSAVE, NOWRITE, FORBIDDEN);
        op("0F C7 /4", XSAVEC, "M", CpuFeature.XSAVE);
        op("0F C7 /5", XSAVES, "M", CpuFeature.XSAVE, FORBIDDEN);
        op("66 0F C7 /6", VMCLEAR, "Mq", VMX, NOWRITE, FORBIDDEN);
        op("F3 0F C7 /6", VMXON, "Mq", VMX, NOWRITE, FORBIDDEN);
        op("0F C7 /6", VMPTRLD, "Mq", VMX, NOWRITE, FORBIDDEN);
        op("0F C7 /7", VMPTRST, "Mq", VMX, FORBIDDEN);
        op("NP 0F C7 /6", Mnemonic.RDRAND, "Rv", CpuFeature.RDRAND);
        op("NP 0F C7 /7", Mnemonic.RDSEED, "Rv", CpuFeature.RDSEED);
        op("F3 0F C7 /7", RDPID, "Rq", ABSENT);
        op("0F C8+r", BSWAP, "Zv");
        op("0F FF /r", UD0, "Gv,Ev", NOWRITE, ABSENT);
        // 0F 38 F0-F6: movbe, crc32 (F2) and adcx/adox.
        op("F2 0F 38 F0 /r", CRC32, "Gy,Eb", SSE42);
        op("F2 0F 38 F1 /r", CRC32, "Gy,Ev", SSE42);
        op("0F 38 F0 /r", Mnemonic.MOVBE, "Gv,Mv", CpuFeature.MOVBE);
        op("0F 38 F1 /r", Mnemonic.MOVBE, "Mv,Gv", CpuFeature.MOVBE);
        op("66 0F 38 F6 /r", ADCX, "Gy,Ey", ADX);
        op("F3 0F 38 F6 /r", ADOX, "Gy,Ey", ADX);
    }
}
