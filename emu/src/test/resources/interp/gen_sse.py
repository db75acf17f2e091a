#!/usr/bin/env python3
"""Reference generator for jnbox's SSE/SSE2 interpreter test (InterpSseHostTest).

For each instruction below (register operands: xmm0 is the destination, xmm1 the source, rax
the general register) it assembles the instruction with GNU as to get its bytes, runs it natively
on the host CPU (a generated C program with inline asm) for many inputs, and writes sse.txt:
    hexbytes x0lo x0hi x1lo x1hi rax flags_in -> x0lo x0hi rax flags_out mxcsr_out
(64-bit hex; flags masked to OF|SF|ZF|AF|PF|CF; MXCSR starts at its default 0x1F80, so the
output shows the exception flags the instruction raised). Run: ./gen_sse.py (needs gcc, as, objcopy).
"""
import itertools, os, random, struct, subprocess, tempfile

def d(x): return struct.unpack('<Q', struct.pack('<d', x))[0]
def f(x): return struct.unpack('<I', struct.pack('<f', x))[0]

QNAN_D, SNAN_D, NQNAN_D = 0x7ff8000000000123, 0x7ff4000000000456, 0xfff8000000000789
QNAN_F, SNAN_F = 0x7fc00123, 0x7fa00456
DOUBLES = [d(0.0), d(-0.0), d(1.0), d(-1.0), d(1.5), d(2.5), d(-2.5), d(0.1), d(1e300), d(-1e300),
           d(float('inf')), d(float('-inf')), QNAN_D, SNAN_D, NQNAN_D, 1, d(2147483647.5), d(-2147483648.5),
           d(2.0**63), d(-2.0**63), d(3e9), d(1e-310)]
FLOATS = [f(0.0), f(-0.0), f(1.0), f(-1.0), f(1.5), f(2.5), f(-2.5), f(0.1), f(3e38), f(float('inf')),
          f(float('-inf')), QNAN_F, SNAN_F, 1, f(2147483648.0), f(-3.5)]
rnd = random.Random(20261123)
INTS = [0, 0xffffffffffffffff, 0x0123456789abcdef, 0x8000000000000000, 0x7f80ff0001fe7fff,
        0x00ff00ff80018000, 0x8000800080008000, 0x7fff7fff00000001, 3, 17, 64] + [rnd.getrandbits(64) for _ in range(5)]
RAX = [0, 1, 0xffffffffffffffff, 0x80000000, 0x7fffffff, 0x123456789, 0x8000000000000000, 0xfffffffffffffffe]

def dpairs():
    small = DOUBLES
    return [((a, rnd.getrandbits(64)), (b, rnd.getrandbits(64))) for a in small for b in small]

def fq(vals):
    return vals[0] | vals[1] << 32, vals[2] | vals[3] << 32

def fpairs():
    out = []
    for a in FLOATS:
        for b in FLOATS:
            c = FLOATS[(FLOATS.index(a) + 3) % len(FLOATS)]
            e = FLOATS[(FLOATS.index(b) + 5) % len(FLOATS)]
            out.append((fq([a, c, e, b]), fq([b, e, a, c])))
    return out

def ipairs():
    return [((a, b), (b ^ 0x5555aaaa5555aaaa, a)) for a in INTS for b in INTS]

def dpairs_packed():
    return [((a, b), (b, a)) for a in DOUBLES for b in DOUBLES]

D, F, I, DP = 'd', 'f', 'i', 'dp'
INSNS = []
for op in ['addsd', 'subsd', 'mulsd', 'divsd', 'minsd', 'maxsd', 'sqrtsd', 'ucomisd', 'comisd', 'cvtsd2ss',
           'movsd', 'cvtss2sd', 'andpd', 'orpd', 'xorpd', 'andnpd']:
    INSNS.append((f'{op} xmm0, xmm1', D))
for p in range(8):
    INSNS.append((f'cmpsd xmm0, xmm1, {p}', D))
