# sse-x87: SSE2 scalar double and x87 results with their edge cases (SDM Vol. 2 ADDSD, DIVSD,
# SQRTSD, CVTSI2SD, CVTTSD2SI, UCOMISD/COMISD, MINSD; Vol. 1 4.8.3.7 (the integer indefinite
# 0x8000000000000000), 4.8.3.5 (QNaN default), 8.1.3 FSTSW; IEEE 754 binary64 bit patterns).
# Every syscall (so every EXPECT) zeroes the vector registers (nacl-abi.md section 4.1), so each
# check reloads its inputs from memory.
        .include "nacl.inc"
main:
        # 1.5 + 2.25 = 3.75 = 0x400e000000000000
        movsd one5(%rip), %xmm0
        addsd two25(%rip), %xmm0
        movq %xmm0, %rbx
        EXPECT %rbx, 0x400e000000000000, "addsd 1.5+2.25"
        # 1/0 = +inf
        movsd one(%rip), %xmm0
        xorpd %xmm1, %xmm1
        divsd %xmm1, %xmm0
        movq %xmm0, %rbx
        EXPECT %rbx, 0x7ff0000000000000, "divsd 1/0 = +inf"
        # 0/0 = default QNaN (negative: 0xfff8000000000000)
        xorpd %xmm0, %xmm0
        xorpd %xmm1, %xmm1
        divsd %xmm1, %xmm0
        movq %xmm0, %rbx
        movsd %xmm0, nan(%rip)
        EXPECT %rbx, 0xfff8000000000000, "divsd 0/0 = default NaN"
        # sqrt(2) = 0x3ff6a09e667f3bcd
        movsd two(%rip), %xmm2
        sqrtsd %xmm2, %xmm2
        movq %xmm2, %rbx
        EXPECT %rbx, 0x3ff6a09e667f3bcd, "sqrtsd 2"
        # cvtsi2sd -3 -> -3.0
        mov $-3, %rax
        cvtsi2sd %rax, %xmm3
        movq %xmm3, %rbx
        EXPECT %rbx, 0xc008000000000000, "cvtsi2sd -3"
        # cvttsd2si truncates toward zero; NaN and out of range give the integer indefinite
        movsd m275(%rip), %xmm4
        cvttsd2si %xmm4, %rbx
        EXPECT %rbx, -2, "cvttsd2si -2.75"
        movsd nan(%rip), %xmm0
        cvttsd2si %xmm0, %rbx
        EXPECT %rbx, 0x8000000000000000, "cvttsd2si NaN = indefinite"
        movsd big(%rip), %xmm4
        cvttsd2si %xmm4, %rbx
        EXPECT %rbx, 0x8000000000000000, "cvttsd2si 1e19 = indefinite"
        movsd big(%rip), %xmm4
        cvttsd2si %xmm4, %ebx
        EXPECT %rbx, 0x80000000, "cvttsd2si 1e19 to r32 = 0x80000000"
        # ucomisd: less -> CF; equal -> ZF; unordered -> ZF PF CF; OF SF AF cleared
        movsd one(%rip), %xmm5
        ucomisd two(%rip), %xmm5
        EXPECT_FLAGS 0x8c5, 0x1, "ucomisd 1<2: CF"
        movsd one(%rip), %xmm5
        ucomisd one(%rip), %xmm5
        EXPECT_FLAGS 0x8c5, 0x40, "ucomisd 1==1: ZF"
        movsd one(%rip), %xmm5
        ucomisd nan(%rip), %xmm5
        EXPECT_FLAGS 0x8c5, 0x45, "ucomisd with NaN: ZF PF CF"
        # minsd returns the second operand when either is NaN
        movsd one(%rip), %xmm6
        minsd nan(%rip), %xmm6
        movq %xmm6, %rbx
        EXPECT %rbx, 0xfff8000000000000, "minsd(1, NaN) = NaN (second operand)"
        movsd nan(%rip), %xmm6
        minsd one(%rip), %xmm6
        movq %xmm6, %rbx
        EXPECT %rbx, 0x3ff0000000000000, "minsd(NaN, 1) = 1 (second operand)"
        # x87: 1.5 * 4 = 6 stored as double; fcomip-free compare through fnstsw
        fldl one5(%rip)
        fmull four(%rip)
        fstpl res(%rip)
        EXPECT res(%rip), 0x4018000000000000, "x87 1.5*4 = 6"
        fldl two(%rip)
        fsqrt
        fstpl res(%rip)
        EXPECT res(%rip), 0x3ff6a09e667f3bcd, "x87 fsqrt 2 (double)"
        fldl one(%rip)
        fldl two(%rip)
        fcompp
        fnstsw %ax
        and $0x4500, %eax
        mov %rax, %rbx
        EXPECT %rbx, 0x0000, "fcompp 2 vs 1: C3 C2 C0 clear (ST0 > ST1)"
        fildq minus7(%rip)
        fistpl ires(%rip)
        movslq ires(%rip), %rbx
        EXPECT %rbx, -7, "fild/fistp -7"
        EXIT 0
        .section .rodata
        .p2align 3
one:    .double 1.0
one5:   .double 1.5
two:    .double 2.0
two25:  .double 2.25
four:   .double 4.0
m275:   .double -2.75
big:    .double 1e19
minus7: .quad -7
        .bss
        .p2align 3
res:    .zero 8
ires:   .zero 8
nan:    .zero 8
