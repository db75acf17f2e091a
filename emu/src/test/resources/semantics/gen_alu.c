/*
 * Reference generator for jnbox's integer semantics tests: runs each instruction natively on the
 * host CPU and prints one row per case:
 *   mnemonic size a b flags_in result result2 flags_out
 * (hex, size in bytes; result2 is rdx/high half for mul/div, 0 otherwise; flags masked to
 * OF|SF|ZF|AF|PF|CF = 0x8d5). Build and run with gen_alu.sh; the output is alu.txt.
 * Compiled with -mno-red-zone because the asm pushes/pops around the instruction.
 */
#include <stdint.h>
#include <stdio.h>

#define FMASK 0x8d5ull
typedef uint64_t u64;

static void row(const char *m, int size, u64 a, u64 b, u64 fin, u64 r, u64 r2, u64 fout) {
    printf("%s %d %llx %llx %llx %llx %llx %llx\n", m, size, (unsigned long long)a, (unsigned long long)b,
           (unsigned long long)fin, (unsigned long long)r, (unsigned long long)r2,
           (unsigned long long)(fout & FMASK));
}

/* two-operand: insn src, dst  (dst = dst op src) */
#define BIN(fn, insn, T) \
static void fn(u64 a, u64 b, u64 fin, u64 *r, u64 *f) { \
    T x = (T)a, y = (T)b; u64 fo; \
    __asm__ volatile("push %[fin]\n\tpopfq\n\t" insn " %[y], %[x]\n\tpushfq\n\tpop %[fo]" \
        : [x] "+r"(x), [fo] "=&r"(fo) : [y] "r"(y), [fin] "r"(fin) : "cc", "memory"); \
    *r = (u64)x; *f = fo; }
/* shift by cl: insn %cl, dst */
#define SHC(fn, insn, T) \
static void fn(u64 a, u64 b, u64 fin, u64 *r, u64 *f) { \
    T x = (T)a; uint8_t c = (uint8_t)b; u64 fo; \
    __asm__ volatile("push %[fin]\n\tpopfq\n\t" insn " %%cl, %[x]\n\tpushfq\n\tpop %[fo]" \
        : [x] "+r"(x), [fo] "=&r"(fo) : "c"(c), [fin] "r"(fin) : "cc", "memory"); \
    *r = (u64)x; *f = fo; }
/* double shift: insn %cl, src, dst ; b = src, count from global */
static uint8_t g_count;
#define SHD(fn, insn, T) \
static void fn(u64 a, u64 b, u64 fin, u64 *r, u64 *f) { \
    T x = (T)a, y = (T)b; uint8_t c = g_count; u64 fo; \
    __asm__ volatile("push %[fin]\n\tpopfq\n\t" insn " %%cl, %[y], %[x]\n\tpushfq\n\tpop %[fo]" \
        : [x] "+r"(x), [fo] "=&r"(fo) : [y] "r"(y), "c"(c), [fin] "r"(fin) : "cc", "memory"); \
    *r = (u64)x; *f = fo; }
/* one operand */
#define UN(fn, insn, T) \
static void fn(u64 a, u64 b, u64 fin, u64 *r, u64 *f) { \
    T x = (T)a; u64 fo; (void)b; \
    __asm__ volatile("push %[fin]\n\tpopfq\n\t" insn " %[x]\n\tpushfq\n\tpop %[fo]" \
        : [x] "+r"(x), [fo] "=&r"(fo) : [fin] "r"(fin) : "cc", "memory"); \
    *r = (u64)x; *f = fo; }
/* bt family: insn src(bit), dst */
/* mul/imul/div/idiv with implicit rax/rdx: a = rdx:rax packed per size by caller */
#define MULDIV(fn, insn, T) \
static void fn(u64 lo, u64 hi, u64 src, u64 fin, u64 *r, u64 *r2, u64 *f) { \
    u64 ax = lo, dx = hi; T y = (T)src; u64 fo; \
    __asm__ volatile("push %[fin]\n\tpopfq\n\t" insn " %[y]\n\tpushfq\n\tpop %[fo]" \
        : "+a"(ax), "+d"(dx), [fo] "=&r"(fo) : [y] "r"(y), [fin] "r"(fin) : "cc", "memory"); \
    *r = ax; *r2 = dx; *f = fo; }

