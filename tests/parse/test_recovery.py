#!/usr/bin/env python3
"""A broken document keeps its text: one well-formed RSS and one Atom
document, each spoiled in the ways real feeds are spoiled (a blank line or
stray text before the XML declaration, an element left open, a stray or
mismatched end tag, a bare '&', an undefined entity, a byte that is not
UTF-8, an unquoted or repeated attribute, text after the root...), must
give the same text in every field and the same entries, and be flagged
bozo.  The spoiling comes before every field compared, so that anything
libxml2's recovery drops after the error shows: it used to drop every
entity reference in content, and an unclosed <br> used to swallow every
later entry."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parselib import ok, done, run  # noqa: E402


def parse(data):
    return run(data)[1]


DECL = b'<?xml version="1.0" encoding="utf-8"?>\n'
# %s marks where a spoiled element goes: before every field the test
# compares, so that anything libxml2 drops after recovering shows.
RSS = (b'<rss version="2.0"><channel>%s'
       b'<title>Ward &amp; Clinic notes</title>'
       b'<link>http://ward.example.org/</link>'
       b'<description>Beds, bytes &amp; bedside care</description>'
       b'<item><title>x &lt;tag&gt; &#38; y &quot;q&quot; &apos;s&apos;'
       b'</title>'
       b'<link>http://ward.example.org/a?x=1&amp;y=2</link>'
       b'<description>P &amp;amp; Q &amp; R &#x2014; S &#8212; T '
       b'&#X41;</description>'
       b'<category>Labs &amp; results</category>'
       b'<guid isPermaLink="false">ward-1</guid></item>'
       b'<item><title>Second &amp; last</title>'
       b'<description>&lt;p&gt;Escaped &amp;amp; markup&lt;/p&gt;'
       b'</description><guid isPermaLink="false">ward-2</guid></item>'
       b'</channel></rss>\n')
ATOM = (b'<feed xmlns="http://www.w3.org/2005/Atom">%s'
        b'<title>Charts &amp; codes</title><id>urn:charts</id>'
        b'<entry><title type="text">a &lt; b &amp;&amp; c &gt; d</title>'
        b'<id>urn:charts:1</id>'
        b'<link href="http://charts.example.org/1?a=1&amp;b=2"/>'
        b'<summary type="html">&lt;em&gt;HL7 &amp;amp; FHIR&lt;/em&gt; '
        b'&#169; &quot;quoted&quot;</summary>'
        b'<author><name>Ana &amp; Bo</name></author></entry>'
        b'<entry><title>Two &gt; one</title><id>urn:charts:2</id></entry>'
        b'</feed>\n')

# (name, before the declaration, the declaration, the spoiled element,
# after the root).  The spoiled element is one that no format reads.
SPOILS = [
    ("blank line before the declaration", b"\n", DECL, b"", b""),
    ("spaces and a tab before the declaration", b"  \t\n", DECL, b"", b""),
    ("stray text before the declaration", b"Warning: x on line 3\n", DECL,
     b"", b""),
    ("a BOM and a blank line", b"\xef\xbb\xbf\n", DECL, b"", b""),
    ("stray text before the root", b"oops ", b"", b"", b""),
    ("a PHP warning between the declaration and the root", b"",
     DECL + b"Warning: Cannot modify header information in /var/www/x.php"
     b" on line 3\n", b"", b""),
    ("a PHP notice in HTML between the declaration and the root", b"",
     DECL + b"<br />\n<b>Notice</b>:  Undefined index: id in <b>/var/www/"
     b"feed.php</b> on line <b>12</b><br />\n", b"", b""),
    ("a PHP notice in HTML before the root", b"<br />\n<b>Warning</b>:  "
     b"x in <b>/a.php</b> on line <b>2</b><br />\n", b"", b"", b""),
    ("a second byte order mark after the declaration", b"",
     DECL + b"\xef\xbb\xbf", b"", b""),
    ("an element left open", b"", DECL, b"<note>a<br>b</note>", b""),
    ("two elements left open", b"", DECL,
     b"<note><p>a<img src='x'>b</note>", b""),
    ("a stray end tag", b"", DECL, b"<note>a</p>b</note>", b""),
    ("a bare ampersand", b"", DECL, b"<note>R & D</note>", b""),
    ("an undefined entity", b"", DECL, b"<note>&bogus; x</note>", b""),
    ("a mismatched end tag", b"", DECL, b"<note><b>t</note></b>", b""),
    ("a byte that is not UTF-8", b"", DECL, b"<note>caf\xe9</note>", b""),
    ("a less-than in text", b"", DECL, b"<note>a < b</note>", b""),
    ("an attribute without quotes", b"", DECL, b"<note a=b>t</note>", b""),
    ("an attribute given twice", b"", DECL, b"<note a='1' a='2'/>", b""),
    ("an undeclared prefix", b"", DECL, b"<zz:note>t</zz:note>", b""),
    ("a double hyphen in a comment", b"", DECL, b"<!-- a -- b -->", b""),
    ("a control character", b"", DECL, b"<note>a\x01b</note>", b""),
    ("stray text after the root", b"", DECL, b"", b"trailing <junk>"),
    ("a comment never closed", b"", DECL, b"<!-- draft: fix", b""),
    ("an end tag without its '>'", b"", DECL, b"<note>t</note", b""),
    ("a CDATA section never closed", b"", DECL,
     b"<note><![CDATA[<p>x & y</p></note>", b""),
]


def texts(doc):
    """The text of every field of the feed and of every entry."""
    out = {}
    for k, v in (doc.get("feed") or {}).items():
        out["feed." + k] = v
    for i, e in enumerate(doc.get("entries", [])):
        for k, v in e.items():
            out["entry%d.%s" % (i, k)] = v
    out["entries"] = len(doc.get("entries", []))
    return out


for fmt, body in (("rss", RSS), ("atom", ATOM)):
    good = parse(DECL + body.replace(b"%s", b""))
    ok(good is not None and not good["bozo"], "%s: the clean document "
       "parses, not bozo" % fmt, good)
    if good is None:
        continue
    want = texts(good)
    for name, before, decl, spoil, after in SPOILS:
        data = before + decl + body.replace(b"%s", spoil) + after
        got = parse(data)
        ok(got is not None and got["bozo"], "%s, %s: parsed, bozo" %
           (fmt, name), got)
        if got is None:
            continue
        have = texts(got)
        diff = ["%s: %r != %r" % (k, have.get(k), v)
                for k, v in want.items() if have.get(k) != v]
        ok(not diff, "%s, %s: every field keeps its text" % (fmt, name),
           "\n".join(diff))

# An end tag that is the open element's name misspelt closes it: the
# fields after it stay fields, not text run into the title.
clean = parse(DECL + RSS.replace(b"%s", b""))
for bad in (b"titl", b"tilte", b"titel", b"titlee", b"itle", b"TITLR"):
    data = DECL + RSS.replace(b"%s", b"").replace(b"</title><link>",
                                                 b"</" + bad + b"><link>", 1)
    got = parse(data)
    first = ((got or {}).get("entries") or [None])[0]
    ok(got is not None and got["bozo"] and
       texts(got) == texts(clean), "rss, </%s> for </title>: every field "
       "keeps its text" % bad.decode(), first)
desc = (b'<rss version="2.0"><channel><title>T</title>'
        b'<item><title>One</title><description>Body text</descripton>'
        b'<link>http://ward.example.org/1</link></item>'
        b'<item><title>Two</title></item></channel></rss>')
got = parse(DECL + desc)
ok(got is not None and len(got["entries"]) == 2 and
   got["entries"][0].get("summary") == "Body text" and
   got["entries"][0].get("link") == "http://ward.example.org/1",
   "rss, </descripton>: the description ends there, the link is the "
   "entry's", got)
# A short name is not guessed at: </b> in a title names nothing open and
# is dropped, as before.
got = parse(DECL + b'<rss version="2.0"><channel><title>T</title><item>'
            b'<title>A</b> B</title><link>http://w.example.org/</link>'
            b'</item></channel></rss>')
ok(got is not None and len(got["entries"]) == 1 and
   got["entries"][0].get("title") == "A B" and
   got["entries"][0].get("link") == "http://w.example.org/",
   "rss, a stray </b>: dropped, the title keeps its text", got)

# An entry never closed ends where the next one starts: the entries after
# it are read, not lost inside it.
for fmt, body, end in (("rss", RSS, b"</item>"), ("atom", ATOM, b"</entry>")):
    clean = parse(DECL + body.replace(b"%s", b""))
    got = parse(DECL + body.replace(b"%s", b"").replace(end, b"", 1))
    ok(got is not None and got["bozo"] and texts(got) == texts(clean),
       "%s, the first %s left out: both entries keep every field" %
       (fmt, end.decode()), got)
got = parse(DECL + b'<rss version="2.0"><channel><title>T</title>'
            + b"".join(b'<item><title>N%d</title><guid>g%d</guid>' % (i, i)
                       + (b"</item>" if i % 2 else b"") for i in range(6))
            + b'</channel></rss>')
ok(got is not None and [e.get("title") for e in got["entries"]] ==
   ["N%d" % i for i in range(6)], "rss, every other item left open: all "
   "six read, in order", got)
got = parse(DECL + b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-'
            b'rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel>'
            b'<title>T</title></channel><item><title>A</title>'
            b'<link>http://w.example.org/a</link><item><title>B</title>'
            b'<link>http://w.example.org/b</link></item></rdf:RDF>')
ok(got is not None and [e.get("link") for e in got["entries"]] ==
   ["http://w.example.org/a", "http://w.example.org/b"],
   "rss 1.0, an item left open: the next is read", got)

# A "]]>" outside CDATA keeps the text before it (libxml2's recovery
# dropped it); a "<" and a letter before words that are no attribute
# names is text, and the fields after it stay the entry's; an Atom link
# whose unquoted href ends the tag with its "/" holds nothing.
RSS_ONE = (b'<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
           b'<channel><title>T</title><item>%s<link>http://w.example.org/a'
           b'</link><description>Reviewed by pharmacy.</description>'
           b'</item></channel></rss>')
got = parse(DECL + RSS_ONE % b"<title>Alert if (doses[i]]> 3) fires</title>")
ok(got is not None and got["entries"][0].get("title") ==
   "Alert if (doses[i]]> 3) fires", "a stray ']]>' keeps the text before "
   "it", got)
got = parse(DECL + RSS_ONE % b"<title>Alert when glucose a<b 4 mmol/L</title>")
e = (got or {}).get("entries", [{}])[0]
ok("4 mmol/L" in (e.get("title") or "") and
   e.get("link") == "http://w.example.org/a" and
   e.get("summary") == "Reviewed by pharmacy.",
   "'a<b 4 mmol/L' in a title is text; the item keeps its fields", got)
got = parse(DECL + RSS_ONE % b"<title>Alert</title><dc:creator>Dr a<b "
            b"<![CDATA[Ines Vale]]></dc:creator>")
e = (got or {}).get("entries", [{}])[0]
ok(e.get("title") == "Alert" and e.get("link") == "http://w.example.org/a"
   and "Ines Vale" in ((e.get("authors") or [{}])[0].get("name") or ""),
   "'a<b' before a CDATA section: the item keeps its fields", got)
got = parse(DECL + b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T'
            b'</title><id>urn:t</id><entry><id>urn:t:1</id><title>A</title>'
            b'<link href=http://w.example.org/clinic/><summary>Scripts go '
            b'to the pharmacy.</summary></entry></feed>')
e = (got or {}).get("entries", [{}])[0]
ok(e.get("link") == "http://w.example.org/clinic/" and
   e.get("summary") == "Scripts go to the pharmacy." and
   e.get("id") == "urn:t:1", "atom, <link href=.../> unquoted: the "
   "summary and id stay the entry's", got)

# A feed without a declaration of its own whose text holds an XML sample
# ("<?xml ...?>" in CDATA) is the feed, not junk before that sample.
got = parse(b'<rss version="2.0"><channel><title>T</title><item><title>A'
            b'</title></item><item><title>CDA header</title><description>'
            b'<![CDATA[<pre><?xml version="1.0"?><ClinicalDocument/></pre>]]>'
            b'</description></item></channel></rss>')
ok(got is not None and [e.get("title") for e in got["entries"]] ==
   ["A", "CDA header"], "no declaration, an XML sample in CDATA: the feed "
   "is read", got)
# An enclosure (or any element the formats keep empty) whose unquoted
# last value ends the tag with its '/' holds nothing.
got = parse(DECL + b'<rss version="2.0"><channel><title>T</title><item>'
            b'<title>Ep 12</title><enclosure url=http://w.example.org/e.mp3 '
            b'length=12 type=audio/mpeg/><link>http://w.example.org/12</link>'
            b'<description>Scan rates.</description></item></channel></rss>')
e = (got or {}).get("entries", [{}])[0]
ok(e.get("link") == "http://w.example.org/12" and
   e.get("summary") == "Scan rates.", "an unquoted enclosure ending in "
   "'/>': the item keeps its fields", got)
# Junk before an Atom Entry Document's root is skipped as before a feed's.
got = parse(DECL + b"Warning: x in /a.php on line 2\n<entry xmlns=\"http://"
            b"www.w3.org/2005/Atom\"><id>urn:n:1</id><title>Pens</title>"
            b"</entry>")
ok(got is not None and got["entries"][0].get("title") == "Pens",
   "junk before an Atom entry document's root is skipped", got)

# A comment that names a root ("<channel>") after junk is no root.
got = parse(DECL + b"<br />\n<b>Notice</b>: x<br />\n<!-- each <item> is a post"
            b", the <channel> the blog -->" + RSS.replace(b"%s", b""))
ok(got is not None and len(got["entries"]) == 2, "junk, then a comment "
   "naming <channel>: the feed is read", got)
# An Atom category whose unquoted last value ends the tag with its '/'.
got = parse(DECL + b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T'
            b'</title><id>urn:t</id><entry><id>urn:t:1</id><category term="l"'
            b' label=LOINC/><title>Mapping</title><content>Bring questions.'
            b'</content></entry></feed>')
e = (got or {}).get("entries", [{}])[0]
ok(e.get("title") == "Mapping" and e.get("content") == "Bring questions.",
   "atom, an unquoted category ending in '/>': the entry keeps its fields",
   got)

# A feed inside an HTML page is found and read.
page = (b'<!DOCTYPE html>\n<html><head><title>Page</title></head><body>'
        b'<p>Our feed:</p>' + body.replace(b"%s", b"") + b'</body></html>\n')
got = parse(page)
ok(got is not None and got["format"] == "atom10" and got["bozo"] and
   got["feed"].get("title") == "Charts & codes" and
   len(got["entries"]) == 2, "an Atom feed inside an HTML page is read",
   got)
rss_page = (b'<html><body>' + RSS.replace(b"%s", b"") + b'</body></html>')
got = parse(rss_page)
ok(got is not None and got["format"] == "rss20" and
   len(got["entries"]) == 2 and got["entries"][1]["id"] == "ward-2",
   "an RSS feed inside an HTML page is read", got)
done()
