#!/usr/bin/env python3
# Regenerates cases for ncval-differential.txt from NaCl's real validator (never run by the build).
#   build ncval: ../shared/tools/reference-oracles/build-ncval.sh <native_client mirror>
#   usage: ncval-differential-gen.py MODE SEED COUNT > cases.txt
#     MODE mix: random bytes, instruction-like strings, mutated valid cases of the NaCl test files
#     MODE vex: random VEX instructions;  MODE real: mutated bundles of the corpus nexes' text
# Output lines: HEX | RETURN CODE | ERRORS (' ; ' separated, warnings dropped)
import glob, os, random, re, struct, subprocess, sys

mode, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(seed)
NCVAL = os.environ.get('NCVAL', os.path.expanduser('~/.cache/jnbox-reference/ncval'))
SHARED = os.environ.get('JNBOX_SHARED', '../shared')
PREF = [0x66, 0xf2, 0xf3, 0xf0, 0x2e, 0x3e, 0x67, 0x64, 0x40, 0x41, 0x44, 0x48, 0x49, 0x4c, 0x4d, 0xc4, 0xc5, 0x0f]

def valid_snippets():
    out = []
    for f in sorted(glob.glob(SHARED + '/spec/validator-tests/64/*.test')):
        for case in re.split(r'\n-{3,}\s*\n', open(f).read()):
            m = re.search(r'@hex:\n(.*?)\n@dis', case, re.S)
            if not m or 'return code: 0' not in case:
                continue
            bs = []
            for line in m.group(1).split('\n'):
                bs += [int(t, 16) for t in line.split('#')[0].replace('\\\\', '').split()]
            if bs:
                out.append(bs)
    return out

def texts():
    out = []
    for f in ['irt/irt_core_x86_64.pepper49.nexe', 'glibc/runnable-ld.so', 'newlib/hello_world.nexe']:
        d = open(SHARED + '/corpus/' + f, 'rb').read()
        phoff = struct.unpack_from('<Q', d, 32)[0]
        for i in range(struct.unpack_from('<H', d, 56)[0]):
            t, fl, off, va, pa, fs, ms, al = struct.unpack_from('<IIQQQQQQ', d, phoff + 56 * i)
            if t == 1 and fl & 1:
                out.append(d[off:off + fs])
    return out

def mutate(b, k):
    for _ in range(k):
        if not b:
            break
        i = rnd.randrange(len(b)); op = rnd.random()
        if op < 0.4: b[i] = rnd.randrange(256)
        elif op < 0.75: b[i] ^= 1 << rnd.randrange(8)
        else: b[i] = rnd.choice(PREF + [0x90, 0xf4])
    return b

def mix(valid):
    k = rnd.random()
    if k < 0.45:
        return mutate(list(rnd.choice(valid)), rnd.randint(1, 3))[:64]
    if k < 0.8:
        b = []
        while len(b) < rnd.choice([8, 20, 31, 40]):
            b += [rnd.choice(PREF) for _ in range(rnd.choice([0, 0, 1, 2]))]
            b += [0x0f] if rnd.random() < 0.4 else []
            b += [rnd.randrange(256) for _ in range(rnd.choice([2, 3, 6]))]
        return b[:64]
    return [rnd.randrange(256) for _ in range(rnd.choice([16, 32, 48]))]

def vex():
    mp = rnd.choice([1, 1, 1, 2, 3]); op = rnd.randrange(256)
    w, l, pp, vvvv = rnd.randrange(2), rnd.randrange(2), rnd.randrange(4), 0xf if rnd.random() < 0.6 else rnd.randrange(16)
    r, x, b = (rnd.random() < 0.8), (rnd.random() < 0.85), (rnd.random() < 0.8)
    modrm = rnd.choice([0xc0 | rnd.randrange(64), 0x04, 0x44, 0x07, 0x05, rnd.randrange(256)])
    rest = {0x04: [0x24], 0x44: [0x24, 0x08], 0x05: [0, 0, 0, 0]}.get(modrm, []) + [rnd.randrange(256)]
    return [0xc4, (r << 7) | (x << 6) | (b << 5) | mp, (w << 7) | ((~vvvv & 0xf) << 3) | (l << 2) | pp, op, modrm] + rest

def real(ts):
    t = rnd.choice(ts); nb = rnd.choice([1, 1, 2])
    bs = rnd.randrange(len(t) // 32 - nb) * 32
    return mutate(list(t[bs:bs + 32 * nb]), rnd.choice([0, 1, 1, 1, 2, 3]))

valid = valid_snippets() if mode == 'mix' else None
ts = texts() if mode == 'real' else None
for _ in range(n):
    b = mix(valid) if mode == 'mix' else vex() if mode == 'vex' else real(ts)
    h = ' '.join('%02x' % v for v in b)
    p = subprocess.run([NCVAL, '--hex', h], capture_output=True, text=True)
    errs = []
    for line in p.stderr.split('\n'):
        line = line.strip()
        if line and line not in ('Invalid.', 'Valid.') and 'warning - ' not in line:
            off, msg = line.split(': ', 1)
            errs.append('%x: %s' % (int(off, 16), msg))
    print(h + ' | ' + str(p.returncode) + ' | ' + ' ; '.join(errs))