#define SIZES(M, name) M(name##8, #name "b", uint8_t) M(name##16, #name "w", uint16_t) \
    M(name##32, #name "l", uint32_t) M(name##64, #name "q", uint64_t)
#define SIZES16(M, name) M(name##16, #name "w", uint16_t) \
    M(name##32, #name "l", uint32_t) M(name##64, #name "q", uint64_t)

SIZES(BIN, add) SIZES(BIN, adc) SIZES(BIN, sub) SIZES(BIN, sbb) SIZES(BIN, and) SIZES(BIN, or)
SIZES(BIN, xor) SIZES(BIN, cmp) SIZES(BIN, test) SIZES(BIN, xadd)
SIZES16(BIN, imul) SIZES16(BIN, bt) SIZES16(BIN, bts) SIZES16(BIN, btr) SIZES16(BIN, btc)
SIZES16(BIN, bsf) SIZES16(BIN, bsr) SIZES16(BIN, popcnt) SIZES16(BIN, lzcnt) SIZES16(BIN, tzcnt)
SIZES(SHC, shl) SIZES(SHC, shr) SIZES(SHC, sar) SIZES(SHC, rol) SIZES(SHC, ror) SIZES(SHC, rcl) SIZES(SHC, rcr)
SIZES16(SHD, shld) SIZES16(SHD, shrd)
SIZES(UN, inc) SIZES(UN, dec) SIZES(UN, neg) SIZES(UN, not)
UN(bswap32, "bswapl", uint32_t) UN(bswap64, "bswapq", uint64_t)
SIZES(MULDIV, mul) SIZES(MULDIV, div) SIZES(MULDIV, idiv)
MULDIV(imul18, "imulb", uint8_t) MULDIV(imul116, "imulw", uint16_t)
MULDIV(imul132, "imull", uint32_t) MULDIV(imul164, "imulq", uint64_t)

typedef void (*binfn)(u64, u64, u64, u64 *, u64 *);
typedef void (*mdfn)(u64, u64, u64, u64, u64 *, u64 *, u64 *);

static const u64 FLAGS_IN[] = {0x2, 0x8d7};

static u64 mask(int size) { return size == 8 ? ~0ull : (1ull << (size * 8)) - 1; }

/* Edge values for a size: 0, 1, 2, small, sign boundary, all-ones, and a few patterns. */
static int edges(int size, u64 *out) {
    int bits = size * 8, n = 0;
    u64 m = mask(size), sign = 1ull << (bits - 1);
    u64 v[] = {0, 1, 2, 3, 0x7, 0x8, 0xf, 0x10, 0x7f, 0x80, 0xff, sign - 1, sign, sign + 1, m, m - 1,
               0x5555555555555555ull, 0xaaaaaaaaaaaaaaaaull, 0x0123456789abcdefull, 0xfedcba9876543210ull,
               0x100, 0x8000, 0x80000000ull, 0x00f0f0f0f0f0f0f0ull};
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        u64 x = v[i] & m;
        int dup = 0;
        for (int j = 0; j < n; j++) dup |= out[j] == x;
        if (!dup) out[n++] = x;
    }
    return n;
}

/* Input flags: both states for instructions that read CF (adc, sbb, rcl, rcr) or keep flags
 * (inc, dec, not, count 0); otherwise alternate, which keeps the file small. */
static int both_flags(const char *name) {
    return name[0] == 'a' && name[1] == 'd' && name[2] == 'c' || name[0] == 's' && name[1] == 'b'
        || name[0] == 'r' && name[1] == 'c';
}

static int src_only(const char *name) {
    return name[0] == 'b' && name[1] == 's' || name[0] == 'p' || name[0] == 'l' || name[0] == 't' && name[1] == 'z';
}

static void binop(const char *name, binfn f8, binfn f16, binfn f32, binfn f64) {
    binfn fs[] = {f8, f16, f32, f64};
    for (int si = 0; si < 4; si++) {
        if (!fs[si]) continue;
        int size = 1 << si;
        u64 e[32];
        int n = edges(size, e);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < 2; k++) {
                    u64 r, fo;
                    if (!both_flags(name) && k != ((i + j) & 1)) continue;
                    /* bit scans and counts read only the source: two destinations suffice */
                    if (src_only(name) && i > 1) continue;
                    fs[si](e[i], e[j], FLAGS_IN[k], &r, &fo);
                    row(name, size, e[i], e[j], FLAGS_IN[k], r & mask(size), 0, fo);
                }
    }
}

