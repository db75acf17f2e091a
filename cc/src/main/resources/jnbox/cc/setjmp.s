# setjmp/longjmp for the sandbox (newlib's x86_64 jmp_buf: 8 x 64-bit slots). Written as plain
# x32 assembly: the rewriter sandboxes the memory operands, the esp/ebp loads (re-based on r15),
# the indirect jump (masked to a bundle) and ret, and the validator checks the result.
	.text
	.globl setjmp
	.type setjmp, @function
setjmp:
	movq %rbx,0(%rdi)
	movq %rbp,8(%rdi)
	movq %r12,16(%rdi)
	movq %r13,24(%rdi)
	movq %r14,32(%rdi)
	leaq 8(%rsp),%rax
	movq %rax,40(%rdi)
	movq (%rsp),%rax
	movq %rax,48(%rdi)
	xorl %eax,%eax
	ret
	.size setjmp, .-setjmp
	.globl longjmp
	.type longjmp, @function
longjmp:
	movl %esi,%eax
	testl %eax,%eax
	jne .Lnonzero
	movl $1,%eax
.Lnonzero:
	movq 0(%rdi),%rbx
	movq 16(%rdi),%r12
	movq 24(%rdi),%r13
	movq 32(%rdi),%r14
	movl 48(%rdi),%edx
	movl 8(%rdi),%ebp
	movl 40(%rdi),%esp
	jmp *%rdx
	.size longjmp, .-longjmp
