#!/usr/bin/env python3
"""The published feeds keep the rules of their specifications that the
RELAX NG schema cannot say (tests/site/feedcheck.py: RFC 4287 for feed.xml
and river.xml, RSS 2.0 for feed.rss, JSON Feed 1.1 for feed.json): the
sample's site gives no message, and each rule is shown to catch the fault
it is for, on a copy of a published feed with that fault put in.
Prints TAP."""
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitelib import ok, is_, skip, done, rounds, make_sample, cleanup  # noqa
from sitelib import CONF  # noqa
import feedcheck  # noqa

A = "{http://www.w3.org/2005/Atom}"
ET.register_namespace("", feedcheck.ATOM)
ET.register_namespace("atom", feedcheck.ATOM)
ET.register_namespace("dc", "http://purl.org/dc/elements/1.1/")

tmp = make_sample()
r = rounds(tmp, "publish")
ok(r.returncode == 0, "publish", r.stderr.decode())
site = os.path.join(tmp, "site")
docs = {}
for name, fn in feedcheck.CHECKS:
    with open(os.path.join(site, name), "rb") as f:
        docs[name] = f.read()
    is_(fn(docs[name]), [], name + ": no message")

feed = ET.fromstring(docs["feed.xml"])
river = ET.fromstring(docs["river.xml"])
rss = ET.fromstring(docs["feed.rss"])
jf = json.loads(docs["feed.json"])
ok(len(feed.findall(A + "entry")) == 3 and
   len(river.findall(A + "entry")) >= 10 and
   len(rss.findall("channel/item")) == 3 and len(jf["items"]) == 3,
   "the feeds hold the sample's issues and articles")
sources = river.findall(A + "entry/" + A + "source")
ok(len(sources) == len(river.findall(A + "entry")) and all(
    s.find(A + "updated") is not None for s in sources),
   "river.xml: every entry names its source, with its updated time")
ok(not any(b"file:" in d for d in docs.values()),
   "no feed holds a local file path")


def faulty(doc, change):
    """A copy of an XML feed (an Element) with change(copy) applied."""
    d = copy.deepcopy(doc)
    change(d)
    return ET.tostring(d, encoding="utf-8")


def flags(check, data, pattern, what):
    msgs = check(data)
    ok(any(re.search(pattern, m) for m in msgs), what,
       "messages: %r" % msgs)


def entries(d):
    return d.findall(A + "entry")


def set_text(el, path, text):
    el.find(path).text = text


# ---- Atom (feed.xml, river.xml) ------------------------------------------

flags(feedcheck.check_atom, faulty(feed, lambda d: set_text(
    entries(d)[1], A + "updated", entries(d)[0].find(A + "updated").text)),
      r"same atom:updated", "atom: two entries updated at the same instant")
flags(feedcheck.check_atom, faulty(feed, lambda d: set_text(
    entries(d)[2], A + "id", entries(d)[0].find(A + "id").text)),
      r"same atom:id", "atom: two entries with one id")
flags(feedcheck.check_atom, faulty(feed, lambda d: set_text(
    entries(d)[0], A + "published", "2030-01-01T00:00:00Z")),
      r"updated .* is before published", "atom: updated before published")
flags(feedcheck.check_atom, faulty(feed, lambda d: set_text(
    entries(d)[0], A + "updated", "2026-11-24 12:00:00")),
      r"not an RFC 3339", "atom: a date that is not RFC 3339")
flags(feedcheck.check_atom, faulty(feed, lambda d: set_text(
    entries(d)[0], A + "id", "issue/2026-W47")),
      r"not an absolute IRI", "atom: a relative id")
flags(feedcheck.check_atom, faulty(river, lambda d: set_text(
    entries(d)[0], A + "id", "post 3119")),
      r"not an absolute IRI", "atom: an RSS guid that is no URI as id")
flags(feedcheck.check_atom, faulty(feed, lambda d: set_text(
    entries(d)[0], A + "id", "tag:rounds.example:issue")),
      r"tag: or urn:", "atom: a tag: URI without its date")


