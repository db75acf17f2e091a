/* NaCl syscalls as calls to their trampolines (nacl-abi.md section 4.2): 0x10000 + 32*N. The
 * rewriter turns each call through the cast address into a masked, bundle-ending call. Results are
 * -errno on failure, errno numbers as Linux. */
#ifndef JNBOX_NACL_SYSCALL_H
#define JNBOX_NACL_SYSCALL_H
#define NACL_TRAMPOLINE(n) (0x10000u + 32u * (n))
#define NACL_CALL(n, type) ((type) NACL_TRAMPOLINE(n))

struct nacl_abi_timespec { long long tv_sec; int tv_nsec; };

static inline int nacl_open(const char *p, int flags, int mode) { return NACL_CALL(10, int (*)(const char *, int, int))(p, flags, mode); }
static inline int nacl_close(int fd) { return NACL_CALL(11, int (*)(int))(fd); }
static inline int nacl_read(int fd, void *b, int n) { return NACL_CALL(12, int (*)(int, void *, int))(fd, b, n); }
static inline int nacl_write(int fd, const void *b, int n) { return NACL_CALL(13, int (*)(int, const void *, int))(fd, b, n); }
static inline int nacl_lseek(int fd, long long *off, int whence) { return NACL_CALL(14, int (*)(int, long long *, int))(fd, off, whence); }
static inline int nacl_stat(const char *p, void *st) { return NACL_CALL(16, int (*)(const char *, void *))(p, st); }
static inline int nacl_fstat(int fd, void *st) { return NACL_CALL(17, int (*)(int, void *))(fd, st); }
static inline int nacl_isatty(int fd) { return NACL_CALL(19, int (*)(int))(fd); }
static inline void *nacl_brk(void *p) { return NACL_CALL(20, void *(*)(void *))(p); }
static inline int nacl_unlink(const char *p) { return NACL_CALL(49, int (*)(const char *))(p); }
static inline int nacl_clock_gettime(int clk, struct nacl_abi_timespec *ts) { return NACL_CALL(44, int (*)(int, struct nacl_abi_timespec *))(clk, ts); }
static inline int nacl_getpid(void) { return NACL_CALL(31, int (*)(void))(); }
__attribute__((noreturn)) static inline void nacl_exit(int status) {
    NACL_CALL(30, void (*)(int))(status);
    for (;;) {}
}
#endif
