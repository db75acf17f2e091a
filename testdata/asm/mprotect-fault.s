# mprotect-fault: a store into a page made read-only by mprotect is SIGSEGV, exit status 245
# (nacl-abi.md sections 4.6, 6.3).
        .include "nacl.inc"
main:
        SC SYS_mmap, $0, $0x10000, $3, $0x22, $-1, $zero
        mov %eax, %ebx
        .bundle_lock
        mov %ebx, %ebx
        movq $1, (%r15,%rbx)
        .bundle_unlock
        SC SYS_mprotect, %ebx, $0x10000, $1
        EXPECT %rax, 0, "mprotect read-only"
        PRINT "before store\n"
        .bundle_lock
        mov %ebx, %ebx
        movq $2, (%r15,%rbx)
        .bundle_unlock
        PRINT "FAIL after store\n"
        EXIT 1
        .data
        .p2align 3
zero:   .quad 0
