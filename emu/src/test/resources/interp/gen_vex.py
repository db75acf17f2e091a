#!/usr/bin/env python3
"""Reference generator for jnbox's AVX/AVX2/FMA interpreter test (VexHostTest).

For each instruction below (Intel syntax; ymm0 is the destination, ymm1 the vvvv source, ymm2 the
r/m source, ymm3 a fourth register, rax the general register, [rdi] a 64-byte, 64-aligned buffer)
it assembles the instruction with GNU as to get its bytes, runs it natively on the host CPU (a
generated C program with inline asm) for many inputs, and writes vex.txt.gz, one row per run:
    hex y0 y1 y2 rax flags mxcsr -> y0 y1 y2 rax flags mxcsr rcx mem | text
where each yN is four 64-bit hex words (lowest first), ymm3 = y1 xor reversed y2 (not stored),
the buffer holds y2 then y1 before the instruction; rcx starts at 0 and
rdx at 7 (the explicit lengths of pcmpestri/m); on the output side a register or the buffer
that did not change is written '=' (the buffer as 8 words otherwise). flags are masked to
OF|SF|ZF|AF|PF|CF. Run: ./gen_vex.py (needs gcc, as, objcopy and an AVX2+FMA host).
"""
import gzip, os, random, struct, subprocess, tempfile

def d(x): return struct.unpack('<Q', struct.pack('<d', x))[0]
def f(x): return struct.unpack('<I', struct.pack('<f', x))[0]

M64 = (1 << 64) - 1
rnd = random.Random(20261124)
QNAN_D, SNAN_D, NQNAN_D = 0x7ff8000000000123, 0x7ff4000000000456, 0xfff8000000000789
QNAN_F, SNAN_F, NQNAN_F = 0x7fc00123, 0x7fa00456, 0xffc00789
DOUBLES = [d(0.0), d(-0.0), d(1.0), d(-1.0), d(1.5), d(-2.5), d(0.1), d(3.0), d(1.0 / 3), d(1e300), d(-1e300),
           d(1e-300), d(float('inf')), d(float('-inf')), QNAN_D, SNAN_D, NQNAN_D, 1, 0x800fffffffffffff,
           d(2.0 ** -1022), d(1 + 2.0 ** -52), d(1 - 2.0 ** -53), d(2.0 ** 1023), d(-3e9)]
FLOATS = [f(0.0), f(-0.0), f(1.0), f(-1.0), f(1.5), f(-2.5), f(0.1), f(3.0), f(1.0 / 3), f(3e38), f(-3e38),
          f(1e-30), f(float('inf')), f(float('-inf')), QNAN_F, SNAN_F, NQNAN_F, 1, 0x807fffff, f(2.0 ** -126),
          f(1 + 2.0 ** -23), f(1 - 2.0 ** -24), f(2.0 ** 127), f(-3e9)]
INTS = [0, M64, 0x0123456789abcdef, 0x8000000000000000, 0x7f80ff0001fe7fff, 0x00ff00ff80018000,
        0x8000800080008000, 0x7fff7fff00000001, 3, 17, 64, 0x0000001f00000005, 0x0000002000000001,
        0x8000000300000007, 0x000000210000003f, 0x0000000400000002]

def rd():
    return rnd.choice(DOUBLES) if rnd.random() < 0.6 else d(rnd.uniform(-100, 100) * 2.0 ** rnd.randint(-60, 60))

def rf():
    return rnd.choice(FLOATS) if rnd.random() < 0.6 else f(rnd.uniform(-100, 100) * 2.0 ** rnd.randint(-30, 30))

def strvec():
    # short strings over a small alphabet, with zero terminators: matches, ranges and lengths happen
    out = []
    for _ in range(4):
        w = 0
        for k in range(8):
            w |= rnd.choice([0, 0x61, 0x62, 0x63, 0x7a, 0x41, 0x61, 0x62]) << (8 * k)
        out.append(w)
    return out

