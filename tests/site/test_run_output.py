#!/usr/bin/env python3
"""test_run_output.py: `rounds run` on a terminal shows the fetch
progress, one line per stage and where the site is; off a terminal, and
with -q, it says nothing when all is well."""
import os
import pty
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitelib import (ROUNDS, NOW, ok, is_, done, rounds,  # noqa: E402
                     make_sample, cleanup)


def on_terminal(tmp, *args, now=NOW):
    """Runs rounds with stderr on a pseudo-terminal: (code, what it drew)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([ROUNDS, "--config", os.path.join(tmp, "rounds.conf")]
                         + list(args), cwd=tmp, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=slave,
                         env=dict(os.environ, ROUNDS_NOW=now))
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    p.wait(timeout=120)
    os.close(master)
    return p.returncode, b"".join(chunks).decode("utf-8", "replace")


tmp = make_sample()
try:
    # three hours on, the feeds are due again
    rc, text = on_terminal(tmp, "run", now="2026-11-24T15:00:00Z")
    is_(rc, 0, "run on a terminal exits 0")
    ok("\rfetch: " in text or "\r\x1b[Kfetch: " in text,
       "the fetch progress line is drawn", text)
    lines = [ln.split("\r")[-1].replace("\x1b[K", "")
             for ln in text.replace("\r\n", "\n").split("\n") if ln]
    ok(any(ln.startswith("fetch: ") and "fetched" in ln for ln in lines),
       "a line for the fetch", lines)
    ok(any(ln.startswith("publish: ") for ln in lines),
       "a line for the publish", lines)
    site = [ln for ln in lines if ln.startswith("site: ")]
    is_(site, ["site: site/index.html, 3 issues, 12 files written"],
        "the last line says where the site is")
    ok(lines and lines[-1].startswith("site: "), "and it is the last", lines)

    r = rounds(tmp, "run")
    is_((r.returncode, r.stdout, r.stderr), (0, b"", b""),
        "off a terminal, a run with nothing wrong prints nothing")
    rc, text = on_terminal(tmp, "-q", "run")
    is_((rc, text), (0, ""), "-q on a terminal prints nothing either")

    # the newsletter of a week without articles says which weeks have some
    r = rounds(tmp, "send", "--dry-run", "--week", "2026-W49", "-o", "x.eml")
    is_(r.returncode, 0, "send --dry-run of an empty week")
    ok(b"2026-W49 has no articles; the latest weeks with articles: "
       b"2026-W48, 2026-W47, 2026-W46, 2026-W45 (e.g. --week 2026-W48)"
       in r.stderr,
       "it names the weeks that have articles", r.stderr.decode())
    r = rounds(tmp, "send", "--dry-run", "--week", "2026-W47", "-o", "y.eml")
    is_((r.returncode, r.stderr), (0, b""),
        "a week with articles: no such note")
finally:
    cleanup(tmp)
done()
