#!/usr/bin/env python3
"""Records objdump's instruction boundaries and mnemonics for code sections of corpus nexes.

Usage: corpus-reference.py <shared-dir> <relative nexe path>... > corpus-reference.txt
For each file: "@file <relpath> <sha256>", then per code section "@section <name> <file offset>
<size>", then one line per instruction: "<length> <objdump mnemonic>" in address order (objdump
-z, so there are no gaps). Only lengths and mnemonics are kept, never the code itself.
"""
import hashlib
import re
import subprocess
import sys

PREFIX_WORDS = set('rep repz repnz repe repne lock data16 addr32 cs ds es ss fs gs notrack bnd '
                   'xacquire xrelease {vex} {vex3} rex rex64'.split())


def mnemonic(text):
    for w in text.split():
        if w in PREFIX_WORDS or w.startswith('rex.'):
            continue
        return w.split('(')[0]
    return ''


def main():
    shared = sys.argv[1]
    for rel in sys.argv[2:]:
        path = shared + '/corpus/' + rel
        data = open(path, 'rb').read()
        print('@file %s %s' % (rel, hashlib.sha256(data).hexdigest()))
        heads = subprocess.run(['objdump', '-h', path], capture_output=True, text=True, check=True).stdout
        sections = {}
        lines = heads.splitlines()
        for i, l in enumerate(lines):
            m = re.match(r'^\s*\d+\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)', l)
            if m and i + 1 < len(lines) and 'CODE' in lines[i + 1]:
                sections[m.group(1)] = (int(m.group(3), 16), int(m.group(2), 16), int(m.group(4), 16))
        out = subprocess.run(['objdump', '-d', '-z', '-M', 'intel', '--insn-width=16', path],
                             capture_output=True, text=True, check=True).stdout
        for l in out.splitlines():
            m = re.match(r'^Disassembly of section (\S+):', l)
            if m:
                vma, size, off = sections[m.group(1)]
                print('@section %s %d %d %d' % (m.group(1), off, size, vma))
                continue
            m = re.match(r'^\s*([0-9a-f]+):\t((?:[0-9a-f]{2} )+)\s*\t?(.*)$', l)
            if m:
                n = len(m.group(2).split())
                text = m.group(3).strip()
                print('%d %s' % (0 if '(bad)' in text else n, mnemonic(text) or '-'))


main()
