# brk: the program break (nacl-abi.md section 4.6): starts at the end of bss (_end),
# grows with zero-filled memory, never goes below the initial break, and cannot grow into
# another mapping (the stack), in which case the old break is returned.
        .include "nacl.inc"
main:
        SC SYS_brk, $0
        mov %rax, %rbx                  # initial break
        mov $_end, %eax
        EXPECTR %rbx, %rax, "initial break == _end"
        lea 0x100(%rbx), %r12d
        SC SYS_brk, %r12d
        EXPECTR %rax, %r12, "brk +0x100"
        .bundle_lock
        mov %ebx, %ebx
        movb $0x5a, 0xff(%r15,%rbx)
        .bundle_unlock
        .bundle_lock
        mov %ebx, %ebx
        movzbl 0xff(%r15,%rbx), %eax
        .bundle_unlock
        EXPECT %rax, 0x5a, "store/load below the new break"
        lea 0x30000(%rbx), %r12d
        SC SYS_brk, %r12d
        EXPECTR %rax, %r12, "brk +0x30000"
        lea 0x2fff8(%rbx), %eax
        .bundle_lock
        mov %eax, %eax
        mov (%r15,%rax), %r13
        .bundle_unlock
        EXPECT %r13, 0, "new memory is zero"
        lea 0x2fff8(%rbx), %eax
        .bundle_lock
        mov %eax, %eax
        movq $-1, (%r15,%rax)
        .bundle_unlock
        lea -0x10(%rbx), %r13d
        SC SYS_brk, %r13d
        EXPECTR %rax, %r12, "brk below the initial break: unchanged"
        lea 0x1000(%rbx), %r13d
        SC SYS_brk, %r13d
        EXPECTR %rax, %r13, "brk lower but above the initial break"
        SC SYS_brk, $0xff000100
        EXPECTR %rax, %r13, "brk into the stack: refused, old break"
        SC SYS_brk, $0
        EXPECTR %rax, %r13, "brk(0) reads the break"
        EXIT 0
        .data
        .quad 1
        .bss
        .zero 100
