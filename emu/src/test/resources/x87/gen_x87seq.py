#!/usr/bin/env python3
"""Reference generator for jnbox's x87 interpreter test (X87SequenceHostTest).

Builds 1000 random sequences of 20 x87 instructions (AT&T syntax below, assembled by the host `as`),
operating on the register stack and on a 384-byte data block addressed by rbx, runs each natively
from a random data block, control word and RFLAGS, and writes x87seq.txt:
    hexcode flags_in data_in(256 bytes hex) -> flags_out data_out(364 bytes hex)
Each sequence starts with fninit and fldcw 248(%rbx) and ends with fnsave 256(%rbx), so the output
holds every store, the control/status/tag words and all eight registers (FIP/FDP are not compared).
Exceptions stay masked (the cw bits 0-5 are always set); stack overflow/underflow happens on purpose.
Run: ./gen_x87seq.py (needs gcc and as); X87SEQ_TRANS=1 X87SEQ_COUNT=800 X87SEQ_LEN=4 ./gen_x87seq.py writes
x87trans.txt, sequences of loads ending in one transcendental, whose registers the test compares within 1 ulp.
"""
import os, random, struct, subprocess, tempfile

F80 = [10 * i for i in range(8)]
F64 = [80, 88, 96, 104]
F32 = [112, 116, 120, 124]
ARITH = ['fadd', 'fsub', 'fsubr', 'fmul', 'fdiv', 'fdivr']

def pool():
    """(asm text, stack delta) pairs."""
    p = []
    for o in F80: p.append((f'fldt {o}(%rbx)', 1))
    for o in F64: p.append((f'fldl {o}(%rbx)', 1))
    for o in F32: p.append((f'flds {o}(%rbx)', 1))
    p += [('fildll 128(%rbx)', 1), ('fildll 136(%rbx)', 1), ('fildl 144(%rbx)', 1), ('fildl 148(%rbx)', 1),
          ('filds 152(%rbx)', 1), ('filds 154(%rbx)', 1)]
    for c in ['fld1', 'fldz', 'fldpi', 'fldl2e', 'fldl2t', 'fldlg2', 'fldln2']: p.append((c, 1))
    for i in range(8): p.append((f'fld %st({i})', 1))
    for a in ARITH:
        for i in range(8):
            p.append((f'{a} %st({i}), %st', 0))
            p.append((f'{a} %st, %st({i})', 0))
            if i > 0: p.append((f'{a}p %st, %st({i})', -1))
        for o in F64: p.append((f'{a}l {o}(%rbx)', 0))
        for o in F32: p.append((f'{a}s {o}(%rbx)', 0))
        p += [(f'fi{a[1:]}l 144(%rbx)', 0), (f'fi{a[1:]}s 152(%rbx)', 0)]
    for i in range(8):
        p += [(f'fcom %st({i})', 0), (f'fcomp %st({i})', -1), (f'fucom %st({i})', 0), (f'fucomp %st({i})', -1),
              (f'fcomi %st({i}), %st', 0), (f'fucomi %st({i}), %st', 0), (f'fcomip %st({i}), %st', -1),
              (f'fucomip %st({i}), %st', -1), (f'fxch %st({i})', 0), (f'fst %st({i})', 0), (f'fstp %st({i})', -1)]
        for cc in ['b', 'e', 'be', 'u', 'nb', 'ne', 'nbe', 'nu']: p.append((f'fcmov{cc} %st({i}), %st', 0))
    p += [('ffree %st(1)', 0), ('ffree %st(3)', 0)]
    p += [('fcoml 80(%rbx)', 0), ('fcomps 112(%rbx)', -1), ('ficoml 144(%rbx)', 0), ('ficomps 152(%rbx)', -1),
          ('fcompp', -2), ('fucompp', -2)]
    for c in ['fchs', 'fabs', 'fsqrt', 'frndint', 'fxam', 'ftst', 'fscale', 'fprem', 'fprem1', 'fnop']: p.append((c, 0))
    p += [('fxtract', 1), ('fincstp', 0), ('fdecstp', 0)]
    p += [('fsts 160(%rbx)', 0), ('fstps 164(%rbx)', -1), ('fstl 168(%rbx)', 0), ('fstpl 176(%rbx)', -1),
          ('fstpt 192(%rbx)', -1), ('fistpll 208(%rbx)', -1), ('fistl 216(%rbx)', 0), ('fists 220(%rbx)', 0),
          ('fistpl 216(%rbx)', -1), ('fistps 220(%rbx)', -1), ('fisttpll 224(%rbx)', -1), ('fisttpl 232(%rbx)', -1),
          ('fisttps 236(%rbx)', -1), ('fbstp 192(%rbx)', -1)]
    # state round trips (fnsave reinitialises, frstor brings everything back)
    p += [('fnsave 256(%rbx); frstor 256(%rbx)', 0), ('fnstenv 256(%rbx); fldenv 256(%rbx)', 0),
          ('fnstsw 240(%rbx)', 0), ('fnstcw 242(%rbx)', 0)]
    return p

