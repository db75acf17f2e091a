package jnbox.emu.mem;

/** Page protection bits, with NaCl's PROT_* values (spec/nacl-abi.md §4.4). */
public final class Prot {
    public static final int NONE = 0;
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int EXEC = 4;
    public static final int RW = READ | WRITE;
    public static final int RX = READ | EXEC;

    private Prot() {}

    public static String toString(int prot) {
        if (prot == NONE) return "PROT_NONE";
        StringBuilder sb = new StringBuilder();
        if ((prot & READ) != 0) sb.append("PROT_READ|");
        if ((prot & WRITE) != 0) sb.append("PROT_WRITE|");
        if ((prot & EXEC) != 0) sb.append("PROT_EXEC|");
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }
}
