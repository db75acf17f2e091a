# bench-mem: a memory-heavy loop: argv[1] passes (default 1) of a sieve of Eratosthenes over a
# 2 MiB byte array in bss (clear with 8-byte stores, mark multiples, then count and sum the
# primes below 2097152). Checksum: testdata/bench-expected.py.
        .include "nacl.inc"
        .include "bench.inc"
        .set LIMIT, 0x200000
main:
        ITERATIONS 1
        SHOW "iterations=", %rbx
        xor %r12d, %r12d                        # primes counted, all passes
        xor %r13d, %r13d                        # their sum, all passes
        test %rbx, %rbx
        jz 9f
1:      xor %ecx, %ecx                          # clear: sieve[0..LIMIT) = 0, 8 bytes at a time
        xor %eax, %eax
2:      .bundle_lock
        mov %ecx, %ecx
        mov %rax, sieve(%r15,%rcx,8)
        .bundle_unlock
        inc %ecx
        cmp $(LIMIT / 8), %ecx
        jb 2b
        mov $2, %esi                            # i
3:      mov %esi, %edx                          # while i*i < LIMIT
        imul %edx, %edx
        cmp $LIMIT, %edx
        jae 6f
        .bundle_lock
        mov %esi, %esi
        cmpb $0, sieve(%r15,%rsi)
        .bundle_unlock
        jne 5f
4:      .bundle_lock                            # for j = i*i; j < LIMIT; j += i: sieve[j] = 1
        mov %edx, %edx
        movb $1, sieve(%r15,%rdx)
        .bundle_unlock
        add %esi, %edx
        cmp $LIMIT, %edx
        jb 4b
5:      inc %esi
        jmp 3b
6:      mov $2, %esi                            # count and sum i in [2, LIMIT) with sieve[i] == 0
7:      .bundle_lock
        mov %esi, %esi
        movzbl sieve(%r15,%rsi), %eax
        .bundle_unlock
        test %eax, %eax
        jnz 8f
        inc %r12
        add %rsi, %r13
8:      inc %esi
        cmp $LIMIT, %esi
        jb 7b
        dec %rbx
        jnz 1b
9:      SHOW "primes=", %r12
        SHOW "sum=", %r13
        EXIT 0

        .bss
        .p2align 6
sieve:  .zero LIMIT
        .section .text.entry, "ax", @progbits
