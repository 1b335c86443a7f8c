#!/usr/bin/env python3
"""A CDATA section means the same as its text escaped: each document here,
read as it is and with every CDATA section rewritten as escaped text (by
this test, in Python), must give the same JSON, bozo message and its line
number included.  The parser reads most sections apart from libxml2 (a
mark stands in the document for each), so this checks that the mark never
shows: in RSS and Atom fields, text mixed with sections, XHTML content,
sections with newlines before an error, bytes that need cleaning inside a
section, and a document holding the mark's own character (U+FDD0) or
something shaped like a mark."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parselib import ok, done, run  # noqa: E402


def parse(data):
    rc, doc = run(data)
    return doc if rc == 0 else {"exit": rc}


def escaped(data):
    """Every closed CDATA section as text: '&' and '<' escaped."""
    def one(m):
        return (m.group(1).replace(b"&", b"&amp;").replace(b"<", b"&lt;")
                .replace(b"]]>", b"]]&gt;"))
    return re.sub(rb"<!\[CDATA\[(.*?)\]\]>", one, data, flags=re.S)


MARK = "\ufdd0".encode()
CASES = [
    ("RSS description, content:encoded and a title", b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title><![CDATA[Ward <b>notes</b> & more]]></title>
<link>http://ward.example.org/</link>
<description><![CDATA[Beds &amp; bytes]]></description>
<item><title><![CDATA[Lab results <em>now</em> in the chart]]></title>
<dc:creator><![CDATA[Ana Ruiz]]></dc:creator>
<description><![CDATA[<p>Short &nbsp;note about the <a href="/x">lab</a>.</p>]]></description>
<content:encoded><![CDATA[<p>The lab feed went live.</p>
<p>Three lines,
then more &rsquo; text &#8230; and a <img src="/i.png"> picture.</p>]]></content:encoded>
<category><![CDATA[Labs]]></category>
<guid isPermaLink="false"><![CDATA[ward-1]]></guid></item>
</channel></rss>
"""),
    ("text mixed with sections in one element", b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title><link>http://w.example.org/</link>
<description>d</description>
<item><title>Before <![CDATA[<inside> & ]]> after <![CDATA[second]]>!</title>
<description>a &lt;b&gt; <![CDATA[<i>c</i>]]> d<![CDATA[]]>e<![CDATA[   ]]>f
</description><guid isPermaLink="false">m1</guid></item>
</channel></rss>
"""),
    ("Atom html and xhtml content", b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html"><![CDATA[A <b>b</b>]]></title>
<id>urn:x:1</id><updated>2026-01-02T03:04:05Z</updated>
<entry><id>urn:x:e1</id><title>E</title><updated>2026-01-02T03:04:05Z</updated>
<summary type="html"><![CDATA[<p>one & two</p>]]></summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>kept
<![CDATA[<script>alert(1)</script> & text]]> <b>bold</b></p></div></content>
</entry></feed>
"""),
    ("a multi-line section before an error keeps the line number",
     b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title><link>http://w.example.org/</link>
<description><![CDATA[one
two
three
four]]></description>
<item><title>x</title><description>broken <b>here</description>
<guid isPermaLink="false">g</guid></item></channel></rss>
"""),
    ("bytes that need cleaning inside a section", b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title><link>http://w.example.org/</link>
<description>d</description>
<item><title><![CDATA[caf\xe9 \x93quoted\x94 \x01ctl]]></title>
<description><![CDATA[line
two \xef\xbf\xbe end]]></description>
<guid isPermaLink="false">g</guid></item></channel></rss>
"""),
    ("U+FDD0 itself in the text", b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title><link>http://w.example.org/</link>
<description>d</description>
<item><title><![CDATA[a <b>]]></title><description>""" + MARK +
     b"""00000000 and <![CDATA[<i>x</i>]]></description>
<guid isPermaLink="false">g</guid></item></channel></rss>
"""),
    ("U+FDD0 as a character reference, shaped like a mark",
     b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title><link>http://w.example.org/</link>
<description>&#xFDD0;00000000</description>
<item><title><![CDATA[first <b>one</b>]]></title>
<description>&#64976;00000000</description>
<guid isPermaLink="false">g</guid></item></channel></rss>
"""),
    ("an item with no guid nor link: its id is hashed from the text",
     b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title><link>http://w.example.org/</link>
<description>d</description>
<item><title><![CDATA[Hashed <b>title</b>]]></title>
<description><![CDATA[<p>The text the id is made from.</p>]]></description>
</item></channel></rss>
"""),
    ("a section left open", b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title><link>http://w.example.org/</link>
<description>d</description><item><title><![CDATA[ok]]></title>
<description><![CDATA[<p>never closed</p>
"""),
]

for what, doc in CASES:
    a = parse(doc)
    b = parse(escaped(doc))
    ok(a == b, what, "as it is:\n%s\nescaped:\n%s" % (
        json.dumps(a, indent=1, ensure_ascii=False)[:1500],
        json.dumps(b, indent=1, ensure_ascii=False)[:1500]))
    ok("\ufdd0" not in json.dumps(a, ensure_ascii=False) or
       MARK in doc or b"FDD0" in doc or b"64976" in doc,
       what + ": no mark in the output")

# The mark's own character is text like any other: kept where it was.
doc = dict(CASES)["U+FDD0 itself in the text"]
f = parse(doc)
desc = f["entries"][0].get("summary") or ""
ok("\ufdd000000000" in desc and "<i>x</i>" in desc,
   "U+FDD0 in the text stays, and the section's text is read", desc)
doc = dict(CASES)["U+FDD0 as a character reference, shaped like a mark"]
f = parse(doc)
ok(f["entries"][0]["title"] == "first one",
   "a reference to U+FDD0 does not stand for a section",
   json.dumps(f["entries"][0], ensure_ascii=False))
ok((f["feed"].get("subtitle") or "").endswith("00000000"),
   "the reference's text stays", f["feed"].get("subtitle"))

# A long section, over libxml2's own text buffer sizes.
long_p = b"<p>" + b"Ward rounds &amp; notes. " * 4000 + b"</p>"
doc = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
       b'<link>http://w.example.org/</link><description>d</description>'
       b'<item><title>t</title><description><![CDATA[' + long_p +
       b']]></description><guid isPermaLink="false">g</guid></item>'
       b'</channel></rss>')
ok(parse(doc) == parse(escaped(doc)), "a 100 kB section")

done()
