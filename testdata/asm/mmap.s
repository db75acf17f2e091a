# mmap: anonymous mmap/munmap/mprotect and their 64 KiB rules (nacl-abi.md section 4.6).
        .include "nacl.inc"
        .set PROT_READ, 1
        .set PROT_WRITE, 2
        .set PROT_EXEC, 4
        .set MAP_SHARED, 1
        .set MAP_PRIVATE, 2
        .set MAP_FIXED, 0x10
        .set MAP_ANON, 0x20
        .set RW, PROT_READ|PROT_WRITE
        .set PA, MAP_PRIVATE|MAP_ANON
main:
        SC SYS_mmap, $0, $0x10000, $RW, $PA, $-1, $zero
        mov %eax, %ebx
        EXPECT %rbx, 0xfeff0000, "first anonymous mmap: highest free 64 KiB below the stack"
        .bundle_lock
        mov %ebx, %ebx
        mov (%r15,%rbx), %rax
        .bundle_unlock
        EXPECT %rax, 0, "anonymous memory is zero"
        .bundle_lock
        mov %ebx, %ebx
        movq $0x1234, 0xfff8(%r15,%rbx)
        .bundle_unlock
        .bundle_lock
        mov %ebx, %ebx
        mov 0xfff8(%r15,%rbx), %rax
        .bundle_unlock
        EXPECT %rax, 0x1234, "store/load in the mapping"
        SC SYS_mmap, $0, $0x1000, $RW, $PA, $-1, $zero
        mov %eax, %r12d
        EXPECT %r12, 0xfefe0000, "4 KiB request takes a whole 64 KiB page below"
        # placement hint and MAP_FIXED
        SC SYS_mmap, $0x50000000, $0x10000, $RW, $PA, $-1, $zero
        mov %eax, %eax
        EXPECT %rax, 0x50000000, "hint honoured"
        SC SYS_mmap, $0x40000000, $0x20000, $RW, $(PA|MAP_FIXED), $-1, $zero
        mov %eax, %eax
        EXPECT %rax, 0x40000000, "MAP_FIXED"
        mov $0x40000000, %eax
        .bundle_lock
        mov %eax, %eax
        movq $7, 0x1fff8(%r15,%rax)
        .bundle_unlock
        # errors
        SC SYS_mmap, $0, $0, $RW, $PA, $-1, $zero
        EXPECT %rax, -22, "length 0: EINVAL"
        SC SYS_mmap, $0, $0x10000, $RW, $(MAP_SHARED|MAP_PRIVATE|MAP_ANON), $-1, $zero
        EXPECT %rax, -22, "shared and private: EINVAL"
        SC SYS_mmap, $0, $0x10000, $RW, $MAP_ANON, $-1, $zero
        EXPECT %rax, -22, "neither shared nor private: EINVAL"
        SC SYS_mmap, $0, $0x10000, $(RW|PROT_EXEC), $PA, $-1, $zero
        EXPECT %rax, -22, "anonymous PROT_EXEC: EINVAL"
        SC SYS_mmap, $0x40001000, $0x10000, $RW, $(PA|MAP_FIXED), $-1, $zero
        EXPECT %rax, -22, "MAP_FIXED not 64 KiB aligned: EINVAL"
        SC SYS_mmap, $0x20000, $0x10000, $RW, $(PA|MAP_FIXED), $-1, $zero
        EXPECT %rax, -22, "MAP_FIXED over the text: EINVAL"
        SC SYS_mmap, $0, $0x10000, $RW, $PA, $-1, $0
        EXPECT %rax, -14, "offset pointer 0: EFAULT"
        SC SYS_mmap, $0, $0x10000, $PROT_READ, $MAP_PRIVATE, $99, $zero
        EXPECT %rax, -9, "file mapping of a bad fd: EBADF"
        SC SYS_mmap, $0, $0x10000, $RW, $PA, $-1, $odd
        EXPECT %rax, -22, "offset not a 64 KiB multiple: EINVAL"
        # mprotect
        SC SYS_mprotect, %ebx, $0x10000, $PROT_READ
        EXPECT %rax, 0, "mprotect read-only"
        .bundle_lock
        mov %ebx, %ebx
        mov 0xfff8(%r15,%rbx), %rax
        .bundle_unlock
        EXPECT %rax, 0x1234, "still readable"
        SC SYS_mprotect, %ebx, $0x10000, $RW
        EXPECT %rax, 0, "mprotect back to read-write"
        SC SYS_mprotect, %ebx, $0x10000, $(PROT_READ|PROT_EXEC)
        EXPECT %rax, -13, "mprotect PROT_EXEC: EACCES"
        lea 0x1000(%rbx), %eax
        SC SYS_mprotect, %eax, $0x1000, $PROT_READ
        EXPECT %rax, -22, "mprotect not 64 KiB aligned: EINVAL"
        SC SYS_mprotect, $0x20000, $0x10000, $PROT_READ
        EXPECT %rax, -13, "mprotect the text: EACCES"
        SC SYS_mprotect, $0x60000000, $0x10000, $PROT_READ
        EXPECT %rax, -13, "mprotect unmapped memory: EACCES"
        # munmap
        lea 0x1000(%rbx), %eax
        SC SYS_munmap, %eax, $0x10000
        EXPECT %rax, -22, "munmap not 64 KiB aligned: EINVAL"
        SC SYS_munmap, %ebx, $0
        EXPECT %rax, -22, "munmap length 0: EINVAL"
        SC SYS_munmap, $0x20000, $0x10000
        EXPECT %rax, -22, "munmap the text: EINVAL"
        SC SYS_munmap, %ebx, $0x10000
        EXPECT %rax, 0, "munmap"
        SC SYS_munmap, $0x60000000, $0x10000
        EXPECT %rax, 0, "munmap of a hole is not an error"
        SC SYS_mmap, $0, $0x10000, $RW, $PA, $-1, $zero
        mov %eax, %eax
        EXPECT %rax, 0xfeff0000, "the unmapped page is reused"
        EXIT 0
        .data
        .p2align 3
zero:   .quad 0
odd:    .quad 0x1000
