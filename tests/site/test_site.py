#!/usr/bin/env python3
"""rounds publish on the offline sample: the pages and feeds it writes,
stable issue numbers, drafts, byte-identical re-publishing that writes
nothing, relative links, the Atom feed valid against RFC 4287's schema,
and rounds run.  Prints TAP."""
import fcntl
import html.parser
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import email.utils
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitelib import (SRCDIR, ok, is_, skip, done, rounds, make_sample,  # noqa
                     cleanup)

ATOM = "{http://www.w3.org/2005/Atom}"
RNG = os.path.join(SRCDIR, "tests", "data", "rng", "atom.rng")
FILES = ["index.html", "archive.html", "sources.html", "sources.opml",
         "feed.xml", "feed.rss", "feed.json", "river.xml", "style.css",
         "issues/2026-W45.html", "issues/2026-W46.html",
         "issues/2026-W47.html"]


def read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


def tree(d):
    out = {}
    for root, _, files in os.walk(d):
        for name in files:
            p = os.path.join(root, name)
            out[os.path.relpath(p, d)] = read(p, "rb")
    return out


def xmllint_ok(path):
    r = subprocess.run(["xmllint", "--noout", "--relaxng", RNG, path],
                       capture_output=True)
    return r.returncode == 0, r.stderr.decode()


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("href", "src") and v is not None:
                self.refs.append((tag, k, v))


tmp = make_sample()
site = os.path.join(tmp, "site")

# -- the first publish -----------------------------------------------------
r = rounds(tmp, "publish")
ok(r.returncode == 0, "publish exits 0", r.stderr.decode())
is_(r.stdout + r.stderr, b"", "publish is quiet without -v")
missing = [f for f in FILES if not os.path.isfile(os.path.join(site, f))]
is_(missing, [], "every page and feed is written")
is_(sorted(tree(site)), sorted(FILES), "and nothing else")

db = sqlite3.connect(os.path.join(tmp, "rounds.db"))
rows = db.execute("SELECT week, number, uid FROM issues ORDER BY number")
rows = rows.fetchall()
is_([(w, n) for w, n, _ in rows],
    [("2026-W45", 1), ("2026-W46", 2), ("2026-W47", 3)],
    "issues are numbered in week order")
is_(rows[2][2], "tag:rounds.example,2026:issue/2026-W47",
    "an issue's id is a tag: URI from the site URL and the week")
db.close()

index = read(os.path.join(site, "index.html"))
ok("Health IT Rounds (test) — 2026-W47" in index and "Issue 3" not in
   index.split("<main")[0] or "number 3" in index,
   "the index shows the latest issue (2026-W47, number 3)")
ok('href="issues/2026-W47.html"' in index, "the index links its issue page")
w46 = read(os.path.join(site, "issues", "2026-W46.html"))
ok('rel="prev" href="../issues/2026-W45.html"' in w46 and
   'rel="next" href="../issues/2026-W47.html"' in w46,
   "an issue page links the issues before and after it")
ok("Issue 2" in w46, "an issue page shows its number")
archive = read(os.path.join(site, "archive.html"))
ok(archive.index("issues/2026-W47.html") < archive.index(
   "issues/2026-W46.html") < archive.index("issues/2026-W45.html"),
   "the archive lists every issue, newest first")
sources = read(os.path.join(site, "sources.html"))
ok('href="sources.opml"' in sources and "CMIO Notes" in sources,
   "sources.html lists the sources and links the OPML export")
opml = ET.parse(os.path.join(site, "sources.opml"))
is_(len([o for o in opml.iter("outline") if o.get("xmlUrl")]), 6,
    "sources.opml holds the six subscriptions")
ok("Content-Security-Policy" in index and "img-src 'self' data:" in index,
   "pages carry a CSP that keeps images on the site")