def drop(parent, path):
    parent.remove(parent.find(path))


def second_alternate(d):
    ln = ET.SubElement(entries(d)[0], A + "link")
    ln.set("rel", "alternate")
    ln.set("type", "text/html")
    ln.set("href", "https://rounds.example/other.html")


flags(feedcheck.check_atom, faulty(feed, second_alternate),
      r"two alternate links", "atom: two alternate links of one type")
flags(feedcheck.check_atom, faulty(feed, lambda d: entries(d)[0].find(
    A + "link").set("href", "issues/2026-W47.html")),
      r"is relative", "atom: a relative link")
flags(feedcheck.check_atom, faulty(feed, lambda d: [
    d.remove(ln) for ln in d.findall(A + "link")
    if ln.get("rel") == "self"]),
      r"no atom:link rel=\"self\"", "atom: no self link")
flags(feedcheck.check_atom, faulty(feed, lambda d: [
    drop(d, A + "author")] + [drop(e, A + "author") for e in entries(d)]),
      r"no atom:author", "atom: no author for an entry anywhere")
flags(feedcheck.check_atom, faulty(feed, lambda d: set_text(
    entries(d)[0], A + "content",
    '<p><a href="../archive.html">older</a></p>')),
      r"relative URL '../archive.html'", "atom: relative URL in HTML content")
flags(feedcheck.check_atom, faulty(feed, lambda d: set_text(
    entries(d)[0], A + "content", '<p onclick="x()">hi</p><script>1'
    '</script>')),
      r"HTML holds onclick=", "atom: script in HTML content")
flags(feedcheck.check_atom, faulty(feed, lambda d: set_text(
    entries(d)[0], A + "content",
    '<ul class="tags" aria-label="Tags"><li>EHR</li></ul>')),
      r"HTML holds aria-label=", "atom: ARIA attributes in HTML content")
flags(feedcheck.check_atom, faulty(river, lambda d: drop(
    entries(d)[0].find(A + "source"), A + "updated")),
      r"atom:source: missing atom:updated", "atom: a source without updated")
flags(feedcheck.check_atom, faulty(river, lambda d: [
    drop(entries(d)[0].find(A + "source"), A + "link")
    for _ in entries(d)[0].find(A + "source").findall(A + "link")]),
      r"atom:source: no atom:link", "atom: a source without a link")
flags(feedcheck.check_atom, faulty(river, lambda d: set_text(
    entries(d)[0], A + "source/" + A + "id",
    "file:///home/editor/feeds/blog.xml")),
      r"atom:id is a local file", "atom: a source id that is a local path")

# ---- RSS 2.0 -------------------------------------------------------------


def items(d):
    return d.findall("channel/item")


flags(feedcheck.check_rss, faulty(rss, lambda d: set_text(
    items(d)[1], "guid", items(d)[0].find("guid").text)),
      r"same guid", "rss: two items with one guid")
flags(feedcheck.check_rss, faulty(rss, lambda d: items(d)[0].find(
    "guid").attrib.pop("isPermaLink")),
      r"permalink but not a URL", "rss: a tag: guid taken for a permalink")
flags(feedcheck.check_rss, faulty(rss, lambda d: set_text(
    items(d)[0], "pubDate", "2026-11-24T12:00:00Z")),
      r"not an RFC 822 date", "rss: an ISO date in pubDate")
flags(feedcheck.check_rss, faulty(rss, lambda d: set_text(
    items(d)[0], "pubDate", "Mon, 24 Nov 2026 12:00:00 +0000")),
      r"not an RFC 822 date", "rss: a day name that is not the date's")
flags(feedcheck.check_rss, faulty(rss, lambda d: drop(
    d.find("channel"), "description")),
      r"<description>, exactly one", "rss: a channel without description")
flags(feedcheck.check_rss, faulty(rss, lambda d: set_text(
    d, "channel/link", "./")),
      r"not a web URL", "rss: a channel link that is not a URL")
