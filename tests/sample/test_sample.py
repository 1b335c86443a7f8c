#!/usr/bin/env python3
"""The offline sample (feeds/sample/) and the demo config are well-formed,
consistent with themselves, and what the rest of the suite expects:
counts of articles and comments, reply threading, dates spanning three ISO
weeks in several time zones, one syndicated article, one hostile one.
When `rounds parse` and `rounds feeds import` work, they must agree.
Prints TAP."""
import configparser
import datetime as dt
import email.utils
import filecmp
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SRCDIR = os.environ.get("SRCDIR") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..")
ROUNDS = os.environ.get("ROUNDS")
# Normalised: make distcheck hands us a SRCDIR with ".." in it, and the
# comment-feed paths below are compared after os.path.normpath.
SAMPLE = os.path.realpath(os.path.join(SRCDIR, "feeds", "sample"))

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "thr": "http://purl.org/syndication/thread/1.0",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "slash": "http://purl.org/rss/1.0/modules/slash/",
}
A = "{%s}" % NS["atom"]
THR = "{%s}" % NS["thr"]

# What the sample holds: articles per blog, comments per blog.
BLOGS = {
    "cmio-notes": ("rss", 8, 27),
    "fhir-desk": ("rss", 7, 20),
    "minimum-necessary": ("atom", 7, 17),
    "virtual-visit": ("rss", 8, 21),
    "payment-matters": ("rss", 7, 21),
    # no comment feed in its feed: its article pages name them
    "bedside-informatics": ("page", 2, 5),
}
N_ARTICLES = 39
N_COMMENTS = 111

n = 0
failed = 0


def ok(cond, desc, diag=None):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, desc))
    if not cond:
        failed += 1
        if diag:
            for line in str(diag).splitlines()[:10]:
                print("#   " + line)
    return cond


def is_(got, want, desc):
    return ok(got == want, desc, "got:  %r\nwant: %r" % (got, want))


def skip(desc, why):
    global n
    n += 1
    print("ok %d - %s # SKIP %s" % (n, desc, why))


def rel(p):
    return os.path.relpath(p, SAMPLE)


# ---------------------------------------------------------------- files
xml_files = sorted(glob.glob(os.path.join(SAMPLE, "**", "*.xml"),
                             recursive=True))
xml_files.append(os.path.join(SAMPLE, "sample.opml"))
trees = {}
bad = []
for f in xml_files:
    try:
        trees[f] = ET.parse(f)
    except ET.ParseError as e:
        bad.append("%s: %s" % (rel(f), e))
ok(len(xml_files) > 5 + N_ARTICLES // 2, "the sample has its files (%d)"
   % len(xml_files))
ok(not bad, "every sample file is well-formed XML", "\n".join(bad))

xmllint = shutil.which("xmllint")
if xmllint:
    r = subprocess.run([xmllint, "--noout", "--nonet"] + xml_files,
                       capture_output=True, text=True)
    ok(r.returncode == 0 and r.stderr == "",
       "xmllint --noout accepts every file", r.stderr)
else:
    skip("xmllint --noout accepts every file", "no xmllint")


def parse_date(s):
    """RFC 822 (with zone names) or RFC 3339 -> aware datetime."""
    s = s.strip()
    if re.match(r"^\d{4}-\d\d-\d\dT", s):
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    return email.utils.parsedate_to_datetime(s)


def page_comment_feed(blog, page):
    """The comment feed an article page's <head> names, relative to the
    blog's directory (what rounds finds with a look), or None."""
    if not page or re.match(r"^[a-z]+:", page):
        return None
    try:
        text = open(os.path.join(SAMPLE, blog, page), encoding="utf-8").read()
    except OSError:
        return None
    head = text.split("<body", 1)[0]
    m = re.search(r'<link rel="alternate" type="application/atom\+xml"'
                  r' title="Comments on [^"]*" href="([^"]+)">', head)
    if m is None:
        return None
    return os.path.relpath(os.path.normpath(os.path.join(
        os.path.dirname(page), m.group(1))))


def zone_of(s):
    s = s.strip()
    m = re.search(r"(Z|[+-]\d\d:\d\d|[+-]\d{4}|[A-Z]{3})$", s)
    return m.group(1) if m else None


