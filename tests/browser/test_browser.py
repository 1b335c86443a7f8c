#!/usr/bin/env python3
"""The published site in headless Chromium: served from 127.0.0.1, every
page loads with no console error (besides the CSP keeping a feed's remote
image off the page), no request leaves 127.0.0.1 (checked in Chromium's
net log), no script from a feed runs (a hostile feed,
tests/data/site/hostile/feed.xml, tries many ways to change the title or
the DOM), pages built from the documents of tests/data/safe/ (a hostile value in
every field, every format) hold no script, handler or code link in the DOM
Chromium builds, a naive page that writes `rounds parse`'s strings
unescaped runs nothing (hooks and a CSP report count), the site works from
file://, and screenshots of the index at
phone (390px) and desktop (1280px) widths are kept in
$BUILDDIR/tests/browser/out/.  Skips only when chromium is not installed.
Prints TAP."""
import functools
import html.parser
import http.server
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "site"))
from sitelib import (SRCDIR, BUILDDIR, ok, is_, skip, done, rounds,  # noqa
                     make_sample, cleanup)

PAGES = ["index.html", "issues/2026-W47.html", "issues/2026-W45.html",
         "archive.html", "sources.html"]
CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)
# The one console message a page may log: the CSP refusing a remote image
# that an article carries.
CSP_IMAGE = re.compile(r"Loading the image '[^']*' violates the following "
                       r"Content Security Policy directive: \"img-src")

if CHROMIUM is None:
    skip("the site in headless Chromium", "chromium is not installed")
    done()

OUT = os.path.join(BUILDDIR, "tests", "browser", "out")
os.makedirs(OUT, exist_ok=True)
hostile = "file://" + os.path.abspath(os.path.join(
    SRCDIR, "tests", "data", "site", "hostile", "feed.xml"))
# and a hostile value in every field, in every format (tests/data/safe/)
SAFE = os.path.join(SRCDIR, "tests", "data", "safe")
safe_feeds = ["file://" + os.path.abspath(os.path.join(SAFE, f)) for f in
              ("rss20.xml", "rss091.xml", "rss10.xml", "atom03.xml",
               "atom10.xml", "feed.json")]
tmp = make_sample(extra_feeds=[hostile] + safe_feeds)
site = os.path.join(tmp, "site")
r = rounds(tmp, "publish")
ok(r.returncode == 0, "publish the sample and a hostile feed",
   r.stderr.decode())


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass    # a browser that hangs up early is no test failure


httpd = Server(
    ("127.0.0.1", 0), functools.partial(Handler, directory=site))
threading.Thread(target=httpd.serve_forever, daemon=True).start()
BASE = "http://127.0.0.1:%d/" % httpd.server_address[1]


def chromium(url, *extra):
    """Runs headless Chromium on url: (stdout, console lines, net log)."""
    prof = tempfile.mkdtemp(prefix="rounds-chromium-", dir=tmp)
    netlog = os.path.join(prof, "net.json")
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
           "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--disable-dev-shm-usage",
           "--user-data-dir=" + prof, "--enable-logging=stderr", "--v=0",
           "--log-level=0", "--log-net-log=" + netlog,
           "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
    r = subprocess.run(cmd + list(extra) + [url], capture_output=True,
                       timeout=120, env=dict(os.environ, HOME=prof))
    console = [ln for ln in r.stderr.decode("utf-8", "replace").splitlines()
               if ":CONSOLE" in ln]
    try:
        with open(netlog) as f:
            text = f.read()
        if not text.rstrip().endswith("}"):
            text = text.rstrip().rstrip(",") + "]}"
        log = json.loads(text)
    except (OSError, ValueError):
        log = None
    return r, console, log


