# rsp-rbp: the stack/frame pointer sandboxing sequences the validator accepts
# (nacl-validator.md 2.2; toolchain.md section 3 table): a 32-bit write then re-basing with r15.
        .include "nacl.inc"
        # r12 <- rsp - r15 (the user address of the stack pointer)
        .macro USP
        mov %rsp, %r12
        sub %r15, %r12
        .endm
main:
        USP
        mov %r12, %r13                  # initial user rsp
        # sub $64,%esp ; add %r15,%rsp
        .bundle_lock
        sub $64, %esp
        add %r15, %rsp
        .bundle_unlock
        USP
        lea -64(%r13), %rbx
        EXPECTR %r12, %rbx, "sub esp + add r15"
        # add $64,%esp ; lea (%rsp,%r15),%rsp
        .bundle_lock
        add $64, %esp
        lea (%rsp,%r15,1), %rsp
        .bundle_unlock
        USP
        EXPECTR %r12, %r13, "add esp + lea (rsp,r15)"
        # mov %eax,%esp ; or %r15,%rsp
        mov %esp, %eax
        sub $128, %eax
        .bundle_lock
        mov %eax, %esp
        or %r15, %rsp
        .bundle_unlock
        USP
        lea -128(%r13), %rbx
        EXPECTR %r12, %rbx, "mov eax,esp + or r15"
        # and $-64,%rsp needs no re-basing
        and $-64, %rsp
        USP
        mov %r12, %rbx
        and $63, %ebx
        EXPECT %rbx, 0, "and -64,rsp aligns"
        # a stack address far below: 0xff800000 (inside the 16 MiB stack mapping)
        mov %rsp, %rbp
        .bundle_lock
        mov $0xff800000, %esp
        add %r15, %rsp
        .bundle_unlock
        pushq $0x1234
        USP
        popq %rbx
        mov %rbp, %rsp
        EXPECT %r12, 0xff7ffff8, "push at 0xff800000"
        EXPECT %rbx, 0x1234, "pop value"
        # mov %rsp,%rbp and mov %rbp,%rsp need no re-basing
        mov %rsp, %rbp
        pushq $1
        pushq $2
        mov %rbp, %rsp
        mov %rsp, %rbx
        sub %rbp, %rbx
        EXPECT %rbx, 0, "mov rbp,rsp restores"
        # rbp: sub $16,%ebp ; lea 0(%rbp,%r15),%rbp
        .bundle_lock
        sub $16, %ebp
        lea 0(%rbp,%r15,1), %rbp
        .bundle_unlock
        mov %rsp, %rbx
        sub %rbp, %rbx
        EXPECT %rbx, 16, "sub ebp + lea (rbp,r15)"
        # rbp: mov %esp,%ebp ; add %r15,%rbp
        .bundle_lock
        mov %esp, %ebp
        add %r15, %rbp
        .bundle_unlock
        mov %rsp, %rbx
        sub %rbp, %rbx
        EXPECT %rbx, 0, "mov esp,ebp + add r15"
        # the `pop %rbp` replacement: pop %r11 ; mov %r11d,%ebp ; add %r15,%rbp
        lea 0x100(%rsp), %rax
        push %rax
        .bundle_lock
        pop %r11
        mov %r11d, %ebp
        add %r15, %rbp
        .bundle_unlock
        mov %rbp, %rbx
        sub %rsp, %rbx
        EXPECT %rbx, 0x100, "pop r11 + mov r11d,ebp + add r15"
        # re-basing with lea keeps the flags (toolchain.md section 6); with add it does not
        mov %esp, %eax
        stc
        .bundle_lock
        mov %eax, %esp
        lea (%rsp,%r15,1), %rsp
        .bundle_unlock
        setc %bl
        movzbl %bl, %ebx
        EXPECT %rbx, 1, "lea re-basing keeps CF"
        mov %esp, %eax
        stc
        .bundle_lock
        mov %eax, %esp
        add %r15, %rsp
        .bundle_unlock
        setc %bl
        movzbl %bl, %ebx
        EXPECT %rbx, 0, "add re-basing clears CF"
        # a frame: push rbp ; mov rsp,rbp ; locals via rbp ; leave replacement
        USP
        mov %r12, %r13
        CALL frame
        mov %rax, %rbx
        USP
        EXPECT %rbx, 42, "frame function"
        EXPECTR %r12, %r13, "stack balanced after call"
        EXIT 0

FUNC frame
        push %rbp
        mov %rsp, %rbp
        SUBRSP 32
        movq $40, -8(%rbp)
        movq $2, -16(%rbp)
        mov -8(%rbp), %rax
        add -16(%rbp), %rax
        mov %rbp, %rsp
        .bundle_lock
        pop %r11
        mov %r11d, %ebp
        add %r15, %rbp
        .bundle_unlock
        RET