# ---------------------------------------------------------------- feeds
articles = []      # dicts: blog, id, link, date, comments_feed, count, html
comments = {}      # comment feed path -> list of dicts
zones = set()
problems = []

for blog, (kind, want_articles, want_comments) in sorted(BLOGS.items()):
    path = os.path.join(SAMPLE, blog, "feed.xml")
    root = trees[path].getroot()
    got = []
    if kind in ("rss", "page"):
        ok(root.tag == "rss" and root.get("version") == "2.0",
           "%s is RSS 2.0" % blog)
        ch = root.find("channel")
        ok(ch.find("atom:link[@rel='self']", NS) is not None and
           ch.find("{http://purl.org/rss/1.0/modules/syndication/}updatePeriod")
           is not None, "%s has atom:link rel=self and sy:updatePeriod" % blog)
        for it in ch.findall("item"):
            guid = it.find("guid")
            if guid is None or guid.get("isPermaLink") != "false":
                problems.append("%s: guid without isPermaLink=false" % blog)
            d = it.findtext("pubDate")
            zones.add(zone_of(d))
            cf = it.findtext("wfw:commentRss", None, NS)
            cnt = it.findtext("slash:comments", None, NS)
            if kind == "page":
                if cf is not None:
                    problems.append("%s: announces %s" % (blog, cf))
                cf = page_comment_feed(blog, it.findtext("comments"))
            if it.find("dc:creator", NS) is None or \
               it.find("content:encoded", NS) is None or \
               not it.findall("category"):
                problems.append("%s: item without creator/content/category"
                                % blog)
            got.append({"blog": blog, "id": guid.text, "date": parse_date(d),
                        "link": it.findtext("link"),
                        "title": it.findtext("title"),
                        "comments_feed": cf,
                        "count": int(cnt) if cnt is not None else None,
                        "html": it.findtext("content:encoded", "", NS)})
    else:
        ok(root.tag == A + "feed", "%s is Atom 1.0" % blog)
        for e in root.findall(A + "entry"):
            d = e.findtext(A + "published")
            zones.add(zone_of(d))
            rep = [l for l in e.findall(A + "link")
                   if l.get("rel") == "replies" and
                   l.get("type") == "application/atom+xml"]
            total = e.findtext(THR + "total")
            if rep and (rep[0].get(THR + "count") != total):
                problems.append("%s: thr:count != thr:total" % blog)
            alt = [l.get("href") for l in e.findall(A + "link")
                   if l.get("rel") == "alternate"]
            got.append({"blog": blog, "id": e.findtext(A + "id"),
                        "date": parse_date(d), "link": alt[0],
                        "title": e.findtext(A + "title"),
                        "comments_feed": rep[0].get("href") if rep else None,
                        "count": int(total) if total is not None else None,
                        "html": e.findtext(A + "content", "")})
    is_(len(got), want_articles, "%s has %d articles" % (blog, want_articles))
    ids = [a["id"] for a in got]
    is_(len(set(ids)), len(ids), "%s: article ids are unique" % blog)

    # Comment feeds: relative references, present, counts as announced.
    n_comments = 0
    for a in got:
        cf = a["comments_feed"]
        if cf is None:
            continue
        if re.match(r"^[a-z]+:", cf):
            problems.append("%s: comment feed %s is not relative" % (blog, cf))
            continue
        cpath = os.path.normpath(os.path.join(SAMPLE, blog, cf))
        if cpath not in trees:
            problems.append("%s: %s missing" % (blog, cf))
            continue
        croot = trees[cpath].getroot()
        cs = []
        if kind == "rss":
            for it in croot.find("channel").findall("item"):
                d = it.findtext("pubDate")
                zones.add(zone_of(d))
                cs.append({"id": it.findtext("guid"),
                           "link": it.findtext("link"),
                           "title": it.findtext("title"),
                           "author": it.findtext("dc:creator", None, NS),
                           "date": parse_date(d),
                           "html": it.findtext("content:encoded", "", NS),
                           "desc": it.findtext("description", "")})
        else:
            for e in croot.findall(A + "entry"):
                d = e.findtext(A + "published")
                zones.add(zone_of(d))
                irt = e.find(THR + "in-reply-to")
                cs.append({"id": e.findtext(A + "id"),
                           "link": e.find(A + "link").get("href"),
                           "author": e.findtext(A + "author/" + A + "name"),
                           "date": parse_date(d),
                           "ref": irt.get("ref") if irt is not None else None,
                           "html": e.findtext(A + "content", "")})
        if len(cs) != a["count"]:
            problems.append("%s: %s holds %d comments, the feed says %s"
                            % (blog, cf, len(cs), a["count"]))
        if cs and not 2 <= len(cs) <= 8:
            problems.append("%s: %s has %d comments" % (blog, cf, len(cs)))
        for c in cs:
            if c["date"] < a["date"]:
                problems.append("%s: comment %s before its article"
                                % (blog, c["id"]))
        comments[cpath] = (a, cs, kind)
        n_comments += len(cs)
    is_(n_comments, want_comments, "%s has %d comments" % (blog, want_comments))
    articles += got

