#!/usr/bin/env python3
"""`rounds fetch` end to end against tests/fetch/server.py on 127.0.0.1:
the requests it sends, what it stores, how it fails, and that a killed
or overlapping run leaves the database whole.  Prints TAP."""
import fcntl
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

ROUNDS = os.environ.get("ROUNDS")
SRCDIR = os.environ.get("SRCDIR")
if not ROUNDS or not SRCDIR:
    print("1..0 # SKIP run through make check")
    sys.exit(0)

probe = subprocess.run([ROUNDS, "parse", os.path.join(
    SRCDIR, "tests", "fetch", "data", "lab.xml")], capture_output=True)
if probe.returncode == 69:
    print("1..0 # SKIP the parser is not available yet")
    sys.exit(0)

N = 0
FAILED = 0
NOW = "2026-11-24T12:00:00Z"


def ok(cond, desc, diag=None):
    global N, FAILED
    N += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", N, desc))
    if not cond:
        FAILED += 1
        if diag:
            for line in str(diag).splitlines()[:15]:
                print("#   " + line)
    sys.stdout.flush()
    return cond


def is_(got, want, desc):
    return ok(got == want, desc, "got:  %r\nwant: %r" % (got, want))


def has(text, part, desc):
    return ok(part in (text or ""), desc,
              "%r\ndoes not contain %r" % (text, part))


def at(hours):
    t = time.strptime(NOW, "%Y-%m-%dT%H:%M:%SZ")
    secs = int(time.mktime(t) - time.timezone) + int(hours * 3600)
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(secs))


def epoch(text):
    return int(time.mktime(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))
               - time.timezone)


T = tempfile.mkdtemp(prefix="rounds-fetch.")
DATA = os.path.join(T, "data")
shutil.copytree(os.path.join(SRCDIR, "tests", "fetch", "data"), DATA)
LOG = os.path.join(T, "requests.log")
PORTS = os.path.join(T, "port")
ENV = dict(os.environ)
for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
          "all_proxy", "ALL_PROXY", "ROUNDS_NOW"):
    ENV.pop(k, None)
ENV["NO_PROXY"] = "*"

server = subprocess.Popen(
    [sys.executable, os.path.join(SRCDIR, "tests", "fetch", "server.py"),
     "--data", DATA, "--port-file", PORTS, "--log", LOG,
     "--tls-cert", os.path.join(DATA, "tls-cert.pem"),
     "--tls-key", os.path.join(DATA, "tls-key.pem")], env=ENV)
for _ in range(600):
    if os.path.exists(PORTS) or server.poll() is not None:
        break
    time.sleep(0.05)
PORT, CANARY, ALT_OK, TLS_PORT = (int(x) for x in
                                   open(PORTS).read().split())
BASE = "http://127.0.0.1:%d" % PORT


def cleanup():
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
    shutil.rmtree(T, ignore_errors=True)


def write_conf(name, extra=""):
    path = os.path.join(T, name + ".conf")
    with open(path, "w") as f:
        f.write("[rounds]\ndb = %s.db\nlock_wait = 0\n\n"
                "[fetch]\nconnect_timeout = 5\ntimeout = 30\n"
                "low_speed_limit = 200\nlow_speed_time = 2\n"
                "max_bytes = 262144\ncomment_window_days = 14\n%s"
                % (name, extra))
    return path


