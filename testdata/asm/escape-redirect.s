# escape-redirect: descriptors handed in on the command line (nacl-abi.md section 6.1 -h/-r/-w;
# jnbox names a host file, or 0/1/2 for its own stdin/stdout/stderr) and the standard streams
# that pass through by default. Run by FdRedirectTest with
#   -r 3:T/redirect/in.txt -w 4:T/redirect/out.txt -h 5:T/redirect/rw.txt -h 6:1
# and stdin "stdin line\n". A read-only fd refuses writes and a write-only one reads (EBADF,
# section 4.2 read/write), as the host descriptor sel_ldr wraps would.
        .include "nacl.inc"
        .include "escape-common.inc"
main:
        SAVEARGS
        SC SYS_read, $0, $buf, $64
        TRY 11, "read stdin: 11 bytes"
        mov $buf, %esi
        mov $stdin_text, %edi
        mov $11, %edx
        CALL esc_memcmp
        TRY 0, "  they are 'stdin line\\n'"
        SC SYS_write, $2, $err_text, $10
        TRY 10, "write 'to stderr\\n' to fd 2"
        SC SYS_read, $3, $buf, $64
        TRY 17, "read fd 3 (-r): 17 bytes"
        mov $buf, %esi
        mov $in_text, %edi
        mov $17, %edx
        CALL esc_memcmp
        TRY 0, "  they are in.txt's"
        SC SYS_read, $3, $buf, $64
        TRY 0, "read fd 3 at its end"
        SC SYS_write, $3, $junk, $4
        TRY -EBADF, "write fd 3 (read-only)"
        SC SYS_write, $4, $out_text, $16
        TRY 16, "write 16 bytes to fd 4 (-w)"
        SC SYS_read, $4, $buf, $64
        TRY -EBADF, "read fd 4 (write-only)"
        SC SYS_write, $5, $rw_text, $3
        TRY 3, "write 3 bytes to fd 5 (-h)"
        movq $0, off(%rip)
        SC SYS_lseek, $5, $off, $0
        TRY 0, "lseek fd 5 to 0"
        SC SYS_read, $5, $buf, $64
        TRY 3, "read fd 5: 3 bytes"
        mov $buf, %esi
        mov $rw_text, %edi
        mov $3, %edx
        CALL esc_memcmp
        TRY 0, "  they are what was written"
        SC SYS_write, $6, $fd6_text, $9
        TRY 9, "write 'via fd 6\\n' to fd 6 (-h 6:1, stdout)"
        SC SYS_read, $9, $buf, $64
        TRY -EBADF, "read fd 9 (not handed in)"
        SC SYS_dup2, $4, $7
        TRY 7, "dup2 4 7"
        SC SYS_close, $4
        TRY 0, "close 4"
        SC SYS_write, $4, $junk, $4
        TRY -EBADF, "write fd 4 after close"
        SC SYS_write, $7, $out2_text, $5
        TRY 5, "write 5 bytes to fd 7 (the dup of 4)"
        END

        STR stdin_text, "stdin line\n"
        STR err_text, "to stderr\n"
        STR in_text, "redirected input\n"
        STR out_text, "written to fd 4\n"
        STR out2_text, "more\n"
        STR rw_text, "rw\n"
        STR fd6_text, "via fd 6\n"
        STR junk, "JUNK"
        .bss
        .p2align 3
off:    .zero 8
buf:    .zero 64
