# muldiv: 64-bit (and narrower) MUL, IMUL, DIV, IDIV (SDM Vol. 2A/2B MUL, IMUL, DIV, IDIV).
# Products and quotients computed independently with Python big integers.
        .include "nacl.inc"
main:
        # MUL r64: (2^64-1)^2 = 0xfffffffffffffffe_0000000000000001, CF=OF=1
        mov $-1, %rax
        mov $-1, %rcx
        mul %rcx
        mov %rax, %rbx
        mov %rdx, %r12
        EXPECT_FLAGS 0x801, 0x801, "mul64 CF OF"
        EXPECT %rbx, 1, "mul64 low"
        EXPECT %r12, 0xfffffffffffffffe, "mul64 high"
        # MUL with a high half of zero: CF=OF=0
        mov $3, %eax
        mov $5, %ecx
        mul %rcx
        mov %rdx, %r12
        EXPECT_FLAGS 0x801, 0, "mul64 small CF OF"
        EXPECT %r12, 0, "mul64 small high"
        # MUL 0xfedcba9876543210 * 0x0123456789abcdef
        movabs $0xfedcba9876543210, %rax
        movabs $0x0123456789abcdef, %rcx
        mul %rcx
        mov %rax, %rbx
        mov %rdx, %r12
        EXPECT %rbx, 0x2236d88fe5618cf0, "mul64 big low"
        EXPECT %r12, 0x121fa00ad77d742, "mul64 big high"
        # IMUL one operand, same inputs signed
        movabs $0xfedcba9876543210, %rax
        movabs $0x0123456789abcdef, %rcx
        imul %rcx
        mov %rax, %rbx
        mov %rdx, %r12
        EXPECT %rbx, 0x2236d88fe5618cf0, "imul64 low"
        EXPECT %r12, 0xfffeb49923cc0953, "imul64 high"
        # IMUL -2 * 3 = -6: rdx is the sign extension, CF=OF=0
        mov $-2, %rax
        mov $3, %ecx
        imul %rcx
        mov %rax, %rbx
        mov %rdx, %r12
        EXPECT_FLAGS 0x801, 0, "imul64 -6 CF OF"
        EXPECT %rbx, -6, "imul64 -6 low"
        EXPECT %r12, -1, "imul64 -6 high"
        # IMUL two operands, truncated
        movabs $0x123456789, %rbx
        movabs $0x987654321, %rcx
        imul %rcx, %rbx
        EXPECT %rbx, 0xd77d742cce1833a9, "imul r64,r64"
        # MUL r32: 0xffffffff^2 = 0xfffffffe_00000001; results zero-extend
        mov $-1, %rax
        mov $-1, %rdx
        mov $0xffffffff, %eax
        mov $0xffffffff, %ecx
        mul %ecx
        mov %rax, %rbx
        mov %rdx, %r12
        EXPECT %rbx, 1, "mul32 eax"
        EXPECT %r12, 0xfffffffe, "mul32 edx"
        # MUL r8: al * cl -> ax
        mov $0x5500, %eax
        mov $0x10ff, %ebx
        mov $0xff, %al
        mov $0x02, %cl
        mul %cl
        movzwl %ax, %ebx
        EXPECT %rbx, 0x1fe, "mul8 ax"
        # DIV r64: 2^64 / 3
        mov $1, %edx
        xor %eax, %eax
        mov $3, %ecx
        div %rcx
        mov %rax, %rbx
        mov %rdx, %r12
        EXPECT %rbx, 0x5555555555555555, "div64 quotient"
        EXPECT %r12, 1, "div64 remainder"
        # DIV r64: (1:5) / 16
        mov $1, %edx
        mov $5, %eax
        mov $16, %ecx
        div %rcx
        mov %rax, %rbx
        mov %rdx, %r12
        EXPECT %rbx, 0x1000000000000000, "div64 b quotient"
        EXPECT %r12, 5, "div64 b remainder"
        # DIV r64 with a large divisor
        movabs $0x123456789abcdef0, %rdx
        movabs $0x0fedcba987654321, %rax
        movabs $0xfedcba9876543211, %rcx
        div %rcx
        mov %rax, %rbx
        mov %rdx, %r12
        EXPECT %rbx, 0x1249249249249237, "div64 c quotient"
        EXPECT %r12, 0xe900299c335ccf7a, "div64 c remainder"
        # IDIV truncates toward zero; remainder has the dividend's sign
        mov $-7, %rax
        cqo
        mov $2, %ecx
        idiv %rcx
        mov %rax, %rbx
        mov %rdx, %r12
        EXPECT %rbx, -3, "idiv -7/2 quotient"
        EXPECT %r12, -1, "idiv -7/2 remainder"
        mov $7, %eax
        cqo
        mov $-2, %rcx
        idiv %rcx
        mov %rax, %rbx
        mov %rdx, %r12
        EXPECT %rbx, -3, "idiv 7/-2 quotient"
        EXPECT %r12, 1, "idiv 7/-2 remainder"
        # IDIV r32: -100 / 7, results zero-extended into rax/rdx
        mov $-100, %eax
        cdq
        mov $7, %ecx
        idiv %ecx
        mov %rax, %rbx
        mov %rdx, %r12
        EXPECT %rbx, 0xfffffff2, "idiv32 quotient (-14)"
        EXPECT %r12, 0xfffffffe, "idiv32 remainder (-2)"
        # DIV r8: ax=0x1234 / 0x56 -> al=54 (0x36), ah=0x10
        mov $0x1234, %eax
        mov $0x56, %cl
        div %cl
        movzwl %ax, %ebx
        EXPECT %rbx, 0x1036, "div8 ah:al"
        # DIV r16: dx:ax = 0x0001:0x0000 / 0x100 -> ax=0x100, dx=0
        mov $1, %edx
        xor %eax, %eax
        mov $0x100, %ecx
        div %cx
        movzwl %ax, %ebx
        EXPECT %rbx, 0x100, "div16 ax"
        # CQO / CDQE / CWDE sign extension
        mov $0x80000000, %eax
        cltq
        mov %rax, %rbx
        EXPECT %rbx, 0xffffffff80000000, "cdqe"
        EXIT 0
