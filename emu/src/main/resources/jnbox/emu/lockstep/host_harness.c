/*
 * jnbox lockstep tester: the host-CPU referee. Runs one short instruction sequence on the real
 * processor from a given state and prints the state it stops in. Built by jnbox.emu.lockstep.HostHarness
 * with gcc at test time (x86-64 Linux only).
 *
 * Protocol, one request per stdin line (hex, space-separated key=value):
 *   code=BYTES r=RAX,RCX,...,R15 fl=RFLAGS mx=MXCSR x=XMM0LO,XMM0HI,...,XMM15HI data=BYTES
 * or, for AVX sequences, y=YMM0[0],YMM0[1],YMM0[2],YMM0[3],...,YMM15[3] instead of x= (all 256 bits
 * loaded with vmovdqu), and one answer per line on stdout:
 *   sig=N pc=RIP r=... fl=... mx=... x=... fcw=.. fsw=.. ftw=.. st=MANT:EXP,... (physical order) data=BYTES
 * with y=... (64 lanes, upper halves from the XSAVE area of the signal frame) before data= for AVX requests.
 * An optional x87=FCW,FSW,FTW,MANT0:EXP0,...,MANT7:EXP7 (abridged tag word, registers in physical
 * order) sets the x87 state through fxrstor before the sequence; without it the state is fninit's.
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

struct gstate { uint64_t r[16]; uint64_t fl; uint64_t mx; uint64_t x[64]; };
struct gstate G __attribute__((aligned(16)));
uint64_t target = CODE;
static unsigned char code[CODE_LEN], data[DATA_LEN];
static int code_len, avx, have_x87;
static unsigned char fx[512] __attribute__((aligned(16)));
static uint64_t x87[3 + 16];

void lockstep_enter(void);
void lockstep_enter_avx(void);
#define LOAD_GPRS \
        " pushq 128(%rax)\n popfq\n" \
        " movq 8(%rax), %rcx\n movq 16(%rax), %rdx\n movq 24(%rax), %rbx\n movq 40(%rax), %rbp\n" \
        " movq 48(%rax), %rsi\n movq 56(%rax), %rdi\n movq 64(%rax), %r8\n movq 72(%rax), %r9\n" \
        " movq 80(%rax), %r10\n movq 88(%rax), %r11\n movq 96(%rax), %r12\n movq 104(%rax), %r13\n" \
        " movq 112(%rax), %r14\n movq 120(%rax), %r15\n movq 32(%rax), %rsp\n movq 0(%rax), %rax\n" \
        " jmp *target(%rip)\n"
__asm__(".text\n.globl lockstep_enter\nlockstep_enter:\n"
        " leaq G(%rip), %rax\n"
        " ldmxcsr 136(%rax)\n"
        " movdqu 144(%rax), %xmm0\n movdqu 176(%rax), %xmm1\n movdqu 208(%rax), %xmm2\n movdqu 240(%rax), %xmm3\n"
        " movdqu 272(%rax), %xmm4\n movdqu 304(%rax), %xmm5\n movdqu 336(%rax), %xmm6\n movdqu 368(%rax), %xmm7\n"
        " movdqu 400(%rax), %xmm8\n movdqu 432(%rax), %xmm9\n movdqu 464(%rax), %xmm10\n movdqu 496(%rax), %xmm11\n"
        " movdqu 528(%rax), %xmm12\n movdqu 560(%rax), %xmm13\n movdqu 592(%rax), %xmm14\n movdqu 624(%rax), %xmm15\n"
        LOAD_GPRS);
__asm__(".text\n.globl lockstep_enter_avx\nlockstep_enter_avx:\n"
        " leaq G(%rip), %rax\n"
        " ldmxcsr 136(%rax)\n"
        " vmovdqu 144(%rax), %ymm0\n vmovdqu 176(%rax), %ymm1\n vmovdqu 208(%rax), %ymm2\n vmovdqu 240(%rax), %ymm3\n"
        " vmovdqu 272(%rax), %ymm4\n vmovdqu 304(%rax), %ymm5\n vmovdqu 336(%rax), %ymm6\n vmovdqu 368(%rax), %ymm7\n"
        " vmovdqu 400(%rax), %ymm8\n vmovdqu 432(%rax), %ymm9\n vmovdqu 464(%rax), %ymm10\n vmovdqu 496(%rax), %ymm11\n"
        " vmovdqu 528(%rax), %ymm12\n vmovdqu 560(%rax), %ymm13\n vmovdqu 592(%rax), %ymm14\n vmovdqu 624(%rax), %ymm15\n"
        LOAD_GPRS);

/* Offset of the YMM_Hi128 component in the (standard-format) XSAVE area: CPUID.(EAX=0DH,ECX=2).EBX. */
static unsigned ymm_offset(void) {
    unsigned a = 0xd, b, c = 2, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return b;
}
static unsigned ymm_off;

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
    if (avx) {
        /* Upper halves: saved in the frame's XSAVE area when XSTATE_BV bit 2 is set, else in their init state (zero). */
        const unsigned char *xs = (const unsigned char *) fp;
        uint32_t magic = *(const uint32_t *) (xs + 464);
        uint64_t bv = magic == 0x46505853U ? *(const uint64_t *) (xs + 512) : 0;
        printf(" y=");
        for (int i = 0; i < 16; i++) {
            unsigned long long lo = fp->_xmm[i].element[0] | (unsigned long long) fp->_xmm[i].element[1] << 32;
            unsigned long long hi = fp->_xmm[i].element[2] | (unsigned long long) fp->_xmm[i].element[3] << 32;
            unsigned long long u0 = 0, u1 = 0;
            if (bv & 4) { memcpy(&u0, xs + ymm_off + 16 * i, 8); memcpy(&u1, xs + ymm_off + 16 * i + 8, 8); }
            printf(i ? ",%llx,%llx,%llx,%llx" : "%llx,%llx,%llx,%llx", lo, hi, u0, u1);
        }
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

/* n values into out[0], out[step], ... (x=: lanes 0 and 1 of each 4-lane register; y=: all lanes). */
static void parse_list(const char *s, uint64_t *out, int n, int pairs) {
    for (int i = 0; i < n && s; i++) {
        out[pairs ? 4 * (i / 2) + i % 2 : i] = strtoull(s, NULL, 16);
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
    if (have_x87) {
        /* FXSAVE image (SDM vol. 1 10.5.1): FCW at 0, FSW at 2, abridged FTW at 4, ST(i) at 32 + 16 i. */
        __asm__ volatile("fninit\n fxsave %0" : "=m"(fx));
        uint16_t cw = (uint16_t) x87[0], sw = (uint16_t) x87[1];
        memcpy(fx, &cw, 2);
        memcpy(fx + 2, &sw, 2);
        fx[4] = (unsigned char) x87[2];
        int top = sw >> 11 & 7;
        for (int i = 0; i < 8; i++) {
            int p = (top + i) & 7;
            uint64_t m = x87[3 + 2 * p];
            uint16_t e = (uint16_t) x87[4 + 2 * p];
            memcpy(fx + 32 + 16 * i, &m, 8);
            memcpy(fx + 40 + 16 * i, &e, 2);
        }
        __asm__ volatile("fxrstor %0" : : "m"(fx));
    }
    if (avx) lockstep_enter_avx();
    else lockstep_enter();
}

int main(void) {
    char *line = NULL;
    size_t cap = 0;
    ymm_off = ymm_offset();
    while (getline(&line, &cap, stdin) > 0) {
        memset(&G, 0, sizeof G);
        memset(data, 0, sizeof data);
        code_len = 0;
        avx = 0;
        have_x87 = 0;
        for (char *tok = strtok(line, " \n"); tok; tok = strtok(NULL, " \n")) {
            if (!strncmp(tok, "code=", 5)) code_len = unhex(tok + 5, code, CODE_LEN);
            else if (!strncmp(tok, "r=", 2)) parse_list(tok + 2, G.r, 16, 0);
            else if (!strncmp(tok, "fl=", 3)) G.fl = strtoull(tok + 3, NULL, 16);
            else if (!strncmp(tok, "mx=", 3)) G.mx = strtoull(tok + 3, NULL, 16);
            else if (!strncmp(tok, "x=", 2)) parse_list(tok + 2, G.x, 32, 1);
            else if (!strncmp(tok, "y=", 2)) { parse_list(tok + 2, G.x, 64, 0); avx = 1; }
            else if (!strncmp(tok, "x87=", 4)) {
                /* FCW,FSW,FTW then MANT:EXP pairs: ':' separates like ',' here */
                for (char *q = tok + 4; *q; q++) if (*q == ':') *q = ',';
                parse_list(tok + 4, x87, 19, 0);
                have_x87 = 1;
            }
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