for op in ['addpd', 'subpd', 'mulpd', 'divpd', 'minpd', 'maxpd', 'sqrtpd', 'cvtpd2ps', 'cvttpd2dq', 'cvtpd2dq',
           'unpcklpd', 'unpckhpd']:
    INSNS.append((f'{op} xmm0, xmm1', DP))
INSNS += [('shufpd xmm0, xmm1, 1', DP), ('shufpd xmm0, xmm1, 2', DP), ('cmppd xmm0, xmm1, 1', DP),
          ('movmskpd eax, xmm1', DP), ('cvttsd2si eax, xmm1', D), ('cvttsd2si rax, xmm1', D),
          ('cvtsd2si eax, xmm1', D), ('cvtsd2si rax, xmm1', D)]
for op in ['addss', 'subss', 'mulss', 'divss', 'minss', 'maxss', 'sqrtss', 'ucomiss', 'comiss', 'movss',
           'addps', 'subps', 'mulps', 'divps', 'minps', 'maxps', 'sqrtps', 'cvtps2pd', 'cvtdq2ps', 'cvtps2dq',
           'cvttps2dq', 'unpcklps', 'unpckhps', 'movhlps', 'movlhps', 'andps', 'xorps']:
    INSNS.append((f'{op} xmm0, xmm1', F))
INSNS += [('cmpss xmm0, xmm1, 2', F), ('cmpps xmm0, xmm1, 4', F), ('shufps xmm0, xmm1, 0x1b', F),
          ('shufps xmm0, xmm1, 0xb1', F), ('movmskps eax, xmm1', F), ('cvttss2si eax, xmm1', F),
          ('cvttss2si rax, xmm1', F), ('cvtss2si eax, xmm1', F), ('cvtss2si rax, xmm1', F)]
for op in ['pxor', 'por', 'pand', 'pandn', 'paddb', 'paddw', 'paddd', 'paddq', 'psubb', 'psubw', 'psubd', 'psubq',
           'pcmpeqb', 'pcmpeqw', 'pcmpeqd', 'pcmpgtb', 'pcmpgtw', 'pcmpgtd', 'pminub', 'pmaxub', 'pminsw',
           'pmaxsw', 'paddusb', 'paddusw', 'psubusb', 'psubusw', 'paddsb', 'paddsw', 'psubsb', 'psubsw', 'pavgb',
           'pavgw', 'pmullw', 'pmulhw', 'pmulhuw', 'pmuludq', 'pmaddwd', 'psadbw', 'punpcklbw', 'punpcklwd',
           'punpckldq', 'punpcklqdq', 'punpckhbw', 'punpckhwd', 'punpckhdq', 'punpckhqdq', 'packsswb',
           'packssdw', 'packuswb', 'psllw', 'pslld', 'psllq', 'psrlw', 'psrld', 'psrlq', 'psraw', 'psrad',
           'movdqa', 'movdqu', 'movaps', 'movups', 'movq', 'cvtdq2pd']:
    INSNS.append((f'{op} xmm0, xmm1', I))
for op in ['psllw', 'pslld', 'psllq', 'psrlw', 'psrld', 'psrlq', 'psraw', 'psrad']:
    for c in [0, 3, 17, 40]:
        INSNS.append((f'{op} xmm0, {c}', I))
INSNS += [('pslldq xmm0, 3', I), ('pslldq xmm0, 9', I), ('psrldq xmm0, 5', I), ('psrldq xmm0, 12', I),
          ('pshufd xmm0, xmm1, 0x1b', I), ('pshufd xmm0, xmm1, 0x4e', I), ('pshuflw xmm0, xmm1, 0x1b', I),
          ('pshufhw xmm0, xmm1, 0x93', I), ('pmovmskb eax, xmm1', I), ('pextrw eax, xmm1, 5', I),
          ('pinsrw xmm0, eax, 6', I), ('movd xmm0, eax', I), ('movq xmm0, rax', I), ('movd eax, xmm1', I),
          ('movq rax, xmm1', I), ('cvtsi2sd xmm0, eax', I), ('cvtsi2sd xmm0, rax', I), ('cvtsi2ss xmm0, eax', I),
          ('cvtsi2ss xmm0, rax', I)]

