# jump-to-data: a nacljmp to a bundle-aligned address in .data (mapped R+W, not executable)
# is SIGSEGV, exit status 245.
        .include "nacl.inc"
main:
        PRINT "before jump\n"
        lea code(%rip), %rax
        NACLJMP %eax, %rax
        PRINT "FAIL after jump\n"
        EXIT 1
        .data
        .p2align 5
code:   .fill 32, 1, 0x90
