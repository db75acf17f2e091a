#!/usr/bin/env python3
"""Reference generator for jnbox's legacy SIMD test (LegacyHostTest): SSE3, SSSE3, SSE4.1, SSE4.2
(incl. pcmpXstrX and crc32), AES-NI, PCLMULQDQ and MMX, in their legacy (non-VEX) encodings.

It is gen_vex.py's harness (same C driver, same row format, same register/buffer layout, see
there) with this file's instruction list, written to legacy.txt.gz. Legacy forms must leave bits
128-255 of ymm0..ymm2 alone; the rows check all 256 bits. MMX rows move data between xmm and mm
(movdq2q/movq2dq) around the instruction and end with emms; the x87/MMX rows read FSW/FTW with
fnstsw/fnstenv (the buffer is restored from ymm2 afterwards) and mask the tags of registers no
row initialises. Run: ./gen_legacy.py (needs gcc, as, objcopy and an SSE4.2+AES+PCLMUL+AVX2 host).
"""
import gzip, os, sys, types
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_vex as g

I, F, D = 'i', 'f', 'd'
g.INSNS.clear()
add = g.add
plain_vec = g.vec

def vec(dom):
    # 'z': sparse vectors (zero words, all-ones, single bits) so ptest's ZF and CF both happen
    if dom == 'z':
        return [g.rnd.choice([0, 0, 0, g.M64, 1 << g.rnd.randrange(64), g.rnd.getrandbits(64)]) for _ in range(4)]
    return plain_vec(dom)
g.vec = vec

def two(m, dom=I, rows=6, mem=16):
    add(f'{m} xmm0, xmm2', dom, rows)
    add(f'{m} xmm0, [rdi+{mem}]', dom, 3)

# ---- SSE3
for m, dom in [('addsubps', F), ('addsubpd', D), ('haddps', F), ('haddpd', D), ('hsubps', F), ('hsubpd', D)]:
    two(m, dom, 10)
    add(f'{m} xmm0, xmm2', 'nf' if m.endswith('ps') else 'nd', 6)
two('movsldup', F, 3)
two('movshdup', F, 3)
two('movddup', D, 3, mem=8)
add('lddqu xmm0, [rdi+3]', I, 3)
# ---- SSSE3 (xmm and mm)
SSSE3 = ['pshufb', 'phaddw', 'phaddd', 'phaddsw', 'phsubw', 'phsubd', 'phsubsw', 'pmaddubsw', 'psignb', 'psignw',
         'psignd', 'pmulhrsw', 'pabsb', 'pabsw', 'pabsd']
for m in SSSE3:
    two(m, I, 8)
for i in [0, 3, 8, 15, 16, 17, 31, 32]:
    add(f'palignr xmm0, xmm2, {i}', I, 3)
add('palignr xmm0, [rdi+16], 5', I, 3)
# ---- SSE4.1
for m in ['pmulld', 'pmuldq', 'pcmpeqq', 'packusdw', 'pminsb', 'pminsd', 'pminuw', 'pminud', 'pmaxsb', 'pmaxsd',
          'pmaxuw', 'pmaxud', 'phminposuw']:
    two(m, I, 6)
add('pcmpeqq xmm0, xmm0', I, 2)
for m in ['pmovsxbw', 'pmovsxbd', 'pmovsxbq', 'pmovsxwd', 'pmovsxwq', 'pmovsxdq', 'pmovzxbw', 'pmovzxbd', 'pmovzxbq',
          'pmovzxwd', 'pmovzxwq', 'pmovzxdq']:
    add(f'{m} xmm0, xmm2', I, 4)
    add(f'{m} xmm0, [rdi+4]', I, 2)
for i in [0, 1, 2, 5, 7]:
    add(f'mpsadbw xmm0, xmm2, {i}', I, 3)
add('mpsadbw xmm0, [rdi+16], 6', I, 2)
add('ptest xmm0, xmm2', 'z', 16)
add('ptest xmm0, [rdi+16]', 'z', 6)
add('ptest xmm2, xmm2', 'z', 6)
for m, i in [('blendps', 0x5), ('blendpd', 0x2), ('pblendw', 0x5a)]:
    add(f'{m} xmm0, xmm2, {i:#x}', I, 3)
    add(f'{m} xmm0, [rdi+16], {i ^ 0xff:#x}', I, 2)
