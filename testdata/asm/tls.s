# tls: tls_init/tls_get and second_tls_set/get (nacl-abi.md sections 3.2, 4.1, 4.2). The main
# thread starts with tls1 = the initial break and tls2 = 0; the fast-path tls_get changes only
# rax, rcx (the rounded return offset), rdx, r11 and the flags.
        .include "nacl.inc"
main:
        SC SYS_tls_get
        mov $_end, %ebx
        EXPECTR %rax, %rbx, "initial tls1 == initial break (_end)"
        SC SYS_second_tls_get
        EXPECT %rax, 0, "initial tls2 == 0"
        SC SYS_tls_init, $block
        EXPECT %rax, 0, "tls_init"
        SC SYS_tls_get
        mov $block, %ebx
        EXPECTR %rax, %rbx, "tls_get after tls_init"
        SC SYS_tls_init, $0
        EXPECT %rax, -14, "tls_init(0): EFAULT"
        SC SYS_tls_init, $0xfffffffe
        EXPECT %rax, -14, "tls_init at the 4 GiB edge: EFAULT"
        SC SYS_second_tls_set, $0x12345678
        EXPECT %rax, 0, "second_tls_set"
        SC SYS_second_tls_get
        EXPECT %rax, 0x12345678, "second_tls_get"
        # fast path preserves rsi, rdi, r8-r10 and xmm0
        movabs $0x1111111111111111, %rsi
        movabs $0x2222222222222222, %rdi
        movabs $0x8888888888888888, %r8
        movabs $0x9999999999999999, %r9
        movabs $0xaaaaaaaaaaaaaaaa, %r10
        movq %rsi, %xmm0
        SYSCALL SYS_tls_get
after:  mov %rsi, sv(%rip)
        mov %rdi, sv+8(%rip)
        mov %r8, sv+16(%rip)
        mov %r9, sv+24(%rip)
        mov %r10, sv+32(%rip)
        mov %rcx, sv+40(%rip)
        movq %xmm0, sv+48(%rip)
        EXPECT sv(%rip), 0x1111111111111111, "tls_get keeps rsi"
        EXPECT sv+8(%rip), 0x2222222222222222, "tls_get keeps rdi"
        EXPECT sv+16(%rip), 0x8888888888888888, "tls_get keeps r8"
        EXPECT sv+24(%rip), 0x9999999999999999, "tls_get keeps r9"
        EXPECT sv+32(%rip), 0xaaaaaaaaaaaaaaaa, "tls_get keeps r10"
        EXPECT sv+48(%rip), 0x1111111111111111, "tls_get keeps xmm0"
        EXPECT sv+40(%rip), after, "tls_get: rcx = return offset"
        EXIT 0
        .data
        .p2align 3
block:  .quad 0
        .bss
        .p2align 3
sv:     .zero 64
