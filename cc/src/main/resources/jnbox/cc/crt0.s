# Entry point of C nexes (spec toolchain.md section 4): edi holds the startup block; align rsp to
# 16 (re-based without touching flags) and call the C start function at a bundle end.
	.bundle_align_mode 5
	.section .text.entry,"ax",@progbits
	.globl _start
	.p2align 5
_start:
	.bundle_lock
	andl $-16,%esp
	leaq (%rsp,%r15,1),%rsp
	.bundle_unlock
	.bundle_lock align_to_end
	call __jnbox_start
	.bundle_unlock
	hlt
