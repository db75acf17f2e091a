# bench-string: string ops: argv[1] iterations (default 200) of rep stosb filling a 64 KiB
# buffer with (i & 255), rep movsb copying it to a second buffer at an odd offset, and reading
# one byte of the copy. Checksum: testdata/bench-expected.py.
        .include "nacl.inc"
        .include "bench.inc"
        .set LEN, 0x10000
main:
        ITERATIONS 200
        SHOW "iterations=", %rbx
        xor %r12d, %r12d                        # checksum
        xor %r13d, %r13d                        # i
        cmp %rbx, %r13
        jae 2f
1:      mov %r13d, %eax                         # fill a[0..LEN) with i & 255
        lea a(%rip), %rdi
        mov $LEN, %ecx
        .bundle_lock
        mov %edi, %edi
        lea (%r15,%rdi), %rdi
        rep stosb
        .bundle_unlock
        lea a(%rip), %rsi                       # b[3..3+LEN) = a[0..LEN)
        lea b+3(%rip), %rdi
        mov $LEN, %ecx
        .bundle_lock
        mov %esi, %esi
        lea (%r15,%rsi), %rsi
        mov %edi, %edi
        lea (%r15,%rdi), %rdi
        rep movsb
        .bundle_unlock
        mov %r13d, %eax                         # checksum = checksum * 31 + b[3 + (i * 4099) % LEN] + i
        imul $4099, %eax, %eax
        and $(LEN - 1), %eax
        .bundle_lock
        mov %eax, %eax
        movzbl b+3(%r15,%rax), %eax
        .bundle_unlock
        imul $31, %r12, %r12
        add %rax, %r12
        add %r13, %r12
        inc %r13
        cmp %rbx, %r13
        jb 1b
2:      SHOWX "checksum=", %r12
        EXIT 0

        .bss
        .p2align 6
a:      .zero LEN
b:      .zero LEN + 64
        .section .text.entry, "ax", @progbits
