#!/usr/bin/env python3
"""Reference generator for jnbox's integer interpreter test (GprHostTest).

Assembles each instruction below with GNU as, runs it natively on the host for many register and
flag inputs, and writes gpr.txt:
    hexbytes rax rbx rcx rdx rsi rdi flags_in flagmask -> rax rbx rcx rdx rsi rdi flags_out | text
(64-bit hex). flagmask is the set of flags the SDM defines for that instruction and input
(undefined flags are not compared). Run: ./gen_gpr.py (needs gcc, as, objcopy).
"""
import os, random, subprocess, tempfile

rnd = random.Random(1123)
EDGE = [0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
        0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, 0x0123456789abcdef, 0xfedcba9876543210,
        3, 31, 32, 33, 63, 64, 0x1f, 0x100000001]
ALLF = 0x8d5
OF, SF, ZF, AF, PF, CF = 0x800, 0x80, 0x40, 0x10, 0x4, 0x1

def rv():
    return rnd.choice(EDGE) if rnd.random() < 0.6 else rnd.getrandbits(64)

INSNS = []  # (text, mask-kind)
def add(text, kind='all'):
    INSNS.append((text, kind))

for op in ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp']:
    logic = op in ('or', 'and', 'xor')
    k = 'noaf' if logic else 'all'
    for form in ['rax, rbx', 'ebx, eax', 'ax, bx', 'al, bl', 'ah, bl', 'bh, ch', 'cl, dh', 'rax, 0x7f', 'rbx, -5',
                 'ecx, 0x12345678', 'eax, -1000', 'al, 0x80', 'cx, 0x8000', 'dh, 3', 'rsi, rdi', 'dil, sil']:
        add(f'{op} {form}', k)
for form in ['rax, rbx', 'al, 0x81', 'ebx, 0x80000000', 'bh, al', 'dx, cx']:
    add(f'test {form}', 'noaf')
for op in ['inc', 'dec', 'neg', 'not']:
    for r in ['rax', 'ebx', 'cl', 'ah', 'dx', 'sil']:
        add(f'{op} {r}')
for op in ['shl', 'shr', 'sar', 'rol', 'ror', 'rcl', 'rcr']:
    for form in ['rax, cl', 'ebx, 1', 'dx, 5', 'al, cl', 'bh, 3', 'esi, 31', 'rdi, 63', 'dx, cl']:
        add(f'{op} {form}', 'shift')
for form in ['shld rax, rbx, cl', 'shrd ebx, edx, 7', 'shld ax, bx, 3', 'shrd rsi, rdi, cl', 'shld edx, ecx, 1']:
    add(form, 'dshift')
for form in ['mul rbx', 'imul ecx', 'mul bl', 'imul bh', 'mul si', 'imul rdi', 'imul rax, rbx', 'imul ecx, ebx, 1000',
             'imul dx, bx, -3', 'imul rsi, rdi, 0x7fffffff']:
    add(form, 'mul')
for form in ['div rbx', 'idiv rbx', 'div ecx', 'idiv ecx', 'div bl', 'idiv bl', 'div si', 'idiv si']:
    add(form, 'div')
for form in ['movzx eax, bl', 'movzx rbx, ax', 'movsx eax, bh', 'movsxd rax, ebx', 'movsx cx, al', 'movsx rdx, si',
             'mov eax, ebx', 'mov bh, al', 'mov ax, bx', 'mov sil, dil', 'xchg rax, rbx', 'xchg al, bh', 'xchg ecx, edx',
             'lea rax, [rbx+rcx*4+0x10]', 'lea eax, [rbx+rcx*8-1]', 'lea si, [rdi+rdi*2]',
             'bswap eax', 'bswap rbx', 'cbw', 'cwde', 'cdqe', 'cwd', 'cdq', 'cqo', 'mov rax, 0x123456789abcdef0',
             'mov ebx, -1', 'mov rcx, -2', 'mov dl, 0x99', 'mov bh, 0x77']:
    add(form, 'none')
for cc in ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g']:
    add(f'cmov{cc} rax, rbx', 'none')
    add(f'cmov{cc} ecx, edx', 'none')
    add(f'set{cc} al', 'none')
    add(f'set{cc} bh', 'none')
for form in ['bt rax, rbx', 'bts ecx, 7', 'btr rdx, rcx', 'btc bx, ax', 'bt esi, 33', 'btc rdi, 63']:
    add(form, 'bt')
for form in ['bsf rax, rbx', 'bsr ecx, edx', 'bsf si, di', 'bsr rdi, rsi', 'popcnt rax, rbx', 'popcnt ecx, edx',
             'popcnt si, di', 'lzcnt rax, rbx', 'lzcnt ecx, edx', 'lzcnt si, di']:
    add(form, 'bsf' if form.startswith('bs') else 'cnt' if form.startswith('lz') else 'all')
for form in ['lahf', 'sahf', 'clc', 'stc', 'cmc']:
    add(form, 'all')
for form in ['cmpxchg rbx, rcx', 'cmpxchg bl, cl', 'cmpxchg esi, edi', 'xadd rax, rbx', 'xadd cl, dl', 'xadd si, di']:
    add(form, 'all')

