# ud2: UD2 raises #UD (SDM Vol. 2B UD); NaCl reports SIGILL, exit status 252 (nacl-abi.md 6.3).
        .include "nacl.inc"
main:
        PRINT "before ud2\n"
        ud2
        PRINT "FAIL after ud2\n"
        EXIT 1