class Dom(html.parser.HTMLParser):
    """What the browser built that a feed must not bring: script
    elements, event handlers, links and sources of other schemes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "svg", "form"):
            self.bad.append("<%s>" % tag)
        for k, v in attrs:
            v = re.sub(r"[\x00-\x20]", "", v or "").lower()
            if k.startswith("on") or (
                    k in ("href", "src") and
                    re.match(r"(javascript|vbscript|data:text)", v)):
                self.bad.append("%s %s=%s" % (tag, k, v[:40]))


def dom_problems(dom):
    d = Dom()
    d.feed(dom)
    d.close()
    return d.bad


def page_requests(log):
    """URLs the page asked for (requests keyed to the 127.0.0.1 site), and
    every URL the log mentions at all."""
    if log is None:
        return None, None
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    page, every = [], []
    for e in log.get("events", []):
        p = e.get("params") or {}
        url = p.get("url")
        if not isinstance(url, str):
            continue
        every.append(url)
        if names.get(e["type"]) != "URL_REQUEST_START_JOB":
            continue
        nik = json.dumps(p.get("network_isolation_key"))
        if "127.0.0.1" in nik or url.startswith(BASE):
            page.append(url)
    return page, every


for name in PAGES:
    r, console, log = chromium(BASE + name, "--dump-dom")
    dom = r.stdout.decode("utf-8", "replace")
    ok(r.returncode == 0 and "</html>" in dom, name + ": loads",
       r.stderr.decode()[-2000:])
    errors = [ln for ln in console if not CSP_IMAGE.search(ln)]
    is_(errors, [], name + ": no console error")
    page, every = page_requests(log)
    ok(page is not None and BASE + name in page,
       name + ": the net log shows the page's request")
    away = [u for u in (page or []) if not u.startswith(BASE)]
    is_(away, [], name + ": no request leaves 127.0.0.1")
    leaked = [u for u in (every or []) if ".example" in u]
    is_(leaked, [], name + ": no request for anything a feed names")
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    ok(title is not None and "PWNED" not in title.group(1) and
       "Health IT Rounds (test)" in title.group(1),
       name + ": the title is the page's own", title and title.group(1))
    ok("pwned-" not in dom and "PWNED-" not in re.sub(
        r"&lt;script&gt;document\.title='PWNED-TITLE'&lt;/script&gt;", "",
        dom), name + ": no feed script changed the DOM")
    is_(dom_problems(dom), [], name + ": the DOM Chromium built holds no "
        "script, handler or code link from a feed")
    if name == "issues/2026-W47.html":
        ok("The end of the post." in dom and "Portal Pranks" in dom,
           name + ": the hostile article is shown, as text and safe HTML")
        ok("told plainly" in dom and "HL7 notes" in dom and
           "Video visits" in dom,
           name + ": so are the articles with a hostile value in every "
           "field")

# A naive consumer: every string of `rounds parse`'s JSON of the hostile
# documents written into a page without escaping (TEXT as markup, URLs as
# link targets).  alert, confirm, prompt and onerror are hooked; the page
# reports in its title what it saw: calls of the hooks, elements a value
# made, links of another scheme, and (in the second page, under a CSP that
# allows only the page's own script) the CSP violations reported.
URL_KEYS = ("link", "self", "icon", "image", "uri", "comments",
            "comments_feed", "href", "url")
HOOK = ("<script nonce=t>window.__hits=0;window.__csp=0;"
        "window.alert=window.confirm=window.prompt=function(){__hits++};"
        "window.onerror=function(){__hits++};"
        "document.addEventListener('securitypolicyviolation',"
        "function(){__csp++});</script>")
REPORT = ("<script nonce=t>window.addEventListener('load',function(){"
          "setTimeout(function(){var extra=0,bad=0;"
          "document.querySelectorAll('#t *').forEach(function(e){extra++});"
          "document.querySelectorAll('#u a').forEach(function(a){"
          "if(!/^(https?|mailto|file):$/.test(a.protocol))bad++});"
          "document.title='RESULT hits='+__hits+' elements='+extra+"
          "' links='+bad+' csp='+__csp},200)})</script>")


def strings(v, key, out):
    if isinstance(v, dict):
        for k, x in v.items():
            strings(x, k, out)
    elif isinstance(v, list):
        for x in v:
            strings(x, key, out)
    elif isinstance(v, str) and key not in ("summary", "content"):
        out.append((key, v))
    return out


texts, urls = [], []
for f in sorted(os.listdir(SAFE)):
    r = subprocess.run([os.path.join(BUILDDIR, "src", "rounds"), "parse",
                        "--base", "https://hostile.example/doc.xml",
                        os.path.join(SAFE, f)], capture_output=True)
    for key, v in strings(json.loads(r.stdout.decode()), "", []):
        (urls if key in URL_KEYS else texts).append(v)
for name, csp in (("naive.html", ""), ("naive-csp.html",
                  "<meta http-equiv=Content-Security-Policy content=\""
                  "script-src 'nonce-t'\">")):
    with open(os.path.join(site, name), "w") as f:
        f.write("<!DOCTYPE html><html><head><meta charset=utf-8>" + csp +
                HOOK + "<title>naive</title></head><body><div id=t>" +
                "".join("<div>%s</div>" % t for t in texts).replace(
                    "<div>", "").replace("</div>", " ") +
                "</div><div id=u>" +
                "".join("<a href=\"%s\">u</a>" % u for u in urls) +
                "</div>" + REPORT + "</body></html>")
    r, console, log = chromium(BASE + name, "--dump-dom",
                               "--virtual-time-budget=3000")
    dom = r.stdout.decode("utf-8", "replace")
    m = re.search(r"<title>(.*?)</title>", dom)
    ok(len(texts) > 50 and len(urls) >= 4, name + ": %d texts, %d URLs" %
       (len(texts), len(urls)))
    is_(m and m.group(1), "RESULT hits=0 elements=0 links=0 csp=0",
        name + ": no hook called, no element, no code link, no CSP report")

# from file://, with relative links
r, console, log = chromium("file://" + os.path.join(site, "issues",
                                                    "2026-W46.html"),
                           "--dump-dom")
dom = r.stdout.decode("utf-8", "replace")
ok(r.returncode == 0 and "2026-W46" in dom and
   'href="../archive.html"' in dom, "an issue page works from file://")
is_([ln for ln in console if not CSP_IMAGE.search(ln)], [],
    "and logs no console error there")

# screenshots
for width in (390, 1280):
    png = os.path.join(OUT, "index-%d.png" % width)
    if os.path.exists(png):
        os.unlink(png)
    r, console, log = chromium(BASE + "index.html", "--screenshot=" + png,
                               "--window-size=%d,1600" % width,
                               "--hide-scrollbars")
    size = None
    if os.path.exists(png):
        with open(png, "rb") as f:
            head = f.read(24)
        if head[:8] == b"\x89PNG\r\n\x1a\n":
            size = struct.unpack(">II", head[16:24])
    ok(size is not None and size[0] == width,
       "a %dpx wide screenshot of the index (tests/browser/out/)" % width,
       "%r %s" % (size, r.stderr.decode()[-1000:]))

httpd.shutdown()
cleanup(tmp)
done()
