#!/usr/bin/env python3
"""Differential test: every feed fixture is read by `rounds parse` and by
Debian's python3-feedparser, and each field is compared: the feed's title,
subtitle, link, language and author (name, email, uri); each entry's id, title, link,
published and updated dates, authors, categories, summary and content text,
enclosures and image.  (JSON Feed is left out: feedparser does not read
it.)  HTML is compared as its text (white space
collapsed), since the two sanitisers keep different markup on purpose.

tests/parse/feedparser-differences.txt lists the intended differences, one
a line: a file pattern, a field pattern and the reason.  Any other
difference fails, and so does a listed one that no longer occurs (the list
stays true).  feedparser runs under /usr/bin/python3 (Debian's, where the
package installs), or $FEEDPARSER_PYTHON; without it the test is skipped.

    test_feedparser.py --dump FILE...   (what the feedparser side runs)
"""
import fnmatch
import glob
import html
import html.parser
import json
import os
import re
import shlex
import subprocess
import sys
import time


class _Text(html.parser.HTMLParser):
    """The text of an HTML fragment, as a reader sees it."""
    SKIP = ("script", "style")
    BLOCK = set("p br div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr td th table "
                "blockquote pre hr section article header footer aside "
                "figure figcaption nav main address details summary "
                "iframe object embed noscript".split())

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.out.append(" %s " % alt)
        if tag in self.BLOCK:
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag in self.BLOCK:
            self.out.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def squash(s):
    """TEXT's white space rule: ASCII white space collapsed; that and
    no-break spaces trimmed from the ends."""
    return re.sub(r"[ \t\n\r\f\v]+", " ", s).strip(" \u00a0")


def html_text(s):
    p = _Text()
    p.feed(s or "")
    p.close()
    return squash("".join(p.out))


def put(rec, key, value):
    if value not in (None, "", [], {}):
        rec[key] = value


# -- the feedparser side (run by Debian's python3) -------------------------

def fp_text(detail, value):
    if detail is not None and detail.get("type") == "text/plain":
        return squash(value or "")
    return html_text(value)


