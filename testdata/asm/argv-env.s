# argv-env: walk the startup block at %edi (nacl-abi.md section 3.1): fini, envc, argc, argv[],
# envp[], auxv pairs; print each, and the block address P = 0xFFFF0000 - size rounded to 16.
        .include "nacl.inc"
main:
        .bundle_lock
        mov %edi, %ebp                  # rbp = r15 + P: rbp is a valid memory base
        add %r15, %rbp
        .bundle_unlock
        mov %edi, %r14d                 # r14 = P
        SHOWX "P=", %r14
        mov 0(%rbp), %eax
        SHOW "fini=", %rax
        mov 4(%rbp), %r12d              # envc
        SHOW "envc=", %r12
        mov 8(%rbp), %r13d              # argc
        SHOW "argc=", %r13
        xor %ebx, %ebx
1:      cmp %r13d, %ebx
        jae 2f
        PRINT "argv["
        mov %rbx, %rax
        CALL print_u64
        PRINT "]="
        .bundle_lock
        mov %ebx, %ebx
        mov 12(%rbp,%rbx,4), %eax
        .bundle_unlock
        CALL print_cstr
        CALL print_nl
        inc %ebx
        jmp 1b
2:      # argv[argc] must be 0
        .bundle_lock
        mov %ebx, %ebx
        mov 12(%rbp,%rbx,4), %eax
        .bundle_unlock
        EXPECT %rax, 0, "argv[argc]==0"
        # envp starts at word 3 + argc + 1
        lea 4(%r13), %ebx               # word index of envp[0]
        xor %r14d, %r14d                # env counter
3:      cmp %r12d, %r14d
        jae 4f
        PRINT "env="
        .bundle_lock
        mov %ebx, %ebx
        mov 0(%rbp,%rbx,4), %eax
        .bundle_unlock
        CALL print_cstr
        CALL print_nl
        inc %ebx
        inc %r14d
        jmp 3b
4:      .bundle_lock
        mov %ebx, %ebx
        mov 0(%rbp,%rbx,4), %eax
        .bundle_unlock
        EXPECT %rax, 0, "envp[envc]==0"
        inc %ebx                        # auxv pairs follow
5:      .bundle_lock
        mov %ebx, %ebx
        mov 0(%rbp,%rbx,4), %r12d
        .bundle_unlock
        .bundle_lock
        mov %ebx, %ebx
        mov 4(%rbp,%rbx,4), %r13d
        .bundle_unlock
        PRINT "auxv "
        mov %r12, %rax
        CALL print_u64
        PRINT " "
        mov %r13, %rax
        CALL print_hex
        CALL print_nl
        add $2, %ebx
        test %r12d, %r12d
        jnz 5b
        EXIT 0
