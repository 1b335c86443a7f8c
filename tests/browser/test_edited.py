#!/usr/bin/env python3
"""An edited issue page in headless Chromium, beside the same week
unedited: the DOM Chromium builds (read through a same-origin frame on a
127.0.0.1 server) has the same page frame, the same elements in each
article the editor did not touch (an editor's note added where there is
one), comment threads still nested lists (a cut comment's reply moved up
a level), tags on every article that has them, and the header's counts
equal to the articles and comments on the page and to the published
model.  Skips only when chromium is not installed.  Prints TAP."""
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "site"))
from sitelib import ok, is_, skip, done, rounds, make_sample, cleanup  # noqa
import draftedit  # noqa

WEEK = "2026-W47"
CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)
if CHROMIUM is None:
    skip("an edited issue in headless Chromium", "chromium is not installed")
    done()

# What the frame's page is made of, as Chromium built it.
PROBE = r"""<!DOCTYPE html><html><head><meta charset=utf-8><title>wait</title>
</head><body><iframe id=f src="%s"></iframe><script>
function sk(e) { return e.tagName.toLowerCase() +
  (e.className ? '.' + e.className.trim().split(/\s+/).join('.') : ''); }
function depth(ol) { var d = 0;
  ol.querySelectorAll(':scope > li.comment > ol.replies').forEach(
    function (r) { d = Math.max(d, depth(r)); }); return d + 1; }
document.getElementById('f').addEventListener('load', function () {
  var d = this.contentDocument, r = {arts: []};
  r.frame = Array.from(d.body.querySelectorAll(
    'body > *, div.page > *, header > *, main > *'))
    .map(sk);
  r.meta = d.querySelector('h1 + p.meta').textContent;
  r.sections = Array.from(d.querySelectorAll('main h2'))
    .map(function (h) { return h.textContent; });
  d.querySelectorAll('article.article').forEach(function (a) {
    var h4 = a.querySelector(':scope > h4'), t = a.querySelector(
      ':scope > ol.thread');
    r.arts.push({
      title: a.querySelector('h3').textContent,
      href: (a.querySelector('h3 a') || {}).href || null,
      cont: !!a.closest('section.continued'),
      skel: Array.from(a.children).map(sk),
      tags: Array.from(a.querySelectorAll('ul.tags > li'))
        .map(function (l) { return l.textContent; }),
      count: h4 ? parseInt(h4.textContent.replace(/\D+/g, ''), 10) : 0,
      shown: a.querySelectorAll('li.comment').length,
      top: t ? Array.from(t.querySelectorAll(':scope > li.comment > p.who'
        + ' strong')).map(function (s) { return s.textContent; }) : [],
      depth: t ? depth(t) : 0,
      nested: a.querySelectorAll('ol.thread li.comment > ol.replies > '
        + 'li.comment').length});
  });
  document.title = 'RESULT ' + encodeURIComponent(JSON.stringify(r));
});
</script></body></html>"""

tmp = make_sample()
site = os.path.join(tmp, "site")


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass


httpd = Server(("127.0.0.1", 0), functools.partial(Handler, directory=tmp))
threading.Thread(target=httpd.serve_forever, daemon=True).start()
BASE = "http://127.0.0.1:%d/" % httpd.server_address[1]


def probe(page):
    """The structure of page (relative to tmp) as Chromium built it."""
    name = "probe-%s.html" % page.replace("/", "-")
    with open(os.path.join(tmp, name), "w") as f:
        f.write(PROBE % page)
    prof = tempfile.mkdtemp(prefix="rounds-chromium-", dir=tmp)
    r = subprocess.run([CHROMIUM, "--headless", "--no-sandbox",
                        "--disable-gpu", "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--user-data-dir=" + prof,
                        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE "
                        "127.0.0.1", "--virtual-time-budget=5000",
                        "--dump-dom", BASE + name], capture_output=True,
                       timeout=120, env=dict(os.environ, HOME=prof))
    m = re.search(r"<title>RESULT ([^<]*)</title>", r.stdout.decode())
    ok(m is not None, page + ": Chromium built it and the probe read it",
       r.stderr.decode()[-1500:])
    return json.loads(urllib.parse.unquote(m.group(1))) if m else None


