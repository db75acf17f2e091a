package jnbox.cc;

import java.util.HashMap;
import java.util.Map;

/**
 * How the rewriter treats each instruction form (spec toolchain.md §3 and §6). Looked up by
 * mnemonic; forms not listed are {@link Kind#PLAIN}: their memory operands are sandboxed and a write
 * to rsp/rbp is re-based.
 */
enum InsnForm {
    ;

    enum Kind {
        /** Ordinary: sandbox memory operands, re-base rsp/rbp destinations. */
        PLAIN,
        /** Reads its operands only (no destination write). */
        NO_WRITE,
        /** String instruction using rsi (bit 1) and/or rdi (bit 2) implicitly. */
        STRING,
        /** Conditional or loop branch to a label: kept as written. */
        DIRECT_BRANCH,
        CALL, JMP, RET, LEAVE, LEA, PUSH, POP,
        /** bt family: a register bit offset is forbidden by NaCl and emulated. */
        BIT_TEST,
        /** Refused with a message. */
        REFUSED,
        /** Replaced by hlt (NaCl accepts hlt, not ud2). */
        TRAP
    }

    /** A table row: kind, string registers (1 = rsi, 2 = rdi), refusal reason. */
    record Form(Kind kind, int stringRegs, String reason) {}

    private static final Map<String, Form> TABLE = new HashMap<>();

    static {
        for (String s : new String[] {"", "b", "w", "l", "q"}) {
            put("movs" + s, Kind.STRING, 3);
            put("cmps" + s, Kind.STRING, 3);
            put("stos" + s, Kind.STRING, 2);
            put("scas" + s, Kind.STRING, 2);
            put("lods" + s, Kind.STRING, 1);
            put("ins" + s, Kind.REFUSED, 0, "port I/O");
            put("outs" + s, Kind.REFUSED, 0, "port I/O");
        }
        for (String s : new String[] {"", "b", "w", "l", "q"}) {
            put("cmp" + s, Kind.NO_WRITE, 0);
            put("test" + s, Kind.NO_WRITE, 0);
            put("bt" + s, Kind.BIT_TEST, 0);
            put("bts" + s, Kind.BIT_TEST, 0);
            put("btr" + s, Kind.BIT_TEST, 0);
            put("btc" + s, Kind.BIT_TEST, 0);
            put("push" + s, Kind.PUSH, 0);
            put("pop" + s, Kind.POP, 0);
            put("lea" + s, Kind.LEA, 0);
        }
        for (String m : new String[] {"ucomiss", "ucomisd", "comiss", "comisd", "ptest", "vptest", "vucomiss",
                "vucomisd", "prefetcht0", "prefetcht1", "prefetcht2", "prefetchnta", "prefetchw", "clflush",
                "fcom", "fcoms", "fcoml", "fucomi", "fucomip", "fcomi", "fcomip", "ftst"}) {
            put(m, Kind.NO_WRITE, 0);
        }
        for (String c : new String[] {"a", "ae", "b", "be", "c", "e", "g", "ge", "l", "le", "na", "nae", "nb",
                "nbe", "nc", "ne", "ng", "nge", "nl", "nle", "no", "np", "ns", "nz", "o", "p", "pe", "po", "s", "z",
                "ecxz", "rcxz"}) {
            put("j" + c, Kind.DIRECT_BRANCH, 0);
        }
        for (String l : new String[] {"loop", "loope", "loopne", "loopz", "loopnz"}) {
            put(l, Kind.DIRECT_BRANCH, 0);
        }
        put("call", Kind.CALL, 0);
        put("callq", Kind.CALL, 0);
        put("calll", Kind.CALL, 0);
        put("jmp", Kind.JMP, 0);
        put("jmpq", Kind.JMP, 0);
        put("jmpl", Kind.JMP, 0);
        put("ret", Kind.RET, 0);
        put("retq", Kind.RET, 0);
        put("retl", Kind.RET, 0);
        put("leave", Kind.LEAVE, 0);
        put("leaveq", Kind.LEAVE, 0);
        put("leavel", Kind.LEAVE, 0);
        put("ud2", Kind.TRAP, 0);
        put("enter", Kind.REFUSED, 0, "enter writes rbp and rsp without re-basing");
        put("enterq", Kind.REFUSED, 0, "enter writes rbp and rsp without re-basing");
        put("xlat", Kind.REFUSED, 0, "xlat addresses memory through rbx with no sandbox form");
        put("xlatb", Kind.REFUSED, 0, "xlat addresses memory through rbx with no sandbox form");
        put("maskmovq", Kind.REFUSED, 0, "maskmov addresses memory through rdi implicitly");
        put("maskmovdqu", Kind.REFUSED, 0, "maskmov addresses memory through rdi implicitly");
        put("vmaskmovdqu", Kind.REFUSED, 0, "maskmov addresses memory through rdi implicitly");
        put("syscall", Kind.REFUSED, 0, "system calls go through the NaCl trampolines");
        put("sysenter", Kind.REFUSED, 0, "system calls go through the NaCl trampolines");
        put("int", Kind.REFUSED, 0, "interrupts are not allowed in a nexe");
        put("int3", Kind.REFUSED, 0, "interrupts are not allowed in a nexe");
        put("iret", Kind.REFUSED, 0, "privileged");
        put("pushf", Kind.PUSH, 0);
        put("popf", Kind.POP, 0);
    }

    private static void put(String m, Kind k, int regs) {
        put(m, k, regs, null);
    }

    private static void put(String m, Kind k, int regs, String reason) {
        TABLE.put(m, new Form(k, regs, reason));
    }

    static Form of(String mnemonic) {
        return TABLE.getOrDefault(mnemonic, new Form(Kind.PLAIN, 0, null));
    }
}