flags(feedcheck.check_rss, faulty(rss, lambda d: [
    d.find("channel").remove(x) for x in d.find("channel").findall(
        A + "link")]),
      r"no atom:link rel=\"self\"", "rss: no self link")
flags(feedcheck.check_rss, faulty(rss, lambda d: set_text(
    items(d)[0], "description", '<img src="/logo.png">')),
      r"relative URL '/logo.png'", "rss: relative URL in a description")

# ---- JSON Feed 1.1 -------------------------------------------------------


def jfaulty(change):
    d = copy.deepcopy(jf)
    change(d)
    return json.dumps(d).encode()


flags(feedcheck.check_json, jfaulty(lambda d: d.update(
    version="https://jsonfeed.org/version/1")),
      r"version", "json: not version 1.1")
flags(feedcheck.check_json, jfaulty(lambda d: d.pop("title")),
      r"no title", "json: no title")
flags(feedcheck.check_json, jfaulty(lambda d: d["items"][0].pop("id")),
      r"no id", "json: an item without id")
flags(feedcheck.check_json, jfaulty(lambda d: d["items"][1].update(
    id=d["items"][0]["id"])),
      r"same id", "json: two items with one id")
flags(feedcheck.check_json, jfaulty(lambda d: d["items"][0].pop(
    "content_html")),
      r"neither content_html nor content_text", "json: an item without "
      "content")
flags(feedcheck.check_json, jfaulty(lambda d: d["items"][0].update(
    date_modified="24 Nov 2026")),
      r"not RFC 3339", "json: a date that is not RFC 3339")
flags(feedcheck.check_json, jfaulty(lambda d: d["items"][0].update(
    date_published="2030-01-01T00:00:00Z")),
      r"date_modified before date_published", "json: modified before "
      "published")
flags(feedcheck.check_json, jfaulty(lambda d: d.pop("feed_url")),
      r"no feed_url", "json: no feed_url")
flags(feedcheck.check_json, jfaulty(lambda d: d["items"][0].update(
    authors=[{}])),
      r"author without name", "json: an author with nothing in it")

# A site with nothing published yet: its feeds are empty, and dated when
# they are written (not 1970).
empty = os.path.join(tmp, "empty")
os.makedirs(empty)
with open(os.path.join(empty, "rounds.conf"), "w") as f:
    f.write(CONF)
r = rounds(empty, "feeds", "add", "https://blog.example/feed")
ok(r.returncode == 0, "a subscription, not fetched yet", r.stderr.decode())
r = rounds(empty, "publish")
ok(r.returncode == 0, "publish a site with no feeds", r.stderr.decode())
is_(feedcheck.check_site(os.path.join(empty, "site")), [],
    "its empty feeds give no message")
with open(os.path.join(empty, "site", "river.xml"), "rb") as f:
    is_(ET.fromstring(f.read()).find(A + "updated").text,
        "2026-11-24T12:00:00Z", "an empty feed is updated when written")
flags(feedcheck.check_atom, faulty(feed, lambda d: set_text(
    d, A + "updated", "1970-01-01T00:00:00Z")),
      r"implausible", "atom: a date of 1970")

# The sample with a hostile feed and a hostile value in every field of
# every format (the documents the browser test reads): ids that are no
# URI, markup in titles, script in content.  Its feeds keep every rule
# (two of those documents date an entry at the same second: the river
# passes their times on as they are, which feedcheck allows of copies).
SRC = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SRC = os.environ.get("SRCDIR") or SRC
hostile = ["file://" + os.path.abspath(os.path.join(
    SRC, "tests", "data", "site", "hostile", "feed.xml"))] + [
    "file://" + os.path.abspath(os.path.join(SRC, "tests", "data", "safe", f))
    for f in ("rss20.xml", "rss091.xml", "rss10.xml", "atom03.xml",
              "atom10.xml", "feed.json")]
htmp = make_sample(extra_feeds=hostile)
r = rounds(htmp, "publish")
ok(r.returncode == 0, "publish the sample and hostile feeds",
   r.stderr.decode())