# FMA edge triples (a, b, c) for 231 forms (ymm0 = c, ymm1 = a, ymm2 = b): inf*0 + NaN/number,
# exact cancellation (the sign of zero per rounding mode), denormal operands and results, overflow
def edge_d():
    inf, nan, snan, den = d(float('inf')), QNAN_D, SNAN_D, 0x0000000000000003
    return [(inf, d(0.0), nan), (d(0.0), inf, d(1.0)), (inf, d(0.0), snan), (d(1.0), d(1.0), d(-1.0)),
            (d(-1.0), d(1.0), d(1.0)), (d(0.0), d(-0.0), d(-0.0)), (d(-0.0), d(-0.0), d(0.0)), (den, d(1.0), d(0.0)),
            (d(2.0 ** -600), d(2.0 ** -500), d(-2.0 ** -1074)), (d(1e300), d(1e300), d(-1e300)),
            (d(1 + 2.0 ** -52), d(1 - 2.0 ** -53), d(-1.0)), (d(3.0), d(1.0 / 3), d(-1.0)), (inf, d(2.0), d(float('-inf'))),
            (d(2.0 ** -1022), d(0.5), d(0.0)), (d(-1e-200), d(1e-200), d(0.0)), (d(0.1), d(10.0), d(-1.0))]

def edge_f():
    inf, nan, snan, den = f(float('inf')), QNAN_F, SNAN_F, 0x00000003
    return [(inf, f(0.0), nan), (f(0.0), inf, f(1.0)), (inf, f(0.0), snan), (f(1.0), f(1.0), f(-1.0)),
            (f(-1.0), f(1.0), f(1.0)), (f(0.0), f(-0.0), f(-0.0)), (f(-0.0), f(-0.0), f(0.0)), (den, f(1.0), f(0.0)),
            (f(2.0 ** -70), f(2.0 ** -70), f(-2.0 ** -149)), (f(3e38), f(3e38), f(-3e38)),
            (f(1 + 2.0 ** -23), f(1 - 2.0 ** -24), f(-1.0)), (f(3.0), f(1.0 / 3), f(-1.0)), (inf, f(2.0), f(float('-inf'))),
            (f(2.0 ** -126), f(0.5), f(0.0)), (f(-1e-20), f(1e-20), f(0.0)), (f(0.1), f(10.0), f(-1.0))]

EDGE_ROW = [0]

def edge_vecs(dom):
    t = edge_d() if dom == 'ed' else edge_f()
    k = EDGE_ROW[0]
    EDGE_ROW[0] += 1
    per = 4 if dom == 'ed' else 8
    el = [t[(k + i) % len(t)] for i in range(per)]  # element 0 visits every triple
    def pack(vals):
        if dom == 'ed': return vals
        return [vals[2 * i] | vals[2 * i + 1] << 32 for i in range(4)]
    return [pack([e[2] for e in el]), pack([e[0] for e in el]), pack([e[1] for e in el])]

def nanvec(dbl):
    # distinct NaN payloads (quiet and signalling) mixed with ones: which NaN a sum returns
    if dbl:
        return [rnd.choice([d(1.0), d(2.0), 0x7ff8000000000000 | rnd.getrandbits(16), 0xfff4000000000000 | rnd.getrandbits(16) | 1])
                for _ in range(4)]
    fl = lambda: rnd.choice([f(1.0), f(2.0), 0x7fc00000 | rnd.getrandbits(12), 0xffa00000 | rnd.getrandbits(12) | 1])
    return [fl() | fl() << 32 for _ in range(4)]

def vec(dom):
    if dom == 's': return strvec()
    if dom in ('nf', 'nd'): return nanvec(dom == 'nd')
    if dom == 'd': return [rd() for _ in range(4)]
    if dom == 'f': return [rf() | rf() << 32 for _ in range(4)]
    return [rnd.choice(INTS) if rnd.random() < 0.5 else rnd.getrandbits(64) for _ in range(4)]

# FMA rows cycle through the rounding modes (RC = nearest, down, up, zero) and FTZ+DAZ
MXCSRS = [0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9fc0, 0x1f80]
RAX = [0, 1, M64, 0x80000000, 0x7fffffff, 0x123456789, 0x8000000000000000, 0xfffffffffffffffe]
I, F, D = 'i', 'f', 'd'
INSNS = []

def add(text, dom=I, rows=10):
    INSNS.append((text, dom, rows))

# ---- moves
for m in ['vmovups', 'vmovupd', 'vmovdqu', 'vmovaps', 'vmovapd', 'vmovdqa']:
    for r in ['xmm', 'ymm']:
        add(f'{m} {r}0, {r}2', rows=3)
        add(f'{m} {r}0, [rdi+32]', rows=3)
        add(f'{m} [rdi+32], {r}2', rows=3)
        add(f'{{store}} {m} {r}0, {r}2', rows=3)
for m in ['vmovups', 'vmovupd', 'vmovdqu']:
    add(f'{m} ymm0, [rdi+4]', rows=3)
    add(f'{m} [rdi+12], xmm2', rows=3)
