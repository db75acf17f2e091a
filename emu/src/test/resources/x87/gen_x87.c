/* Host-CPU reference for jnbox's software x87 (Float80). Prints one line per operation:
 *   op cw a_se a_mant b_se b_mant -> r_hi r_lo fsw
 * (all hex; a_/b_ are the 80-bit operands as sign+exponent and 64-bit significand; the result is an
 * 80-bit value (r_hi = sign+exponent) or, for stores to memory formats, r_hi = 0 and r_lo the bits;
 * fsw is the status word right after the operation, all exceptions masked). See gen_x87.sh. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct { uint64_t m; uint16_t se; } __attribute__((packed)) f80;

static uint64_t s = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; }

/* Interesting 80-bit operands: specials, denormals, boundary exponents, short significands (ties). */
static f80 pick(void) {
    f80 v;
    uint64_t r = rnd();
    uint16_t sign = (r & 1) ? 0x8000 : 0;
    uint64_t m = rnd() | 0x8000000000000000ull;
    switch ((r >> 1) % 20) {
    case 0: v.se = sign; v.m = 0; break;                                   /* zero */
    case 1: v.se = sign; v.m = rnd() >> (rnd() % 64); break;               /* denormal */
    case 2: v.se = sign | 0x7FFF; v.m = 0x8000000000000000ull; break;      /* inf */
    case 3: v.se = sign | 0x7FFF; v.m = 0xC000000000000000ull | (rnd() >> (2 + rnd() % 62)); break; /* QNaN */
    case 4: v.se = sign | 0x7FFF; v.m = 0x8000000000000000ull | 1 | (rnd() >> (2 + rnd() % 62)); break; /* SNaN */
    case 5: v.se = sign | (0x7FFE - rnd() % 4); v.m = m; break;            /* near overflow */
    case 6: v.se = sign | (1 + rnd() % 4); v.m = m; break;                 /* near underflow */
    case 7: v.se = sign | (0x3FFF - 70 + rnd() % 140); v.m = m & (~0ull << (rnd() % 64)); break; /* short */
    case 8: v.se = sign | 0x3FFF; v.m = 0x8000000000000000ull; break;      /* 1 */
    case 9: v.se = sign | (0x3FFF + rnd() % 64); v.m = m; break;           /* integers-ish */
    case 10: v.se = sign | (0x3C01 + rnd() % 8); v.m = m; break;           /* float64 edge */
    case 11: v.se = sign | (0x3F81 - rnd() % 30); v.m = m; break;          /* float32 edge/denormal */
    case 12: v.se = sign | (0x43FE + rnd() % 3); v.m = m; break;           /* float64 overflow edge */
    case 13: v.se = sign | (0x407E + rnd() % 3); v.m = m; break;           /* float32 overflow edge */
    case 14: v.se = sign | (0x3FFF + rnd() % 2); v.m = m | 0xFFFFFFFFFFull; break; /* carries */
    case 15: v.se = sign | (0x3FFF - 1 + rnd() % 3); v.m = m & ~0x3FFull; break;
    default: v.se = sign | (0x3FFF - 200 + rnd() % 400); v.m = m; break;
    }
    return v;
}

static const uint16_t CWS[] = {0x037F, 0x077F, 0x0B7F, 0x0F7F, 0x027F, 0x067F, 0x0A7F, 0x0E7F,
                               0x007F, 0x047F, 0x087F, 0x0C7F};

#define BIN(name, insn) \
    static uint16_t name(f80 *a, f80 *b, f80 *r, uint16_t cw) { \
        uint16_t sw; \
        __asm__ volatile("fninit\n fldcw %3\n fldt %2\n fldt %1\n " insn "\n fnstsw %0\n fstpt %4\n fstp %%st(0)" \
                         : "=m"(sw) : "m"(*a), "m"(*b), "m"(cw), "m"(*r) : "memory"); \
        return sw; }
