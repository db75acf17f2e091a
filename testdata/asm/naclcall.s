# naclcall: indirect calls and jumps through the nacljmp/naclcall forms (nacl-validator.md 4.1),
# function pointers from a table, a syscall reached by naclcall, and the trampoline return that
# rounds the return address up to the next bundle (nacl-abi.md section 4.1).
        .include "nacl.inc"
main:
        # call through a table of 32-bit function pointers in .rodata
        xor %ebx, %ebx
        mov table(%rip), %eax
        NACLCALL %eax, %rax
        mov table+4(%rip), %eax
        NACLCALL %eax, %rax
        EXPECT %rbx, 0x21, "naclcall via table"
        # call through r12 (REX register form)
        lea add100(%rip), %r12
        NACLCALL %r12d, %r12
        EXPECT %rbx, 0x85, "naclcall via r12"
        # the masking: an address inside a bundle is rounded down to the bundle start
        lea add100+5(%rip), %r12
        NACLCALL %r12d, %r12
        EXPECT %rbx, 0xe9, "naclcall masks to bundle start"
        # nacljmp forward to a bundle-aligned label
        lea target(%rip), %r13
        NACLJMP %r13d, %r13
        PRINT "FAIL nacljmp fell through\n"
target_ret:
        EXPECT %rbx, 0xea, "nacljmp"
        # a syscall reached through naclcall: write(1, msg, len)
        mov $1, %edi
        lea msg(%rip), %rsi
        mov $msg_len, %edx
        mov $0x101a0, %eax
        NACLCALL %eax, %rax
        SYSRES
        EXPECT %rax, msg_len, "write via naclcall returns count"
        # a syscall call that does not end its bundle: the trampoline returns to the next
        # bundle start, skipping the rest of this one
        xor %r12d, %r12d
        .p2align 5
        .bundle_lock
        call 0x10000 + 32 * SYS_null
        mov $0xbad, %r12d
        .bundle_unlock
        .p2align 5
        EXPECT %r12, 0, "trampoline return rounds up to the bundle end"
        EXIT 0

FUNC add1
        add $1, %ebx
        RET
FUNC add20
        add $0x20, %ebx
        RET
FUNC add100
        add $0x64, %ebx
        RET
        .p2align 5
target:
        inc %ebx
        jmp target_ret

        .section .rodata
        .p2align 2
table:  .long add1, add20
        .text
        STR msg, "hello via naclcall\n"
