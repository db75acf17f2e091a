# argv-env-elf32: the argv-env program built as an ELF32 (x32-style) nexe (spec/toolchain.md section 2).
# build: elf32

        .include "argv-env.s"