is_(feedcheck.check_site(os.path.join(htmp, "site")), [],
    "hostile feeds: the published feeds keep their rules")
with open(os.path.join(htmp, "site", "river.xml"), "rb") as f:
    ids = [e.find(A + "id").text for e in entries(ET.fromstring(f.read()))]
ok(any(i.startswith("urn:rounds:entry:") for i in ids),
   "hostile feeds: an id that is no URI is replaced in river.xml", ids)

# ---- What a copied feed brings (tests/data/site/copies/feed.xml) ---------
# Audio and video with controls: the feed validator accepts no controls
# attribute in content, with or without a value, so a feed entry's HTML
# leaves it out; the issue page keeps it.

ctmp = make_sample(extra_feeds=["file://" + os.path.abspath(os.path.join(
    SRC, "tests", "data", "site", "copies", "feed.xml"))])
r = rounds(ctmp, "publish")
ok(r.returncode == 0, "publish the sample and a copied feed",
   r.stderr.decode())
csite = os.path.join(ctmp, "site")
cdocs = {}
for name, fn in feedcheck.CHECKS:
    with open(os.path.join(csite, name), "rb") as f:
        cdocs[name] = f.read()
for fmt in ("atom", "rss", "json"):
    r = rounds(ctmp, "digest", "--week", "2026-W47", "--format", fmt)
    ok(r.returncode == 0, "digest --format " + fmt, r.stderr.decode())
    cdocs["digest." + fmt] = r.stdout


def feed_html(name, data):
    """The HTML contents of a feed document."""
    if name.endswith(("json", ".json")):
        return [i.get("content_html", "") for i in json.loads(data)["items"]]
    root = ET.fromstring(data)
    return [e.text or "" for e in root.iter()
            if e.tag in (A + "content", "description")]


for name, data in sorted(cdocs.items()):
    htmls = feed_html(name, data)
    ok(any("<video" in h for h in htmls) and
       not any(re.search(r"<(video|audio)[^>]*\scontrols", h)
               for h in htmls),
       name + ": audio and video without controls in feed content")
    ok(any('<track default="" kind="captions"' in h for h in htmls) and
       any('<details open="">' in h for h in htmls),
       name + ": the boolean attributes validators accept stay")
    check = {"digest.atom": feedcheck.check_atom,
             "digest.rss": feedcheck.check_rss,
             "digest.json": feedcheck.check_json}.get(name) or dict(
                 feedcheck.CHECKS)[name]
    is_([m for m in check(data) if "HTML holds" in m], [],
        name + ": no attribute in content that validators flag")
with open(os.path.join(csite, "issues", "2026-W47.html"), encoding="utf-8") \
        as f:
    page = f.read()
ok(re.search(r"<video [^>]*controls", page) and
   re.search(r"<audio [^>]*controls", page),
   "the issue page keeps the controls")
flags(feedcheck.check_atom, faulty(feed, lambda d: set_text(
    entries(d)[0], A + "content", '<video src="https://v.example/a.mp4" '
    'controls="controls"></video>')),
      r"HTML holds controls=", "atom: controls=\"controls\" in content")

# Ids.  An entry copied into the river keeps its id as its publisher
# wrote it, canonical or not (RFC 4287 4.2.6; the validator's advice on
# NonCanonicalURI: never canonicalise resyndicated ids); the ids rounds
# makes are in canonical form: a source's id (its URL) and the tag: ids
# of the site's host.
criver = ET.fromstring(cdocs["river.xml"])
cids = [e.find(A + "id").text for e in entries(criver)]
ok("HTTP://Clinic-Notes.EXAMPLE:80/posts/%7enurse/handover%2fshift" in cids
   and "http://clinic-notes.example:80/posts/discharge" in cids,
   "river.xml: copied entries keep their ids as written", cids)
csrc = [e.find(A + "source") for e in entries(criver)
        if "clinic-notes" in e.find(A + "id").text.lower()]
ok(len(csrc) == 2 and all(
    x.find(A + "id").text == "https://clinic-notes.example/feed/~atom"
    for x in csrc),
   "river.xml: a source's id is its URL in canonical form",
   [x.find(A + "id").text for x in csrc])