def trans_pool():
    """Loads plus the transcendentals (x87trans.txt: compared within 1 ulp by the test)."""
    p = [x for x in pool() if x[1] > 0 and not x[0].startswith('fxtract')]
    # f2xm1 and fyl2xp1 are undefined outside |x| <= 1 and |x| < 1 - sqrt(2)/2: fed log10(2) first
    p += [('fsin', 0), ('fcos', 0), ('fptan', 1), ('fsincos', 1), ('fpatan', -1), ('fldlg2; f2xm1', 1), ('fyl2x', -1),
          ('fldlg2; fyl2xp1', 0)] * 6
    return p

def f80(rnd):
    s = rnd.getrandbits(1) << 15
    k = rnd.randrange(12)
    m = rnd.getrandbits(64) | 1 << 63
    if k == 0: return s, 0
    if k == 1: return s, rnd.getrandbits(64) >> rnd.randrange(64)
    if k == 2: return s | 0x7FFF, 1 << 63
    if k == 3: return s | 0x7FFF, 0xC000000000000000 | rnd.getrandbits(40)
    if k == 4: return s | 0x7FFF, 0x8000000000000000 | 1 | rnd.getrandbits(40)
    if k == 5: return s | (0x3FFF + rnd.randrange(70)), m & (~0 << rnd.randrange(64)) & (2**64 - 1)
    return s | (0x3FFF - 40 + rnd.randrange(80)), m

def data(rnd):
    b = bytearray(256)
    for o in F80:
        se, m = f80(rnd)
        struct.pack_into('<QH', b, o, m, se)
    for o in F64:
        v = rnd.choice([rnd.uniform(-1e6, 1e6), rnd.uniform(-4, 4), 0.0, -0.0, float('inf'), 1e-310, 3.0, 0.5])
        struct.pack_into('<d', b, o, v) if rnd.random() < 0.8 else struct.pack_into('<Q', b, o, rnd.getrandbits(64))
    for o in F32:
        v = rnd.choice([rnd.uniform(-1e3, 1e3), 2.5, -0.0, 1e-40, float('nan'), 7.0])
        struct.pack_into('<f', b, o, v) if rnd.random() < 0.8 else struct.pack_into('<I', b, o, rnd.getrandbits(32))
    struct.pack_into('<qq', b, 128, rnd.getrandbits(63) * rnd.choice([1, -1]) >> rnd.randrange(63), rnd.randrange(-100, 100))
    struct.pack_into('<iihh', b, 144, rnd.randrange(-2**31, 2**31), rnd.randrange(-9, 9), rnd.randrange(-2**15, 2**15), 3)
    cw = 0x3F | rnd.choice([0, 2, 3]) << 8 | rnd.randrange(4) << 10
    struct.pack_into('<H', b, 248, cw)
    return bytes(b)

