"""test_safe_rows.py: the digest reads the store as untrusted.  Rows
written straight into a real SQLite database (as an older rounds, or
another program, could have left them) carry markup in every text column
and code in every link column; every output format of `rounds digest`
(model, html, md, atom, rss, json, email) must show the words and keep
none of it: no element or handler from a TEXT value, no link of another
scheme, no script in HTML, and the site's rel="nofollow noopener" on the
links of feed content.  Prints TAP."""
import calendar
import email
import email.policy
import html
import html.parser
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from digestlib import ok, done  # noqa: E402

ROUNDS = os.environ["ROUNDS"]
NOW = "2026-11-24T12:00:00Z"
WEEK = "2026-W47"
FEED = "https://rows.example/feed.xml"


def when(s):
    return calendar.timegm(tuple(int(x) for x in re.findall(r"\d+", s)))


def run(*args):
    e = dict(os.environ, ROUNDS_NOW=NOW)
    p = subprocess.run([ROUNDS, "--db", DB, "--config", CONF] + list(args),
                       capture_output=True, env=e, cwd=T)
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


SCRIPT = "<script>alert('x')</script>"
IMG = "<img src=x onerror=alert('y')>"
BAD_URLS = ["javascript:alert('a')", " JaVaScRiPt:alert('b')",
            "java\tscript:alert('c')", "&#106;avascript:alert('d')",
            "vbscript:msgbox('e')", "data:text/html,<script>alert(1)</script>"]
CONTENT = ("<p>Words stay.</p>" + SCRIPT +
           "<p><a href=\"javascript:alert('content')\">code link</a> "
           "<img src=\"x\" onerror=\"alert('content-img')\"> "
           "<a href=\"https://rows.example/ok\">good link</a></p>")


def fill(db):
    c = sqlite3.connect(db)
    c.execute("UPDATE feeds SET title = ?, site_link = ? WHERE url = ?",
              (SCRIPT + "Rows Blog", BAD_URLS[0], FEED))
    fid = c.execute("SELECT id FROM feeds WHERE url = ?",
                    (FEED,)).fetchone()[0]
    t = when("2026-11-18T10:00:00Z")
    authors = json.dumps([{"name": IMG + "Row Author",
                           "email": SCRIPT + "@rows.example",
                           "uri": BAD_URLS[1]}])
    for i, link in enumerate(BAD_URLS):
        c.execute("INSERT INTO entries(feed_id, guid, link, title, authors,"
                  " categories, published, summary, content, content_hash,"
                  " comments_link, comment_count, first_seen, last_seen)"
                  " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                  (fid, "<b>guid-%d</b>" % i, link,
                   "Row %d %s title" % (i, SCRIPT if i % 2 else IMG),
                   authors, json.dumps([SCRIPT, "Interop"]), t + i * 60,
                   SCRIPT + "Summary words.", CONTENT, "h%d" % i,
                   BAD_URLS[(i + 1) % len(BAD_URLS)], 1, t, t))
    eid = c.execute("SELECT min(id) FROM entries").fetchone()[0]
    c.execute("INSERT INTO comments(entry_id, guid, author, link, published,"
              " content, content_hash, first_seen)"
              " VALUES(?,?,?,?,?,?,?,?)",
              (eid, "c1", json.dumps({"name": SCRIPT + "Commenter",
                                      "uri": BAD_URLS[4]}),
               BAD_URLS[2], t + 600,
               "<p>Comment words <a href=\"https://rows.example/c\">here"
               "</a>" + IMG + "</p>", "ch1", t + 600))
    c.commit()
    c.close()


TAG = re.compile(r"<[A-Za-z/!?]")
SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")


def url_ok(u, mailto=False):
    u = re.sub(r"[\x00-\x20]", "", html.unescape(u))
    m = SCHEME.match(u)
    return m is not None and m.group(1).lower() in (
        ("http", "https", "mailto") if mailto else ("http", "https"))


