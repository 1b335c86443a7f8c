#!/usr/bin/env python3
"""Comment threads as blog platforms write them, end to end: two blogs'
feeds and comment feeds on disk are fetched (file: URLs), and the week's
digest model must nest every reply under the comment it answers and show
what each says:
- WordPress: a reply's "In reply to <a>Dr. J. R. Mendes</a>." marker is
  left out of its excerpt whole, full stops in the name and all;
- Blogger: a reply names the comment it answers only in a link
  rel="related" (its thr:in-reply-to names the post), and every author,
  the post's too, carries the address noreply@blogger.com, which must not
  make commenters the article's author."""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from digestlib import ok, done  # noqa: E402

ROUNDS = os.environ["ROUNDS"]
NOW = "2026-11-24T12:00:00Z"


WP_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Ward Round Informatics</title><link>https://ward.example/</link>
<item><title>Subscriptions in the real world</title>
<link>https://ward.example/2026/11/subs/</link>
<dc:creator><![CDATA[Sam Patel]]></dc:creator>
<pubDate>Thu, 19 Nov 2026 12:00:00 +0000</pubDate>
<guid isPermaLink="false">https://ward.example/?p=845</guid>
<description>Topic-based subscriptions shipped at last.</description>
<wfw:commentRss>wp-comments.xml</wfw:commentRss></item>
</channel></rss>
"""

WP_COMMENT = """<item><title>By: %(name)s</title>
<link>https://ward.example/2026/11/subs/#comment-%(n)d</link>
<dc:creator><![CDATA[%(name)s]]></dc:creator>
<pubDate>Fri, 20 Nov 2026 09:%(n2)02d:00 +0000</pubDate>
<guid isPermaLink="false">https://ward.example/?p=845#comment-%(n)d</guid>
<content:encoded><![CDATA[%(html)s]]></content:encoded></item>
"""


def reply(n, name, text):
    return ('<p>In reply to <a href="https://ward.example/2026/11/subs/'
            '#comment-%d">%s</a>.</p>\n<p>%s</p>' % (n, name, text))


WP_COMMENTS = ("""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Comments on: Subscriptions in the real world</title>
<link>https://ward.example/2026/11/subs/</link>
""" + "".join(WP_COMMENT % c for c in [
    {"n": 1201, "n2": 1, "name": "Dr. J. R. Mendes",
     "html": "<p>The heartbeat interval was ignored entirely.</p>"},
    {"n": 1202, "n2": 2, "name": "Tom Okafor",
     "html": reply(1201, "Dr. J. R. Mendes", "Same here: we poll as a "
                   "fallback.")},
    {"n": 1203, "n2": 3, "name": "St. Clair",
     "html": reply(1202, "Tom Okafor", "Polling every minute works.")},
]) + "</channel></rss>\n")

BLOG = "tag:blogger.com,1999:blog-7001.post-"
BL_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"
 xmlns:thr="http://purl.org/syndication/thread/1.0">
<id>tag:blogger.com,1999:blog-7001</id><title>Rural Telehealth</title>
<link rel="alternate" type="text/html" href="https://tele.example/"/>
<entry><id>%(b)s555</id><published>2026-11-18T08:00:00Z</published>
<title>Why our carts sit idle</title><content type="html">Bandwidth.</content>
<link rel="replies" type="application/atom+xml"
 href="bl-comments.xml" title="Post Comments"/>
<link rel="alternate" type="text/html" href="https://tele.example/carts.html"/>
<author><name>Dana Whitfield</name><email>noreply@blogger.com</email></author>
<thr:total>2</thr:total></entry></feed>
""" % {"b": BLOG}

BL_COMMENT = """<entry><id>%(b)s%(n)s</id>
<published>2026-11-19T1%(h)s:00:00Z</published>
<content type="html">%(text)s</content>
<link rel="self" type="application/atom+xml"
 href="https://www.blogger.com/feeds/7001/555/comments/default/%(n)s"/>
%(related)s
<author><name>%(name)s</name><email>noreply@blogger.com</email></author>
<thr:in-reply-to href="https://tele.example/carts.html" ref="%(b)s555"
 type="text/html"/></entry>
"""

