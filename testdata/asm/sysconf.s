# sysconf (nacl-abi.md section 4.8). Run with file access (a mount) so that
# _SC_NACL_FILE_ACCESS_ENABLED is 1.
        .include "nacl.inc"
main:
        SC SYS_sysconf, $2, $val
        EXPECT %rax, 0, "sysconf _SC_PAGESIZE"
        mov val(%rip), %eax
        EXPECT %rax, 65536, "page size"
        SC SYS_sysconf, $1, $val
        EXPECT %rax, 0, "sysconf _SC_NPROCESSORS_ONLN"
        mov val(%rip), %eax
        cmp $1, %eax
        setge %al
        movzbl %al, %eax
        EXPECT %rax, 1, "at least one processor"
        SC SYS_sysconf, $0x1000000, $val
        mov val(%rip), %eax
        EXPECT %rax, 1, "_SC_NACL_FILE_ACCESS_ENABLED"
        SC SYS_sysconf, $0x1000001, $val
        mov val(%rip), %eax
        EXPECT %rax, 0, "_SC_NACL_LIST_MAPPINGS_ENABLED"
        SC SYS_sysconf, $0x1000002, $val
        mov val(%rip), %eax
        EXPECT %rax, 0, "_SC_NACL_PNACL_MODE"
        SC SYS_sysconf, $12345, $val
        EXPECT %rax, -22, "unknown name: EINVAL"
        SC SYS_sysconf, $2, $0
        EXPECT %rax, -14, "result pointer 0: EFAULT"
        EXIT 0
        .bss
        .p2align 3
val:    .zero 8
