#!/usr/bin/env bash
# Builds Lua 5.4 from Debian's lua5.4 source package with `jnbox cc` into testdata/c/nexe/lua.nexe
# (spec toolchain.md section 7: one compile of lua.c, the core and the libraries, -std=gnu99
# -DLUA_COMPAT_5_3, without LUA_USE_POSIX), and records each lua/*.lua script's expected stdout and
# exit status from Debian's native lua5.4, run as `lua5.4 script.lua` from a copy in a temp folder
# (the test runs `jnbox run -m DIR:/data:rw lua.nexe /data/script.lua`).
#
#   testdata/c/build-lua.sh [LUA_SRC_DIR]     default: `apt-get source lua5.4` in a temp folder
# Needs a deb-src line for bookworm, gcc, llvm-mc (LLVM 14), ld, lua5.4 and the jnbox cc sysroot.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CC="${JNBOX_CC:-$ROOT/jnbox cc}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SRC="${1:-}"
if [ -z "$SRC" ]; then
  (cd "$WORK" && apt-get source -qq lua5.4 >/dev/null)
  SRC="$(ls -d "$WORK"/lua5.4-*/)"
fi
cp -r "$SRC/src" "$WORK/src"
# Debian's luaconf.h includes a generated header naming the multiarch triple.
echo '#define DEB_HOST_MULTIARCH "x86_64-nacl"' > "$WORK/src/lua5.4-deb-multiarch.h"
(cd "$WORK/src" && $CC -O2 -std=gnu99 -DLUA_COMPAT_5_3 $(ls *.c | grep -v -e '^luac\.c$' -e '^onelua\.c$') -lm \
   -o "$HERE/nexe/lua.nexe")
echo "built lua.nexe"
for s in "$HERE"/lua/*.lua; do
  name="$(basename "$s" .lua)"
  mkdir -p "$WORK/data-$name"
  cp "$s" "$WORK/data-$name/"
  status=0
  (cd "$WORK/data-$name" && env -i lua5.4 "$name.lua" "$WORK/data-$name") > "$HERE/expected/lua-$name.stdout" || status=$?
  echo "$status" > "$HERE/expected/lua-$name.exit"
  echo "expected lua-$name (exit $status)"
done