BL_COMMENTS = ("""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"
 xmlns:thr="http://purl.org/syndication/thread/1.0">
<id>tag:blogger.com,1999:blog-7001.post555..comments</id>
<title>Comments on Why our carts sit idle</title>
""" + "".join(BL_COMMENT % dict(c, b=BLOG) for c in [
    {"n": "8801", "h": "1", "name": "Ken Ishida", "related": "",
     "text": "Nobody trusts the bandwidth at 2am."},
    {"n": "8802", "h": "2", "name": "Dana Whitfield",
     "related": "<link rel='related' type='application/atom+xml' href="
                "'https://www.blogger.com/feeds/7001/555/comments/default/"
                "8801'/>",
     "text": "@Ken - which carrier?"},
]) + "</feed>\n")


def people(comments, depth=0, out=None):
    out = [] if out is None else out
    for c in comments:
        out.append((depth, c.get("author", {}).get("name"), c.get("excerpt"),
                    bool(c.get("by_author"))))
        people(c.get("replies", []), depth + 1, out)
    return out


with tempfile.TemporaryDirectory() as t:
    files = {"wp.xml": WP_FEED, "wp-comments.xml": WP_COMMENTS,
             "bl.xml": BL_FEED, "bl-comments.xml": BL_COMMENTS}
    for name, text in files.items():
        with open(os.path.join(t, name), "w") as f:
            f.write(text)
    with open(os.path.join(t, "feeds.opml"), "w") as f:
        f.write('<opml version="2.0"><body>'
                '<outline type="rss" text="W" xmlUrl="%s/wp.xml"/>'
                '<outline type="rss" text="B" xmlUrl="%s/bl.xml"/>'
                '</body></opml>' % (t, t))
    with open(os.path.join(t, "rounds.conf"), "w") as f:
        f.write("[rounds]\ndb = %s/r.db\n[feeds]\nopml = %s/feeds.opml\n"
                "comments = feed-only\n[fetch]\ncomment_window_days = 3650"
                "\n[digest]\nmax_comments = 50\n" % (t, t))
    env = dict(os.environ, ROUNDS_NOW=NOW)
    conf = ["--config", os.path.join(t, "rounds.conf")]
    r = subprocess.run([ROUNDS] + conf + ["-q", "fetch"], env=env,
                       capture_output=True, text=True)
    ok(r.returncode == 0, "the feeds are fetched", r.stderr)
    r = subprocess.run([ROUNDS] + conf + ["digest", "--week", "2026-W47",
                                          "--format", "model"],
                       env=env, capture_output=True, text=True)
    ok(r.returncode == 0, "the week's model is built", r.stderr)
    model = json.loads(r.stdout) if r.returncode == 0 else {}
    arts = {a.get("title"): a for s in model.get("sections", [])
            for a in s.get("articles", [])}
    wp = people(arts.get("Subscriptions in the real world", {})
                .get("comments", []))
    ok(wp == [(0, "Dr. J. R. Mendes",
               "The heartbeat interval was ignored entirely.", False),
              (1, "Tom Okafor", "Same here: we poll as a fallback.", False),
              (2, "St. Clair", "Polling every minute works.", False)],
       "wordpress: replies nested, the whole 'In reply to' marker left "
       "out of each excerpt", wp)
    bl = people(arts.get("Why our carts sit idle", {}).get("comments", []))
    ok([(d, who) for d, who, _, _ in bl] ==
       [(0, "Ken Ishida"), (1, "Dana Whitfield")],
       "blogger: the reply sits under the comment it answers", bl)
    ok([mine for _, _, _, mine in bl] == [False, True],
       "blogger: only the post's author is by_author, noreply@blogger.com "
       "alike", bl)

done()