/* st(0) = a, st(1) = b; AT&T "fsub %st(1), %st" is D8 E1: st(0) = st(0) - st(1). */
BIN(op_add, "fadd %%st(1), %%st")
BIN(op_sub, "fsub %%st(1), %%st")
BIN(op_mul, "fmul %%st(1), %%st")
BIN(op_div, "fdiv %%st(1), %%st")
BIN(op_sqrt, "fsqrt")
BIN(op_rndint, "frndint")
BIN(op_scale, "fscale")
BIN(op_prem, "fprem")
BIN(op_prem1, "fprem1")

/* Transcendentals: the result is st(0) after the instruction (fptan: st(1), the 1.0 is dropped first). */
#define TR(name, insn, post) \
    static uint16_t name(f80 *a, f80 *b, f80 *r, uint16_t cw) { \
        uint16_t sw; \
        __asm__ volatile("fninit\n fldcw %3\n fldt %2\n fldt %1\n " insn "\n fnstsw %0\n " post "\n fstpt %4\n fninit" \
                         : "=m"(sw) : "m"(*a), "m"(*b), "m"(cw), "m"(*r) : "memory"); \
        return sw; }
TR(op_sin, "fsin", "")
TR(op_cos, "fcos", "")
TR(op_tan, "fptan", "fstp %%st(0)")
TR(op_atan, "fpatan", "")   /* st(1) = b, st(0) = a: atan(b / a) */
TR(op_f2xm1, "f2xm1", "")
TR(op_yl2x, "fyl2x", "")    /* b * log2(a) */
TR(op_yl2xp1, "fyl2xp1", "") /* b * log2(a + 1) */

/* Finite operands in each function's domain. */
static f80 tpick(int kind) {
    f80 v;
    uint64_t m = rnd() | 0x8000000000000000ull;
    uint16_t sign = (rnd() & 1) ? 0x8000 : 0;
    v.m = m;
    switch (kind) {
    case 0: v.se = sign | (uint16_t) (0x3FFF - 20 + rnd() % 36); break;      /* trig: up to 2^15 */
    case 1: v.se = sign | (uint16_t) (0x3FFF - 64 + rnd() % 64); break;      /* f2xm1: |x| < 1 */
    case 2: v.se = (uint16_t) (0x3FFF - 100 + rnd() % 200); break;           /* yl2x: x > 0 */
    case 3: v.se = sign | (uint16_t) (0x3FFF - 64 + rnd() % 62); break;      /* yl2xp1: |x| < 0.25 */
    default: v.se = sign | (uint16_t) (0x3FFF - 30 + rnd() % 60); break;     /* any finite */
    }
    return v;
}

#define CMP(name, insn) \
    static uint16_t name(f80 *a, f80 *b, uint16_t cw) { \
        uint16_t sw; \
        __asm__ volatile("fninit\n fldcw %3\n fldt %2\n fldt %1\n " insn "\n fnstsw %0\n fninit" \
                         : "=m"(sw) : "m"(*a), "m"(*b), "m"(cw) : "memory"); \
        return sw; }
CMP(op_fcom, "fcom %%st(1)")
CMP(op_fucom, "fucom %%st(1)")

#define STORE(name, insn, T) \
    static uint16_t name(f80 *a, T *r, uint16_t cw) { \
        uint16_t sw; \
        __asm__ volatile("fninit\n fldcw %2\n fldt %1\n " insn " %3\n fnstsw %0\n fninit" \
                         : "=m"(sw) : "m"(*a), "m"(cw), "m"(*r) : "memory"); \
        return sw; }
STORE(op_st32, "fsts", uint32_t)
STORE(op_st64, "fstl", uint64_t)
STORE(op_ist16, "fists", uint16_t)
STORE(op_ist32, "fistl", uint32_t)
STORE(op_ist64, "fistpll", uint64_t)
STORE(op_istt16, "fisttps", uint16_t)
STORE(op_istt32, "fisttpl", uint32_t)
STORE(op_istt64, "fisttpll", uint64_t)

