# idiv-overflow: IDIV of -2^63 by -1 overflows the quotient, which is #DE like a zero divisor
# (SDM Vol. 2A IDIV); NaCl reports SIGFPE, exit status 248 (nacl-abi.md section 6.3).
        .include "nacl.inc"
main:
        PRINT "before idiv\n"
        movabs $0x8000000000000000, %rax
        cqo
        mov $-1, %rcx
        idiv %rcx
        PRINT "FAIL after idiv\n"
        EXIT 1