def model():
    r = rounds(tmp, "digest", "--week", WEEK, "--format", "model")
    return json.loads(r.stdout) if r.returncode == 0 else {}


r = rounds(tmp, "publish")
ok(r.returncode == 0, "publish the unedited week", r.stderr.decode())
shutil.copytree(site, os.path.join(tmp, "plain"))
plain_model = model()
r = rounds(tmp, "digest", "--week", WEEK)
draft = os.path.join(tmp, "drafts", WEEK + ".md")
with open(draft, encoding="utf-8") as f:
    text = f.read()
with open(draft, "w", encoding="utf-8") as f:
    f.write(draftedit.edit(text))
r = rounds(tmp, "publish")
ok(r.returncode == 0 and b"the editor's draft" in r.stdout,
   "publish the edited draft", r.stderr.decode())
edited_model = model()

plain = probe("plain/issues/%s.html" % WEEK)
edited = probe("site/issues/%s.html" % WEEK)
if plain is None or edited is None:
    httpd.shutdown()
    cleanup(tmp)
    done()


def counts(p):
    m = re.search(r"Articles: (\d+) · Comments: (\d+)", p["meta"])
    return (int(m.group(1)), int(m.group(2))) if m else None


for name, p, m in (("unedited", plain, plain_model),
                   ("edited", edited, edited_model)):
    arts = [a for a in p["arts"] if not a["cont"]]
    is_(counts(p), (len(arts), sum(a["count"] for a in arts)),
        name + ": the header's counts are the page's articles and the "
        "sum of their comment counts")
    is_(counts(p), (m.get("article_count"), m.get("comment_count")),
        name + ": ... and those of the published model")
    ok(any(a["nested"] > 0 for a in p["arts"]) and
       max(a["depth"] for a in p["arts"]) >= 2,
       name + ": comment threads are nested lists (replies in ol.replies "
       "inside their comment)")
    ok(all(a["shown"] <= a["count"] for a in arts),
       name + ": no thread shows more comments than its count")
is_(counts(edited), (11, 25), "edited: 11 articles, 25 comments")
ok(counts(plain) != counts(edited), "... not the unedited week's",
   counts(plain))

frame = [x for x in edited["frame"] if x != "section.note"]
is_([x for x in frame if not x.startswith("section")],
    [x for x in plain["frame"] if not x.startswith("section")],
    "the page frame (header, navigation, main, footer) is the same")
ok(len(frame) > 6 and "main" in frame and "footer.colophon" in frame,
   "... as the probe saw it", frame)
ok("section.note" in edited["frame"] and
   "section.note" not in plain["frame"],
   "the editor's note is a section of its own")

by = {a["href"] or a["title"]: a for a in plain["arts"]}
same = 0
for a in edited["arts"]:
    if a["title"] == "A reader's guide to TEFCA":
        ok(a["skel"][0] == "h3" and a["tags"] == [] and
           "div.editor-note" in a["skel"],
           "the article added by hand: a heading and the editor's words")
        continue
    b = by.get(a["href"] or a["title"])
    if b is None:
        ok(False, "an article of the edited page is on the unedited one",
           a["title"])
        continue
    is_([x for x in a["skel"] if x != "div.editor-note"], b["skel"],
        "the same elements as unedited: " + a["title"])
    is_(a["tags"], b["tags"], "the same tags: " + a["title"])
    same += 1
ok(same >= 9, "%d articles compared" % same)
ok(all(a["tags"] for a in edited["arts"]
       if not a["cont"] and a["title"] != "A reader's guide to TEFCA"),
   "every article from a feed shows its tags")
amb = [a for a in edited["arts"]
       if a["title"] == "Ambient scribe pilot: month one"]
ok(amb and amb[0]["top"] == ["Dr. Alana Whitfield", "Beth Carrow"],
   "the cut comment's reply is now a top-level comment",
   amb and amb[0]["top"])
cut = [a["title"] for a in edited["arts"]
       if a["title"] == "Thanking the night shift"]
is_(cut, [], "the cut article is not on the page")

httpd.shutdown()
cleanup(tmp)
done()
