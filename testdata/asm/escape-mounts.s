# escape-mounts: jnbox's own mount kinds (vfs MountSpec: "tmpfs=SIZE" and read-only archives)
# beside the host mounts. EscapeSuiteTest writes T/hostile.tar with entries that try to land
# outside (../../canary/evil.txt, /abs/evil2.txt), symlinks out (../../canary/secret.txt and the
# canary's host path), a symlink into /rw, a hard link to a clamped name and one to a name the
# archive lacks. Entry names are clamped at the archive's root (ArchiveLoader), link texts are
# virtual paths (nacl-abi.md section 7.2), an archive is read-only (EACCES, section 7.2 step 4),
# the tmpfs stops at its size (a short write, then ENOSPC), and names never move between
# mounts (EXDEV). No sel_ldr has these mounts.
        .include "nacl.inc"
        .include "escape-common.inc"
        .set ENOSPC, 28
        .set EBUSY, 16
main:
        SAVEARGS
        # the archive
        mov $arc_ok, %eax
        mov $ok_text, %ecx
        mov $13, %edx
        CALL read_check
        TRY 0, "read /arc/ok.txt"
        mov $arc_evil, %eax
        mov $evil_text, %ecx
        mov $5, %edx
        CALL read_check
        TRY 0, "read /arc/canary/evil.txt (entry ../../canary/evil.txt, clamped)"
        mov $arc_evil2, %eax
        mov $evil_text, %ecx
        mov $5, %edx
        CALL read_check
        TRY 0, "read /arc/abs/evil2.txt (entry /abs/evil2.txt)"
        SC SYS_stat, $canary_evil, $st
        TRY -ENOENT, "stat /canary/evil.txt"
        SC SYS_open, $arc_out_rel, $O_RDONLY, $0
        TRY -ENOENT, "open /arc/out_rel (-> ../../canary/secret.txt)"
        SC SYS_open, $arc_out_abs, $O_RDONLY, $0
        TRY -ENOENT, "open /arc/out_abs (-> HOST/canary/secret.txt)"
        SC SYS_open, $arc_up, $O_RDONLY, $0
        TRY -ENOENT, "open /arc/../../canary/secret.txt"
        mov $arc_to_rw, %eax
        mov $rw_text, %ecx
        mov $8, %edx
        CALL read_check
        TRY 0, "read /arc/to_rw (-> /rw/file.txt)"
        mov $arc_hl, %eax
        mov $evil_text, %ecx
        mov $5, %edx
        CALL read_check
        TRY 0, "read /arc/hl (hard link to ../../canary/evil.txt, clamped)"
        SC SYS_open, $arc_hl_missing, $O_RDONLY, $0
        TRY -ENOENT, "open /arc/hl_missing (hard link to a name the archive lacks)"
        SC SYS_open, $arc_ok, $O_WRONLY, $0
        TRY -EACCES, "open /arc/ok.txt O_WRONLY"
        SC SYS_open, $arc_new, $(O_WRONLY|O_CREAT), $0600
        TRY -EACCES, "create /arc/new.txt"
        SC SYS_mkdir, $arc_dir, $0700
        TRY -EACCES, "mkdir /arc/d"
        SC SYS_unlink, $arc_ok
        TRY -EACCES, "unlink /arc/ok.txt"
        SC SYS_rename, $arc_ok, $rw_x
        TRY -EACCES, "rename /arc/ok.txt /rw/x"
        SC SYS_link, $arc_ok, $rw_x
        TRY -EACCES, "link /arc/ok.txt /rw/x"
        SC SYS_truncate, $arc_ok, $zero
        TRY -EACCES, "truncate /arc/ok.txt"
        SC SYS_rmdir, $arc
        TRY -EACCES, "rmdir /arc"
        # the tmpfs (16 KiB)
        SC SYS_open, $tmp_f, $(O_RDWR|O_CREAT), $0600
        mov %rax, %rbx
        TRY 3, "create /tmp/f"
        SC SYS_write, %ebx, $big, $20000
        TRY 16384, "write 20000 bytes: 16384 fit"
        SC SYS_write, %ebx, $big, $1
        TRY -ENOSPC, "write 1 more byte"
        SC SYS_close, %ebx
        SC SYS_open, $tmp_g, $(O_WRONLY|O_CREAT), $0600
        mov %rax, %rbx
        TRY 3, "create /tmp/g (empty files still fit)"
        SC SYS_close, %ebx
        SC SYS_rename, $tmp_f, $rw_f
        TRY -EXDEV, "rename /tmp/f /rw/f"
        SC SYS_rename, $rw_file, $tmp_h
        TRY -EXDEV, "rename /rw/file.txt /tmp/h"
        SC SYS_link, $tmp_f, $rw_f
        TRY -EXDEV, "link /tmp/f /rw/f"
        SC SYS_symlink, $up_secret, $tmp_l
        TRY -EACCES, "symlink ../../canary/secret.txt /tmp/l"
        SC SYS_open, $tmp_up, $O_RDONLY, $0
        TRY -ENOENT, "open /tmp/../../canary/secret.txt"
        SC SYS_open, $tmp_up_create, $(O_WRONLY|O_CREAT), $0600
        TRY -ENOENT, "create /tmp/../canary/x"
        SC SYS_stat, $slash, $st
        TRY 0, "stat /"
        mov st+8(%rip), %r12
        SC SYS_stat, $tmp_dotdot, $st
        TRY 0, "stat /tmp/.."
        mov st+8(%rip), %rax
        sub %r12, %rax
        TRY 0, "  same inode as /"
        SC SYS_unlink, $tmp_f
        TRY 0, "unlink /tmp/f"
        SC SYS_rmdir, $tmp
        TRY -EBUSY, "rmdir /tmp (a mount point)"
        END

