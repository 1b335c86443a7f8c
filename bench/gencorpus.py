#!/usr/bin/env python3
"""gencorpus.py: a deterministic corpus of health-IT blog feeds for the
benchmarks in bench/.

    python3 bench/gencorpus.py --out DIR [--feeds 200] [--items 20]
        [--commented 5] [--seed 1] [--port 8080] [--host 127.0.0.1]
        [--hosts N] [--base-time EPOCH]

Writes under DIR:

  feeds/NNNN.xml          one feed per blog: 3 in 4 WordPress-style RSS 2.0
                          (content:encoded, dc:creator, wfw:commentRss,
                          slash:comments; <img ... /> as WordPress writes
                          it), 1 in 5 Atom 1.0 (RFC 4685 link
                          rel="replies", thr:total; HTML-style <img ...>),
                          the rest RSS 1.0 (HTML-style)
  comments/NNNN/MMM.xml   comment feeds of the first --commented items of
                          every feed (WordPress RSS with "In
                          reply to" markers; Atom with thr:in-reply-to)
  feeds.opml              OPML 2.0 of the feeds, at http://HOST:PORT/feeds/
  urls, urls_all          main-feed URLs; main and comment-feed URLs
  manifest.json           counts and byte totals

Items carry 3-15 KB of HTML each.  The defaults (200 feeds x 20 items,
1,000 comment feeds) make about 50 MB.  Every feed comes from its own
random generator seeded with (seed, index), so a 200-feed corpus is a
prefix of a 1,000-feed one, and file times are fixed so HTTP validators
stay the same across regenerations.  The text is assembled from a small
vocabulary written for this script; it reads like health-IT prose only
from a distance.
"""
import argparse
import json
import os
import random
import time
from xml.sax.saxutils import escape, quoteattr

SUBJECTS = """the go-live team|our informatics group|the interface engine|
the patient portal|the revenue cycle office|a regional exchange|the nursing
council|our CMIO|the security office|the telehealth program|the payer|the
ACO board|the lab system|the pharmacy team|the analytics group|the
emergency department|the data warehouse|the vendor|the state
agency|the quality committee""".replace("\n", " ").split("|")
VERBS = """rolled out|postponed|measured|rewrote|audited|simplified|paid
for|argued about|tested|retired|piloted|documented|rebuilt|automated|
questioned|budgeted|mapped|reconciled|monitored|published""".replace(
    "\n", " ").split("|")
OBJECTS = """the medication order sets|every inbound FHIR query|the
downtime procedure|the prior authorization queue|a new result routing
rule|the identity matching threshold|the discharge summary template|remote
monitoring alerts|the claims feed|the consent registry|two years of quality
measures|the nurse staffing model|the ransomware playbook|audio-only
visits|the price transparency file|every interface to the lab|the
referral workflow|the sepsis alert|the API gateway|the problem list
cleanup""".replace("\n", " ").split("|")
TAILS = """before the next release|without extra clicks|over one long
weekend|with help from the night shift|after a painful audit|for the
third time this year|in under a month|against everyone's advice|with
surprisingly good results|and nobody noticed|ahead of the federal
deadline|on a shoestring budget|while the old system kept
running|because clinicians asked|to cut the inbox in half""".replace(
    "\n", " ").split("|")
TOPICS = """EHR|FHIR|Interoperability|HIPAA|Security|Telehealth|CMS|ONC|
Value-based care|AI|Patient engagement|Informatics|Nursing|Analytics|
Policy""".replace("\n", "").split("|")
NAMES = """Ada Lindgren|Bilal Hussain|Carla Mendes|Dev Patel|Elif Kaya|
Femi Adebayo|Greta Holm|Hiro Sato|Isabel Cruz|Jonas Berg|Kemi Okafor|
Liam Byrne|Mina Rahimi|Noel Park|Oona Virtanen|Pavel Novak|Qing Li|
Rosa Jiménez|Sven Aalto|Thandi Nkosi|Uma Reddy|Victor Lemaire|
Wen Zhao|Yara Haddad|Zoë Keller""".replace("\n", "").split("|")
BLOGNAMES = """Chart Notes|Interface Hours|The Informatics Ward|Portal
Watch|Claims and Consequences|Secure by Default|Virtual Rounds|The
Interop Ledger|Nursing Informatics Now|Payer Desk|Policy Pulse|Go-Live
Diary|Population Health Notes|The Data Steward|Clinical
Systems""".replace("\n", " ").split("|")

