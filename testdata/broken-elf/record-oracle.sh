#!/usr/bin/env bash
# Runs every fixture of expected.txt under Google's loaders (shared/tools/reference-oracles:
# pepper_28 sel_ldr and sel_ldr built from the 2017 master sources) and writes oracle.txt:
# file<TAB>oracle<TAB>exit status<TAB>the "Error while loading" line (or the last stderr line).
# A tool for recording expectations on a developer machine; never run by the build or CI.
set -uo pipefail
cd "$(dirname "$0")"
source ../../../shared/tools/reference-oracles/env.sh
out=oracle.txt
echo "# file	oracle	exit status	line (recorded by record-oracle.sh)" > "$out"
for f in $(grep -v '^#' expected.txt | cut -f1) valid64.nexe valid32.nexe valid64_osabi0.nexe; do
  for o in SEL_LDR SEL_LDR_MASTER; do
    [ -x "${!o}" ] || continue
    err=$(timeout 20 "${!o}" -- "$f" 2>&1 >/dev/null)
    rc=$?
    line=$(grep -o 'Error while loading.*' <<<"$err" | head -1)
    # No load error: either it ran (exit status only) or sel_ldr aborted (its LOG_FATAL line).
    [ -n "$line" ] || line=$(grep -B1 'LOG_FATAL abort' <<<"$err" | head -1 | sed 's/^\[[^]]*\] //')
    [ -n "$line" ] || line="-"
    case $o in SEL_LDR) name=pepper_28;; *) name=master_2017;; esac
    printf '%s\t%s\t%s\t%s\n' "$f" "$name" "$rc" "$line" >> "$out"
  done
done
