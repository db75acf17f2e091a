#!/usr/bin/env python3
"""Run the escape programs under Google's windows_mount sel_ldr (or any loader) in the tree
EscapeSuiteTest builds, and show what each prints, its exit status and whether the canary changed.

    testdata/escape-oracle.py NAME...                      under $SEL_LDR_WINDOWS_MOUNT
    testdata/escape-oracle.py --loader 'CMD run' NAME...   under another command (e.g. a jnbox launcher)

NAME is a program (testdata/nexe/NAME.nexe) with an expected file whose `options:` and `args:`
use {tmp} for the tree's root T. The tree (kept in step with EscapeTree.java):

    T/mounts/ro/data.txt "read-only data\\n", T/mounts/ro/sub/inner.txt, T/mounts/ro/ro_abs_out -> T/canary/secret.txt
    T/mounts/rw/file.txt "rw file\\n" and planted links: abs_out -> T/canary/secret.txt,
        rel_out -> ../../canary/secret.txt, abs_dir_out -> T/canary, rel_dir_out -> ../../canary,
        loop -> loop, in_rel -> ../data.txt, in_abs -> /data.txt
    T/mounts/rw2/ (empty)
    T/canary/secret.txt "CANARY-SECRET-4b1d\\n", T/canary/dir/deep.txt
    T/lfa/temp_dir/{temp_file, temp_symlink -> temp_file, temp_sub_dir/temp_sub_file},
        T/lfa/temp_inaccessible_dir/, T/lfa/temp_inaccessible_file   (limited-file-access)
    T/redirect/in.txt "redirected input\\n"                            (escape-redirect)

(escape-mounts needs T/hostile.tar and jnbox's tmpfs: no Google loader has such mounts.)

Only a tool for recording what the reference loader does; never part of the build.
"""
import hashlib
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "jnbox-reference")
SEL_LDR = os.environ.get("SEL_LDR_WINDOWS_MOUNT", os.path.join(CACHE, "sel_ldr_windows_mount"))
SECRET = "CANARY-SECRET-4b1d\n"


def build_tree(t):
    def write(rel, text):
        p = os.path.join(t, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
    write("mounts/ro/data.txt", "read-only data\n")
    write("mounts/ro/sub/inner.txt", "inner\n")
    write("mounts/rw/file.txt", "rw file\n")
    os.makedirs(os.path.join(t, "mounts/rw2"))
    write("canary/secret.txt", SECRET)
    write("canary/dir/deep.txt", "deep canary\n")
    links = {
        "mounts/ro/ro_abs_out": os.path.join(t, "canary/secret.txt"),
        "mounts/rw/abs_out": os.path.join(t, "canary/secret.txt"),
        "mounts/rw/rel_out": "../../canary/secret.txt",
        "mounts/rw/abs_dir_out": os.path.join(t, "canary"),
        "mounts/rw/rel_dir_out": "../../canary",
        "mounts/rw/loop": "loop",
        "mounts/rw/in_rel": "../data.txt",
        "mounts/rw/in_abs": "/data.txt",
    }
    for rel, target in links.items():
        os.symlink(target, os.path.join(t, rel))
    write("lfa/temp_dir/temp_file", "")
    os.symlink("temp_file", os.path.join(t, "lfa/temp_dir/temp_symlink"))
    write("lfa/temp_dir/temp_sub_dir/temp_sub_file", "")
    os.makedirs(os.path.join(t, "lfa/temp_inaccessible_dir"))
    write("lfa/temp_inaccessible_file", "")
    write("redirect/in.txt", "redirected input\n")


def tree_hash(root):
    h = hashlib.sha256()
    for d, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for n in sorted(dirs + files):
            p = os.path.join(d, n)
            st = os.lstat(p)
            h.update(("%s %o %d %d\n" % (os.path.relpath(p, root), st.st_mode, st.st_size, st.st_mtime_ns)).encode())
            if os.path.islink(p):
                h.update(os.readlink(p).encode())
            elif os.path.isfile(p):
                h.update(open(p, "rb").read())
    return h.hexdigest()


def fields(name):
    out = {}
    for line in open(os.path.join(HERE, "expected", name + ".expected"), encoding="utf-8"):
        if line.startswith("stdout:"):
            break
        if line.strip() and not line.startswith("#") and ":" in line:
            k, _, v = line.partition(":")
            out[k.strip()] = v.strip()
    return out


def main(argv):
    loader = [SEL_LDR, "-l", "/dev/null"]
    if argv[:1] == ["--loader"]:
        loader, argv = argv[1].split(), argv[2:]
    for name in argv:
        f = fields(name)
        with tempfile.TemporaryDirectory() as t:
            build_tree(t)
            opts = [w.replace("{tmp}", t) for w in f.get("sel_ldr", f.get("options", "")).split()]
            args = [w.replace("{tmp}", t) for w in f.get("args", "").split()]
            before = tree_hash(os.path.join(t, "canary")) + tree_hash(os.path.join(t, "mounts/ro"))
            cmd = loader + opts + ["--", os.path.join(HERE, "nexe", name + ".nexe")] + args
            if "jnbox" in loader[0]:
                cmd.remove("--")
            p = subprocess.run(cmd, cwd=t, capture_output=True, timeout=600)
            after = tree_hash(os.path.join(t, "canary")) + tree_hash(os.path.join(t, "mounts/ro"))
            print("== %s: exit %d, canary and ro tree %s" % (name, p.returncode, "unchanged" if before == after else "CHANGED"))
            sys.stdout.write("".join("|" + l + "\n" for l in p.stdout.decode("utf-8", "replace").split("\n")[:-1]))
            if p.stderr:
                sys.stdout.write("".join("stderr: " + l + "\n" for l in p.stderr.decode("utf-8", "replace").split("\n")[:-1][:5]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
