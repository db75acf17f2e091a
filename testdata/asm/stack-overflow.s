# stack-overflow: the stack is [0xFF000000, 2^32) (nacl-abi.md section 2); touching the page
# below 0xFF000000 is SIGSEGV, exit status 245. The loop steps down 4 KiB at a time and
# reports when it is one page above the bottom.
        .include "nacl.inc"
main:
        PRINT "descending\n"
        mov %esp, %eax
        and $-4096, %eax
        .bundle_lock
        mov %eax, %esp
        add %r15, %rsp
        .bundle_unlock
1:      .bundle_lock
        sub $4096, %esp
        add %r15, %rsp
        .bundle_unlock
        movq $0, (%rsp)
        mov %rsp, %rax
        sub %r15, %rax
        cmp $0xff001000, %eax
        jne 1b
        PRINT "at 0xff001000\n"
        .bundle_lock
        sub $4096, %esp
        add %r15, %rsp
        .bundle_unlock
        movq $0, (%rsp)                 # 0xff000000: the lowest stack page is still mapped
        .bundle_lock
        sub $8, %esp
        add %r15, %rsp
        .bundle_unlock
        movq $0, (%rsp)
        PRINT "FAIL below the stack\n"
        EXIT 1
