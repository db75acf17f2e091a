/* libm functions on a grid of inputs, printed to 12 significant digits. */
#include <stdio.h>
#include <math.h>

int main(void) {
    static const double xs[] = {-3.5, -1.0, -0.25, 0.0, 0.1, 0.5, 1.0, 2.0, 3.75, 10.0, 100.5};
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        double x = xs[i];
        printf("x=%g sin=%.12g cos=%.12g tan=%.12g atan=%.12g exp=%.12g sinh=%.12g tanh=%.12g cbrt=%.12g\n", x,
               sin(x), cos(x), tan(x), atan(x), exp(x), sinh(x), tanh(x), cbrt(x));
        double a = fabs(x);
        printf("  |x| sqrt=%.12g log=%.12g log10=%.12g log2=%.12g pow1.5=%.12g floor=%g ceil=%g round=%g fmod3=%.12g\n",
               sqrt(a), log(a + 1), log10(a + 1), log2(a + 1), pow(a, 1.5), floor(x), ceil(x), round(x), fmod(x, 3.0));
    }
    printf("atan2=%.12g hypot=%.12g asin=%.12g acos=%.12g erf=%.12g lgamma=%.12g\n", atan2(1.0, -2.0), hypot(3.0, 4.0),
           asin(0.3), acos(-0.7), erf(0.5), lgamma(4.5));
    int e;
    double m = frexp(1234.5, &e);
    printf("frexp %.12g %d ldexp %.12g modf ", m, e, ldexp(0.75, 10));
    double ip;
    double fp = modf(-7.25, &ip);
    printf("%.12g %.12g\n", ip, fp);
    printf("float: sinf=%.7g expf=%.7g sqrtf=%.7g powf=%.7g\n", (double) sinf(0.5f), (double) expf(1.5f), (double) sqrtf(2.0f),
           (double) powf(2.0f, 0.3f));
    printf("isnan=%d isinf=%d nan<0=%d\n", isnan(sqrt(-1.0)) != 0, isinf(exp(1000.0)) != 0, sqrt(-1.0) < 0);
    return 0;
}
