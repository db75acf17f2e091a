# bench-sse: an SSE2 loop: argv[1] iterations (default 1000000) of packed double multiply-add
# with decay (acc = (acc + v*v) * 0.75; v += 1) and packed 64-bit integer add, xor and shuffle.
# Prints the raw bits of both lanes. Checksum: testdata/bench-expected.py (IEEE double, round
# to nearest, as MXCSR's default; SDM Vol. 1 4.8.4).
        .include "nacl.inc"
        .include "bench.inc"
main:
        ITERATIONS 1000000
        SHOW "iterations=", %rbx
        xorpd %xmm0, %xmm0                      # acc = (0, 0)
        movapd v0(%rip), %xmm1                  # v = (0.0, 0.5)
        movapd one(%rip), %xmm2                 # (1.0, 1.0)
        movapd decay(%rip), %xmm3               # (0.75, 0.75)
        movdqa k0(%rip), %xmm5                  # integer lanes
        movdqa k1(%rip), %xmm6
        pxor %xmm7, %xmm7
        mov %rbx, %rcx
        test %rcx, %rcx
        jz 2f
1:      movapd %xmm1, %xmm4
        mulpd %xmm4, %xmm4
        addpd %xmm4, %xmm0
        mulpd %xmm3, %xmm0
        addpd %xmm2, %xmm1
        paddq %xmm6, %xmm5                      # s += k1 (per 64-bit lane)
        pxor %xmm5, %xmm7                       # t ^= s
        pshufd $0x4e, %xmm7, %xmm7              # swap t's two quadwords
        dec %rcx
        jnz 1b
2:      movq %xmm0, %rbx                        # into callee-saved registers first: syscalls
        unpckhpd %xmm0, %xmm0                   # clobber the vector registers (nacl.inc)
        movq %xmm0, %r12
        movq %xmm7, %r13
        pshufd $0x4e, %xmm7, %xmm7
        movq %xmm7, %r14
        SHOWX "acc0=", %rbx
        SHOWX "acc1=", %r12
        SHOWX "t0=", %r13
        SHOWX "t1=", %r14
        EXIT 0

        .section .rodata
        .p2align 4
v0:     .double 0.0, 0.5
one:    .double 1.0, 1.0
decay:  .double 0.75, 0.75
k0:     .quad 0x0123456789abcdef, 0xfedcba9876543210
k1:     .quad 0x9e3779b97f4a7c15, 0x6a09e667f3bcc909
        .section .text.entry, "ax", @progbits