# -- relative links only ---------------------------------------------------
bad = []
for name in [f for f in FILES if f.endswith(".html")]:
    p = Links()
    p.feed(read(os.path.join(site, name)))
    for tag, attr, v in p.refs:
        if v.startswith(("https://", "http://", "mailto:")) and tag == "a":
            continue
        if v.startswith("#") or (tag == "link" and v == "data:,"):
            continue
        if tag == "img" and v.startswith("https://"):
            continue    # an article's picture: the CSP keeps it off

        target = os.path.normpath(os.path.join(os.path.dirname(
            os.path.join(site, name)), v.split("#")[0]))
        if v.startswith("/") or "://" in v or not os.path.isfile(target):
            bad.append("%s: <%s %s=%s>" % (name, tag, attr, v))
is_(bad, [], "every link between pages is relative and resolves")

# -- feeds -----------------------------------------------------------------
valid, why = xmllint_ok(os.path.join(site, "feed.xml"))
ok(valid, "feed.xml is valid Atom (xmllint --relaxng atom.rng)", why)
valid, why = xmllint_ok(os.path.join(site, "river.xml"))
ok(valid, "river.xml is valid Atom", why)
broken = os.path.join(tmp, "broken.xml")
with open(broken, "w") as f:
    f.write(read(os.path.join(site, "feed.xml")).replace(
        "<updated>", "<published>").replace("</updated>", "</published>"))
ok(not xmllint_ok(broken)[0], "the schema rejects a feed without updated")

feed = ET.parse(os.path.join(site, "feed.xml")).getroot()
entries = feed.findall(ATOM + "entry")
is_([e.findtext(ATOM + "id") for e in entries],
    ["tag:rounds.example,2026:issue/2026-W%d" % w for w in (47, 46, 45)],
    "feed.xml: one entry per issue, newest first, stable ids")
self_links = [ln.get("href") for ln in feed.findall(ATOM + "link")
              if ln.get("rel") == "self"]
is_(self_links, ["https://rounds.example/feed.xml"], "feed.xml names itself")
ok(feed.find(ATOM + "author/" + ATOM + "name") is not None and
   feed.findtext(ATOM + "updated"), "feed.xml has an author and updated")
c = entries[0].find(ATOM + "content")
ok(c is not None and c.get("type") == "html" and "<article" in c.text,
   "an entry carries the issue's full HTML as content type=html")
alt = [ln.get("href") for ln in entries[0].findall(ATOM + "link")]
is_(alt, ["https://rounds.example/issues/2026-W47.html"],
    "an entry links its issue page")

rss = ET.parse(os.path.join(site, "feed.rss")).getroot()
items = rss.findall("channel/item")
is_(len(items), 3, "feed.rss: one item per issue")
ok(all(email.utils.parsedate_to_datetime(i.findtext("pubDate"))
       for i in items), "feed.rss: pubDate in RFC 822 form")
is_(items[0].findtext("guid"), "tag:rounds.example,2026:issue/2026-W47",
    "feed.rss: the same stable ids as guid")
ok(rss.findtext("channel/link") == "https://rounds.example/" and
   rss.findtext("channel/description"), "feed.rss: channel link, description")

jf = json.loads(read(os.path.join(site, "feed.json")))
is_(jf.get("version"), "https://jsonfeed.org/version/1.1",
    "feed.json: JSON Feed 1.1")
is_(jf.get("feed_url"), "https://rounds.example/feed.json",
    "feed.json: feed_url")
keys = ["id", "url", "title", "content_html", "date_published", "authors"]
ok(len(jf["items"]) == 3 and all(all(k in i for k in keys)
                                 for i in jf["items"]),
   "feed.json: items with " + ", ".join(keys))
river = ET.parse(os.path.join(site, "river.xml")).getroot()
dates = [e.findtext(ATOM + "published") or e.findtext(ATOM + "updated")
         for e in river.findall(ATOM + "entry")]
ok(len(dates) > 5 and dates == sorted(dates, reverse=True),
   "river.xml: recent articles of every source, newest first",
   "%d entries" % len(dates))