class Page(html.parser.HTMLParser):
    """Elements, handlers and link targets of an HTML document."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "svg", "form"):
            self.bad.append("<%s>" % tag)
        for k, v in attrs:
            if k.startswith("on"):
                self.bad.append("%s %s=" % (tag, k))
            if k in ("href", "src") and v is not None:
                if not (url_ok(v, True) or v.startswith("data:image/") or
                        not SCHEME.match(v)):
                    self.bad.append("%s %s=%r" % (tag, k, v))
        if tag == "a":
            self.links.append(dict(attrs))


def page(text):
    p = Page()
    p.feed(text)
    p.close()
    return p


def check_html(name, text, content=True):
    """content: the format shows articles' HTML (the email shows
    excerpts)."""
    p = page(text)
    ok(p.bad == [], name + ": no script, handler or code link", p.bad)
    words = ["Rows Blog", "Row Author", "Summary words" if not content
             else "Words stay."]
    ok(all(w in text for w in words), name + ": the words are kept",
       [w for w in words if w not in text])
    if not content:
        return
    good = [a for a in p.links if a.get("href") == "https://rows.example/ok"]
    ok(good != [], name + ": the feed's good link is there", p.links[:5])
    ok(good and all(a.get("rel") == "nofollow noopener" for a in good),
       name + ": it carries rel=\"nofollow noopener\"", good[:2])


def walk(v, key, out):
    if isinstance(v, dict):
        for k, x in v.items():
            walk(x, k, out)
    elif isinstance(v, list):
        for x in v:
            walk(x, key, out)
    elif isinstance(v, str):
        out.append((key, v))
    return out


T = tempfile.mkdtemp(prefix="rounds-saferows.")
try:
    DB = os.path.join(T, "rounds.db")
    CONF = os.path.join(T, "rounds.conf")
    with open(CONF, "w") as f:
        f.write("[site]\ntitle = Rows Digest\nurl = https://digest.example/\n"
                "[mail]\nfrom = digest@digest.example\n"
                "to = readers@digest.example\n")
    rc, out, err = run("feeds", "add", FEED)
    ok(rc == 0, "a feed is subscribed", err)
    fill(DB)

    rc, out, err = run("digest", "--week", WEEK, "--format", "model")
    m = json.loads(out) if rc == 0 else {}
    ok(rc == 0 and m.get("article_count", 0) >= 1,
       "the model is built from the hostile rows", err)
    bad = []
    for key, s in walk(m, "", []):
        if key in ("link", "comments_link", "feed", "url"):
            if not url_ok(s):
                bad.append((key, s))
        elif key == "uri":
            if not url_ok(s, True):
                bad.append((key, s))
        elif key in ("content", "html"):
            bad += [(key, b) for b in page(s).bad]
        elif TAG.search(s):
            bad.append((key, s))
    ok(bad == [], "model: every value keeps its rule", bad)
    arts = [a for s in m.get("sections", []) for a in s["articles"]]
    ok(len(arts) == len(BAD_URLS) and all("link" not in a for a in arts),
       "model: every article stays, without its code link",
       [a.get("link") for a in arts])
    ok(all("comments_link" not in a for a in arts),
       "model: code comment links are left out")
    ok(any("Row Author" in (p.get("name") or "")
           for a in arts for p in a.get("authors", [])),
       "model: the author's words stay")
    ok(all("email" not in p for a in arts for p in a.get("authors", [])),
       "model: an email that is no address goes")
    check_html("model content", arts[0].get("content", "") +
               " Rows Blog Row Author" if arts else "")

    for fmt in ("html", "email"):
        rc, out, err = run("digest", "--week", WEEK, "--format", fmt)
        ok(rc == 0, fmt + ": renders", err)
        if fmt == "email":
            msg = email.message_from_string(out, policy=email.policy.default)
            part = msg.get_body(("html",))
            out = part.get_content() if part else ""
        check_html(fmt, out, fmt == "html")

    rc, out, err = run("digest", "--week", WEEK, "--format", "md",
                       "-o", "-")
    ok(rc == 0, "md: renders", err)
    # (an article whose link was left out is its title, with no link)
    ok("]()" not in out, "md: no link without a target",
       re.findall(r".{30}\]\(\)", out)[:5])
    ok(not re.search(r"\]\(\s*(?!https?:|mailto:|#|\.)", out),
       "md: every link target is http(s)",
       re.findall(r"\]\([^)]*\)", out)[:5])
    plain = re.sub(r"<!-- note: .*? -->", "", out)     # the template's own
    ok(not TAG.search(plain), "md: no markup from a text value",
       TAG.findall(plain)[:5])
    ok(page(out).bad == [], "md: no script, handler or code link",
       page(out).bad)

    for fmt in ("atom", "rss"):
        rc, out, err = run("digest", "--week", WEEK, "--format", fmt)
        ok(rc == 0, fmt + ": renders", err)
        root = ET.fromstring(out)
        bad = []
        for el in root.iter():
            local = el.tag.split("}")[-1]
            if local == "link" and el.get("href") is not None:
                if not url_ok(el.get("href")):
                    bad.append(el.get("href"))
            elif local in ("link", "comments", "uri", "url") and el.text:
                if not url_ok(el.text.strip()):
                    bad.append(el.text)
            elif local in ("content", "description", "summary", "encoded"):
                bad += page(el.text or "").bad
            elif local in ("title", "name", "category") and el.text:
                if TAG.search(el.text):
                    bad.append(el.text)
            if el.get("term") and TAG.search(el.get("term")):
                bad.append(el.get("term"))
        ok(bad == [], fmt + ": links, text and HTML all safe", bad)
        ok("rel=\"nofollow noopener\"" in html.unescape(out),
           fmt + ": content links carry the site's rel")

    rc, out, err = run("digest", "--week", WEEK, "--format", "json")
    ok(rc == 0, "json: renders", err)
    jf = json.loads(out) if rc == 0 else {}
    bad = []
    for key, s in walk(jf, "", []):
        if key in ("url", "external_url", "home_page_url", "feed_url"):
            if not url_ok(s):
                bad.append((key, s))
        elif key == "content_html":
            bad += page(s).bad
        elif key in ("title", "name", "tags", "content_text", "summary"):
            if TAG.search(s):
                bad.append((key, s))
    ok(bad == [], "json: every value keeps its rule", bad)
finally:
    shutil.rmtree(T, ignore_errors=True)

done()
