# limited-file-access: the checks of NaCl's tests/limited_file_access, as listed in
# nacl-abi.md section 7.5 (rows 1-27), written from that table. Run as sel_ldr's test runs it:
# one rw mount T at "/" and seven basenames as arguments: T, temp file F, relative symlink L
# (-> F), subdir S, file SF in S, and a folder and a file that lie outside T (beside it).
# Each check prints one TRY line; "file: P" lines name the file of the write/read checks.
        .include "nacl.inc"
        .include "escape-common.inc"

# path building into a buffer: PSTART buf; PSTR label; PARG i (argv[i])
        .macro PSTART buf
        mov $\buf, %edi
        .endm
        .macro PSTR lab
        mov $\lab, %esi
        CALL esc_strcpy
        mov %eax, %edi
        .endm
        .macro PARG i
        ARG \i
        mov %eax, %esi
        CALL esc_strcpy
        mov %eax, %edi
        .endm

# stat PATH (user address in a register or $label) and check it is the root's inode
        .macro ROOTINO path, name
        SC SYS_stat, \path, $st
        TRY 0, "stat \name"
        mov st+8(%rip), %rax
        sub root_ino(%rip), %rax
        TRY 0, "  same inode as /"
        .endm

main:
        SAVEARGS
        mov esc_block(%rip), %eax
        .bundle_lock
        mov %eax, %eax
        mov 8(%r15,%rax), %eax          # argc
        .bundle_unlock
        TRY 8, "argc (7 names)"
        # 1-2
        SC SYS_getcwd, $buf, $256
        TRY 0, "getcwd at start"
        mov $buf, %esi
        mov $slash, %edi
        mov $2, %edx
        CALL esc_memcmp
        TRY 0, "  it is /"
        SC SYS_chdir, $dot
        TRY 0, "chdir ."
        SC SYS_chdir, $slash
        TRY 0, "chdir /"
        # 3: / holds F, L, S, ".", ".."
        mov $slash, %eax
        mov $2, %ecx                    # names to look for: argv[2], argv[3], argv[4]
        mov $3, %edx
        CALL list_dir
        TRY 5, "readdir /: entries"
        mov seen(%rip), %eax
        TRY 0x1f, "  F, L, S, '.', '..' seen"
        # 4
        ARG 4
        SC SYS_chdir, %eax
        TRY 0, "chdir S (relative)"
        PSTART p1
        PSTR slash
        PARG 4
        CALL cwd_is_p1
        TRY 0, "  getcwd is /S"
        SC SYS_chdir, $p1
        TRY 0, "chdir /S (absolute)"
        CALL cwd_is_p1
        TRY 0, "  getcwd is /S"
        # 5: /S holds SF, ".", ".."
        mov $p1, %eax
        mov $5, %ecx
        mov $1, %edx
        CALL list_dir
        TRY 3, "readdir /S: entries"
        mov seen(%rip), %eax
        TRY 0x19, "  SF, '.', '..' seen"
        SC SYS_chdir, $slash
        TRY 0, "chdir /"
        # 6
        SC SYS_mkdir, $test_dir_abs, $0700
        TRY 0, "mkdir /test_dir"
        SC SYS_rmdir, $test_dir_abs
        TRY 0, "rmdir /test_dir"
        SC SYS_mkdir, $test_dir_slash, $0700
        TRY 0, "mkdir /test_dir/"
        SC SYS_rmdir, $test_dir_slash
        TRY 0, "rmdir /test_dir/"
        SC SYS_mkdir, $test_dir, $0700
        TRY 0, "mkdir test_dir"
        SC SYS_rmdir, $test_dir
        TRY 0, "rmdir test_dir"
        # 7: the cwd vanishes
        SC SYS_mkdir, $sub_dir, $0700
        TRY 0, "mkdir sub_dir"
        SC SYS_chdir, $sub_dir
        TRY 0, "chdir sub_dir"
        SC SYS_rmdir, $up_sub_dir
        TRY 0, "rmdir ../sub_dir"
        SC SYS_open, $xxx, $(O_RDWR|O_CREAT), $0600
        TRY -ENOENT, "create xxx in the removed cwd"
        SC SYS_chdir, $slash
        TRY 0, "chdir /"
        # 8
        PSTART p1
        PSTR slash
        PARG 4
        PSTR test_dir_sfx
        SC SYS_mkdir, $p1, $0700
        TRY 0, "mkdir /S/test_dir"
        SC SYS_rmdir, $p1
        TRY 0, "rmdir /S/test_dir"
        # 9
        SC SYS_mkdir, $no_such_sub, $0700
        TRY -ENOENT, "mkdir /this_dir_does_not_exist/sub_dir"
        # 10: hard links inside the mount
        PSTART p1
        PSTR slash
        PARG 2
        SC SYS_link, $p1, $hard_link
        TRY 0, "link /F /temp_file_hard_link"
        SC SYS_unlink, $hard_link
        TRY 0, "unlink /temp_file_hard_link"
        PSTART p2
        PSTR slash
        PARG 4
        PSTR hard_link
        SC SYS_link, $p1, $p2
        TRY 0, "link /F /S/temp_file_hard_link"
        SC SYS_unlink, $p2
        TRY 0, "unlink /S/temp_file_hard_link"
        # 11
        SC SYS_symlink, $p1, $file_symlink
        TRY -EACCES, "symlink /F temp_file_symlink"
        # 12: lstat and readlink of L give F's name
        PSTART p2
        PSTR slash
        PARG 3
        SC SYS_lstat, $p2, $st
        TRY 0, "lstat /L"
        SC SYS_readlink, $p2, $buf, $256
        mov %rax, %rbx
        ARG 2
        CALL strlen
        mov %rax, %r12
        mov %rbx, %rax
        sub %r12, %rax
        TRY 0, "readlink /L: length minus strlen(F)"
        ARG 2
        mov %eax, %edi
        mov $buf, %esi
        mov %r12d, %edx
        CALL esc_memcmp
        TRY 0, "  its bytes are F"
        # 13
        SC SYS_open, $p2, $O_RDONLY, $0
        mov %rax, %rbx
        TRY 3, "open /L read-only (followed inside)"
        SC SYS_close, %ebx
        TRY 0, "close"
        # 14: rename F into S and back, then the data round-trips
        PSTART p3
        PSTR slash
        PARG 4
        PSTR file_new_sfx
        SC SYS_rename, $p1, $p3
        TRY 0, "rename /F /S/temp_file_new"
        SC SYS_rename, $p3, $p1
        TRY 0, "rename /S/temp_file_new /F"
        mov $p1, %eax
        mov $0, %ecx
        CALL write_read
        # 15
        SC SYS_rename, $p2, $p3
        TRY -EACCES, "rename /L (a symlink) /S/temp_file_new"
        # 16
        SC SYS_chdir, $slash_up
        TRY 0, "chdir /.."
        SC SYS_getcwd, $buf, $256
        mov $buf, %esi
        mov $slash, %edi
        mov $2, %edx
        CALL esc_memcmp
        TRY 0, "  getcwd is /"
        # 17: files outside cannot be opened
        PSTART p1
        PSTR up
        PARG 7
        SC SYS_open, $p1, $O_RDWR, $0600
        TRY -ENOENT, "open ../OUTSIDE_FILE O_RDWR"
        PSTART p1
        PSTR slash_up_slash
        PARG 7
        SC SYS_open, $p1, $O_RDWR, $0600
        TRY -ENOENT, "open /../OUTSIDE_FILE O_RDWR"
        # 18
        SC SYS_stat, $dot, $st
        TRY 0, "stat . (the root inode)"
        mov st+8(%rip), %rax
        mov %rax, root_ino(%rip)
        ROOTINO $slash, "/"
        ROOTINO $dotdot, ".."
        ROOTINO $slash_up, "/.."
        ROOTINO $s18a, "//.."
        ROOTINO $s18b, "/../"
        ROOTINO $s18c, "/..//"
        ROOTINO $s18d, "/.././//../.."
        # 19
        PSTART p1
        PSTR up
        PARG 6
        SC SYS_open, $p1, $O_RDONLY, $0
        TRY -ENOENT, "open ../OUTSIDE_DIR read-only (what opendir does)"
        # 20
        SC SYS_chdir, $slash
        TRY 0, "chdir /"
        ROOTINO $s20a, "//"
        ROOTINO $s20b, "/./."
        ROOTINO $s20c, "/./////."
        ROOTINO $dot, "."
        ROOTINO $slash_up, "/.."
        # 21: the mount folder's own name is not visible
        PSTART p1
        PSTR slash_up_slash
        PARG 1
        SC SYS_stat, $p1, $st
        TRY -ENOENT, "stat /../T"
        PSTART p1
        PSTR s21b
        PARG 1
        SC SYS_stat, $p1, $st
        TRY -ENOENT, "stat //../T"
        PSTART p1
        PSTR s21c
        PARG 1
        SC SYS_stat, $p1, $st
        TRY -ENOENT, "stat /.//..//T"
        PSTART p1
        PSTR up
        PARG 1
        SC SYS_stat, $p1, $st
        TRY -ENOENT, "stat ../T"
        # 22
        PSTART p1
        PARG 4
        PSTR s22
        ROOTINO $p1, "S/../.."
        # 23
        PSTART p1
        PSTR slash
        PARG 4
        SC SYS_stat, $p1, $st
        TRY 0, "stat /S"
        mov st+8(%rip), %rax
        cmp root_ino(%rip), %rax
        sete %al
        movzbl %al, %eax
        TRY 0, "  its inode differs from /"
        # 24
        PSTART p1
        PSTR slash
        PARG 4
        PSTR s24a
        ROOTINO $p1, "/S/.."
        PSTART p1
        PSTR slash
        PARG 4
        PSTR s24b
        ROOTINO $p1, "/S/../."
        PSTART p1
        PARG 4
        PSTR s24b
        ROOTINO $p1, "S/../."
        PSTART p1
        PSTR dot_slash
        PARG 4
        PSTR s24b
        ROOTINO $p1, "./S/../."
        # 25
        PSTART p1
        PARG 4
        PSTR s25
        SC SYS_stat, $p1, $st
        TRY -ENOENT, "stat S/file_does_not_exist/.."
        # 26: existing files by absolute and relative paths, also after chdir S
        PSTART p1
        PSTR slash
        PARG 2
        mov $p1, %eax
        mov $0, %ecx
        CALL write_read
        ARG 2
        mov $0, %ecx
        CALL write_read
        PSTART p1
        PSTR slash
        PARG 4
        PSTR slash
        PARG 5
        mov $p1, %eax
        mov $0, %ecx
        CALL write_read
        PSTART p1
        PARG 4
        PSTR slash
        PARG 5
        mov $p1, %eax
        mov $0, %ecx
        CALL write_read
        ARG 4
        SC SYS_chdir, %eax
        TRY 0, "chdir S"
        ARG 5
        mov $0, %ecx
        CALL write_read
        # 27: new files
        mov $new_temp_file, %eax
        mov $(O_CREAT|O_TRUNC), %ecx
        CALL write_read
        PSTART p1
        PSTR slash
        PARG 4
        PSTR newer_sfx
        mov $p1, %eax
        mov $(O_CREAT|O_TRUNC), %ecx
        CALL write_read
        PSTART p1
        PSTR slash
        PARG 4
        PSTR dotdot_newer_sfx
        mov $p1, %eax
        mov $(O_CREAT|O_TRUNC), %ecx
        CALL write_read
        END