def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, **kw)

def assemble(tmp, text):
    s = os.path.join(tmp, 'i.s'); o = os.path.join(tmp, 'i.o'); b = os.path.join(tmp, 'i.bin')
    with open(s, 'w') as fh:
        fh.write('.intel_syntax noprefix\n' + text + '\n')
    run(['as', '--64', '-o', o, s]); run(['objcopy', '-O', 'binary', '-j', '.text', o, b])
    return open(b, 'rb').read().hex()

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        code = ['#include <stdint.h>', '#include <stdio.h>',
                'typedef struct { uint64_t x0[2], x1[2], rax, fl; uint32_t mx; } st;']
        for n, (text, _) in enumerate(INSNS):
            code.append(f'static void run{n}(st *s) {{ __asm__ volatile('
                        '"movdqu (%0), %%xmm0\\n movdqu 16(%0), %%xmm1\\n mov 32(%0), %%rax\\n ldmxcsr 48(%0)\\n push 40(%0)\\n popfq\\n"'
                        f'".intel_syntax noprefix\\n {text}\\n .att_syntax prefix\\n"'
                        '"pushfq\\n pop 40(%0)\\n stmxcsr 48(%0)\\n mov %%rax, 32(%0)\\n movdqu %%xmm0, (%0)\\n"'
                        ' :: "r"(s) : "rax", "xmm0", "xmm1", "memory", "cc"); }')
        code.append('typedef void (*fn)(st *);')
        code.append('static fn FNS[] = {' + ', '.join(f'run{n}' for n in range(len(INSNS))) + '};')
        code.append('int main(void) { st s; int n; unsigned long long a, b, c, e, r, fl;'
                    ' while (scanf("%d %llx %llx %llx %llx %llx %llx", &n, &a, &b, &c, &e, &r, &fl) == 7) {'
                    ' s.x0[0] = a; s.x0[1] = b; s.x1[0] = c; s.x1[1] = e; s.rax = r; s.fl = fl; s.mx = 0x1f80; FNS[n](&s);'
                    ' printf("%llx %llx %llx %llx %x\\n", (unsigned long long)s.x0[0], (unsigned long long)s.x0[1],'
                    ' (unsigned long long)s.rax, (unsigned long long)(s.fl & 0x8d5), s.mx); } return 0; }')
        c = os.path.join(tmp, 'g.c'); exe = os.path.join(tmp, 'g')
        open(c, 'w').write('\n'.join(code) + '\n')
        run(['gcc', '-O1', '-mno-red-zone', '-o', exe, c])
        cases = []
        for n, (text, dom) in enumerate(INSNS):
            hexb = assemble(tmp, text)
            pairs = {D: dpairs, F: fpairs, I: ipairs, DP: dpairs_packed}[dom]()
            step = 10 if dom in (D, DP) else 6  # a deterministic sample keeps the file small
            pairs = [p for k, p in enumerate(pairs) if (k + n) % step == 0]
            for k, ((a0, a1), (b0, b1)) in enumerate(pairs):
                cases.append((n, hexb, a0, a1, b0, b1, RAX[k % len(RAX)], 0x2 if k % 2 == 0 else 0x8d7))
        inp = ''.join(f'{n} {a0:x} {a1:x} {b0:x} {b1:x} {r:x} {fl:x}\n' for n, _, a0, a1, b0, b1, r, fl in cases)
        out = run([exe], input=inp.encode()).stdout.decode().split('\n')
        cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
        with open(os.path.join(here, 'sse.txt'), 'w') as fh:
            fh.write(f'# generated by gen_sse.py on: {cpu}\n')
            fh.write('# hexbytes x0lo x0hi x1lo x1hi rax flags_in -> x0lo x0hi rax flags_out mxcsr   (asm text after |)\n')
            for (n, hexb, a0, a1, b0, b1, r, fl), res in zip(cases, out):
                fh.write(f'{hexb} {a0:x} {a1:x} {b0:x} {b1:x} {r:x} {fl:x} -> {res} | {INSNS[n][0]}\n')

if __name__ == '__main__':
    main()
