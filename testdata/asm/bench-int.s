# bench-int: a tight integer loop (xorshift64 + add), argv[1] iterations (default 2000000).
# Checksum: testdata/bench-expected.py.
        .include "nacl.inc"
        .include "bench.inc"
main:
        ITERATIONS 2000000
        SHOW "iterations=", %rbx
        movabs $0x9E3779B97F4A7C15, %rsi        # x
        xor %r12d, %r12d                        # acc
        mov %rbx, %rcx
        test %rcx, %rcx
        jz 2f
1:      mov %rsi, %rax                          # x ^= x << 13; x ^= x >> 7; x ^= x << 17
        shl $13, %rax
        xor %rax, %rsi
        mov %rsi, %rax
        shr $7, %rax
        xor %rax, %rsi
        mov %rsi, %rax
        shl $17, %rax
        xor %rax, %rsi
        add %rsi, %r12                          # acc += x
        add %rcx, %r12                          # acc += i + 1 (i counts down from N-1; rcx = i + 1)
        dec %rcx
        jnz 1b
2:      SHOWX "checksum=", %r12
        EXIT 0