ok(all(ln.get("href") == "https://Clinic-Notes.EXAMPLE:443/feed/%7eatom"
       for x in csrc for ln in x.findall(A + "link")
       if ln.get("rel") == "self"),
   "river.xml: ... its self link the URL the feed gives")
is_(feedcheck.check_site(csite), [], "a copied feed: the published feeds "
    "keep their rules")
dig = ET.fromstring(cdocs["digest.atom"])
ok("HTTP://Clinic-Notes.EXAMPLE:80/posts/%7enurse/handover%2fshift" in [
    e.find(A + "id").text for e in entries(dig)],
   "digest --format atom: a copied entry keeps its id too")
flags(feedcheck.check_atom, cdocs["river.xml"], r"entry \d+: atom:id 'HTTP://Clinic"
      r".*is not in canonical form", "atom: a validator would flag the "
      "copied id (feedcheck does outside copies)")
flags(feedcheck.check_atom, faulty(feed, lambda d: set_text(
    entries(d)[0], A + "id", "HTTP://Rounds.Example:80/issues/2026-W47")),
      r"not in canonical form \(the canonical form would be "
      r"'http://rounds.example/issues/2026-W47'\)",
      "atom: an entry id not in canonical form")
flags(feedcheck.check_atom, faulty(feed, lambda d: set_text(
    d, A + "id", "http://rounds.example/a/../issues")),
      r"feed: atom:id .* not in canonical form", "atom: a feed id with "
      "dot segments")
flags(feedcheck.check_copies, faulty(criver, lambda d: set_text(
    entries(d)[0], A + "source/" + A + "id",
    "https://Minimum-Necessary.example/feeds/posts/%7edefault")),
      r"atom:source: atom:id .* not in canonical form",
      "atom: a source id not in canonical form, in copies too")
r = rounds(ctmp, "publish", "--full")
with open(os.path.join(csite, "river.xml"), "rb") as f:
    ok(f.read() == cdocs["river.xml"], "a full re-publish writes the "
       "same river.xml: its ids are stable")

# Times.  Two feeds' posts at one second: the river passes each time on
# as its feed gave it, and feedcheck lets copies share one (rounds(1)
# says why the river does not move a publisher's time as it moves its
# own issues').
times = dict((e.find(A + "id").text, e.find(A + "updated").text)
             for e in entries(criver))
is_([times.get("HTTP://Clinic-Notes.EXAMPLE:80/posts/%7enurse/handover"
               "%2fshift"), times.get("https://virtual-visit.example/?p=632")],
    ["2026-11-22T16:00:00Z"] * 2,
    "river.xml: two feeds' posts keep the second their feeds gave")
flags(feedcheck.check_atom, cdocs["river.xml"], r"the same atom:updated",
      "atom: outside copies, two entries updated at one second are "
      "flagged")

# The digest feeds (rounds digest --format atom|rss|json -o FILE): a file
# written into the site's directory has a web address, and gives it as
# its self link (JSON Feed: feed_url); one written anywhere else, or to
# standard output, has none to give.
SELF = {"atom": lambda d: [ln.get("href") for ln in ET.fromstring(d).findall(
            A + "link") if ln.get("rel") == "self"],
        "rss": lambda d: [ln.get("href") for ln in ET.fromstring(d).findall(
            "channel/" + A + "link") if ln.get("rel") == "self"],
        "json": lambda d: [json.loads(d)["feed_url"]]
        if "feed_url" in json.loads(d) else []}
DCHECK = {"atom": feedcheck.check_copies, "rss": feedcheck.check_rss,
          "json": feedcheck.check_json}