def assemble(lines, tmp):
    s = os.path.join(tmp, 'a.s'); o = os.path.join(tmp, 'a.o'); bn = os.path.join(tmp, 'a.bin')
    open(s, 'w').write('.text\n' + '\n'.join(lines).replace('; ', '\n') + '\n')
    subprocess.run(['as', '--64', '-o', o, s], check=True)
    subprocess.run(['objcopy', '-O', 'binary', '-j', '.text', o, bn], check=True)
    return open(bn, 'rb').read()

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rnd = random.Random(87087)
    trans = os.environ.get('X87SEQ_TRANS')  # x87trans.txt: ./gen_x87seq.py with X87SEQ_TRANS=1
    p = trans_pool() if trans else pool()
    loads = [x for x in p if x[1] > 0]
    seqs = []
    replay = os.environ.get('X87SEQ_REPLAY')  # debugging: every prefix of the sequences in that file
    with tempfile.TemporaryDirectory() as tmp:
        if replay:
            lines = open(replay).read().split('\n')
            for k, l in enumerate(lines):
                if l.startswith('# fninit'):
                    body = l[2:].split('; ')
                    f = lines[k + 1].split(' ')
                    for n in range(3, len(body)):
                        pre = body[:n] + [body[-1]]
                        seqs.append((assemble(pre, tmp).hex(), pre, int(f[1], 16), bytes.fromhex(f[2])))
        for _ in range(0 if replay else int(os.environ.get('X87SEQ_COUNT', '1000'))):
            depth, body = 0, ['fninit', 'fldcw 248(%rbx)']
            n = int(os.environ.get('X87SEQ_LEN', '20'))
            for k in range(n):
                if trans:  # one transcendental, at the end, after loads (chained ones would amplify 1-ulp differences)
                    ins = rnd.choice([x for x in p if x[0] not in [y[0] for y in loads]]) if k == n - 1 else rnd.choice(loads)
                else:
                    ins = rnd.choice(loads) if depth < 2 and rnd.random() < 0.8 else rnd.choice(p)
                body.append(ins[0])
                depth = max(0, min(8, depth + ins[1]))
            body.append('fnsave 256(%rbx)')
            code = assemble(body, tmp)
            seqs.append((code.hex(), body, 2 | (rnd.getrandbits(12) & 0x8d5), data(rnd)))
        src = ['#include <stdio.h>', '#include <stdint.h>', '#include <string.h>',
               'typedef struct { uint64_t fl; unsigned char d[384]; } st;']
        for n, (code, _, _, _) in enumerate(seqs):
            bs = ','.join(str(b) for b in bytes.fromhex(code))
            src.append(f'static void s{n}(st *s) {{ __asm__ volatile("mov %0, %%r8\\n lea 8(%%r8), %%rbx\\n push (%%r8)\\n'
                       f' popfq\\n .byte {bs}\\n pushfq\\n pop (%%r8)\\n" :: "r"(s) : "rbx", "r8", "memory", "cc"); }}')
        src.append('static void (*FNS[])(st *) = {' + ', '.join(f's{n}' for n in range(len(seqs))) + '};')
        src.append('int main(void) { static st s; int n; unsigned long long fl; char hex[513];'
                   ' while (scanf("%d %llx %512s", &n, &fl, hex) == 3) { memset(&s, 0, sizeof s); s.fl = fl;'
                   ' for (int i = 0; i < 256; i++) { unsigned v; sscanf(hex + 2 * i, "%2x", &v); s.d[i] = (unsigned char) v; }'
                   ' FNS[n](&s); printf("%llx ", (unsigned long long) (s.fl & 0x8d5));'
                   ' for (int i = 0; i < 364; i++) printf("%02x", s.d[i]); printf("\\n"); } return 0; }')
        c = os.path.join(tmp, 's.c'); exe = os.path.join(tmp, 's')
        open(c, 'w').write('\n'.join(src) + '\n')
        subprocess.run(['gcc', '-O0', '-mno-red-zone', '-o', exe, c], check=True)
        inp = ''.join(f'{n} {fl:x} {d.hex()}\n' for n, (_, _, fl, d) in enumerate(seqs))
        out = subprocess.run([exe], input=inp, capture_output=True, text=True, check=True).stdout.split('\n')
    cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
    name = 'x87trans.txt' if trans else 'x87seq.txt'
    with open(os.environ.get('X87SEQ_OUT', os.path.join(here, name)), 'w') as fh:
        fh.write(f'# generated by gen_x87seq.py on: {cpu}\n')
        fh.write('# hexcode flags_in data_in -> flags_out data_out; the instructions follow each line as a comment\n')
        for (code, body, fl, d), res in zip(seqs, out):
            fh.write(f'# {"; ".join(body)}\n{code} {fl:x} {d.hex()} -> {res}\n')

if __name__ == '__main__':
    main()
