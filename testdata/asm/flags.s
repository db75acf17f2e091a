# flags: arithmetic flag edge cases (SDM Vol. 1 3.4.3 and Vol. 2 per-instruction "Flags Affected").
# osabi: 123/7
# Flags are read with setcc (GETFLAGS: CF 0x1, PF 0x4, ZF 0x40, SF 0x80, OF 0x800); AF is in
# flags-af.s. Masks leave out flags the manual calls undefined for the instruction.
        .include "nacl.inc"
        .set ALL, 0x8c5
main:
        # ADD 64: 0x7fff...f + 1 = 0x8000...0: OF SF, PF (low byte 0x00 has even parity)
        movabs $0x7fffffffffffffff, %rbx
        add $1, %rbx
        EXPECT_FLAGS ALL, 0x884, "add64 signed overflow flags"
        EXPECT %rbx, 0x8000000000000000, "add64 signed overflow value"
        # ADD 64: -1 + 1 = 0: CF ZF PF
        mov $-1, %rbx
        add $1, %rbx
        EXPECT_FLAGS ALL, 0x45, "add64 carry to zero"
        # ADD 32: 0x7fffffff + 1, result zero-extended into rbx
        mov $-1, %rbx
        mov $0x7fffffff, %ebx
        add $1, %ebx
        EXPECT_FLAGS ALL, 0x884, "add32 signed overflow flags"
        EXPECT %rbx, 0x80000000, "add32 zero-extends"
        # ADD 8: 0x80 + 0x80 = 0x00: CF OF ZF PF; upper bits of rbx kept
        mov $0x1280, %ebx
        add $0x80, %bl
        EXPECT_FLAGS ALL, 0x845, "add8 flags"
        EXPECT %rbx, 0x1200, "add8 keeps upper bits"
        # ADD 16: 0xffff + 1 = 0 with CF, upper bits kept
        mov $0x3ffff, %ebx
        add $1, %bx
        EXPECT_FLAGS ALL, 0x45, "add16 flags"
        EXPECT %rbx, 0x30000, "add16 keeps upper bits"
        # SUB: 0 - 1 = -1: CF SF PF
        xor %ebx, %ebx
        sub $1, %rbx
        EXPECT_FLAGS ALL, 0x85, "sub64 borrow"
        # SUB: 0x8000...0 - 1: OF, PF (0xff)
        movabs $0x8000000000000000, %rbx
        sub $1, %rbx
        EXPECT_FLAGS ALL, 0x804, "sub64 signed overflow"
        # CMP 1 with 2
        mov $1, %ebx
        cmp $2, %rbx
        EXPECT_FLAGS ALL, 0x85, "cmp 1,2"
        # PF looks at the low byte only: 0x100 + 0
        mov $0x100, %ebx
        add $0, %rbx
        EXPECT_FLAGS ALL, 0x4, "parity of low byte only"
        # 0x3 has two bits: PF=1; 0x7 three bits: PF=0
        mov $0x7, %ebx
        or $0, %rbx
        EXPECT_FLAGS ALL, 0x0, "or: odd parity, CF OF cleared"
        # INC keeps CF
        stc
        mov $-1, %rbx
        inc %rbx
        EXPECT_FLAGS ALL, 0x45, "inc keeps CF=1"
        clc
        movabs $0x8000000000000000, %rbx
        dec %rbx
        EXPECT_FLAGS ALL, 0x804, "dec keeps CF=0, sets OF"
        # NEG
        xor %ebx, %ebx
        neg %rbx
        EXPECT_FLAGS ALL, 0x44, "neg 0: CF=0"
        mov $1, %ebx
        neg %rbx
        EXPECT_FLAGS ALL, 0x85, "neg 1"
        movabs $0x8000000000000000, %rbx
        neg %rbx
        EXPECT_FLAGS ALL, 0x885, "neg min: OF"
        # SHL 1: CF = bit shifted out, OF = MSB(result) xor CF
        movabs $0x8000000000000001, %rbx
        shl $1, %rbx
        EXPECT_FLAGS ALL, 0x801, "shl1 flags"
        EXPECT %rbx, 2, "shl1 value"
        # shift count masked to 6 bits (64-bit operand): count 64 -> no change, flags unchanged
        mov $5, %ebx
        mov $64, %ecx
        xor %eax, %eax
        stc
        shl %cl, %rbx
        EXPECT_FLAGS ALL, 0x45, "shl by 64 (masked to 0) keeps flags"
        EXPECT %rbx, 5, "shl by 64 keeps value"
        # 32-bit operand: count masked to 5 bits, 33 -> 1
        mov $1, %ebx
        mov $33, %ecx
        shl %cl, %ebx
        EXPECT %rbx, 2, "shl32 by 33 shifts by 1"
        # SAR -5 by 1 = -3, CF=1, OF=0
        mov $-5, %rbx
        sar $1, %rbx
        EXPECT_FLAGS ALL, 0x81, "sar -5 flags"
        EXPECT %rbx, -3, "sar -5 value"
        # SHR 1 of 0x8000...0: OF = original MSB
        movabs $0x8000000000000000, %rbx
        shr $1, %rbx
        EXPECT_FLAGS ALL, 0x804, "shr1 flags"
        # SHRD / SHLD
        movabs $0x123456789abcdef0, %rbx
        movabs $0xfedcba9876543210, %rdx
        shrd $8, %rdx, %rbx
        EXPECT %rbx, 0x10123456789abcde, "shrd 8"
        movabs $0x123456789abcdef0, %rbx
        movabs $0xfedcba9876543210, %rdx
        shld $12, %rdx, %rbx
        EXPECT %rbx, 0x456789abcdef0fed, "shld 12"
        # ROL 1: CF = LSB(result), OF = MSB(result) xor CF; SF ZF PF untouched
        movabs $0x8000000000000000, %rbx
        rol $1, %rbx
        EXPECT_FLAGS 0x801, 0x801, "rol1 CF OF"
        EXPECT %rbx, 1, "rol1 value"
        # RCR 1 through CF=1
        xor %ebx, %ebx
        stc
        rcr $1, %rbx
        EXPECT_FLAGS 0x801, 0x800, "rcr1 CF OF"
        EXPECT %rbx, 0x8000000000000000, "rcr1 value"
        # ROR by 4 (32-bit)
        mov $0x12345678, %ebx
        ror $4, %ebx
        EXPECT %rbx, 0x81234567, "ror32 4"
        # ADC/SBB 128-bit chains
        mov $-1, %rbx
        mov $1, %r12
        add $1, %rbx
        adc $0, %r12
        EXPECT %rbx, 0, "adc chain low"
        EXPECT %r12, 2, "adc chain high"
        xor %ebx, %ebx
        mov $2, %r12
        sub $1, %rbx
        sbb $0, %r12
        EXPECT %rbx, -1, "sbb chain low"
        EXPECT %r12, 1, "sbb chain high"
        # BSF/BSR
        mov $0x80, %ebx
        bsf %rbx, %rbx
        EXPECT_FLAGS 0x40, 0, "bsf nonzero ZF=0"
        EXPECT %rbx, 7, "bsf 0x80"
        xor %ebx, %ebx
        bsf %rbx, %rax
        EXPECT_FLAGS 0x40, 0x40, "bsf zero ZF=1"
        movabs $0x8000000000000001, %rbx
        bsr %rbx, %rbx
        EXPECT %rbx, 63, "bsr"
        # BT immediate
        mov $8, %ebx
        bt $3, %rbx
        EXPECT_FLAGS 0x1, 0x1, "bt 3 of 8"
        bt $2, %rbx
        EXPECT_FLAGS 0x1, 0x0, "bt 2 of 8"
        mov $8, %ebx
        btc $3, %rbx
        EXPECT %rbx, 0, "btc"
        bts $63, %rbx
        EXPECT %rbx, 0x8000000000000000, "bts 63"
        # IMUL overflow: CF=OF=1
        movabs $0x4000000000000000, %rbx
        imul $2, %rbx, %rbx
        EXPECT_FLAGS 0x801, 0x801, "imul overflow CF OF"
        mov $3, %ebx
        imul $-4, %rbx, %rbx
        EXPECT_FLAGS 0x801, 0, "imul no overflow"
        EXPECT %rbx, -12, "imul 3*-4"
        # AND/TEST clear CF OF
        stc
        mov $0xf0, %ebx
        and $0x0f, %rbx
        EXPECT_FLAGS ALL, 0x44, "and to zero"
        # CMPXCHG
        movq $7, cell(%rip)
        mov $7, %eax
        mov $9, %ebx
        cmpxchg %rbx, cell(%rip)
        EXPECT_FLAGS 0x40, 0x40, "cmpxchg equal ZF"
        EXPECT cell(%rip), 9, "cmpxchg stored"
        mov $1, %eax
        cmpxchg %rbx, cell(%rip)
        EXPECT_FLAGS 0x40, 0, "cmpxchg unequal ZF"
        # unequal: rax gets the memory value
        mov $1, %eax
        mov $5, %ebx
        lock cmpxchg %rbx, cell(%rip)
        mov %rax, %rbx
        EXPECT %rbx, 9, "cmpxchg loads rax"
        # XADD
        movq $10, cell(%rip)
        mov $5, %ebx
        xadd %rbx, cell(%rip)
        EXPECT %rbx, 10, "xadd old"
        EXPECT cell(%rip), 15, "xadd sum"
        # SETcc / CMOVcc on signed vs unsigned compare of -1 and 1
        mov $-1, %rbx
        cmp $1, %rbx
        setl %al
        setb %cl
        movzbl %al, %r12d
        movzbl %cl, %r13d
        EXPECT %r12, 1, "setl -1<1"
        EXPECT %r13, 0, "setb -1<1 unsigned"
        mov $-1, %rbx
        mov $42, %r12d
        cmp $1, %rbx
        cmova %r12, %rbx
        EXPECT %rbx, 42, "cmova unsigned"
        # CMOV with 32-bit operand zero-extends even when the condition is false
        movabs $0xffffffff00000005, %rbx
        mov $7, %r12d
        cmp %r12, %r12
        cmovne %r12d, %ebx
        EXPECT %rbx, 5, "cmov32 false still zero-extends"
        EXIT 0

        .data
        .p2align 3
cell:   .quad 0
