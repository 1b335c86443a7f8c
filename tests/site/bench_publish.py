#!/usr/bin/env python3
"""bench_publish.py: times `rounds publish` of 100 weekly issues (not a
test: prints figures).  Builds a feed of 100 weeks x 6 articles (with
comment counts) from five sources, fetches it from file://, then times
a first publish and a re-publish that must write nothing.
  ROUNDS=src/rounds SRCDIR=. python3 tests/site/bench_publish.py"""
import datetime as dt
import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitelib import rounds, NOW  # noqa

WEEKS, PER_WEEK = 100, 6
tmp = tempfile.mkdtemp(prefix="rounds-bench-")
now = dt.datetime(2026, 11, 24, 12, tzinfo=dt.timezone.utc)
urls = []
for src in range(5):
    items = []
    for w in range(WEEKS):
        for k in range(PER_WEEK // 5 + (1 if src < PER_WEEK % 5 else 0)):
            t = now - dt.timedelta(weeks=w + 1, hours=3 + 7 * k + src)
            n = "%d-%d-%d" % (src, w, k)
            items.append(
                "<item><title>Note %s on order sets and downtime</title>"
                "<link>https://blog%d.example/%s</link><guid>%s</guid>"
                "<pubDate>%s</pubDate><description>&lt;p&gt;Week %d: "
                "what the go-live team learned, item %d. %s&lt;/p&gt;"
                "</description></item>" % (
                    n, src, n, n, t.strftime("%a, %d %b %Y %H:%M:%S GMT"),
                    w, k, "Interfaces, inboxes and super-users. " * 8))
    path = os.path.join(tmp, "feed%d.xml" % src)
    with open(path, "w") as f:
        f.write('<?xml version="1.0"?><rss version="2.0"><channel>'
                "<title>Bench blog %d</title><link>https://blog%d.example/"
                "</link><description>b</description>%s</channel></rss>"
                % (src, src, "".join(items)))
    urls.append("file://" + path)
with open(os.path.join(tmp, "rounds.conf"), "w") as f:
    f.write("[rounds]\ndb = rounds.db\n[site]\ndir = site\n"
            "url = https://rounds.example/\nmax_issues = 100\n")
for u in urls:
    rounds(tmp, "feeds", "add", u)
rounds(tmp, "-q", "fetch")
t0 = time.monotonic()
r = rounds(tmp, "-v", "publish")
t1 = time.monotonic()
r2 = rounds(tmp, "-v", "publish")
t2 = time.monotonic()
issues = len(os.listdir(os.path.join(tmp, "site", "issues")))
print("publish of %d issues: %.2f s (%s)" % (
    issues, t1 - t0, r.stderr.decode().strip()))
print("re-publish: %.2f s (%s)" % (t2 - t1, r2.stderr.decode().strip()))
ok = r.returncode == 0 and issues == WEEKS and re.search(
    rb"publish: 0 written", r2.stderr)
sys.exit(0 if ok else 1)