for r in ['xmm', 'ymm']:
    add(f'vlddqu {r}0, [rdi+3]', rows=3)
    for m in ['vmovntps', 'vmovntpd', 'vmovntdq']:
        add(f'{m} [rdi], {r}2', rows=3)
add('vmovntdqa xmm0, [rdi+16]', rows=3)
add('vmovntdqa ymm0, [rdi+32]', rows=3)
for m, sz in [('vmovss', 4), ('vmovsd', 8)]:
    add(f'{m} xmm0, [rdi+{sz}]', rows=3)
    add(f'{m} [rdi+{sz}], xmm2', rows=3)
    add(f'{m} xmm0, xmm1, xmm2', rows=3)
    add(f'{{store}} {m} xmm0, xmm1, xmm2', rows=3)
for m in ['vmovlps', 'vmovlpd', 'vmovhps', 'vmovhpd']:
    add(f'{m} xmm0, xmm1, [rdi+8]', rows=3)
    add(f'{m} [rdi+8], xmm2', rows=3)
add('vmovhlps xmm0, xmm1, xmm2', rows=3)
add('vmovlhps xmm0, xmm1, xmm2', rows=3)
for m in ['vmovsldup', 'vmovshdup', 'vmovddup']:
    for r in ['xmm', 'ymm']:
        add(f'{m} {r}0, {r}2', rows=3)
        add(f'{m} {r}0, [rdi+8]', rows=3)
add('vmovd xmm0, eax', rows=4)
add('vmovd xmm0, [rdi+4]', rows=3)
add('vmovd eax, xmm2', rows=4)
add('vmovd [rdi+4], xmm2', rows=3)
add('vmovq xmm0, rax', rows=4)
add('vmovq rax, xmm2', rows=4)
add('vmovq xmm0, xmm2', rows=3)
add('{store} vmovq xmm0, xmm2', rows=3)
add('vmovq xmm0, [rdi+8]', rows=3)
add('vmovq [rdi+8], xmm2', rows=3)
add('vzeroupper', rows=3)
add('vzeroall', rows=3)
# ---- broadcasts, 128-bit lanes, permutes
for r in ['xmm', 'ymm']:
    add(f'vbroadcastss {r}0, [rdi+4]', rows=3)
    add(f'vbroadcastss {r}0, xmm2', rows=3)
    for m, off in [('vpbroadcastb', 3), ('vpbroadcastw', 6), ('vpbroadcastd', 4), ('vpbroadcastq', 8)]:
        add(f'{m} {r}0, xmm2', rows=3)
        add(f'{m} {r}0, [rdi+{off}]', rows=3)
add('vbroadcastsd ymm0, [rdi+8]', rows=3)
add('vbroadcastsd ymm0, xmm2', rows=3)
add('vbroadcastf128 ymm0, [rdi+16]', rows=3)
add('vbroadcasti128 ymm0, [rdi+16]', rows=3)
for m in ['vinsertf128', 'vinserti128']:
    for i in [0, 1, 3]:
        add(f'{m} ymm0, ymm1, xmm2, {i}', rows=3)
    add(f'{m} ymm0, ymm1, [rdi+8], 1', rows=3)
for m in ['vextractf128', 'vextracti128']:
    for i in [0, 1]:
        add(f'{m} xmm0, ymm2, {i}', rows=3)
        add(f'{m} [rdi+8], ymm2, {i}', rows=3)
for m in ['vperm2f128', 'vperm2i128']:
    for i in [0x20, 0x31, 0x03, 0x12, 0x88, 0x8b, 0xf0]:
        add(f'{m} ymm0, ymm1, ymm2, {i:#x}', rows=3)
    add(f'{m} ymm0, ymm1, [rdi+4], 0x21', rows=3)
for r in ['xmm', 'ymm']:
    for i in [0x1b, 0x4e, 0xb1, 0x00]:
        add(f'vpermilps {r}0, {r}2, {i:#x}', rows=3)
    add(f'vpermilps {r}0, [rdi+4], 0x1b', rows=3)
    for i in [0, 1, 2, 0x5, 0xa, 0xf]:
        add(f'vpermilpd {r}0, {r}2, {i:#x}', rows=3)
    add(f'vpermilpd {r}0, [rdi+8], 0x6', rows=3)
    for m in ['vpermilps', 'vpermilpd']:
        add(f'{m} {r}0, {r}1, {r}2', rows=8)
        add(f'{m} {r}0, {r}1, [rdi+4]', rows=4)
