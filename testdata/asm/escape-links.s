# escape-links: symlinks planted on the host inside the mounts that point out, absolute
# (T/canary/...) and relative (../../canary/...), to a file and to a directory, plus a loop
# and links from the rw mount into the ro one (nacl-abi.md sections 7.2, 7.3). A link's text
# is read as a *virtual* path: absolute text restarts at the virtual "/", relative text
# continues from the link's folder and ".." stops at "/". So T/canary/... names
# /tmp/.../canary inside the ro root and ../../canary names /canary: both missing, ENOENT.
# Links into the ro mount keep its rule: writing through them is EACCES.
        .include "nacl.inc"
        .include "escape-common.inc"
main:
        SAVEARGS
        SC SYS_open, $abs_out, $O_RDONLY, $0
        TRY -ENOENT, "open /rw/abs_out (-> HOST/canary/secret.txt)"
        SC SYS_open, $rel_out, $O_RDONLY, $0
        TRY -ENOENT, "open /rw/rel_out (-> ../../canary/secret.txt)"
        SC SYS_open, $abs_out, $(O_WRONLY|O_CREAT|O_TRUNC), $0600
        TRY -ENOENT, "create through /rw/abs_out"
        SC SYS_open, $rel_out, $(O_RDWR|O_CREAT), $0600
        TRY -ENOENT, "create through /rw/rel_out"
        SC SYS_open, $abs_dir_sec, $O_RDONLY, $0
        TRY -ENOENT, "open /rw/abs_dir_out/secret.txt (-> HOST/canary)"
        SC SYS_open, $rel_dir_sec, $O_RDONLY, $0
        TRY -ENOENT, "open /rw/rel_dir_out/secret.txt (-> ../../canary)"
        SC SYS_open, $rel_dir_new, $(O_WRONLY|O_CREAT), $0600
        TRY -ENOENT, "create /rw/rel_dir_out/new.txt"
        SC SYS_open, $rel_dir_up, $O_RDONLY, $0
        TRY -ENOENT, "open /rw/rel_dir_out/../canary/secret.txt"
        SC SYS_open, $ro_abs_out, $O_RDONLY, $0
        TRY -ENOENT, "open /ro_abs_out (planted in the ro mount)"
        SC SYS_stat, $abs_out, $st
        TRY -ENOENT, "stat /rw/abs_out"
        SC SYS_stat, $rel_dir, $st
        TRY -ENOENT, "stat /rw/rel_dir_out"
        SC SYS_lstat, $abs_out, $st
        TRY 0, "lstat /rw/abs_out (the link itself, inside)"
        mov st+16(%rip), %eax
        and $0170000, %eax
        TRY 0120000, "its st_mode is S_IFLNK"
        SC SYS_chdir, $rel_dir
        TRY -ENOENT, "chdir /rw/rel_dir_out"
        SC SYS_chdir, $abs_dir
        TRY -ENOENT, "chdir /rw/abs_dir_out"
        SC SYS_open, $rel_dir, $(O_RDONLY|O_DIRECTORY), $0
        TRY -ENOTDIR, "opendir /rw/rel_dir_out (missing, so not a directory)"
        SC SYS_access, $abs_out, $0
        TRY -ENOENT, "access /rw/abs_out F_OK"
        SC SYS_access, $rel_out, $4
        TRY -ENOENT, "access /rw/rel_out R_OK"
        SC SYS_truncate, $rel_out, $zero
        TRY -ENOENT, "truncate /rw/rel_out"
        SC SYS_utimes, $abs_out, $0
        TRY -ENOENT, "utimes /rw/abs_out"
        SC SYS_chmod, $rel_out, $0777
        TRY -EACCES, "chmod /rw/rel_out"
        SC SYS_link, $rel_out, $rw_hl
        TRY -ENOENT, "link /rw/rel_out /rw/hl (the source is followed)"
        SC SYS_link, $abs_dir_sec, $rw_hl
        TRY -ENOENT, "link /rw/abs_dir_out/secret.txt /rw/hl"
        SC SYS_rename, $abs_out, $rw_moved
        TRY -EACCES, "rename /rw/abs_out (a symlink) /rw/moved"
        SC SYS_rename, $rel_dir, $rw_moved
        TRY -EACCES, "rename /rw/rel_dir_out (a symlink) /rw/moved"
        SC SYS_rename, $rw_file, $abs_out
        TRY -EACCES, "rename /rw/file.txt onto the symlink /rw/abs_out"
        SC SYS_rename, $rw_file, $rel_dir_new
        TRY -ENOENT, "rename /rw/file.txt /rw/rel_dir_out/new.txt"
        SC SYS_mkdir, $abs_dir, $0700
        TRY -EEXIST, "mkdir /rw/abs_dir_out"
        SC SYS_rmdir, $rel_dir
        TRY -EEXIST, "rmdir /rw/rel_dir_out"
        SC SYS_mkdir, $rel_dir_newdir, $0700
        TRY -ENOENT, "mkdir /rw/rel_dir_out/newdir"
        ARG 1
        mov %eax, %ebx
        SC SYS_symlink, %ebx, $rw_mylink
        TRY -EACCES, "symlink HOST/canary/secret.txt /rw/mylink"
        SC SYS_symlink, $up_secret, $rw_mylink
        TRY -EACCES, "symlink ../../canary/secret.txt /rw/mylink"
        SC SYS_symlink, $data, $rw_mylink
        TRY -EACCES, "symlink /data.txt /rw/mylink (even inside)"
        SC SYS_readlink, $rel_out, $buf, $64
        TRY 23, "readlink /rw/rel_out: 23 bytes of raw text"
        SC SYS_open, $loop, $O_RDONLY, $0
        TRY -ELOOP, "open /rw/loop (-> loop)"
        SC SYS_open, $loop_x, $O_RDONLY, $0
        TRY -ELOOP, "open /rw/loop/x"
        # links from the rw mount into the ro mount
        SC SYS_open, $in_rel, $O_RDONLY, $0
        mov %rax, %rbx
        TRY 3, "open /rw/in_rel (-> ../data.txt) read-only"
        SC SYS_read, %ebx, $buf, $14
        TRY 14, "read 14 bytes"
        mov $buf, %esi
        mov $rodata_text, %edi
        mov $14, %edx
        CALL esc_memcmp
        TRY 0, "they are /data.txt's"
        SC SYS_close, %ebx
        SC SYS_open, $in_rel, $O_WRONLY, $0
        TRY -EACCES, "open /rw/in_rel for writing (ro target)"
        SC SYS_open, $in_abs, $O_RDWR, $0
        TRY -EACCES, "open /rw/in_abs (-> /data.txt) read-write"
        SC SYS_open, $in_abs, $(O_RDONLY|O_TRUNC), $0
        TRY -EACCES, "open /rw/in_abs O_TRUNC"
        SC SYS_truncate, $in_abs, $zero
        TRY -EACCES, "truncate /rw/in_abs"
        SC SYS_utimes, $in_rel, $0
        TRY -EACCES, "utimes /rw/in_rel"
        # unlink removes the link, never its target
        SC SYS_unlink, $abs_out
        TRY 0, "unlink /rw/abs_out (the link)"
        SC SYS_lstat, $abs_out, $st
        TRY -ENOENT, "lstat /rw/abs_out after unlink"
        SC SYS_unlink, $rel_dir
        TRY 0, "unlink /rw/rel_dir_out (the link)"
        END

        STR abs_out, "/rw/abs_out\0"
        STR rel_out, "/rw/rel_out\0"
        STR abs_dir, "/rw/abs_dir_out\0"
        STR rel_dir, "/rw/rel_dir_out\0"
        STR abs_dir_sec, "/rw/abs_dir_out/secret.txt\0"
        STR rel_dir_sec, "/rw/rel_dir_out/secret.txt\0"
        STR rel_dir_new, "/rw/rel_dir_out/new.txt\0"
        STR rel_dir_newdir, "/rw/rel_dir_out/newdir\0"
        STR rel_dir_up, "/rw/rel_dir_out/../canary/secret.txt\0"
        STR ro_abs_out, "/ro_abs_out\0"
        STR rw_hl, "/rw/hl\0"
        STR rw_moved, "/rw/moved\0"
        STR rw_file, "/rw/file.txt\0"
        STR rw_mylink, "/rw/mylink\0"
        STR up_secret, "../../canary/secret.txt\0"
        STR data, "/data.txt\0"
        STR loop, "/rw/loop\0"
        STR loop_x, "/rw/loop/x\0"
        STR in_rel, "/rw/in_rel\0"
        STR in_abs, "/rw/in_abs\0"
        STR rodata_text, "read-only data"
        .data
        .p2align 3
zero:   .quad 0
        .bss
        .p2align 3
st:     .zero 104
buf:    .zero 64
