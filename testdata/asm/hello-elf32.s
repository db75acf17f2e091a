# hello-elf32: the hello program built as an ELF32 (x32-style) nexe (spec/toolchain.md section 2).
# build: elf32

        .include "hello.s"
