# flags-af: the auxiliary carry flag, read with LAHF (SDM Vol. 2A LAHF: AH <- SF:ZF:0:AF:0:PF:1:CF).
# AF is set on a carry/borrow out of bit 3 (SDM Vol. 1 3.4.3.1).
        .include "nacl.inc"
main:
        mov $0x0f, %bl
        add $1, %bl
        lahf
        movzbl %ah, %ebx
        EXPECT %rbx, 0x12, "0x0f+1: AF=1 (AH=0x12)"
        mov $0x10, %bl
        sub $1, %bl
        lahf
        movzbl %ah, %ebx
        and $0x10, %ebx
        EXPECT %rbx, 0x10, "0x10-1: AF=1"
        mov $0x0e, %bl
        add $1, %bl
        lahf
        movzbl %ah, %ebx
        and $0x10, %ebx
        EXPECT %rbx, 0, "0x0e+1: AF=0"
        mov $-1, %rbx
        inc %rbx
        lahf
        movzbl %ah, %ebx
        EXPECT %rbx, 0x56, "inc -1: ZF AF PF (AH=0x56, CF untouched 0)"
        # SAHF then LAHF round trip
        mov $0xd5, %ah
        sahf
        mov $0, %ah
        lahf
        movzbl %ah, %ebx
        EXPECT %rbx, 0xd7, "sahf 0xd5 then lahf"
        EXIT 0
