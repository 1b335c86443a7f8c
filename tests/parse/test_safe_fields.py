#!/usr/bin/env python3
"""Every field that leaves the parser is safe (INTERFACE.md, TEXT and URL).
Each document in tests/data/safe/ (RSS 0.91, RSS 2.0, RSS 1.0, Atom 0.3,
Atom 1.0, JSON Feed, RSS and Atom comment feeds) puts a hostile value in
every field; `rounds parse` must give, for every string in its JSON:
  - URL fields: http: or https: as a browser reads them (mailto: in a
    PERSON's uri; file: only with a file: --base);
  - TEXT fields: no '<' that starts a tag, comment or declaration;
  - HTML fields: no script, no event handler, no link with another scheme,
    and no rel="nofollow" (site policy, added when rendering);
and the words around the hostile values must still be there.  Prints TAP."""
import json
import os
import re
import subprocess
import sys

ROUNDS = os.environ["ROUNDS"]
DATA = os.path.join(os.environ["SRCDIR"], "tests", "data", "safe")
BASE = "https://hostile.example/feeds/doc.xml"
URL_KEYS = {"link", "self", "icon", "image", "uri", "comments",
            "comments_feed", "href", "url"}
TEXT_KEYS = {"title", "subtitle", "id", "language", "generator", "rights",
             "name", "email", "categories", "ref", "type", "bozo_message",
             "source", "format"}
HTML_KEYS = {"summary", "content"}
TAG = re.compile(r"<[A-Za-z/!?]")
LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
TOKEN = r"[A-Za-z0-9!#$%&'*+.^_`|~-]+"
MEDIA_TYPE = re.compile(r"{0}/{0}(\s*;\s*{0}={0})*".format(TOKEN))
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# what a browser strips or decodes before it reads a scheme
REFS = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?|&(colon|Tab|NewLine);")
NAMED = {"colon": ":", "Tab": "\t", "NewLine": "\n"}

n = 0
failed = 0


def ok(cond, what, diag=None):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, what))
    if not cond:
        failed += 1
        if diag:
            for line in str(diag).splitlines()[:8]:
                print("#   " + line)
    return cond


def browser_scheme(url):
    """The scheme a browser finds in an href, lower-cased, or None."""
    def ref(m):
        if m.group(3):
            return NAMED[m.group(3)]
        v = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        return chr(v) if 0 < v < 0x110000 else "\ufffd"
    s = re.sub(r"[\x00-\x20\x7f]", "", REFS.sub(ref, url))
    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", s)
    return m.group(1).lower() if m else None


def walk(v, key, path, out):
    """(path, key, string) for every string, keyed by its field."""
    if isinstance(v, dict):
        for k, x in v.items():
            walk(x, k, path + "." + k, out)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            walk(x, key, "%s[%d]" % (path, i), out)
    elif isinstance(v, str):
        out.append((path, key, v))
    return out


def problems(doc, file_ok=False):
    bad = []
    for path, key, s in walk(doc, "", "", []):
        if key in URL_KEYS:
            allowed = {"http", "https"}
            if key == "uri":
                allowed.add("mailto")
            if file_ok:
                allowed.add("file")
            if browser_scheme(s) not in allowed:
                bad.append("%s: URL %r" % (path, s))
        elif key in TEXT_KEYS:
            if TAG.search(s) or CONTROL.search(s):
                bad.append("%s: TEXT %r" % (path, s))
            elif key == "language" and not LANG.fullmatch(s):
                bad.append("%s: no language tag %r" % (path, s))
            elif key == "type" and not MEDIA_TYPE.fullmatch(s):
                bad.append("%s: no media type %r" % (path, s))
        elif key in ("published", "updated"):
            if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", s):
                bad.append("%s: DATE %r" % (path, s))
        elif key in HTML_KEYS:
            low = s.lower()
            if ("<script" in low or re.search(r"<[^>]*\son[a-z]+\s*=", low)
                    or re.search(r"(href|src)=\"(?!https?:|mailto:|data:image/)",
                                 low) or "nofollow" in low):
                bad.append("%s: HTML %r" % (path, s))
        else:
            bad.append("%s: a key this test does not know" % path)
    return bad


def parse(name, *args):
    r = subprocess.run([ROUNDS, "parse", "--base", BASE] + list(args) +
                       [os.path.join(DATA, name)], capture_output=True)
    doc = None
    if r.returncode == 0:
        doc = json.loads(r.stdout.decode("utf-8"))
    return r, doc


# the words that must survive next to the hostile values
KEPT = {
    "rss20.xml": ["Night shift", "Notes", "Blogware 9", "Rostering",
                  "night.mp3", "the rota", "told plainly"],
    "rss091.xml": ["Clinic Bulletin", "clinics open", "weekly"],
    "rss10.xml": ["Lab", "Results", "Potassium levels", "Dr. Ade"],
    "atom03.xml": ["Old Desk", "Legacy post", "Old content"],
    "atom10.xml": ["Informatics Desk", "HL7 notes", "Interop",
                   "mailto:mail@desk.example", "a.mp3", "Mail Person"],
    "feed.json": ["Telehealth Log", "Video visits", "Sam", "ep1.mp3"],
    "comments-rss.xml": ["Night shift", "Visitor", "Nice post"],
    "comments-atom.xml": ["Replies to", "A reply"],
}
FORMATS = {
    "rss20.xml": "rss20", "rss091.xml": "rss091", "rss10.xml": "rss10",
    "atom03.xml": "atom03", "atom10.xml": "atom10", "feed.json": "jsonfeed",
    "comments-rss.xml": "rss20", "comments-atom.xml": "atom10",
}

