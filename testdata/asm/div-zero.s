# div-zero: DIV by zero raises #DE (SDM Vol. 2A DIV); NaCl reports SIGFPE, exit status 248
# (nacl-abi.md section 6.3). The line before the fault must reach stdout.
        .include "nacl.inc"
main:
        PRINT "before div\n"
        mov $1, %eax
        xor %edx, %edx
        xor %ecx, %ecx
        div %rcx
        PRINT "FAIL after div\n"
        EXIT 1