for m in ['pblendvb', 'blendvps', 'blendvpd']:
    add(f'{m} xmm1, xmm2, xmm0', I, 6)
    add(f'{m} xmm1, [rdi+16], xmm0', I, 3)
for m, c in [('pextrb', 13), ('pextrw', 5), ('pextrd', 3), ('pextrq', 1)]:
    add(f'{m} {"rax" if m == "pextrq" else "eax"}, xmm2, {c}', I, 3)
    add(f'{m} [rdi+4], xmm2, {c}', I, 2)
add('extractps eax, xmm2, 2', F, 3)
add('extractps [rdi+4], xmm2, 3', F, 2)
for m, c, r in [('pinsrb', 9, 'eax'), ('pinsrd', 2, 'eax'), ('pinsrq', 1, 'rax')]:
    add(f'{m} xmm0, {r}, {c}', I, 3)
    add(f'{m} xmm0, [rdi+4], {c}', I, 2)
for i in [0x00, 0x4e, 0xe3, 0x3f]:
    add(f'insertps xmm0, xmm2, {i:#x}', F, 3)
add('insertps xmm0, [rdi+4], 0x90', F, 2)
for m, dom in [('roundps', F), ('roundpd', D), ('roundss', F), ('roundsd', D)]:
    for i in [0, 1, 2, 3, 4, 8, 9, 0xa, 0xb, 0xc]:
        add(f'{m} xmm0, xmm2, {i}', dom, 4)
    add(f'{m} xmm0, [rdi+{16 if m.endswith("ps") or m.endswith("pd") else 8}], 1', dom, 2)
for i in [0xff, 0x31, 0xf3, 0x7c]:
    add(f'dpps xmm0, xmm2, {i:#x}', F, 6)
add('dpps xmm0, [rdi+16], 0xf1', F, 3)
for i in [0x31, 0x33, 0x22]:
    add(f'dppd xmm0, xmm2, {i:#x}', D, 6)
add('movntdqa xmm0, [rdi+16]', I, 2)
# ---- SSE4.2
two('pcmpgtq', I, 6)
for m in ['pcmpestri', 'pcmpestrm', 'pcmpistri', 'pcmpistrm']:
    for i in [0x00, 0x0c, 0x18, 0x44, 0x3a]:
        add(f'{m} xmm1, xmm2, {i:#x}', I, 3)
    for i in [0x00, 0x01, 0x02, 0x04, 0x05, 0x08, 0x09, 0x0c, 0x0d, 0x10, 0x14, 0x1c, 0x30, 0x38, 0x3c, 0x40,
              0x44, 0x48, 0x4c, 0x70, 0x74, 0x7c, 0x0e, 0x0b]:
        add(f'{m} xmm1, xmm2, {i:#x}', 's', 4)
    add(f'{m} xmm1, [rdi+4], 0x08', I, 2)
    add(f'{m} xmm1, [rdi+3], 0x0c', 's', 3)
add('rex.w pcmpestri xmm1, xmm2, 0x0c', 's', 6)
for t in ['crc32 eax, byte ptr [rdi+5]', 'crc32 eax, word ptr [rdi+6]', 'crc32 eax, dword ptr [rdi+4]',
          'crc32 rax, qword ptr [rdi+8]', 'crc32 rax, byte ptr [rdi+3]', 'crc32 eax, al', 'crc32 eax, ah',
          'crc32 eax, ax', 'crc32 eax, eax', 'crc32 rax, rax', 'crc32 ecx, dl', 'crc32 eax, dx',
          'crc32 eax, edx; crc32 eax, byte ptr [rdi+1]; crc32 rax, qword ptr [rdi+16]']:
    add(t, I, 4)
# ---- AES-NI, PCLMULQDQ
for m in ['aesenc', 'aesenclast', 'aesdec', 'aesdeclast', 'aesimc']:
    two(m, I, 6)
