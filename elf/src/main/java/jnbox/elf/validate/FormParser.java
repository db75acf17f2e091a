package jnbox.elf.validate;

import java.util.Arrays;

/** Parses one line of {@code nacl-x86-64.forms} into a {@link Form}. */
final class FormParser {
    private FormParser() {
    }

    static Form parseLine(String line) {
        String[] cols = line.split(";", -1);
        if (cols.length != 3) {
            throw new IllegalArgumentException("expected 3 columns separated by ';'");
        }
        String[] enc = cols[0].trim().split("\\s+");
        String[] insn = cols[1].trim().split("\\s+", 2);
        String[] attrs = cols[2].trim().isEmpty() ? new String[0] : cols[2].trim().split("\\s+");

        int mandatory = 0, rexW = -1, regExt = -1, fixedModrm = -1, suffix = -1;
        boolean o16 = false, noRex = false, slashR = false, opcodeReg = false;
        int vexL = 0, vexW = 0, map = -1;
        int[] bytes = new int[4];
        int nBytes = 0;
        for (String t : enc) {
            switch (t) {
                case "NOREX" -> noRex = true;
                case "W0" -> rexW = 0;
                case "W1" -> rexW = 1;
                case "o16" -> o16 = true;
                case "p66" -> mandatory = 0x66;
                case "pf2" -> mandatory = 0xf2;
                case "pf3" -> mandatory = 0xf3;
                case "/r" -> slashR = true;
                default -> {
                    if (t.startsWith("vex.")) {
                        String[] v = t.split("\\.");
                        vexL = switch (v[1]) {
                            case "128", "lig" -> 0;
                            case "256" -> 1;
                            case "lx" -> -1;
                            default -> throw new IllegalArgumentException("bad VEX.L " + v[1]);
                        };
                        mandatory = switch (v[2]) {
                            case "np" -> 0;
                            case "66" -> 0x66;
                            case "f3" -> 0xf3;
                            case "f2" -> 0xf2;
                            default -> throw new IllegalArgumentException("bad VEX.pp " + v[2]);
                        };
                        map = switch (v[3]) {
                            case "0f" -> Form.VEX_0F;
                            case "0f38" -> Form.VEX_0F38;
                            case "0f3a" -> Form.VEX_0F3A;
                            default -> throw new IllegalArgumentException("bad VEX map " + v[3]);
                        };
                        vexW = switch (v[4]) {
                            case "w0", "wig" -> 0;
                            case "w1" -> 1;
                            case "wx" -> -1; // W selects the operand size
                            default -> throw new IllegalArgumentException("bad VEX.W " + v[4]);
                        };
                    } else if (t.startsWith("/")) {
                        regExt = Integer.parseInt(t.substring(1));
                    } else if (t.endsWith("+r")) {
                        opcodeReg = true;
                        bytes[nBytes++] = Integer.parseInt(t.substring(0, 2), 16);
                    } else {
                        bytes[nBytes++] = Integer.parseInt(t, 16);
                    }
                }
            }
        }
        int i = 0;
        if (map < 0) {
            if (bytes[0] == 0x0f && nBytes > 1 && bytes[1] == 0x38) {
                map = Form.MAP_0F38;
                i = 2;
            } else if (bytes[0] == 0x0f && nBytes > 1 && bytes[1] == 0x3a) {
                map = Form.MAP_0F3A;
                i = 2;
            } else if (bytes[0] == 0x0f && nBytes > 1 && bytes[1] == 0x0f) {
                map = Form.MAP_3DNOW;
                i = 1; // the "opcode" is the second 0f; the suffix follows ModRM
            } else if (bytes[0] == 0x0f) {
                map = Form.MAP_0F;
                i = 1;
            } else {
                map = Form.MAP_1B;
            }
        }
        int opcode = bytes[i++];
        if (i < nBytes) {
            if (map == Form.MAP_3DNOW) {
                suffix = bytes[i++];
            } else {
                fixedModrm = bytes[i++];
            }
        }
        if (fixedModrm >= 0 && fixedModrm < 0xc0) {
            throw new IllegalArgumentException("an exact ModRM byte must be a register form (c0..ff)");
        }
        if (i != nBytes) {
            throw new IllegalArgumentException("too many opcode bytes");
        }

        // Operands, in Intel order.
        String mnemonic = insn[0];
        String[] ops = insn.length > 1 ? insn[1].split(",") : new String[0];
        boolean hasModrm = slashR || regExt >= 0 || fixedModrm >= 0 || map == Form.MAP_3DNOW;
        boolean regField = false, usesVvvv = false;
        boolean v = false, y = false, z = false;
        int rmKind = Form.RM_ANY;
        int[] imms = new int[3];
        int nImm = 0, rel = 0;
        int[] wSrc = new int[2], wSize = new int[2];
        int nW = 0;
        for (String op0 : ops) {
            String op = op0.trim();
            boolean written = op.startsWith("!") || op.startsWith("&");
            if (written) {
                op = op.substring(1);
            }
            char k = op.charAt(0);
            String sz = op.substring(1);
            int src = 0;
            switch (k) {
                case 'E' -> { src = Form.SRC_RM; hasModrm = true; }
                case 'R' -> { src = Form.SRC_RM; hasModrm = true; rmKind = Form.RM_REG; }
                case 'M' -> { hasModrm = true; rmKind = Form.RM_MEM; sz = ""; }
                case 'G' -> { src = Form.SRC_REG; hasModrm = true; regField = true; }
                case 'r' -> src = Form.SRC_OPCODE;
                case 'a' -> src = Form.SRC_AX;
                case 'V', 'P' -> { hasModrm = true; regField = true; sz = ""; }
                case 'W', 'Q' -> { hasModrm = true; sz = ""; }
                case 'U', 'N' -> { hasModrm = true; rmKind = Form.RM_REG; sz = ""; }
                case 'H' -> { usesVvvv = true; sz = ""; }
                case 'L' -> { imms[nImm++] = Form.IMM_IS4; sz = ""; }
                case 'S' -> { hasModrm = true; rmKind = Form.RM_REG; sz = ""; } // STi
                case 'C' -> sz = ""; // CL
                case 'I', 'i' -> {
                    imms[nImm++] = switch (sz) {
                        case "b" -> Form.IMM_B;
                        case "w" -> Form.IMM_W;
                        case "z" -> Form.IMM_Z;
                        case "d" -> Form.IMM_D;
                        case "v" -> Form.IMM_V;
                        default -> throw new IllegalArgumentException("bad immediate " + op);
                    };
                }
                case 'J' -> {
                    rel = switch (sz) {
                        case "b" -> 1;
                        case "d" -> 4;
                        default -> throw new IllegalArgumentException("bad relative " + op);
                    };
                    sz = "";
                }
                default -> throw new IllegalArgumentException("unknown operand " + op);
            }
            int size = switch (sz) {
                case "" -> 0;
                case "b" -> Form.SZ_B;
                case "w" -> Form.SZ_W;
                case "d" -> Form.SZ_D;
                case "q" -> Form.SZ_Q;
                case "v" -> Form.SZ_V;
                case "y" -> Form.SZ_Y;
                case "z" -> Form.SZ_Z;
                default -> throw new IllegalArgumentException("bad size in " + op);
            };
            v |= size == Form.SZ_V;
            y |= size == Form.SZ_Y;
            z |= size == Form.SZ_Z;
            if (written) {
                if (src == 0 || size == 0) {
                    throw new IllegalArgumentException("only general registers carry a write mark: " + op);
                }
                wSrc[nW] = src;
                wSize[nW++] = size;
            }
        }
        if (opcodeReg && hasModrm) {
            throw new IllegalArgumentException("+r form with ModRM");
        }

        boolean lock = false, hint = false, zx = false, nomem = false, modifiable = false;
        boolean unsupported = false, notNop = false, call = false;
        CpuFeature feature = null, featureL1 = null;
        for (String a : attrs) {
            switch (a) {
                case "lock" -> lock = true;
                case "hint" -> hint = true;
                case "zx" -> zx = true;
                case "nomem" -> nomem = true;
                case "modifiable" -> modifiable = true;
                case "unsupported" -> unsupported = true;
                case "notnop" -> notNop = true;
                case "call" -> call = true;
                default -> {
                    if (!a.startsWith("cpu=")) {
                        throw new IllegalArgumentException("unknown attribute " + a);
                    }
                    String f = a.substring(4);
                    if (f.equals("AVX_LIS2")) {
                        feature = CpuFeature.AVX;
                        featureL1 = CpuFeature.AVX2;
                    } else {
                        feature = CpuFeature.parse(f);
                    }
                }
            }
        }
        // Sizes of the immediates are also sized by 66/REX.W (Iz, Iv), as in NaCl's v/y/z split.
        for (int k = 0; k < nImm; k++) {
            z |= imms[k] == Form.IMM_Z;
            v |= imms[k] == Form.IMM_V;
        }
        return new Form(line, mnemonic, map, opcode, opcodeReg, hasModrm, regExt, fixedModrm, suffix,
                rmKind, mandatory, o16, rexW, noRex, v, y, z, Arrays.copyOf(imms, nImm), rel,
                Arrays.copyOf(wSrc, nW), Arrays.copyOf(wSize, nW), lock, hint, zx, nomem, modifiable,
                unsupported, notNop, call, feature, featureL1, vexL, vexW, usesVvvv, regField);
    }
}
