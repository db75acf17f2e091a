#!/usr/bin/env python3
"""Run every testdata program under Google's real NaCl loaders and compare with the expected files.

    testdata/oracle.py                    report, per program, which loaders agree
    testdata/oracle.py --write-confirmed  also rewrite each file's `confirmed:` line from that
    testdata/oracle.py --draft NAME ...   print the stdout/exit each loader gives (for writing a file)

The loaders come from shared/tools/reference-oracles (README.md there): pepper_28 ($SEL_LDR),
sel_ldr built from the 2017 sources at master ($SEL_LDR_MASTER) and windows_mount
($SEL_LDR_WINDOWS_MOUNT). They are never a dependency of the build; this script only records
which of them confirm the expected values, which come from the manuals and the spec.

Each program runs in a fresh temporary directory D. pepper_28 and master get the expected file's
`sel_ldr:` options ({tmp} = D) and run with D as their working directory; windows_mount gets the
same options with `-a` replaced by `-m D:/:rw` unless they hold a `-m` already (it needs a
mount at "/", see the README there).
{root} is the repository root. `oracles:` limits the loaders tried (e.g. only windows_mount for
programs that need its -m mounts).
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = os.path.join(HERE, "expected")
NEXE = os.path.join(HERE, "nexe")
ROOT = os.path.dirname(HERE)
CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "jnbox-reference")
LOADERS = [
    ("pepper_28", os.environ.get("SEL_LDR", os.path.join(CACHE, "sel_ldr_x86_64"))),
    ("master", os.environ.get("SEL_LDR_MASTER", os.path.join(CACHE, "sel_ldr_master"))),
    ("windows_mount", os.environ.get("SEL_LDR_WINDOWS_MOUNT", os.path.join(CACHE, "sel_ldr_windows_mount"))),
]


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n == "x":
                out.append(chr(int(s[i + 2:i + 4], 16)))
                i += 4
                continue
            out.append({"n": "\n", "t": "\t", "s": " ", "\\": "\\", "e": ""}.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def words(s):
    return [unescape(w) for w in s.split()] if s else []


def parse(path):
    fields, stdout, lines = {}, None, open(path, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        if stdout is not None:
            if line.startswith("|"):
                stdout.append(line[1:] + "\n")
            continue
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.partition(":")
        value = value.strip()
        if key == "stdout" and value == "":
            stdout = []
        else:
            fields[key] = value
    if stdout is not None:
        fields["stdout"] = "".join(stdout)
    return fields


def run(loader, name, fields):
    with tempfile.TemporaryDirectory() as tmp:
        opts = [w.replace("{tmp}", tmp).replace("{root}", ROOT) for w in words(fields.get("sel_ldr", ""))]
        if name == "windows_mount" and "-m" not in opts:
            opts = [w for w in opts if w != "-a"] + ["-m", tmp + ":/:rw"]
        program = os.path.join(NEXE, fields.get("program", fields["name"] + ".nexe"))
        cmd = [loader, "-l", "/dev/null"] + opts + ["--", program] + words(fields.get("args", ""))
        stdin = unescape(fields.get("stdin", "")).encode()
        try:
            p = subprocess.run(cmd, cwd=tmp, input=stdin, capture_output=True, timeout=30)
        except subprocess.TimeoutExpired:
            return None, "timeout"
        return p.returncode, p.stdout.decode("utf-8", "replace")


def main(argv):
    write = "--write-confirmed" in argv
    draft = argv[argv.index("--draft") + 1:] if "--draft" in argv else None
    loaders = [(n, p) for n, p in LOADERS if os.access(p, os.X_OK)]
    missing = [n for n, p in LOADERS if not os.access(p, os.X_OK)]
    if missing:
        print("missing loaders (not run): " + ", ".join(missing), file=sys.stderr)
    if draft:
        for prog in draft:
            path = os.path.join(EXPECTED, prog + ".expected")
            fields = parse(path) if os.path.exists(path) else {}
            fields["name"] = prog
            for n, p in loaders:
                code, out = run(p, n, fields)
                print("== %s under %s: exit %s" % (prog, n, code))
                print("".join("|" + l + "\n" for l in out.split("\n")[:-1]), end="")
        return 0
    bad = 0
    for f in sorted(os.listdir(EXPECTED)):
        if not f.endswith(".expected"):
            continue
        path = os.path.join(EXPECTED, f)
        fields = parse(path)
        fields["name"] = f[:-len(".expected")]
        if fields.get("kind") == "fixture":
            continue
        agree = []
        only = fields.get("oracles", "").split()
        for n, p in loaders:
            if only and n not in only:
                continue
            code, out = run(p, n, fields)
            ok_exit = str(code) == fields["exit"]
            ok_out = fields.get("stdout") == "any" or fields.get("stdout") == out
            if ok_exit and ok_out:
                agree.append(n)
            else:
                why = []
                if not ok_exit:
                    why.append("exit %s" % code)
                if not ok_out:
                    why.append("stdout differs")
                print("  %-22s %-13s %s" % (fields["name"], n, ", ".join(why)))
        print("%-24s confirmed by: %s" % (fields["name"], " ".join(agree) or "none"))
        if not agree:
            bad += 1
        if write:
            text = open(path, encoding="utf-8").read().split("\n")
            line = "confirmed: " + (" ".join(agree) if agree else "none")
            text = [line if l.startswith("confirmed:") else l for l in text]
            open(path, "w", encoding="utf-8").write("\n".join(text))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
