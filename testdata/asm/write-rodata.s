# write-rodata: the data segments as loaded (nacl-abi.md section 2): .rodata readable,
# .data readable and writable with its initial bytes, .bss zero; then a store into .rodata
# (mapped R only) is SIGSEGV, exit status 245.
        .include "nacl.inc"
main:
        EXPECT ro(%rip), 0x1122334455667788, "rodata value"
        EXPECT rw(%rip), 0x0102030405060708, "data value"
        EXPECT zz+4096(%rip), 0, "bss zero"
        movq $5, rw(%rip)
        addq $7, rw(%rip)
        EXPECT rw(%rip), 12, "data writable"
        movq $9, zz+8(%rip)
        EXPECT zz+8(%rip), 9, "bss writable"
        PRINT "before rodata write\n"
        movq $0, ro(%rip)
        PRINT "FAIL after rodata write\n"
        EXIT 1
        .section .rodata
        .p2align 3
ro:     .quad 0x1122334455667788
        .data
        .p2align 3
rw:     .quad 0x0102030405060708
        .bss
        .p2align 3
zz:     .zero 8192
