# read-stdin: read fd 0 to EOF in 7-byte pieces, upper-case ASCII letters, write each piece to
# fd 1; then print the total and the result of one more read at EOF (0)
# (nacl-abi.md section 4.2 read/write).
        .include "nacl.inc"
main:
        xor %r12d, %r12d                # total bytes
        lea buf(%rip), %rax
        mov %eax, %r14d                 # user address of buf
1:      SC SYS_read, $0, %r14d, $7
        test %rax, %rax
        jle 4f
        add %eax, %r12d
        mov %eax, %r13d                 # bytes in this piece
        xor %ebx, %ebx
2:      .bundle_lock
        lea (%r14,%rbx), %eax
        movzbl (%r15,%rax), %ecx
        .bundle_unlock
        lea -'a'(%rcx), %edx
        cmp $25, %edx
        ja 3f
        sub $32, %ecx
        .bundle_lock
        lea (%r14,%rbx), %eax
        mov %cl, (%r15,%rax)
        .bundle_unlock
3:      inc %ebx
        cmp %r13d, %ebx
        jb 2b
        SC SYS_write, $1, %r14d, %r13d
        jmp 1b
4:      mov %rax, %r13
        EXPECT %r13, 0, "read at EOF returns 0"
        SC SYS_read, $0, %r14d, $7
        EXPECT %rax, 0, "read after EOF returns 0 again"
        SHOW "total=", %r12
        EXIT 0
        .bss
buf:    .zero 16