def fp_date(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", t) if t else None


def fp_person(p):
    out = {}
    put(out, "name", squash(p.get("name", "")))
    put(out, "email", p.get("email"))
    put(out, "uri", p.get("href"))
    return out


def fp_entry(e):
    """feedparser's FeedParserDict answers some missing keys from others
    (updated from published ...): dict.get reads only what it found."""
    e = dict(e)
    rec = {}
    put(rec, "id", e.get("id"))
    put(rec, "title", fp_text(e.get("title_detail"), e.get("title")))
    put(rec, "link", e.get("link"))
    put(rec, "published", fp_date(e.get("published_parsed")))
    put(rec, "updated", fp_date(e.get("updated_parsed")))
    put(rec, "authors", [a for a in map(fp_person, e.get("authors", []))
                         if a])
    put(rec, "categories", sorted({squash(t.get("term") or "")
                                   for t in e.get("tags", [])} - {""}))
    put(rec, "summary", fp_text(e.get("summary_detail"), e.get("summary")))
    put(rec, "content", " ".join(filter(None, (
        fp_text(c, c.get("value")) for c in e.get("content", [])))))
    # (feedparser makes "enclosures" from the links when asked)
    put(rec, "enclosures", sorted({x.get("href") for x in e.get("links", [])
                                   if x.get("rel") == "enclosure" and
                                   x.get("href")}))
    pics = [m.get("url") for m in e.get("media_thumbnail", [])]
    pics += [e.get("image", {}).get("href")]
    put(rec, "image", next((p for p in pics if p), None))
    return rec


def fp_feed(arg):
    import feedparser
    path, base, charset = arg
    headers = {}
    if base:
        headers["content-location"] = base
    if charset:
        headers["content-type"] = "application/xml; charset=" + charset
    d = feedparser.parse(path, response_headers=headers)
    f = dict(d.get("feed", {}))
    feed = {}
    put(feed, "title", fp_text(f.get("title_detail"), f.get("title")))
    put(feed, "subtitle", fp_text(f.get("subtitle_detail"),
                                  f.get("subtitle")))
    put(feed, "link", f.get("link"))
    put(feed, "id", f.get("id"))
    put(feed, "language", f.get("language"))
    put(feed, "author", fp_person(f.get("author_detail", {}) or {}))
    fmt = d.get("version") or ""
    fmt = {"rss091n": "rss091", "rss091u": "rss091"}.get(fmt, fmt)
    return {"format": fmt, "feed": feed, "feed_id": feed.pop("id", None),
            "entries": [fp_entry(e) for e in d.get("entries", [])]}


# -- the rounds side ----------------------------------------------------------

def rd_feed(doc):
    f = doc.get("feed", {})
    feed = {}
    for k in ("title", "subtitle", "link", "language"):
        put(feed, k, squash(f.get(k, "")) if k != "link" else f.get(k))
    a = f.get("author", {})
    put(feed, "author", {k: a[k] for k in ("name", "email", "uri")
                         if k in a})
    entries = []
    for e in doc.get("entries", []):
        rec = {}
        for k in ("id", "title", "link", "published", "updated"):
            put(rec, k, e.get(k))
        put(rec, "authors", [{k: a[k] for k in ("name", "email", "uri")
                              if k in a}
                             for a in e.get("authors", [])
                             if "name" in a or "email" in a])
        put(rec, "categories", sorted(set(map(squash,
                                              e.get("categories", [])))
                                      - {""}))
        put(rec, "summary", html_text(e.get("summary")))
        put(rec, "content", html_text(e.get("content")))
        put(rec, "enclosures", sorted({x["url"] for x in
                                       e.get("enclosures", []) if "url" in x}))
        put(rec, "image", e.get("image"))
        entries.append(rec)
    return {"format": doc.get("format", ""), "feed": feed, "entries": entries}


# -- comparing ------------------------------------------------------------------

def untag(v):
    """rounds' TEXT puts a space after a '<' that would start markup."""
    if isinstance(v, str):
        return re.sub(r"< (?=[A-Za-z/!?])", "<", v)
    if isinstance(v, list):
        return [untag(x) for x in v]
    if isinstance(v, dict):
        return {k: untag(x) for k, x in v.items()}
    return v


def slash(url):
    """"http://host" and "http://host/" are one URL (RFC 3986 6.2.3)."""
    if isinstance(url, list):
        return [slash(u) for u in url]
    m = re.match(r"^(https?://[^/?#]+)([?#].*)?$", url or "")
    return m.group(1) + "/" + (m.group(2) or "") if m else url


def reconcile(ours, theirs):
    """Writes alike what the two say alike in their own ways: rules of
    INTERFACE.md and RFC 4287 that feedparser does not follow, on every
    feed (so not worth a line each in the differences file)."""
    for k in ("title", "subtitle", "language", "author"):
        if k in ours["feed"]:
            ours["feed"][k] = untag(ours["feed"][k])
    for side in (ours, theirs):
        for rec in [side["feed"]] + side["entries"]:
            for k in ("link", "enclosures", "image"):
                if k in rec:
                    rec[k] = slash(rec[k])
    fauthor = ours["feed"].get("author")
    if "link" not in ours["feed"] and theirs["feed"].get("link") and \
            theirs["feed"].get("link") == theirs.get("feed_id"):
        theirs["feed"].pop("link")
    for a, b in zip(ours["entries"], theirs["entries"]):
        for k in ("title", "authors", "categories"):
            if k in a:
                a[k] = untag(a[k])
        # an entry without id gets its link, else a hash (INTERFACE.md)
        if "id" not in b and (a.get("id") == a.get("link") or
                              a.get("id", "").startswith("urn:rounds:")):
            a.pop("id", None)
        # RSS's dc:date: feedparser files it as updated, rounds as both
        # the item's published date (its only one) and its updated one
        if ours["format"].startswith("rss") and "published" not in b and \
                a.get("published") and \
                a.get("published") == a.get("updated") == b.get("updated"):
            a.pop("published")
        # feedparser copies the id into a missing link
        if "link" not in a and b.get("link") and b.get("link") == b.get("id"):
            b.pop("link")
        # feedparser copies the content into a missing summary
        if "summary" not in a and b.get("summary") and \
                b.get("summary") == b.get("content"):
            b.pop("summary")
        # an entry without author has the feed's (RFC 4287 4.2.1)
        if "authors" not in b and a.get("authors") == [fauthor]:
            a.pop("authors")


def diffs(ours, theirs):
    """(field path, ours, theirs) for every field where they differ."""
    out = []
    if ours["format"] != theirs["format"]:
        out.append(("format", ours["format"], theirs["format"]))
    for k in sorted(set(ours["feed"]) | set(theirs["feed"])):
        a, b = ours["feed"].get(k), theirs["feed"].get(k)
        if a != b:
            out.append(("feed." + k, a, b))
    if len(ours["entries"]) != len(theirs["entries"]):
        out.append(("entries", len(ours["entries"]), len(theirs["entries"])))
    for i in range(min(len(ours["entries"]), len(theirs["entries"]))):
        a, b = ours["entries"][i], theirs["entries"][i]
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                out.append(("entries[%d].%s" % (i, k), a.get(k), b.get(k)))
    return out


def load_allowed(path):
    rules = []
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split(None, 2)
            if len(parts) < 3 or len(parts[2]) < 10:
                rules.append((no, None, None, line))  # no reason: an error
            else:
                # '[' is literal: "entries[*]" is any entry
                rules.append((no, parts[0], parts[1].replace("[", "[[]"),
                              parts[2]))
    return rules


def fixtures(src):
    pats = ["tests/data/parse/*.xml", "tests/data/safe/*.xml",
            "tests/data/feedparser/*.xml", "feeds/sample/*/*.xml",
            "feeds/sample/*/comments/*.xml"]
    files = []
    for p in pats:
        files += sorted(glob.glob(os.path.join(src, p)))
    for p in ("feeds/*.xml", "comments/*/*.xml"):
        files += sorted(glob.glob(os.path.join(shared_fixtures(src), p)))
    return files


def shared_fixtures(src):
    """The project's shared fixtures: beside the clone (CI), or beside the
    folder of worktrees; $ROUNDS_SHARED names another."""
    for d in (os.environ.get("ROUNDS_SHARED", ""),
              os.path.join(src, "..", "shared"),
              os.path.join(src, "..", "..", "shared")):
        if d and os.path.isdir(os.path.join(d, "fixtures")):
            return os.path.join(d, "fixtures")
    return os.path.join(src, "..", "shared", "fixtures")


def options(path):
    """--base and --charset from NAME.args beside a fixture."""
    args = os.path.splitext(path)[0] + ".args"
    if not os.path.exists(args):
        return {}
    with open(args, encoding="utf-8") as f:
        words = shlex.split(f.read())
    return dict(zip(words[::2], words[1::2]))


def label(src, path):
    rel = os.path.relpath(path, src)
    if rel.startswith(".."):
        rel = "shared/" + os.path.relpath(path, shared_fixtures(src) +
                                          "/..")
    return rel


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--dump":
        print(json.dumps([fp_feed(json.loads(a)) for a in sys.argv[2:]]))
        return 0
    src = os.environ["SRCDIR"]
    rounds = os.environ["ROUNDS"]
    py = os.environ.get("FEEDPARSER_PYTHON", "/usr/bin/python3")
    probe = subprocess.run([py, "-c", "import feedparser"],
                           stderr=subprocess.DEVNULL) \
        if os.access(py, os.X_OK) else None
    if probe is None or probe.returncode != 0:
        print("1..0 # SKIP no feedparser for %s (apt-get install "
              "python3-feedparser)" % py)
        return 0
    files = fixtures(src)
    opts = [options(f) for f in files]
    r = subprocess.run([py, os.path.abspath(__file__), "--dump"] +
                       [json.dumps([f, o.get("--base"), o.get("--charset")])
                        for f, o in zip(files, opts)],
                       stdout=subprocess.PIPE, check=True)
    theirs = json.loads(r.stdout)
    rules = load_allowed(os.path.join(src, "tests", "parse",
                                      "feedparser-differences.txt"))
    used = set()
    n = failed = 0
    for path, fp, o in zip(files, theirs, opts):
        name = label(src, path)
        args = [x for kv in sorted(o.items()) for x in kv]
        p = subprocess.run([rounds, "parse"] + args + [path],
                           stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        ours = rd_feed(json.loads(p.stdout)) if p.returncode == 0 else \
            {"format": "(exit %d)" % p.returncode, "feed": {}, "entries": []}
        bad = []
        reconcile(ours, fp)
        for field, a, b in diffs(ours, fp):
            hit = [r for r in rules if r[1] and fnmatch.fnmatchcase(name, r[1])
                   and fnmatch.fnmatchcase(field, r[2])]
            used.update(r[0] for r in hit)
            if not hit:
                bad.append((field, a, b))
        n += 1
        print("%s %d - %s: %s" % ("not ok" if bad else "ok", n, name,
                                  "%d unlisted differences" % len(bad)
                                  if bad else "same as feedparser, or listed"))
        for field, a, b in bad:
            print("#   %s\n#     rounds:     %s\n#     feedparser: %s"
                  % (field, json.dumps(a, ensure_ascii=False)[:300],
                     json.dumps(b, ensure_ascii=False)[:300]))
        failed += 1 if bad else 0
    for no, fpat, kpat, text in rules:
        n += 1
        good = fpat is not None and no in used
        why = "no reason given" if fpat is None else "matches no difference"
        print("%s %d - differences file line %d%s" % (
            "ok" if good else "not ok", n, no, "" if good else ": " + why))
        failed += 0 if good else 1
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
