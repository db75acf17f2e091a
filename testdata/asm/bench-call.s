# bench-call: call/ret-heavy: argv[1] evaluations (default 30) of a recursive fib(20), each
# call a direct call ending its bundle and each return pop + nacljmp (nacl.inc CALL/RET).
# Checksum: the sum of the results plus the number of calls (testdata/bench-expected.py).
        .include "nacl.inc"
        .include "bench.inc"
main:
        ITERATIONS 30
        SHOW "iterations=", %rbx
        xor %r12d, %r12d                        # sum of results
        xor %r13d, %r13d                        # calls
        test %rbx, %rbx
        jz 2f
1:      mov $20, %edi
        CALL fib
        add %rax, %r12
        dec %rbx
        jnz 1b
2:      SHOW "sum=", %r12
        SHOW "calls=", %r13
        EXIT 0

        .text
# fib: edi = n; rax <- fib(n) (fib(0) = 0, fib(1) = 1); counts calls in r13; keeps rbx.
FUNC fib
        inc %r13
        cmp $2, %edi
        jae 1f
        mov %edi, %eax
        RET
1:      push %rbx
        push %rdi
        dec %edi
        CALL fib
        mov %rax, %rbx
        pop %rdi
        sub $2, %edi
        CALL fib
        add %rbx, %rax
        pop %rbx
        RET
        .section .text.entry, "ax", @progbits
