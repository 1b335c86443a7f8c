#!/usr/bin/env python3
"""Accessibility, measured: axe-core (tests/package.json, installed by
`npm ci` in tests/) runs inside headless Chromium over every kind of page
the site has (index, issue, archive, sources) and the newsletter's HTML
part, at phone (390px) and desktop (1280px) widths, in light and dark
mode.  Every violation, at every impact level, fails.  The test server
adds axe and a small runner to each page (and drops the page's CSP, which
would refuse them); the runner writes the results into the DOM that
Chromium dumps.  Skips, saying why, where Chromium or axe-core is
missing.  Prints TAP."""
import email
import email.policy
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

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "site"))
from sitelib import (SRCDIR, BUILDDIR, ok, is_, skip, done, rounds,  # noqa
                     make_sample, cleanup)

PAGES = ["index.html", "issues/2026-W47.html", "archive.html",
         "sources.html", "mail-2026-W47.html"]
WIDTHS = (390, 1280)
CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)
AXE = None
for d in (SRCDIR, BUILDDIR):
    p = os.path.join(d, "tests", "node_modules", "axe-core", "axe.min.js")
    if os.path.exists(p):
        AXE = p
        break

with open(os.path.join(SRCDIR, "templates", "style.css")) as f:
    css = f.read()
ok("@media (prefers-color-scheme: dark)" in css,
   "style.css has a dark colour scheme")
ok("@media print" in css, "style.css has print styles")

if CHROMIUM is None:
    skip("axe-core over the site in Chromium", "chromium is not installed")
    done()
if AXE is None:
    skip("axe-core over the site in Chromium", "axe-core is not installed "
         "(run 'npm ci' in tests/; needs node and npm)")
    done()

RUNNER = b"""
/* Layout a reader would notice: a date broken across lines, tag pills
 * that touch (less than 2px apart on one line), a quoted comment in the
 * conversations that go on taller than its one line. */
function layout() {
  var split = [], touching = 0, width = window.innerWidth, tall = 0;
  var ctx = document.querySelectorAll('.comment .context');
  ctx.forEach(function (p) {
    var lh = parseFloat(getComputedStyle(p).lineHeight) || 24;
    if (p.getBoundingClientRect().height > lh * 1.5) tall++;
  });
  document.querySelectorAll('time').forEach(function (t) {
    var tops = {};
    Array.prototype.forEach.call(t.getClientRects(), function (r) {
      tops[Math.round(r.top)] = 1; });
    if (Object.keys(tops).length > 1) split.push(t.textContent);
  });
  document.querySelectorAll('.tags').forEach(function (ul) {
    var li = ul.querySelectorAll('li');
    for (var i = 1; i < li.length; i++) {
      var a = li[i - 1].getBoundingClientRect(),
          b = li[i].getBoundingClientRect();
      if (Math.abs(a.top - b.top) < 2 && b.left - a.right < 2) touching++;
    }
  });
  return { split: split, touching: touching, width: width,
           contexts: ctx.length, tall: tall };
}
/* The page runs in an iframe as wide as the screen tested (Chromium's
 * window is at least 500px wide); the results go to the frame's parent,
 * whose DOM Chromium dumps. */
var out = window.parent !== window ? parent.document : document;
axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
  var pre = out.createElement('pre');
  pre.id = 'axe-results';
  pre.setAttribute('data-dark',
    String(matchMedia('(prefers-color-scheme: dark)').matches));
  pre.setAttribute('data-layout', JSON.stringify(layout()));
  pre.textContent = JSON.stringify(r.violations.map(function (v) {
    return { id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 4).map(function (n) {
        return n.target.join(' ') + ' :: ' + n.failureSummary; }) };
  }));
  out.body.appendChild(pre);
}, function (e) {
  var pre = out.createElement('pre');
  pre.id = 'axe-results';
  pre.setAttribute('data-dark', 'error');
  pre.setAttribute('data-layout', '{}');
  pre.textContent = 'ERROR ' + e;
  out.body.appendChild(pre);
});
"""
CSP = re.compile(rb'<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        m = re.match(r"/__axe/frame\?w=(\d+)&u=([\w./-]+)$", self.path)
        if m:
            body = ('<!DOCTYPE html><html lang="en"><title>axe</title>'
                    '<body style="margin:0"><iframe title="page" src="/%s" '
                    'style="border:0;width:%spx;height:900px"></iframe>'
                    % (m.group(2), m.group(1))).encode()
            return self.reply(body, "text/html; charset=utf-8")
        if self.path in ("/__axe/axe.min.js", "/__axe/run.js"):
            if self.path.endswith("run.js"):
                body = RUNNER
            else:
                with open(AXE, "rb") as f:
                    body = f.read()
            return self.reply(body, "text/javascript")
        path = self.translate_path(self.path)
        if path.endswith(".html") and os.path.isfile(path):
            with open(path, "rb") as f:
                body = CSP.sub(b"", f.read())
            tags = (b'<script src="/__axe/axe.min.js"></script>'
                    b'<script src="/__axe/run.js"></script></body>')
            return self.reply(body.replace(b"</body>", tags, 1),
                              "text/html; charset=utf-8")
        return super().do_GET()

    def reply(self, body, ctype):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass


def mail_html(tmp, site):
    """The newsletter's HTML part, written beside the site's pages."""
    r = rounds(tmp, "digest", "--week", "2026-W47", "--format", "email")
    ok(r.returncode == 0, "the newsletter of 2026-W47 is built",
       r.stderr.decode())
    msg = email.message_from_bytes(r.stdout, policy=email.policy.default)
    part = msg.get_body(preferencelist=("html",))
    with open(os.path.join(site, "mail-2026-W47.html"), "w") as f:
        f.write(part.get_content())


def axe(url, width, dark, prof):
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
           "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", "--user-data-dir=" + prof,
           "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
           "--window-size=%d,1000" % max(width, 500),
           "--virtual-time-budget=20000", "--dump-dom"]
    if dark:
        cmd.append("--force-dark-mode")
    r = subprocess.run(cmd + [url], capture_output=True, timeout=180,
                       env=dict(os.environ, HOME=prof))
    m = re.search(r'<pre id="axe-results" data-dark="(\w+)" '
                  r'data-layout="([^"]*)">(.*?)</pre>',
                  r.stdout.decode("utf-8", "replace"), re.S)
    if m is None:
        return None, r.stderr.decode("utf-8", "replace")[-1500:]
    if m.group(1) != ("true" if dark else "false"):
        return None, "the page was not in %s mode" % (
            "dark" if dark else "light")
    LAYOUT[(url, width, dark)] = json.loads(unescape(m.group(2)))
    text = unescape(m.group(3))
    if text.startswith("ERROR"):
        return None, text
    return json.loads(text), None


