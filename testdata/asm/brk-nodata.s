# brk-nodata: a nexe without a data segment: the initial break is the end of rodata rounded up
# to 64 KiB (nacl-abi.md section 1.3, "If no data segment ... round max_vaddr up to 64 KiB"):
# rodata is at 0x30000 and small, so the break and tls1 (section 3.2) are 0x40000.
        .include "nacl.inc"
main:
        SC SYS_brk, $0
        EXPECT %rax, 0x40000, "initial break = round64K(end of rodata)"
        SC SYS_tls_get
        EXPECT %rax, 0x40000, "initial tls1 = initial break"
        SC SYS_brk, $0x40100
        EXPECT %rax, 0x40100, "brk grows"
        mov $0x400f8, %eax
        .bundle_lock
        mov %eax, %eax
        movq $3, (%r15,%rax)
        .bundle_unlock
        EXPECT %rax, 0x400f8, "store below the new break"
        EXIT 0
