#!/usr/bin/env python3
"""Records the address-space layout Google's sel_ldr gives a set of valid nexes, for
jnbox.elf.load.LayoutOracleTest: writes layouts.txt, one line per case,
"spec<TAB>key=value ...", where spec is what the test rebuilds with its ElfBuilder and the values
are sel_ldr's own log lines at verbosity 3 (NaClLogAddressSpaceLayout after loading, and the
regions of NaClMemoryProtection, as user addresses).

Needs the oracles of shared/tools/reference-oracles (SEL_LDR, the pepper_28 release binary).
A tool for recording expectations on a developer machine; never run by the build or CI.
"""
import importlib.util
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('mk', os.path.join(HERE, 'make-broken-elf.py'))
mk = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mk)

# class, text filesz, text memsz, rodata (vaddr, memsz) or None, data (vaddr, filesz, memsz) or None
CASES = [
    (64, 0x40, 0x40, None, None),
    (64, 0xFFE0, 0xFFE0, None, None),
    (64, 0xFFF0, 0xFFF0, None, None),
    (64, 0x40, 0x20000, None, None),
    (64, 0x40, 0x40, (0x30000, 0x20), None),
    (64, 0x40, 0x40, (0x100000, 0x123), None),
    (64, 0x40, 0x40, None, (0x60020, 0x20, 0x100)),
    (64, 0x40, 0x40, (0x30000, 0x20), (0x40020, 0x20, 0x200)),
    (64, 0x10040, 0x10040, (0x40000, 0x20), (0x50000, 0x20, 0x30)),
    (64, 0xFFE0, 0xFFE0, (0x30000, 0x20), None),
    (32, 0x40, 0x40, (0x30000, 0x20), (0x40020, 0x20, 0x200)),
    (64, 0x1000, 0x1000, (0x10000000, 0x8000), (0x10010000, 0x800, 0x3000)),
    (64, 0x40, 0x40, None, (0x80020020, 0x20, 0xFFE0)),  # dynamic text of 0x7FFF0000 bytes: the most sel_ldr maps
    (64, 0x40, 0x40, (0x30000, 0x20), (0xFEFF0020, 0x20, 0xFFE0)),
]


def spec_text(c):
    cls, tf, tm, ro, da = c
    s = 'class=%d text=0x%x/0x%x' % (cls, tf, tm)
    if ro:
        s += ' rodata=0x%x/0x%x' % ro
    if da:
        s += ' data=0x%x/0x%x/0x%x' % da
    return s


def nexe(c):
    cls, tf, tm, ro, da = c
    e = mk.baseline()
    body = mk.code()
    need = max(tf, (da[0] & 0xFFFF) + da[1] if da else 0, ro[1] if ro else 0)
    e['body'] = body + b'\xf4' * (need - len(body))
    ph = [mk.phdr(mk.PT_LOAD, mk.PF_R | mk.PF_X, mk.TEXT_OFF, 0x20000, tf, tm)]
    if ro:
        ph.append(mk.phdr(mk.PT_LOAD, mk.PF_R, mk.TEXT_OFF, ro[0], min(ro[1], 0x20), ro[1]))
    if da:
        ph.append(mk.phdr(mk.PT_LOAD, mk.PF_R | mk.PF_W, mk.TEXT_OFF + (da[0] & 0xFFFF), da[0], da[1], da[2]))
    e['phdrs'] = ph
    if cls == 32:
        mk.elf32(e)
    return mk.build(e)


def record(sel_ldr, c, tmp):
    path = os.path.join(tmp, 'layout.nexe')
    with open(path, 'wb') as f:
        f.write(nexe(c))
    r = subprocess.run([sel_ldr, '-vvv', '--', path], capture_output=True, text=True, timeout=30)
    if r.returncode != 0:
        sys.exit('%s: sel_ldr exit %d' % (spec_text(c), r.returncode))
    log = r.stderr
    done = log[log.rindex('NaClAppLoadFile done'):]
    vals = []
    for key in ('static_text_end', 'dynamic_text_start', 'dynamic_text_end', 'rodata_start', 'data_start',
                'data_end', 'break_addr'):
        m = re.search(r'nap->%s\s*= 0x([0-9a-f]+)' % key, done)
        vals.append('%s=0x%x' % (key, int(m.group(1), 16)))
    for name, key in (('Trampoline/text', 'text_region'), ('shm txt', 'dyntext_region'), ('RO data', 'rodata_region'),
                      ('RW data', 'data_region'), ('RW stack', 'stack_region')):
        m = re.search(r'%s region start 0x([0-9a-f]+), size 0x([0-9a-f]+)' % re.escape(name), log)
        if m:
            start = int(m.group(1), 16) & 0xFFFFFFFF
            vals.append('%s=0x%x+0x%x' % (key, start, int(m.group(2), 16)))
    return '%s\t%s\n' % (spec_text(c), ' '.join(vals))


def main():
    sel_ldr = os.environ.get('SEL_LDR') or os.path.expanduser('~/.cache/jnbox-reference/sel_ldr_x86_64')
    with tempfile.TemporaryDirectory() as tmp:
        lines = [record(sel_ldr, c, tmp) for c in CASES]
    with open(os.path.join(HERE, 'layouts.txt'), 'w') as f:
        f.write('# spec<TAB>values logged by pepper_28 sel_ldr -vvv (record-layouts.py); regions as user start+size\n')
        f.writelines(lines)


if __name__ == '__main__':
    main()