for m in ['vpermd', 'vpermps']:
    add(f'{m} ymm0, ymm1, ymm2', rows=8)
    add(f'{m} ymm0, ymm1, [rdi+4]', rows=4)
for m in ['vpermq', 'vpermpd']:
    for i in [0x1b, 0xd8, 0x00, 0xe4]:
        add(f'{m} ymm0, ymm2, {i:#x}', rows=3)
    add(f'{m} ymm0, [rdi+8], 0x4e', rows=3)
for r in ['xmm', 'ymm']:
    for m in ['vmaskmovps', 'vmaskmovpd', 'vpmaskmovd', 'vpmaskmovq']:
        add(f'{m} {r}0, {r}1, [rdi+4]', rows=8)
        add(f'{m} [rdi+4], {r}1, {r}2', rows=8)
    for m in ['vtestps', 'vtestpd', 'vptest']:
        add(f'{m} {r}0, {r}2', rows=12)
        add(f'{m} {r}0, [rdi+4]', rows=4)
    for m in ['vpsllvd', 'vpsllvq', 'vpsrlvd', 'vpsrlvq', 'vpsravd']:
        add(f'{m} {r}0, {r}1, {r}2', rows=10)
        add(f'{m} {r}0, {r}1, [rdi+4]', rows=4)
    for i in [0x05, 0xa5, 0xff, 0x3c]:
        add(f'vpblendd {r}0, {r}1, {r}2, {i:#x}', rows=3)
    add(f'vpblendd {r}0, {r}1, [rdi+4], 0x96', rows=3)
    add(f'vmovmskps eax, {r}2', F, rows=6)
    add(f'vmovmskpd eax, {r}2', D, rows=6)
    add(f'vpmovmskb eax, {r}2', rows=6)
# ---- in-lane forms: the VEX versions of SSE..SSE4.2 operations (each 128-bit lane as legacy SSE)
def both(m, ops, dom, rows, mem_off=4, l256=True):
    for r in (['xmm', 'ymm'] if l256 else ['xmm']):
        add(f'{m} ' + ops.format(r=r, m='[rdi+%d]' % mem_off).replace('MEM', '[rdi+%d]' % mem_off), dom, rows)
for t, dom in [('ps', F), ('pd', D)]:
    for op in ['vadd', 'vsub', 'vmul', 'vdiv', 'vmin', 'vmax', 'vand', 'vandn', 'vor', 'vxor', 'vunpckl', 'vunpckh',
               'vhadd', 'vhsub', 'vaddsub']:
        both(op + t, '{r}0, {r}1, {r}2', dom, 10)
        both(op + t, '{r}0, {r}1, MEM', dom, 3)
    for op in ['vsqrt']:
        both(op + t, '{r}0, {r}2', dom, 10)
        both(op + t, '{r}0, MEM', dom, 3)
    for p in [0, 1, 4, 7, 8, 13, 17, 24, 31]:
        both('vcmp' + t, '{r}0, {r}1, {r}2, %d' % p, dom, 8)
    both('vcmp' + t, '{r}0, {r}1, MEM, 3', dom, 3)
    for i in [0, 1, 2, 3, 4, 8, 9, 12]:
        both('vround' + t, '{r}0, {r}2, %d' % i, dom, 8)
    both('vround' + t, '{r}0, MEM, 1', dom, 3)
    both('vblend' + t, '{r}0, {r}1, {r}2, 0x5a', dom, 3)
    both('vblendv' + t, '{r}0, {r}1, {r}2, {r}3', dom, 6)
    both('vblendv' + t, '{r}0, {r}1, MEM, {r}3', dom, 3)
    both('vshuf' + t, '{r}0, {r}1, {r}2, 0x1b', dom, 3)
    both('vshuf' + t, '{r}0, {r}1, MEM, 0xb1', dom, 3)
    both('vmovmsk' + t, 'eax, {r}2', dom, 3) if False else None
both('vrsqrtps', '{r}0, {r}2', F, 6)
both('vrcpps', '{r}0, MEM', F, 6)
both('vdpps', '{r}0, {r}1, {r}2, 0xf1', F, 8)
both('vdpps', '{r}0, {r}1, MEM, 0x7e', F, 4)
for i in [0xff, 0xf1, 0x7e, 0x3c, 0xd2, 0xa5]:
    both('vdpps', '{r}0, {r}1, {r}2, %d' % i, 'nf', 8)
