#!/usr/bin/env python3
"""Reference generator for jnbox's MXCSR test (SseMxcsrHostTest): SSE/SSE2 floating point, the
SSE4.1 round and the FMA3 forms under every MXCSR rounding control x FTZ x DAZ (16 control words,
all exceptions masked), measured on the host CPU. It extends gen_sse.py (same assembling and
native-run machinery) with an MXCSR input and a third vector operand:
    hexbytes mxcsr_in x0lo x0hi x1lo x1hi x2lo x2hi rax flags_in -> x0lo x0hi rax flags_out mxcsr_out | asm
(xmm0 destination, xmm1 and xmm2 sources, rax the integer operand). Values are edge cases (zeros,
denormals, min normal +- 1 ulp, max finite, inf, QNaN, SNaN, halfway cases, float overflow and
tininess limits for cvtsd2ss, integers beyond 2^24/2^53, out-of-range conversions) paired with a
seeded sample, plus curated tininess cases (exact results just below the smallest normal) and
every QNaN/SNaN/0/inf combination of the FMA operands (NaN priority). Writes sse-mxcsr.txt.gz.
Run: ./gen_sse_mxcsr.py (needs gcc, as, objcopy and an FMA3 CPU).
"""
import gzip, os, random, struct, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_sse import run, assemble

def d(x): return struct.unpack('<Q', struct.pack('<d', x))[0]
def f(x): return struct.unpack('<I', struct.pack('<f', x))[0]

MN_D = 0x0010000000000000
DOUBLES = [0, 1 << 63, 1, (1 << 63) | 1, 0x000fffffffffffff, 0x800fffffffffffff, MN_D, MN_D + 1, MN_D - 1,
           (1 << 63) | MN_D, 0x3fefffffffffffff, 0x3feffffffffffffe, 0x3ff0000000000001, 0x3ff0000000000003,
           d(1.0), d(-1.0), d(1.5), d(3.0), d(0.1), d(-0.1), d(2.5), d(-2.5), d(0.5), d(-0.5), d(1e300), d(-1e300),
           d(1e-300), 0x7fefffffffffffff, 0xffefffffffffffff, 0x7fe0000000000000, 0x7ff0000000000000,
           0xfff0000000000000, 0x7ff8000000000123, 0xfff8000000000789, 0x7ff4000000000456, 0xfff0000000000001,
           d(3.4028234663852886e38), d(3.4028235677973366e38), d(3.4028235677973362e38), d(3.5e38), d(-3.5e38),
           d(2.0 ** -126), 0x380fffffffffffff, d(2.0 ** -126 * (1 - 2.0 ** -25)), d(2.0 ** -126 * (1 - 2.0 ** -26)),
           d(2.0 ** -126 * (1 - 2.0 ** -24)), d(2.0 ** -149), d(2.0 ** -150), d(1.5 * 2.0 ** -150), d(2.0 ** -151),
           d(1 + 2.0 ** -24), d(1 + 2.0 ** -24 + 2.0 ** -52), d(1 + 3 * 2.0 ** -24), d(2147483647.5), d(-2147483648.5),
           d(2147483648.0), d(-2147483649.0), d(2.0 ** 63), d(-2.0 ** 63), d(9.2e18), d(2.0 ** 51 + 0.5), d(1e-310),
           d(2.0 ** 512), d(2.0 ** -512), d(2.0 ** -537), d(1.7976931348623157e308 / 3)]
MN_F = 0x00800000
FLOATS = [0, 0x80000000, 1, 0x80000001, 0x007fffff, 0x807fffff, MN_F, MN_F + 1, MN_F - 1, 0x80800000, 0x3f7fffff,
          0x3f7ffffe, 0x3f800001, 0x3f800003, f(1.0), f(-1.0), f(1.5), f(3.0), f(0.1), f(-0.1), f(2.5), f(-2.5),
          f(0.5), f(-0.5), f(3e38), 0x7f7fffff, 0xff7fffff, 0x7f000000, 0x7f800000, 0xff800000, 0x7fc00123,
          0xffc00789, 0x7fa00456, 0xff800001, 0x4b800000, 0x4b800001, 0x4f000000, 0xcf000000, 0x4effffff,
          0x5f000000, 0xdf000000, 0x5effffff, f(1e-20), 0x0c000000, 0x33800000, 0x1f800000, 0x20000000, f(1e19),
          f(2147483520.0), f(-2147483904.0)]
