#!/usr/bin/env python3
"""rounds publish renders only what changed: on the offline sample, each
change (a comment's text, an edited draft, a template, the config that
shapes pages, a deleted file) re-renders exactly the pages made of it,
and after every change the site is byte for byte what `publish --full`
writes into an empty directory.  Prints TAP."""
import datetime
import os
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitelib import (SRCDIR, ok, is_, done, rounds, make_sample,  # noqa
                     cleanup)

FILES = {"index.html", "archive.html", "sources.html", "sources.opml",
         "feed.xml", "feed.rss", "feed.json", "river.xml", "style.css",
         "issues/2026-W45.html", "issues/2026-W46.html",
         "issues/2026-W47.html"}
FEEDS = {"feed.xml", "feed.rss", "feed.json"}


def tree(d):
    out = {}
    for root, _, files in os.walk(d):
        for name in files:
            p = os.path.join(root, name)
            with open(p, "rb") as f:
                out[os.path.relpath(p, d)] = f.read()
    return out


def publish(tmp, *args, env=None):
    """Publishes into tmp/site; returns the set of files it rendered."""
    r = rounds(tmp, "-vv", "publish", *args, env=env)
    if r.returncode != 0:
        ok(False, "publish %s" % " ".join(args), r.stderr.decode())
        return None
    out = set()
    for line in r.stderr.decode().splitlines():
        if "publish: rendered " in line:
            out.add(line.split("publish: rendered ")[1].split(" (")[0])
    return out


def same_as_full(tmp, name, env=None):
    """The incremental site equals a full render into an empty dir."""
    full = os.path.join(tmp, "full")
    shutil.rmtree(full, ignore_errors=True)
    r = rounds(tmp, "publish", "--full", full, env=env)
    a, b = tree(os.path.join(tmp, "site")), tree(full)
    diff = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    ok(r.returncode == 0 and a == b,
       "%s: the site is byte-identical to a full render" % name,
       r.stderr.decode() + "differs: %s" % diff)


def week_bounds(week):
    y, w = int(week[:4]), int(week[6:])
    start = datetime.datetime.combine(
        datetime.date.fromisocalendar(y, w, 1), datetime.time(),
        datetime.timezone.utc)
    return int(start.timestamp()), int(start.timestamp()) + 7 * 86400