ok(not problems, "feeds and comment feeds agree with each other",
   "\n".join(problems))
is_(len(articles), N_ARTICLES, "%d articles in all" % N_ARTICLES)
is_(sum(len(v[1]) for v in comments.values()), N_COMMENTS,
    "%d comments in all" % N_COMMENTS)
ok(any(a["comments_feed"] is None for a in articles) and
   any(a["count"] == 0 for a in articles),
   "some articles take no comments, some have none yet")

# ---------------------------------------------------------------- threads
wp_replies = 0
wp_bad = []
atom_to_article = 0
atom_to_comment = 0
atom_bad = []
for cpath, (a, cs, kind) in sorted(comments.items()):
    links = {c["link"] for c in cs}
    ids = {c["id"] for c in cs}
    for c in cs:
        if kind == "rss":
            if not c["title"].startswith("By: ") or not c["author"] or \
               "#comment-" not in c["id"] or "#comment-" not in c["link"]:
                wp_bad.append("%s: %s is not shaped like WordPress"
                              % (rel(cpath), c["id"]))
            m = re.match(r'In reply to <a href="([^"]+)">', c["html"])
            if m:
                wp_replies += 1
                if m.group(1) not in links:
                    wp_bad.append("%s: reply to unknown %s"
                                  % (rel(cpath), m.group(1)))
                if not c["desc"].startswith(m.group(0)):
                    wp_bad.append("%s: description lacks the marker"
                                  % rel(cpath))
        else:
            if c["ref"] == a["id"]:
                atom_to_article += 1
            elif c["ref"] in ids:
                atom_to_comment += 1
            else:
                atom_bad.append("%s: in-reply-to %s" % (rel(cpath), c["ref"]))
ok(not wp_bad and wp_replies >= 20,
   "WordPress replies say 'In reply to' a comment of the same thread (%d)"
   % wp_replies, "\n".join(wp_bad))
ok(not atom_bad and atom_to_article >= 5 and atom_to_comment >= 5,
   "Atom thr:in-reply-to names the entry (%d) or a sibling comment (%d)"
   % (atom_to_article, atom_to_comment), "\n".join(atom_bad))

# ---------------------------------------------------------------- dates
lo = dt.datetime(2026, 11, 2, tzinfo=dt.timezone.utc)
hi = dt.datetime(2026, 11, 27, tzinfo=dt.timezone.utc)
outside = [a["id"] for a in articles if not lo <= a["date"] < hi]
ok(not outside, "every article is dated 2026-11-02 .. 2026-11-26 (UTC)",
   outside)
weeks = {}
for a in articles:
    w = a["date"].astimezone(dt.timezone.utc).isocalendar()[1]
    weeks[w] = weeks.get(w, 0) + 1
is_(sorted(weeks), [45, 46, 47, 48],
    "articles span ISO weeks 2026-W45..W48")
is_(weeks, {45: 12, 46: 11, 47: 14, 48: 2}, "articles per ISO week (UTC)")
is_(zones >= {"+0000", "-0500", "EST", "GMT", "Z", "-08:00"}, True,
    "dates use +0000, -0500, EST, GMT, Z and -08:00")
late = [a for a in articles if a["date"].utcoffset() and
        a["date"].isocalendar()[1] !=
        a["date"].astimezone(dt.timezone.utc).isocalendar()[1]]
is_(len(late), 1, "one article is Sunday evening locally, Monday in UTC")

# A thread that goes on: an article of W46 with comments written in W47.
def iso_week(t):
    return t.astimezone(dt.timezone.utc).isocalendar()[1]


