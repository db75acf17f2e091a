# syscall-errors: error paths that need no file access (nacl-abi.md sections 4.1-4.3):
# bad fds, bad buffers, unregistered numbers, numbers past the table, file access disabled.
# Run with no jnbox options (so no mounts and no host access).
        .include "nacl.inc"
main:
        SC SYS_null
        EXPECT %rax, 0, "null syscall returns 0"
        SC SYS_write, $99, $msg, $msg_len
        EXPECT %rax, -9, "write bad fd: EBADF"
        SC SYS_write, $-1, $msg, $msg_len
        EXPECT %rax, -9, "write fd -1: EBADF"
        SC SYS_write, $1, $0, $5
        EXPECT %rax, -14, "write from address 0: EFAULT"
        SC SYS_write, $1, $0xfffffff0, $0x100
        EXPECT %rax, -14, "write past 4 GiB: EFAULT"
        SC SYS_write, $1, $msg, $0
        EXPECT %rax, 0, "write count 0"
        SC SYS_write, $1, $msg, $msg_len
        EXPECT %rax, msg_len, "write returns count"
        SC SYS_read, $99, $buf, $16
        EXPECT %rax, -9, "read bad fd: EBADF"
        SC SYS_write, $1, $rotext, $4
        EXPECT %rax, 4, "write from rodata"
        SC SYS_close, $99
        EXPECT %rax, -9, "close bad fd: EBADF"
        SC SYS_fstat, $99, $statbuf
        EXPECT %rax, -9, "fstat bad fd: EBADF"
        SC SYS_lseek, $99, $off, $0
        EXPECT %rax, -9, "lseek bad fd: EBADF"
        SC 2
        EXPECT %rax, -38, "unregistered syscall 2: ENOSYS"
        SC 90
        EXPECT %rax, -38, "unregistered syscall 90: ENOSYS"
        SC 200
        EXPECT %rax, -22, "syscall 200 (past the table): EINVAL"
        SC SYS_open, $path, $0, $0
        EXPECT %rax, -2, "open with no mounts (empty read-only /): ENOENT"
        SC SYS_stat, $path, $statbuf
        EXPECT %rax, -2, "stat with no mounts (empty read-only /): ENOENT"
        SC SYS_sysconf, $0x1000000, $val
        EXPECT %rax, 0, "sysconf FILE_ACCESS_ENABLED"
        mov val(%rip), %ebx
        EXPECT %rbx, 0, "file access disabled"
        SC SYS_getpid
        EXPECT %rax, -38, "getpid without -a: ENOSYS"
        # the result is 32 bits zero-extended: -EBADF is 0x00000000fffffff7 in rax
        mov $99, %edi
        SYSCALL SYS_close
        EXPECT %rax, 0xfffffff7, "rax zero-extended"
        EXIT 0

        STR msg, "written\n"
        STR path, "f.txt\0"
        .section .rodata
rotext: .ascii "ro!\n"
        .bss
        .p2align 4
buf:    .zero 64
statbuf: .zero 104
off:    .zero 8
val:    .zero 8
