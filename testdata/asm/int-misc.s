# int-misc: integer instructions beyond the ALU basics (Intel SDM Vol. 2): XCHG, BSWAP, MOVSX/
# MOVZX/MOVSXD, CBW/CWDE/CWD, SETcc on signed/unsigned orders, RCL, 8/16-bit shifts, BT on
# memory, LOOP, JRCXZ, LEA forms, NOT, LOCK XADD/OR on memory, SAR by CL, partial-register writes.
# Every EXPECT is a syscall, which clobbers rax, rcx, rdx, rsi, rdi, r8-r11: inputs are reloaded.
        .include "nacl.inc"
main:
        movabs $0x1122334455667788, %rbx
        bswap %rbx
        EXPECT %rbx, 0x8877665544332211, "bswap r64"
        mov $0x11223344, %ebx
        bswap %ebx
        EXPECT %rbx, 0x44332211, "bswap r32"
        mov $1, %ebx
        mov $2, %r12d
        xchg %rbx, %r12
        EXPECT %rbx, 2, "xchg"
        movq $5, cell(%rip)
        mov $9, %ebx
        xchg %rbx, cell(%rip)
        EXPECT %rbx, 5, "xchg with memory (old)"
        EXPECT cell(%rip), 9, "xchg with memory (new)"
        # sign/zero extension
        mov $0x80, %eax
        movsbq %al, %rbx
        EXPECT %rbx, 0xffffffffffffff80, "movsbq"
        mov $0x80, %eax
        movsbl %al, %ebx
        EXPECT %rbx, 0xffffff80, "movsbl zero-extends to 64"
        mov $0x8001, %eax
        movswq %ax, %rbx
        EXPECT %rbx, 0xffffffffffff8001, "movswq"
        mov $0x8001, %eax
        movzwl %ax, %ebx
        EXPECT %rbx, 0x8001, "movzwl"
        mov $0x80000000, %eax
        movslq %eax, %rbx
        EXPECT %rbx, 0xffffffff80000000, "movslq"
        mov $0xff, %eax
        cbtw
        movzwl %ax, %ebx
        EXPECT %rbx, 0xffff, "cbw"
        mov $0xffff8000, %eax
        cwtl
        mov %rax, %rbx
        EXPECT %rbx, 0xffff8000, "cwde"
        mov $0x8000, %eax
        mov $0x1234, %edx
        cwtd
        movzwl %dx, %ebx
        EXPECT %rbx, 0xffff, "cwd"
        # partial register writes: 8/16-bit keep the rest, 32-bit zero-extends
        mov $-1, %rbx
        mov $0x12, %bl
        EXPECT %rbx, 0xffffffffffffff12, "mov r8 keeps upper bits"
        mov $-1, %rbx
        mov $0x1234, %bx
        EXPECT %rbx, 0xffffffffffff1234, "mov r16 keeps upper bits"
        mov $-1, %rax
        mov $0x56, %ah
        mov %rax, %rbx
        EXPECT %rbx, 0xffffffffffff56ff, "mov ah"
        mov $-1, %rbx
        mov $0x1234, %ebx
        EXPECT %rbx, 0x1234, "mov r32 zero-extends"
        # SETcc after cmp 2, -1 (signed: 2 > -1; unsigned: 2 < 0xff..ff)
        xor %ebx, %ebx
        mov $2, %eax
        cmp $-1, %rax
        setg %bl
        setl %cl
        seta %dl
        setb %sil
        shl $8, %ebx
        movzbl %cl, %ecx
        or %ecx, %ebx
        shl $8, %ebx
        movzbl %dl, %edx
        or %edx, %ebx
        shl $8, %ebx
        movzbl %sil, %esi
        or %esi, %ebx
        and $0xffffffff, %ebx
        EXPECT %rbx, 0x01000001, "setg setl seta setb after cmp 2,-1"
        # RCL through carry
        mov $0x40, %bl
        stc
        rcl $2, %bl
        movzbl %bl, %ebx
        EXPECT %rbx, 0x02, "rcl8 by 2 with CF=1"
        # 8-bit shift counts are masked to 5 bits, then shift everything out
        mov $0xff, %bl
        mov $9, %cl
        shr %cl, %bl
        movzbl %bl, %ebx
        EXPECT %rbx, 0, "shr8 by 9"
        mov $0x8000, %bx
        mov $17, %cl
        sar %cl, %bx
        movzwl %bx, %ebx
        EXPECT %rbx, 0xffff, "sar16 by 17"
        mov $-256, %rbx
        mov $4, %cl
        sar %cl, %rbx
        EXPECT %rbx, -16, "sar64 by cl"
        # BT/BTS on memory with an immediate offset
        movq $0, cell(%rip)
        btsq $40, cell(%rip)
        EXPECT cell(%rip), 0x10000000000, "bts mem 40"
        btq $40, cell(%rip)
        setc %bl
        movzbl %bl, %ebx
        EXPECT %rbx, 1, "bt mem 40"
        # LOOP and JRCXZ
        mov $5, %ecx
        xor %ebx, %ebx
1:      add $3, %ebx
        loop 1b
        EXPECT %rbx, 15, "loop 5 times"
        xor %ecx, %ecx
        mov $1, %ebx
        jrcxz 2f
        mov $0, %ebx
2:      EXPECT %rbx, 1, "jrcxz taken"
        # LEA with scale and displacement, 32-bit result
        mov $0x10, %eax
        mov $0x3, %ecx
        lea 0x100(%rax,%rcx,8), %rbx
        EXPECT %rbx, 0x128, "lea base+index*8+disp"
        mov $-1, %rax
        lea 1(%rax), %ebx
        EXPECT %rbx, 0, "lea 32-bit wraps and zero-extends"
        # NOT, NEG on memory, LOCK forms
        movq $0, cell(%rip)
        notq cell(%rip)
        EXPECT cell(%rip), -1, "not mem"
        movq $10, cell(%rip)
        mov $5, %ebx
        lock xadd %rbx, cell(%rip)
        EXPECT %rbx, 10, "lock xadd old"
        EXPECT cell(%rip), 15, "lock xadd new"
        lock orq $0x100, cell(%rip)
        EXPECT cell(%rip), 0x10f, "lock or"
        lock decq cell(%rip)
        EXPECT cell(%rip), 0x10e, "lock dec"
        # 8-bit high registers in arithmetic
        mov $0x1234, %eax
        add %ah, %al
        movzwl %ax, %ebx
        EXPECT %rbx, 0x1246, "add ah to al"
        # ADD with memory destination and sign-extended imm8
        movq $1, cell(%rip)
        addq $-2, cell(%rip)
        EXPECT cell(%rip), -1, "add imm8 sign-extended to memory"
        # IMUL r32 truncates and zero-extends
        mov $0x10000, %ebx
        imul %ebx, %ebx
        EXPECT %rbx, 0, "imul32 0x10000^2 truncates"
        EXIT 0
        .data
        .p2align 3
cell:   .quad 0