# -- re-publishing ---------------------------------------------------------
before = {f: os.stat(os.path.join(site, f)).st_mtime_ns for f in FILES}
r = rounds(tmp, "-v", "publish")
ok(r.returncode == 0 and b"0 written, 12 unchanged" in r.stderr,
   "a re-publish that changed nothing writes no file", r.stderr.decode())
after = {f: os.stat(os.path.join(site, f)).st_mtime_ns for f in FILES}
is_(after, before, "and every mtime is kept")
other = os.path.join(tmp, "other")
r = rounds(tmp, "publish", other)
ok(r.returncode == 0 and tree(other) == tree(site),
   "publish DIR with the same database and clock: byte-identical")
r = rounds(tmp, "-v", "publish", env={"ROUNDS_NOW": "2026-11-25T08:00:00Z"})
ok(r.returncode == 0 and b"0 written" in r.stderr,
   "a later clock in the same week changes nothing", r.stderr.decode())

# -- drafts ----------------------------------------------------------------
drafts = os.path.join(tmp, "drafts")
r = rounds(tmp, "digest", "--week", "2026-W46", "-o",
           os.path.join(drafts, "2026-W46.md"))
ok(r.returncode == 0, "digest -o drafts/2026-W46.md writes a draft",
   r.stderr.decode())
md = read(os.path.join(drafts, "2026-W46.md"))
lines = md.split("\n")
at = [i for i, ln in enumerate(lines) if "<!-- note:" in ln]
ok(len(at) == 1, "the draft marks where the note goes")
lines[at[0] + 1:at[0] + 1] = [
    "", "A quiet week, with **one** long thread. MARKER-NOTE-46",
    "<script>document.title='PWNED-DRAFT'</script>", ""]
with open(os.path.join(drafts, "2026-W46.md"), "w") as f:
    f.write("\n".join(lines))
r = rounds(tmp, "-v", "publish")
ok(r.returncode == 0, "publish with an edited draft", r.stderr.decode())
w46 = read(os.path.join(site, "issues", "2026-W46.html"))
ok("MARKER-NOTE-46" in w46 and "<strong>one</strong>" in w46,
   "the issue page shows the draft's note, as HTML")
ok("PWNED-DRAFT" not in w46, "raw HTML in a draft is dropped (safe mode)")
entry46 = [e for e in ET.parse(os.path.join(site, "feed.xml")).getroot()
           .findall(ATOM + "entry") if e.findtext(ATOM + "id").endswith(
               "W46")][0]
ok("MARKER-NOTE-46" in entry46.findtext(ATOM + "content"),
   "the feed's entry follows the draft")
r = rounds(tmp, "digest", "--week", "2026-W46", "--format", "model")
ok(r.returncode == 0 and "MARKER-NOTE-46" in json.loads(r.stdout)["note"],
   "the digest model of a week with a draft is the draft's",
   r.stderr.decode())
r = rounds(tmp, "send", "--week", "2026-W46", "--dry-run")
ok(r.returncode == 0 and b"MARKER-NOTE-46" in r.stdout.replace(b"=\r\n",
                                                               b""),
   "the newsletter shows the draft's note", r.stderr.decode())
ok("MARKER-NOTE-46" not in read(os.path.join(site, "issues",
                                             "2026-W45.html")),
   "other weeks keep their generated page")

# -- stable numbers ------------------------------------------------------
with open(os.path.join(tmp, "rounds.conf"), "a") as f:
    f.write("")
conf = read(os.path.join(tmp, "rounds.conf"))
with open(os.path.join(tmp, "one.conf"), "w") as f:
    f.write(conf.replace("dir = site", "dir = one\nmax_issues = 1"))
r = subprocess.run([os.environ.get("ROUNDS") or "src/rounds", "--config",
                    os.path.join(tmp, "one.conf"), "publish"], cwd=tmp,
                   env=dict(os.environ, ROUNDS_NOW="2026-12-08T12:00:00Z"),
                   capture_output=True)