static void unop(const char *name, binfn f8, binfn f16, binfn f32, binfn f64) {
    binfn fs[] = {f8, f16, f32, f64};
    for (int si = 0; si < 4; si++) {
        if (!fs[si]) continue;
        int size = 1 << si;
        u64 e[32];
        int n = edges(size, e);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < 2; k++) {
                u64 r, fo;
                fs[si](e[i], 0, FLAGS_IN[k], &r, &fo);
                row(name, size, e[i], 0, FLAGS_IN[k], r & mask(size), 0, fo);
            }
    }
}

static const u64 COUNTS[] = {0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255};
#define NCOUNTS (sizeof COUNTS / sizeof COUNTS[0])

static void shiftop(const char *name, binfn f8, binfn f16, binfn f32, binfn f64) {
    binfn fs[] = {f8, f16, f32, f64};
    for (int si = 0; si < 4; si++) {
        int size = 1 << si;
        u64 e[32];
        int n = edges(size, e);
        for (int i = 0; i < n; i++)
            for (unsigned c = 0; c < NCOUNTS; c++)
                for (int k = 0; k < 2; k++) {
                    u64 r, fo;
                    if (!both_flags(name) && COUNTS[c] != 0 && k != ((i + c) & 1)) continue;
                    fs[si](e[i], COUNTS[c], FLAGS_IN[k], &r, &fo);
                    row(name, size, e[i], COUNTS[c], FLAGS_IN[k], r & mask(size), 0, fo);
                }
    }
}

/* shld/shrd: row "b" holds src | count << 56 is awkward; print count in result2 column instead. */
static void dshift(const char *name, binfn f16, binfn f32, binfn f64) {
    binfn fs[] = {0, f16, f32, f64};
    for (int si = 1; si < 4; si++) {
        int size = 1 << si;
        u64 e[32];
        int n = edges(size, e);
        static const u64 vals[] = {0, 1, 0x80, 0x5555555555555555ull, 0xfedcba9876543210ull, ~0ull};
        for (int i = 0; i < n; i++)
            for (unsigned v = 0; v < 6; v += 2 - (i & 1))
                for (unsigned c = 0; c < NCOUNTS; c++)
                    for (int k = 0; k < 2; k++) {
                        u64 r, fo, src = vals[v] & mask(size);
                        if (COUNTS[c] != 0 && k != ((i + v + c) & 1)) continue;
                        g_count = (uint8_t)COUNTS[c];
                        fs[si](e[i], src, FLAGS_IN[k], &r, &fo);
                        printf("%s %d %llx %llx %llx %llx %llx %llx\n", name, size, (unsigned long long)e[i],
                               (unsigned long long)src, (unsigned long long)FLAGS_IN[k],
                               (unsigned long long)(r & mask(size)), (unsigned long long)COUNTS[c],
                               (unsigned long long)(fo & FMASK));
                    }
    }
}

/* mul/imul (one operand): a = rax, b = source; result = rax, result2 = rdx (masked to size, 8-bit: ax). */
static void mulop(const char *name, mdfn f8, mdfn f16, mdfn f32, mdfn f64) {
    mdfn fs[] = {f8, f16, f32, f64};
    for (int si = 0; si < 4; si++) {
        int size = 1 << si;
        u64 e[32];
        int n = edges(size, e);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < 2; k++) {
                    u64 r, r2, fo;
                    if (k != ((i + j) & 1)) continue;
                    fs[si](e[i], 0, e[j], FLAGS_IN[k], &r, &r2, &fo);
                    if (size == 1) { r2 = (r >> 8) & 0xff; r &= 0xff; }
                    row(name, size, e[i], e[j], FLAGS_IN[k], r & mask(size), r2 & mask(size), fo);
                }
    }
}