def mask(kind, text, regs):
    if kind == 'noaf':
        return ALLF & ~AF
    if kind in ('shift', 'dshift'):
        # SDM: count masked to 5 bits (6 with 64-bit operands); count 0 changes no flag; OF is
        # defined only for 1-bit counts; AF is undefined for shifts; CF of shl/shr is undefined when
        # the count reaches the operand width; double shifts beyond the width leave all undefined
        ops = text.split(None, 1)[1].split(', ')
        dst = ops[0]
        width = 64 if dst.startswith('r') else 8 if dst in ('al', 'bh', 'cl', 'dl', 'ah', 'sil', 'dil') else 16 if len(dst) == 2 else 32
        c = regs[2] & 0xff if ops[-1] == 'cl' else int(ops[-1], 0)
        c &= 63 if width == 64 else 31
        if c == 0:
            return ALLF
        m = ALLF
        if c != 1:
            m &= ~OF
        if text.startswith(('shl', 'shr', 'sar', 'shld', 'shrd')):
            m &= ~AF
        if text.startswith(('shl', 'shr')) and c >= width:
            m &= ~CF
        if kind == 'dshift' and c > width:
            m = 0
        return m
    if kind == 'mul':
        return OF | CF
    if kind == 'div':
        return 0
    if kind == 'bt':
        return CF
    if kind == 'bsf':
        return ZF
    if kind == 'cnt':
        return ZF | CF
    if kind == 'none':
        return ALLF
    return ALLF

def inputs(text):
    out = []
    for k in range(20):
        regs = [rv() for _ in range(6)]
        fl = 2 | (rnd.getrandbits(12) & ALLF)
        if text.startswith('div') or text.startswith('idiv'):
            src = text.split()[1]
            size = {'rbx': 8, 'ecx': 4, 'bl': 1, 'si': 2}[src]
            bits = size * 8
            m = (1 << bits) - 1
            idx = {'rbx': 1, 'ecx': 2, 'bl': 1, 'si': 4}[src]
            regs[idx] = (regs[idx] & ~m) | ((regs[idx] & m) or 3)
            if (regs[idx] & m) == m:
                regs[idx] ^= 2
            if size == 1:
                if text.startswith('div'):
                    regs[0] = (regs[0] & ~0xff00) | (((regs[0] >> 8) & 0xff) % max(1, regs[idx] & 0xff)) << 8
                else:
                    al = regs[0] & 0xff
                    regs[0] = (regs[0] & ~0xff00) | ((0xff if al & 0x80 else 0) << 8)
            else:
                if text.startswith('div'):
                    regs[3] = (regs[3] & ~m) | ((regs[3] & m) % (regs[idx] & m))
                else:
                    neg = (regs[0] >> (bits - 1)) & 1
                    regs[3] = (regs[3] & ~m) | (m if neg else 0)
                    if (regs[0] & m) == 1 << (bits - 1):
                        regs[0] ^= 1
        out.append((regs, fl))
    return out

def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, **kw)

def assemble(tmp, text):
    s = os.path.join(tmp, 'i.s'); o = os.path.join(tmp, 'i.o'); b = os.path.join(tmp, 'i.bin')
    with open(s, 'w') as fh:
        fh.write('.intel_syntax noprefix\n' + text + '\n')
    run(['as', '--64', '-o', o, s]); run(['objcopy', '-O', 'binary', '-j', '.text', o, b])
    return open(b, 'rb').read().hex()

REGS = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi']

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        code = ['#include <stdint.h>', '#include <stdio.h>', 'typedef struct { uint64_t r[6], fl; } st;']
        load = ''.join(f'mov {8 * i}(%%r8), %%{r}\\n' for i, r in enumerate(REGS))
        save = ''.join(f'mov %%{r}, {8 * i}(%%r8)\\n' for i, r in enumerate(REGS))
        for n, (text, _) in enumerate(INSNS):
            code.append(f'static void run{n}(st *s) {{ __asm__ volatile("mov %0, %%r8\\n push 48(%%r8)\\n popfq\\n{load}"'
                        f'".intel_syntax noprefix\\n {text}\\n .att_syntax prefix\\n"'
                        f'"pushfq\\n pop 48(%%r8)\\n{save}" :: "r"(s) : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "memory", "cc"); }}')
        code.append('typedef void (*fn)(st *);')
        code.append('static fn FNS[] = {' + ', '.join(f'run{n}' for n in range(len(INSNS))) + '};')
        code.append('int main(void) { st s; int n; unsigned long long v[7];'
                    ' while (scanf("%d %llx %llx %llx %llx %llx %llx %llx", &n, v, v+1, v+2, v+3, v+4, v+5, v+6) == 8) {'
                    ' for (int i = 0; i < 6; i++) s.r[i] = v[i]; s.fl = v[6]; FNS[n](&s);'
                    ' for (int i = 0; i < 6; i++) printf("%llx ", (unsigned long long)s.r[i]);'
                    ' printf("%llx\\n", (unsigned long long)(s.fl & 0x8d5)); } return 0; }')
        c = os.path.join(tmp, 'g.c'); exe = os.path.join(tmp, 'g')
        open(c, 'w').write('\n'.join(code) + '\n')
        run(['gcc', '-O1', '-mno-red-zone', '-o', exe, c])
        cases = []
        for n, (text, kind) in enumerate(INSNS):
            hexb = assemble(tmp, text)
            for regs, fl in inputs(text):
                cases.append((n, hexb, regs, fl, mask(kind, text, regs)))
        inp = ''.join(f'{n} ' + ' '.join(f'{x:x}' for x in regs) + f' {fl:x}\n' for n, _, regs, fl, _ in cases)
        out = run([exe], input=inp.encode()).stdout.decode().split('\n')
        cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
        with open(os.path.join(here, 'gpr.txt'), 'w') as fh:
            fh.write(f'# generated by gen_gpr.py on: {cpu}\n')
            fh.write('# hexbytes rax rbx rcx rdx rsi rdi flags_in flagmask -> rax rbx rcx rdx rsi rdi flags_out | text\n')
            for (n, hexb, regs, fl, m), res in zip(cases, out):
                fh.write(f'{hexb} ' + ' '.join(f'{x:x}' for x in regs) + f' {fl:x} {m:x} -> {res} | {INSNS[n][0]}\n')

if __name__ == '__main__':
    main()