for i in [0x00, 0x01, 0x1b, 0x36, 0x80]:
    add(f'aeskeygenassist xmm0, xmm2, {i:#x}', I, 3)
add('aeskeygenassist xmm0, [rdi+16], 0x40', I, 2)
for i in [0x00, 0x01, 0x10, 0x11]:
    add(f'pclmulqdq xmm0, xmm2, {i:#x}', I, 4)
add('pclmulqdq xmm0, [rdi+16], 0x11', I, 2)
# ---- MMX (data through xmm: mm0 <- xmm0, mm1 <- xmm2; the result back to xmm0)
MM_BIN = ['paddb', 'paddw', 'paddd', 'paddq', 'psubb', 'psubw', 'psubd', 'psubq', 'paddsb', 'paddsw', 'paddusb',
          'paddusw', 'psubsb', 'psubsw', 'psubusb', 'psubusw', 'pcmpeqb', 'pcmpeqw', 'pcmpeqd', 'pcmpgtb', 'pcmpgtw',
          'pcmpgtd', 'pmullw', 'pmulhw', 'pmulhuw', 'pmuludq', 'pmaddwd', 'pand', 'pandn', 'por', 'pxor', 'packsswb',
          'packssdw', 'packuswb', 'punpcklbw', 'punpcklwd', 'punpckldq', 'punpckhbw', 'punpckhwd', 'punpckhdq',
          'psllw', 'pslld', 'psllq', 'psrlw', 'psrld', 'psrlq', 'psraw', 'psrad', 'pavgb', 'pavgw', 'pminub',
          'pmaxub', 'pminsw', 'pmaxsw', 'psadbw'] + SSSE3
for m in MM_BIN:
    add(f'movdq2q mm0, xmm0; movdq2q mm1, xmm2; {m} mm0, mm1; movq2dq xmm0, mm0; emms', I, 5)
    add(f'movdq2q mm0, xmm0; {m} mm0, [rdi+{4 if m.startswith("punpckl") else 8}]; movq2dq xmm0, mm0; emms', I, 2)
for m in ['psllw', 'pslld', 'psllq', 'psrlw', 'psrld', 'psrlq', 'psraw', 'psrad']:
    for c in [0, 3, 15, 31, 33, 64]:
        add(f'movdq2q mm0, xmm0; {m} mm0, {c}; movq2dq xmm0, mm0; emms', I, 2)
for i in [0, 3, 7, 8, 9, 15, 16, 20]:
    add(f'movdq2q mm0, xmm0; movdq2q mm1, xmm2; palignr mm0, mm1, {i}; movq2dq xmm0, mm0; emms', I, 3)
for i in [0x1b, 0x00, 0xe4]:
    add(f'movdq2q mm1, xmm2; pshufw mm0, mm1, {i:#x}; movq2dq xmm0, mm0; emms', I, 3)
add('pshufw mm0, [rdi+8], 0x93; movq2dq xmm0, mm0; emms', I, 2)
add('movdq2q mm1, xmm2; pextrw eax, mm1, 2; emms', I, 3)
add('movdq2q mm0, xmm0; pinsrw mm0, eax, 1; movq2dq xmm0, mm0; emms', I, 3)
add('movdq2q mm0, xmm0; pinsrw mm0, [rdi+6], 3; movq2dq xmm0, mm0; emms', I, 2)
add('movdq2q mm1, xmm2; pmovmskb eax, mm1; emms', I, 4)
add('movd mm0, eax; movq2dq xmm0, mm0; emms', I, 3)
add('movq mm0, rax; movq2dq xmm0, mm0; emms', I, 3)
add('movd mm0, [rdi+4]; movq2dq xmm0, mm0; emms', I, 2)
add('movq mm0, [rdi+8]; movq2dq xmm0, mm0; emms', I, 2)
add('movdq2q mm1, xmm2; movd eax, mm1; emms', I, 3)
add('movdq2q mm1, xmm2; movq rax, mm1; emms', I, 3)
add('movdq2q mm1, xmm2; movd [rdi+4], mm1; emms', I, 2)
add('movdq2q mm1, xmm2; movq [rdi+8], mm1; emms', I, 2)
add('movdq2q mm1, xmm2; movntq [rdi+8], mm1; emms', I, 2)
add('movdq2q mm1, xmm2; movq mm3, mm1; movq2dq xmm0, mm3; emms', I, 2)
add('movdq2q mm1, xmm2; cvtpi2ps xmm0, mm1; emms', I, 4)
add('cvtpi2ps xmm0, [rdi+8]', I, 3)
add('movdq2q mm1, xmm2; cvtpi2pd xmm0, mm1; emms', I, 4)
add('cvtpi2pd xmm0, [rdi+8]', I, 3)
for m, dom in [('cvtps2pi', F), ('cvttps2pi', F), ('cvtpd2pi', D), ('cvttpd2pi', D)]:
    add(f'{m} mm0, xmm2; movq2dq xmm0, mm0; emms', dom, 8)
    add(f'{m} mm0, [rdi+16]; movq2dq xmm0, mm0; emms', dom, 3)