going_on = [(a["link"], c["id"]) for cpath, (a, cs, kind) in
            comments.items() for c in cs
            if iso_week(a["date"]) == 46 and iso_week(c["date"]) == 47]
ok(len(going_on) >= 2 and len({x[0] for x in going_on}) == 1,
   "one W46 article's thread goes on into W47 (%d comments)"
   % len(going_on), going_on)

# ---------------------------------------------------------------- features
links = {}
for a in articles:
    links.setdefault(a["link"], []).append(a)
dup = {l: v for l, v in links.items() if len(v) > 1}
ok(len(dup) == 1 and len({a["blog"] for a in list(dup.values())[0]}) == 2,
   "one article is carried by two blogs (same link)", dup)
hostile = [a for a in articles if "<script" in a["html"]]
ok(len(hostile) == 1 and "onerror=" in hostile[0]["html"] and
   "javascript:" in hostile[0]["html"],
   "one article tries <script>, onerror= and a javascript: link")
raw = "".join(open(f, encoding="utf-8").read() for f in xml_files)
ok("&nbsp;" in raw and "&rsquo;" in raw and "&#8217;" in raw,
   "HTML entities (&nbsp; &rsquo;) and numeric references appear")
ok("José" in raw and "Zoë" in raw, "non-ASCII names appear (José, Zoë)")
ok(all(re.match(r"^https://[a-z-]+\.example/", a["link"]) for a in articles),
   "article links are https URLs on .example domains")

# ---------------------------------------------------------------- OPML
opml = trees[os.path.join(SAMPLE, "sample.opml")].getroot()
groups = opml.findall("body/outline")
feeds = opml.findall(".//outline[@xmlUrl]")
ok(len(groups) >= 3 and all(g.get("xmlUrl") is None for g in groups),
   "sample.opml groups its feeds in tag outlines (%d)" % len(groups))
urls = sorted(f.get("xmlUrl") for f in feeds)
is_(urls, sorted("%s/feed.xml" % b for b in BLOGS),
    "sample.opml lists the %d feeds by relative xmlUrl" % len(BLOGS))

# ---------------------------------------------------------------- generator
with tempfile.TemporaryDirectory() as tmp:
    r = subprocess.run([sys.executable, os.path.join(SAMPLE, "make-sample.py"),
                        tmp], capture_output=True, text=True)
    made = sorted(os.path.relpath(p, tmp) for ext in ("xml", "html") for p in
                  glob.glob(os.path.join(tmp, "**", "*." + ext),
                            recursive=True))
    have = sorted([rel(p) for p in xml_files if not p.endswith(".opml")] +
                  [rel(p) for p in glob.glob(os.path.join(
                      SAMPLE, "**", "*.html"), recursive=True)])
    same = r.returncode == 0 and made == have and all(
        filecmp.cmp(os.path.join(tmp, p), os.path.join(SAMPLE, p),
                    shallow=False) for p in made)
    ok(same, "make-sample.py regenerates the sample byte for byte",
       r.stderr or "differs: run python3 feeds/sample/make-sample.py")

# ---------------------------------------------------------------- demo.conf
conf_path = os.path.join(SRCDIR, "feeds", "demo.conf")
cp = configparser.ConfigParser(interpolation=None,
                               comment_prefixes=("#", ";"))
cp.optionxform = str
try:
    cp.read(conf_path, encoding="utf-8")
    good = True
except configparser.Error as e:
    good = False
ok(good and cp.get("feeds", "opml", fallback="") == "sample/sample.opml" and
   os.path.exists(os.path.join(SRCDIR, "feeds", cp.get("feeds", "opml"))),
   "demo.conf names the sample OPML, relative to itself")
ok(good and int(cp.get("fetch", "comment_window_days", fallback="0")) >= 3650
   and cp.get("rounds", "db", fallback="").startswith("../demo/")
   and cp.get("site", "dir", fallback="").startswith("../demo/"),
   "demo.conf keeps old comments and writes under demo/")


# ---------------------------------------------------------------- rounds
def run(*args, **kw):
    return subprocess.run([ROUNDS] + list(args), capture_output=True,
                          text=True, **kw)


feed_files = [os.path.join(SAMPLE, b, "feed.xml") for b in sorted(BLOGS)]
if not ROUNDS or not os.access(ROUNDS, os.X_OK):
    skip("rounds parse reads the sample", "no $ROUNDS")
