#!/usr/bin/env bash
# Builds testdata/c/src/*.c with `jnbox cc` at -O0 and -O2 into testdata/c/nexe, and records the
# expected stdout and exit status from the same C built natively with `gcc -O2` against glibc.
#
#   testdata/c/build.sh [NAME...]
#   JNBOX_CC="java ... jnbox.cc.CcCommand" testdata/c/build.sh   (default: ./jnbox cc)
#
# Per-program run settings are comment lines at the top of the source, read by CProgramsTest too:
#   // run: ARGS...        arguments (shell words); @DIR is a writable folder (a /data mount in jnbox)
#   // stdin: FILE         file in src/ fed to stdin
#   // env: NAME=VALUE     environment string
# Needs gcc, llvm-mc (LLVM 14), ld and the sysroot (jnbox cc --build-sysroot; Debian newlib-source).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CC="${JNBOX_CC:-$ROOT/jnbox cc}"
mkdir -p "$HERE/nexe" "$HERE/expected"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
if [ $# -gt 0 ]; then NAMES=("$@"); else NAMES=(); for f in "$HERE"/src/*.c; do NAMES+=("$(basename "$f" .c)"); done; fi
for name in "${NAMES[@]}"; do
  src="$HERE/src/$name.c"
  (cd "$HERE/src" && gcc -O2 -w "$name.c" -o "$WORK/$name" -lm)
  args="$(sed -n 's|^// run: ||p' "$src" | head -1)"
  stdin="$(sed -n 's|^// stdin: ||p' "$src" | head -1)"
  mapfile -t envs < <(sed -n 's|^// env: ||p' "$src")
  mkdir -p "$WORK/dir-$name"
  eval "set -- ${args//@DIR/$WORK/dir-$name}"
  input=/dev/null; [ -z "$stdin" ] || input="$HERE/src/$stdin"
  status=0
  env -i "${envs[@]}" "$WORK/$name" "$@" < "$input" > "$HERE/expected/$name.stdout" || status=$?
  echo "$status" > "$HERE/expected/$name.exit"
  for opt in O0 O2; do
    (cd "$HERE/src" && $CC -$opt "$name.c" -o "$HERE/nexe/$name-$opt.nexe")
  done
  echo "built $name (native exit $status)"
done
