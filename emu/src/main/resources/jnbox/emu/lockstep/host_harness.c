/*
 * jnbox lockstep tester: the host-CPU referee. Runs one short instruction sequence on the real
 * processor from a given state and prints the state it stops in. Built by jnbox.emu.lockstep.HostHarness
 * with gcc at test time (x86-64 Linux only).
 *
 * Protocol, one request per stdin line (hex, space-separated key=value):
 *   code=BYTES r=RAX,RCX,...,R15 fl=RFLAGS mx=MXCSR x=XMM0LO,XMM0HI,...,XMM15HI data=BYTES
 * and one answer per line on stdout:
 *   sig=N pc=RIP r=... fl=... mx=... x=... fcw=.. fsw=.. ftw=.. st=MANT:EXP,... (physical order) data=BYTES
 * The code is mapped at sys address BASE+0x20000 and the data at BASE+0x40000, as in
 * jnbox.emu.lockstep.Layout. Every sequence ends in a fault (hlt is privileged: SIGSEGV), whose
 * handler reads the registers from the signal context; each request runs in a forked child.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#define BASE 0x10000000000ULL
#define CODE (BASE + 0x20000)
#define CODE_LEN 0x1000
#define DATA (BASE + 0x40000)
#define DATA_LEN 0x2000

struct gstate { uint64_t r[16]; uint64_t fl; uint64_t mx; uint64_t x[32]; };
struct gstate G __attribute__((aligned(16)));
uint64_t target = CODE;
static unsigned char code[CODE_LEN], data[DATA_LEN];
static int code_len;

void lockstep_enter(void);
__asm__(".text\n.globl lockstep_enter\nlockstep_enter:\n"
        " leaq G(%rip), %rax\n"
        " ldmxcsr 136(%rax)\n"
        " movdqu 144(%rax), %xmm0\n movdqu 160(%rax), %xmm1\n movdqu 176(%rax), %xmm2\n movdqu 192(%rax), %xmm3\n"
        " movdqu 208(%rax), %xmm4\n movdqu 224(%rax), %xmm5\n movdqu 240(%rax), %xmm6\n movdqu 256(%rax), %xmm7\n"
        " movdqu 272(%rax), %xmm8\n movdqu 288(%rax), %xmm9\n movdqu 304(%rax), %xmm10\n movdqu 320(%rax), %xmm11\n"
        " movdqu 336(%rax), %xmm12\n movdqu 352(%rax), %xmm13\n movdqu 368(%rax), %xmm14\n movdqu 384(%rax), %xmm15\n"
        " pushq 128(%rax)\n popfq\n"
        " movq 8(%rax), %rcx\n movq 16(%rax), %rdx\n movq 24(%rax), %rbx\n movq 40(%rax), %rbp\n"
        " movq 48(%rax), %rsi\n movq 56(%rax), %rdi\n movq 64(%rax), %r8\n movq 72(%rax), %r9\n"
        " movq 80(%rax), %r10\n movq 88(%rax), %r11\n movq 96(%rax), %r12\n movq 104(%rax), %r13\n"
        " movq 112(%rax), %r14\n movq 120(%rax), %r15\n movq 32(%rax), %rsp\n movq 0(%rax), %rax\n"
        " jmp *target(%rip)\n");

static const int GREG[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                             REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};

static void hexbytes(const unsigned char *p, int n) {
    static const char H[] = "0123456789abcdef";
    for (int i = 0; i < n; i++) { putchar(H[p[i] >> 4]); putchar(H[p[i] & 15]); }
}

static void on_signal(int sig, siginfo_t *si, void *ctx) {
    (void) si;
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;
    struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;
    printf("sig=%d pc=%llx r=", sig, (unsigned long long) g[REG_RIP]);
    for (int i = 0; i < 16; i++) printf(i ? ",%llx" : "%llx", (unsigned long long) g[GREG[i]]);
    printf(" fl=%llx mx=%x x=", (unsigned long long) g[REG_EFL], fp->mxcsr);
    for (int i = 0; i < 16; i++) {
        unsigned long long lo = fp->_xmm[i].element[0] | (unsigned long long) fp->_xmm[i].element[1] << 32;
        unsigned long long hi = fp->_xmm[i].element[2] | (unsigned long long) fp->_xmm[i].element[3] << 32;
        printf(i ? ",%llx,%llx" : "%llx,%llx", lo, hi);
    }
    int top = fp->swd >> 11 & 7;
    printf(" fcw=%x fsw=%x ftw=%x st=", fp->cwd, fp->swd, fp->ftw & 0xff);
    for (int p = 0; p < 8; p++) {
        int i = (p - top) & 7; /* _st[i] is ST(i); physical register p = (top + i) & 7 */
        unsigned long long m = 0;
        for (int k = 3; k >= 0; k--) m = m << 16 | fp->_st[i].significand[k];
        printf(p ? ",%llx:%x" : "%llx:%x", m, fp->_st[i].exponent);
    }
    printf(" data=");
    hexbytes((const unsigned char *) DATA, DATA_LEN);
    printf("\n");
    fflush(stdout);
    _exit(0);
}

static int unhex(const char *s, unsigned char *out, int max) {
    int n = 0;
    while (s[0] && s[1] && n < max) {
        unsigned v;
        if (sscanf(s, "%2x", &v) != 1) break;
        out[n++] = (unsigned char) v;
        s += 2;
    }
    return n;
}

static void parse_list(const char *s, uint64_t *out, int n) {
    for (int i = 0; i < n && s; i++) {
        out[i] = strtoull(s, NULL, 16);
        s = strchr(s, ',');
        if (s) s++;
    }
}

static void child(void) {
    static char altstack[65536];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    int sigs[] = {SIGSEGV, SIGFPE, SIGILL, SIGBUS, SIGTRAP};
    for (int i = 0; i < 5; i++) sigaction(sigs[i], &sa, NULL);
    void *c = mmap((void *) CODE, CODE_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    void *d = mmap((void *) DATA, DATA_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (c != (void *) CODE || d != (void *) DATA) { printf("error mmap\n"); fflush(stdout); _exit(1); }
    memcpy(c, code, code_len);
    memcpy(d, data, DATA_LEN);
    mprotect(c, CODE_LEN, PROT_READ | PROT_EXEC);
    alarm(5);
    lockstep_enter();
}

int main(void) {
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, stdin) > 0) {
        memset(&G, 0, sizeof G);
        memset(data, 0, sizeof data);
        code_len = 0;
        for (char *tok = strtok(line, " \n"); tok; tok = strtok(NULL, " \n")) {
            if (!strncmp(tok, "code=", 5)) code_len = unhex(tok + 5, code, CODE_LEN);
            else if (!strncmp(tok, "r=", 2)) parse_list(tok + 2, G.r, 16);
            else if (!strncmp(tok, "fl=", 3)) G.fl = strtoull(tok + 3, NULL, 16);
            else if (!strncmp(tok, "mx=", 3)) G.mx = strtoull(tok + 3, NULL, 16);
            else if (!strncmp(tok, "x=", 2)) parse_list(tok + 2, G.x, 32);
            else if (!strncmp(tok, "data=", 5)) unhex(tok + 5, data, DATA_LEN);
        }
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) child();
        int status;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status)) { printf("error child status %x\n", status); fflush(stdout); }
    }
    return 0;
}