else:
    r = run("parse", *feed_files)
    lines = [l for l in r.stdout.splitlines() if l.strip()]
    docs = []
    try:
        docs = [json.loads(l) for l in lines]
    except ValueError as e:
        pass
    ok(r.returncode == 0 and len(docs) == len(feed_files),
       "rounds parse FILE... prints one JSON line per feed",
       r.stderr or r.stdout[:500])
    by_src = {d.get("source"): d for d in docs}
    for f in feed_files:
        blog = os.path.basename(os.path.dirname(f))
        d = by_src.get(f, {})
        ents = d.get("entries", [])
        is_(len(ents), BLOGS[blog][1],
            "rounds parse: %s entries" % blog)
        ok(d.get("bozo") is False, "rounds parse: %s is not bozo" % blog)
        want_fmt = "atom10" if BLOGS[blog][0] == "atom" else "rss20"
        is_(d.get("format"), want_fmt, "rounds parse: %s format" % blog)
        here = os.path.realpath(os.path.dirname(f))
        ok(all(re.match(r"^[a-z]+:", e.get("comments_feed", "x:"))
               for e in ents),
           "rounds parse: %s without --base, no relative URL" % blog)
        rb = run("parse", "--base", "file://" + os.path.abspath(f), f)
        try:
            ents_b = json.loads(rb.stdout).get("entries", [])
        except ValueError:
            ents_b = []
        cfs = [e["comments_feed"] for e in ents_b if "comments_feed" in e]
        if BLOGS[blog][0] == "page":
            pages = [e.get("comments", "") for e in ents_b]
            ok(not cfs and pages and all(
                p.startswith("file:///") and os.path.exists(p[7:])
                for p in pages),
               "rounds parse --base file://...: %s announces no comment "
               "feed; its comment pages resolve beside it" % blog,
               rb.stderr + "\n".join(cfs + pages))
            want = sum(a["count"] or 0 for a in articles if a["blog"] == blog)
            is_(sum(e.get("comment_count", 0) for e in ents), want,
                "rounds parse: %s comment counts" % blog)
            continue
        good = all(c.startswith("file:///") and
                   os.path.dirname(os.path.realpath(c[7:])) ==
                   os.path.join(here, "comments") and
                   os.path.exists(c[7:]) for c in cfs)
        ok(cfs and good,
           "rounds parse --base file://...: %s comment feeds resolve "
           "beside it" % blog, rb.stderr + "\n".join(cfs[:3]))
        want = sum(a["count"] or 0 for a in articles if a["blog"] == blog)
        is_(sum(e.get("comment_count", 0) for e in ents), want,
            "rounds parse: %s comment counts" % blog)
        ok(all(re.match(r"^2026-11-\d\dT\d\d:\d\d:\d\dZ$",
                        e.get("published", "")) for e in ents),
           "rounds parse: %s dates in UTC" % blog)
    out = r.stdout
    ok("<script" not in out and "onerror" not in out and
       "javascript:" not in out,
       "rounds parse: the hostile article comes out sanitised")
    ok("Zo\u00eb" in out or "Zo\\u00eb" in out,
       "rounds parse: non-ASCII author kept")
    ok("&nbsp;" not in out and "&rsquo;" not in out,
       "rounds parse: named HTML entities decoded")
    # Every comment feed parses, with its count.
    cfiles = sorted(comments)
    r = run("parse", *cfiles)
    total = 0
    try:
        for l in r.stdout.splitlines():
            if l.strip():
                total += len(json.loads(l).get("entries", []))
    except ValueError:
        total = -1
    ok(r.returncode == 0, "rounds parse reads every comment feed",
       r.stderr)
    is_(total, N_COMMENTS, "rounds parse: %d comments" % N_COMMENTS)
    irt = 0
    for l in r.stdout.splitlines():
        if l.strip():
            for e in json.loads(l).get("entries", []):
                irt += bool(e.get("in_reply_to"))
    is_(irt, sum(v[2] for v in BLOGS.values() if v[0] != "rss"),
        "rounds parse: every Atom comment has in_reply_to")

    # The store's OPML import turns the relative xmlUrls into file:// URLs.
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "s.db")
        r = run("--db", db, "feeds", "import",
                os.path.join(SAMPLE, "sample.opml"))
        ok(r.returncode == 0, "rounds feeds import sample.opml", r.stderr)
        r = run("--db", db, "feeds", "list")
        want = sorted(os.path.join(os.path.realpath(SAMPLE), b, "feed.xml")
                      for b in BLOGS)
        got = sorted(set(os.path.realpath(u[7:]) for u in
                         re.findall(r"file://\S+?/feed\.xml", r.stdout)))
        is_(got, want, "the imported feeds are file:// URLs of the sample")

    # Fetch the sample offline into a fresh database, then the digests.
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(SRCDIR, "feeds"), os.path.join(tmp, "feeds"))
        conf = os.path.join(tmp, "feeds", "demo.conf")
        db = os.path.join(tmp, "f.db")
        env = dict(os.environ, ROUNDS_NOW="2026-11-24T12:00:00Z")
        r = run("--db", db, "-q", "feeds", "import",
                os.path.join(tmp, "feeds", "sample", "sample.opml"), env=env)
        f = run("--db", db, "--config", conf, "-q", "fetch", env=env)
        import sqlite3
        ok(f.returncode == 0, "rounds fetch reads the sample offline",
           f.stderr)
        con = sqlite3.connect(db)
        q = lambda sql: con.execute(sql).fetchone()[0]
        is_(q("SELECT count(*) FROM entries"), N_ARTICLES,
            "fetch stored %d articles" % N_ARTICLES)
        is_(q("SELECT count(*) FROM comments"), N_COMMENTS,
            "fetch stored %d comments from the comment feeds" % N_COMMENTS)
        is_(q("SELECT count(*) FROM discoveries WHERE result = 'found'"
              " AND how = 'page' AND found LIKE 'file://%/bedside-"
              "informatics/comments/%.xml'"), BLOGS["bedside-informatics"][1],
            "fetch found the comment feeds bedside-informatics announces "
            "only in its article pages")
        is_(q("SELECT count(*) FROM comments c JOIN entries e ON e.id ="
              " c.entry_id JOIN feeds f ON f.id = e.feed_id WHERE f.url"
              " LIKE '%/bedside-informatics/feed.xml'"),
            BLOGS["bedside-informatics"][2],
            "... and stored their comments in the same run")
        is_(q("SELECT count(*) FROM comments WHERE parent_guid IS NOT NULL"),
            wp_replies + atom_to_comment,
            "replies are threaded (WordPress markers and thr:in-reply-to)")
        is_(q("SELECT count(*) FROM fetch_log WHERE result <> 'ok'"), 0,
            "every fetch of the sample succeeded")
        con.close()
        per_week = {}
        for w in ("45", "46", "47"):
            d = run("--db", db, "--config", conf, "-q", "digest", "--week",
                    "2026-W" + w, "--format", "model", env=env)
            try:
                per_week[w] = json.loads(d.stdout)
            except ValueError:
                per_week[w] = {}
        is_([per_week[w].get("article_count") for w in ("45", "46", "47")],
            [12, 10, 14],
            "digest: articles per week, the syndicated one once")
        also = [a for m in per_week.values()
                for sec in m.get("sections", [])
                for a in sec.get("articles", []) if a.get("also")]
        ok(len(also) == 1 and "TEFCA" in also[0].get("title", ""),
           "digest: the syndicated article names its other source")
        txt = json.dumps(per_week)
        ok("<script" not in txt and "onerror" not in txt and
           "javascript:" not in txt,
           "digest: nothing from the hostile article runs")

    # The README's quick start, in a copy of the tree.
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(SRCDIR, "feeds"), os.path.join(tmp, "feeds"))
        env = dict(os.environ, ROUNDS_NOW="2026-11-24T12:00:00Z")
        r = run("--config", os.path.join(tmp, "feeds", "demo.conf"), "-q",
                "run", env=env)
        ok(r.returncode == 0, "rounds --config feeds/demo.conf run",
           r.stderr)
        ok(os.path.isfile(os.path.join(tmp, "demo", "rounds.db")),
           "the demo database is demo/rounds.db")
        ok(os.path.isfile(os.path.join(tmp, "demo", "site", "index.html")),
           "the demo site is in demo/site/")

print("1..%d" % n)
sys.exit(1 if failed else 0)
