#!/usr/bin/env python3
"""Writes the broken-ELF fixtures of testdata/broken-elf: one nexe per sel_ldr loader rule
(spec/nacl-abi.md section 1), each a small change to a tiny valid nexe synthesized here, and
expected.txt with the line sel_ldr prints for each ("file<TAB>line<TAB>exit status").

Run from anywhere: python3 testdata/broken-elf/make-broken-elf.py [OUTPUT_DIR]
(default: this folder). The output is deterministic: BrokenElfFixturesTest regenerates it into a
temporary folder and checks that the committed files are fresh, then checks the loader against
expected.txt.
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

PT_LOAD, PT_NOTE, PT_GNU_STACK = 1, 4, 0x6474E551
PF_X, PF_W, PF_R = 1, 2, 4
TEXT_OFF = 0x10000  # file offset of text: congruent to 0x20000 modulo 64 KiB, as sel_ldr needs


def code():
    """Valid NaCl x86-64 text at 0x20000: exit(0) through the trampoline of syscall 30."""
    b = bytes([0x31, 0xFF])                       # xor %edi,%edi
    b += bytes([0x90]) * (0x1B - len(b))          # nop up to the call, so it ends the bundle
    b += b'\xe8' + struct.pack('<i', 0x103C0 - 0x20020)  # call 0x103c0 (exit)
    b += bytes([0xF4]) * 32                       # hlt
    return b


def phdr(type_, flags, off, vaddr, filesz, memsz, align=0x10000):
    return dict(type=type_, flags=flags, off=off, vaddr=vaddr, paddr=vaddr, filesz=filesz, memsz=memsz, align=align)


def baseline():
    """A loadable nexe: text (R+X) at 0x20000, rodata (R) at 0x30000, data+bss (RW) at 0x40020."""
    text = code()
    return dict(
        cls=2, osabi=123, abiver=7, type=2, machine=62, version=1, entry=0x20000, shoff=0,
        ehsize=None, phentsize=None, phnum=None, phoff=64,
        phdrs=[
            phdr(PT_LOAD, PF_R | PF_X, TEXT_OFF, 0x20000, len(text), len(text)),
            phdr(PT_LOAD, PF_R, TEXT_OFF, 0x30000, 0x20, 0x20),
            phdr(PT_LOAD, PF_R | PF_W, TEXT_OFF + 0x20, 0x40020, 0x20, 0x200),
            phdr(PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16),
        ],
        body=text, file_size=None)


def build(e):
    """Serializes e (ELF64 when cls == 2, else the ELF32 layout) with its text at TEXT_OFF."""
    is64 = e['cls'] == 2
    phentsize = e['phentsize'] if e['phentsize'] is not None else (56 if is64 else 32)
    phnum = e['phnum'] if e['phnum'] is not None else len(e['phdrs'])
    ehsize = e['ehsize'] if e['ehsize'] is not None else (64 if is64 else 52)
    ident = e.get('magic', b'\x7fELF') + bytes([e['cls'], 1, 1, e['osabi'], e['abiver']]) + bytes(7)
    if is64:
        hdr = ident + struct.pack('<HHIQQQIHHHHHH', e['type'], e['machine'], e['version'], e['entry'],
                                  e['phoff'], e['shoff'], 0, ehsize, phentsize, phnum, 0, 0, 0)
        table = b''.join(struct.pack('<IIQQQQQQ', p['type'], p['flags'], p['off'], p['vaddr'], p['paddr'],
                                     p['filesz'], p['memsz'], p['align']) for p in e['phdrs'])
    else:
        hdr = ident + struct.pack('<HHIIIIIHHHHHH', e['type'], e['machine'], e['version'], e['entry'],
                                  e['phoff'], e['shoff'], 0, ehsize, phentsize, phnum, 0, 0, 0)
        hdr += bytes(64 - len(hdr))  # sel_ldr always reads 64 bytes first
        table = b''.join(struct.pack('<IIIIIIII', p['type'], p['off'], p['vaddr'], p['paddr'],
                                     p['filesz'], p['memsz'], p['flags'], p['align']) for p in e['phdrs'])
    out = bytearray(TEXT_OFF + len(e['body']))
    out[0:len(hdr)] = hdr
    if 64 + len(table) <= TEXT_OFF:
        out[64:64 + len(table)] = table
    out[TEXT_OFF:TEXT_OFF + len(e['body'])] = e['body']
    size = e['file_size'] if e['file_size'] is not None else len(out)
    return bytes(out[:size])


def variant(change):
    e = baseline()
    change(e)
    return e


def set_(**kw):
    return lambda e: e.update(kw)


def seg(i, **kw):
    return lambda e: e['phdrs'][i].update(kw)


def both(*changes):
    def apply(e):
        for c in changes:
            c(e)
    return apply


def add(p):
    return lambda e: e['phdrs'].append(p)


def drop(i):
    return lambda e: e['phdrs'].pop(i)


def elf32(e):
    e['cls'] = 1
    e['osabi'] = 0
    e['abiver'] = 0


MSG = {
    'read': 'Cannot read file',
    'magic': 'Bad ELF header magic number',
    'class': 'Not a 32-bit ELF file',
    'exec': 'ELF file type not executable',
    'machine': 'ELF file for wrong architecture',
    'version': 'ELF version mismatch',
    'ehsize': 'ELFCLASS64 file header has wrong e_ehsize value',
    'ehdr_overflow': 'ELFCLASS64 file header has fields that overflow 32 bits',
    'phdr_overflow': 'ELFCLASS64 program header has fields that overflow 32 bits',
    'phnum': 'Too many program header entries in ELF file',
    'phentsize': 'ELF program header size wrong',
    'entry': 'Bad program entry point address',
    'loc': 'ELF executable text/rodata segment has wrong starting address',
    'segment': 'ELF executable contains an unexpected/unallowed segment/flags',
    'dup': 'ELF executable contains a duplicate segment (please run objdump to see which)',
    'missing': 'ELF executable missing a required segment (text)',
    'param': 'ELF executable segment header parameter error',
    'outside': 'ELF executable contains a segment which lies outside the assigned address space',
    'data_last': 'Data segment exists, but is not last segment',
    'rodata_last': 'No data segment, read-only data segment exists, but is not last segment',
    'ro_over_data': 'Read-only data segment overlaps data segment',
    'text_over_ro': 'Text segment overlaps rodata segment',
    'text_over_data': 'No rodata segment, and text segment overlaps data segment',
    'ro_align': 'The rodata segment is not properly aligned',
    'stack': 'Memory "hole" between end of BSS and start of stack is negative in size',
    'validation': 'Validation failure. File violates Native Client safety rules.',
    'sled': 'Missing gap between text and rodata for halt_sled',
    'shm': 'Could not map in shm for dynamic text region',
}

# (file, rule key, change to the baseline), in sel_ldr's order of checks.
CASES = [
    ('short_header.nexe', 'read', set_(file_size=40)),
    ('ehdr64_overflow.nexe', 'ehdr_overflow', set_(shoff=1 << 32)),
    ('ehdr64_bad_ehsize.nexe', 'ehsize', set_(ehsize=52)),
    # ELFCLASS64 fields are checked before the magic number, as in sel_ldr.
    ('bad_magic_bad_ehsize.nexe', 'ehsize', set_(magic=b'\x7fELG', ehsize=0)),
    ('bad_magic.nexe', 'magic', set_(magic=b'\x7fELG')),
    ('bad_class.nexe', 'class', set_(cls=3)),
    ('not_exec_et_dyn.nexe', 'exec', set_(type=3)),
    ('wrong_machine_i386.nexe', 'machine', set_(machine=3)),
    ('bad_version.nexe', 'version', set_(version=0)),
    ('too_many_phdrs.nexe', 'phnum', set_(phnum=129)),
    ('bad_phentsize64.nexe', 'phentsize', set_(phentsize=32)),
    ('bad_phentsize32.nexe', 'phentsize', both(elf32, set_(phentsize=56))),
    ('phdrs_past_eof.nexe', 'read', set_(phoff=TEXT_OFF + 0x10)),
    ('phdr64_overflow.nexe', 'phdr_overflow', seg(2, align=1 << 32)),
    ('segment_rwx.nexe', 'segment', seg(2, flags=PF_R | PF_W | PF_X)),
    ('segment_unknown_type.nexe', 'segment', add(phdr(0x60000000, PF_R, 0, 0, 0, 0x10))),
    ('duplicate_note.nexe', 'dup', both(add(phdr(PT_NOTE, PF_R, 0, 0, 0, 0x10)), add(phdr(PT_NOTE, PF_R, 0, 0, 0, 0x10)))),
    ('duplicate_text.nexe', 'dup', add(phdr(PT_LOAD, PF_R | PF_X, TEXT_OFF, 0x20000, 0x20, 0x20))),
    ('text_wrong_address.nexe', 'loc', seg(0, vaddr=0x30000, paddr=0x30000)),
    ('segment_below_0x20000.nexe', 'outside', seg(1, vaddr=0x10000, paddr=0x10000)),
    ('segment_past_4gib.nexe', 'outside', seg(2, vaddr=0xFFFF0020, paddr=0xFFFF0020, memsz=0x10000)),
    ('filesz_gt_memsz.nexe', 'param', seg(2, filesz=0x400)),
    ('no_text.nexe', 'missing', drop(0)),
    ('text_memsz_zero.nexe', 'missing', seg(0, filesz=0, memsz=0)),
    ('entry_unaligned.nexe', 'entry', set_(entry=0x20001)),
    ('entry_past_text.nexe', 'entry', set_(entry=0x20000 + len(code()))),
    ('data_not_last.nexe', 'data_last', seg(1, vaddr=0x50000, paddr=0x50000)),
    ('rodata_not_last.nexe', 'rodata_last', both(drop(2), drop(2), add(phdr(PT_GNU_STACK, PF_R | PF_W, 0, 0x50000, 0, 0x10)))),
    ('rodata_overlaps_data.nexe', 'ro_over_data', seg(1, memsz=0x10010)),
    ('text_overlaps_rodata.nexe', 'text_over_ro', seg(0, filesz=0x10040, memsz=0x10040)),
    ('text_overlaps_data.nexe', 'text_over_data', both(drop(1), seg(0, filesz=0x20040, memsz=0x20040))),
    ('rodata_misaligned.nexe', 'ro_align', seg(1, vaddr=0x30100, paddr=0x30100, off=TEXT_OFF + 0x100)),
    ('data_overlaps_stack.nexe', 'stack', seg(2, vaddr=0xFEFF0020, paddr=0xFEFF0020, memsz=0x10000)),
    ('segment_past_eof.nexe', 'param', seg(2, filesz=0x200)),
    ('text_past_eof.nexe', 'param', set_(file_size=TEXT_OFF + 0x20)),
    ('dynamic_text_too_large.nexe', 'shm', both(drop(2), seg(1, vaddr=0x80040000, paddr=0x80040000))),
    ('halt_sled_missing.nexe', 'sled', both(seg(0, filesz=0xFFF0, memsz=0xFFF0), set_(body=code() + b'\xf4' * (0xFFF0 - len(code()))))),
    ('validation_syscall.nexe', 'validation', set_(body=b'\x0f\x05' + code()[2:])),
    ('elf32_text_wrong_address.nexe', 'loc', both(elf32, seg(0, vaddr=0x40000, paddr=0x40000))),
]

VALID = [
    ('valid64.nexe', lambda e: None),
    ('valid32.nexe', elf32),
    ('valid64_osabi0.nexe', set_(osabi=0, abiver=0)),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    lines = []
    for name, rule, change in CASES:
        with open(os.path.join(out, name), 'wb') as f:
            f.write(build(variant(change)))
        lines.append('%s\tError while loading "%s": %s\t1\n' % (name, name, MSG[rule]))
    for name, change in VALID:
        with open(os.path.join(out, name), 'wb') as f:
            f.write(build(variant(change)))
    with open(os.path.join(out, 'expected.txt'), 'w') as f:
        f.write('# file<TAB>the line jnbox prints (from the directory of the file)<TAB>exit status\n')
        f.write('# Generated by make-broken-elf.py; see README.md for the oracles behind each line.\n')
        f.writelines(lines)


if __name__ == '__main__':
    main()
