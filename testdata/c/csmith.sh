#!/usr/bin/env bash
# Differential fuzzing of `jnbox cc` with csmith (spec toolchain.md section 6): each random program
# is built natively with gcc -O0 (the reference checksum) and with jnbox cc at -O0/-O2/-O3/-Os; every
# build must validate (jnbox cc checks) and print the native checksum under `jnbox run`.
#
#   testdata/c/csmith.sh FIRST_SEED LAST_SEED      (apt-get install csmith libcsmith-dev)
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CC="${JNBOX_CC:-$ROOT/jnbox cc}"
INC=/usr/include/csmith
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ok=0; bad=0
for seed in $(seq "${1:-1}" "${2:-20}"); do
  src="$WORK/s$seed.c"
  csmith --seed "$seed" --no-packed-struct -o "$src" >/dev/null 2>&1 || continue
  gcc -O0 -w -I"$INC" "$src" -o "$WORK/native" 2>/dev/null || continue
  expected="$(timeout 10 "$WORK/native")" || continue   # skip programs that do not finish natively
  for opt in O0 O2 O3 Os; do
    if ! $CC -$opt -w -I "$INC" "$src" -o "$WORK/s.nexe" 2>"$WORK/err"; then
      echo "seed $seed -$opt: build failed: $(head -3 "$WORK/err")"; bad=$((bad + 1)); continue
    fi
    got="$(timeout 300 "$ROOT/jnbox" run "$WORK/s.nexe" 2>&1)"
    if [ "$got" = "$expected" ]; then ok=$((ok + 1)); else
      echo "seed $seed -$opt: got '$got', native '$expected'"; bad=$((bad + 1)); fi
  done
done
echo "csmith: $ok builds matched, $bad failed"
[ "$bad" = 0 ]
