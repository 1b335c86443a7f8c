#!/usr/bin/env python3
"""`rounds digest --week W` with no -o writes the week's draft into the
drafts directory and says where; it replaces a draft only when that is
exactly what it wrote last time (a hash kept in the database's drafts
table), else it leaves the editor's file alone (exit 73) unless --force.
-o - still prints the draft.  TAP."""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitelib import ok, is_, done, rounds, make_sample, cleanup  # noqa
import draftedit  # noqa

WEEK = "2026-W47"
tmp = make_sample()
drafts = os.path.join(tmp, "drafts")
draft = os.path.join(drafts, WEEK + ".md")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def printed():
    r = rounds(tmp, "digest", "--week", WEEK, "-o", "-")
    ok(r.returncode == 0 and r.stdout.startswith(b"# "),
       "-o - prints the draft", r.stderr.decode())
    return r.stdout


fresh = printed()
ok(not os.path.exists(drafts), "-o - writes no draft")

r = rounds(tmp, "digest", "--week", WEEK)
out = r.stdout.decode()
ok(r.returncode == 0 and os.path.exists(draft), "digest --week with no -o "
   "writes the draft into the drafts directory", r.stderr.decode())
# (as typed: relative to the current directory, which is tmp here)
is_(out, "digest: the draft of %s is %s\n" % (WEEK,
                                               os.path.relpath(draft, tmp)),
    "... and says where, as the reader would type it")
ok(os.path.exists(draft) and read(draft) == fresh,
   "the draft is the md digest, byte for byte")
con = sqlite3.connect(os.path.join(tmp, "rounds.db"))
rows = con.execute("SELECT week, path, length(hash) FROM drafts").fetchall()
con.close()
is_(rows, [(WEEK, draft, 32)], "the database keeps a hash of what was "
    "written, by week")

r = rounds(tmp, "digest", "--week", WEEK)
ok(r.returncode == 0 and r.stdout.decode().endswith("(unchanged)\n"),
   "again: the same draft, said to be unchanged", r.stdout.decode())

# The digest changes (here the site's title), the draft was not edited:
# it is replaced.
with open(os.path.join(tmp, "rounds.conf")) as f:
    conf = f.read()
with open(os.path.join(tmp, "rounds.conf"), "w") as f:
    f.write(conf.replace("title = Health IT Rounds (test)",
                         "title = Health IT Rounds (retitled)"))
r = rounds(tmp, "digest", "--week", WEEK)
ok(r.returncode == 0 and b"replaces the unedited one" in r.stdout and
   b"(retitled)" in read(draft),
   "an unedited draft is replaced by the new digest", r.stdout.decode() +
   r.stderr.decode())
fresh = printed()

# The editor edits it: never overwritten without --force.
edited = draftedit.edit(fresh.decode()).encode()
with open(draft, "wb") as f:
    f.write(edited)
r = rounds(tmp, "digest", "--week", WEEK)
err = r.stderr.decode()
ok(r.returncode == 73 and draft in err and "edited since" in err and
   "--force" in err, "an edited draft: exit 73, naming it, saying why "
   "and how to go on", err)
ok(read(draft) == edited, "... and the edited draft is left as it was")
ok(r.stdout == b"", "... and nothing says it was written")
r = rounds(tmp, "digest", "--week", WEEK, "--format", "html")
ok(r.returncode == 0 and r.stdout.startswith(b"<!DOCTYPE") and
   read(draft) == edited, "other formats still go to standard output")
r = rounds(tmp, "digest", "--week", WEEK, "--force")
ok(r.returncode == 0 and read(draft) == fresh and
   b"--force: it replaces the edited one" in r.stdout,
   "--force replaces the edited draft and says so", r.stdout.decode() +
   r.stderr.decode())
r = rounds(tmp, "digest", "--week", WEEK)
ok(r.returncode == 0 and r.stdout.decode().endswith("(unchanged)\n"),
   "after --force the draft is rounds' own again")

# A draft rounds did not write (by hand, or copied in): left alone.
other = os.path.join(drafts, "2026-W46.md")
with open(other, "wb") as f:
    f.write(b"# My own draft\n")
r = rounds(tmp, "digest", "--week", "2026-W46")
ok(r.returncode == 73 and b"did not write" in r.stderr and
   read(other) == b"# My own draft\n",
   "a draft rounds did not write is left alone", r.stderr.decode())

for args in (("--force",), ("--week", WEEK, "--force", "-o", "-"),
             ("--week", WEEK, "--force", "--format", "html")):
    r = rounds(tmp, "digest", *args)
    is_(r.returncode, 64, "usage: digest " + " ".join(args))

# [site] drafts names the directory, relative to the config's.
with open(os.path.join(tmp, "rounds.conf"), "w") as f:
    f.write(conf.replace("[site]\n", "[site]\ndrafts = ed/week\n"))
r = rounds(tmp, "digest", "--week", "2026-W46")
want = os.path.join(tmp, "ed", "week", "2026-W46.md")
ok(r.returncode == 0 and os.path.exists(want) and
   r.stdout.decode() == "digest: the draft of 2026-W46 is %s\n" %
   os.path.relpath(want, tmp),
   "[site] drafts is where the draft goes", r.stdout.decode() +
   r.stderr.decode())

cleanup(tmp)
done()
