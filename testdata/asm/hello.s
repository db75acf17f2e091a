# hello: the smallest useful program. write(1, "Hello, world!\n", 14) then exit(0).
        .include "nacl.inc"
main:
        PRINT "Hello, world!\n"
        EXIT 0
