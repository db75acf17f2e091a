/* Helpers gcc calls that no x32 libgcc.a provides on Debian (spec toolchain.md section 6). */
typedef int di __attribute__((mode(DI)));
typedef unsigned udi __attribute__((mode(DI)));
typedef __int128 ti;
typedef unsigned __int128 uti;

int __popcountsi2(unsigned x) { int n = 0; while (x) { x &= x - 1; n++; } return n; }
int __popcountdi2(udi x) { int n = 0; while (x) { x &= x - 1; n++; } return n; }
int __paritysi2(unsigned x) { return __popcountsi2(x) & 1; }
int __paritydi2(udi x) { return __popcountdi2(x) & 1; }
int __clzsi2(unsigned x) { int n = 0; if (!x) return 32; while (!(x & 0x80000000u)) { x <<= 1; n++; } return n; }
int __clzdi2(udi x) { int n = 0; if (!x) return 64; while (!(x >> 63)) { x <<= 1; n++; } return n; }
int __ctzsi2(unsigned x) { int n = 0; if (!x) return 32; while (!(x & 1)) { x >>= 1; n++; } return n; }
int __ctzdi2(udi x) { int n = 0; if (!x) return 64; while (!(x & 1)) { x >>= 1; n++; } return n; }
int __ffsdi2(udi x) { return x ? __ctzdi2(x) + 1 : 0; }
unsigned __bswapsi2(unsigned x) { return (x >> 24) | ((x >> 8) & 0xff00) | ((x << 8) & 0xff0000) | (x << 24); }
udi __bswapdi2(udi x) { return ((udi) __bswapsi2((unsigned) x) << 32) | __bswapsi2((unsigned) (x >> 32)); }

static uti udivmod(uti n, uti d, uti *rem) {
    uti q = 0, r = 0;
    for (int i = 127; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) { r -= d; q |= (uti) 1 << i; }
    }
    if (rem) *rem = r;
    return q;
}
uti __udivti3(uti n, uti d) { return udivmod(n, d, 0); }
uti __umodti3(uti n, uti d) { uti r; udivmod(n, d, &r); return r; }
ti __divti3(ti n, ti d) {
    int neg = (n < 0) ^ (d < 0);
    uti q = udivmod(n < 0 ? -(uti) n : (uti) n, d < 0 ? -(uti) d : (uti) d, 0);
    return neg ? -(ti) q : (ti) q;
}
ti __modti3(ti n, ti d) {
    uti r;
    udivmod(n < 0 ? -(uti) n : (uti) n, d < 0 ? -(uti) d : (uti) d, &r);
    return n < 0 ? -(ti) r : (ti) r;
}
double __powidf2(double x, int m) {
    unsigned n = m < 0 ? -(unsigned) m : (unsigned) m;
    double r = (n & 1) ? x : 1;
    while (n >>= 1) { x = x * x; if (n & 1) r = r * x; }
    return m < 0 ? 1 / r : r;
}
float __powisf2(float x, int m) {
    unsigned n = m < 0 ? -(unsigned) m : (unsigned) m;
    float r = (n & 1) ? x : 1;
    while (n >>= 1) { x = x * x; if (n & 1) r = r * x; }
    return m < 0 ? 1 / r : r;
}
double _Complex __muldc3(double a, double b, double c, double d) {
    double _Complex z;
    __real__ z = a * c - b * d;
    __imag__ z = a * d + b * c;
    return z;
}
float _Complex __mulsc3(float a, float b, float c, float d) {
    float _Complex z;
    __real__ z = a * c - b * d;
    __imag__ z = a * d + b * c;
    return z;
}
double _Complex __divdc3(double a, double b, double c, double d) {
    double den = c * c + d * d;
    double _Complex z;
    __real__ z = (a * c + b * d) / den;
    __imag__ z = (b * c - a * d) / den;
    return z;
}
float _Complex __divsc3(float a, float b, float c, float d) {
    float den = c * c + d * d;
    float _Complex z;
    __real__ z = (a * c + b * d) / den;
    __imag__ z = (b * c - a * d) / den;
    return z;
}
double __floattidf(ti x) { int neg = x < 0; uti u = neg ? -(uti) x : (uti) x; double r = (double) (udi) (u >> 64) * 18446744073709551616.0 + (double) (udi) u; return neg ? -r : r; }
double __floatuntidf(uti u) { return (double) (udi) (u >> 64) * 18446744073709551616.0 + (double) (udi) u; }
ti __fixdfti(double x) { int neg = x < 0; if (neg) x = -x; udi hi = (udi) (x / 18446744073709551616.0); udi lo = (udi) (x - (double) hi * 18446744073709551616.0); uti u = ((uti) hi << 64) | lo; return neg ? -(ti) u : (ti) u; }
uti __fixunsdfti(double x) { udi hi = (udi) (x / 18446744073709551616.0); udi lo = (udi) (x - (double) hi * 18446744073709551616.0); return ((uti) hi << 64) | lo; }
