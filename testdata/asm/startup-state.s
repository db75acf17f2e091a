# startup-state: the main thread's initial registers (nacl-abi.md section 3.2): rax, rbx, rcx,
# rdx, rsi, r8-r10, r12-r14 zero; rdi = P (the startup block); rsp = r15 + P - 8 with a zero
# dummy return address, rsp = 8 mod 16; rbp = rsp; r11 = r15 + entry; r15 4 GiB aligned;
# flags as after `xor edx,edx` (ZF PF set); DF clear; FCW 0x37F; MXCSR 0x1F80; XMM zero.
        .include "nacl.inc"
main:
        mov %rax, sv+0(%rip)
        mov %rdx, sv+24(%rip)
        mov %rbx, sv+8(%rip)
        mov %rcx, sv+16(%rip)
        mov %rsi, sv+32(%rip)
        mov %rdi, sv+40(%rip)
        GETFLAGS
        mov %rax, sv+128(%rip)
        mov %rsp, sv+48(%rip)
        mov %rbp, sv+56(%rip)
        mov %r8, sv+64(%rip)
        mov %r9, sv+72(%rip)
        mov %r10, sv+80(%rip)
        mov %r11, sv+88(%rip)
        mov %r12, sv+96(%rip)
        mov %r13, sv+104(%rip)
        mov %r14, sv+112(%rip)
        mov %r15, sv+120(%rip)
        movq %xmm0, sv+136(%rip)
        movq %xmm15, sv+144(%rip)
        stmxcsr sv+152(%rip)
        fnstcw sv+160(%rip)
        mov (%rsp), %rax
        mov %rax, sv+168(%rip)
        # DF: lodsb must step rsi forward
        lea sv(%rip), %rsi
        .bundle_lock
        mov %esi, %esi
        lea (%r15,%rsi), %rsi
        lodsb
        .bundle_unlock
        lea sv+1(%rip), %rax
        sub %rax, %rsi
        EXPECT %rsi, 0, "DF clear"
        EXPECT sv+0(%rip), 0, "rax"
        EXPECT sv+8(%rip), 0, "rbx"
        EXPECT sv+16(%rip), 0, "rcx"
        EXPECT sv+24(%rip), 0, "rdx"
        EXPECT sv+32(%rip), 0, "rsi"
        EXPECT sv+64(%rip), 0, "r8"
        EXPECT sv+72(%rip), 0, "r9"
        EXPECT sv+80(%rip), 0, "r10"
        EXPECT sv+96(%rip), 0, "r12"
        EXPECT sv+104(%rip), 0, "r13"
        EXPECT sv+112(%rip), 0, "r14"
        mov sv+120(%rip), %rax
        mov %eax, %eax
        EXPECT %rax, 0, "r15 low 32 bits zero"
        mov sv+48(%rip), %rax
        sub sv+120(%rip), %rax
        mov sv+40(%rip), %rbx
        lea -8(%rbx), %rbx
        EXPECTR %rax, %rbx, "rsp - r15 == rdi - 8"
        mov sv+40(%rip), %rax
        shr $32, %rax
        EXPECT %rax, 0, "rdi upper half zero"
        mov sv+48(%rip), %rax
        and $15, %eax
        EXPECT %rax, 8, "rsp mod 16"
        mov sv+56(%rip), %rax
        sub sv+48(%rip), %rax
        EXPECT %rax, 0, "rbp == rsp"
        mov sv+88(%rip), %rax
        sub sv+120(%rip), %rax
        EXPECT %rax, 0x20000, "r11 == r15 + entry"
        mov sv+128(%rip), %rax
        and $0x8d5, %eax
        EXPECT %rax, 0x44, "flags ZF PF"
        EXPECT sv+136(%rip), 0, "xmm0"
        EXPECT sv+144(%rip), 0, "xmm15"
        mov sv+152(%rip), %eax
        EXPECT %rax, 0x1f80, "mxcsr"
        movzwl sv+160(%rip), %eax
        EXPECT %rax, 0x37f, "fcw"
        EXPECT sv+168(%rip), 0, "dummy return address"
        mov sv+40(%rip), %rax
        mov %eax, %eax
        SHOWX "P=", %rax
        EXIT 0

        .bss
        .p2align 4
sv:     .zero 176
