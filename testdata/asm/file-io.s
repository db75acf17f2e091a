# file-io: open/write/close/read/lseek/fstat/stat on a file in the working directory
# (nacl-abi.md sections 4.2, 4.4, 4.5). Needs a writable mount at the cwd.
        .include "nacl.inc"
        .set O_RDONLY, 0
        .set O_WRONLY, 1
        .set O_RDWR, 2
        .set O_CREAT, 0100
        .set O_TRUNC, 01000
        .set O_APPEND, 02000
main:
        SC SYS_open, $fname, $(O_WRONLY|O_CREAT|O_TRUNC), $0644
        mov %rax, %rbx
        EXPECT %rbx, 3, "open creates, lowest free fd is 3"
        SC SYS_write, %ebx, $digits, $10
        EXPECT %rax, 10, "write 10 bytes"
        SC SYS_read, %ebx, $buf, $10
        EXPECT %rax, -9, "read from a write-only fd: EBADF"
        SC SYS_close, %ebx
        EXPECT %rax, 0, "close"
        SC SYS_close, %ebx
        EXPECT %rax, -9, "close again: EBADF"
        # append
        SC SYS_open, $fname, $(O_WRONLY|O_APPEND), $0
        mov %rax, %rbx
        EXPECT %rbx, 3, "open for append"
        SC SYS_write, %ebx, $ab, $2
        EXPECT %rax, 2, "append 2 bytes"
        SC SYS_close, %ebx
        # read back
        SC SYS_open, $fname, $O_RDONLY, $0
        mov %rax, %rbx
        EXPECT %rbx, 3, "open read-only"
        SC SYS_fstat, %ebx, $st
        EXPECT %rax, 0, "fstat"
        EXPECT st+40(%rip), 12, "st_size"
        mov st+16(%rip), %eax
        EXPECT %rax, 0100600, "st_mode: S_IFREG | 0600 (mode masked to 0600)"
        mov st+20(%rip), %eax
        EXPECT %rax, 1, "st_nlink"
        mov st+24(%rip), %eax
        EXPECT %rax, 0xffffffff, "st_uid"
        mov st+28(%rip), %eax
        EXPECT %rax, 0xffffffff, "st_gid"
        SC SYS_write, %ebx, $ab, $2
        EXPECT %rax, -9, "write to a read-only fd: EBADF"
        SC SYS_read, %ebx, $buf, $100
        EXPECT %rax, 12, "read whole file"
        mov $buf, %esi
        mov $12, %edx
        CALL print_buf
        CALL print_nl
        SC SYS_read, %ebx, $buf, $100
        EXPECT %rax, 0, "read at EOF"
        # lseek: SEEK_SET 4, read 3
        movq $4, off(%rip)
        SC SYS_lseek, %ebx, $off, $0
        EXPECT %rax, 0, "lseek SEEK_SET returns 0"
        EXPECT off(%rip), 4, "lseek SEEK_SET offset"
        SC SYS_read, %ebx, $buf, $3
        EXPECT %rax, 3, "read 3"
        movzwl buf(%rip), %eax
        EXPECT %rax, 0x3534, "bytes '45'"
        movq $0, off(%rip)
        SC SYS_lseek, %ebx, $off, $1
        EXPECT off(%rip), 7, "lseek SEEK_CUR 0"
        movq $-2, off(%rip)
        SC SYS_lseek, %ebx, $off, $2
        EXPECT off(%rip), 10, "lseek SEEK_END -2"
        SC SYS_read, %ebx, $buf, $100
        EXPECT %rax, 2, "read the last 2"
        movzwl buf(%rip), %eax
        EXPECT %rax, 0x4241, "bytes 'AB'"
        movq $0, off(%rip)
        SC SYS_lseek, %ebx, $off, $5
        EXPECT %rax, -22, "lseek bad whence: EINVAL"
        movq $-100, off(%rip)
        SC SYS_lseek, %ebx, $off, $0
        EXPECT %rax, -22, "lseek to a negative offset: EINVAL"
        SC SYS_lseek, %ebx, $0, $0
        EXPECT %rax, -14, "lseek offset pointer 0: EFAULT"
        SC SYS_close, %ebx
        # O_TRUNC on an existing file
        SC SYS_open, $fname, $(O_RDWR|O_TRUNC), $0
        mov %rax, %rbx
        SC SYS_fstat, %ebx, $st
        EXPECT st+40(%rip), 0, "O_TRUNC empties the file"
        SC SYS_close, %ebx
        # stat
        SC SYS_stat, $fname, $st
        EXPECT %rax, 0, "stat"
        mov st+16(%rip), %eax
        and $0170000, %eax
        EXPECT %rax, 0100000, "stat S_IFREG"
        SC SYS_stat, $missing, $st
        EXPECT %rax, -2, "stat missing: ENOENT"
        SC SYS_stat, $fname, $0
        EXPECT %rax, -14, "stat into address 0: EFAULT"
        SC SYS_open, $missing, $O_RDONLY, $0
        EXPECT %rax, -2, "open missing: ENOENT"
        SC SYS_open, $0, $O_RDONLY, $0
        EXPECT %rax, -14, "open path at address 0: EFAULT"
        # a path of 1100 bytes: longer than the 1024-byte path buffer
        lea longpath(%rip), %rdi
        mov $'a', %al
        mov $1100, %ecx
        .bundle_lock
        mov %edi, %edi
        lea (%r15,%rdi), %rdi
        rep stosb
        .bundle_unlock
        SC SYS_open, $longpath, $O_RDONLY, $0
        EXPECT %rax, -36, "open 1100-byte path: ENAMETOOLONG"
        # the directory itself can be opened read-only
        SC SYS_open, $dot, $O_RDONLY, $0
        mov %rax, %rbx
        EXPECT %rbx, 3, "open ."
        SC SYS_fstat, %ebx, $st
        mov st+16(%rip), %eax
        and $0170000, %eax
        EXPECT %rax, 0040000, "fstat . is S_IFDIR"
        SC SYS_close, %ebx
        EXIT 0

        STR fname, "f.txt\0"
        STR missing, "missing.txt\0"
        STR dot, ".\0"
        STR digits, "0123456789"
        STR ab, "AB"
        .bss
        .p2align 3
st:     .zero 104
off:    .zero 8
buf:    .zero 128
longpath: .zero 1200