NS_RSS = ('xmlns:content="http://purl.org/rss/1.0/modules/content/" '
          'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:atom="http://www.w3.org/2005/Atom" '
          'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" '
          'xmlns:slash="http://purl.org/rss/1.0/modules/slash/"')


def sentence(r):
    s = "%s %s %s %s." % (r.choice(SUBJECTS), r.choice(VERBS),
                          r.choice(OBJECTS), r.choice(TAILS))
    return s[0].upper() + s[1:]


def title(r):
    t = "%s %s %s" % (r.choice(SUBJECTS), r.choice(VERBS), r.choice(OBJECTS))
    return t[0].upper() + t[1:]


def paragraph(r, n):
    ss = [sentence(r) for _ in range(n)]
    i = r.randrange(n)
    ss[i] = ss[i].replace(" the ", " the&nbsp;", 1)
    if r.random() < 0.5:
        ss[i] = ss[i].rstrip(".") + ", and we&rsquo;ll report back."
    return " ".join(ss)


def html_body(r, site, target, xhtml):
    """About target bytes of blog-post HTML; void elements closed the XHTML
    way (<img ... />, as WordPress writes them) when xhtml."""
    out = []
    size = 0
    while size < target:
        k = r.random()
        if k < 0.6:
            p = "<p>%s</p>" % paragraph(r, r.randint(2, 6))
        elif k < 0.72:
            p = "<ul>%s</ul>" % "".join(
                "<li>%s</li>" % sentence(r) for _ in range(r.randint(2, 5)))
        elif k < 0.8:
            p = "<blockquote><p>%s</p></blockquote>" % sentence(r)
        elif k < 0.9:
            p = '<p>See <a href="%s/notes/%d/">the notes from %s</a> ' \
                "and <strong>%s</strong></p>" % (
                    site, r.randrange(10000), r.choice(SUBJECTS),
                    sentence(r))
        else:
            p = '<figure><img src="/img/%d.png" width="640" height="360" ' \
                'alt="%s"%s><figcaption>%s</figcaption></figure>' % (
                    r.randrange(10000), r.choice(OBJECTS),
                    " /" if xhtml else "", sentence(r))
        out.append(p)
        size += len(p) + 1
    return "\n".join(out)


def rfc822(t):
    return time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(t))


def rfc3339(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def slugify(s):
    return "-".join("".join(c if c.isalnum() else " " for c in s.lower())
                    .split()[:8])


def cdata(s):
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def comments_wp(r, post, items_url, n):
    o = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<rss version="2.0" %s>' % NS_RSS, "<channel>",
         "<title>Comments on: %s</title>" % escape(post["title"]),
         '<atom:link href="%s" rel="self" type="application/rss+xml"/>'
         % escape(items_url),
         "<link>%s</link>" % escape(post["link"]),
         "<description>Comments</description>",
         "<lastBuildDate>%s</lastBuildDate>" % rfc822(post["t"] + n * 3600),
         "<sy:updatePeriod>hourly</sy:updatePeriod>",
         "<sy:updateFrequency>1</sy:updateFrequency>"]
    cs = []
    for k in range(n):
        cid = post["pid"] * 100 + k
        who = r.choice(NAMES)
        text = "<p>%s</p>" % paragraph(r, r.randint(1, 4))
        if cs and r.random() < 0.4:
            pc, pwho = r.choice(cs)
            text = 'In reply to <a href="%s#comment-%d">%s</a>.\n%s' % (
                escape(post["link"]), pc, escape(pwho), text)
        cs.append((cid, who))
        o += ["<item>", "<title>By: %s</title>" % escape(who),
              "<link>%s#comment-%d</link>" % (escape(post["link"]), cid),
              "<dc:creator>%s</dc:creator>" % cdata(who),
              "<pubDate>%s</pubDate>" % rfc822(post["t"] + (k + 1) * 3600),
              '<guid isPermaLink="false">%s?p=%d#comment-%d</guid>'
              % (escape(post["site"]), post["pid"], cid),
              "<description>%s</description>" % cdata(text),
              "<content:encoded>%s</content:encoded>" % cdata(text),
              "</item>"]
    o += ["</channel>", "</rss>", ""]
    return "\n".join(o)


