#!/bin/sh
# Regenerates reference.txt.gz and corpus-reference.txt.gz, the decoder's conformance data, from the host toolchain (GNU objdump).
# Run by hand after a table change:  sh emu/src/test/resources/decode/make-reference.sh
#
# Inputs: (1) encodings of every table form with random ModRM/SIB/disp/imm/REX/VEX variants
# (SampleGenerator, fixed seed); (2) every @hex line of the NaCl validator tests
# (../shared/spec/validator-tests/64/*.test), decoded as instruction streams.
# Output lines: <hex bytes>|<objdump length or 0 for "(bad)">|<objdump -M intel text>|<AT&T text>
# Only objdump decides lengths and mnemonics; the decoder under test never writes this file.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../../.." && pwd)
SHARED=${JNBOX_SHARED:-$ROOT/../shared}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
"$JAVA_HOME/bin/javac" -d "$TMP/classes" "$ROOT"/emu/src/main/java/jnbox/emu/decode/*.java \
    "$ROOT/emu/src/test/java/jnbox/emu/decode/SampleGenerator.java"
"$JAVA_HOME/bin/java" -cp "$TMP/classes" jnbox.emu.decode.SampleGenerator 6 20261123 > "$TMP/forms.hex"
: > "$TMP/streams.hex"
if [ -d "$SHARED/spec/validator-tests/64" ]; then
    for t in "$SHARED"/spec/validator-tests/64/*.test; do
        awk '/^@hex:/{h=1; s=""; next} /^@/{if(h && s!="") print s; h=0; next}
             h && !/^[ \t]*#/ {for(i=1;i<=NF;i++) if ($i ~ /^[0-9a-fA-F][0-9a-fA-F]$/) s=s" "$i}
             END{if(h && s!="") print s}' "$t"
    done | sed 's/^ //' | sort -u > "$TMP/streams.hex"
fi
python3 "$HERE/objdump-reference.py" "$TMP/forms.hex" "$TMP/streams.hex" | gzip -9n > "$HERE/reference.txt.gz"
# Real code: instruction boundaries and mnemonics of the corpus nexes (the code itself is not
# copied; the test reads the nexes from ../shared/corpus and skips when they are absent).
if [ -d "$SHARED/corpus" ]; then
    python3 "$HERE/corpus-reference.py" "$SHARED" newlib/hello_world.nexe \
        irt/irt_core_x86_64.pepper49.nexe | gzip -9n > "$HERE/corpus-reference.txt.gz"
fi
echo "wrote $HERE/reference.txt.gz ($(zcat "$HERE/reference.txt.gz" | wc -l) lines) with $(objdump --version | head -1)"