for i in [0x33, 0x31, 0x12, 0x23]:
    add(f'vdppd xmm0, xmm1, xmm2, {i:#x}', 'nd', 8)
add('vdppd xmm0, xmm1, xmm2, 0x31', D, 8)
add('vdppd xmm0, xmm1, [rdi+4], 0x22', D, 4)
for t, dom, sz in [('ss', F, 4), ('sd', D, 8)]:
    for op in ['vadd', 'vsub', 'vmul', 'vdiv', 'vmin', 'vmax', 'vsqrt']:
        add(f'{op}{t} xmm0, xmm1, xmm2', dom, 12)
        add(f'{op}{t} xmm0, xmm1, [rdi+{sz}]', dom, 3)
    for p in [0, 2, 5, 12, 19, 30]:
        add(f'vcmp{t} xmm0, xmm1, xmm2, {p}', dom, 8)
    for i in [0, 1, 4, 9]:
        add(f'vround{t} xmm0, xmm1, xmm2, {i}', dom, 8)
    add(f'vround{t} xmm0, xmm1, [rdi+{sz}], 2', dom, 3)
    for op in ['vcomi', 'vucomi']:
        add(f'{op}{t} xmm0, xmm2', dom, 10)
        add(f'{op}{t} xmm0, [rdi+{sz}]', dom, 3)
    for r in ['eax', 'rax']:
        add(f'vcvt{t}2si {r}, xmm2', dom, 8)
        add(f'vcvtt{t}2si {r}, xmm2', dom, 8)
        add(f'vcvtsi2{t} xmm0, xmm1, {r}', I, 6)
    add(f'vcvtt{t}2si eax, [rdi+{sz}]', dom, 3)
    add(f'vcvtsi2{t} xmm0, xmm1, dword ptr [rdi+4]', I, 3)
add('vrsqrtss xmm0, xmm1, xmm2', F, 6)
add('vrcpss xmm0, xmm1, [rdi+4]', F, 6)
add('vcvtss2sd xmm0, xmm1, xmm2', F, 8)
add('vcvtss2sd xmm0, xmm1, [rdi+4]', F, 3)
add('vcvtsd2ss xmm0, xmm1, xmm2', D, 8)
add('vcvtsd2ss xmm0, xmm1, [rdi+8]', D, 3)
for m, dom in [('vcvtdq2ps', I), ('vcvtps2dq', F), ('vcvttps2dq', F)]:
    both(m, '{r}0, {r}2', dom, 8)
    both(m, '{r}0, MEM', dom, 3)
add('vcvtps2pd xmm0, xmm2', F, 8); add('vcvtps2pd ymm0, xmm2', F, 8); add('vcvtps2pd ymm0, [rdi+4]', F, 3)
add('vcvtdq2pd xmm0, xmm2', I, 6); add('vcvtdq2pd ymm0, xmm2', I, 6); add('vcvtdq2pd ymm0, [rdi+4]', I, 3)
for m in ['vcvtpd2ps', 'vcvtpd2dq', 'vcvttpd2dq']:
    add(f'{m} xmm0, xmm2', D, 8); add(f'{m} xmm0, ymm2', D, 8)
    add(f'{m} xmm0, xmmword ptr [rdi+8]', D, 3); add(f'{m} xmm0, ymmword ptr [rdi+8]', D, 3)
add('vstmxcsr [rdi+4]', rows=2)
for m in ['vpunpcklbw', 'vpunpcklwd', 'vpunpckldq', 'vpunpcklqdq', 'vpunpckhbw', 'vpunpckhwd', 'vpunpckhdq',
          'vpunpckhqdq', 'vpacksswb', 'vpackssdw', 'vpackuswb', 'vpackusdw', 'vpcmpeqb', 'vpcmpeqw', 'vpcmpeqd',
          'vpcmpeqq', 'vpcmpgtb', 'vpcmpgtw', 'vpcmpgtd', 'vpcmpgtq', 'vpaddb', 'vpaddw', 'vpaddd', 'vpaddq',
          'vpsubb', 'vpsubw', 'vpsubd', 'vpsubq', 'vpaddsb', 'vpaddsw', 'vpaddusb', 'vpaddusw', 'vpsubsb',
          'vpsubsw', 'vpsubusb', 'vpsubusw', 'vpminub', 'vpminuw', 'vpminud', 'vpminsb', 'vpminsw', 'vpminsd',
          'vpmaxub', 'vpmaxuw', 'vpmaxud', 'vpmaxsb', 'vpmaxsw', 'vpmaxsd', 'vpavgb', 'vpavgw', 'vpmullw',
          'vpmulld', 'vpmulhw', 'vpmulhuw', 'vpmuludq', 'vpmuldq', 'vpmaddwd', 'vpmaddubsw', 'vpsadbw', 'vpand',
          'vpandn', 'vpor', 'vpxor', 'vpshufb', 'vphaddw', 'vphaddd', 'vphaddsw', 'vphsubw', 'vphsubd',
          'vphsubsw', 'vpsignb', 'vpsignw', 'vpsignd', 'vpmulhrsw']:
    both(m, '{r}0, {r}1, {r}2', I, 5)
    both(m, '{r}0, {r}1, MEM', I, 2)