ok(r.returncode == 0, "publish with max_issues = 1, two weeks later",
   r.stderr.decode())
one = sorted(tree(os.path.join(tmp, "one")))
is_([f for f in one if f.startswith("issues/")], [],
    "no issue for weeks without articles; older ones out of range")
r = subprocess.run([os.environ.get("ROUNDS") or "src/rounds", "--config",
                    os.path.join(tmp, "one.conf"), "publish"], cwd=tmp,
                   env=dict(os.environ, ROUNDS_NOW=("2026-11-24T12:00:00Z")),
                   capture_output=True)
one = sorted(tree(os.path.join(tmp, "one")))
is_([f for f in one if f.startswith("issues/")], ["issues/2026-W47.html"],
    "max_issues = 1 keeps the last complete week only")
ok("number 3" in read(os.path.join(tmp, "one", "index.html")),
   "and its number stays 3 (never renumbered)")

# -- errors ----------------------------------------------------------------
r = rounds(tmp, "--db", os.path.join(tmp, "none.db"), "publish")
is_(r.returncode, 66, "publish without a database exits 66")
with open(os.path.join(tmp, "plain"), "w") as f:
    f.write("a file, not a directory\n")
r = rounds(tmp, "publish", os.path.join(tmp, "plain", "site"))
is_(r.returncode, 73, "publish into a path it cannot create exits 73")
r = rounds(tmp, "publish", "a", "b")
is_(r.returncode, 64, "publish with two directories is a usage error")

# -- rounds run ------------------------------------------------------------
shutil.rmtree(site)
r = rounds(tmp, "run")
ok(r.returncode == 0, "run exits 0", r.stderr.decode())
is_(r.stdout + r.stderr, b"", "run prints nothing on success")
ok(os.path.isfile(os.path.join(site, "index.html")), "run publishes")
r = rounds(tmp, "-v", "run")
ok(r.returncode == 0 and b"publish: 0 written" in r.stderr,
   "run -v says what it did", r.stderr.decode())
r = rounds(tmp, "feeds", "add", "file://" + os.path.join(tmp, "gone.xml"))
ok(r.returncode == 0, "subscribe to a feed that cannot be read")
r = rounds(tmp, "run")
is_(r.returncode, 0, "run exits 0 when a feed fails")
ok(b"gone.xml" in r.stderr, "and names the feed that failed",
   r.stderr.decode())
with open(os.path.join(tmp, "bad-dir.conf"), "w") as f:
    f.write(conf.replace("dir = site", "dir = plain/site"))
r = subprocess.run([os.environ.get("ROUNDS") or "src/rounds", "--config",
                    os.path.join(tmp, "bad-dir.conf"), "run"], cwd=tmp,
                   capture_output=True,
                   env=dict(os.environ, ROUNDS_NOW="2026-11-24T12:00:00Z"))
is_(r.returncode, 73, "run exits 73 when the site cannot be written")
with open(os.path.join(tmp, "wait0.conf"), "w") as f:
    f.write(conf.replace("lock_wait = 5", "lock_wait = 0"))
with open(os.path.join(tmp, "rounds.db.lock"), "a") as lk:
    fcntl.flock(lk, fcntl.LOCK_EX)
    r = subprocess.run([os.environ.get("ROUNDS") or "src/rounds",
                        "--config", os.path.join(tmp, "wait0.conf"),
                        "run"], cwd=tmp, capture_output=True,
                       env=dict(os.environ, ROUNDS_NOW="2026-11-24T12:00:00Z"))
    is_(r.returncode, 75, "run while another holds the lock exits 75")
    ok(r.stderr != b"", "and says why", r.stderr.decode())
    fcntl.flock(lk, fcntl.LOCK_UN)

cleanup(tmp)
done()
