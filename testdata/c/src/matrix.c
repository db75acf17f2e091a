/* Matrix multiply, LU-free determinant by Gaussian elimination, in double and float. */
#include <stdio.h>

#define N 24

static double ad[N][N], bd[N][N], cd[N][N];
static float af[N][N], bf[N][N], cf[N][N];

static double det(double m[N][N]) {
    double a[N][N], d = 1;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) a[i][j] = m[i][j];
    for (int c = 0; c < N; c++) {
        int p = c;
        for (int r = c + 1; r < N; r++) if ((a[r][c] < 0 ? -a[r][c] : a[r][c]) > (a[p][c] < 0 ? -a[p][c] : a[p][c])) p = r;
        if (p != c) { for (int k = 0; k < N; k++) { double t = a[c][k]; a[c][k] = a[p][k]; a[p][k] = t; } d = -d; }
        d *= a[c][c];
        for (int r = c + 1; r < N; r++) {
            double f = a[r][c] / a[c][c];
            for (int k = c; k < N; k++) a[r][k] -= f * a[c][k];
        }
    }
    return d;
}

int main(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            ad[i][j] = (double) ((i * 7 + j * 13) % 17) / 4.0 - 2.0 + (i == j ? 10 : 0);
            bd[i][j] = (double) ((i * 3 + j * 5) % 11) / 3.0 - 1.5;
            af[i][j] = (float) ad[i][j];
            bf[i][j] = (float) bd[i][j];
        }
    for (int r = 0; r < 3; r++) {
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                double s = 0; float sf = 0;
                for (int k = 0; k < N; k++) { s += ad[i][k] * bd[k][j]; sf += af[i][k] * bf[k][j]; }
                cd[i][j] = s; cf[i][j] = sf;
            }
        for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { bd[i][j] = cd[i][j] / 16; bf[i][j] = cf[i][j] / 16; }
    }
    double tr = 0; float trf = 0;
    for (int i = 0; i < N; i++) { tr += cd[i][i]; trf += cf[i][i]; }
    printf("trace double %.9e float %.6e\n", tr, (double) trf);
    printf("c[3][5] %.12f c[20][1] %.12f\n", cd[3][5], cd[20][1]);
    printf("cf[3][5] %.6f cf[20][1] %.6f\n", (double) cf[3][5], (double) cf[20][1]);
    printf("det(a) %.9e\n", det(ad));
    return 0;
}