for m in ['vpsllw', 'vpslld', 'vpsllq', 'vpsrlw', 'vpsrld', 'vpsrlq', 'vpsraw', 'vpsrad']:
    both(m, '{r}0, {r}1, xmm2', I, 6)
    both(m, '{r}0, {r}1, MEM', I, 2)
    for c in [0, 5, 17, 40]:
        both(m, '{r}0, {r}2, %d' % c, I, 2)
for m in ['vpslldq', 'vpsrldq']:
    for c in [3, 9, 16]:
        both(m, '{r}0, {r}2, %d' % c, I, 2)
for m in ['vpabsb', 'vpabsw', 'vpabsd']:
    both(m, '{r}0, {r}2', I, 4)
    both(m, '{r}0, MEM', I, 2)
for m, half in [('vpmovsxbw', 'q'), ('vpmovsxbd', 'd'), ('vpmovsxbq', 'w'), ('vpmovsxwd', 'q'), ('vpmovsxwq', 'd'),
                ('vpmovsxdq', 'q'), ('vpmovzxbw', 'q'), ('vpmovzxbd', 'd'), ('vpmovzxbq', 'w'), ('vpmovzxwd', 'q'),
                ('vpmovzxwq', 'd'), ('vpmovzxdq', 'q')]:
    add(f'{m} xmm0, xmm2', I, 4)
    add(f'{m} ymm0, xmm2', I, 4)
    add(f'{m} ymm0, [rdi+4]', I, 2)
    add(f'{m} xmm0, [rdi+4]', I, 2)
for m in ['vpshufd', 'vpshufhw', 'vpshuflw']:
    both(m, '{r}0, {r}2, 0x1b', I, 3)
    both(m, '{r}0, MEM, 0x93', I, 2)
for i in [0, 3, 8, 17, 31]:
    both('vpalignr', '{r}0, {r}1, {r}2, %d' % i, I, 3)
both('vpalignr', '{r}0, {r}1, MEM, 5', I, 2)
both('vpblendw', '{r}0, {r}1, {r}2, 0x5a', I, 3)
both('vpblendw', '{r}0, {r}1, MEM, 0xc3', I, 2)
both('vpblendvb', '{r}0, {r}1, {r}2, {r}3', I, 4)
both('vpblendvb', '{r}0, {r}1, MEM, {r}3', I, 2)
for i in [0, 1, 2, 5, 7]:
    both('vmpsadbw', '{r}0, {r}1, {r}2, %d' % i, I, 3)
both('vmpsadbw', '{r}0, {r}1, MEM, 6', I, 2)
add('vphminposuw xmm0, xmm2', I, 6)
add('vphminposuw xmm0, [rdi+4]', I, 2)
both('vptest', '{r}0, {r}2', I, 0) if False else None
for m, c in [('vpextrb', 13), ('vpextrw', 5), ('vpextrd', 3), ('vpextrq', 1)]:
    reg = 'rax' if m == 'vpextrq' else 'eax'
    add(f'{m} {reg}, xmm2, {c}', I, 3)
    add(f'{m} [rdi+4], xmm2, {c}', I, 2)
add('vpextrw eax, xmm2, 6', I, 3)  # the C5 form
add('vextractps eax, xmm2, 2', F, 3)
add('vextractps [rdi+4], xmm2, 3', F, 2)
for m, c, r in [('vpinsrb', 9, 'eax'), ('vpinsrw', 6, 'eax'), ('vpinsrd', 2, 'eax'), ('vpinsrq', 1, 'rax')]:
    add(f'{m} xmm0, xmm1, {r}, {c}', I, 3)
    add(f'{m} xmm0, xmm1, [rdi+4], {c}', I, 2)
for i in [0x00, 0x4e, 0xe3, 0x3f]:
    add(f'vinsertps xmm0, xmm1, xmm2, {i:#x}', F, 3)
