#!/usr/bin/env python3
"""Forms real feeds use that the specs do not quite allow, each read as its
writer meant (the forms feedparser's own test suite lists): HTML written
as elements inside an Atom construct that says it holds escaped HTML or
text; Atom 0.3's default mode "xml"; HTML5 elements in a title declared
HTML, or holding markup; and the like.  Each case is a small document and
the one value it must give."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parselib import ok, done, run  # noqa: E402

ATOM = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Ward</title>'
        b'<id>urn:w</id><entry><id>urn:w:1</id>%s</entry></feed>')
ATOM03 = (b'<feed version="0.3" xmlns="http://purl.org/atom/ns#">'
          b'<title>Ward</title><entry><id>urn:w:1</id>%s</entry></feed>')
XHTML = b'xmlns="http://www.w3.org/1999/xhtml"'
RSS = (b'<rss version="2.0"><channel><title>Ward</title><item>'
       b'<guid isPermaLink="false">w1</guid>%s</item></channel></rss>')


def value(doc, field, *args):
    """field of the first entry, or "feed.NAME" of the feed."""
    rc, got = run(doc, *args)
    if field.startswith("feed."):
        return (got or {}).get("feed", {}).get(field[5:]), got
    return ((got or {}).get("entries") or [{}])[0].get(field), got


PODCAST = (b'<rss version="2.0" xmlns:googleplay="http://www.google.com/'
           b'schemas/play-podcasts/1.0" xmlns:podcast="https://podcastindex.'
           b'org/namespace/1.0" xmlns:itunes="http://www.itunes.com/dtds/'
           b'podcast-1.0.dtd"><channel>%s<item><guid>p1</guid>%s</item>'
           b'</channel></rss>')


MEDIA = (b'<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" '
         b'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">'
         b'<channel><title>Ward TV</title>%s<item><guid>e1</guid>%s'
         b'</item></channel></rss>')


CASES = [
    # (what, document, field, value)
    ("atom, type=html content written as elements",
     ATOM % b'<content type="html"><p>Dose <b>changed</b></p></content>',
     "content", "<p>Dose <b>changed</b></p>"),
    ("atom, type=html content as an XHTML div",
     ATOM % (b'<content type="html"><div ' + XHTML +
             b'><p>Dose <b>changed</b></p></div></content>'),
     "content", "<p>Dose <b>changed</b></p>"),
    ("atom, type=html summary written as elements",
     ATOM % b'<summary type="html"><p>Triage <i>moved</i></p></summary>',
     "summary", "<p>Triage <i>moved</i></p>"),
    ("atom, a text construct with no type holding elements",
     ATOM % b'<content><p>Plain <b>bold</b></p></content>',
     "content", "<p>Plain <b>bold</b></p>"),
    ("atom, escaped HTML is still read as before",
     ATOM % b'<content type="html">&lt;p&gt;Escaped &lt;b&gt;b&lt;/b&gt;'
     b'&lt;/p&gt;</content>',
     "content", "<p>Escaped <b>b</b></p>"),
    ("atom, type=html title written as elements is its text",
     ATOM % b'<title type="html">Night <b>shift</b> notes</title>',
     "title", "Night shift notes"),
    ("atom 0.3, no mode: elements are XML (the default mode)",
     ATOM03 % (b'<content type="text/html"><div ' + XHTML +
               b'><p>Shift <b>change</b></p></div></content>'),
     "content", "<p>Shift <b>change</b></p>"),
    ("atom 0.3, no mode: bare elements too",
     ATOM03 % b'<summary type="text/html"><p>Sum <i>it</i></p></summary>',
     "summary", "<p>Sum <i>it</i></p>"),
    ("atom, type=html title with HTML5 elements",
     ATOM % b'<title type="html">Sepsis &lt;mark&gt;alert&lt;/mark&gt; '
     b'model &lt;time&gt;retired&lt;/time&gt;</title>',
     "title", "Sepsis alert model retired"),
    ("atom, type=html title: a tag libxml2 does not know is still a tag",
     ATOM % b'<title type="html">Payer &lt;widget&gt;news&lt;/widget&gt;'
     b'</title>',
     "title", "Payer news"),
    ("atom, type=text title: a '<' is a character",
     ATOM % b'<title type="text">K &lt; 3.5 &lt;mark&gt;</title>',
     "title", "K < 3.5 < mark>"),
    ("rss, a title holding HTML5 markup",
     RSS % b'<title>Sepsis &lt;mark&gt;alert&lt;/mark&gt; retired</title>',
     "title", "Sepsis alert retired"),
    ("rss, a title holding no HTML: its '<' stays a character",
     RSS % b'<title>Beds &lt;ward 4&gt; today</title>',
     "title", "Beds < ward 4> today"),

    ("rss, a media:thumbnail with its address as text",
     MEDIA % (b"", b"<media:thumbnail>\n http://ward.example.org/t.jpg "
              b"</media:thumbnail>"),
     "image", "http://ward.example.org/t.jpg"),
    ("rss, a channel's itunes:image with its address as text",
     MEDIA % (b"<itunes:image>http://ward.example.org/c.png</itunes:image>",
              b""),
     "feed.image", "http://ward.example.org/c.png"),
    ("rss, an empty media:thumbnail is no picture",
     MEDIA % (b"", b"<media:thumbnail> </media:thumbnail>"),
     "image", None),
]

GUID = (b'<rss version="2.0" xml:base="http://ward.example.org/blog/">'
        b'<channel><title>W</title><item>%s</item></channel></rss>')
CASES += [
    ("rss, a guid that is a path from the site's root is the link",
     GUID % b"<guid>/2026/11/go-live</guid>", "link",
     "http://ward.example.org/2026/11/go-live"),
    ("rss, a relative guid said to be a permalink is the link",
     GUID % b'<guid isPermaLink="true">posts/9</guid>', "link",
     "http://ward.example.org/blog/posts/9"),
    ("rss, a guid said to be no permalink is no link",
     GUID % b'<guid isPermaLink="false">/2026/11/go-live</guid>', "link",
     None),
    ("rss, a guid that is a plain number is no link",
     GUID % b"<guid>12345</guid>", "link", None),
    ("rss, the item's own link outweighs a permalink guid",
     GUID % b"<guid>/p/1</guid><link>/p/one</link>", "link",
     "http://ward.example.org/p/one"),
]

ARSS = (b'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
        b'<channel><title>W</title><item><guid>a1</guid>%s</item>'
        b'</channel></rss>')
CASES += [
    ("rss, an atom:content is the content",
     ARSS % b'<atom:content type="html">&lt;p&gt;Only &lt;b&gt;here&lt;/b&gt;'
     b'&lt;/p&gt;</atom:content>', "content", "<p>Only <b>here</b></p>"),
    ("rss, an atom:content of type xhtml",
     ARSS % (b'<atom:content type="xhtml"><div ' + XHTML +
             b'><p>Inline <i>body</i></p></div></atom:content>'),
     "content", "<p>Inline <i>body</i></p>"),
    ("rss, an atom:summary is the summary",
     ARSS % b'<atom:summary>Plain &lt;3 words</atom:summary>',
     "summary", "Plain &lt;3 words"),
    ("rss, the item's description outweighs an atom:summary",
     ARSS % b'<description>Own words</description>'
     b'<atom:summary>Other words</atom:summary>', "summary", "Own words"),
    ("rss, content:encoded outweighs an atom:content",
     ARSS % (b'<content:encoded xmlns:content="http://purl.org/rss/1.0/'
             b'modules/content/">&lt;p&gt;Encoded&lt;/p&gt;</content:encoded>'
             b'<atom:content type="html">&lt;p&gt;Atom&lt;/p&gt;'
             b'</atom:content>'), "content", "<p>Encoded</p>"),
    ("rss, an atom:title when the item has no title",
     ARSS % b'<atom:title type="html">Ward &lt;b&gt;4&lt;/b&gt;</atom:title>',
     "title", "Ward 4"),
]

WP = (b'<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
      b'<channel><title>W</title><item><guid>w9</guid>%s</item>'
      b'</channel></rss>')


def first_of(doc, key, sub=None):
    rc, got = run(doc)
    e = ((got or {}).get("entries") or [{}])[0]
    v = (e.get(key) or [None])[0]
    return (v or {}).get(sub) if sub else v, got


for what, doc, key, sub, want in [
    ("a name with a character reference in CDATA",
     WP % b"<dc:creator><![CDATA[Marcus O&#8217;Neil]]></dc:creator>",
     "authors", "name", "Marcus O\u2019Neil"),
    ("a category with an escaped ampersand in CDATA",
     WP % b"<category><![CDATA[Interoperability &amp; Standards]]>"
     b"</category>", "categories", None, "Interoperability & Standards"),
    ("a category with a '<' and a reference: the '<' stays a character",
     WP % b"<category><![CDATA[Beds <4 &amp; 5>]]></category>",
     "categories", None, "Beds <4 & 5>"),
    ("a bare '&' in a name stays",
     WP % b"<dc:creator>AT&amp;T Health</dc:creator>",
     "authors", "name", "AT&T Health"),
    ("a quoted display name before an address loses its quotes",
     RSS % b'<author>"Ines Moura" &lt;im@w.example&gt;</author>',
     "authors", "name", "Ines Moura"),
    ("quotes inside a name stay",
     RSS % b'<author>Ines "Nessa" Moura &lt;im@w.example&gt;</author>',
     "authors", "name", 'Ines "Nessa" Moura'),
]:
    got, whole = first_of(doc, key, sub)
    ok(got == want, "wordpress, %s: %r" % (what, want), whole)

CASES += [
    ("rss, Media RSS under the RSS Advisory Board's namespace (Squarespace)",
     b'<rss version="2.0" xmlns:media="http://www.rssboard.org/media-rss">'
     b'<channel><title>W</title><item><guid>s1</guid><media:content '
     b'medium="image" url="https://img.example.org/dash.png?format=1500w"/>'
     b'</item></channel></rss>', "image",
     "https://img.example.org/dash.png?format=1500w"),
    ("rss, feedburner:origLink is the link, not the proxy's",
     b'<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/'
     b'feedburner/ext/1.0"><channel><title>W</title><item><guid>f1</guid>'
     b'<link>http://feedproxy.google.com/~r/Ward/~3/AbC/</link>'
     b'<feedburner:origLink>https://ward.example.org/2024/03/hti-2/'
     b'</feedburner:origLink></item></channel></rss>', "link",
     "https://ward.example.org/2024/03/hti-2/"),
    ("atom, feedburner:origLink outweighs the alternate link",
     b'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:feedburner="http://'
     b'rssnamespace.org/feedburner/ext/1.0"><title>W</title><id>urn:w</id>'
     b'<entry><id>urn:w:1</id><link rel="alternate" href="http://feedproxy.'
     b'google.com/~r/W/~3/x/"/><feedburner:origLink>https://ward.example.org'
     b'/a/</feedburner:origLink></entry></feed>', "link",
     "https://ward.example.org/a/"),
    ("rss, a Flash player in media:content is no enclosure",
     b'<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">'
     b'<channel><title>W</title><item><guid>y1</guid><media:group>'
     b'<media:content url="https://www.youtube.com/v/abc?version=3" '
     b'type="application/x-shockwave-flash" width="640"/></media:group>'
     b'</item></channel></rss>', "enclosures", None),
    (".NET, a10:updated on the channel is the feed's updated",
     b'<rss version="2.0" xmlns:a10="http://www.w3.org/2005/Atom"><channel>'
     b'<title>W</title><a10:updated>2024-03-06T18:22:10-08:00</a10:updated>'
     b'<item><guid>n1</guid></item></channel></rss>', "feed.updated",
     "2024-03-07T02:22:10Z"),
    (".NET, a10:author on the channel is the feed's author",
     b'<rss version="2.0" xmlns:a10="http://www.w3.org/2005/Atom"><channel>'
     b'<title>W</title><a10:author><a10:name>Press Office</a10:name>'
     b'<a10:uri>https://w.example.org/press</a10:uri></a10:author>'
     b'<item><guid>n1</guid></item></channel></rss>', "feed.author",
     {"name": "Press Office", "uri": "https://w.example.org/press"}),
]

CASES += [
    ("rss, Word's line break (a vertical tab) parts words",
     RSS % b"<title>Pasted\x0bfrom Word</title>", "title",
     "Pasted from Word"),
    ("rss, a form feed parts words, as a reference too",
     RSS % b"<title>Page&#12;break\x0cand more</title>", "title",
     "Page break and more"),
    ("rss, another control character goes",
     RSS % b"<title>Soft\x1fhyphen</title>", "title", "Softhyphen"),
    ("rss, a surrogate pair written as two references is one character",
     RSS % b"<title>Launch &#55357;&#56960; &#xD83D;&#xDE80;</title>",
     "title", "Launch \U0001F680 \U0001F680"),
    ("rss, a lone surrogate is U+FFFD",
     RSS % b"<title>lone &#55357; end &#56960;</title>", "title",
     "lone \ufffd end \ufffd"),
]

THR = (b'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://'
       b'purl.org/syndication/thread/1.0"><title>Comments</title><id>urn:c'
       b'</id><entry>%s</entry></feed>')
BLOG = b"tag:blogger.com,1999:blog-7001.post-"
CASES += [
    ("atom, a thr:in-reply-to with an href and no ref keeps the href",
     THR % b'<id>urn:c:5</id><thr:in-reply-to href="https://w.example.org/'
     b'p#comment-1"/>', "in_reply_to",
     [{"href": "https://w.example.org/p#comment-1"}]),
    ("blogger, a comment answering a comment names it first (link "
     "rel=related), then the post",
     THR % (b"<id>" + BLOG + b"222</id><link rel='related' type='"
            b"application/atom+xml' href='https://www.blogger.com/feeds/7001/"
            b"555/comments/default/111'/><thr:in-reply-to ref='" + BLOG +
            b"555' href='https://t.example.org/p.html' type='text/html'/>"),
     "in_reply_to",
     [{"ref": BLOG.decode() + "111"},
      {"ref": BLOG.decode() + "555", "href": "https://t.example.org/p.html"}]),
    ("blogger, a comment on the post alone names the post",
     THR % (b"<id>" + BLOG + b"333</id><thr:in-reply-to ref='" + BLOG +
            b"555'/>"), "in_reply_to", [{"ref": BLOG.decode() + "555"}]),
]

SLASH = (b'<rss version="2.0" xmlns:slash="http://purl.org/rss/1.0/'
         b'modules/slash/"><channel><title>W</title><item><guid>c</guid>'
         b'<slash:comments>%s</slash:comments></item></channel></rss>')
CASES += [
    ("rss, a comment count with a thousands separator",
     SLASH % b"1,204", "comment_count", 1204),
    ("rss, a comment count that is no number", SLASH % b"1,2",
     "comment_count", None),
]

SELF = (b'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
        b'<channel><title>W</title><atom:link rel="self" type="application/'
        b'rss+xml" href="https://ward.example.org/blog/feed.xml"/><item>'
        b'<guid>r1</guid><link>/2026/11/p12/</link><description>&lt;a href='
        b'"notes.html"&gt;notes&lt;/a&gt;</description></item></channel>'
        b'</rss>')
CASES += [
    ("rss read without --base: relative links resolve against the feed's "
     "own address (atom:link rel=self)", SELF, "link",
     "https://ward.example.org/2026/11/p12/"),
    ("... in HTML too", SELF, "summary",
     '<a href="https://ward.example.org/blog/notes.html">notes</a>'),
]

CASES += [
    ("rss, a title naming elements, with no end tag, keeps them as text",
     RSS % b"<title>Using &lt;details&gt; and &lt;summary&gt; in portals"
     b"</title>", "title", "Using < details> and < summary> in portals"),
    ("rss, a CDATA title naming <p> keeps it",
     RSS % b"<title><![CDATA[Why the <p> tag breaks CDA narratives]]>"
     b"</title>", "title", "Why the < p> tag breaks CDA narratives"),
    ("rss, 'a<b' in a title is not a tag",
     RSS % b"<title>Why a&lt;b matters in FHIRPath</title>", "title",
     "Why a< b matters in FHIRPath"),
    ("rss, a title with a line break tag is HTML",
     RSS % b"<title>Night&lt;br&gt;shift</title>", "title", "Night shift"),
    ("rss, a title with a link is HTML",
     RSS % b'<title>See &lt;a href="https://w.example.org/"&gt;the ward'
     b'&lt;/a&gt;</title>', "title", "See the ward"),
    ("atom, a category term naming an element is kept",
     ATOM % b'<category term="&lt;details&gt;"/>', "categories",
     ["< details>"]),
    ("atom, a category term 'a<b' is kept whole",
     ATOM % b'<category term="a&lt;b"/>', "categories", ["a< b"]),
]

JF = (b'{"version": "https://jsonfeed.org/version/1.1", "title": "W", '
      b'"authors": [{"name": "Editorial Board"}, {"name": "Guest Editor"}],'
      b' "items": [%s]}')
CASES += [
    ("json feed, an item without authors has every one of the feed's",
     JF % b'{"id": "a", "content_text": "x"}', "authors",
     [{"name": "Editorial Board"}, {"name": "Guest Editor"}]),
    ("json feed, an id that is a number with a fraction is its text",
     JF % b'{"id": 1.5, "content_text": "x"}', "id", "1.5"),
    ("json feed, an id beyond 64 bits keeps every digit",
     JF % b'{"id": 12345678901234567890, "content_text": "x"}', "id",
     "12345678901234567890"),
    ("json feed, a size beyond 64 bits elsewhere does not lose the feed",
     JF % b'{"id": "b", "content_text": "x", "_ext": {"n": '
     b'340282366920938463463374607431768211455}}', "id", "b"),
    ("json feed, \\u0000 is U+FFFD, not the end of the feed",
     JF % b'{"id": "c", "title": "Nul \\u0000 here"}', "title",
     "Nul \ufffd here"),
    ("json feed, an unpaired surrogate escape is U+FFFD",
     JF % b'{"id": "d", "title": "Bad \\ud800 pair \\ud83d\\ude80"}',
     "title", "Bad \ufffd pair \U0001F680"),
    ("json feed, a banner image is the picture when no image is named",
     JF % b'{"id": "e", "content_text": "x", "banner_image": '
     b'"https://w.example.org/b.jpg"}', "image",
     "https://w.example.org/b.jpg"),
    ("atom, an entry without authors has every one of the feed's",
     b'<feed xmlns="http://www.w3.org/2005/Atom"><title>W</title><id>urn:w'
     b'</id><author><name>Editorial Board</name></author><author><name>'
     b'Guest Editor</name></author><entry><id>urn:w:1</id></entry></feed>',
     "authors", [{"name": "Editorial Board"}, {"name": "Guest Editor"}]),
    ("rss, an enclosure of length 0 has no length (unknown)",
     RSS % b'<enclosure url="https://w.example.org/a.mp3" length="0" '
     b'type="audio/mpeg"/>', "enclosures",
     [{"url": "https://w.example.org/a.mp3", "type": "audio/mpeg"}]),
]

DC = (b'<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
      b'<channel><title>Ward</title><item><guid isPermaLink="false">w1'
      b'</guid>%s</item></channel></rss>')
CASES += [
    ("rss, a dc:contributor before the dc:creator is no author",
     DC % b'<dc:contributor>Ines Moura</dc:contributor><dc:creator>Karl '
     b'Brandt</dc:creator>', "authors", [{"name": "Karl Brandt"}]),
    ("rss, a dc:contributor before the author is no author",
     DC % b'<dc:contributor>Ines Moura</dc:contributor><author>kb@w.example'
     b' (Karl Brandt)</author>', "authors",
     [{"name": "Karl Brandt", "email": "kb@w.example"}]),
    ("rss, dc:contributors are the authors when nothing else names one",
     DC % b'<dc:contributor>Ines Moura</dc:contributor><dc:contributor>'
     b'Karl Brandt</dc:contributor>', "authors",
     [{"name": "Ines Moura"}, {"name": "Karl Brandt"}]),
    ("atom 0.3, escaped text/plain keeps its '<' words",
     ATOM03 % b'<summary type="text/plain" mode="escaped">Put the '
     b'&lt;bed-id&gt; in PV1-3.</summary>', "summary",
     "Put the &lt;bed-id&gt; in PV1-3."),
    ("atom 0.3, escaped with no type and no markup is text",
     ATOM03 % b'<content mode="escaped">Leave &lt;ward&gt; empty.'
     b'</content>', "content", "Leave &lt;ward&gt; empty."),
    ("atom 0.3, escaped with no type: its references are read",
     ATOM03 % b'<title mode="escaped">Go-live &amp;mdash; done</title>',
     "title", "Go-live — done"),
    ("atom 0.3, escaped with no type holding HTML is HTML",
     ATOM03 % b'<content mode="escaped">&lt;p&gt;Go &lt;b&gt;live&lt;/b&gt;'
     b'&lt;/p&gt;</content>', "content", "<p>Go <b>live</b></p>"),
    ("atom, Blogger's kind category is no topic",
     ATOM % b'<category scheme="http://schemas.google.com/g/2005#kind" '
     b'term="http://schemas.google.com/blogger/2008/kind#post"/>'
     b'<category term="e-prescribing"/>', "categories", ["e-prescribing"]),
    ("atom, an author's email loses its mailto:",
     ATOM % b'<author><name>Ana Lima</name><email>mailto:ana@w.example'
     b'</email></author>', "authors",
     [{"name": "Ana Lima", "email": "ana@w.example"}]),
    ("atom, an author's email that is no address is left out",
     ATOM % b'<author><name>Ana Lima</name><email>ask the desk</email>'
     b'</author>', "authors", [{"name": "Ana Lima"}]),
]

UNDECLARED = ('<rss version="2.0"><channel><title>%s</title><item>'
              '<title>%s</title><guid>u1</guid></item></channel></rss>')
CASES += [
    ("no charset named, EUC-KR bytes: read as Korean",
     (UNDECLARED % ("병원 정보화 소식", "전자의무기록 시스템 업데이트 안내"))
     .encode("euc-kr"), "title", "전자의무기록 시스템 업데이트 안내"),
    ("no charset named, GB2312 bytes: read as Chinese",
     (UNDECLARED % ("医院信息化周报", "电子病历系统升级通知"))
     .encode("gb2312"), "title", "电子病历系统升级通知"),
    ("no charset named, Big5 bytes: read as Chinese",
     (UNDECLARED % ("醫院資訊週報", "電子病歷系統升級通知，請各單位配合"))
     .encode("big5"), "title", "電子病歷系統升級通知，請各單位配合"),
    ("no charset named, windows-1251 bytes: read as Russian",
     (UNDECLARED % ("Новости медицинской информатики",
                    "Обновление электронной медицинской карты"))
     .encode("cp1251"), "title", "Обновление электронной медицинской карты"),
    ("no charset named, windows-1252 bytes: still windows-1252",
     (UNDECLARED % ("Café clínico",
                    "Reúnião – saúde digital"))
     .encode("cp1252"), "title", "Reúnião – saúde digital"),
    ("tis-620 named: read as windows-874 (its quotes and dashes)",
     ('<?xml version="1.0" encoding="tis-620"?>' +
      UNDECLARED % ("x", "“ระบบนัดหมาย” – ใหม่"))
     .encode("cp874"), "title", "“ระบบนัดหมาย” – ใหม่"),
    ("mac-iceland named: read as Mac Icelandic",
     ('<?xml version="1.0" encoding="mac-iceland"?>' +
      UNDECLARED % ("x", "Reykjavík"))
     .encode("mac_iceland"), "title", "Reykjavík"),
]

JF1 = (b'{"version": "https://jsonfeed.org/version/1.1", "title": "W", '
       b'"items": [%s]}')
CASES += [
    ("json feed, a NaN (as Python writes it) loses neither item nor feed",
     JF1 % b'{"id": "n", "title": "Kept", "attachments": [{"url": "https:'
     b'//w.example/a.mp3", "mime_type": "audio/mpeg", "duration_in_seconds"'
     b': NaN}]}', "title", "Kept"),
    ("json feed, -Infinity loses nothing either",
     JF1 % b'{"id": "n", "title": "Kept too", "_x": -Infinity}', "title",
     "Kept too"),
    ("json feed, a real beyond a double is its text",
     JF1 % b'{"id": 2e400, "title": "Big"}', "id", "2e400"),
    ("json feed, a number id is written as short as it reads back",
     JF1 % b'{"id": 0.1, "title": "Tenth"}', "id", "0.1"),
    ("json feed, a title's references are read (WordPress writes them)",
     JF1 % b'{"id": "t", "title": "What&#8217;s new in labs &amp; imaging"}',
     "title", "What’s new in labs & imaging"),
    ("json feed, a title's markup is removed",
     JF1 % b'{"id": "t", "title": "Why <em>interop</em> hurts"}', "title",
     "Why interop hurts"),
    ("json feed, a description's references are read",
     b'{"version": "https://jsonfeed.org/version/1.1", "title": "W", '
     b'"description": "Labs &amp; imaging", "items": []}', "feed.subtitle",
     "Labs & imaging"),
    ("json feed, authors naming no one give way to author",
     JF1 % b'{"id": "a", "authors": [42, {}], "author": {"name": '
     b'"Tom\u00e1s Ruiz"}}', "authors", [{"name": "Tomás Ruiz"}]),
    ("json feed, a bare string in authors is a name",
     JF1 % b'{"id": "a", "authors": ["Priya Natarajan"]}', "authors",
     [{"name": "Priya Natarajan"}]),
    ("json feed, an image attachment with a spaced type is the picture",
     JF1 % b'{"id": "i", "attachments": [{"url": "https://w.example/c.png",'
     b' "mime_type": " image/png"}]}', "image", "https://w.example/c.png"),
]

SELF = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Ward</title>'
        b'<id>ward-notes</id><link rel="self" href="http://feeds.ward.example'
        b'/notes.atom"/>%s</feed>')
RSS1 = (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        b'xmlns="http://purl.org/rss/1.0/" xmlns:enc="http://purl.oclc.org/'
        b'net/rss_2.0/enc#"><channel rdf:about="http://ward.example/"><title>'
        b'W</title><link>http://ward.example/</link></channel><item rdf:about='
        b'"http://ward.example/1"><title>Rounds</title><link>http://ward.'
        b'example/1</link>%s</item></rdf:RDF>')
CASES += [
    # An atom:id is compared as written (RFC 4287 4.2.6): the feed's self
    # link is not where the document was read, so it resolves nothing.
    ("atom, a relative entry id stays as written without a base",
     SELF % b'<entry><id>note-217</id><title>Huddle</title></entry>',
     "id", "note-217"),
    ("atom, a relative feed id stays as written without a base",
     SELF % b'', "feed.id", "ward-notes"),
    ("atom, a relative id under an xml:base is resolved",
     SELF % b'<entry xml:base="http://ward.example/n/"><id>218</id></entry>',
     "id", "http://ward.example/n/218"),
    # With no link at all, an id that is a web address is the page.
    ("atom, an http id is the link of an entry with none",
     b'<feed xmlns="http://www.w3.org/2005/Atom"><title>W</title><id>urn:w'
     b'</id><entry><id>http://ward.example/p/9</id><title>Nine</title>'
     b'</entry></feed>', "link", "http://ward.example/p/9"),
    ("atom, an http id is the link of a feed with none",
     b'<feed xmlns="http://www.w3.org/2005/Atom"><title>W</title><id>https:'
     b'//ward.example/</id></feed>', "feed.link", "https://ward.example/"),
    ("atom, the alternate link outweighs an http id",
     b'<feed xmlns="http://www.w3.org/2005/Atom"><title>W</title><id>urn:w'
     b'</id><entry><id>http://ward.example/p/9</id><link href="http://ward.'
     b'example/p/9.html"/></entry></feed>', "link",
     "http://ward.example/p/9.html"),
    ("atom, a tag: id is no link",
     ATOM.replace(b'urn:w:1', b'tag:ward.example,2026:9') % b'', "link",
     None),
    # Pictures: a GitHub avatar is the committer's face, not the entry's.
    ("atom, a GitHub avatar thumbnail is no picture",
     b'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.'
     b'yahoo.com/mrss/"><title>W</title><id>urn:w</id><entry><id>urn:w:1'
     b'</id><media:thumbnail height="30" width="30" url="https://avatars.'
     b'githubusercontent.com/u/4242?s=60&amp;v=4"/></entry></feed>',
     "image", None),
    ("rss, a profile_images picture is no picture",
     MEDIA % (b"", b'<media:content medium="image" url="https://pbs.'
              b'example/profile_images/77/nurse.jpg"/>'), "image", None),
    ("rss, of one photo in two widths the wider is the picture",
     MEDIA % (b"", b'<media:content width="140" url="https://img.ward.'
              b'example/p.jpg?w=140"/><media:content width="460" url="'
              b'https://img.ward.example/p.jpg?w=460"/>'), "image",
     "https://img.ward.example/p.jpg?w=460"),
    ("rss, of thumbnails in three widths the widest is the picture",
     MEDIA % (b"", b'<media:thumbnail url="https://img.ward.example/t100.'
              b'jpg" width="100"/><media:thumbnail url="https://img.ward.'
              b'example/t220.jpg" width="220"/><media:thumbnail url="https://'
              b'img.ward.example/t50.jpg" width="50"/>'), "image",
     "https://img.ward.example/t220.jpg"),
    ("rss, a thumbnail with no width keeps its place",
     MEDIA % (b"", b'<media:thumbnail url="https://img.ward.example/a.jpg"/>'
              b'<media:thumbnail url="https://img.ward.example/b.jpg" '
              b'width="220"/>'), "image", "https://img.ward.example/a.jpg"),
    # RSS 1.0's mod_enclosure.
    ("rss 1.0, an enc:enclosure picture is the picture",
     RSS1 % b'<enc:enclosure rdf:resource="http://ward.example/1.jpg" '
     b'enc:type="image/jpeg" enc:length="1234"/>', "image",
     "http://ward.example/1.jpg"),
    ("rss 1.0, an enc:enclosure sound is an enclosure",
     RSS1 % b'<enc:enclosure rdf:resource="http://ward.example/1.mp3" '
     b'enc:type="audio/mpeg" enc:length="1234"/>', "enclosures",
     [{"url": "http://ward.example/1.mp3", "type": "audio/mpeg",
       "length": 1234}]),
    # Words where an address belongs are no address.
    ("rss, prose in wfw:commentRss is no comments feed",
     RSS % b'<wfw:commentRss xmlns:wfw="http://wellformedweb.org/'
     b'CommentAPI/">comments are closed for this post</wfw:commentRss>',
     "comments_feed", None),
    # Dates other languages write.
    ("rss, a Brazilian date (UOL's)",
     RSS % b'<pubDate>Seg, 24 Set 2018 19:42:40 -0300</pubDate>',
     "published", "2018-09-24T22:42:40Z"),
    ("rss, a German date",
     RSS % b'<pubDate>Do, 03 Dez 2026 10:00:00 +0100</pubDate>',
     "published", "2026-12-03T09:00:00Z"),
]
CATS = (b'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
        b'<channel><title>W</title><item><guid>c1</guid><category>Medication'
        b' safety</category><atom:category term="bcma" label="Barcodes"/>'
        b'</item></channel></rss>')
CASES += [
    ("rss, an atom:category is a category",
     CATS, "categories", ["Medication safety", "bcma"]),
    # A name written in markup is the markup's text (TEXT has none).
    ("rss, an author written as a link is its text",
     RSS % b'<author>Posted by <a href="https://ward.example/staff/pr">Priya'
     b' Raman</a></author>', "authors", [{"name": "Posted by Priya Raman"}]),
    ("rss, a dc:creator in a span is its text",
     RSS % b'<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/"><span'
     b' class="byline">Tomas Berg</span></dc:creator>', "authors",
     [{"name": "Tomas Berg"}]),
    ("rss, an address and a name in markup",
     RSS % b'<author>nurse@ward.example (<b>Ann Lee</b>)</author>', "authors",
     [{"name": "Ann Lee", "email": "nurse@ward.example"}]),
    ("json feed, authors written as one object, not a list",
     b'{"version": "https://jsonfeed.org/version/1.1", "title": "W", '
     b'"items": [{"id": "1", "content_text": "x", "authors": {"name": '
     b'"Imani Okafor", "url": "https://ward.example/okafor"}}]}', "authors",
     [{"name": "Imani Okafor", "uri": "https://ward.example/okafor"}]),
    ("atom, an author written in XHTML is its text",
     ATOM % b'<author><span xmlns="http://www.w3.org/1999/xhtml">Dana Cruz'
     b'</span></author>', "authors", [{"name": "Dana Cruz"}]),
]

# Atom's feed elements inside an RSS channel; Atom 0.3's created in an
# item; one person given by a web page only; words broken by <wbr> and
# kept whole by <nobr> or <blink> in a title.
ATOM_NS = b'xmlns:a="http://www.w3.org/2005/Atom"'
FB = (RSS.replace(b'<rss ', b'<rss xmlns:fb="http://rssnamespace.org/'
                  b'feedburner/ext/1.0" ') %
      b'<enclosure url="%s" length="12" type="audio/mpeg"/>'
      b'<fb:origEnclosureLink>%s</fb:origEnclosureLink>')
ATOM03_NS = b'xmlns:a="http://purl.org/atom/ns#"'
CASES += [
    ("rss, atom:generator is the generator",
     b'<rss version="2.0" ' + ATOM_NS + b'><channel><title>W</title>'
     b'<a:generator uri="https://chartpress.example/">ChartPress'
     b'</a:generator></channel></rss>', "feed.generator", "ChartPress"),
    ("rss, RSS's own generator over atom:generator",
     b'<rss version="2.0" ' + ATOM_NS + b'><channel><title>W</title>'
     b'<a:generator>Other</a:generator><generator>WardPress</generator>'
     b'</channel></rss>', "feed.generator", "WardPress"),
    ("rss, atom:subtitle is the subtitle when there is no description",
     b'<rss version="0.91" ' + ATOM_NS + b'><channel><title>W</title>'
     b'<a:subtitle type="html">Notes from the &lt;b&gt;night&lt;/b&gt; '
     b'desk</a:subtitle></channel></rss>', "feed.subtitle",
     "Notes from the night desk"),
    ("rss, the description over atom:subtitle",
     b'<rss version="2.0" ' + ATOM_NS + b'><channel><title>W</title>'
     b'<a:subtitle>Second</a:subtitle><description>First</description>'
     b'</channel></rss>', "feed.subtitle", "First"),
    ("rss, atom:rights is the rights",
     b'<rss version="2.0" ' + ATOM_NS + b'><channel><title>W</title>'
     b'<a:rights>Copyright 2026 Ward Hospital</a:rights></channel></rss>',
     "feed.rights", "Copyright 2026 Ward Hospital"),
    ("rss, atom 0.3 copyright is the rights",
     b'<rss version="2.0" ' + ATOM03_NS + b'><channel><title>W</title>'
     b'<a:copyright>Ward Hospital</a:copyright></channel></rss>',
     "feed.rights", "Ward Hospital"),
    ("rss, atom 0.3 created is the published date",
     RSS.replace(b'<rss ', b'<rss ' + ATOM03_NS + b' ') %
     b'<a:created>2026-11-30T07:15:00Z</a:created>', "published",
     "2026-11-30T07:15:00Z"),
    ("atom, an author given by a page only is the named one with it",
     ATOM % (b'<author><name>Priya Raman</name><uri>https://ward.example/'
             b'raman</uri></author><author><uri>https://ward.example/raman'
             b'</uri></author>'), "authors",
     [{"name": "Priya Raman", "uri": "https://ward.example/raman"}]),
    ("atom, two people who share a page stay two",
     ATOM % (b'<author><name>Ann</name><uri>https://ward.example/</uri>'
             b'</author><author><name>Bo</name><uri>https://ward.example/'
             b'</uri></author>'), "authors",
     [{"name": "Ann", "uri": "https://ward.example/"},
      {"name": "Bo", "uri": "https://ward.example/"}]),
    ("rss, a <wbr> in a title joins the word",
     RSS % b'<title>Pseudo&lt;wbr&gt;anonymisation for registries</title>',
     "title", "Pseudoanonymisation for registries"),
    ("rss, <nobr> in a title keeps the word whole",
     RSS % b'<title>Tele&lt;nobr&gt;dermatology&lt;/nobr&gt; grows</title>',
     "title", "Teledermatology grows"),
    ("rss, feedburner:origEnclosureLink is the enclosure FeedBurner proxied",
     FB % (b'http://feedproxy.google.com/~r/ward/~5/x/e1.mp3',
           b'https://media.ward.example/e1.mp3'), "enclosures",
     [{"url": "https://media.ward.example/e1.mp3", "type": "audio/mpeg",
       "length": 12}]),
    ("rss, pheedo:origLink is the page the ad network's link stood in for",
     RSS.replace(b'<rss ', b'<rss xmlns:ph="http://www.pheedo.com/namespace/'
                 b'pheedo" ') %
     (b'<link>http://ads.example.net/click.phdo?i=abc</link><ph:origLink>'
      b'https://ward.example/2026/clinic-hours</ph:origLink>'), "link",
     "https://ward.example/2026/clinic-hours"),
    ("rss, feedburner:origEnclosureLink leaves an enclosure of its own",
     FB % (b'https://cdn.ward.example/e2.mp3',
           b'https://elsewhere.example/e2.mp3'), "enclosures",
     [{"url": "https://cdn.ward.example/e2.mp3", "type": "audio/mpeg",
       "length": 12}]),
    ("rss, <blink> in a title keeps the word whole",
     RSS % b'<title>&lt;blink&gt;A&lt;blink&gt;B&lt;/blink&gt;C&lt;/blink'
     b'&gt;</title>', "title", "ABC"),

    # RSS 0.90 at the address some of its feeds declare
    ("rss 0.90 at channel.netscape.com's address",
     b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
     b'xmlns="http://channel.netscape.com/rdf/simple/0.9/"><channel><title>'
     b'Ward Bulletin</title><link>https://w.example/</link></channel><item>'
     b'<title>Scanning pilot</title><link>https://w.example/1</link></item>'
     b'</rdf:RDF>', "title", "Scanning pilot"),
    ("rss 0.90 with its own namespace on a root of other capitals",
     b'<rdf xmlns="http://channel.netscape.com/rdf/simple/0.9/"><channel>'
     b'<title>Ward Bulletin</title></channel><item><title>Scanning pilot'
     b'</title><link>https://w.example/1</link></item></rdf>',
     "title", "Scanning pilot"),
    ("rss 1.0, a <CHANNEL> in capitals under a root spelled right",
     b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
     b'xmlns="http://purl.org/rss/1.0/"><CHANNEL rdf:about="https://w.'
     b'example/"><TITLE>Lab Notes</TITLE></CHANNEL><ITEM rdf:about="https:'
     b'//w.example/1"><TITLE>Specimen source</TITLE></ITEM></rdf:RDF>',
     "feed.title", "Lab Notes"),
    # a module at an address of its own, under the prefix everyone uses
    ("rss, content:encoded at a mistyped namespace address",
     b'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
     b'content/x"><channel><title>W</title><item><guid>w1</guid><description>'
     b'Short</description><content:encoded>&lt;p&gt;The whole note&lt;/p&gt;'
     b'</content:encoded></item></channel></rss>',
     "content", "<p>The whole note</p>"),
    # podcast pictures and titles
    ("rss, googleplay:image is the episode's picture",
     PODCAST % (b"", b'<googleplay:image href="https://w.example/e1.jpg"/>'),
     "image", "https://w.example/e1.jpg"),
    ("rss, itunes:image before googleplay:image",
     PODCAST % (b"", b'<googleplay:image href="https://w.example/g.jpg"/>'
                b'<itunes:image href="https://w.example/i.jpg"/>'),
     "image", "https://w.example/i.jpg"),
    ("rss, a channel's googleplay:image is the feed's picture",
     PODCAST % (b'<googleplay:image href="https://w.example/show.jpg"/>',
                b""),
     "feed.image", "https://w.example/show.jpg"),
    ("rss, podcast:images srcset: the widest",
     PODCAST % (b"", b'<podcast:images srcset="https://w.example/e-600.jpg '
                b'600w, https://w.example/e-1500.jpg 1500w, https://w.example/'
                b'e-300.jpg 300w"/>'),
     "image", "https://w.example/e-1500.jpg"),
    ("rss, podcast:image href",
     PODCAST % (b'<podcast:image href="https://w.example/s.jpg"/>',
                b'<podcast:image href="https://w.example/e.jpg"/>'),
     "image", "https://w.example/e.jpg"),
    ("rss, an episode titled by itunes:title alone",
     PODCAST % (b"", b"<itunes:title>Episode 12: Handover</itunes:title>"),
     "title", "Episode 12: Handover"),
    ("rss, <title> before itunes:title",
     PODCAST % (b"", b"<title>12: Handover</title>"
                b"<itunes:title>Handover</itunes:title>"),
     "title", "12: Handover"),
    ("rss, a show titled by itunes:title alone",
     PODCAST % (b"<itunes:title>Night Shift</itunes:title>", b""),
     "feed.title", "Night Shift"),
    ("atom, xhtml content: an element of another vocabulary keeps its "
     "text, not HTML's meaning",
     ATOM % (b'<content type="xhtml"><div ' + XHTML + b'><p>Two agents '
             b'restricted.</p><ul xmlns="urn:w:pharmacy"><li>mero-44</li>'
             b'</ul></div></content>'),
     "content", "<p>Two agents restricted.</p>mero-44"),
    ("rss, windows-1252 numbers in a title are its characters",
     RSS % b'<title>Don&amp;#146;t skip the &amp;#147;audit&amp;#148;</title>',
     "title", "Don\u2019t skip the \u201caudit\u201d"),
    ("rss, '&#' with no number in a title stays",
     RSS % b'<title>Bed &amp;#A12 moved</title>', "title", "Bed &#A12 moved"),
    ("json feed, tags as one string (not a list): its comma-separated words",
     JF % b'{"id": "a", "content_text": "x", "tags": "telehealth, follow-up"}',
     "categories", ["telehealth", "follow-up"]),
    ("atom, rel=\" alternate \" with spaces is the alternate link",
     ATOM % b'<link rel=" alternate " href="https://w.example/a"/>',
     "link", "https://w.example/a"),
    ("atom, a name with the address in it, no email element",
     ATOM % b'<author><name>Priya Natarajan &lt;priya@w.example&gt;</name>'
     b'</author>', "authors",
     [{"name": "Priya Natarajan", "email": "priya@w.example"}]),
    ("rss, itunes:summary holding HTML is HTML",
     PODCAST % (b"", b"<itunes:summary><![CDATA[We discuss <b>FHIR</b>.]]>"
                b"</itunes:summary>"),
     "summary", "We discuss <b>FHIR</b>."),
    ("rss, itunes:summary of plain text stays text",
     PODCAST % (b"", b"<itunes:summary>Beds &lt;4 on ward 2</itunes:summary>"),
     "summary", "Beds &lt;4 on ward 2"),
    ("rss 1.1: the items inside <items rdf:parseType=\"Collection\">",
     b'<Channel xmlns="http://purl.org/net/rss1.1#" xmlns:rdf="http://www.w3'
     b'.org/1999/02/22-rdf-syntax-ns#" rdf:about="https://w.example/f"><title>'
     b'EHR Weekly</title><items rdf:parseType="Collection"><item rdf:about='
     b'"https://w.example/1"><title>Portal outage</title></item></items>'
     b'</Channel>', "title", "Portal outage"),
    ("rss, a title with a line break written as an element keeps words "
     "apart", RSS % b'<title>Flu clinic<br/>moves upstairs</title>',
     "title", "Flu clinic moves upstairs"),
    ("rss, a category with paragraphs as elements keeps words apart",
     RSS % b'<category><p>Infection</p><p>control</p></category>',
     "categories", ["Infection control"]),
    # media:group: one thing in several forms, one enclosure
    ("rss, media:group: the isDefault form is the enclosure",
     MEDIA % (b"", b'<media:group><media:content url="https://w.example/a'
              b'.ogg" type="audio/ogg"/><media:content url="https://w.example'
              b'/a.mp3" type="audio/mpeg" isDefault="true"/><media:content '
              b'url="https://w.example/a-lo.mp3" type="audio/mpeg"/>'
              b'</media:group>'),
     "enclosures", [{"url": "https://w.example/a.mp3",
                     "type": "audio/mpeg"}]),
    ("rss, media:group: a form not taken still gives its title",
     MEDIA % (b"", b'<media:group><media:content url="https://w.example/a'
              b'.mp3" type="audio/mpeg"/><media:content url="https://w.example'
              b'/a.ogg" type="audio/ogg"><media:title>Falls briefing'
              b'</media:title></media:content></media:group>'),
     "title", "Falls briefing"),
    ("rss, media:group without a default: the first form",
     MEDIA % (b"", b'<media:group><media:content url="https://w.example/v'
              b'.mp4" type="video/mp4"/><media:content url="https://w.example'
              b'/v.webm" type="video/webm"/><media:thumbnail url="https://w.'
              b'example/v.jpg"/></media:group>'),
     "enclosures", [{"url": "https://w.example/v.mp4", "type": "video/mp4"}]),
    # people
    ("rss, author '(Name) address'",
     RSS % b'<author>(Rosa Lind) rosa@w.example</author>',
     "authors", [{"name": "Rosa Lind", "email": "rosa@w.example"}]),
    ("rss, a mailto link's ?subject is no part of the address",
     RSS % b'<author>mailto:desk@w.example?subject=Feed (IT Desk)</author>',
     "authors", [{"name": "IT Desk", "email": "desk@w.example"}]),
    ("rss, a name that repeats the address is none",
     RSS % b'<author>desk@w.example (desk@w.example)</author>',
     "authors", [{"email": "desk@w.example"}]),
]

for what, doc, field, want in CASES:
    got, whole = value(doc, field)
    ok(got == want, "%s: %s is %r" % (what, field, want), whole)

# Read from a known location (--base): an empty href is the document
# itself, the page or the feed, never an enclosure or a comments page.
AT = "https://feeds.ward.example/notes.atom"
for what, doc, field, want in [
    ("atom, an enclosure link with an empty href is none",
     ATOM % b'<link rel="enclosure" href="" length="0" type="audio/mpeg"/>',
     "enclosures", None),
    ("atom, a replies link with an empty href is none",
     ATOM % b'<link rel="replies" href="" type="text/html"/>', "comments",
     None),
    ("atom, an alternate link with an empty href is the document",
     ATOM % b'<link href=""/>', "link", AT),
]:
    got, whole = value(doc, field, "--base", AT)
    ok(got == want, "%s: %s is %r" % (what, field, want), whole)

# An Atom Entry Document (RFC 4287 section 2): a feed of that one entry.
rc, got = run(b'<entry xmlns="http://www.w3.org/2005/Atom" xml:base="https:'
              b'//pharmacy.example/notes/"><id>tag:pharmacy.example,2026:17'
              b'</id><title>Formulary update</title><link href="17.html"/>'
              b'<updated>2026-11-30T14:05:00+01:00</updated><author><name>'
              b'Dana Okafor</name></author></entry>')
ents = (got or {}).get("entries") or [{}]
ok(rc == 0 and (got or {}).get("format") == "atom10" and len(ents) == 1 and
   ents[0].get("id") == "tag:pharmacy.example,2026:17" and
   ents[0].get("link") == "https://pharmacy.example/notes/17.html" and
   ents[0].get("updated") == "2026-11-30T13:05:00Z" and
   ents[0].get("authors") == [{"name": "Dana Okafor"}],
   "atom, an entry document is a feed of one entry", got)
rc, got = run(b'<entry><title>Not Atom</title></entry>')
ok(rc != 0, "an <entry> of no namespace is still no feed", got)

# Entries without id or link, told apart only by what the fallback id
# hashes: each must get its own (INTERFACE.md: a hash of title + date +
# content; the store keeps one row per id).
DISTINCT = [
    ("rss, items told apart by their xhtml:body",
     b'<rss version="2.0" xmlns:x="http://www.w3.org/1999/xhtml"><channel>'
     b'<title>W</title><item><x:body><x:p>Round one</x:p></x:body></item>'
     b'<item><x:body><x:p>Round two</x:p></x:body></item></channel></rss>'),
    ("rss, items told apart by their itunes:summary",
     b'<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-'
     b'1.0.dtd"><channel><title>W</title><item><itunes:summary>Episode '
     b'one</itunes:summary></item><item><itunes:summary>Episode two'
     b'</itunes:summary></item></channel></rss>'),
    ("rss, items told apart by their dcterms:modified",
     b'<rss version="2.0" xmlns:dcterms="http://purl.org/dc/terms/">'
     b'<channel><title>W</title><item><title>Huddle</title><dcterms:'
     b'modified>2026-03-02T09:00:00Z</dcterms:modified></item><item><title>'
     b'Huddle</title><dcterms:modified>2026-03-09T09:00:00Z</dcterms:'
     b'modified></item></channel></rss>'),
    ("rss, items with nothing but their enclosure",
     b'<rss version="2.0"><channel><title>W</title><item><enclosure url="'
     b'https://w.example/ep1.mp3" type="audio/mpeg" length="9"/></item>'
     b'<item><enclosure url="https://w.example/ep2.mp3" type="audio/mpeg" '
     b'length="9"/></item></channel></rss>'),
    ("atom, entries with nothing but their enclosure",
     b'<feed xmlns="http://www.w3.org/2005/Atom"><title>W</title><entry>'
     b'<link rel="enclosure" type="audio/mpeg" href="https://w.example/'
     b'ep1.mp3"/></entry><entry><link rel="enclosure" type="audio/mpeg" '
     b'href="https://w.example/ep2.mp3"/></entry></feed>'),
    ("rss, items with nothing but their picture",
     b'<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">'
     b'<channel><title>W</title><item><media:thumbnail url="https://w.'
     b'example/1.jpg"/></item><item><media:thumbnail url="https://w.example/'
     b'2.jpg"/></item></channel></rss>'),
    ("rss, items with nothing but their author",
     b'<rss version="2.0"><channel><title>W</title><item><author>ann@w.'
     b'example (Ann)</author></item><item><author>bo@w.example (Bo)'
     b'</author></item></channel></rss>'),
]
for what, doc in DISTINCT:
    rc, got = run(doc)
    ids = [e.get("id") for e in (got or {}).get("entries", [])]
    ok(len(ids) == 2 and len(set(ids)) == 2,
       "%s: each has its own id" % what, got)
done()