def comments_atom(r, post, n):
    o = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<feed xmlns="http://www.w3.org/2005/Atom" '
         'xmlns:thr="http://purl.org/syndication/thread/1.0">',
         "<id>%s.comments</id>" % escape(post["id"]),
         "<title>Comments on: %s</title>" % escape(post["title"]),
         "<updated>%s</updated>" % rfc3339(post["t"] + n * 3600),
         '<link rel="alternate" href=%s/>' % quoteattr(post["link"])]
    ids = []
    for k in range(n):
        cid = "%s.c%d" % (post["id"], k)
        parent = r.choice(ids) if ids and r.random() < 0.4 else post["id"]
        ids.append(cid)
        o += ["<entry>", "<id>%s</id>" % escape(cid),
              "<title>%s</title>" % escape(r.choice(OBJECTS)),
              "<published>%s</published>" % rfc3339(post["t"] + (k + 1) * 3600),
              "<updated>%s</updated>" % rfc3339(post["t"] + (k + 1) * 3600),
              "<author><name>%s</name></author>" % escape(r.choice(NAMES)),
              '<link rel="alternate" href=%s/>'
              % quoteattr("%s#c%d" % (post["link"], k)),
              '<thr:in-reply-to ref=%s href=%s/>'
              % (quoteattr(parent), quoteattr(post["link"])),
              '<content type="html">%s</content>'
              % escape("<p>%s</p>" % paragraph(r, r.randint(1, 4))),
              "</entry>"]
    o += ["</feed>", ""]
    return "\n".join(o)


def host_base(args, i):
    """Feed i's server: with --hosts N the feeds are spread over N loopback
    addresses (127.0.0.1 .. 127.0.0.N), as real blogs sit on many hosts."""
    host = args.host
    if args.hosts > 1:
        host = "127.0.0.%d" % (1 + i % args.hosts)
    return "http://%s:%d" % (host, args.port)


