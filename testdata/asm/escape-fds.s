# escape-fds: descriptor exhaustion and wild descriptor numbers (nacl-abi.md sections 4.2, 4.4:
# NACL_MAX_FD 4096). /data.txt is opened until open fails with EMFILE; with the table full,
# paths that lead out still give ENOENT (translation comes first), dup gives EMFILE, and the
# sandbox keeps working: a closed slot is reused, and every fd closes again.
# How many opens succeed is the host's business (sel_ldr: RLIMIT_NOFILE; jnbox: 4093, fds
# 3..4095), so only "more than 1000" is checked.
        .include "nacl.inc"
        .include "escape-common.inc"
main:
        SAVEARGS
        SC SYS_read, $4096, $buf, $1
        TRY -EBADF, "read fd 4096"
        SC SYS_read, $-1, $buf, $1
        TRY -EBADF, "read fd -1"
        SC SYS_write, $0x7fffffff, $buf, $1
        TRY -EBADF, "write fd 0x7fffffff"
        SC SYS_close, $4095
        TRY -EBADF, "close fd 4095 (never opened)"
        SC SYS_fstat, $100000, $st
        TRY -EBADF, "fstat fd 100000"
        SC SYS_dup2, $0, $4096
        TRY -EINVAL, "dup2 0 4096"
        SC SYS_dup2, $0, $-1
        TRY -EINVAL, "dup2 0 -1"
        SC SYS_dup2, $4000, $5
        TRY -EBADF, "dup2 4000 (never opened) 5"
        # fill the table
        xor %ebx, %ebx                  # opens that succeeded
        mov $3, %r12d                   # highest fd seen
1:      SC SYS_open, $data, $O_RDONLY, $0
        test %rax, %rax
        js 2f
        inc %ebx
        cmp %r12d, %eax
        jbe 1b
        mov %eax, %r12d
        jmp 1b
2:      TRY -EMFILE, "open /data.txt until the table is full"
        xor %eax, %eax
        cmp $1000, %ebx
        seta %al
        TRY 1, "more than 1000 opens succeeded"
        SC SYS_open, $rel_out, $O_RDONLY, $0
        TRY -ENOENT, "open /rw/rel_out with the table full"
        SC SYS_open, $up, $O_RDONLY, $0
        TRY -ENOENT, "open /rw/../../canary/secret.txt with the table full"
        SC SYS_open, $rw_new, $(O_WRONLY|O_CREAT), $0600
        TRY -EMFILE, "create /rw/new with the table full"
        SC SYS_dup, $0
        TRY -EMFILE, "dup 0 with the table full"
        SC SYS_open, $root, $(O_RDONLY|O_DIRECTORY), $0
        TRY -EMFILE, "open / O_DIRECTORY with the table full"
        SC SYS_stat, $data, $st
        TRY 0, "stat /data.txt with the table full"
        SC SYS_close, $3
        TRY 0, "close 3"
        SC SYS_open, $data, $O_RDONLY, $0
        TRY 3, "open reuses fd 3"
        # close every fd from 3 up to the highest
        mov $3, %r13d
        xor %r14d, %r14d                # closes that failed
3:      cmp %r12d, %r13d
        ja 4f
        SC SYS_close, %r13d
        test %rax, %rax
        jz 5f
        inc %r14d
5:      inc %r13d
        jmp 3b
4:      mov %r14, %rax
        TRY 0, "close every one of them: failures"
        SC SYS_open, $data, $O_RDONLY, $0
        TRY 3, "open after closing all: fd 3"
        SC SYS_close, $3
        END

        STR data, "/data.txt\0"
        STR rel_out, "/rw/rel_out\0"
        STR up, "/rw/../../canary/secret.txt\0"
        STR rw_new, "/rw/new\0"
        STR root, "/\0"
        .bss
        .p2align 3
st:     .zero 104
buf:    .zero 64