INTS = [0, 1, 0xffffffffffffffff, 16777217, (-16777217) & (2**64 - 1), 16777219, 0x7fffffff, 0x80000000,
        0xffffffff80000000, 2 ** 53 + 1, (-(2 ** 53 + 1)) & (2**64 - 1), 2 ** 53 + 3, 0x7fffffffffffffff,
        0x8000000000000000, 0x7ffffffffffffdff, 0x7ffffffffffffe00, 0x0020000000000003, 0xffffffff, 123456789,
        0x1000003, 0x7fffffbf, 0x7fffffc0, 0x4000004000000001, 0xc000000000000401]

rnd = random.Random(20261123)
def rd():
    """A random double: mostly edge-weighted exponents so rounding, overflow and tininess happen."""
    k = rnd.random()
    if k < 0.3: return rnd.choice(DOUBLES)
    e = rnd.choice([0, 1, 2, 1020, 1021, 1022, 1023, 1024, 1025, 1070, 1074, 2045, 2046, 896, 897, 898, 1150, 1151,
                    874, 875, 923, 924]) if k < 0.6 else rnd.randrange(0, 2047)
    return rnd.getrandbits(1) << 63 | e << 52 | rnd.getrandbits(52)
def rf():
    k = rnd.random()
    if k < 0.3: return rnd.choice(FLOATS)
    e = rnd.choice([0, 1, 2, 62, 63, 64, 65, 100, 126, 127, 150, 157, 158, 189, 190, 253, 254]) if k < 0.6 else rnd.randrange(0, 255)
    return rnd.getrandbits(1) << 31 | e << 23 | rnd.getrandbits(23)
def ri():
    k = rnd.random()
    if k < 0.4: return rnd.choice(INTS)
    b = rnd.choice([24, 25, 26, 31, 32, 53, 54, 55, 62, 63, 64])
    v = rnd.getrandbits(b)
    return (-v if rnd.random() < 0.5 else v) & (2**64 - 1)

S, D, PS, PD, IS, DQ = 'S', 'D', 'PS', 'PD', 'IS', 'DQ'
INSNS = []
for t, dom in [('ss', S), ('sd', D), ('ps', PS), ('pd', PD)]:
    for op in ['add', 'sub', 'mul', 'div', 'min', 'max', 'sqrt']:
        INSNS.append((f'{op}{t} xmm0, xmm1', dom))
    for p in (range(8) if dom in (S, D) else [1, 4]):
        INSNS.append((f'cmp{t} xmm0, xmm1, {p}', dom))
    for imm in ([0, 1, 2, 3, 4, 8, 9, 12] if dom in (S, D) else [4, 10]):
        INSNS.append((f'round{t} xmm0, xmm1, {imm}', dom))
    for fm in (['vfmadd231', 'vfnmsub231', 'vfmadd132', 'vfmadd213'] if dom in (S, D) else ['vfmadd231', 'vfmsub213']):
        INSNS.append((f'{fm}{t} xmm0, xmm1, xmm2', dom))
for op in ['ucomiss', 'comiss', 'cvtss2sd']:
    INSNS.append((f'{op} xmm0, xmm1', S))
for op in ['ucomisd', 'comisd', 'cvtsd2ss']:
    INSNS.append((f'{op} xmm0, xmm1', D))
for op in ['cvtss2si', 'cvttss2si']:
    for r in ['eax', 'rax']:
        INSNS.append((f'{op} {r}, xmm1', S))
for op in ['cvtsd2si', 'cvttsd2si']:
    for r in ['eax', 'rax']:
        INSNS.append((f'{op} {r}, xmm1', D))
INSNS += [('cvtps2pd xmm0, xmm1', PS), ('cvtps2dq xmm0, xmm1', PS), ('cvttps2dq xmm0, xmm1', PS),
          ('cvtpd2ps xmm0, xmm1', PD), ('cvtpd2dq xmm0, xmm1', PD), ('cvttpd2dq xmm0, xmm1', PD),
          ('cvtdq2ps xmm0, xmm1', DQ), ('cvtdq2pd xmm0, xmm1', DQ),
          ('cvtsi2ss xmm0, eax', IS), ('cvtsi2ss xmm0, rax', IS), ('cvtsi2sd xmm0, eax', IS), ('cvtsi2sd xmm0, rax', IS)]

