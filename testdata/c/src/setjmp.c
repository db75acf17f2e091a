/* setjmp/longjmp: nested levels, values, locals kept in volatile variables. */
#include <stdio.h>
#include <setjmp.h>

static jmp_buf outer, inner;
static int depth;

static void dive(int n) {
    depth++;
    if (n == 0) longjmp(inner, depth);
    dive(n - 1);
}

static int recover(int n) {
    volatile int tries = 0;
    int r = setjmp(inner);
    if (r == 0) { tries++; dive(n); }
    if (r < 5 && tries < 3) { tries++; depth = 0; dive(n + 3); }
    return r * 100 + tries;
}

int main(void) {
    for (int i = 0; i < 4; i++) { depth = 0; printf("recover(%d) = %d\n", i, recover(i)); }
    volatile int count = 0;
    int v = setjmp(outer);
    printf("setjmp returned %d\n", v);
    if (count++ < 3) longjmp(outer, count * 10);
    int z = setjmp(outer);
    if (z == 0) longjmp(outer, 0);
    printf("longjmp(.., 0) gives %d\n", z);
    return 7;
}
