# infinite-loop: never ends by itself; a fixture for `jnbox run --max-instructions N`.
        .include "nacl.inc"
main:
        PRINT "looping\n"
        xor %ebx, %ebx
1:      inc %rbx
        jmp 1b