# read_check: eax = path, ecx = expected bytes, edx = their count. eax = 0 when the file
# opens, its first edx bytes are those and it closes; else the open error or 1.
FUNC read_check
        push %rbx
        push %r12
        push %r13
        mov %ecx, %r12d
        mov %edx, %r13d
        SC SYS_open, %eax, $O_RDONLY, $0
        test %rax, %rax
        js 9f
        mov %eax, %ebx
        SC SYS_read, %ebx, $buf, $64
        push %rax
        SC SYS_close, %ebx
        pop %rax
        cmp %r13, %rax
        jne 8f
        mov $buf, %esi
        mov %r12d, %edi
        mov %r13d, %edx
        CALL esc_memcmp
        jmp 9f
8:      mov $1, %eax
9:      pop %r13
        pop %r12
        pop %rbx
        RET

        STR arc, "/arc\0"
        STR arc_ok, "/arc/ok.txt\0"
        STR arc_evil, "/arc/canary/evil.txt\0"
        STR arc_evil2, "/arc/abs/evil2.txt\0"
        STR canary_evil, "/canary/evil.txt\0"
        STR arc_out_rel, "/arc/out_rel\0"
        STR arc_out_abs, "/arc/out_abs\0"
        STR arc_up, "/arc/../../canary/secret.txt\0"
        STR arc_to_rw, "/arc/to_rw\0"
        STR arc_hl, "/arc/hl\0"
        STR arc_hl_missing, "/arc/hl_missing\0"
        STR arc_new, "/arc/new.txt\0"
        STR arc_dir, "/arc/d\0"
        STR rw_x, "/rw/x\0"
        STR rw_f, "/rw/f\0"
        STR rw_file, "/rw/file.txt\0"
        STR tmp, "/tmp\0"
        STR tmp_f, "/tmp/f\0"
        STR tmp_g, "/tmp/g\0"
        STR tmp_h, "/tmp/h\0"
        STR tmp_l, "/tmp/l\0"
        STR tmp_up, "/tmp/../../canary/secret.txt\0"
        STR tmp_up_create, "/tmp/../canary/x\0"
        STR tmp_dotdot, "/tmp/..\0"
        STR slash, "/\0"
        STR up_secret, "../../canary/secret.txt\0"
        STR ok_text, "archive file\n"
        STR evil_text, "evil\n"
        STR rw_text, "rw file\n"
        .data
        .p2align 3
zero:   .quad 0
        .bss
        .p2align 3
st:     .zero 104
buf:    .zero 64
big:    .zero 20000