MXCSRS = [0x1f80 | rc << 13 | ftz << 15 | daz << 6 for rc in range(4) for ftz in (0, 1) for daz in (0, 1)]
PER_CONFIG = 16

HI0, HI1, HI2 = 0x0123456789abcdef, 0xfedcba9876543210, 0x00ff00ff00ff00ff
# NaN priority and invalid cases of FMA: every (a, b, c) from these, default MXCSR
FMA_F = [f(1.0), 0x7fc00001, 0x7f800002, 0xffc00003, 0, 0x7f800000]
FMA_D = [d(1.0), 0x7ff8000000000001, 0x7ff0000000000002, 0xfff8000000000003, 0, 0x7ff0000000000000]

# tininess after rounding: exact results just below the smallest normal that round to it (UE set),
# others that round to it with an unbounded exponent too (no UE); all 16 MXCSR controls
TINY_D = [(0x3fefffffffffffff, MN_D), (0x3fefffffffffffff, MN_D + 1), (0x3feffffffffffffe, MN_D), (MN_D, 0x3fefffffffffffff),
          (0xbfefffffffffffff, MN_D), (0x3fe0000000000001, 0x0020000000000000 - 1), (MN_D + 1, 0x3fefffffffffffff)]
TINY_F = [(0x3f7fffff, MN_F), (0x3f7fffff, MN_F + 1), (0x3f7ffffe, MN_F), (0xbf7fffff, MN_F), (MN_F + 1, 0x3f7fffff),
          (0x3f000001, 0x00ffffff)]
TINY_N = [d(2.0 ** -126 * (1 - 2.0 ** -24)), d(2.0 ** -126 * (1 - 2.0 ** -25)), d(2.0 ** -126 * (1 - 2.0 ** -25 - 2.0 ** -40)),
          d(-2.0 ** -126 * (1 - 2.0 ** -24)), d(2.0 ** -126 * (1 - 2.0 ** -23)), d(2.0 ** -126 * (1 - 2.0 ** -26))]

def tiny_cases(text, dom):
    """(x0lo, x0hi, x1lo, x1hi) pairs for the multiplications, divisions and narrowing conversions."""
    op = text.split()[0]
    if op in ('mulsd', 'mulpd'):
        return [(a, HI0, b, HI1) for a, b in TINY_D]
    if op in ('mulss', 'mulps'):
        return [(a | (a << 32 if dom == PS else 0xa5a5a5a5 << 32), HI0, b | (b << 32 if dom == PS else 0x5a5a5a5a << 32), HI1)
                for a, b in TINY_F]
    if op in ('cvtsd2ss', 'cvtpd2ps'):
        return [(HI2, HI0, v, v) for v in TINY_N]
    return []

