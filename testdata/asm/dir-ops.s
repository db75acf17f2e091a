# dir-ops: mkdir, rmdir, chdir, getcwd, getdents, rename, unlink and O_EXCL/O_DIRECTORY
# (nacl-abi.md sections 4.2, 4.5, 7.3). Needs a writable mount at "/" as the cwd; getcwd
# prints virtual paths ("/d").
        .include "nacl.inc"
        .set O_RDONLY, 0
        .set O_WRONLY, 1
        .set O_CREAT, 0100
        .set O_EXCL, 0200
        .set O_DIRECTORY, 0200000
main:
        SC SYS_mkdir, $d, $0755
        EXPECT %rax, 0, "mkdir d"
        SC SYS_mkdir, $d, $0755
        EXPECT %rax, -17, "mkdir d again: EEXIST"
        SC SYS_mkdir, $dx, $0755
        EXPECT %rax, -2, "mkdir missing/x: ENOENT"
        SC SYS_stat, $d, $st
        mov st+16(%rip), %eax
        and $0170000, %eax
        EXPECT %rax, 0040000, "stat d: S_IFDIR"
        SC SYS_open, $da, $(O_WRONLY|O_CREAT), $0600
        mov %rax, %rbx
        EXPECT %rbx, 3, "create d/a"
        SC SYS_close, %ebx
        SC SYS_open, $da, $(O_WRONLY|O_CREAT|O_EXCL), $0600
        EXPECT %rax, -17, "O_CREAT|O_EXCL on d/a: EEXIST"
        SC SYS_open, $da, $(O_RDONLY|O_DIRECTORY), $0
        EXPECT %rax, -20, "O_DIRECTORY on a file: ENOTDIR"
        SC SYS_rmdir, $d
        EXPECT %rax, -39, "rmdir non-empty: ENOTEMPTY"
        SC SYS_rmdir, $da
        EXPECT %rax, -20, "rmdir a file: ENOTDIR"
        SC SYS_chdir, $d
        EXPECT %rax, 0, "chdir d"
        SC SYS_getcwd, $buf, $256
        EXPECT %rax, 0, "getcwd returns 0"
        PRINT "cwd="
        mov $buf, %eax
        CALL print_cstr
        CALL print_nl
        SC SYS_getcwd, $buf, $1
        EXPECT %rax, -34, "getcwd into 1 byte: ERANGE"
        SC SYS_chdir, $a
        EXPECT %rax, -20, "chdir into a file: ENOTDIR"
        SC SYS_chdir, $missing
        EXPECT %rax, -2, "chdir missing: ENOENT"
        # getdents of "." (= d): ".", "..", "a" in any order
        SC SYS_open, $dot, $(O_RDONLY|O_DIRECTORY), $0
        mov %rax, %rbx
        EXPECT %rbx, 3, "open . O_DIRECTORY"
        SC SYS_getdents, %ebx, $dbuf+4, $512
        EXPECT %rax, -22, "getdents into a misaligned buffer: EINVAL"
        SC SYS_getdents, %ebx, $dbuf, $512
        mov %rax, %r12                  # bytes
        xor %r13d, %r13d                # offset
        xor %r14d, %r14d                # bit set: 1 ".", 2 "..", 4 "a", 8 other or bad reclen
1:      cmp %r12d, %r13d
        jae 3f
        lea dbuf(%rip), %rax
        add %r13d, %eax
        mov %eax, %esi                  # user address of the record
        .bundle_lock
        mov %esi, %esi
        movzwl 16(%r15,%rsi), %ecx      # d_reclen
        .bundle_unlock
        .bundle_lock
        mov %esi, %esi
        movl 18(%r15,%rsi), %edx        # first 4 name bytes
        .bundle_unlock
        add %ecx, %r13d
        # name length from the first bytes (names here are at most 2 characters)
        mov $1, %edi
        cmp $0x2e, %edx                 # ".\0"
        je 2f
        mov $4, %edi
        cmp $0x61, %edx                 # "a\0"
        je 2f
        and $0xffffff, %edx
        mov $2, %edi
        cmp $0x2e2e, %edx               # "..\0"
        je 2f
        mov $8, %edi
2:      or %edi, %r14d
        # d_reclen must be round_up(18 + strlen + 1, 8) = 24 for these names
        cmp $24, %ecx
        je 1b
        or $8, %r14d
        jmp 1b
3:      EXPECT %r14, 7, "getdents: '.', '..', 'a', reclen 24"
        SC SYS_getdents, %ebx, $dbuf, $512
        EXPECT %rax, 0, "getdents at end: 0"
        SC SYS_close, %ebx
        # rename and unlink
        SC SYS_rename, $a, $b
        EXPECT %rax, 0, "rename a b"
        SC SYS_stat, $a, $st
        EXPECT %rax, -2, "stat a after rename: ENOENT"
        SC SYS_stat, $b, $st
        EXPECT %rax, 0, "stat b"
        SC SYS_unlink, $b
        EXPECT %rax, 0, "unlink b"
        SC SYS_unlink, $b
        EXPECT %rax, -2, "unlink b again: ENOENT"
        SC SYS_chdir, $dotdot
        EXPECT %rax, 0, "chdir .."
        SC SYS_getcwd, $buf, $256
        PRINT "cwd="
        mov $buf, %eax
        CALL print_cstr
        CALL print_nl
        SC SYS_unlink, $d
        EXPECT %rax, -21, "unlink a directory: EISDIR"
        SC SYS_rename, $missing, $b
        EXPECT %rax, -2, "rename missing: ENOENT"
        SC SYS_rename, $d, $e
        EXPECT %rax, -13, "rename a directory under a mount: EACCES"
        SC SYS_rmdir, $d
        EXPECT %rax, 0, "rmdir d"
        SC SYS_rmdir, $d
        EXPECT %rax, -2, "rmdir d again: ENOENT"
        EXIT 0

        STR d, "d\0"
        STR dx, "missing/x\0"
        STR da, "d/a\0"
        STR a, "a\0"
        STR b, "b\0"
        STR e, "e\0"
        STR dot, ".\0"
        STR dotdot, "..\0"
        STR missing, "missing\0"
        .bss
        .p2align 3
st:     .zero 104
buf:    .zero 256
dbuf:   .zero 1024