for name in sorted(KEPT):
    r, doc = parse(name)
    if not ok(doc is not None, name + ": parses", r.stderr.decode()):
        continue
    ok(doc.get("format") == FORMATS[name], name + ": read as " +
       FORMATS[name], doc.get("format"))
    bad = problems(doc)
    ok(bad == [], name + ": every field safe", "\n".join(bad))
    text = json.dumps(doc, ensure_ascii=False)
    lost = [w for w in KEPT[name] if w not in text]
    ok(lost == [], name + ": the text around the hostile values stays", lost)

# the checker itself catches what it should
for s, key in (("javascript:x", "link"), ("java&#9;script:x", "link"),
               ("&#106;avascript:x", "href"), (" JAVASCRIPT:x", "url"),
               ("mailto:a@b", "link"), ("file:///etc/passwd", "image")):
    ok(problems({key: s}) != [], "the check refuses %s %r" % (key, s))
for s, key in (("<b>", "title"), ("</x", "name"), ("<!--", "categories"),
               ("a\x01b", "title")):
    ok(problems({key: s}) != [], "the check refuses %s %r" % (key, s))
for s, key in (("en, fr", "language"), ("mp3", "type"),
               ('audio/mpeg" onload="x', "type")):
    ok(problems({key: s}) != [], "the check refuses %s %r" % (key, s))
ok(problems({"title": "a < b", "uri": "mailto:a@b",
             "link": "https://x.example/"}) == [],
   "the check lets safe values through")

# a language is a tag's shape, an enclosure type a media type's: what
# is not goes, and a media type's odd parameters are cut off
SHAPES = (("en_US", "audio/mpeg", "en-US", "audio/mpeg"),
          ("zh-Hant-TW", "audio/mpeg; codecs=mp3", "zh-Hant-TW",
           "audio/mpeg; codecs=mp3"),
          ("English", "audio/mpeg\" onload=\"x", "English", "audio/mpeg"),
          ("text/html", " video/mp4 ", None, "video/mp4"),
          ("en, fr", "mp3", None, None),
          ("en-", "text/html; charset=\"utf-8\"", None, "text/html"),
          ("1en", "audio/", None, None),
          ("en-123456789", "/mpeg", None, None))
SHAPE_DOC = os.path.join(os.environ.get("BUILDDIR", "."), "tests", "parse",
                         "safe-shapes.xml")
for lang, mtype, want_lang, want_type in SHAPES:
    with open(SHAPE_DOC, "w") as f:
        f.write('<rss version="2.0"><channel><title>T</title>'
                '<language>%s</language><item><title>I</title>'
                '<enclosure url="https://x.example/a" type="%s"/>'
                '</item></channel></rss>'
                % (lang, mtype.replace('"', "&quot;")))
    r = subprocess.run([ROUNDS, "parse", SHAPE_DOC], capture_output=True)
    doc = json.loads(r.stdout.decode()) if r.returncode == 0 else {}
    enc = (doc.get("entries") or [{}])[0].get("enclosures") or [{}]
    ok(doc.get("feed", {}).get("language") == want_lang,
       "language %r gives %r" % (lang, want_lang), doc.get("feed"))
    ok(enc[0].get("type") == want_type and
       enc[0].get("url") == "https://x.example/a",
       "enclosure type %r gives %r" % (mtype, want_type), enc)
os.unlink(SHAPE_DOC)

# file: only when the document itself was read from a file
FILE_DOC = os.path.join(os.environ.get("BUILDDIR", "."), "tests", "parse",
                        "safe-file.xml")
with open(FILE_DOC, "w") as f:
    f.write('<rss version="2.0"><channel><title>T</title>'
            '<link>file:///etc/passwd</link><item><title>I</title>'
            '<link>notes/1.html</link></item></channel></rss>')
r = subprocess.run([ROUNDS, "parse", "--base", "file:///srv/feeds/doc.xml",
                    FILE_DOC], capture_output=True)
doc = json.loads(r.stdout.decode()) if r.returncode == 0 else {}
ok(doc.get("feed", {}).get("link") == "file:///etc/passwd" and
   doc["entries"][0].get("link") == "file:///srv/feeds/notes/1.html",
   "a document read from a file keeps its file: links", doc)
ok(problems(doc, file_ok=True) == [], "and they are safe for a file")
r = subprocess.run([ROUNDS, "parse", "--base", BASE, FILE_DOC],
                   capture_output=True)
doc = json.loads(r.stdout.decode()) if r.returncode == 0 else {}
ok("link" not in doc.get("feed", {}) and
   doc.get("entries", [{}])[0].get("link") ==
   "https://hostile.example/feeds/notes/1.html",
   "a document from the web loses a file: link", doc)
os.unlink(FILE_DOC)

print("1..%d" % n)
sys.exit(1 if failed else 0)
