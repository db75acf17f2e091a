/* C start (spec toolchain.md section 4): reads the startup block [fini, envc, argc, argv..., 0,
 * envp..., 0, auxv...] (32-bit entries) and runs main. With a libc, exit() flushes stdio. */
#include "nacl_syscall.h"

extern int main(int, char **, char **);
extern void exit(int) __attribute__((weak, noreturn));
extern char **environ __attribute__((weak));

void __jnbox_start(unsigned *block) {
    int argc = (int) block[2];
    char **argv = (char **) &block[3];
    char **envp = argv + argc + 1;
    if (&environ) {
        environ = envp;
    }
    int r = main(argc, argv, envp);
    if (exit) {
        exit(r);
    }
    nacl_exit(r);
}