for fmt in ("atom", "rss", "json"):
    rel = "digests/2026-W47 copy." + fmt
    r = rounds(ctmp, "digest", "--week", "2026-W47", "--format", fmt,
               "-o", os.path.join("site", rel))
    ok(r.returncode == 0, "digest --format %s -o site/%s" % (fmt, rel),
       r.stderr.decode())
    with open(os.path.join(csite, rel), "rb") as f:
        data = f.read()
    is_(SELF[fmt](data), ["https://rounds.example/digests/2026-W47%20copy." +
                          fmt], "digest --format %s in the site: its address "
        "is its self link" % fmt)
    is_(DCHECK[fmt](data), [], "digest --format %s in the site: no message"
        % fmt)
    is_(SELF[fmt](cdocs["digest." + fmt]), [],
        "digest --format %s on standard output: no self link" % fmt)
    r = rounds(ctmp, "digest", "--week", "2026-W47", "--format", fmt,
               "-o", os.path.join(ctmp, "elsewhere." + fmt))
    with open(os.path.join(ctmp, "elsewhere." + fmt), "rb") as f:
        is_(SELF[fmt](f.read()), [], "digest --format %s outside the "
            "site: no self link" % fmt)
flags(feedcheck.check_copies, cdocs["digest.atom"], r"no atom:link "
      r"rel=\"self\"", "atom: a feed without a self link is flagged")
flags(feedcheck.check_rss, cdocs["digest.rss"], r"no atom:link "
      r"rel=\"self\"", "rss: a feed without a self link is flagged")

# A site URL written with capitals: the tag: ids take the host in lower
# case (RFC 4151), and an issue's entry keeps its tag: id.
with open(os.path.join(ctmp, "rounds.conf")) as f:
    conf = f.read()
with open(os.path.join(ctmp, "rounds.conf"), "w") as f:
    f.write(conf.replace("url = https://rounds.example/",
                         "url = HTTPS://Rounds.Example:443/"))
r = rounds(ctmp, "publish")
ok(r.returncode == 0, "publish with a site URL in capitals",
   r.stderr.decode())
with open(os.path.join(csite, "feed.xml"), "rb") as f:
    up = ET.fromstring(f.read())
is_([up.find(A + "id").text] + [e.find(A + "id").text
                                for e in entries(up)],
    ["tag:rounds.example,2026:issues",
     "tag:rounds.example,2026:issue/2026-W47",
     "tag:rounds.example,2026:issue/2026-W46",
     "tag:rounds.example,2026:issue/2026-W45"],
    "feed.xml: the ids are those of a URL in lower case")
with open(os.path.join(csite, "river.xml"), "rb") as f:
    is_(ET.fromstring(f.read()).find(A + "id").text,
        "tag:rounds.example,2000:river", "river.xml: its id too")

# ---- HTML as validators parse it (html5lib, strict) ----------------------

DEBIAN_PY = "/usr/bin/python3"
CHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     "feedcheck.py")
if subprocess.run([DEBIAN_PY, "-c", "import html5lib"],
                  capture_output=True).returncode != 0:
    skip("html5lib's strict parser on the feeds' HTML",
         "no python3-html5lib for " + DEBIAN_PY)
    skip("html5lib: broken HTML is caught", "no python3-html5lib")
    skip("html5lib: the hostile feeds' HTML", "no python3-html5lib")
else:
    r = subprocess.run([DEBIAN_PY, CHECK, site], capture_output=True)
    is_(r.stdout.decode(), "", "html5lib's strict parser takes the feeds' "
        "HTML content")
    bad = os.path.join(tmp, "bad")
    shutil.copytree(site, bad)
    with open(os.path.join(bad, "feed.json"), "wb") as f:
        f.write(jfaulty(lambda d: d["items"][0].update(
            content_html="<p>one</b> two</p>")))
    r = subprocess.run([DEBIAN_PY, CHECK, bad], capture_output=True)
    ok(r.returncode == 1 and b"not valid HTML" in r.stdout,
       "html5lib: broken HTML is caught", r.stdout.decode())
    r = subprocess.run([DEBIAN_PY, CHECK, os.path.join(htmp, "site")],
                       capture_output=True)
    is_(r.stdout.decode(), "", "html5lib: the hostile feeds' HTML")

cleanup(ctmp)
cleanup(htmp)
cleanup(tmp)
done()
