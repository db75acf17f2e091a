# escape-ro: writes through the read-only mount at "/" (nacl-abi.md sections 4.2 "W", 7.2
# step 4, 7.3), hard links from ro to rw, renames across mounts, and writes through
# descriptors opened read-only (section 4.2 read/write: the host's EBADF). jnbox differs from
# sel_ldr on purpose where sel_ldr lets a ro file be changed or moves names between mounts:
# link() needs its source on a writable mount (EACCES, closes section 7.4's hole), names
# never move between two mounts (EXDEV), chmod/fchmod are EACCES, and a MAP_SHARED
# writable mapping of a read-only fd is refused (EACCES, as Linux mmap gives).
        .include "nacl.inc"
        .include "escape-common.inc"
        .set PROT_READ, 1
        .set PROT_WRITE, 2
        .set MAP_SHARED, 1
        .set MAP_PRIVATE, 2
main:
        SAVEARGS
        # opens that need a writable mount
        SC SYS_open, $data, $O_WRONLY, $0
        TRY -EACCES, "open /data.txt O_WRONLY"
        SC SYS_open, $data, $O_RDWR, $0
        TRY -EACCES, "open /data.txt O_RDWR"
        SC SYS_open, $data, $(O_WRONLY|O_APPEND), $0
        TRY -EACCES, "open /data.txt O_WRONLY|O_APPEND"
        SC SYS_open, $data, $(O_RDONLY|O_TRUNC), $0
        TRY -EACCES, "open /data.txt O_RDONLY|O_TRUNC"
        SC SYS_open, $data, $(O_RDONLY|O_CREAT), $0600
        TRY -EACCES, "open /data.txt O_RDONLY|O_CREAT"
        SC SYS_open, $newf, $(O_WRONLY|O_CREAT|O_EXCL), $0600
        TRY -EACCES, "create /new.txt"
        SC SYS_open, $sub_new, $(O_WRONLY|O_CREAT), $0600
        TRY -EACCES, "create /sub/new.txt"
        SC SYS_open, $rw_up_new, $(O_WRONLY|O_CREAT), $0600
        TRY -EACCES, "create /rw/../new.txt"
        # path calls that need a writable mount
        SC SYS_mkdir, $newd, $0700
        TRY -EACCES, "mkdir /newdir"
        SC SYS_rmdir, $sub
        TRY -EACCES, "rmdir /sub"
        SC SYS_unlink, $data
        TRY -EACCES, "unlink /data.txt"
        SC SYS_unlink, $sub_inner
        TRY -EACCES, "unlink /sub/inner.txt"
        SC SYS_truncate, $data, $zero
        TRY -EACCES, "truncate /data.txt"
        SC SYS_utimes, $data, $0
        TRY -EACCES, "utimes /data.txt"
        SC SYS_chmod, $data, $0777
        TRY -EACCES, "chmod /data.txt"
        SC SYS_chmod, $rw_file, $0777
        TRY -EACCES, "chmod /rw/file.txt (jnbox never changes host modes)"
        # renames
        SC SYS_rename, $data, $rw_stolen
        TRY -EACCES, "rename /data.txt /rw/stolen"
        SC SYS_rename, $rw_file, $data
        TRY -EACCES, "rename /rw/file.txt onto /data.txt"
        SC SYS_rename, $rw_file, $rw_up_new
        TRY -EACCES, "rename /rw/file.txt /rw/../new.txt"
        SC SYS_rename, $rw_file, $rw2_file
        TRY -EXDEV, "rename /rw/file.txt /rw2/file.txt (across mounts)"
        SC SYS_rename, $rw, $rw2_x
        TRY -EACCES, "rename /rw (a mount point) /rw2/x"
        # hard links
        SC SYS_link, $data, $rw_hl
        TRY -EACCES, "link /data.txt /rw/hl (ro source)"
        SC SYS_link, $sub_inner, $rw2_hl
        TRY -EACCES, "link /sub/inner.txt /rw2/hl (ro source)"
        SC SYS_link, $rw_file, $hl
        TRY -EACCES, "link /rw/file.txt /hl (ro destination)"
        SC SYS_link, $rw_file, $rw2_hl
        TRY -EXDEV, "link /rw/file.txt /rw2/hl (across mounts)"
        SC SYS_link, $rw_file, $rw_hl
        TRY 0, "link /rw/file.txt /rw/hl (inside one rw mount)"
        SC SYS_unlink, $rw_hl
        TRY 0, "unlink /rw/hl"
        # a read-only descriptor of a ro file
        SC SYS_open, $data, $O_RDONLY, $0
        mov %rax, %rbx
        TRY 3, "open /data.txt O_RDONLY"
        SC SYS_write, %ebx, $junk, $4
        TRY -EBADF, "write to it"
        SC SYS_pwrite, %ebx, $junk, $4, $zero
        TRY -EBADF, "pwrite to it"
        SC SYS_ftruncate, %ebx, $zero
        TRY -EINVAL, "ftruncate it"
        SC SYS_fchmod, %ebx, $0777
        TRY -EACCES, "fchmod it"
        SC SYS_mmap, $0, $0x10000, $(PROT_READ|PROT_WRITE), $MAP_SHARED, %ebx, $zero
        TRY -EACCES, "mmap it PROT_WRITE MAP_SHARED"
        SC SYS_dup, %ebx
        mov %rax, %r12
        TRY 4, "dup it"
        SC SYS_write, %r12d, $junk, $4
        TRY -EBADF, "write to the dup"
        SC SYS_dup, $1
        mov %rax, %r13
        TRY 5, "dup stdout (to restore it)"
        # the next two lines print nowhere (fd 1 is the ro file then: EBADF); they still count
        SC SYS_dup2, %ebx, $1
        TRY 1, "dup2 it over stdout"
        SC SYS_write, $1, $junk, $4
        TRY -EBADF, "write to the new fd 1"
        SC SYS_dup2, %r13d, $1
        TRY 1, "dup2 the saved stdout back onto fd 1"
        SC SYS_close, %r13d
        SC SYS_read, %ebx, $buf, $64
        TRY 15, "read /data.txt: 15 bytes"
        mov $buf, %esi
        mov $rodata_text, %edi
        mov $15, %edx
        CALL esc_memcmp
        TRY 0, "/data.txt is unchanged"
        SC SYS_close, %r12d
        SC SYS_close, %ebx
        # a directory fd of the ro root
        SC SYS_open, $root, $(O_RDONLY|O_DIRECTORY), $0
        mov %rax, %rbx
        TRY 3, "open / O_DIRECTORY"
        SC SYS_write, %ebx, $junk, $4
        TRY -EINVAL, "write to a directory fd"
        SC SYS_fchdir, %ebx
        TRY 0, "fchdir to it"
        SC SYS_open, $data_rel, $O_WRONLY, $0
        TRY -EACCES, "open data.txt O_WRONLY relative to it"
        SC SYS_close, %ebx
        END

        STR data, "/data.txt\0"
        STR data_rel, "data.txt\0"
        STR newf, "/new.txt\0"
        STR newd, "/newdir\0"
        STR sub, "/sub\0"
        STR sub_new, "/sub/new.txt\0"
        STR sub_inner, "/sub/inner.txt\0"
        STR root, "/\0"
        STR rw, "/rw\0"
        STR rw_file, "/rw/file.txt\0"
        STR rw_stolen, "/rw/stolen\0"
        STR rw_up_new, "/rw/../new.txt\0"
        STR rw_hl, "/rw/hl\0"
        STR rw2_file, "/rw2/file.txt\0"
        STR rw2_x, "/rw2/x\0"
        STR rw2_hl, "/rw2/hl\0"
        STR hl, "/hl\0"
        STR junk, "JUNK"
        STR rodata_text, "read-only data\n"
        .data
        .p2align 3
zero:   .quad 0
        .bss
        .p2align 3
buf:    .zero 64