# write_read: eax = path, ecx = extra open flags. open O_RDWR, write "abcde", lseek 0, read
# 5 bytes back, compare, close (limited_file_access's do_test_write_read_file).
FUNC write_read
        push %rbx
        push %r12
        mov %eax, %ebx
        mov %ecx, %r12d
        PRINT "file: "
        mov %ebx, %eax
        CALL print_cstr
        CALL print_nl
        or $O_RDWR, %r12d
        SC SYS_open, %ebx, %r12d, $0600
        mov %rax, %rbx
        TRY 3, "  open O_RDWR"
        SC SYS_write, %ebx, $abcde, $5
        TRY 5, "  write 5"
        movq $0, off(%rip)
        SC SYS_lseek, %ebx, $off, $0
        TRY 0, "  lseek 0"
        SC SYS_read, %ebx, $buf, $5
        TRY 5, "  read 5"
        mov $buf, %esi
        mov $abcde, %edi
        mov $5, %edx
        CALL esc_memcmp
        TRY 0, "  same bytes"
        SC SYS_close, %ebx
        TRY 0, "  close"
        pop %r12
        pop %rbx
        RET

# cwd_is_p1: eax = 0 when getcwd equals the string in p1 (else 1, or the getcwd error)
FUNC cwd_is_p1
        SC SYS_getcwd, $buf, $256
        test %rax, %rax
        jnz 1f
        mov $p1, %eax
        CALL strlen
        lea 1(%rax), %edx
        mov $buf, %esi
        mov $p1, %edi
        CALL esc_memcmp
