# ro-mount: a read-only mount at "/" (this asm/ folder) and a writable one at /w
# (nacl-abi.md sections 7.1-7.3): reads work, every write through the ro mount is EACCES,
# ".." never climbs above "/", absolute paths resolve inside the virtual tree, and the
# longer mount /w wins for paths under it.
        .include "nacl.inc"
main:
        SC SYS_open, $hello, $0, $0
        mov %rax, %rbx
        EXPECT %rbx, 3, "open hello.s read-only"
        SC SYS_read, %ebx, $buf, $8
        EXPECT %rax, 8, "read 8 bytes"
        mov $buf, %esi
        mov $8, %edx
        CALL print_buf
        CALL print_nl
        SC SYS_close, %ebx
        SC SYS_open, $climb, $0, $0
        mov %rax, %rbx
        EXPECT %rbx, 3, "/../../hello.s stays inside: opens /hello.s"
        SC SYS_close, %ebx
        SC SYS_open, $passwd, $0, $0
        EXPECT %rax, -2, "/etc/passwd resolves inside the mount: ENOENT"
        SC SYS_open, $hello, $1, $0
        EXPECT %rax, -13, "open for writing on ro: EACCES"
        SC SYS_open, $newf, $0101, $0600
        EXPECT %rax, -13, "create on ro: EACCES"
        SC SYS_mkdir, $newd, $0755
        EXPECT %rax, -13, "mkdir on ro: EACCES"
        SC SYS_unlink, $hello
        EXPECT %rax, -13, "unlink on ro: EACCES"
        SC SYS_rename, $hello, $newf
        EXPECT %rax, -13, "rename on ro: EACCES"
        SC SYS_stat, $root, $st
        EXPECT %rax, 0, "stat /"
        mov st+16(%rip), %eax
        and $0170000, %eax
        EXPECT %rax, 0040000, "/ is a directory"
        SC SYS_getcwd, $buf, $64
        PRINT "cwd="
        mov $buf, %eax
        CALL print_cstr
        CALL print_nl
        # the rw mount at /w
        SC SYS_open, $wfile, $01101, $0600
        mov %rax, %rbx
        EXPECT %rbx, 3, "create /w/f.txt on the rw mount"
        SC SYS_write, %ebx, $hello, $7
        EXPECT %rax, 7, "write /w/f.txt"
        SC SYS_close, %ebx
        SC SYS_stat, $wfile, $st
        EXPECT st+40(%rip), 7, "/w/f.txt size"
        SC SYS_chdir, $w
        EXPECT %rax, 0, "chdir /w"
        SC SYS_getcwd, $buf, $64
        PRINT "cwd="
        mov $buf, %eax
        CALL print_cstr
        CALL print_nl
        SC SYS_unlink, $fname
        EXPECT %rax, 0, "unlink f.txt (relative to /w)"
        SC SYS_open, $upclimb, $0, $0
        mov %rax, %rbx
        EXPECT %rbx, 3, "../hello.s from /w is /hello.s"
        SC SYS_close, %ebx
        EXIT 0
        STR hello, "hello.s\0"
        STR climb, "/../../hello.s\0"
        STR upclimb, "../hello.s\0"
        STR passwd, "/etc/passwd\0"
        STR newf, "new.txt\0"
        STR newd, "newdir\0"
        STR root, "/\0"
        STR w, "/w\0"
        STR wfile, "/w/f.txt\0"
        STR fname, "f.txt\0"
        .bss
        .p2align 3
st:     .zero 104
buf:    .zero 64
