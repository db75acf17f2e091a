/* The loops of testdata/asm/bench-*.s in C, for the native comparison in BENCHMARKS.md.
 * Prints the same lines as the guest programs.
 *   gcc -O2 -o /tmp/bench-native bench-native.c && /tmp/bench-native int [N]
 * Programs: int call mem string sse (the bench- prefix is optional). */
#include <emmintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t calls;

__attribute__((noinline)) static uint64_t fib(uint32_t n) {
    calls++;
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static unsigned char sieve[0x200000];
static unsigned char a[0x10000], b[0x10000 + 64];

int main(int argc, char **argv) {
    const char *name = argc > 1 ? argv[1] : "int";
    if (strncmp(name, "bench-", 6) == 0) name += 6;
    long long n = argc > 2 ? atoll(argv[2]) : -1;
    if (strcmp(name, "int") == 0) {
        if (n < 0) n = 2000000;
        uint64_t x = 0x9E3779B97F4A7C15ull, acc = 0;
        for (uint64_t rcx = n; rcx > 0; rcx--) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            acc += x + rcx;
        }
        printf("iterations=%lld\nchecksum=%#llx\n", n, (unsigned long long) acc);
    } else if (strcmp(name, "call") == 0) {
        if (n < 0) n = 30;
        uint64_t sum = 0;
        for (long long i = 0; i < n; i++) sum += fib(20);
        printf("iterations=%lld\nsum=%llu\ncalls=%llu\n", n, (unsigned long long) sum, (unsigned long long) calls);
    } else if (strcmp(name, "mem") == 0) {
        if (n < 0) n = 1;
        uint64_t count = 0, sum = 0;
        const uint32_t limit = sizeof sieve;
        for (long long pass = 0; pass < n; pass++) {
            uint64_t *q = (uint64_t *) sieve;
            for (uint32_t i = 0; i < limit / 8; i++) q[i] = 0;
            for (uint32_t i = 2; i * i < limit; i++)
                if (!sieve[i]) for (uint32_t j = i * i; j < limit; j += i) sieve[j] = 1;
            for (uint32_t i = 2; i < limit; i++) if (!sieve[i]) { count++; sum += i; }
        }
        printf("iterations=%lld\nprimes=%llu\nsum=%llu\n", n, (unsigned long long) count, (unsigned long long) sum);
    } else if (strcmp(name, "string") == 0) {
        if (n < 0) n = 200;
        uint64_t acc = 0;
        for (long long i = 0; i < n; i++) {
            size_t len = sizeof a;
            void *d = a;
            __asm__ volatile("rep stosb" : "+D"(d), "+c"(len) : "a"((int) i) : "memory");
            const void *s = a; d = b + 3; len = sizeof a;
            __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(len) : : "memory");
            acc = acc * 31 + b[3 + ((uint32_t) i * 4099 & 0xffff)] + i;
        }
        printf("iterations=%lld\nchecksum=%#llx\n", n, (unsigned long long) acc);
    } else if (strcmp(name, "sse") == 0) {
        if (n < 0) n = 1000000;
        __m128d acc = _mm_setzero_pd(), v = _mm_set_pd(0.5, 0.0), one = _mm_set1_pd(1.0), decay = _mm_set1_pd(0.75);
        __m128i s = _mm_set_epi64x((long long) 0xfedcba9876543210ull, 0x0123456789abcdefll);
        __m128i k = _mm_set_epi64x(0x6a09e667f3bcc909ll, (long long) 0x9e3779b97f4a7c15ull), t = _mm_setzero_si128();
        for (long long i = 0; i < n; i++) {
            acc = _mm_mul_pd(_mm_add_pd(acc, _mm_mul_pd(v, v)), decay);
            v = _mm_add_pd(v, one);
            s = _mm_add_epi64(s, k);
            t = _mm_shuffle_epi32(_mm_xor_si128(t, s), 0x4e);
        }
        uint64_t r[4];
        _mm_storeu_si128((__m128i *) r, _mm_castpd_si128(acc));
        _mm_storeu_si128((__m128i *) (r + 2), t);
        printf("iterations=%lld\nacc0=%#llx\nacc1=%#llx\nt0=%#llx\nt1=%#llx\n", n, (unsigned long long) r[0],
               (unsigned long long) r[1], (unsigned long long) r[2], (unsigned long long) r[3]);
    } else {
        fprintf(stderr, "unknown program %s\n", name);
        return 2;
    }
    return 0;
}