def unescape(text):
    return (text.replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"').replace("&amp;", "&"))


LAYOUT = {}
tmp = make_sample()
site = os.path.join(tmp, "site")
r = rounds(tmp, "publish")
ok(r.returncode == 0, "publish the sample", r.stderr.decode())
mail_html(tmp, site)
httpd = Server(("127.0.0.1", 0), functools.partial(Handler, directory=site))
threading.Thread(target=httpd.serve_forever, daemon=True).start()
BASE = "http://127.0.0.1:%d/" % httpd.server_address[1]
prof = tempfile.mkdtemp(prefix="rounds-axe-", dir=tmp)

for name in PAGES:
    for width in WIDTHS:
        for dark in (False, True) if width == 390 else (False,):
            what = "%s at %dpx%s" % (name, width, ", dark" if dark else "")
            v, why = axe(BASE + "__axe/frame?w=%d&u=%s" % (width, name),
                         width, dark, prof)
            if v is None:
                ok(False, what + ": axe-core ran", why)
                continue
            ok(v == [], what + ": no axe-core violation",
               "\n".join("%s (%s): %s\n  %s" % (x["id"], x["impact"],
                                                x["help"],
                                                "\n  ".join(x["nodes"]))
                         for x in v))
            lay = LAYOUT.get((BASE + "__axe/frame?w=%d&u=%s" % (width, name),
                              width, dark))
            if lay is not None:
                is_(lay["width"], width, what + ": the page is laid out at "
                    "that width")
            if lay is not None and not name.startswith("mail-"):
                ok(lay["split"] == [], what + ": no date breaks across "
                   "lines", lay["split"])
                ok(lay["touching"] == 0, what + ": tag pills do not touch",
                   lay)
            if lay is not None and name == "issues/2026-W47.html":
                ok(lay["contexts"] >= 2 and lay["tall"] == 0,
                   what + ": the conversation that goes on quotes what "
                   "each comment answers, on one line", lay)

httpd.shutdown()
cleanup(tmp)
done()