# ---- MMX and the x87 state: TOP = 0 and all tags valid after an MMX instruction, emms empties them;
# R2 is written by movq (exponent FFFFh: tag 'special'), R6/R7 by fld1/fldz; other tags are masked
add('fninit; fldz; fld1; movq mm2, rax; fnstenv [rdi]; movzx ecx, word ptr [rdi+8]; and ecx, 0xf030; vmovdqu [rdi], ymm2', I, 2)
add('fninit; fld1; movq mm1, rax; emms; fnstenv [rdi]; movzx ecx, word ptr [rdi+8]; movzx eax, word ptr [rdi+4]; vmovdqu [rdi], ymm2', I, 2)
add('fninit; movq mm0, rax; fld1; fnstsw ax; emms; fninit', I, 2)
add('fninit; fld1; fld1; movq mm5, rax; fnstsw ax; emms; fninit', I, 2)
# ---- MXCSR control: the row sets MXCSR itself through [rdi+60] (RC down/up/zero, FTZ+DAZ, DAZ)
for mx in [0x3f80, 0x5f80, 0x7f80, 0x9fc0, 0x1fc0]:
    set_mx = f'mov dword ptr [rdi+60], {mx:#x}; ldmxcsr [rdi+60]'
    for t, dom in [('roundps xmm0, xmm2, 4', F), ('roundsd xmm0, xmm2, 4', D), ('roundpd xmm0, xmm2, 0xc', D),
                   ('haddps xmm0, xmm2', F), ('hsubpd xmm0, xmm2', D), ('addsubps xmm0, xmm2', F),
                   ('addsubpd xmm0, xmm2', D), ('dpps xmm0, xmm2, 0xff', F), ('dppd xmm0, xmm2, 0x33', D),
                   ('cvtps2pi mm0, xmm2; movq2dq xmm0, mm0; emms', F), ('cvtpd2pi mm0, xmm2; movq2dq xmm0, mm0; emms', D),
                   ('movdq2q mm1, xmm2; cvtpi2ps xmm0, mm1; emms', I)]:
        add(f'{set_mx}; {t}', dom, 6)
# ---- a few SSE/SSE2 float forms (SseExec), so LegacyRandomHostTest also checks their #XM MXCSR flags
for t, dom in [('addps xmm0, xmm2', F), ('mulpd xmm0, xmm2', D), ('divss xmm0, xmm2', F), ('sqrtsd xmm0, xmm2', D),
               ('cvtsd2ss xmm0, xmm2', D), ('cvtps2dq xmm0, xmm2', F), ('cmpltps xmm0, xmm2', F), ('comisd xmm0, xmm2', D),
               ('subsd xmm0, [rdi+8]', D), ('cvttsd2si eax, xmm2', D)]:
    add(t, dom, 3)

if __name__ == '__main__':
    real_open = gzip.open
    g.gzip = types.SimpleNamespace(open=lambda p, mode='rb': real_open(p.replace('vex.txt.gz', 'legacy.txt.gz'), mode))
    g.main()
