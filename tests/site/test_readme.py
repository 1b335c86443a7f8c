#!/usr/bin/env python3
"""The README's "The editor's week" runs as written: each command of its
walkthrough is run, in order, on a copy of feeds/ (the demo), with the
editor's edit done by tests/site/draftedit.py, and what the README says of
each is checked.  README, rounds.conf(5) and feeds/demo.conf name the same
drafts directory.  TAP."""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitelib import SRCDIR, ROUNDS, NOW, ok, is_, done  # noqa
sys.path.insert(0, os.path.join(SRCDIR, "tests", "mail"))
from smtpsink import Sink  # noqa
import draftedit  # noqa


def section(text, title):
    m = re.search(r"^## %s\n(.*?)(?=^## )" % re.escape(title), text,
                  re.M | re.S)
    return m.group(1) if m else ""


with open(os.path.join(SRCDIR, "README.md"), encoding="utf-8") as f:
    readme = f.read()
walk = section(readme, "The editor's week")
cmds = [ln[4:] for ln in walk.splitlines() if ln.startswith("    ")]
verbs = [c.split()[3] if c.startswith("src/rounds") else c.split()[0]
         for c in cmds]
is_(verbs, ["run", "digest", "$EDITOR", "digest", "publish", "send",
            "send"], "the README walks run, digest, edit, --check, publish, "
    "send (the walkthrough as this test knows it)")

tmp = tempfile.mkdtemp(prefix="rounds-readme-")
shutil.copytree(os.path.join(SRCDIR, "feeds"), os.path.join(tmp, "feeds"))
env = dict(os.environ, ROUNDS_NOW=NOW)
env.pop("EDITOR", None)
draft = os.path.join(tmp, "demo", "drafts", "2026-W47.md")
issue = os.path.join(tmp, "demo", "site", "issues", "2026-W47.html")


def run(cmd):
    argv = shlex.split(cmd)
    if argv[0] == "src/rounds":
        argv[0] = os.path.abspath(ROUNDS)
    return subprocess.run(argv, cwd=tmp, env=env, capture_output=True,
                          timeout=120)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


said = {}
for cmd in cmds:
    if cmd.startswith("$EDITOR "):
        path = os.path.join(tmp, cmd.split()[1])
        ok(os.path.exists(path), cmd + ": the draft is where the README "
           "says")
        if os.path.exists(path):
            text = draftedit.edit(read(path))
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        continue
    r = run(cmd)
    out, err = r.stdout.decode(), r.stderr.decode()
    if cmd.endswith("run"):
        ok(r.returncode == 0 and os.path.exists(issue), cmd, err)
    elif cmd.endswith("--check"):
        ok(r.returncode == 0 and ": cut: Thanking the night shift" in out
           and ": added: A reader's guide to TEFCA" in out and
           "11 articles, 25 comments" in out, cmd + ": lists the edits "
           "and the counts", out + err)
    elif " digest " in cmd:
        ok(r.returncode == 0 and os.path.exists(draft) and
           out.startswith("digest: the draft of 2026-W47 is ") and
           os.path.realpath(os.path.join(tmp, out.split(" is ", 1)[1]
                                         .strip())) ==
           os.path.realpath(draft) and "/../" not in out,
           cmd + ": writes the draft into demo/drafts/ and says where, "
           "as the reader would type it", out + err)
        r = run(cmd)
        ok(r.returncode == 0 and b"(unchanged)" in r.stdout,
           cmd + ": again, untouched: brought up to date")
    elif cmd.endswith("publish"):
        page = read(issue) if os.path.exists(issue) else ""
        ok(r.returncode == 0 and "the editor's draft" in out and
           "2026-W47.md" in out, cmd + ": names the draft it used",
           out + err)
        ok("A reader&#39;s guide to TEFCA" in page or
           "A reader's guide to TEFCA" in page, "the issue page has the "
           "article the editor added")
        ok("Thanking the night shift" not in page,
           "... and not the one cut")
    elif "--dry-run" in cmd:
        eml = os.path.join(tmp, cmd.split("-o ")[1])
        ok(r.returncode == 0 and os.path.exists(eml) and
           b"TEFCA" in open(eml, "rb").read(), cmd + ": the newsletter "
           "of the edited issue", err)
    else:
        ok(r.returncode == 78 and "smtp_url" in err, cmd + ": the demo "
           "has no smtp_url: exit 78, as the README says", err)
        # ... and with one, as the README says it sends, once.
        sink = Sink().start()
        conf = os.path.join(tmp, "feeds", "demo.conf")
        text = read(conf).replace("; smtp_url = smtp://127.0.0.1:2525",
                                  "smtp_url = smtp://127.0.0.1:%d" %
                                  sink.port)
        ok("smtp_url = smtp://127.0.0.1:%d" % sink.port in text,
           "demo.conf shows where smtp_url goes")
        with open(conf, "w") as f:
            f.write(text)
        r = run(cmd)
        ok(r.returncode == 0 and len(sink.messages) == 1,
           cmd + ": with [mail] smtp_url it sends", r.stderr.decode())
        r = run(cmd)
        ok(r.returncode == 65 and len(sink.messages) == 1 and
           b"already sent" in r.stderr, cmd + ": and not twice",
           r.stderr.decode())
        with open(draft, "a", encoding="utf-8") as f:
            f.write("\nA late line from the editor.\n")
        r = run(cmd)
        ok(r.returncode == 65 and b"changed after the issue was sent" in
           r.stderr, cmd + ": the draft changed after the send: said",
           r.stderr.decode())
        sink.stop()

# One drafts directory, said alike in the README, rounds.conf(5) and the
# demo's config.
demo = read(os.path.join(SRCDIR, "feeds", "demo.conf"))
ok(re.search(r"^drafts = \.\./demo/drafts$", demo, re.M) is not None,
   "demo.conf: [site] drafts = ../demo/drafts")
man = read(os.path.join(SRCDIR, "man", "rounds.conf.5"))
ok("../demo/drafts" in man and "\\fBrounds digest" in man,
   "rounds.conf(5): the same place, written by digest")
ok("demo/drafts/" in walk and "`[site] drafts`" in walk,
   "README: the same place")

shutil.rmtree(tmp, ignore_errors=True)
done()