add('vinsertps xmm0, xmm1, [rdi+4], 0x90', F, 2)
for m in ['vpcmpestri', 'vpcmpestrm', 'vpcmpistri', 'vpcmpistrm']:
    for i in [0x00, 0x0c, 0x18, 0x44, 0x3a]:
        add(f'{m} xmm1, xmm2, {i:#x}', I, 4)
    for i in [0x00, 0x01, 0x02, 0x04, 0x05, 0x08, 0x09, 0x0c, 0x0d, 0x10, 0x14, 0x1c, 0x30, 0x38, 0x3c, 0x40,
              0x44, 0x48, 0x4c, 0x70, 0x74, 0x7c, 0x0e, 0x0b]:
        add(f'{m} xmm1, xmm2, {i:#x}', 's', 6)
    add(f'{m} xmm1, [rdi+4], 0x08', I, 2)
    add(f'{m} xmm1, [rdi+3], 0x0c', 's', 3)
# ---- FMA3
for v in ['vfmadd', 'vfmsub', 'vfnmadd', 'vfnmsub', 'vfmaddsub', 'vfmsubadd']:
    for o in ['132', '213', '231']:
        for t, dom in [('ps', F), ('pd', D), ('ss', F), ('sd', D)]:
            if t in ('ss', 'sd') and v in ('vfmaddsub', 'vfmsubadd'):
                continue
            m = v + o + t
            if t in ('ss', 'sd'):
                add(f'{m} xmm0, xmm1, xmm2', dom, rows=30)
                add(f'{m} xmm0, xmm1, [rdi+{4 if t == "ss" else 8}]', dom, rows=4)
            else:
                add(f'{m} xmm0, xmm1, xmm2', dom, rows=16)
                add(f'{m} ymm0, ymm1, ymm2', dom, rows=16)
                add(f'{m} ymm0, ymm1, [rdi+4]', dom, rows=4)

for m, dom in [('vfmadd231pd', 'ed'), ('vfnmadd231pd', 'ed'), ('vfmsub231pd', 'ed'), ('vfmadd231ps', 'ef'),
               ('vfnmsub231ps', 'ef'), ('vfmaddsub231ps', 'ef')]:
    add(f'{m} ymm0, ymm1, ymm2', dom, 24)   # every edge triple under each MXCSR mode
add('vfmadd231sd xmm0, xmm1, xmm2', 'ed', 48)
add('vfnmsub231ss xmm0, xmm1, xmm2', 'ef', 48)

def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, **kw)

def assemble(tmp, text):
    s = os.path.join(tmp, 'i.s'); o = os.path.join(tmp, 'i.o'); b = os.path.join(tmp, 'i.bin')
    with open(s, 'w') as fh:
        fh.write('.intel_syntax noprefix\n' + text + '\n')
    run(['as', '--64', '-o', o, s]); run(['objcopy', '-O', 'binary', '-j', '.text', o, b])
    return open(b, 'rb').read().hex()

def asm_escape(text):
    return text.replace('{', '%{').replace('}', '%}')  # braces select asm dialects in gcc templates

