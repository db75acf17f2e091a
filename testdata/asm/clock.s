# clock: clock_gettime, clock_getres, gettimeofday, nanosleep, sched_yield
# (nacl-abi.md sections 4.2, 4.4, 4.5). Only results and invariants are printed, so the output
# does not depend on the time.
        .include "nacl.inc"
main:
        SC SYS_clock_gettime, $1, $ts1
        EXPECT %rax, 0, "clock_gettime MONOTONIC"
        mov ts1+8(%rip), %eax
        cmp $1000000000, %eax
        setb %al
        movzbl %al, %eax
        EXPECT %rax, 1, "tv_nsec < 10^9"
        SC SYS_clock_gettime, $0, $ts2
        EXPECT %rax, 0, "clock_gettime REALTIME"
        SC SYS_clock_gettime, $2, $ts2
        EXPECT %rax, 0, "clock_gettime PROCESS_CPUTIME"
        SC SYS_clock_gettime, $3, $ts2
        EXPECT %rax, 0, "clock_gettime THREAD_CPUTIME"
        SC SYS_clock_gettime, $4, $ts2
        EXPECT %rax, -22, "clock_gettime id 4: EINVAL"
        SC SYS_clock_gettime, $0, $0
        EXPECT %rax, -14, "clock_gettime into address 0: EFAULT"
        SC SYS_clock_getres, $1, $ts2
        EXPECT %rax, 0, "clock_getres MONOTONIC"
        SC SYS_clock_getres, $0, $0
        EXPECT %rax, 0, "clock_getres with pointer 0"
        SC SYS_clock_getres, $99, $ts2
        EXPECT %rax, -22, "clock_getres id 99: EINVAL"
        SC SYS_gettimeofday, $tv
        EXPECT %rax, 0, "gettimeofday"
        mov tv+8(%rip), %eax
        cmp $1000000, %eax
        setb %al
        movzbl %al, %eax
        EXPECT %rax, 1, "tv_usec < 10^6"
        SC SYS_gettimeofday, $0
        EXPECT %rax, -14, "gettimeofday into address 0: EFAULT"
        SC SYS_sched_yield
        EXPECT %rax, 0, "sched_yield"
        # nanosleep 2 ms; MONOTONIC must not go backwards
        movq $0, req(%rip)
        movl $2000000, req+8(%rip)
        SC SYS_nanosleep, $req, $rem
        EXPECT %rax, 0, "nanosleep 2 ms"
        movl $1000000000, req+8(%rip)
        SC SYS_nanosleep, $req, $0
        EXPECT %rax, -22, "nanosleep tv_nsec = 10^9: EINVAL"
        SC SYS_nanosleep, $0, $0
        EXPECT %rax, -14, "nanosleep request at address 0: EFAULT"
        SC SYS_clock_gettime, $1, $ts2
        mov ts2(%rip), %rax
        imul $1000000000, %rax, %rax
        mov ts2+8(%rip), %ecx
        add %rcx, %rax
        mov ts1(%rip), %rbx
        imul $1000000000, %rbx, %rbx
        mov ts1+8(%rip), %ecx
        add %rcx, %rbx
        sub %rbx, %rax
        cmp $0, %rax
        setge %al
        movzbl %al, %eax
        EXPECT %rax, 1, "MONOTONIC did not go backwards"
        EXIT 0
        .bss
        .p2align 4
ts1:    .zero 16
ts2:    .zero 16
tv:     .zero 16
req:    .zero 16
rem:    .zero 16
