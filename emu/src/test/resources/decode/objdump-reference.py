#!/usr/bin/env python3
"""Disassembles encodings with the host's objdump (Intel syntax) for make-reference.sh.

argv[1]: one instruction per line (hex bytes). argv[2]: instruction streams (NaCl test @hex
sections), split here into single instructions at objdump's boundaries. A third input is made
here, independent of the decoder's table: an opcode sweep over every byte of the one-byte, 0F,
0F 38 and 0F 3A maps (with no prefix, 66, F3, F2, REX.W) and of VEX maps 1-3 (each pp and L),
each with a register ModRM and a SIB+disp32 memory ModRM, followed by filler bytes; and 20000
random byte strings (fixed seed) with random legacy/REX/VEX prefix mixes.
Each sample sits in its own slot padded with at least 32 int3 bytes (0xcc), so a bad or long
decode cannot shift the next slot: a decode starting inside the sample ends 15 bytes later at most.
"""
import re
import subprocess
import sys
import tempfile

SLOT = 48


def objdump(samples, slot=SLOT, syntax='intel'):
    if not samples:
        return {}
    blob = bytearray()
    for s in samples:
        blob += s + b'\xcc' * (slot - len(s))
    with tempfile.NamedTemporaryFile(suffix='.bin') as f:
        f.write(blob)
        f.flush()
        out = subprocess.run(['objdump', '-D', '-b', 'binary', '-m', 'i386:x86-64', '-M', syntax,
                              '--insn-width=16', f.name], capture_output=True, text=True,
                             check=True).stdout
    insns = {}
    for line in out.splitlines():
        m = re.match(r'^\s*([0-9a-f]+):\t((?:[0-9a-f]{2} )+)\s*\t?(.*)$', line)
        if m:
            insns[int(m.group(1), 16)] = (len(m.group(2).split()), m.group(3).strip())
    return insns


def sweep():
    fill = ' 11 22 33 44 55 66 77 88 99 aa bb'
    modrms = ['c8', '84 4d 10 20 30 40']
    prefix_bytes = {0x0f, 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3,
                    0xc4, 0xc5, 0x62, 0x8f} | set(range(0x40, 0x50))
    out = []
    for p in ['', '66 ', 'f3 ', 'f2 ', '48 ']:
        for m in ['', '0f ', '0f 38 ', '0f 3a ']:
            for op in range(256):
                if m == '' and op in prefix_bytes or m == '0f ' and op in (0x38, 0x3a):
                    continue
                for mr in modrms:
                    out.append(bytes.fromhex('%s%s%02x %s%s' % (p, m, op, mr, fill)))
    for mm in (1, 2, 3):
        for pp in range(4):
            for l in (0, 1):
                for op in range(256):
                    for mr in modrms:
                        out.append(bytes.fromhex('c4 e%d %02x %02x %s%s' % (mm, 0x78 | l << 2 | pp, op, mr, fill)))
    return out


def fuzz(n, seed):
    """Random prefix mixes (legacy in any order, REX anywhere, VEX) before random opcode bytes."""
    import random
    rnd = random.Random(seed)
    legacy = [0x66, 0x67, 0xf0, 0xf2, 0xf3, 0x2e, 0x3e, 0x26, 0x36, 0x64, 0x65]
    out = []
    for _ in range(n):
        b = []
        for _ in range(rnd.choice([0, 0, 1, 1, 2, 3])):
            b.append(rnd.choice(legacy) if rnd.random() < 0.8 else 0x40 | rnd.randrange(16))
        if rnd.random() < 0.5:
            b.append(0x40 | rnd.randrange(16))
        esc = rnd.random()
        if esc < 0.35:
            b += [0x0f]
        elif esc < 0.45:
            b += [0x0f, rnd.choice([0x38, 0x3a])]
        elif esc < 0.55:
            b += [rnd.choice([0xc4, 0xc5])]
        b += [rnd.randrange(256) for _ in range(15)]
        out.append(bytes(b[:15]))
    return out


def main():
    singles = [bytes.fromhex(l) for l in open(sys.argv[1]).read().split('\n') if l.strip()]
    singles += sweep()
    singles += fuzz(20000, 20261123)
    streams = [bytes.fromhex(l) for l in open(sys.argv[2]).read().split('\n') if l.strip()]
    seen = set()
    rows = []
    res = objdump(singles)
    att = objdump(singles, SLOT, 'att')
    for i, s in enumerate(singles):
        n, text = res.get(i * SLOT, (0, '(none)'))
        text_att = att.get(i * SLOT, (0, '(none)'))[1]
        if '(bad)' in text:
            n = 0
        if s not in seen:
            seen.add(s)
            rows.append((s, n, text, text_att))
    # Streams: decode each whole @hex section and keep every instruction until the first (bad).
    slot = max([len(s) for s in streams] + [0]) + 32
    res = objdump(streams, slot)
    att = objdump(streams, slot, 'att')
    for i, s in enumerate(streams):
        off = 0
        while off < len(s):
            n, text = res.get(i * slot + off, (0, '(none)'))
            text_att = att.get(i * slot + off, (0, '(none)'))[1]
            if n == 0 or '(bad)' in text or off + n > len(s):
                piece = s[off:off + 15]
                if piece not in seen:
                    seen.add(piece)
                    rows.append((piece, 0, text, text_att))
                break
            piece = s[off:off + n]
            if piece not in seen:
                seen.add(piece)
                rows.append((piece, n, text, text_att))
            off += n
    for s, n, text, text_att in rows:
        print('%s|%d|%s|%s' % (s.hex(' '), n, text, text_att))


main()