1:      RET

# strlen: eax = address; rax = length
FUNC strlen
        mov %eax, %esi
        xor %ecx, %ecx
1:      .bundle_lock
        mov %esi, %esi
        movzbl (%r15,%rsi), %edx
        .bundle_unlock
        test %edx, %edx
        jz 2f
        inc %esi
        inc %ecx
        jmp 1b
2:      mov %ecx, %eax
        RET

# list_dir: eax = directory path, ecx = first argv index to look for, edx = how many.
# rax = number of entries; seen = bit i for argv[ecx+i] seen, bit 3 ".", bit 4 "..".
FUNC list_dir
        push %rbx
        push %r12
        push %r13
        push %r14
        mov %ecx, first(%rip)
        mov %edx, howmany(%rip)
        movl $0, seen(%rip)
        SC SYS_open, %eax, $(O_RDONLY|O_DIRECTORY), $0
        mov %eax, dirfd(%rip)
        xor %r14d, %r14d                # entries
        test %eax, %eax
        js 9f
1:      mov dirfd(%rip), %eax
        SC SYS_getdents, %eax, $dbuf, $4096
        test %rax, %rax
        jle 8f
        mov %eax, %r12d                 # bytes
        xor %r13d, %r13d                # offset
2:      cmp %r12d, %r13d
        jae 1b
        inc %r14d
        lea dbuf+18(%rip), %rbx
        add %r13d, %ebx                 # ebx = user address of d_name
        mov %ebx, %eax
        sub $18, %eax
        .bundle_lock
        mov %eax, %eax
        movzwl 16(%r15,%rax), %eax      # d_reclen
        .bundle_unlock
        add %eax, %r13d
        mov %ebx, %esi
        mov $dot, %edi
        CALL strcmp
        test %eax, %eax
        jnz 3f
        orl $8, seen(%rip)
        jmp 2b
