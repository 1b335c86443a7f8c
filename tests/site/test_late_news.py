#!/usr/bin/env python3
"""Late news after publication: a comment that reaches the database after
its week's issue went out shows on the issue page at the next publish, and
only that issue's entry in feed.xml, feed.rss and feed.json gets a new
updated time; a publish with nothing new moves nothing.  Prints TAP."""
import json
import os
import sqlite3
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitelib import ok, is_, done, rounds, make_sample, cleanup  # noqa
import feedcheck  # noqa

A = "{http://www.w3.org/2005/Atom}"
ARTICLE = "https://cmio-notes.example/2026/11/20/thanking-the-night-shift/"
LATE = "Our unit framed the breakfast menu. It hangs by the pharmacy."


def read(tmp, name):
    with open(os.path.join(tmp, "site", name), "rb") as f:
        return f.read()


def atom_updated(tmp):
    """{entry id: updated} of feed.xml, and the feed's own updated."""
    root = ET.fromstring(read(tmp, "feed.xml"))
    return ({e.find(A + "id").text: e.find(A + "updated").text
             for e in root.findall(A + "entry")},
            root.find(A + "updated").text)


def json_modified(tmp):
    feed = json.loads(read(tmp, "feed.json"))
    return {i["id"]: i.get("date_modified") for i in feed["items"]}


def rss_build(tmp):
    root = ET.fromstring(read(tmp, "feed.rss"))
    return root.find("channel/lastBuildDate").text


def publish(tmp, now, what):
    r = rounds(tmp, "publish", env={"ROUNDS_NOW": now})
    ok(r.returncode == 0, what, r.stderr.decode())


def snapshot(tmp):
    return {n: read(tmp, n) for n in ("feed.xml", "feed.rss", "feed.json",
                                      "issues/2026-W45.html",
                                      "issues/2026-W46.html",
                                      "issues/2026-W47.html")}


W47 = "tag:rounds.example,2026:issue/2026-W47"

tmp = make_sample()
publish(tmp, "2026-11-24T12:00:00Z", "first publish")
before, feed_before = atom_updated(tmp)
json_before = json_modified(tmp)
is_(len(set(before.values())), len(before),
    "every issue's updated differs, though all went out in one run")
ok(LATE not in read(tmp, "issues/2026-W47.html").decode(),
   "the late comment is not on the page yet")

# A comment written during week 47 but fetched after its issue went out.
db = sqlite3.connect(os.path.join(tmp, "rounds.db"))
(entry,) = db.execute("SELECT id FROM entries WHERE link = ?",
                      (ARTICLE,)).fetchone()
db.execute("INSERT INTO comments(entry_id, guid, author, link, published,"
           " content, content_hash, first_seen) VALUES (?, ?, ?, ?, ?, ?,"
           " ?, ?)", (entry, ARTICLE + "#comment-5399",
                      json.dumps({"name": "Ruth Abernathy"}),
                      ARTICLE + "#comment-5399", 1795375800,  # 11-22 19:30
                      "<p>" + LATE + "</p>", "late", 1795527000))
db.commit()
db.close()

publish(tmp, "2026-11-24T14:00:00Z", "publish after the late comment")
after, feed_after = atom_updated(tmp)
ok(LATE in read(tmp, "issues/2026-W47.html").decode(),
   "the issue page shows the late comment")
is_(after[W47], "2026-11-24T14:00:00Z",
    "the issue's updated is the time the change was seen")
is_({k: v for k, v in after.items() if k != W47},
    {k: v for k, v in before.items() if k != W47},
    "no other issue's updated moved")
is_(feed_after, "2026-11-24T14:00:00Z", "the feed's updated follows it")
json_after = json_modified(tmp)
is_(json_after[W47], "2026-11-24T14:00:00Z",
    "feed.json: the issue's date_modified moved")
is_({k: v for k, v in json_after.items() if k != W47},
    {k: v for k, v in json_before.items() if k != W47},
    "feed.json: no other item's date_modified moved")
is_(rss_build(tmp), "Tue, 24 Nov 2026 14:00:00 +0000",
    "feed.rss: lastBuildDate follows the change")
is_(feedcheck.check_site(os.path.join(tmp, "site")), [],
    "the feeds keep their rules after the change")

snap = snapshot(tmp)
publish(tmp, "2026-11-24T16:00:00Z", "publish with nothing new")
is_(atom_updated(tmp), (after, feed_after), "nothing moves in feed.xml")
is_([n for n, data in snapshot(tmp).items() if data != snap[n]], [],
    "the feeds and issue pages are byte for byte the same")

# The feeds' id keeps the year of the first issue ever published, though
# that issue left the feeds long ago (a site started in December 2025).
db = sqlite3.connect(os.path.join(tmp, "rounds.db"))
db.execute("INSERT INTO issues(number, week, since, until, published, uid)"
           " VALUES (0, '2025-W50', 1765152000, 1765756800, 1765800000,"
           " 'tag:rounds.example,2025:issue/2025-W50')")
db.commit()
db.close()
r = rounds(tmp, "publish", "--full", env={"ROUNDS_NOW": "2026-11-24T16:00:00Z"})
ok(r.returncode == 0, "publish --full", r.stderr.decode())
root = ET.fromstring(read(tmp, "feed.xml"))
is_(root.find(A + "id").text, "tag:rounds.example,2025:issues",
    "the feed's id has the year of the first issue")

cleanup(tmp)
done()