def make_feed(args, i, base):
    r = random.Random(args.seed * 1000003 + i)
    kind = r.random()
    kind = "rss20" if kind < 0.75 else ("atom10" if kind < 0.95 else "rss10")
    name = "%s %d" % (r.choice(BLOGNAMES), i)
    site = "https://blog%04d.example" % i
    url = "%s/feeds/%04d.xml" % (base, i)
    t0 = args.base_time - r.randrange(0, 3 * 86400)
    posts = []
    for j in range(args.items):
        tt = title(r)
        t = t0 - j * r.randrange(3 * 3600, 30 * 3600)
        p = {"title": tt, "t": t, "site": site, "pid": i * 1000 + j,
             "link": "%s/%s/%s-%d/" % (site,
                                       time.strftime("%Y/%m", time.gmtime(t)),
                                       slugify(tt), i * 1000 + j),
             "author": r.choice(NAMES),
             "cats": r.sample(TOPICS, r.randint(1, 3)),
             "html": html_body(r, site, r.randint(3000, 15000),
                               kind == "rss20")}
        p["id"] = "tag:blog%04d.example,2026:post-%d" % (i, p["pid"])
        posts.append(p)
    comments = {}
    for j in range(min(args.commented, args.items)):
        comments[j] = r.randint(6, 14)
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    if kind == "rss20":
        out += ['<rss version="2.0" %s>' % NS_RSS, "<channel>",
                "<title>%s</title>" % escape(name),
                '<atom:link href="%s" rel="self" type="application/rss+xml"/>'
                % url, "<link>%s</link>" % site,
                "<description>Notes on %s</description>" % escape(r.choice(OBJECTS)),
                "<lastBuildDate>%s</lastBuildDate>" % rfc822(t0),
                "<language>en-US</language>",
                "<sy:updatePeriod>hourly</sy:updatePeriod>",
                "<sy:updateFrequency>1</sy:updateFrequency>",
                "<generator>https://wordpress.org/?v=6.6.2</generator>"]
        for j, p in enumerate(posts):
            out += ["<item>", "<title>%s</title>" % escape(p["title"]),
                    "<link>%s</link>" % escape(p["link"]),
                    "<comments>%s#comments</comments>" % escape(p["link"]),
                    "<dc:creator>%s</dc:creator>" % cdata(p["author"]),
                    "<pubDate>%s</pubDate>" % rfc822(p["t"])]
            out += ["<category>%s</category>" % cdata(c) for c in p["cats"]]
            out += ['<guid isPermaLink="false">%s/?p=%d</guid>'
                    % (site, p["pid"]),
                    "<description>%s</description>"
                    % cdata(sentence(r) + " [&#8230;]"),
                    "<content:encoded>%s</content:encoded>" % cdata(p["html"])]
            if j in comments:
                out += ["<wfw:commentRss>%s/comments/%04d/%03d.xml"
                        "</wfw:commentRss>" % (base, i, j),
                        "<slash:comments>%d</slash:comments>" % comments[j]]
            out.append("</item>")
        out += ["</channel>", "</rss>", ""]
    elif kind == "atom10":
        out += ['<feed xmlns="http://www.w3.org/2005/Atom" '
                'xmlns:thr="http://purl.org/syndication/thread/1.0">',
                "<id>tag:blog%04d.example,2026:blog</id>" % i,
                "<title>%s</title>" % escape(name),
                "<updated>%s</updated>" % rfc3339(t0),
                '<link rel="self" href="%s"/>' % url,
                '<link rel="alternate" href="%s/"/>' % site,
                "<author><name>%s</name></author>" % escape(r.choice(NAMES))]
        for j, p in enumerate(posts):
            out += ["<entry>", "<id>%s</id>" % p["id"],
                    "<title>%s</title>" % escape(p["title"]),
                    "<published>%s</published>" % rfc3339(p["t"]),
                    "<updated>%s</updated>" % rfc3339(p["t"]),
                    "<author><name>%s</name></author>" % escape(p["author"]),
                    '<link rel="alternate" type="text/html" href=%s/>'
                    % quoteattr(p["link"])]
            out += ['<category term=%s/>' % quoteattr(c) for c in p["cats"]]
            if j in comments:
                out += ['<link rel="replies" type="application/atom+xml" '
                        'href="%s/comments/%04d/%03d.xml" thr:count="%d"/>'
                        % (base, i, j, comments[j]),
                        "<thr:total>%d</thr:total>" % comments[j]]
            out += ['<content type="html">%s</content>' % escape(p["html"]),
                    "</entry>"]
        out += ["</feed>", ""]
    else:
        out += ['<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                'xmlns="http://purl.org/rss/1.0/" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
                'xmlns:slash="http://purl.org/rss/1.0/modules/slash/">',
                '<channel rdf:about="%s">' % url,
                "<title>%s</title>" % escape(name), "<link>%s</link>" % site,
                "<description>Notes</description>",
                "<items><rdf:Seq>%s</rdf:Seq></items>" % "".join(
                    '<rdf:li rdf:resource=%s/>' % quoteattr(p["link"])
                    for p in posts), "</channel>"]
        for j, p in enumerate(posts):
            out += ['<item rdf:about=%s>' % quoteattr(p["link"]),
                    "<title>%s</title>" % escape(p["title"]),
                    "<link>%s</link>" % escape(p["link"]),
                    "<dc:date>%s</dc:date>" % rfc3339(p["t"]),
                    "<dc:creator>%s</dc:creator>" % escape(p["author"]),
                    "<content:encoded>%s</content:encoded>" % cdata(p["html"])]
            if j in comments:
                out += ["<wfw:commentRss>%s/comments/%04d/%03d.xml"
                        "</wfw:commentRss>" % (base, i, j),
                        "<slash:comments>%d</slash:comments>" % comments[j]]
            out.append("</item>")
        out += ["</rdf:RDF>", ""]
    cfiles = {}
    for j, n in comments.items():
        if kind != "atom10":
            cfiles[j] = comments_wp(r, posts[j], "%s/comments/%04d/%03d.xml"
                                    % (base, i, j), n)
        else:
            cfiles[j] = comments_atom(r, posts[j], n)
    return kind, name, site, "\n".join(out), cfiles, sum(comments.values())