3:      mov %ebx, %esi
        mov $dotdot, %edi
        CALL strcmp
        test %eax, %eax
        jnz 4f
        orl $16, seen(%rip)
        jmp 2b
4:      xor %ecx, %ecx                  # i
5:      cmp howmany(%rip), %ecx
        jae 2b
        push %rcx
        mov first(%rip), %eax
        add %ecx, %eax
        shl $2, %eax
        add esc_block(%rip), %eax
        .bundle_lock
        mov %eax, %eax
        mov 12(%r15,%rax), %edi         # argv[first+i]
        .bundle_unlock
        mov %ebx, %esi
        CALL strcmp
        pop %rcx
        test %eax, %eax
        jnz 6f
        mov $1, %eax
        shl %cl, %eax
        or %eax, seen(%rip)
6:      inc %ecx
        jmp 5b
8:      mov dirfd(%rip), %eax
        SC SYS_close, %eax
9:      mov %r14d, %eax
        pop %r14
        pop %r13
        pop %r12
        pop %rbx
        RET

# strcmp: esi, edi = strings; eax = 0 when equal
FUNC strcmp
1:      .bundle_lock
        mov %esi, %esi
        movzbl (%r15,%rsi), %eax
        .bundle_unlock
        .bundle_lock
        mov %edi, %edi
        movzbl (%r15,%rdi), %ecx
        .bundle_unlock
        cmp %eax, %ecx
        jne 2f
        test %eax, %eax
        jz 3f
        inc %esi
        inc %edi
        jmp 1b
2:      mov $1, %eax
3:      RET

        STR slash, "/\0"
        STR dot, ".\0"
        STR dotdot, "..\0"
        STR dot_slash, "./\0"
        STR up, "../\0"
        STR slash_up, "/..\0"
        STR slash_up_slash, "/../\0"
        STR test_dir_abs, "/test_dir\0"
        STR test_dir_slash, "/test_dir/\0"
        STR test_dir, "test_dir\0"
        STR test_dir_sfx, "/test_dir\0"
        STR sub_dir, "sub_dir\0"
        STR up_sub_dir, "../sub_dir\0"
        STR xxx, "xxx\0"
        STR no_such_sub, "/this_dir_does_not_exist/sub_dir\0"
        STR hard_link, "/temp_file_hard_link\0"
        STR file_symlink, "temp_file_symlink\0"
        STR file_new_sfx, "/temp_file_new\0"
        STR s18a, "//..\0"
        STR s18b, "/../\0"
        STR s18c, "/..//\0"
        STR s18d, "/.././//../..\0"
        STR s20a, "//\0"
        STR s20b, "/./.\0"
        STR s20c, "/./////.\0"
        STR s21b, "//../\0"
        STR s21c, "/.//..//\0"
        STR s22, "/../..\0"
        STR s24a, "/..\0"
        STR s24b, "/../.\0"
        STR s25, "/file_does_not_exist/..\0"
        STR new_temp_file, "/new_temp_file\0"
        STR newer_sfx, "/newer_temp_file\0"
        STR dotdot_newer_sfx, "/..newer_temp_file\0"
        STR abcde, "abcde"
        .bss
        .p2align 3
st:       .zero 104
root_ino: .zero 8
off:      .zero 8
first:    .zero 4
howmany:  .zero 4
seen:     .zero 4
dirfd:    .zero 4
        .p2align 3
buf:      .zero 256
p1:       .zero 256
p2:       .zero 256
p3:       .zero 256
dbuf:     .zero 4096