tmp = make_sample()
db = os.path.join(tmp, "rounds.db")
site = os.path.join(tmp, "site")
try:
    r = rounds(tmp, "-vv", "publish", os.path.join(tmp, "threads"))
    ok(r.returncode == 0 and b"publish: 3 issues' digests built ahead on a "
       b"second thread" in r.stderr, "the three weeks' digests are built "
       "ahead, on a second thread", r.stderr.decode())
    is_(publish(tmp), FILES, "the first publish renders every page")
    same_as_full(tmp, "first publish")
    is_(tree(os.path.join(tmp, "threads")), tree(site),
        "a site published into another directory is the same site")
    is_(publish(tmp), set(), "publish again: nothing is rendered")

    # A comment's text changes (as a fetch stores it: new content and
    # content hash) on an article of 2026-W45: its page and the feeds
    # that carry its entry, nothing else (the neighbours show only its
    # title and counts; the river covers 2026-W46 on).
    since, until = week_bounds("2026-W45")
    con = sqlite3.connect(db)
    row = con.execute(
        "SELECT c.id FROM comments c JOIN entries e ON e.id = c.entry_id"
        " WHERE e.published >= ? AND e.published < ? AND c.published < ?"
        " ORDER BY c.published, c.id LIMIT 1",
        (since, until, until)).fetchone()
    ok(row is not None, "the sample has a comment in 2026-W45")
    con.execute("UPDATE comments SET content = '<p>MARKER-COMMENT-45</p>',"
                " content_hash = 'changed-45' WHERE id = ?", (row[0],))
    con.commit()
    con.close()
    is_(publish(tmp), {"issues/2026-W45.html"} | FEEDS,
        "a changed comment re-renders its issue's page and the feeds")
    with open(os.path.join(site, "issues", "2026-W45.html")) as f:
        ok("MARKER-COMMENT-45" in f.read(), "which shows the new text")
    same_as_full(tmp, "changed comment")

    # A comment of 2026-W47 on an article of 2026-W46 changes: the W47
    # issue shows it among the conversations that go on, so its page is
    # rendered again (as are the pages made of the W46 article's rows).
    since, until = week_bounds("2026-W47")
    con = sqlite3.connect(db)
    row = con.execute(
        "SELECT c.id FROM comments c JOIN entries e ON e.id = c.entry_id"
        " WHERE e.published < ? AND c.published >= ? AND c.published < ?"
        " ORDER BY c.published, c.id LIMIT 1",
        (since, since, until)).fetchone()
    ok(row is not None, "the sample has a thread that goes on into W47")
    con.execute("UPDATE comments SET content = '<p>MARKER-GOES-ON-47</p>',"
                " content_hash = 'changed-47' WHERE id = ?", (row[0],))
    con.commit()
    con.close()
    got = publish(tmp) or set()
    ok({"issues/2026-W47.html", "index.html"} <= got,
       "a changed comment in a conversation that goes on re-renders the "
       "issue that shows it", got)
    with open(os.path.join(site, "issues", "2026-W47.html")) as f:
        ok("MARKER-GOES-ON-47" in f.read(), "which shows the new text")
    same_as_full(tmp, "changed comment in a conversation that goes on")
    is_(publish(tmp), set(), "and then nothing again")

    # The editor's draft of 2026-W46 gains a note.
    drafts = os.path.join(tmp, "drafts")
    r = rounds(tmp, "digest", "--week", "2026-W46", "-o",
               os.path.join(drafts, "2026-W46.md"))
    ok(r.returncode == 0, "a draft of 2026-W46", r.stderr.decode())
    with open(os.path.join(drafts, "2026-W46.md")) as f:
        lines = f.read().split("\n")
    at = [i for i, ln in enumerate(lines) if "<!-- note:" in ln][0]
    lines[at + 1:at + 1] = ["", "MARKER-NOTE-46", ""]
    with open(os.path.join(drafts, "2026-W46.md"), "w") as f:
        f.write("\n".join(lines))
    is_(publish(tmp), {"issues/2026-W46.html"} | FEEDS,
        "an edited draft re-renders its issue's page and the feeds")
    same_as_full(tmp, "edited draft")
    is_(publish(tmp), set(), "and then nothing")

    # A template: every page is made of the shared partials, so every
    # page is rendered (the bytes change only where the template shows).
    tdir = os.path.join(tmp, "templates")
    os.mkdir(tdir)
    with open(os.path.join(SRCDIR, "templates",
                           "site.archive.mustache")) as f:
        text = f.read()
    with open(os.path.join(tdir, "site.archive.mustache"), "w") as f:
        f.write(text.replace("</main>", "<p>MARKER-TEMPLATE</p></main>"))
    env = {"ROUNDS_TEMPLATES": tdir}
    before = tree(site)
    is_(publish(tmp, env=env), FILES, "a changed template re-renders all")
    after = tree(site)
    is_(sorted(k for k in after if after[k] != before.get(k)),
        ["archive.html"], "and only the archive's bytes change")
    ok(b"MARKER-TEMPLATE" in after["archive.html"], "with the new text")
    same_as_full(tmp, "changed template", env=env)
    is_(publish(tmp, env=env), set(), "the same templates: nothing")

    # The config: [fetch] does not shape pages; [site] does.
    with open(os.path.join(tmp, "rounds.conf"), "a") as f:
        f.write("[fetch]\njobs = 3\n")
    is_(publish(tmp, env=env), set(), "a [fetch] setting renders nothing")
    conf = os.path.join(tmp, "rounds.conf")
    with open(conf) as f:
        text = f.read()
    with open(conf, "w") as f:
        f.write(text.replace("title = Health IT Rounds (test)",
                             "title = Health IT Rounds (renamed)"))
    is_(publish(tmp, env=env), FILES, "a new [site] title renders all")
    with open(os.path.join(site, "issues", "2026-W45.html")) as f:
        ok("Health IT Rounds (renamed)" in f.read(), "with the new title")
    same_as_full(tmp, "changed config", env=env)

    # A file someone deleted comes back; --full renders everything.
    os.unlink(os.path.join(site, "issues", "2026-W46.html"))
    is_(publish(tmp, env=env), {"issues/2026-W46.html"},
        "a deleted page is rendered again, alone")
    # A deleted feed comes back alone, its entries read from what the
    # last publish recorded of each issue, not rendered again.
    with open(os.path.join(site, "feed.json"), "rb") as f:
        before = f.read()
    os.unlink(os.path.join(site, "feed.json"))
    is_(publish(tmp, env=env), FEEDS,
        "a deleted feed renders the feeds again, alone")
    with open(os.path.join(site, "feed.json"), "rb") as f:
        ok(f.read() == before, "the same feed as before")
    same_as_full(tmp, "deleted feed", env=env)
    is_(publish(tmp, "--full", env=env), FILES,
        "publish --full renders every page")
    r = rounds(tmp, "-v", "publish", "--full", env=env)
    ok(r.returncode == 0 and b"0 written, 12 unchanged" in r.stderr,
       "and writes none that did not change", r.stderr.decode())
    same_as_full(tmp, "--full", env=env)
finally:
    cleanup(tmp)
done()
