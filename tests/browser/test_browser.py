#!/usr/bin/env python3
"""The published site in headless Chromium: served from 127.0.0.1, every
page loads with no console error (besides the CSP keeping a feed's remote
image off the page), no request leaves 127.0.0.1 (checked in Chromium's
net log), no script from a feed runs (a hostile feed,
tests/data/site/hostile/feed.xml, tries many ways to change the title or
the DOM), the site works from file://, and screenshots of the index at
phone (390px) and desktop (1280px) widths are kept in
$BUILDDIR/tests/browser/out/.  Skips only when chromium is not installed.
Prints TAP."""
import functools
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
tmp = make_sample(extra_feeds=[hostile])
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
    if name == "issues/2026-W47.html":
        ok("The end of the post." in dom and "Portal Pranks" in dom,
           name + ": the hostile article is shown, as text and safe HTML")

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
