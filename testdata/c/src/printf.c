/* Every printf conversion and the common flags, widths, precisions and length modifiers. */
#include <stdio.h>
#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>
#include <limits.h>
#include <wchar.h>

static int show(const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    printf("[%s] -> \"%s\" (%d)\n", fmt, buf, n);
    return n;
}

int main(void) {
    show("%d %i %u", -42, 17, 3000000000u);
    show("%+d % d %05d %-5d| %.3d", 42, 42, 42, 42, 7);
    show("%o %#o %x %#x %X %#X", 8, 8, 255, 255, 48879, 48879);
    show("%c%c%c %5c|%-3c|", 'a', 'b', 'c', 'z', 'y');
    show("%s|%10s|%-10s|%.2s", "hello", "right", "left", "truncate");
    show("%f %.0f %.3f %10.4f %-10.2f| %+f", 3.14159265, 2.5, -1.0005, 42.123456, 1.5, 0.25);
    show("%e %.2e %E %g %G %g %g", 123456.789, 0.000123, 1e100, 0.0001, 1e-10, 123456789.0, 100.0);
    show("%a %A", 1.0, -0.5);
    show("%hhd %hd %ld %lld %hhu %hu %lu %llu", 300, 70000, 2147483647L, -9223372036854775807LL - 1, 300, 70000, 4294967295UL, 18446744073709551615ULL);
    show("%jd %zu %td", (intmax_t) -123456789012LL, (size_t) 4000000000u, (ptrdiff_t) -5);
    show("%*d|%-*d|%.*f", 6, 12, 6, 12, 2, 3.14159);
    show("%%|");
    int n1 = 0;
    printf("abc%ndef\n", &n1);
    printf("%%n stored %d\n", n1);
    show("%d %d", INT_MIN, INT_MAX);
    show("%.0e %#.0e %#.0f %#g", 5.0, 5.0, 5.0, 5.0);
    show("%f %f %e", 1e300 * 1e10, -1e300 * 1e10, 0.0 / 0.0 > 0 ? 1.0 : -0.0);
    show("%lc %ls", (wint_t) 'W', L"wide");
    return 0;
}
