# escape-race: the guest half of the symlink race (EscapeRaceTest). While a host thread keeps
# swapping /rw/flip between a harmless file and a symlink to the host path of the canary
# T/canary/secret.txt, and /rw/flipdir between a real folder and a symlink to T/canary, the guest
# repeats argv[1] times (decimal):
#   open /rw/flip and /rw/flipdir/secret.txt read-only, read, and count a read that returns the
#   canary's text "CANARY-SECRET" (an escape); open both write-only and write "G" at offset 64
#   (an escape would change the canary, which the test hashes); stat /rw/flipdir/secret.txt and
#   count results with the canary's size (19 bytes) and inode (argv[2], its low 32 bits) (a metadata leak: stat
#   uses the whole host path, a race HostFileSystem documents; reported, not an escape of data).
# Prints "opened=N stat-leaks=M" (timing-dependent) and then TRY lines that must hold.
        .include "nacl.inc"
        .include "escape-common.inc"
main:
        SAVEARGS
        ARG 1
        CALL parse_u32
        mov %eax, %ebx                  # iterations left
        mov %eax, iterations(%rip)
        ARG 2
        CALL parse_u32
        mov %eax, canary_ino(%rip)
1:      test %ebx, %ebx
        jz 9f
        mov $flip, %eax
        CALL read_try
        mov $flipdir_secret, %eax
        CALL read_try
        mov $flip, %eax
        CALL write_try
        mov $flipdir_secret, %eax
        CALL write_try
        SC SYS_stat, $flipdir_secret, $st
        test %rax, %rax
        jnz 2f
        cmpq $19, st+40(%rip)
        jne 2f
        mov canary_ino(%rip), %eax
        cmp st+8(%rip), %eax            # low 32 bits of st_ino
        jne 2f
        incl leaks(%rip)
2:      dec %ebx
        jmp 1b
9:      PRINT "opened="
        mov opened(%rip), %eax
        CALL print_u64
        PRINT " stat-leaks="
        mov leaks(%rip), %eax
        CALL print_u64
        CALL print_nl
        mov iterations(%rip), %eax
        shl $2, %eax
        mov %rax, %rdx
        mov attempts_n(%rip), %eax
        sub %rdx, %rax
        TRY 0, "open attempts made minus 4 x iterations"
        mov escapes(%rip), %eax
        TRY 0, "reads that returned the canary's text"
        mov errors(%rip), %eax
        TRY 0, "open errors other than ENOENT/ELOOP/ENOTDIR"
        END

# read_try: eax = path. Opens it read-only, reads, checks for the canary's text, closes.
FUNC read_try
        incl attempts_n(%rip)
        SC SYS_open, %eax, $O_RDONLY, $0
        test %rax, %rax
        js open_failed
        push %rax
        incl opened(%rip)
        mov (%rsp), %rdi
        SC SYS_read, %edi, $buf, $64
        cmp $13, %rax
        jl 1f
        mov $buf, %esi
        mov $secret, %edi
        mov $13, %edx
        CALL esc_memcmp
        test %eax, %eax
        jnz 1f
        incl escapes(%rip)
1:      pop %rdi
        SC SYS_close, %edi
        RET

# write_try: eax = path. Opens it write-only (no O_TRUNC, no O_CREAT), writes "G" at offset 64
# (past the canary's text, so a later read still recognises it; the canary would grow), closes.
FUNC write_try
        incl attempts_n(%rip)
        SC SYS_open, %eax, $O_WRONLY, $0
        test %rax, %rax
        js open_failed
        push %rax
        incl opened(%rip)
        mov (%rsp), %rdi
        SC SYS_pwrite, %edi, $g, $1, $at64
        pop %rdi
        SC SYS_close, %edi
        RET

# the expected failures of a path caught mid-swap
FUNC open_failed
        cmp $-ENOENT, %rax
        je 1f
        cmp $-ELOOP, %rax
        je 1f
        cmp $-ENOTDIR, %rax
        je 1f
        incl errors(%rip)
        push %rax
        PRINT "unexpected open result "
        pop %rax
        CALL print_i64
        CALL print_nl
1:      RET

# parse_u32: eax = address of a decimal string; eax = its value
FUNC parse_u32
        mov %eax, %esi
        xor %eax, %eax
1:      .bundle_lock
        mov %esi, %esi
        movzbl (%r15,%rsi), %ecx
        .bundle_unlock
        sub $'0', %ecx
        cmp $9, %ecx
        ja 2f
        imul $10, %eax, %eax
        add %ecx, %eax
        inc %esi
        jmp 1b
2:      RET

        STR flip, "/rw/flip\0"
        STR flipdir_secret, "/rw/flipdir/secret.txt\0"
        STR secret, "CANARY-SECRET"
        STR g, "G"
        .pushsection .rodata
        .p2align 3
at64:   .quad 64
        .popsection
        .bss
        .p2align 3
st:          .zero 104
buf:         .zero 64
canary_ino:  .zero 8
iterations:  .zero 4
attempts_n:  .zero 4
opened:      .zero 4
escapes:     .zero 4
errors:      .zero 4
leaks:       .zero 4
