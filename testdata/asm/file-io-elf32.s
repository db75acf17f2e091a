# file-io-elf32: the file-io program built as an ELF32 (x32-style) nexe (spec/toolchain.md section 2).
# build: elf32
# osabi: 123/7
        .include "file-io.s"