def write(path, text, mtime):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.utime(path, (mtime, mtime))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--commented", type=int, default=5,
                    help="items per feed with a comment feed")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--hosts", type=int, default=1,
                    help="spread the feeds over 127.0.0.1 .. 127.0.0.N")
    ap.add_argument("--base-time", type=int, default=1795694400,
                    help="epoch of the newest article (default 2026-11-23)")
    args = ap.parse_args()
    base = "http://%s:%d" % (args.host, args.port)
    mtime = args.base_time
    man = {"seed": args.seed, "feeds": args.feeds, "items": args.items,
           "commented": args.commented, "base_url": base,
           "hosts": ["127.0.0.%d" % (k + 1) for k in range(args.hosts)]
           if args.hosts > 1 else [args.host], "port": args.port,
           "generator": "bench/gencorpus.py",
           "formats": {}, "files": {"feeds": 0, "comments": 0},
           "bytes": {"feeds": 0, "comments": 0},
           "entries": 0, "comment_entries": 0}
    urls, urls_all, opml = [], [], []
    for i in range(args.feeds):
        base = host_base(args, i)
        kind, name, site, text, cfiles, ncom = make_feed(args, i, base)
        write(os.path.join(args.out, "feeds", "%04d.xml" % i), text, mtime)
        u = "%s/feeds/%04d.xml" % (base, i)
        urls.append(u)
        urls_all.append(u)
        opml.append('<outline type="rss" text=%s title=%s xmlUrl="%s" '
                    'htmlUrl="%s"/>' % (quoteattr(name), quoteattr(name),
                                        u, site))
        man["formats"][kind] = man["formats"].get(kind, 0) + 1
        man["files"]["feeds"] += 1
        man["bytes"]["feeds"] += len(text.encode())
        man["entries"] += args.items
        man["comment_entries"] += ncom
        for j, ctext in sorted(cfiles.items()):
            write(os.path.join(args.out, "comments", "%04d" % i,
                               "%03d.xml" % j), ctext, mtime)
            urls_all.append("%s/comments/%04d/%03d.xml" % (base, i, j))
            man["files"]["comments"] += 1
            man["bytes"]["comments"] += len(ctext.encode())
    with open(os.path.join(args.out, "feeds.opml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n'
                "<head><title>Benchmark corpus (seed %d)</title></head>\n"
                '<body>\n<outline text="Bench" title="Bench">\n%s\n'
                "</outline>\n</body>\n</opml>\n" % (args.seed, "\n".join(opml)))
    with open(os.path.join(args.out, "urls"), "w") as f:
        f.write("\n".join(urls) + "\n")
    with open(os.path.join(args.out, "urls_all"), "w") as f:
        f.write("\n".join(urls_all) + "\n")
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(man, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
