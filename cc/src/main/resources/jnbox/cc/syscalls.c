/* newlib's system layer over the NaCl trampolines (spec toolchain.md section 4). errno numbers in
 * the sysroot headers are NaCl's (Linux) values, so -errno results need no translation; clock ids
 * are translated (newlib: REALTIME 1, MONOTONIC 4; NaCl: 0 and 1). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include <reent.h>
#include "nacl_syscall.h"

#undef errno
extern int errno;

static int ret(int r) {
    if (r < 0) {
        errno = -r;
        return -1;
    }
    return r;
}

/* NaCl's struct stat (nacl-abi.md): 64-bit fields throughout. */
struct nacl_abi_stat {
    long long nacl_abi_st_dev;
    long long nacl_abi_st_ino;
    int nacl_abi_st_mode;
    int nacl_abi_st_nlink;
    int nacl_abi_st_uid;
    int nacl_abi_st_gid;
    long long nacl_abi_st_rdev;
    long long nacl_abi_st_size;
    int nacl_abi_st_blksize;
    int nacl_abi_st_blocks;
    long long nacl_abi_st_atime;
    long long nacl_abi_st_atimensec;
    long long nacl_abi_st_mtime;
    long long nacl_abi_st_mtimensec;
    long long nacl_abi_st_ctime;
    long long nacl_abi_st_ctimensec;
};

static void conv_stat(const struct nacl_abi_stat *n, struct stat *st) {
    memset(st, 0, sizeof *st);
    st->st_dev = (dev_t) n->nacl_abi_st_dev;
    st->st_ino = (ino_t) n->nacl_abi_st_ino;
    st->st_mode = n->nacl_abi_st_mode;
    st->st_nlink = n->nacl_abi_st_nlink;
    st->st_uid = n->nacl_abi_st_uid;
    st->st_gid = n->nacl_abi_st_gid;
    st->st_rdev = (dev_t) n->nacl_abi_st_rdev;
    st->st_size = (off_t) n->nacl_abi_st_size;
    st->st_blksize = n->nacl_abi_st_blksize;
    st->st_blocks = n->nacl_abi_st_blocks;
    st->st_atime = (time_t) n->nacl_abi_st_atime;
    st->st_mtime = (time_t) n->nacl_abi_st_mtime;
    st->st_ctime = (time_t) n->nacl_abi_st_ctime;
}

/* newlib's O_* flags are Linux's for the access mode; creat/trunc/excl/append differ. */
static int nacl_flags(int f) {
    int n = f & O_ACCMODE;
    if (f & O_CREAT) n |= 0100;
    if (f & O_TRUNC) n |= 01000;
    if (f & O_EXCL) n |= 0200;
    if (f & O_APPEND) n |= 02000;
    return n;
}

int _open(const char *path, int flags, int mode) { return ret(nacl_open(path, nacl_flags(flags), mode)); }
int _close(int fd) { return ret(nacl_close(fd)); }
int _read(int fd, void *buf, size_t n) { return ret(nacl_read(fd, buf, (int) n)); }
int _write(int fd, const void *buf, size_t n) { return ret(nacl_write(fd, buf, (int) n)); }
off_t _lseek(int fd, off_t off, int whence) {
    long long o = off;
    int r = nacl_lseek(fd, &o, whence);
    return r < 0 ? (off_t) ret(r) : (off_t) o;
}
int _fstat(int fd, struct stat *st) {
    struct nacl_abi_stat n;
    int r = nacl_fstat(fd, &n);
    if (r == 0) conv_stat(&n, st);
    return ret(r);
}
int _stat(const char *path, struct stat *st) {
    struct nacl_abi_stat n;
    int r = nacl_stat(path, &n);
    if (r == 0) conv_stat(&n, st);
    return ret(r);
}
int _isatty(int fd) {
    int r = nacl_isatty(fd);
    if (r < 0) { errno = -r; return 0; }
    return r;
}
int isatty(int fd) { return _isatty(fd); }
int _unlink(const char *path) { return ret(nacl_unlink(path)); }
int _link(const char *a, const char *b) { return ret(NACL_CALL(142, int (*)(const char *, const char *))(a, b)); }
int _rename(const char *a, const char *b) { return ret(NACL_CALL(143, int (*)(const char *, const char *))(a, b)); }
int mkdir(const char *p, mode_t mode) { return ret(NACL_CALL(45, int (*)(const char *, int))(p, (int) mode)); }
int rmdir(const char *p) { return ret(NACL_CALL(46, int (*)(const char *))(p)); }
int chdir(const char *p) { return ret(NACL_CALL(47, int (*)(const char *))(p)); }
char *getcwd(char *buf, size_t n) { int r = NACL_CALL(48, int (*)(char *, int))(buf, (int) n); return r < 0 ? (errno = -r, (char *) 0) : buf; }
int access(const char *p, int mode) { return ret(NACL_CALL(145, int (*)(const char *, int))(p, mode)); }
int _kill(int pid, int sig) { errno = ENOSYS; return -1; }
int _getpid(void) { int r = nacl_getpid(); return r < 0 ? 1 : r; }
int _fcntl(int fd, int cmd, int arg) {
    if (cmd == F_GETFL) return O_RDWR;
    return 0;
}
int fcntl(int fd, int cmd, ...) { return _fcntl(fd, cmd, 0); }
void _exit(int status) { nacl_exit(status); }

static char *heap_end;
void *_sbrk(ptrdiff_t incr) {
    if (heap_end == 0) heap_end = nacl_brk(0);
    char *old = heap_end;
    char *want = old + incr;
    char *got = nacl_brk(want);
    if (got != want) { errno = ENOMEM; return (void *) -1; }
    heap_end = want;
    return old;
}

static int nacl_clock(clockid_t id) {
    if (id == CLOCK_REALTIME) return 0;
    if (id == CLOCK_MONOTONIC) return 1;
    return -1;
}
int clock_gettime(clockid_t id, struct timespec *ts) {
    struct nacl_abi_timespec n;
    int c = nacl_clock(id);
    if (c < 0) { errno = EINVAL; return -1; }
    int r = nacl_clock_gettime(c, &n);
    if (r == 0) { ts->tv_sec = (time_t) n.tv_sec; ts->tv_nsec = n.tv_nsec; }
    return ret(r);
}
int _gettimeofday(struct timeval *tv, void *tz) {
    struct nacl_abi_timespec n;
    int r = nacl_clock_gettime(0, &n);
    if (r == 0 && tv) { tv->tv_sec = (time_t) n.tv_sec; tv->tv_usec = n.tv_nsec / 1000; }
    return ret(r);
}
clock_t _times(struct tms *t) {
    clock_t c = (clock_t) NACL_CALL(41, int (*)(void))();
    if (t) { t->tms_utime = c; t->tms_stime = 0; t->tms_cutime = 0; t->tms_cstime = 0; }
    return c;
}

/* No processes in a nexe: system(), popen's helpers and exec report ENOSYS. */
int _execve(const char *path, char *const argv[], char *const envp[]) { errno = ENOSYS; return -1; }
int _fork(void) { errno = ENOSYS; return -1; }
int _wait(int *status) { errno = ENOSYS; return -1; }
