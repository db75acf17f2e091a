# syscall-regs: the register state after an ordinary syscall (nacl-abi.md section 4.1):
# rbx, rbp, r12-r14 kept; rcx, rdx, rsi, r8, r9, r10 zero; rdi = low 32 bits of rsp + 8;
# r11 = r15 + return address; flags as after `xor` (ZF PF); xmm registers zeroed; MXCSR kept.
        .include "nacl.inc"
main:
        movabs $0x1111111111111111, %rbx
        movabs $0x3333333333333333, %r12
        movabs $0x4444444444444444, %r13
        movabs $0x5555555555555555, %r14
        mov %rsp, %rbp
        movabs $0x6666666666666666, %rcx
        movabs $0x7777777777777777, %rdx
        movabs $0x8888888888888888, %rsi
        movabs $0x9999999999999999, %r8
        movabs $0xaaaaaaaaaaaaaaaa, %r9
        movabs $0xbbbbbbbbbbbbbbbb, %r10
        movq %rdx, %xmm0
        movq %rdx, %xmm7
        movq %rdx, %xmm15
        movl $0x9fc0, mx(%rip)          # FTZ, DAZ set
        ldmxcsr mx(%rip)
        stc
        SYSCALL SYS_sched_yield
ret1:   mov %rax, sv(%rip)
        mov %rcx, sv+8(%rip)
        mov %rdx, sv+16(%rip)
        mov %rsi, sv+24(%rip)
        mov %rdi, sv+32(%rip)
        mov %r8, sv+40(%rip)
        mov %r9, sv+48(%rip)
        mov %r10, sv+56(%rip)
        mov %r11, sv+64(%rip)
        mov %rsp, sv+72(%rip)
        movq %xmm0, sv+80(%rip)
        movq %xmm7, sv+88(%rip)
        movq %xmm15, sv+96(%rip)
        stmxcsr sv+104(%rip)
        GETFLAGS
        mov %rax, sv+112(%rip)
        EXPECT sv(%rip), 0, "rax = result 0"
        EXPECT sv+8(%rip), 0, "rcx zero"
        EXPECT sv+16(%rip), 0, "rdx zero"
        EXPECT sv+24(%rip), 0, "rsi zero"
        EXPECT sv+40(%rip), 0, "r8 zero"
        EXPECT sv+48(%rip), 0, "r9 zero"
        EXPECT sv+56(%rip), 0, "r10 zero"
        mov sv+72(%rip), %rax
        add $8, %rax
        mov %eax, %eax
        EXPECTR sv+32(%rip), %rax, "rdi = (uint32)(rsp + 8)"
        mov sv+64(%rip), %rax
        sub %r15, %rax
        EXPECT %rax, ret1, "r11 = r15 + return address"
        EXPECT %rbx, 0x1111111111111111, "rbx kept"
        EXPECT %r12, 0x3333333333333333, "r12 kept"
        EXPECT %r13, 0x4444444444444444, "r13 kept"
        EXPECT %r14, 0x5555555555555555, "r14 kept"
        mov %rbp, %rax
        sub %rsp, %rax
        EXPECT %rax, 0, "rbp kept"
        EXPECT sv+80(%rip), 0, "xmm0 zeroed"
        EXPECT sv+88(%rip), 0, "xmm7 zeroed"
        EXPECT sv+96(%rip), 0, "xmm15 zeroed"
        mov sv+104(%rip), %eax
        EXPECT %rax, 0x9fc0, "mxcsr kept"
        mov sv+112(%rip), %rax
        and $0x8c5, %eax
        EXPECT %rax, 0x44, "flags ZF PF (CF cleared)"
        EXIT 0
        .bss
        .p2align 4
sv:     .zero 128
mx:     .zero 8
