# null-read: a load from user address 0; the first 64 KiB are never mapped (nacl-abi.md
# section 2), so this is SIGSEGV, exit status 245 (section 6.3).
        .include "nacl.inc"
main:
        PRINT "before null read\n"
        xor %eax, %eax
        .bundle_lock
        mov %eax, %eax
        mov (%r15,%rax), %ebx
        .bundle_unlock
        PRINT "FAIL after null read\n"
        EXIT 1
