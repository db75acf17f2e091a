# mmap-file: a private read-only mapping of a file (nacl-abi.md section 4.6): the bytes appear
# at the returned address; the file must be regular and the fd open; needs a writable mount.
        .include "nacl.inc"
main:
        SC SYS_open, $fname, $01101, $0600      # O_WRONLY|O_CREAT|O_TRUNC
        mov %eax, %ebx
        SC SYS_write, %ebx, $text, $text_len
        SC SYS_close, %ebx
        SC SYS_open, $fname, $0, $0
        mov %eax, %ebx
        EXPECT %rbx, 3, "open read-only"
        SC SYS_mmap, $0, $0x10000, $1, $2, %ebx, $zero
        mov %eax, %r12d
        EXPECT %r12, 0xfeff0000, "mmap file PROT_READ MAP_PRIVATE"
        .bundle_lock
        mov %r12d, %r12d
        mov (%r15,%r12), %rax
        .bundle_unlock
        EXPECT %rax, 0x2064657070616d20, "first 8 bytes ' mapped '"
        mov %r12d, %esi
        mov $text_len, %edx
        CALL print_buf
        .bundle_lock
        mov %r12d, %r12d
        mov text_len(%r15,%r12), %rax
        .bundle_unlock
        EXPECT %rax, 0, "zero after the end of file"
        SC SYS_close, %ebx
        EXPECT %rax, 0, "close keeps the mapping"
        .bundle_lock
        mov %r12d, %r12d
        movzbl 1(%r15,%r12), %eax
        .bundle_unlock
        EXPECT %rax, 'm', "mapping readable after close"
        SC SYS_open, $dot, $0, $0
        mov %eax, %ebx
        SC SYS_mmap, $0, $0x10000, $1, $2, %ebx, $zero
        EXPECT %rax, -19, "mmap a directory: ENODEV"
        SC SYS_munmap, %r12d, $0x10000
        EXPECT %rax, 0, "munmap"
        EXIT 0
        STR fname, "m.txt\0"
        STR dot, ".\0"
        STR text, " mapped file contents\n"
        .data
        .p2align 3
zero:   .quad 0
