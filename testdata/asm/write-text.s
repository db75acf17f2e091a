# write-text: a store into the text segment (mapped R+X, nacl-abi.md section 2) is SIGSEGV,
# exit status 245.
        .include "nacl.inc"
main:
        PRINT "before text write\n"
        movl $0x90909090, main(%rip)
        PRINT "FAIL after text write\n"
        EXIT 1