def inputs(dom):
    """x0lo x0hi x1lo x1hi x2lo x2hi rax"""
    if dom == S:  # the untouched upper bits are fixed patterns (they compress)
        return (0xa5a5a5a5 << 32 | rf(), HI0, 0x5a5a5a5a << 32 | rf(), HI1, 0x3c3c3c3c << 32 | rf(), HI2, ri())
    if dom == D:
        return rd(), HI0, rd(), HI1, rd(), HI2, ri()
    if dom == PS:
        q = lambda: rf() | rf() << 32
        return q(), q(), q(), q(), q(), q(), ri()
    if dom == PD:
        return rd(), rd(), rd(), rd(), rd(), rd(), ri()
    if dom == DQ:
        q = lambda: (ri() & 0xffffffff) | (ri() & 0xffffffff) << 32
        return rnd.getrandbits(64), rnd.getrandbits(64), q(), q(), 0, 0, ri()
    return rd(), rnd.getrandbits(64), 0, 0, 0, 0, ri()  # IS

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        code = ['#include <stdint.h>', '#include <stdio.h>',
                'typedef struct { uint64_t x0[2], x1[2], x2[2], rax, fl; uint32_t mx; } st;']
        for n, (text, _) in enumerate(INSNS):
            code.append(f'static void run{n}(st *s) {{ __asm__ volatile('
                        '"movdqu (%0), %%xmm0\\n movdqu 16(%0), %%xmm1\\n movdqu 32(%0), %%xmm2\\n mov 48(%0), %%rax\\n'
                        ' ldmxcsr 64(%0)\\n push 56(%0)\\n popfq\\n"'
                        f'".intel_syntax noprefix\\n {text}\\n .att_syntax prefix\\n"'
                        '"pushfq\\n pop 56(%0)\\n stmxcsr 64(%0)\\n mov %%rax, 48(%0)\\n movdqu %%xmm0, (%0)\\n'
                        ' push %%rax\\n mov $0x1f80, %%eax\\n push %%rax\\n ldmxcsr (%%rsp)\\n pop %%rax\\n pop %%rax\\n"'
                        ' :: "r"(s) : "rax", "xmm0", "xmm1", "xmm2", "memory", "cc"); }')
        code.append('typedef void (*fn)(st *);')
        code.append('static fn FNS[] = {' + ', '.join(f'run{n}' for n in range(len(INSNS))) + '};')
        code.append('int main(void) { st s; int n; unsigned m; unsigned long long a, b, c, e, g, h, r, fl;'
                    ' while (scanf("%d %x %llx %llx %llx %llx %llx %llx %llx %llx", &n, &m, &a, &b, &c, &e, &g, &h, &r, &fl) == 10) {'
                    ' s.x0[0] = a; s.x0[1] = b; s.x1[0] = c; s.x1[1] = e; s.x2[0] = g; s.x2[1] = h; s.rax = r; s.fl = fl;'
                    ' s.mx = m; FNS[n](&s);'
                    ' printf("%llx %llx %llx %llx %x\\n", (unsigned long long)s.x0[0], (unsigned long long)s.x0[1],'
                    ' (unsigned long long)s.rax, (unsigned long long)(s.fl & 0x8d5), s.mx); } return 0; }')
        c = os.path.join(tmp, 'g.c'); exe = os.path.join(tmp, 'g')
        open(c, 'w').write('\n'.join(code) + '\n')
        run(['gcc', '-O1', '-mno-red-zone', '-o', exe, c])
        cases = []
        for n, (text, dom) in enumerate(INSNS):
            hexb = assemble(tmp, text)
            for mx in MXCSRS:
                for k in range(PER_CONFIG):
                    cases.append((n, hexb, mx, inputs(dom), 0x2 if k % 2 == 0 else 0x8d7))
            for mx in MXCSRS:
                for k, (x0, x0h, x1, x1h) in enumerate(tiny_cases(text, dom)):
                    cases.append((n, hexb, mx, (x0, x0h, x1, x1h, 0, 0, 0), 0x2))
            if text.startswith('vf') and dom in (S, D):
                vals = FMA_F if dom == S else FMA_D
                hi = 0xa5a5a5a5 << 32 if dom == S else 0
                for a in vals:
                    for b in vals:
                        for c in vals:
                            cases.append((n, hexb, 0x1f80, (hi | a, HI0, hi | b, HI1, hi | c, HI2, 0), 0x2))
        inp = ''.join(f'{n} {mx:x} ' + ' '.join(f'{v:x}' for v in vals) + f' {fl:x}\n' for n, _, mx, vals, fl in cases)
        out = run([exe], input=inp.encode()).stdout.decode().split('\n')
        cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
        with gzip.open(os.path.join(here, 'sse-mxcsr.txt.gz'), 'wt', compresslevel=9) as fh:
            fh.write(f'# generated by gen_sse_mxcsr.py on: {cpu}\n')
            fh.write('# hexbytes mxcsr_in x0lo x0hi x1lo x1hi x2lo x2hi rax flags_in -> x0lo x0hi rax flags_out mxcsr_out | asm\n')
            for (n, hexb, mx, vals, fl), res in zip(cases, out):
                fh.write(f'{hexb} {mx:x} ' + ' '.join(f'{v:x}' for v in vals) + f' {fl:x} -> {res} | {INSNS[n][0]}\n')
        print(len(cases), 'rows')

if __name__ == '__main__':
    main()
