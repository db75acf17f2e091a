# string-ops: rep movs/stos/lods/scas/cmps in NaCl's sandboxed forms (nacl-validator.md 3.4;
# osabi: 123/7
# SDM Vol. 2B MOVS, STOS, LODS, SCAS, CMPS, REP/REPE/REPNE).
        .include "nacl.inc"
        # Sandboxed rsi / rdi: mov %esi,%esi; lea (%r15,%rsi),%rsi (likewise rdi), then the op.
        .macro STRSI op:vararg
        .bundle_lock
        mov %esi, %esi
        lea (%r15,%rsi), %rsi
        \op
        .bundle_unlock
        .endm
        .macro STRDI op:vararg
        .bundle_lock
        mov %edi, %edi
        lea (%r15,%rdi), %rdi
        \op
        .bundle_unlock
        .endm
        .macro STRSIDI op:vararg
        .bundle_lock
        mov %esi, %esi
        lea (%r15,%rsi), %rsi
        mov %edi, %edi
        lea (%r15,%rdi), %rdi
        \op
        .bundle_unlock
        .endm
main:
        # rep movsb: copy 37 bytes
        lea src(%rip), %rsi
        lea dst(%rip), %rdi
        mov $37, %ecx
        STRSIDI rep movsb
        mov %rcx, %rbx
        mov %esi, %r12d
        mov %edi, %r13d
        EXPECT %rbx, 0, "rep movsb rcx=0"
        mov %r12d, %ebx
        lea src+37(%rip), %rax
        mov %eax, %eax
        EXPECTR %rbx, %rax, "rep movsb rsi advanced by 37"
        mov %r13d, %ebx
        lea dst+37(%rip), %rax
        mov %eax, %eax
        EXPECTR %rbx, %rax, "rep movsb rdi advanced by 37"
        lea dst(%rip), %rsi
        mov $37, %edx
        CALL print_buf
        CALL print_nl
        # repe cmpsb over equal buffers: ZF=1, rcx=0
        lea src(%rip), %rsi
        lea dst(%rip), %rdi
        mov $37, %ecx
        STRSIDI repe cmpsb
        mov %rcx, %rbx
        EXPECT_FLAGS 0x40, 0x40, "repe cmpsb equal ZF"
        EXPECT %rbx, 0, "repe cmpsb equal rcx"
        # repe cmpsb stops after the first difference ('q' vs 'Q' at index 4)
        movb $'Q', dst+4(%rip)
        lea src(%rip), %rsi
        lea dst(%rip), %rdi
        mov $37, %ecx
        STRSIDI repe cmpsb
        mov %rcx, %rbx
        EXPECT_FLAGS 0xc5, 0x00, "cmpsb 'q'-'Q' flags"
        EXPECT %rbx, 32, "repe cmpsb stops: rcx=37-5"
        # rep stosq: 4 quadwords
        movabs $0x0123456789abcdef, %rax
        lea qbuf(%rip), %rdi
        mov $4, %ecx
        STRDI rep stosq
        EXPECT qbuf+24(%rip), 0x0123456789abcdef, "rep stosq last"
        EXPECT qbuf+32(%rip), 0, "rep stosq stops"
        # rep stosb with rcx=0: nothing happens, rdi unchanged
        lea qbuf(%rip), %rdi
        xor %ecx, %ecx
        mov $0x77, %al
        STRDI rep stosb
        mov %edi, %ebx
        lea qbuf(%rip), %rax
        mov %eax, %eax
        EXPECTR %rbx, %rax, "rep stosb rcx=0 keeps rdi"
        EXPECT qbuf(%rip), 0x0123456789abcdef, "rep stosb rcx=0 writes nothing"
        # repne scasb: strlen("hello world") = 11
        lea cstr(%rip), %rdi
        xor %eax, %eax
        mov $-1, %rcx
        STRDI repne scasb
        not %rcx
        dec %rcx
        mov %rcx, %rbx
        EXPECT %rbx, 11, "repne scasb strlen"
        # lodsb / lodsq
        lea cstr(%rip), %rsi
        STRSI lodsb
        movzbl %al, %ebx
        EXPECT %rbx, 'h', "lodsb"
        lea qbuf(%rip), %rsi
        STRSI lodsq
        mov %rax, %rbx
        EXPECT %rbx, 0x0123456789abcdef, "lodsq"
        # movsw / movsq single
        lea src(%rip), %rsi
        lea dst(%rip), %rdi
        STRSIDI movsq
        STRSIDI movsw
        EXPECT dst(%rip), 0x6369757120656854, "movsq 'The quic'"
        movzwl dst+8(%rip), %ebx
        EXPECT %rbx, 0x206b, "movsw 'k '"
        # DF=1: overlapping move backwards (memmove right by 2)
        std
        lea ovl+9(%rip), %rsi
        lea ovl+11(%rip), %rdi
        mov $10, %ecx
        STRSIDI rep movsb
        cld
        lea ovl(%rip), %rsi
        mov $12, %edx
        CALL print_buf
        CALL print_nl
        # std + stosb walks down
        std
        lea qbuf+7(%rip), %rdi
        mov $3, %ecx
        mov $0xaa, %al
        STRDI rep stosb
        cld
        EXPECT qbuf(%rip), 0xaaaaaa6789abcdef, "std rep stosb fills downward"
        EXIT 0

        .section .rodata
src:    .ascii "The quick brown fox jumps over the lazy dog"
cstr:   .asciz "hello world"
        .data
ovl:    .ascii "0123456789..\n"
        .bss
        .p2align 4
dst:    .zero 64
qbuf:   .zero 64
