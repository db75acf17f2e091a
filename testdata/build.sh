#!/usr/bin/env bash
# Rebuild every testdata/asm/*.s into testdata/nexe/*.nexe (spec/toolchain.md section 2).
#
#   testdata/build.sh            rebuild all programs
#   testdata/build.sh NAME...    rebuild only asm/NAME.s
#   NEXE_OUT=DIR testdata/build.sh   write the nexes to DIR instead of testdata/nexe
#                                (FixturesTest uses it to check the committed nexes are fresh)
#
# Tools: llvm-mc (LLVM 14; `llvm-mc` or `llvm-mc-14`) and GNU ld (binutils 2.40). Output bytes
# depend on these versions; the build is deterministic for a given toolchain (no timestamps,
# objects get stable names).
#
# Per-program build options are comment lines in the source:
#   # build: elf32           link as ELF32 (x32 triple, ld -m elf32_x86_64); default ELF64
#   # osabi: 123/7           set EI_OSABI / EI_ABIVERSION after linking; default 0/0
# Files starting with `_` and the include file are not programs.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ASM="$HERE/asm"
OUT="${NEXE_OUT:-$HERE/nexe}"
MC="$(command -v llvm-mc-14 || command -v llvm-mc || true)"
[ -n "$MC" ] || { echo "build.sh: llvm-mc (LLVM 14) not found" >&2; exit 1; }
mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if [ $# -gt 0 ]; then
  SOURCES=()
  for n in "$@"; do SOURCES+=("$ASM/$n.s"); done
else
  SOURCES=("$ASM"/[!_]*.s)
fi

for src in "${SOURCES[@]}"; do
  name="$(basename "$src" .s)"
  triple=x86_64-pc-linux-gnu; emul=elf_x86_64
  if grep -q '^# build: elf32' "$src"; then triple=x86_64-pc-linux-gnux32; emul=elf32_x86_64; fi
  osabi="$(sed -n 's|^# osabi: \([0-9]*\)/\([0-9]*\).*|\1 \2|p' "$src" | head -1)"
  # Assemble from inside asm/ with a relative name so no absolute path enters the object.
  (cd "$ASM" && "$MC" -triple="$triple" -filetype=obj -I . "$name.s" -o "$WORK/$name.o")
  ld -m "$emul" -static -nostdlib -z max-page-size=0x10000 -z noexecstack \
     -T "$ASM/nacl.lds" "$WORK/$name.o" -o "$WORK/$name.nexe"
  if [ -n "$osabi" ]; then
    set -- $osabi
    printf "$(printf '\\%03o\\%03o' "$1" "$2")" | dd of="$WORK/$name.nexe" bs=1 seek=7 conv=notrunc status=none
  fi
  cp "$WORK/$name.nexe" "$OUT/$name.nexe"
  echo "built $name.nexe"
done
