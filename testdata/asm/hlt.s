# hlt: HLT is a valid NaCl instruction but faults in user mode: sel_ldr reports SIGSEGV and
# exits with 245 (nacl-abi.md section 6.3).
        .include "nacl.inc"
main:
        PRINT "before hlt\n"
        hlt
        PRINT "FAIL after hlt\n"
        EXIT 1
