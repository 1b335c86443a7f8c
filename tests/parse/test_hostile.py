#!/usr/bin/env python3
"""Hostile input: whatever the bytes, `rounds parse` exits 0 or 65, prints
valid UTF-8 JSON when it exits 0, expands no entity, reads no file, and stays
within its caps.  The big inputs are generated here, not stored."""
import json
import os
import random
import subprocess
import sys
import tempfile

ROUNDS = os.environ["ROUNDS"]
DATA = os.path.join(os.environ["SRCDIR"], "tests", "data", "parse")
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


def run(data, *args):
    """Runs rounds parse on data (bytes) through a file; returns
    (exit status, parsed JSON or None, stdout bytes, stderr text)."""
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(data)
        path = f.name
    try:
        r = subprocess.run([ROUNDS, "parse"] + list(args) + [path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    finally:
        os.unlink(path)
    doc = None
    if r.returncode == 0:
        try:
            doc = json.loads(r.stdout.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            doc = None
    return r.returncode, doc, r.stdout, r.stderr.decode("utf-8", "replace")


def survives(data, what, *args):
    """Exit 0 with valid JSON, or 65 with a message; never a crash."""
    rc, doc, out, err = run(data, *args)
    good = (rc == 0 and doc is not None) or (rc == 65 and err != "")
    ok(good, "%s: exit 0 with JSON or 65 (got %d)" % (what, rc), err)
    return rc, doc, out


def rss(items="", head="", chan=""):
    return ('<?xml version="1.0"?>\n%s<rss version="2.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            '<title>T</title><link>http://h.example/</link>%s%s'
            '</channel></rss>\n' % (head, chan, items)).encode()


# -- entity expansion ------------------------------------------------------
laughs = ['<!ENTITY lol0 "lol">']
for i in range(1, 10):
    laughs.append('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10))
doc = rss('<item><title>&lol9;</title><guid isPermaLink="false">x</guid>'
          '</item>', '<!DOCTYPE rss [%s]>\n' % "\n".join(laughs))
rc, d, out = survives(doc, "billion laughs")
ok(len(out) < 10000, "billion laughs: nothing expanded (%d bytes out)" % len(out))
ok(d is not None and d["bozo"], "billion laughs: flagged bozo")

big = "x" * 100000
refs = "&big;" * 20000
doc = rss('<item><title>q</title><description>%s</description></item>' % refs,
          '<!DOCTYPE rss [<!ENTITY big "%s">]>\n' % big)
rc, d, out = survives(doc, "quadratic blow-up")
ok(len(out) < 1000000, "quadratic blow-up: not expanded (%d bytes out)" % len(out))

mid = "y" * 60000
refs = "&mid;" * 20000
doc = rss('<item><title>q</title><description>%s</description></item>' % refs,
          '<!DOCTYPE rss [<!ENTITY mid "%s">]>\n' % mid)
rc, d, out = survives(doc, "many references to a large entity")
ok(len(out) < 1000000, "many large references: expansion capped (%d bytes "
   "out)" % len(out))
ok(d is not None and d["bozo"], "many large references: flagged bozo")

# HTML references written out as numbers are longer than their names
# ("&nbsp" is "&#160;", "&mid;" is "&#8739;"): thousands of them in one
# text once made the sanitiser abort the whole run.
for what, ref, want in [("references without their ';'", "a&nbsp",
                          "a\u00a0"),
                         ("HTML5 references", "&mid;&check;",
                          "\u2223\u2713")]:
    doc = rss('<item><guid>n</guid><description><![CDATA[<p>%s</p>]]>'
              '</description></item>' % (ref * 5000))
    rc, d, out = survives(doc, "5,000 %s" % what)
    summary = ((d or {}).get("entries") or [{}])[0].get("summary", "")
    ok(summary.count(want) == 5000, "5,000 %s: each read" % what)

# Atom 0.3's escaped text of no type with many '<' in it (each becomes
# "&lt;"), and a JSON Feed with many NaN (each quoted to be read): the
# rewrites outgrew a buffer capped near the input's length and aborted.
doc = ('<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>T</title>'
       '<entry><id>urn:e</id><title>t</title><summary mode="escaped">%s'
       '</summary></entry></feed>' % " ".join("dose &lt; %d" % i
                                              for i in range(200))).encode()
rc, d, out = survives(doc, "atom 0.3, 200 '<' in escaped text")
summary = ((d or {}).get("entries") or [{}])[0].get("summary", "")
ok(summary.count("&lt;") == 200, "atom 0.3, 200 '<' in escaped text: read")
doc = ('{"version": "https://jsonfeed.org/version/1.1", "title": "T", '
       '"items": [%s]}' % ", ".join('{"id": "%d", "content_text": "x", '
                                    '"_score": NaN}' % i
                                    for i in range(200))).encode()
rc, d, out = survives(doc, "json feed, 200 NaN")
ok(len((d or {}).get("entries") or []) == 200, "json feed, 200 NaN: read")

doc = rss('<item><title>&a;</title><guid isPermaLink="false">r</guid></item>',
          '<!DOCTYPE rss [<!ENTITY a "x&b;"><!ENTITY b "y&a;">]>\n')
rc, d, out = survives(doc, "entities that refer to each other")
ok(d is not None and d["bozo"] and d["entries"][0].get("title") == "&a;",
   "recursive entities: left as text, bozo", out[:300])

# A chain of 64 entities, each naming the next, used deepest first so that
# each one's size is known before the next is used: an expander that recurses
# per level (or trusts a size worked out at another depth) goes 64 deep.
chain = ['<!ENTITY c%d "%d&c%d;">' % (i, i, i + 1) for i in range(63)]
chain.append('<!ENTITY c63 "end">')
uses = "".join("<category>&c%d;</category>" % i for i in range(63, -1, -1))
doc = rss('<item><title>chain</title>%s<guid isPermaLink="false">c</guid>'
          '</item>' % uses, '<!DOCTYPE rss [%s]>\n' % "".join(chain))
rc, d, out = survives(doc, "a chain of 64 nested entities")
cats = d["entries"][0].get("categories", []) if d else []
ok(d is not None and d["bozo"] and cats[:2] == ["end", "62end"] and
   "56575859606162end" in cats and "&c55;" in cats and "&c0;" in cats,
   "a chain of 64: the 8 innermost levels expand, deeper ones stay text",
   cats[:12])
# Each level doubles: 30 levels would be a gigabyte; the cap stops it.
dbl = ['<!ENTITY d0 "xxxxxxxx">'] + [
    '<!ENTITY d%d "&d%d;&d%d;">' % (i, i - 1, i - 1) for i in range(1, 30)]
doc = rss('<item><title>&d7;</title><description>&d29;</description>'
          '<guid isPermaLink="false">d</guid></item>',
          '<!DOCTYPE rss [%s]>\n' % "".join(dbl))
rc, d, out = survives(doc, "entities that double 30 times")
ok(d is not None and d["entries"][0].get("title") == "x" * 1024 and
   len(out) < 100000, "doubling entities: 8 levels expand, 30 are refused "
   "(%d bytes out)" % len(out))
# Stray text before the declaration and a charset iconv does not know: two
# problems, the first one reported (the second was once leaked).
rc, d, out = survives(b"junk\n" + rss('<item><title>j</title></item>'),
                      "stray text and an unknown charset", "--charset",
                      "x-unknown")
ok(d is not None and d["bozo"] and "skipped" in d.get("bozo_message", ""),
   "stray text and an unknown charset: the first problem is reported")

doc = rss('<item><title>&a; &a;</title><guid isPermaLink="false">r</guid>'
          '</item>', '<!DOCTYPE rss [<!ENTITY a "H&amp;P &b;">'
          '<!ENTITY b "note">]>\n')
rc, d, out = survives(doc, "small internal entities")
ok(d is not None and not d["bozo"] and
   d["entries"][0].get("title") == "H&P note H&P note",
   "small internal entities: expanded, nested ones too", out[:300])

pe = ('<!DOCTYPE rss [<!ENTITY % pe "<!ENTITY &#x25; pe2 \'&lol;\'>"> %pe;'
      '<!ENTITY lol "lol">]>\n')
survives(rss('<item><title>p</title></item>', pe), "parameter entities")

# The same refusals when the document is also broken, so that it is read a
# second time with its tags repaired (an unclosed <br> forces that).
doc = rss('<item><title>&lol9;</title><description>a<br>b</description>'
          '<guid isPermaLink="false">x</guid></item>',
          '<!DOCTYPE rss [%s]>\n' % "\n".join(laughs))
rc, d, out = survives(doc, "billion laughs in a broken document")
ok(len(out) < 10000, "billion laughs, broken document: nothing expanded "
   "(%d bytes out)" % len(out))

doc = rss('<item><title>q</title><description>a<br>%s</description></item>'
          % ("&mid;" * 20000), '<!DOCTYPE rss [<!ENTITY mid "%s">]>\n' % mid)
rc, d, out = survives(doc, "many large references in a broken document")
ok(len(out) < 1000000, "many large references, broken document: capped "
   "(%d bytes out)" % len(out))

deep = "<x>" * 300
doc = rss('<item><title>&d;&d;</title></item>',
          '<!DOCTYPE rss [<!ENTITY d "%s">]>\n' % deep)
survives(doc, "an entity that opens 300 elements")

doc = rss('<item><title>&a;&b;</title><guid isPermaLink="false">q</guid>'
          '</item>', '<!DOCTYPE rss [<!ENTITY a "<!ENTITY b \'inner\'>">]>\n')
rc, d, out = survives(doc, "an entity that declares an entity")
ok(out.count(b"inner") <= 1, "an entity declared inside an entity's value "
   "is not declared", out[:300])

doc = rss('<item><title>&q;</title><link>http://h.example/?&q;</link>'
          '<guid isPermaLink="false">q</guid></item>',
          '<!DOCTYPE rss [<!ENTITY q "a&#34;b">]>\n')
rc, d, out = survives(doc, "an entity holding a quote")
ok(d is not None and d["entries"][0].get("title") == 'a"b',
   "an entity holding a quote: expanded in text", out[:300])

doc = rss('<item><title>t</title><description>%s</description></item>'
          % ("<b>" * 100000))
rc, d, out = survives(doc, "100,000 unclosed elements")
doc = rss('<item><title>%s</title></item>' % ("<" * 200000))
rc, d, out = survives(doc, "200,000 stray less-than signs")
ok(d is not None and len(d["entries"]) == 1, "200,000 stray less-than "
   "signs: the item is read")

# -- no file or network access ---------------------------------------------
secret = tempfile.NamedTemporaryFile(suffix=".txt", delete=False)
secret.write(b"TOP-SECRET-PATIENT-LIST\n")
secret.close()
url = "file://" + secret.name
cases = {
    "XXE general entity": rss(
        '<item><title>&xxe;</title><description>&xxe;</description></item>',
        '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "%s">]>\n' % url),
    "XXE parameter entity": rss(
        '<item><title>t</title></item>',
        '<!DOCTYPE rss [<!ENTITY %% p SYSTEM "%s"> %%p;]>\n' % url),
    "external DTD": rss('<item><title>&secret;</title></item>',
                        '<!DOCTYPE rss SYSTEM "%s">\n' % url),
    "XXE /etc/passwd": rss(
        '<item><title>&p;</title></item>',
        '<!DOCTYPE rss [<!ENTITY p SYSTEM "file:///etc/passwd">]>\n'),
    "XInclude": rss('<item><title>t</title><description><xi:include '
                    'xmlns:xi="http://www.w3.org/2001/XInclude" href="%s" '
                    'parse="text"/></description></item>' % url),
}
for what, data in cases.items():
    rc, d, out = survives(data, what)
    ok(b"TOP-SECRET" not in out and b"root:" not in out,
       "%s: no file content in the output" % what)
os.unlink(secret.name)

# -- depth and size ----------------------------------------------------------
deep = "<div>" * 10000 + "deep" + "</div>" * 10000
rc, d, out = survives(rss('<item><title>d</title><description>%s'
                          '</description></item>' % deep), "10,000-deep HTML")
rc, d, out = survives(("<rss>" + "<x>" * 10000 + "</x>" * 10000 + "</rss>")
                      .encode(), "10,000-deep elements")
survives(("<a>" * 10000).encode(), "10,000 unclosed elements, no feed")
survives(('<feed xmlns="http://www.w3.org/2005/Atom"><entry><content '
          'type="xhtml">' + "<div>" * 5000 + "</div>" * 5000 +
          '</content></entry></feed>').encode(), "deep inline XHTML")

five = "y" * (5 << 20)
rc, d, out = survives(rss('<item><title>%s</title><description>%s'
                          '</description><guid>g</guid></item>' % (five, five)),
                      "5 MB text nodes")
if d:
    e = d["entries"][0]
    ok(len(e.get("title", "")) <= 64 * 1024, "the title is capped (%d)"
       % len(e.get("title", "")))
    ok(len(e.get("summary", "")) <= 5 << 20, "the summary is capped")
survives(rss('<item><title>%s</title></item>' % ("z" * (11 << 20))),
         "a text node over libxml2's own limit")

many = "".join('<item><title>i%d</title><guid>g%d</guid></item>' % (i, i)
               for i in range(25000))
rc, d, out = survives(rss(many), "25,000 items")
ok(d is not None and len(d["entries"]) == 20000, "entries are capped at 20,000")
ok(d is not None and d["entries"][-1]["id"] == "g19999",
   "the first 20,000 are kept, in order")

cats = "".join("<category>c%d</category>" % i for i in range(3000))
rc, d, out = survives(rss("<item><title>c</title>%s</item>" % cats),
                      "3,000 categories")
ok(d is not None and len(d["entries"][0]["categories"]) == 1000,
   "categories are capped at 1,000")

# -- bytes ---------------------------------------------------------------------
rc, d, out = survives(rss("<item><title>bad @@ bytes</title></item>")
                      .replace(b"@@", b"\xff\xfe\xc3 \xed\xa0\x80\xf4\x90"),
                      "invalid UTF-8")
ok(d is not None and d["bozo"], "invalid UTF-8 is flagged bozo")
ok(d is not None and "bad" in d["entries"][0]["title"], "and the text is kept")

rc, d, out = survives(rss("<item><title>nul\x00in\x01the\x1fmiddle</title>"
                          "</item>"), "NUL and control bytes")
ok(d is not None and d["entries"][0].get("title") == "nulinthemiddle",
   "control characters are removed, the rest kept",
   d and d["entries"][0])
ok(b"\\u0000" not in out, "no NUL reaches the output")

rc, d, out = survives(b"\xfe\xff\x00<\x00r\x00s", "odd-length UTF-16")
rc, d, out = survives(rss("<item><title>t</title></item>",
                          '<?xml version="1.0" encoding="UTF-16"?>\n'),
                      "UTF-16 declared on 8-bit text")
rc, d, out = survives(rss("<item><title>t</title></item>"),
                      "unknown charset from the transport",
                      "--charset", "x-bogus-42")

for name in ("rss20_wordpress.xml", "atom10.xml", "jsonfeed11.json",
             "rss10.xml"):
    with open(os.path.join(DATA, name), "rb") as f:
        full = f.read()
    bad = 0
    for cut in range(0, len(full), 23):
        rc, d, out, err = run(full[:cut])
        if not ((rc == 0 and d is not None) or rc == 65):
            bad += 1
            print("#   %s cut at %d: exit %d: %s" % (name, cut, rc, err[:200]))
    ok(bad == 0, "%s truncated at every 23rd byte: always 0 or 65" % name)

rnd = random.Random(20261124)
with open(os.path.join(DATA, "atom10.xml"), "rb") as f:
    seed = bytearray(f.read())
bad = 0
for i in range(150):
    b = bytearray(seed)
    for _ in range(rnd.randint(1, 12)):
        b[rnd.randrange(len(b))] = rnd.randrange(256)
    rc, d, out, err = run(bytes(b))
    if not ((rc == 0 and d is not None) or rc == 65):
        bad += 1
        print("#   mutation %d: exit %d: %s" % (i, rc, err[:200]))
ok(bad == 0, "150 random byte mutations: always 0 or 65")

# -- namespaces ------------------------------------------------------------------
items = "".join('<item xmlns:p%d="http://purl.org/dc/elements/1.1/">'
                '<title>n</title><p%d:creator>Author %d</p%d:creator></item>'
                % (i, i, i, i) for i in range(60))
rc, d, out = survives(rss(items), "60 prefixes for one namespace")
ok(d is not None and all(e["authors"][0]["name"] == "Author %d" % i
                         for i, e in enumerate(d["entries"])),
   "namespaces are matched by URI, whatever the prefix")

# -- errors by the hundred thousand ------------------------------------------
# libxml2 quotes in some error reports all it has read of the construct
# (a comment's "--"), so a document made of such errors used to take
# minutes (the square of its size); rounds stops reading after a hundred
# reports and reads the repaired document.  The CPU limit only keeps a
# regression from hanging the suite.
def limited():
    import resource
    resource.setrlimit(resource.RLIMIT_CPU, (120, 120))


def run_limited(data):
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(data)
        path = f.name
    try:
        r = subprocess.run([ROUNDS, "parse", path], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, preexec_fn=limited)
    finally:
        os.unlink(path)
    try:
        return r.returncode, json.loads(r.stdout.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return r.returncode, None


# Found by fuzzing: a document broken enough that libxml2 is stopped
# (the hundredth error) while reading its repaired copy, deep in unclosed
# elements: libxml2 2.9's xmlStopParser() freed the input under the
# function still reading it, and the run died (SIGSEGV).
BLOCK = ('<item>\n<titn="2]]>.0">\n<channel>\n<title>Broken but readable'
         '</title>\n<link>http://broken.example.org/</link>\n<item>\n<title>'
         'First item is fine</title>\n<link>http://broken.example.org/1'
         '</link>\n</item>\n').encode()
doc = BLOCK * 10 + BLOCK.replace(b'.0"', b'.\xb6"') + BLOCK * 400
rc, d = run_limited(doc)
ok(rc in (0, 65), "stopped while reading a repaired copy: no crash (exit %d)"
   % rc)

TAIL = ('<item><title>Last</title><link>http://h.example/z</link></item>')
for what, body in (
        ("200,000 comments never closed",
         "<item><title>A</title>" + "<d><!-- x</d>" * 200000 + "</item>"),
        ("a comment holding 300,000 '--'",
         "<item><title>A</title><description><!-- " + "a -- " * 300000 +
         "--></description><link>http://h.example/a</link></item>"),
        ("200,000 CDATA sections never closed",
         "<item><title>A</title>" + "<d><![CDATA[x</d>" * 200000 +
         "</item>")):
    rc, d = run_limited(rss(body + TAIL))
    titles = [e.get("title") for e in (d or {}).get("entries", [])]
    ok(rc == 0 and d is not None and d["bozo"] and titles == ["A", "Last"] and
       d["entries"][1].get("link") == "http://h.example/z",
       "%s: read, every entry kept" % what, (rc, titles))

print("1..%d" % n)
sys.exit(1 if failed else 0)