/* div/idiv: dividend hi:lo from pairs of edges, only cases that do not raise #DE.
 * Row: a = lo, b = divisor, flags_in, quotient, remainder, flags; hi is printed as a separate
 * field before the divisor via the "name" suffix-free format: name size lo:hi packed as two rows? No:
 * we print "div size lo hi divisor fin q r fout" (9 fields). */
static int divok(int is_signed, int size, u64 lo, u64 hi, u64 d) {
    int bits = size * 8;
    u64 m = mask(size);
    if ((d & m) == 0) return 0;
    if (!is_signed) {
        /* quotient fits iff hi < d */
        return (hi & m) < (d & m);
    }
    __int128 dividend, divisor;
    if (size == 8) {
        dividend = (__int128)(((unsigned __int128)hi << 64) | lo);
        divisor = (int64_t)d;
    } else {
        u64 full = ((hi & m) << bits) | (lo & m); /* 2*bits <= 64 for size <= 4 */
        int sh = 64 - 2 * bits;
        dividend = sh ? ((int64_t)(full << sh)) >> sh : (int64_t)full;
        divisor = ((int64_t)(d << (64 - bits))) >> (64 - bits);
    }
    if (divisor == -1 && size == 8 && dividend == (__int128)((unsigned __int128)1 << 127)) return 0;
    __int128 q = dividend / divisor;
    __int128 lim = (__int128)1 << (bits - 1);
    return q >= -lim && q < lim;
}

static void divop(const char *name, int is_signed, mdfn f8, mdfn f16, mdfn f32, mdfn f64) {
    mdfn fs[] = {f8, f16, f32, f64};
    for (int si = 0; si < 4; si++) {
        int size = 1 << si;
        u64 e[32];
        int n = edges(size, e);
        for (int h = 0; h < n; h += 5)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) {
                    u64 lo = e[i], hi = e[h], d = e[j];
                    if (!divok(is_signed, size, lo, hi, d)) continue;
                    u64 r, r2, fo, q, rem;
                    if (size == 1) {
                        fs[si](lo | (hi << 8), 0, d, FLAGS_IN[0], &r, &r2, &fo);
                        q = r & 0xff; rem = (r >> 8) & 0xff;
                    } else {
                        fs[si](lo, hi, d, FLAGS_IN[0], &r, &r2, &fo);
                        q = r & mask(size); rem = r2 & mask(size);
                    }
                    printf("%s %d %llx %llx %llx %llx %llx %llx\n", name, size, (unsigned long long)lo,
                           (unsigned long long)hi, (unsigned long long)d, (unsigned long long)q,
                           (unsigned long long)rem, (unsigned long long)(fo & FMASK));
                }
    }
}

#define B4(n) #n, n##8, n##16, n##32, n##64
#define B3(n) #n, 0, n##16, n##32, n##64
int main(void) {
    binop(B4(add)); binop(B4(adc)); binop(B4(sub)); binop(B4(sbb)); binop(B4(and)); binop(B4(or));
    binop(B4(xor)); binop(B4(cmp)); binop(B4(test)); binop(B4(xadd));
    binop(B3(imul)); binop(B3(bt)); binop(B3(bts)); binop(B3(btr)); binop(B3(btc));
    binop(B3(bsf)); binop(B3(bsr)); binop(B3(popcnt)); binop(B3(lzcnt)); binop(B3(tzcnt));
    unop(B4(inc)); unop(B4(dec)); unop(B4(neg)); unop(B4(not));
    unop("bswap", 0, 0, bswap32, bswap64);
    shiftop(B4(shl)); shiftop(B4(shr)); shiftop(B4(sar)); shiftop(B4(rol)); shiftop(B4(ror));
    shiftop(B4(rcl)); shiftop(B4(rcr));
    dshift("shld", shld16, shld32, shld64); dshift("shrd", shrd16, shrd32, shrd64);
    mulop(B4(mul)); mulop("imul1", imul18, imul116, imul132, imul164);
    divop("div", 0, div8, div16, div32, div64); divop("idiv", 1, idiv8, idiv16, idiv32, idiv64);
    return 0;
}
