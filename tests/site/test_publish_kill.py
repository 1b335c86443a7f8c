#!/usr/bin/env python3
"""test_publish_kill.py: a publish killed while writing leaves nothing
half-done in sight.  ROUNDS_TEST_KILL_BEFORE_RENAME=N makes rounds kill
itself (SIGKILL) after writing its Nth temporary file, before the rename
that would put it in place."""
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitelib import ok, is_, done, rounds, make_sample, cleanup  # noqa: E402

TMP_RE = re.compile(r"\.tmp\.\d+$")


def tree(d):
    """{relative path: bytes} of every file under d."""
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, d)] = fh.read()
    return out


def visible(files):
    return {p: b for p, b in files.items()
            if not any(part.startswith(".") for part in p.split(os.sep))}


tmp = make_sample()
try:
    r = rounds(tmp, "publish", "ref")
    is_(r.returncode, 0, "a full publish for reference")
    ref = tree(os.path.join(tmp, "ref"))
    ok(len(ref) > 10, "the reference site has its files (%d)" % len(ref))

    site = os.path.join(tmp, "site")
    for n in (1, 5, len(ref) // 2):
        shutil.rmtree(site, ignore_errors=True)
        r = rounds(tmp, "publish", env={"ROUNDS_TEST_KILL_BEFORE_RENAME":
                                        str(n)})
        is_(r.returncode, -9, "publish killed before its rename #%d" % n)
        got = tree(site)
        hidden = [p for p in got if p not in visible(got)]
        ok(hidden and all(TMP_RE.search(p) and
                          os.path.basename(p).startswith(".") for p in hidden),
           "the unfinished file is a dot-named temporary", hidden)
        shown = visible(got)
        is_(len(shown), n - 1, "the files before it are in place")
        bad = [p for p, b in shown.items() if ref.get(p) != b]
        is_(bad, [], "every file in sight is whole")

    # an existing site: a page being replaced stays the old one, whole
    with open(os.path.join(site, "index.html"), "w") as f:
        f.write("<p>last week's index</p>\n")
    before = visible(tree(site))
    r = rounds(tmp, "publish", env={"ROUNDS_TEST_KILL_BEFORE_RENAME": "1"})
    is_(r.returncode, -9, "publish over an existing site killed")
    after = visible(tree(site))
    ok(all(after.get(p) in (b, ref.get(p)) for p, b in before.items()),
       "each page is the old one or the new one, never a part")

    r = rounds(tmp, "publish")
    ok(r.returncode == 0, "the next publish runs", r.stderr)
    got = tree(site)
    is_([p for p in got if TMP_RE.search(p)], [],
        "it removes the killed run's temporary files")
    is_(got == ref, True, "and the site is whole")
finally:
    cleanup(tmp)
done()
