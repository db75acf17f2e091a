# random: get_random_bytes returns 0 (not a count) and fills the buffer; a bad buffer is
# EFAULT (nacl-abi.md sections 4.2, 4.8).
        .include "nacl.inc"
main:
        SC SYS_get_random_bytes, $buf, $32
        EXPECT %rax, 0, "get_random_bytes returns 0"
        mov buf(%rip), %rax
        or buf+8(%rip), %rax
        or buf+16(%rip), %rax
        or buf+24(%rip), %rax
        setnz %al
        movzbl %al, %eax
        EXPECT %rax, 1, "32 random bytes are not all zero"
        EXPECT buf+32(%rip), 0, "nothing written past the end"
        SC SYS_get_random_bytes, $0, $8
        EXPECT %rax, -14, "buffer at address 0: EFAULT"
        EXIT 0
        .bss
        .p2align 3
buf:    .zero 64
