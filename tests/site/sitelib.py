"""sitelib.py: what the publish, mail and browser tests share: TAP
output, running rounds, and a database built from the offline sample
(feeds/sample/) with the clock fixed at 2026-11-24T12:00:00Z, so the last
complete week is 2026-W47 and the sample spans 2026-W45..W47."""
import os
import shutil
import subprocess
import sys
import tempfile

SRCDIR = os.environ.get("SRCDIR") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..")
BUILDDIR = os.environ.get("BUILDDIR") or os.getcwd()
ROUNDS = os.environ.get("ROUNDS") or os.path.join(BUILDDIR, "src", "rounds")
NOW = "2026-11-24T12:00:00Z"

_n = 0
_failed = 0


def ok(cond, name, diag=None):
    global _n, _failed
    _n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", _n, name))
    if not cond:
        _failed += 1
        if diag:
            for line in str(diag).rstrip().splitlines()[:40]:
                print("#   " + line)
    sys.stdout.flush()
    return cond


def is_(got, want, name):
    return ok(got == want, name, "got:  %r\nwant: %r" % (got, want))


def skip(name, why):
    global _n
    _n += 1
    print("ok %d - %s # SKIP %s" % (_n, name, why))


def done():
    print("1..%d" % _n)
    sys.exit(1 if _failed else 0)


CONF = """[rounds]
db = rounds.db
lock_wait = 5
[fetch]
comment_window_days = 3650
[digest]
timezone = UTC
[site]
dir = site
title = Health IT Rounds (test)
url = https://rounds.example/
description = The week's health-IT blogs and their comment threads
[mail]
from = Health IT Rounds <rounds@rounds.example>
to = Readers <readers@rounds.example>
list_unsubscribe = mailto:unsubscribe@rounds.example, https://rounds.example/unsubscribe
"""


def rounds(tmp, *args, env=None, stdin=None):
    e = dict(os.environ, ROUNDS_NOW=NOW)
    if env:
        e.update(env)
    return subprocess.run([ROUNDS, "--config", os.path.join(tmp,
                          "rounds.conf")] + list(args), cwd=tmp, env=e,
                          capture_output=True, input=stdin, timeout=120)


def make_sample(extra_conf="", extra_feeds=()):
    """A scratch directory with rounds.conf and a fetched rounds.db."""
    tmp = tempfile.mkdtemp(prefix="rounds-site-")
    shutil.copytree(os.path.join(SRCDIR, "feeds", "sample"),
                    os.path.join(tmp, "feeds", "sample"))
    with open(os.path.join(tmp, "rounds.conf"), "w") as f:
        f.write(CONF + extra_conf)
    steps = [("feeds", "import", os.path.join(tmp, "feeds", "sample",
                                              "sample.opml"))]
    for url in extra_feeds:
        steps.append(("feeds", "add", url))
    steps.append(("-q", "fetch"))
    for s in steps:
        r = rounds(tmp, *s)
        if r.returncode != 0:
            raise RuntimeError("rounds %s: %s" % (" ".join(s),
                                                  r.stderr.decode()))
    return tmp


def cleanup(tmp):
    shutil.rmtree(tmp, ignore_errors=True)
