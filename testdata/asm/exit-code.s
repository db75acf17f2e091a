# exit-code: exit(0x12345); the process status is the low 8 bits, 0x45 = 69
# (nacl-abi.md section 6.3: untrusted exit(s) -> s & 0xFF).
        .include "nacl.inc"
main:
        PRINT "exiting with 0x12345\n"
        EXIT 0x12345
