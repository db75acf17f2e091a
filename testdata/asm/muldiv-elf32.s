# muldiv-elf32: the muldiv program built as an ELF32 (x32-style) nexe (spec/toolchain.md section 2).
# build: elf32
# osabi: 123/7
        .include "muldiv.s"