def ymm3(y1, y2):
    return [y1[i] ^ y2[3 - i] for i in range(4)]

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        code = ['#include <stdint.h>', '#include <stdio.h>',
                'typedef struct { uint64_t y[4][4]; uint64_t rax, fl; uint32_t mx, pad; uint64_t pad2[5];'
                ' uint64_t mem[8]; } __attribute__((aligned(64))) st;']
        clob = ', '.join(f'"xmm{i}"' for i in range(16))
        for n, (text, _, _) in enumerate(INSNS):
            code.append(f'static void run{n}(st *s) {{ __asm__ volatile('
                        '"vmovdqu (%0), %%ymm0\\n vmovdqu 32(%0), %%ymm1\\n vmovdqu 64(%0), %%ymm2\\n vmovdqu 96(%0), %%ymm3\\n'
                        ' mov 128(%0), %%rax\\n mov $7, %%edx\\n xor %%ecx, %%ecx\\n ldmxcsr 144(%0)\\n add $192, %0\\n push -56(%0)\\n popfq\\n"'
                        f'".intel_syntax noprefix\\n {asm_escape(text)}\\n .att_syntax prefix\\n"'
                        '"pushfq\\n pop -56(%0)\\n stmxcsr -48(%0)\\n mov %%rax, -64(%0)\\n mov %%rcx, -40(%0)\\n vmovdqu %%ymm0, -192(%0)\\n'
                        ' vmovdqu %%ymm1, -160(%0)\\n vmovdqu %%ymm2, -128(%0)\\n vmovdqu %%ymm3, -96(%0)\\n sub $192, %0\\n vzeroupper\\n"'
                        f' :: "D"(s) : "rax", "rcx", "rdx", {clob}, "memory", "cc"); }}')
        code.append('typedef void (*fn)(st *);')
        code.append('static fn FNS[] = {' + ', '.join(f'run{n}' for n in range(len(INSNS))) + '};')
        code.append('int main(void) { static st s; int n, i, j; unsigned long long v[15];'
                    ' while (scanf("%d", &n) == 1) { for (i = 0; i < 15; i++) scanf("%llx", &v[i]);'
                    ' for (i = 0; i < 3; i++) for (j = 0; j < 4; j++) s.y[i][j] = v[4 * i + j];'
                    ' for (j = 0; j < 4; j++) s.y[3][j] = s.y[1][j] ^ s.y[2][3 - j];'
                    ' for (j = 0; j < 4; j++) { s.mem[j] = s.y[2][j]; s.mem[4 + j] = s.y[1][j]; }'
                    ' s.rax = v[12]; s.fl = v[13]; s.mx = (uint32_t) v[14]; FNS[n](&s);'
                    ' for (i = 0; i < 4; i++) for (j = 0; j < 4; j++) printf("%llx ", (unsigned long long) s.y[i][j]);'
                    ' printf("%llx %llx %x %llx", (unsigned long long) s.rax, (unsigned long long) (s.fl & 0x8d5), s.mx, (unsigned long long) s.pad2[0]);'
                    ' for (j = 0; j < 8; j++) printf(" %llx", (unsigned long long) s.mem[j]); printf("\\n"); } return 0; }')
        c = os.path.join(tmp, 'g.c'); exe = os.path.join(tmp, 'g')
        open(c, 'w').write('\n'.join(code) + '\n')
        run(['gcc', '-O1', '-mno-red-zone', '-o', exe, c])
        cases = []
        for n, (text, dom, rows) in enumerate(INSNS):
            hexb = assemble(tmp, text)
            for k in range(rows):
                y = edge_vecs(dom) if dom in ('ed', 'ef') else [vec(dom) for _ in range(3)]
                mx = MXCSRS[k % len(MXCSRS)] if text.startswith('vf') else 0x1f80
                rax = rnd.choice([0, 1, 3, 5, 8, 9, 16, 17, -4 & M64, -20 & M64]) if dom == 's' else RAX[(k + n) % len(RAX)]
                cases.append((n, hexb, y, rax, 0x2 if k % 2 == 0 else 0x8d7, mx))
        inp = ''.join(f'{n} ' + ' '.join(f'{w:x}' for v in y for w in v) + f' {r:x} {fl:x} {mx:x}\n'
                      for n, _, y, r, fl, mx in cases)
        out = run([exe], input=inp.encode()).stdout.decode().split('\n')
        cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
        with gzip.open(os.path.join(here, 'vex.txt.gz'), 'wt') as fh:
            fh.write(f'# generated by gen_vex.py on: {cpu}\n')
            fh.write('# hex y0[4] y1[4] y2[4] rax flags mxcsr -> y0[4] y1[4]|= y2[4]|= rax flags mxcsr rcx mem[8]|= | text\n')
            for (n, hexb, y, r, fl, mx), res in zip(cases, out):
                o = [int(w, 16) for w in res.split()]
                oy = [o[0:4], o[4:8], o[8:12], o[12:16]]
                assert oy[3] == ymm3(y[1], y[2]) or INSNS[n][0].startswith('vzero'), (INSNS[n][0], 'ymm3 changed')
                omem = o[20:28]
                cols = [' '.join(f'{w:x}' for w in oy[0])]
                for i in (1, 2):
                    cols.append('=' if oy[i] == y[i] else ' '.join(f'{w:x}' for w in oy[i]))
                cols.append(f'{o[16]:x} {o[17]:x} {o[18]:x} {o[19]:x}')
                cols.append('=' if omem == y[2] + y[1] else ' '.join(f'{w:x}' for w in omem))
                ins = ' '.join(f'{w:x}' for v in y for w in v)
                fh.write(f'{hexb} {ins} {r:x} {fl:x} {mx:x} -> {" ".join(cols)} | {INSNS[n][0]}\n')

if __name__ == '__main__':
    main()
