# clock-random: prints the clocks and 16 random bytes. Its output changes from run to run on a
# real loader; under `jnbox run --deterministic` two runs must print the same (determinism test).
        .include "nacl.inc"
main:
        SC SYS_clock_gettime, $0, $ts
        SHOW "realtime.sec=", ts(%rip)
        mov ts+8(%rip), %eax
        SHOW "realtime.nsec=", %rax
        SC SYS_clock_gettime, $1, $ts
        SHOW "monotonic.sec=", ts(%rip)
        mov ts+8(%rip), %eax
        SHOW "monotonic.nsec=", %rax
        SC SYS_gettimeofday, $ts
        SHOW "gettimeofday.sec=", ts(%rip)
        mov ts+8(%rip), %eax
        SHOW "gettimeofday.usec=", %rax
        SC SYS_get_random_bytes, $rnd, $16
        SHOWX "random0=", rnd(%rip)
        SHOWX "random1=", rnd+8(%rip)
        EXIT 0
        .bss
        .p2align 4
ts:     .zero 16
rnd:    .zero 16