#define LOAD(name, insn, T) \
    static uint16_t name(T *a, f80 *r, uint16_t cw) { \
        uint16_t sw; \
        __asm__ volatile("fninit\n fldcw %2\n " insn " %1\n fnstsw %0\n fstpt %3" \
                         : "=m"(sw) : "m"(*a), "m"(cw), "m"(*r) : "memory"); \
        return sw; }
LOAD(op_ld32, "flds", uint32_t)
LOAD(op_ld64, "fldl", uint64_t)
LOAD(op_ild64, "fildll", uint64_t)
LOAD(op_bld, "fbld", f80)
STORE(op_bstp, "fbstp", f80)

static void pr(const char *op, uint16_t cw, f80 a, f80 b, uint64_t rhi, uint64_t rlo, uint16_t sw) {
    printf("%s %04x %04x %016llx %04x %016llx %llx %016llx %04x\n", op, cw, a.se, (unsigned long long) a.m,
           b.se, (unsigned long long) b.m, (unsigned long long) rhi, (unsigned long long) rlo, sw);
}

int main(void) {
    const int N = 110;
    typedef uint16_t (*binf)(f80 *, f80 *, f80 *, uint16_t);
    const char *bn[] = {"add", "sub", "mul", "div", "sqrt", "rndint", "scale", "prem", "prem1"};
    binf bf[] = {op_add, op_sub, op_mul, op_div, op_sqrt, op_rndint, op_scale, op_prem, op_prem1};
    for (int o = 0; o < 9; o++)
        for (unsigned c = 0; c < sizeof CWS / sizeof *CWS; c++)
            for (int i = 0; i < N; i++) {
                f80 a = pick(), b = pick(), r;
                if (o == 2 && (rnd() & 1)) { b.se = (uint16_t) ((0x3FFF * 2 - (a.se & 0x7FFF) + rnd() % 3 - 1) & 0x7FFF); }
                if (o == 0 && (rnd() & 1)) { b.se = (uint16_t) ((a.se & 0x7FFF) - rnd() % 70) | (uint16_t) (rnd() & 0x8000); }
                if (o == 0 && (rnd() & 3) == 0) { b.se = a.se ^ 0x8000; b.m = a.m ^ (rnd() & 0xFFF); }
                if (o == 4 || o == 5) { b.se = 0; b.m = 0; }
                if (o == 6 && (rnd() & 3)) { b.se = (uint16_t) ((rnd() & 0x8000) | (0x3FFF + rnd() % 16)); }
                if (o >= 7 && (rnd() & 1)) { b.se = (uint16_t) ((b.se & 0x8000) | (((a.se & 0x7FFF) - rnd() % 130) & 0x7FFF)); }
                uint16_t sw = bf[o](&a, &b, &r, CWS[c]);
                pr(bn[o], CWS[c], a, b, r.se, r.m, sw);
            }
    {
        typedef uint16_t (*trf)(f80 *, f80 *, f80 *, uint16_t);
        const char *tn[] = {"sin", "cos", "tan", "atan", "f2xm1", "yl2x", "yl2xp1"};
        trf tf[] = {op_sin, op_cos, op_tan, op_atan, op_f2xm1, op_yl2x, op_yl2xp1};
        int ak[] = {0, 0, 0, 4, 1, 2, 3};
        for (int o = 0; o < 7; o++)
            for (unsigned c = 0; c < sizeof CWS / sizeof *CWS; c++)
                for (int i = 0; i < N / 2; i++) {
                    f80 a = tpick(ak[o]), b = tpick(4), r;
                    uint16_t sw = tf[o](&a, &b, &r, CWS[c]);
                    pr(tn[o], CWS[c], a, b, r.se, r.m, sw);
                }
    }
    f80 z = {0, 0};
    for (int i = 0; i < 4 * N; i++) {
        f80 a = pick(), b = pick();
        if (i % 4 == 0) b = a;
        if (i % 8 == 1) { b = a; b.se ^= 0x8000; }
        pr("fcom", 0x037F, a, b, 0, 0, op_fcom(&a, &b, 0x037F));
        pr("fucom", 0x037F, a, b, 0, 0, op_fucom(&a, &b, 0x037F));
    }
    for (unsigned c = 0; c < sizeof CWS / sizeof *CWS; c++)
        for (int i = 0; i < 2 * N; i++) {
            f80 a = pick();
            uint32_t r32 = 0; uint64_t r64 = 0; uint16_t r16 = 0; uint16_t sw;
            sw = op_st32(&a, &r32, CWS[c]); pr("st32", CWS[c], a, z, 0, r32, sw);
            sw = op_st64(&a, &r64, CWS[c]); pr("st64", CWS[c], a, z, 0, r64, sw);
            if (c < 4) {
                f80 b = a;
                if ((rnd() & 1) && (a.se & 0x7FFF) > 0x3FFF + 20) b.se = (uint16_t) ((a.se & 0x8000) | (0x3FFF + rnd() % 66));
                sw = op_ist16(&b, &r16, CWS[c]); pr("ist16", CWS[c], b, z, 0, r16, sw);
                sw = op_ist32(&b, &r32, CWS[c]); pr("ist32", CWS[c], b, z, 0, r32, sw);
                sw = op_ist64(&b, &r64, CWS[c]); pr("ist64", CWS[c], b, z, 0, r64, sw);
                sw = op_istt16(&b, &r16, CWS[c]); pr("istt16", CWS[c], b, z, 0, r16, sw);
                sw = op_istt32(&b, &r32, CWS[c]); pr("istt32", CWS[c], b, z, 0, r32, sw);
                sw = op_istt64(&b, &r64, CWS[c]); pr("istt64", CWS[c], b, z, 0, r64, sw);
            }
        }
    for (int i = 0; i < 4 * N; i++) {
        uint64_t rr = rnd();
        uint32_t a32 = (uint32_t) rr;
        uint64_t a64 = rnd();
        switch (i % 8) {
        case 0: a32 &= 0x807FFFFF; a64 &= 0x800FFFFFFFFFFFFFull; break;       /* denormal/zero */
        case 1: a32 |= 0x7F800000; a64 |= 0x7FF0000000000000ull; break;       /* inf/NaN */
        case 2: a32 &= 0xFF800000; a64 &= 0xFFF0000000000000ull; break;       /* inf/zero/powers */
        default: break;
        }
        f80 r, x = {0, 0}, y = {0, 0};
        x.m = a32;
        y.m = a64;
        uint16_t sw = op_ld32(&a32, &r, 0x037F);
        pr("ld32", 0x037F, x, z, r.se, r.m, sw);
        sw = op_ld64(&a64, &r, 0x037F);
        pr("ld64", 0x037F, y, z, r.se, r.m, sw);
        uint64_t iv = rnd() >> (rnd() % 64);
        if (rnd() & 1) iv = -iv;
        y.m = iv;
        sw = op_ild64(&iv, &r, 0x037F);
        pr("ild64", 0x037F, y, z, r.se, r.m, sw);
    }
    /* packed BCD: loads of random digit strings, stores of integers and fractions under every RC */
    for (unsigned c = 0; c < 4; c++)
        for (int i = 0; i < N; i++) {
            f80 d = {0, 0}, r, a = pick();
            int n = (int) (rnd() % 19);
            for (int k = 0; k < n && k < 16; k++) d.m |= (rnd() % 10) << (4 * k);
            if (n > 16) d.se = (uint16_t) (rnd() % 10 | (rnd() % 10) << 4);
            if (rnd() & 1) d.se |= 0x8000;
            uint16_t sw = op_bld(&d, &r, CWS[c]);
            pr("bld", CWS[c], d, z, r.se, r.m, sw);
            if ((rnd() & 3) && (a.se & 0x7FFF) > 0x3FFF + 62) a.se = (uint16_t) ((a.se & 0x8000) | (0x3FFF + rnd() % 64));
            r.se = 0; r.m = 0;
            sw = op_bstp(&a, &r, CWS[c]);
            pr("bstp", CWS[c], a, z, r.se, r.m, sw);
        }
    return 0;
}
