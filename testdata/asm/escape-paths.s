# escape-paths: path strings that try to leave the mounts (nacl-abi.md sections 4.2, 7.2, 7.3):
# ../ chains (absolute, relative, after chdir, with backslashes), the host's own absolute path
# of the canary (argv[1], argv[2]), paths of 1023, 1024 and 4096 bytes, a name of 256 bytes,
# NUL bytes inside a path, an empty path (relative, so it names the cwd "/", section 7.2 step 2),
# a NULL path and bytes that are not UTF-8.
# Mounts (EscapeSuiteTest builds the tree): T/mounts/ro at / (ro), T/mounts/rw at /rw,
# T/mounts/rw2 at /rw2; the canary T/canary is beside them. ".." never climbs above "/", so
# every way up ends at /canary/... inside the ro root, which does not exist: ENOENT.
        .include "nacl.inc"
        .include "escape-common.inc"
main:
        SAVEARGS
        # ../ chains
        SC SYS_open, $up_rel, $O_RDONLY, $0
        TRY -ENOENT, "open ../../canary/secret.txt"
        SC SYS_open, $up_abs, $O_RDONLY, $0
        TRY -ENOENT, "open /../../canary/secret.txt"
        SC SYS_open, $up_rw, $O_RDONLY, $0
        TRY -ENOENT, "open /rw/../../canary/secret.txt"
        SC SYS_open, $up_many, $O_RDONLY, $0
        TRY -ENOENT, "open /rw/../../../../../../../../etc/passwd"
        SC SYS_open, $up_back, $O_RDONLY, $0
        TRY -ENOENT, "open ..\\..\\canary\\secret.txt (backslashes are slashes)"
        SC SYS_open, $up_create, $(O_WRONLY|O_CREAT|O_TRUNC), $0600
        TRY -ENOENT, "create /rw/../../canary/new.txt"
        SC SYS_mkdir, $up_mkdir, $0700
        TRY -ENOENT, "mkdir /rw/../../canary/newdir"
        SC SYS_stat, $up_mounts, $st
        TRY -ENOENT, "stat /../mounts (the mounts' host parent)"
        SC SYS_stat, $up_canary, $st
        TRY -ENOENT, "stat ../canary"
        SC SYS_chdir, $rw
        TRY 0, "chdir /rw"
        SC SYS_open, $up_rel, $O_RDONLY, $0
        TRY -ENOENT, "open ../../canary/secret.txt from /rw"
        SC SYS_open, $up_rel, $(O_RDWR|O_CREAT), $0600
        TRY -ENOENT, "create ../../canary/secret.txt from /rw"
        SC SYS_chdir, $up3
        TRY 0, "chdir ../../.."
        SC SYS_getcwd, $buf, $64
        TRY 0, "getcwd"
        mov $buf, %esi
        mov $slash, %edi
        mov $2, %edx
        CALL esc_memcmp
        TRY 0, "cwd is / after chdir ../../.."
        # "/.." is "/": same inode
        SC SYS_stat, $slash, $st
        TRY 0, "stat /"
        mov st+8(%rip), %rbx
        SC SYS_stat, $slashdotdot, $st
        TRY 0, "stat /.."
        mov st+8(%rip), %rax
        sub %rbx, %rax
        TRY 0, "inode of /.. minus inode of /"
        # the host paths of the canary, given as arguments
        ARG 1
        SC SYS_open, %eax, $O_RDONLY, $0
        TRY -ENOENT, "open HOST/canary/secret.txt (argv[1])"
        ARG 1
        SC SYS_open, %eax, $(O_WRONLY|O_CREAT|O_TRUNC), $0600
        TRY -ENOENT, "create HOST/canary/secret.txt (argv[1])"
        ARG 2
        SC SYS_stat, %eax, $st
        TRY -ENOENT, "stat HOST/canary (argv[2])"
        ARG 2
        SC SYS_chdir, %eax
        TRY -ENOENT, "chdir HOST/canary (argv[2])"
        # long paths: "/" + "../" * 335 + "canary/secret.txt" is 1023 bytes, the longest allowed
        mov $long, %edi
        mov $slash, %esi
        CALL esc_strcpy
        mov %eax, %edi
        mov $dotdot, %esi
        mov $335, %edx
        CALL esc_repeat
        mov %eax, %edi
        mov $canary_rel, %esi
        CALL esc_strcpy
        SC SYS_open, $long, $O_RDONLY, $0
        TRY -ENOENT, "open a 1023-byte ../ chain"
        # one more leading "/" makes 1024 bytes without a NUL in the first 1024
        mov $long, %edi
        mov $slash, %esi
        CALL esc_strcpy
        mov %eax, %edi
        mov $slash, %esi
        CALL esc_strcpy
        mov %eax, %edi
        mov $dotdot, %esi
        mov $335, %edx
        CALL esc_repeat
        mov %eax, %edi
        mov $canary_rel, %esi
        CALL esc_strcpy
        SC SYS_open, $long, $O_RDONLY, $0
        TRY -ENAMETOOLONG, "open a 1024-byte ../ chain"
        # 4 KiB: "../" * 1360 + "canary/secret.txt"
        mov $long, %edi
        mov $dotdot, %esi
        mov $1360, %edx
        CALL esc_repeat
        mov %eax, %edi
        mov $canary_rel, %esi
        CALL esc_strcpy
        SC SYS_open, $long, $O_RDONLY, $0
        TRY -ENAMETOOLONG, "open a 4 KiB ../ chain"
        SC SYS_stat, $long, $st
        TRY -ENAMETOOLONG, "stat a 4 KiB ../ chain"
        SC SYS_mkdir, $long, $0700
        TRY -ENAMETOOLONG, "mkdir a 4 KiB ../ chain"
        # a 256-byte name
        mov $long, %edi
        mov $rw_slash, %esi
        CALL esc_strcpy
        mov %eax, %edi
        mov $letter, %esi
        mov $256, %edx
        CALL esc_repeat
        SC SYS_open, $long, $(O_WRONLY|O_CREAT), $0600
        TRY -ENAMETOOLONG, "create /rw/ + a 256-byte name"
        # NUL bytes: the path ends at the first NUL, whatever follows
        SC SYS_open, $nul_read, $O_RDONLY, $0
        mov %rax, %rbx
        TRY 3, "open /data.txt NUL /../../canary/secret.txt"
        SC SYS_read, %ebx, $buf, $14
        TRY 14, "read 14 bytes"
        mov $buf, %esi
        mov $rodata_text, %edi
        mov $14, %edx
        CALL esc_memcmp
        TRY 0, "they are /data.txt's"
        SC SYS_close, %ebx
        SC SYS_open, $nul_create, $(O_WRONLY|O_CREAT), $0600
        mov %rax, %rbx
        TRY 3, "create /rw/new NUL ../../../canary/evil"
        SC SYS_close, %ebx
        SC SYS_unlink, $rw_new
        TRY 0, "unlink /rw/new (it was created there)"
        SC SYS_open, $empty, $O_RDONLY, $0
        mov %rax, %rbx
        TRY 3, "open an empty path: the cwd / as a directory"
        SC SYS_close, %ebx
        SC SYS_open, $0, $O_RDONLY, $0
        TRY -EFAULT, "open a NULL path"
        SC SYS_open, $not_utf8, $(O_WRONLY|O_CREAT), $0600
        TRY -EINVAL, "create /rw/ + byte 0xff (not UTF-8)"
        END

        STR up_rel, "../../canary/secret.txt\0"
        STR up_abs, "/../../canary/secret.txt\0"
        STR up_rw, "/rw/../../canary/secret.txt\0"
        STR up_many, "/rw/../../../../../../../../etc/passwd\0"
        STR up_back, "..\\..\\canary\\secret.txt\0"
        STR up_create, "/rw/../../canary/new.txt\0"
        STR up_mkdir, "/rw/../../canary/newdir\0"
        STR up_mounts, "/../mounts\0"
        STR up_canary, "../canary\0"
        STR up3, "../../..\0"
        STR rw, "/rw\0"
        STR rw_slash, "/rw/\0"
        STR rw_new, "/rw/new\0"
        STR slash, "/\0"
        STR slashdotdot, "/..\0"
        STR dotdot, "../\0"
        STR letter, "a\0"
        STR canary_rel, "canary/secret.txt\0"
        STR nul_read, "/data.txt\0/../../canary/secret.txt\0"
        STR nul_create, "/rw/new\0../../../canary/evil\0"
        STR empty, "\0"
        STR not_utf8, "/rw/\377\0"
        STR rodata_text, "read-only data"
        .bss
        .p2align 3
st:     .zero 104
buf:    .zero 64
long:   .zero 8192