def rounds(conf, *args, now=NOW, timeout=120, env=None):
    p = subprocess.run([ROUNDS, "--config", conf, "--now", now] + list(args),
                       env=env or ENV, capture_output=True, text=True,
                       timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def requests():
    with open(LOG) as f:
        return [json.loads(line) for line in f if line.strip()]


def mark():
    return len(requests())


def since(m):
    return requests()[m:]


def db(name):
    c = sqlite3.connect(os.path.join(T, name + ".db"))
    return c


def q(name, sql, *args):
    c = db(name)
    try:
        return c.execute(sql, args).fetchall()
    finally:
        c.close()


def q1(name, sql, *args):
    rows = q(name, sql, *args)
    return rows[0][0] if rows else None


def add(conf, url):
    rc, out, err = rounds(conf, "feeds", "add", url)
    return rc


def feed_row(name, url, cols):
    rows = q(name, "SELECT %s FROM feeds WHERE url = ?" % cols, url)
    return rows[0] if rows else None


# --- the good feeds: first run, then all 304s, then a change -------------
def good_feeds():
    conf = write_conf("good")
    is_(add(conf, BASE + "/feed/clinic.xml"), 0, "feeds add clinic")
    is_(add(conf, BASE + "/gz/lab.xml"), 0, "feeds add lab (gzip)")
    is_(add(conf, BASE + "/feed/ttl.xml"), 0, "feeds add a feed with a ttl")

    m = mark()
    rc, out, err = rounds(conf, "fetch")
    is_(rc, 0, "first fetch exits 0")
    reqs = since(m)
    paths = [r["path"] for r in reqs]
    clinic = [r for r in reqs if r["path"] == "/feed/clinic.xml"]
    ok(len(clinic) == 1, "the feed was requested once", paths)
    if clinic:
        h = clinic[0]["headers"]
        ok(h.get("user-agent", "").startswith("rounds/"),
           "User-Agent is rounds/VERSION", h.get("user-agent"))
        has(h.get("accept-encoding", ""), "gzip", "Accept-Encoding offers gzip")
        ok("if-none-match" not in h, "no If-None-Match on a first fetch")
    is_(q1("good", "SELECT COUNT(*) FROM entries"), 6,
        "6 entries stored (3 + 1 RSS, 2 Atom through gzip)")
    ok("/feed/clinic-c301.xml" in paths and "/feed/clinic-c298.xml" in paths,
       "comment feeds of new recent entries fetched in the same run", paths)
    ok("/feed/clinic-c250.xml" not in paths,
       "the comment feed of an entry older than the window is not fetched")
    is_(q1("good", "SELECT COUNT(*) FROM comments"), 4, "4 comments stored")
    is_(q1("good", "SELECT COUNT(*) FROM comments c JOIN entries e "
           "ON e.id = c.entry_id WHERE e.guid LIKE '%?p=301'"), 3,
        "comments linked to their entry")
    has(out, "5 fetched",
        "summary counts fetched documents (3 feeds, 2 comment feeds)")
    has(out, "6 new entries", "summary counts new entries")
    has(out, "0 failed", "summary counts failures")
    ok("\r" not in err and "done" not in err,
       "no progress drawn when stderr is not a terminal", err)
    etag = q1("good", "SELECT etag FROM feeds WHERE url = ?",
              BASE + "/feed/clinic.xml")
    ok(etag and etag.startswith('"'), "the ETag is stored", etag)
    lm = q1("good", "SELECT last_modified FROM feeds WHERE url = ?",
            BASE + "/feed/clinic.xml")
    is_(lm, "Mon, 23 Nov 2026 08:00:00 GMT", "Last-Modified is stored")
    nf = q1("good", "SELECT next_fetch FROM feeds WHERE url = ?",
            BASE + "/feed/clinic.xml")
    is_(nf, epoch(NOW) + 3600, "next fetch in an hour")
    nf = q1("good", "SELECT next_fetch FROM feeds WHERE url = ?",
            BASE + "/feed/ttl.xml")
    is_(nf, epoch(NOW) + 3 * 3600, "a feed with ttl 180 waits three hours")

    m = mark()
    rc, out, err = rounds(conf, "fetch", now=at(0.5))
    is_(rc, 0, "a fetch before anything is due exits 0")
    is_(since(m), [], "nothing is requested before it is due")

    m = mark()
    rc, out, err = rounds(conf, "fetch", now=at(2))
    is_(rc, 0, "second fetch exits 0")
    reqs = since(m)
    feeds = [r for r in reqs if r["path"] in ("/feed/clinic.xml",
                                             "/gz/lab.xml")]
    is_(len(feeds), 2, "both feeds requested again when due")
    ok("/feed/ttl.xml" not in [r["path"] for r in reqs],
       "the feed with a 3 h ttl is not fetched after 2 h")
    ok(all(r["headers"].get("if-none-match") for r in feeds),
       "If-None-Match sent on every feed", feeds)
    ok(all(r["headers"].get("if-modified-since") for r in feeds),
       "If-Modified-Since sent on every feed", feeds)
    c301 = [r for r in reqs if r["path"] == "/feed/clinic-c301.xml"]
    ok(len(c301) == 1 and c301[0]["headers"].get("if-none-match"),
       "comment feeds are fetched conditionally too", c301)
    has(out, "0 fetched", "second run: nothing fetched in full")
    has(out, "0 new entries", "second run: no new entries")
    ok("unchanged" in out and " 0 unchanged" not in out,
       "second run: feeds unchanged", out)
    is_(q1("good", "SELECT COUNT(*) FROM entries"), 6, "still 6 entries")
    is_(q1("good", "SELECT COUNT(*) FROM comments"), 4, "still 4 comments")
    is_(q1("good", "SELECT COUNT(*) FROM fetch_log WHERE result = "
           "'not_modified'"), len([r for r in reqs]),
        "every request of the second run was a 304")

    # change one entry, add one with a new comment feed
    path = os.path.join(DATA, "clinic.xml")
    text = open(path).read()
    text = text.replace("Three queues, two interfaces and one fax machine.",
                        "Three queues, two interfaces and, still, a fax.")
    new_item = """	<item>
		<title>Downtime procedures we actually rehearse</title>
		<link>@BASE@/ward-notes/downtime-drills/</link>
		<pubDate>Tue, 24 Nov 2026 06:00:00 +0000</pubDate>
		<guid isPermaLink="false">@BASE@/ward-notes/?p=305</guid>
		<description><![CDATA[Paper charts, once a quarter, on purpose.]]></description>
		<wfw:commentRss>@BASE@/feed/clinic-c305.xml</wfw:commentRss>
	</item>
"""
    text = text.replace("\t<item>", new_item + "\t<item>", 1)
    open(path, "w").write(text)
    c = open(os.path.join(DATA, "clinic-c298.xml")).read()
    c = c.replace("298", "305").replace("#comment-7", "#comment-21")
    open(os.path.join(DATA, "clinic-c305.xml"), "w").write(c)

    m = mark()
    rc, out, err = rounds(conf, "fetch", now=at(4))
    is_(rc, 0, "third fetch exits 0")
    paths = [r["path"] for r in since(m)]
    is_(q1("good", "SELECT COUNT(*) FROM entries"), 7, "one entry added")
    is_([r[0] for r in q("good", "SELECT guid FROM entries WHERE "
                          "is_updated = 1")],
        [BASE + "/ward-notes/?p=298"], "exactly the changed entry updated")
    has(out, "1 new entries", "summary: 1 new entry")
    has(out, "1 updated", "summary: 1 updated")
    ok("/feed/clinic-c305.xml" in paths,
       "the new entry's comment feed is fetched in the same run", paths)
    is_(q1("good", "SELECT COUNT(*) FROM comments"), 5, "its comment stored")
    return conf


# --- everything that should fail, and how ----------------------------------
BAD = {
    "loop": "/loop/0",
    "to-file": "/to-file",
    "canary-port": "/to-canary-port",
    "canary-localhost": "/to-canary-localhost",
    "canary-alt": "/to-canary-alt",
    "gone": "/gone",
    "limited": "/limited",
    "unavailable": "/unavailable",
    "error": "/error",
    "slow": "/slow",
    "endless": "/endless",
    "bomb": "/bomb",
    "short": "/short",
    "long": "/long",
    "not-a-feed": "/not-a-feed",
}


def failures():
    conf = write_conf("bad", "parse_threads = 0\n")   # parse in the loop
    for path in BAD.values():
        add(conf, BASE + path)
    add(conf, BASE + "/r/301/r/301/feed/lab.xml")
    add(conf, BASE + "/r/302/feed/clinic.xml")
    add(conf, BASE + "/r/307/feed/evil.xml")
    add(conf, BASE + "/latin")
    add(conf, BASE + "/bad-charset")
    add(conf, BASE + "/mislabelled")
    is_(q1("bad", "SELECT COUNT(*) FROM feeds"), len(BAD) + 6,
        "all the test feeds are subscribed")

    m = mark()
    rc, out, err = rounds(conf, "fetch")
    is_(rc, 0, "a run with failing feeds still exits 0")
    reqs = since(m)

    def err_of(key):
        return feed_row("bad", BASE + BAD[key], "last_error") or [None]

    loops = [r for r in reqs if r["path"].startswith("/loop/")]
    is_(len(loops), 6, "a redirect loop stops after 5 redirects")
    has(err_of("loop")[0], "redirects", "the loop's error names redirects")
    has(err_of("to-file")[0], "refused", "a redirect to file:// is refused")
    canary = [r for r in requests() if r["listener"] != "main"]
    is_(canary, [], "the canary was never reached")
    for key in ("canary-port", "canary-localhost"):
        has(err_of(key)[0], "private or loopback",
            "redirect %s refused as loopback" % key)
    if ALT_OK:
        has(err_of("canary-alt")[0], "private or loopback",
            "a redirect to 127.0.0.2 is refused")
    else:
        ok(True, "# SKIP 127.0.0.2 not bindable here")

    st, ls = feed_row("bad", BASE + "/gone", "status, last_status")
    is_((st, ls), ("gone", 410), "410 marks the feed gone")
    nf, ls = feed_row("bad", BASE + "/limited", "next_fetch, last_status")
    is_((nf, ls), (epoch(NOW) + 7200, 429),
        "429 Retry-After: 7200 sets the next fetch")
    nf, ls = feed_row("bad", BASE + "/unavailable", "next_fetch, last_status")
    ok(ls == 503 and nf > epoch(NOW) + 60,
       "503 with a Retry-After date postpones the next fetch", (nf, ls))
    nf, ec = feed_row("bad", BASE + "/error", "next_fetch, error_count")
    is_((nf, ec), (epoch(NOW) + 900, 1), "500: retry in 15 min, one error")
    has(err_of("slow")[0], "slow", "a slow drip is cut off")
    has(err_of("endless")[0], "larger than", "an endless body is cut off")
    has(err_of("bomb")[0], "larger than", "a gzip bomb is cut off")
    has(err_of("short")[0], "shorter", "a short body is not stored")
    has(err_of("long")[0], "longer", "a body longer than announced fails")
    ok(err_of("not-a-feed")[0], "an HTML page is a failed fetch",
       err_of("not-a-feed"))
    is_(q1("bad", "SELECT COUNT(*) FROM entries e JOIN feeds f "
           "ON f.id = e.feed_id WHERE f.last_error IS NOT NULL"), 0,
        "no entries stored from any failed fetch")
    has(err, "fetch '%s/error': HTTP 500; will retry after" % BASE,
        "one log line names the URL, the reason and what next")
    has(err, "'%s/gone': HTTP 410 gone" % BASE, "the gone feed is reported")

    mv, mc = feed_row("bad", BASE + "/r/301/r/301/feed/lab.xml",
                      "moved_to, moved_count")
    is_((mv, mc), (BASE + "/feed/lab.xml", 1),
        "a 301 chain reports where it leads, seen once")
    mv = feed_row("bad", BASE + "/r/302/feed/clinic.xml", "moved_to")
    is_(mv, (None,), "a 302 does not move the feed")
    is_(q1("bad", "SELECT COUNT(*) FROM entries e JOIN feeds f ON "
           "f.id = e.feed_id WHERE f.url = ?", BASE + "/r/302/feed/clinic.xml"),
        4, "entries stored through a 302")  # clinic.xml has 4 items by now
    title = q1("bad", "SELECT title FROM feeds WHERE url = ?", BASE + "/latin")
    is_(title, "Café Clínico", "the charset of the Content-Type is used")
    is_(q1("bad", "SELECT title FROM entries WHERE link = ?",
           BASE + "/cafe/resume"), "Résumé of the week",
        "entry text decoded from windows-1252")
    ok(feed_row("bad", BASE + "/bad-charset", "id") is not None,
       "an unknown charset does not crash the run")
    is_(q1("bad", "SELECT title FROM feeds WHERE url = ?",
           BASE + "/mislabelled"), "Café Clínico",
        "a UTF-8 feed labelled ISO-8859-1 by its server is read as UTF-8")
    paths = [r["path"] for r in reqs]
    ok(all(not p.startswith("/etc") for p in paths),
       "a file:// comment feed of an http feed is never read")
    is_(q1("bad", "SELECT COUNT(*) FROM entries e JOIN feeds f ON "
           "f.id = e.feed_id WHERE f.url = ?", BASE + "/r/307/feed/evil.xml"),
        2, "the feed with bad comment feeds is itself stored")

    m = mark()
    rc, out, err = rounds(conf, "fetch", "--all", now=at(1))
    is_(rc, 0, "second run of the failing set exits 0")
    paths = [r["path"] for r in since(m)]
    ok("/gone" not in paths, "a gone feed is not fetched again", paths)
    ok("/limited" not in paths and "/unavailable" not in paths,
       "--all does not ask again a server that said Retry-After", paths)
    ok("/error" in paths, "--all asks a feed backing off on its own", paths)
    has(out, "3 feeds not asked: 2 asked to wait (429/503, until the time "
        "they gave), 1 gone (410)", "--all says how many it skipped and why")
    url = q1("bad", "SELECT url FROM feeds WHERE url LIKE '%/feed/lab.xml' "
             "OR moved_to LIKE '%/feed/lab.xml'")
    is_(url, BASE + "/feed/lab.xml",
        "a 301 seen on two fetches in a row moves the feed")
    canary = [r for r in requests() if r["listener"] != "main"]
    is_(canary, [], "the canary was still never reached")
    ec = feed_row("bad", BASE + "/error", "error_count")
    is_(ec, (2,), "a second failure counts")
    nf = q1("bad", "SELECT next_fetch FROM feeds WHERE url = ?", BASE + "/error")
    is_(nf, epoch(at(1)) + 1800, "the second failure backs off to 30 min")


def quiet_moved():
    """-q, as from cron: silent on the first 301, one line when the feed
    moves, silent again after it."""
    conf = write_conf("quiet")
    add(conf, BASE + "/r/301/feed/clinic.xml")
    rc, out, err = rounds(conf, "-q", "fetch")
    is_((rc, out, err), (0, "", ""),
        "-q: a first 301 is not yet something to act on")
    rc, out, err = rounds(conf, "-q", "fetch", "--all", now=at(1))
    is_((rc, out), (0, ""), "-q: the run that moves the feed prints no summary")
    has(err, "fetch '%s/r/301/feed/clinic.xml': moved permanently; now "
        "fetching '%s/feed/clinic.xml'" % (BASE, BASE),
        "-q: the move is said, with the old and the new address")
    is_(len(err.strip().splitlines()), 1, "in one line")
    rc, out, err = rounds(conf, "-q", "fetch", "--all", now=at(2))
    is_((rc, out, err), (0, "", ""), "-q: silent once the feed has moved")
    is_(q1("quiet", "SELECT url FROM feeds"), BASE + "/feed/clinic.xml",
        "the feed is fetched at its new address")


# --- local files ------------------------------------------------------------
def local_files():
    conf = write_conf("local")
    d = os.path.join(T, "local")
    os.makedirs(d)
    with open(os.path.join(d, "blog.xml"), "w") as f:
        f.write("""<?xml version="1.0"?>
<rss version="2.0" xmlns:wfw="http://wellformedweb.org/CommentAPI/">
<channel><title>Offline Clinic Blog</title><link>https://clinic.invalid/</link>
<description>Read from disk.</description>
<item><title>Local note</title><guid>local-1</guid>
<pubDate>Mon, 23 Nov 2026 10:00:00 +0000</pubDate>
<description>On disk.</description>
<wfw:commentRss>comments-1.xml</wfw:commentRss></item>
<item><title>Sneaky note</title><guid>local-2</guid>
<pubDate>Mon, 23 Nov 2026 11:00:00 +0000</pubDate>
<description>Points outside.</description>
<wfw:commentRss>file:///etc/hostname</wfw:commentRss></item>
</channel></rss>
""")
    with open(os.path.join(d, "comments-1.xml"), "w") as f:
        f.write("""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Comments</title>
<link>https://clinic.invalid/1</link><description>c</description>
<item><title>By: A reader</title><guid>local-1#comment-1</guid>
<pubDate>Mon, 23 Nov 2026 12:00:00 +0000</pubDate>
<description>Thanks for writing this down.</description></item>
</channel></rss>
""")
    is_(add(conf, "file://" + os.path.join(d, "blog.xml")), 0,
        "feeds add a file:// URL")
    rc, out, err = rounds(conf, "fetch")
    is_(rc, 0, "fetching a local file exits 0")
    is_(q1("local", "SELECT COUNT(*) FROM entries"), 2,
        "entries read from the local file")
    is_(q1("local", "SELECT COUNT(*) FROM comments"), 1,
        "a comment feed beside the local feed is read")
    has(err, "/etc/hostname", "a comment feed outside its directory is refused")
    rc, out, err = rounds(conf, "fetch", "--all", now=at(2))
    has(out, "0 fetched, 2 unchanged",
        "unchanged local files are not parsed again")
    with open(os.path.join(d, "comments-1.xml"), "a") as f:
        f.write("\n")
    rc, out, err = rounds(conf, "fetch", "--all", now=at(4))
    has(out, "1 fetched, 1 unchanged", "a touched local file is read again")


# --- TLS is verified ---------------------------------------------------------
def tls():
    url = "https://127.0.0.1:%d/feed/lab.xml" % TLS_PORT
    conf = write_conf("tls")
    add(conf, url)
    rc, out, err = rounds(conf, "fetch")
    is_(rc, 0, "fetching from an untrusted TLS server exits 0")
    e = q1("tls", "SELECT last_error FROM feeds")
    ok(e and ("certificate" in e or "SSL" in e),
       "a certificate that does not verify fails the fetch", e)
    is_(q1("tls", "SELECT COUNT(*) FROM entries"), 0, "nothing stored")
    conf = write_conf("tls2", "ca_file = %s\n"
                      % os.path.join(DATA, "tls-cert.pem"))
    add(conf, url)
    rc, out, err = rounds(conf, "fetch")
    is_(q1("tls2", "SELECT COUNT(*) FROM entries"), 2,
        "with [fetch] ca_file naming its certificate, it is fetched")


# --- through a proxy, names are checked instead of addresses ----------------
def proxy():
    conf = write_conf("proxy")
    for path in ("/feed/evil.xml", "/to-canary-localhost", "/to-canary-alt",
                 "/feed/lab.xml"):
        add(conf, BASE + path)
    env = dict(ENV)
    env.pop("NO_PROXY", None)
    env["http_proxy"] = BASE
    m = mark()
    rc, out, err = rounds(conf, "fetch", env=env)
    is_(rc, 0, "fetching through a proxy exits 0")
    paths = [r["path"] for r in since(m)]
    ok(BASE + "/feed/lab.xml" in paths, "requests go through the proxy",
       paths)
    is_(q1("proxy", "SELECT COUNT(*) FROM entries"), 4,
        "feeds fetched through the proxy are stored")
    ok(not any(p.endswith("/canary") or "/canary/" in p for p in paths),
       "private targets are never asked of the proxy", paths)
    for path in ("/to-canary-localhost", "/to-canary-alt"):
        e = q1("proxy", "SELECT last_error FROM feeds WHERE url = ?",
               BASE + path)
        has(e, "private or loopback", "through a proxy, %s is refused" % path)


# --- subscriptions from the OPML file the config names -------------------
def opml():
    d = os.path.join(T, "opml")
    os.makedirs(d)
    with open(os.path.join(d, "feeds.opml"), "w") as f:
        f.write("""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Test subscriptions</title></head><body>
<outline text="Labs"><outline type="rss" text="Lab diary"
 xmlUrl="%s/feed/lab.xml"/></outline></body></opml>
""" % BASE)
    conf = write_conf("opml")
    with open(conf, "a") as f:
        f.write("\n[feeds]\nopml = opml/feeds.opml\n")
    m = mark()
    rc, out, err = rounds(conf, "fetch")
    is_(rc, 0, "fetch with [feeds] opml exits 0")
    is_([r["path"] for r in since(m) if not r["path"].startswith("/lab/")],
        ["/feed/lab.xml"],
        "the feed the OPML file lists is fetched without feeds add")
    is_(q1("opml", "SELECT COUNT(*) FROM entries"), 2, "and stored")
    with open(os.path.join(d, "feeds.opml"), "w") as f:
        f.write("<opml><body><outline")
    rc, out, err = rounds(conf, "fetch", "--all", now=at(2))
    is_(rc, 0, "a broken OPML file does not stop the run")
    has(err, "feeds.opml", "the broken OPML file is named")


# --- the command line --------------------------------------------------------
def command_line(conf):
    rc, out, err = rounds(conf, "fetch", "--jobs", "0")
    is_(rc, 64, "--jobs 0 is a usage error")
    rc, out, err = rounds(conf, "fetch", "stray")
    is_(rc, 64, "an argument is a usage error")
    blocker = os.path.join(T, "a-file")
    open(blocker, "w").close()
    rc, out, err = rounds(conf, "--db", os.path.join(blocker, "x.db"), "fetch")
    ok(rc in (73, 74), "a database that cannot be created: exit 73/74", rc)
    rc, out, err = rounds(conf, "-q", "fetch", "--all", now=at(9))
    is_((rc, out), (0, ""), "-q: no summary")


# --- locks, overlap, SIGKILL ---------------------------------------------------
def locking(conf):
    with open(os.path.join(T, "good.db.lock"), "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        rc, out, err = rounds(conf, "fetch", "--all", now=at(6))
        is_(rc, 75, "a second run while the lock is held exits 75")
        has(err, "lock", "and says why")
    procs = [subprocess.Popen([ROUNDS, "--config", conf, "--now", at(8),
                               "fetch", "--all"], env=ENV,
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for _ in range(2)]
    codes = sorted(p.wait(120) for p in procs)
    ok(codes in ([0, 0], [0, 75]), "two runs at once: one waits or exits 75",
       codes)
    is_(q1("good", "PRAGMA integrity_check"), "ok", "integrity after overlap")
    is_(q1("good", "SELECT COUNT(*) FROM entries"), 7, "nothing duplicated")


def kill_loop():
    conf = write_conf("kill", "interval = 0\nparse_threads = 3\n")
    for i in range(24):
        add(conf, BASE + "/feed/clinic.xml?copy=%d" % i)
        add(conf, BASE + "/gz/lab.xml?copy=%d" % i)
    seed = int(os.environ.get("ROUNDS_TEST_SEED", random.randrange(1 << 30)))
    rnd = random.Random(seed)
    print("# kill loop seed %d" % seed)
    bad = []
    for i in range(12):
        p = subprocess.Popen([ROUNDS, "--config", conf, "--now", at(i),
                              "fetch", "--all"], env=ENV,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0.0, 0.6))
        p.send_signal(signal.SIGKILL)
        p.wait()
        r = q1("kill", "PRAGMA integrity_check") \
            if os.path.exists(os.path.join(T, "kill.db")) else "ok"
        if r != "ok":
            bad.append((i, r))
    is_(bad, [], "PRAGMA integrity_check = ok after each SIGKILL")
    rc, out, err = rounds(conf, "fetch", "--all", now=at(20))
    is_(rc, 0, "the next run completes")
    is_(q1("kill", "SELECT COUNT(*) FROM entries"), 24 * 6,
        "every entry once, nothing duplicated")
    is_(q1("kill", "SELECT COUNT(*) FROM (SELECT feed_id, guid FROM entries "
           "GROUP BY feed_id, guid HAVING COUNT(*) > 1)"), 0,
        "no duplicate entry ids")
    is_(q1("kill", "SELECT COUNT(*) FROM comments"), 24 * 5,
        "every comment once")


def main():
    try:
        conf = good_feeds()
        failures()
        quiet_moved()
        local_files()
        opml()
        tls()
        proxy()
        locking(conf)
        command_line(conf)
        kill_loop()
    finally:
        cleanup()
    print("1..%d" % N)
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
