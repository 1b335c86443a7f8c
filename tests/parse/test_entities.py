#!/usr/bin/env python3
"""Every one of HTML 4's 252 named entities, used in an RSS feed without
being declared, comes out as its character (not dropped, not left as
text), and the XML predefined ones stay what they are.  Undeclared, they
make the document not well-formed (bozo, the first one named), unless its
DOCTYPE names an external subset, which may declare them (RSS 0.91's
does): then the document is well-formed."""
import html.entities
import json
import os
import subprocess
import sys
import tempfile

ROUNDS = os.environ["ROUNDS"]
names = sorted(html.entities.name2codepoint)
cats = "".join("<category>[&%s;]</category>" % n for n in names)
doc = ('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>e</title>'
       '<item><guid isPermaLink="false">e</guid>%s</item></channel></rss>\n'
       % cats)
with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
    f.write(doc.encode())
r = subprocess.run([ROUNDS, "parse", f.name], stdout=subprocess.PIPE)
os.unlink(f.name)
n = 0
failed = 0


def ok(cond, what):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, what))
    failed += 0 if cond else 1


ok(r.returncode == 0, "the feed parses")
got = json.loads(r.stdout)["entries"][0].get("categories", []) \
    if r.returncode == 0 else []
ok(len(names) == 252, "python knows 252 HTML 4 entities")
ok(len(got) == len(names), "one category per entity (%d)" % len(got))
# a no-break space is no white space to collapse: &nbsp; gives U+00A0
bad = [(nm, g) for nm, g in zip(names, got)
       if g != "[%s]" % chr(html.entities.name2codepoint[nm])]
for nm, g in bad[:10]:
    print("#   &%s; gave %r" % (nm, g))
ok(not bad and len(got) == len(names), "each decodes to its character")
out = json.loads(r.stdout) if r.returncode == 0 else {}
ok(out.get("bozo") is True and "'&AElig;'" in out.get("bozo_message", ""),
   "undeclared HTML entities make the feed bozo, the first one named")


def parse(text):
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(text.encode())
    p = subprocess.run([ROUNDS, "parse", f.name], stdout=subprocess.PIPE)
    os.unlink(f.name)
    return json.loads(p.stdout) if p.returncode == 0 else {}


body = ('<rss version="0.91"><channel><title>T &eacute;t&eacute;</title>'
        '</channel></rss>\n')
for doctype, bozo in (
        ('<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
         ' "http://my.netscape.com/publish/formats/rss-0.91.dtd">', False),
        ('<!DOCTYPE rss SYSTEM "rss-0.91.dtd">', False),
        ('<!DOCTYPE rss>', True),
        ('<!DOCTYPE rss [<!ENTITY x "y">]>', True),
        ('', True)):
    out = parse('<?xml version="1.0"?>\n%s\n%s' % (doctype, body))
    ok(out.get("feed", {}).get("title") == "T \u00e9t\u00e9" and
       out.get("bozo") is bozo,
       "&eacute; after %r: the character, bozo %s" % (doctype[:30], bozo))
# the entities HTML reads without ';' (amp, lt, gt, quot, Latin-1): the
# character, unless a letter, digit or '=' follows (a query string)
out = parse('<rss version="2.0"><channel><title>AT&amp T &copy 2004 &eacute'
            '</title><link>https://e.example/?a=1&not=2&copyx=3</link>'
            '<description>&quot&lt &gt</description></channel></rss>\n')
f = out.get("feed", {})
ok(f.get("title") == "AT& T \u00a9 2004 \u00e9" and out.get("bozo") is True,
   "&amp, &copy and &eacute without ';' are their characters (%r)"
   % f.get("title"))
ok(f.get("link") == "https://e.example/?a=1&not=2&copyx=3",
   "a query string's '&not=' and '&copyx' are left as they are (%r)"
   % f.get("link"))
ok(f.get("subtitle") == '"< >', "&quot, &lt and &gt too (%r)"
   % f.get("subtitle"))
# the worse fault is the one named
out = parse('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>'
            '&nbsp;</title><link>a</lnk></channel></rss>\n')
ok(out.get("bozo") is True and "nbsp" not in out.get("bozo_message", "x"),
   "a broken tag is named before an undeclared entity")
# references to no character (beyond U+10FFFF, a surrogate, 0, U+FFFF)
# are U+FFFD, as HTML reads them; one to a control character XML forbids
# is removed; the text around them stays, and the feed is bozo
out = parse('<rss version="2.0"><channel><title>a &#1114112; b &#x110000; '
            'c &#55296; d &#0; e &#xFFFF; f &#1; g</title></channel></rss>\n')
ok(out.get("feed", {}).get("title") ==
   "a \ufffd b \ufffd c \ufffd d \ufffd e \ufffd f g" and
   out.get("bozo") is True and "U+FFFD" in out.get("bozo_message", ""),
   "references to no character are U+FFFD, to a control character gone "
   "(%r)" % out.get("feed", {}).get("title"))
# to U+0080-U+009F: windows-1252's characters, in text and in HTML
out = parse('<rss version="2.0"><channel><title>it&#146;s &#x93;q&#x94;'
            '</title><item><description>&lt;p&gt;&amp;#150; x&amp;#133;'
            '&lt;/p&gt;</description></item></channel></rss>\n')
ok(out.get("feed", {}).get("title") == "it\u2019s \u201cq\u201d" and
   out.get("bozo") is False,
   "&#146; is U+2019 in text (%r)" % out.get("feed", {}).get("title"))
ok((out.get("entries") or [{}])[0].get("summary") == "<p>\u2013 x\u2026</p>",
   "and in HTML (%r)" % (out.get("entries") or [{}])[0].get("summary"))
print("1..%d" % n)
sys.exit(1 if failed else 0)
