#!/usr/bin/env python3
"""An article without a link (a feed gave none) and a thread without a
page: every format prints the title without a link (no href="", no
"[title]()"), "+N more comments" without a link, and the Markdown draft
of such an issue still round-trips (the article is matched by its
title).  TAP."""
import email
import email.policy
import json
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitelib import ok, is_, done, rounds, make_sample, cleanup  # noqa

WEEK = "2026-W47"
TITLE = "Ambient scribe pilot: month one"
CONT = "Inbox volume after go-live: the numbers nobody budgets for"
tmp = make_sample()
with open(os.path.join(tmp, "rounds.conf")) as f:
    conf = f.read()
with open(os.path.join(tmp, "rounds.conf"), "w") as f:
    f.write(conf.replace("[digest]\n", "[digest]\nmax_comments = 1\n"))
con = sqlite3.connect(os.path.join(tmp, "rounds.db"))
n = con.execute("UPDATE entries SET link = NULL, canonical = NULL,"
                " comments_link = NULL WHERE title IN (?, ?)",
                (TITLE, CONT)).rowcount
con.commit()
con.close()
is_(n, 2, "the fixture: an article and a continued one lose their link "
    "and thread page")


def digest(fmt):
    r = rounds(tmp, "digest", "--week", WEEK, "--format", fmt, "-o", "-")
    ok(r.returncode == 0, "digest --format " + fmt, r.stderr.decode())
    return r.stdout.decode()


model = json.loads(digest("model"))
art = [a for s in model["sections"] for a in s["articles"]
       if a["title"] == TITLE]
ok(len(art) == 1 and "link" not in art[0] and
   "comments_link" not in art[0] and art[0].get("more_comments", 0) > 0,
   "the model's article has no link, no thread page, more comments", art)

html = digest("html")
ok('href=""' not in html, "html: no href=\"\"",
   re.findall(r'.{60}href="".{60}', html)[:3])
for t in (TITLE, CONT):
    ok(re.search(r"<h3>%s</h3>" % re.escape(t), html) is not None,
       "html: the title without a link: " + t)
ok(re.search(r'<p class="more">\+\d+ more comments</p>', html) is not None,
   "html: '+N more comments' without a link")

md = digest("md")
ok("]()" not in md, "md: no '[title]()'", re.findall(r".{40}\]\(\)", md))
for t in (TITLE, CONT):
    ok(("\n### %s\n" % t) in md, "md: '### title' without a link: " + t)
ok(re.search(r"\n- \+\d+ more comments\n", md) is not None,
   "md: '- +N more comments' without a link")

msg = email.message_from_string(digest("email"),
                                policy=email.policy.default)
mhtml = msg.get_body(("html",)).get_content()
mtext = msg.get_body(("plain",)).get_content()
ok('href=""' not in mhtml and TITLE + "</h3>" in mhtml,
   "email html: the title without a link, no href=\"\"")
lines = mtext.splitlines()
i = lines.index("* " + TITLE) if "* " + TITLE in lines else -1
ok(i >= 0 and lines[i + 1].strip() != "" and
   not lines[i + 1].strip().startswith("http"),
   "email text: no empty link line under the title", lines[i:i + 3])
ok(re.search(r"^  \+\d+ more comments\s*$", mtext, re.M) is not None,
   "email text: '+N more comments' without a link")

# The draft of such an issue round-trips.
os.makedirs(os.path.join(tmp, "drafts"))
plain = {f: digest(f) for f in ("html", "rss")}
r = rounds(tmp, "digest", "--week", WEEK)
ok(r.returncode == 0, "the draft is written", r.stderr.decode())
r = rounds(tmp, "digest", "--week", WEEK, "--check")
out = r.stdout.decode()
ok(r.returncode == 0 and ": cut:" not in out and ": added:" not in out and
   ": edited:" not in out, "--check: the article without a link is kept",
   out + r.stderr.decode())
is_({f: digest(f) for f in ("html", "rss")}, plain,
    "an untouched draft with it changes nothing")
draft = os.path.join(tmp, "drafts", WEEK + ".md")
with open(draft, encoding="utf-8") as f:
    text = f.read()
with open(draft, "w", encoding="utf-8") as f:
    f.write(text.replace("\n### %s\n" % TITLE, "\n### Ambient, edited\n"))
r = rounds(tmp, "digest", "--week", WEEK, "--check")
err = r.stderr.decode()
ok(r.returncode != 0 and "without its link" in err and draft + ":" in err,
   "a linkless heading that matches nothing: an error naming file and "
   "line", err)

cleanup(tmp)
done()
