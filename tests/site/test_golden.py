#!/usr/bin/env python3
"""Golden files: every output format of the sample's week 2026-W47 with
the clock fixed (tests/site/sitelib.py), compared byte for byte with
tests/data/site/golden/.  The digest forms (`rounds digest --format
md|html|atom|rss|json|email`) and the site's feeds (feed.xml, feed.rss,
feed.json, river.xml).  The scratch directory's path, which file:// feed
URLs carry, is written as @TMP@.

When an output changes on purpose (a template, a writer), regenerate with
  ROUNDS_REGEN=1 SRCDIR=... ROUNDS=src/rounds python3 tests/site/test_golden.py
and review the diff.  Prints TAP."""
import difflib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitelib import SRCDIR, ok, done, rounds, make_sample, cleanup  # noqa

GOLDEN = os.path.join(SRCDIR, "tests", "data", "site", "golden")
REGEN = os.environ.get("ROUNDS_REGEN") == "1"

tmp = make_sample()


def check(name, data):
    data = data.replace(os.path.realpath(tmp).encode(), b"@TMP@")
    data = data.replace(tmp.encode(), b"@TMP@")
    path = os.path.join(GOLDEN, name)
    if REGEN:
        os.makedirs(GOLDEN, exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    try:
        with open(path, "rb") as f:
            want = f.read()
    except OSError:
        want = None
    diff = ""
    if want is not None and want != data:
        diff = "".join(list(difflib.unified_diff(
            want.decode("utf-8", "replace").splitlines(True),
            data.decode("utf-8", "replace").splitlines(True),
            "golden/" + name, "now"))[:30])
        diff += "(if the change is intended: ROUNDS_REGEN=1, see the top " \
                "of tests/site/test_golden.py)\n"
    ok(want == data, "golden: " + name, diff or "no golden file " + path)


for fmt, ext in (("md", "md"), ("html", "html"), ("atom", "atom"),
                 ("rss", "rss"), ("json", "json"), ("email", "eml")):
    r = rounds(tmp, "digest", "--week", "2026-W47", "--format", fmt,
               "-o", "-")
    if r.returncode != 0:
        ok(False, "digest --format " + fmt, r.stderr.decode())
        continue
    check("2026-W47." + ext, r.stdout)

r = rounds(tmp, "publish")
ok(r.returncode == 0, "publish", r.stderr.decode())
for name in ("feed.xml", "feed.rss", "feed.json", "river.xml"):
    with open(os.path.join(tmp, "site", name), "rb") as f:
        check("site-" + name, f.read())

cleanup(tmp)
done()
