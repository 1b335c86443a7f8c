#!/usr/bin/env python3
"""Comment feeds that feeds do not announce, found by `rounds fetch`
against tests/fetch/server.py on 127.0.0.1: WordPress's per-post feed,
the article page's <head>, none found and not asked again before its
time, the fetch rules on page fetches (caps, addresses, per-host limit),
[feeds] comments = auto|feed-only|off, the pause in looks for a feed whose
articles keep naming none, and what `feeds list -v`, `--json` and `health`
say of it all.  Prints TAP."""
import email.utils
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


T = tempfile.mkdtemp(prefix="rounds-discover.")
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



def paths_of(reqs):
    return [r["path"] for r in reqs]


def slug(url):
    """pg-quiet for .../post/pg-quiet/ and .../post/pg-quiet/feed/"""
    parts = url.rstrip("/").split("/")
    return parts[parts.index("post") + 1] if "post" in parts else parts[-1]


def looks(name):
    return {slug(row[0]): row[1:]
            for row in q(name, "SELECT url, how, result, found, misses,"
                         " next_look FROM discoveries")}


# --- WordPress: the post's address + feed/ --------------------------------
def wordpress():
    conf = write_conf("wp")
    is_(add(conf, BASE + "/feed/wpblog.xml"), 0, "feeds add a WordPress blog")
    m = mark()
    rc, out, err = rounds(conf, "fetch")
    is_(rc, 0, "fetch exits 0")
    p = paths_of(since(m))
    ok("/post/wp-downtime/feed/" in p,
       "WordPress: the post URL + feed/ is asked", p)
    ok("/post/wp-downtime/" not in p, "... and not the page", p)
    ok("/post/wp-old/feed/" not in p,
       "an entry older than the comment window is not looked at", p)
    ok("/post/wp-named/feed/" not in p and "/feed/wp-named-thread.xml" in p,
       "an announced comment feed is read, no look made", p)
    is_(p.count("/post/wp-downtime/feed/"), 1,
        "the found feed is read once, as the look")
    is_(q1("wp", "SELECT COUNT(*) FROM comments c JOIN entries e ON "
           "e.id = c.entry_id WHERE e.link LIKE '%wp-downtime/'"), 2,
        "its comments are stored with their entry")
    lk = looks("wp")
    is_(lk.get("wp-downtime", [None] * 3)[:3],
        ("wordpress", "found", BASE + "/post/wp-downtime/feed/"),
        "the find is remembered")
    is_(lk.get("wp-closed", [None] * 2)[:2], ("wordpress", "none"),
        "a 404 is remembered as none found")
    is_(q1("wp", "SELECT COUNT(*) FROM fetch_log WHERE url LIKE "
           "'%/wp-downtime/feed/'"), 1,
        "the guess that was the comment feed is logged once")
    is_(q1("wp", "SELECT result || ' ' || http_status FROM fetch_log "
           "WHERE url LIKE '%/wp-closed/feed/'"), "ok 404",
        "the guess that was not is logged with its answer")
    m = mark()
    rc, out, err = rounds(conf, "fetch", now=at(2))
    p = paths_of(since(m))
    ok("/post/wp-closed/feed/" not in p,
       "two hours later the miss is not asked again", p)
    ok("/post/wp-downtime/feed/" in p,
       "the found feed is read as a comment feed from then on", p)
    hdr = [r["headers"] for r in since(m)
           if r["path"] == "/post/wp-downtime/feed/"]
    ok(hdr and "if-none-match" in hdr[0],
       "... conditionally", hdr)


# --- the article page's <head> --------------------------------------------
def page_head():
    conf = write_conf("page")
    is_(add(conf, BASE + "/feed/pageblog.xml"), 0, "feeds add a blog")
    m = mark()
    rc, out, err = rounds(conf, "fetch")
    is_(rc, 0, "fetch exits 0")
    reqs = since(m)
    p = paths_of(reqs)
    ok("/post/pg-labcodes/" in p, "the article page is fetched", p)
    ok("/post/pg-labcodes/feed/" not in p,
       "no WordPress guess when the generator is not WordPress", p)
    ok("/feed/pg-labcodes-thread.xml" in p,
       "the comment feed its <head> names is read in the same run", p)
    ok("/comments/feed/" not in p, "the site's comment feed is not", p)
    is_(q1("page", "SELECT COUNT(*) FROM comments c JOIN entries e ON "
           "e.id = c.entry_id WHERE e.link LIKE '%pg-labcodes/'"), 2,
        "its comments are stored with their entry")
    is_(q1("page", "SELECT COUNT(*) FROM comments WHERE parent_guid "
           "IS NOT NULL"), 1, "threaded as the feed says")
    lk = looks("page")
    is_(lk.get("pg-labcodes", [None] * 3)[:3],
        ("page", "found", BASE + "/feed/pg-labcodes-thread.xml"),
        "the find is remembered")
    is_(lk.get("pg-quiet", [None] * 2)[:2], ("page", "none"),
        "a page without one: none found")
    # caps and address rules: the same as for feeds
    ok(not any(r["listener"] != "main" for r in reqs),
       "no page fetch reached another port (canary)",
       [r for r in reqs if r["listener"] != "main"])
    is_(lk.get("pg-inside", [None] * 2)[:2], ("page", "error"),
        "a page on a private address of another port is refused")
    has(q1("page", "SELECT error FROM fetch_log WHERE url LIKE "
           "'%pg-inside/'"), "private or loopback",
        "... and the log says why")
    has(q1("page", "SELECT error FROM fetch_log WHERE url LIKE "
           "'%/to-canary-port'"), "refused",
        "a page redirecting into the local network is refused")
    has(q1("page", "SELECT error FROM fetch_log WHERE url LIKE "
           "'%/endless'"), "larger than 262144 bytes",
        "a page over max_bytes is cut off")
    ok(not any(r["path"].startswith("/etc") for r in reqs) and
       q1("page", "SELECT COUNT(*) FROM discoveries WHERE url LIKE "
          "'file:%' AND result <> 'error'") == 0,
       "a file: link is never read")
    return conf


def not_again(conf):
    quiet = BASE + "/post/pg-quiet/"
    m = mark()
    rc, out, err = rounds(conf, "fetch", "--all", now=at(20))
    p = paths_of(since(m))
    ok("/feed/pageblog.xml" in p, "the feed is fetched again", p)
    ok("/post/pg-quiet/" not in p and "/post/pg-labcodes/" not in p,
       "20 hours later no page is fetched again", p)
    m = mark()
    rc, out, err = rounds(conf, "fetch", "--all", now=at(25))
    reqs = [r for r in since(m) if r["path"] == "/post/pg-quiet/"]
    is_(len(reqs), 1, "a day later the page without one is looked at again")
    ok(reqs and "if-none-match" in reqs[0]["headers"],
       "... with a conditional GET", reqs)
    ok("/post/pg-labcodes/" not in paths_of(since(m)),
       "the page whose feed was found is never fetched again")
    row = q("page", "SELECT result, misses, next_look FROM discoveries "
            "WHERE url = ?", quiet)
    is_(row and row[0][:2], ("none", 2), "a 304 counts as none found again")
    is_(row and row[0][2], epoch(at(25)) + 2 * 86400,
        "the next look waits twice as long")
    m = mark()
    rounds(conf, "fetch", "--all", now=at(25 + 47))
    ok("/post/pg-quiet/" not in paths_of(since(m)),
       "not before that time, even with --all")


# --- page fetches keep the per-host limit ---------------------------------
def per_host():
    for limit in (1, 2):
        name = "hold-%d" % limit
        conf = write_conf(name, "jobs = 8\nper_host = %d\n" % limit)
        add(conf, BASE + "/feed/holdblog.xml?" + name)
        m = mark()
        rc, out, err = rounds(conf, "fetch")
        held = [r.get("active", 0) for r in since(m)
                if r["path"].startswith("/hold/")]
        is_((rc, len(held)), (0, 4),
            "per_host = %d: the four slow pages are looked at" % limit)
        is_(max(held or [0]), limit,
            "per_host = %d: at most %d page fetches at once to the host"
            % (limit, limit))


# --- [feeds] comments = auto | feed-only | off ----------------------------
def modes():
    seen, listed = {}, {}
    for mode in ("auto", "feed-only", "off"):
        name = "mode-" + mode
        url = BASE + "/feed/wpblog.xml?" + name
        conf = write_conf(name, "\n[feed:blog]\nurl = %s\ncomments = %s\n"
                          % (url, mode))
        add(conf, url)
        m = mark()
        rc, out, err = rounds(conf, "fetch")
        is_(rc, 0, "comments = %s: fetch exits 0" % mode)
        seen[mode] = paths_of(since(m))
        rc, out, err = rounds(conf, "feeds", "list", "-v")
        listed[mode] = [l.strip() for l in out.splitlines()
                        if "comments:" in l]
    is_(listed["auto"], ["comments: auto; looks: 1 found, 1 looking, 0 "
                         "given up; next look 2026-11-25 12:00"],
        "feeds list -v: auto, with what the looks found and the next look")
    is_(listed["feed-only"], ["comments: feed-only; only the comment feeds "
                              "articles announce, no looks"],
        "feeds list -v: feed-only")
    is_(listed["off"], ["comments: off; no comment feeds read"],
        "feeds list -v: off")
    ok("/post/wp-downtime/feed/" in seen["auto"], "auto looks")
    ok("/feed/wp-named-thread.xml" in seen["feed-only"] and
       "/post/wp-downtime/feed/" not in seen["feed-only"],
       "feed-only reads announced comment feeds, looks for none",
       seen["feed-only"])
    ok(all(not p.startswith("/post/") and "thread" not in p
           for p in seen["off"]) and len(seen["off"]) == 1,
       "off reads no comment feed at all", seen["off"])
    # the default for every feed, under [feeds]
    url = BASE + "/feed/wpblog.xml?default-off"
    conf = write_conf("mode-default", "\n[feeds]\ncomments = feed-only\n")
    add(conf, url)
    m = mark()
    rounds(conf, "fetch")
    p = paths_of(since(m))
    ok("/post/wp-downtime/feed/" not in p and
       "/feed/wp-named-thread.xml" in p,
       "[feeds] comments is every feed's default", p)
    bad = write_conf("mode-bad", "\n[feed:blog]\nurl = %s\ncomments = "
                     "sometimes\n" % url)
    rc, out, err = rounds(bad, "fetch")
    is_(rc, 78, "a bad value is a configuration error")
    has(err, "line 15: [feed:blog] comments = 'sometimes': expected one of "
        "auto|feed-only|off", "... naming file line and what is allowed")
    has(err, bad, "... and the file")
    bad = write_conf("mode-nourl", "\n[feed:blog]\ncomments = off\n")
    rc, out, err = rounds(bad, "fetch")
    is_(rc, 78, "a [feed:NAME] section without url is an error")
    has(err, "[feed:blog] names no feed", "... saying so")


# --- a feed whose articles keep naming no comment feed ----------------------
def quiet_feed(items):
    """Writes quietblog.xml: items are (query, hours after NOW, slug,
    title), the article at @BASE@/post/SLUG/?QUERY."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0">',
           "<channel>", "<title>Quiet Rounds</title>",
           "<link>@BASE@/</link>", "<description>No one comments; the "
           "pages name no comment feed.</description>",
           "<generator>Hugo 0.121</generator>"]
    for query, hours, slug_, title in items:
        link = "@BASE@/post/%s/%s" % (slug_, "?" + query if query else "")
        out += ["<item>", "<title>%s</title>" % title,
                "<link>%s</link>" % link, "<guid>%s</guid>" % link,
                "<pubDate>%s</pubDate>" % email.utils.formatdate(
                    epoch(at(hours)), usegmt=True),
                "<description>Nothing to say.</description>", "</item>"]
    out += ["</channel>", "</rss>", ""]
    with open(os.path.join(DATA, "quietblog.xml"), "w") as f:
        f.write("\n".join(out))


def quiet(n, hours):
    return ("a=%d" % n, hours, "pg-quiet", "A page that names no comment "
            "feed")


def pages(reqs):
    return [r["path"] for r in reqs if r["path"].startswith("/post/")]


def looks_state(name):
    return q(name, "SELECT look_misses, look_pauses, look_until FROM feeds")[0]


def paused():
    # jobs = 1 and no parser threads: each look is stored before the
    # next one starts, so the pause falls exactly after the fifth
    conf = write_conf("paused", "jobs = 1\nparse_threads = 0\n")
    items = [quiet(n, -n) for n in range(1, 8)]
    quiet_feed(items)
    is_(add(conf, BASE + "/feed/quietblog.xml"), 0, "feeds add a quiet blog")
    m = mark()
    rc, out, err = rounds(conf, "-v", "fetch")
    is_(rc, 0, "fetch exits 0")
    is_(len(pages(since(m))), 5,
        "five articles in a row whose pages name none: five looks, the "
        "other two not asked")
    is_(looks_state("paused"), (5, 1, epoch(NOW) + 7 * 86400),
        "the feed's looks are paused for a week, in the database")
    is_(err.count("no comment feed found for the last 5 articles"), 1,
        "-v says so once")
    has(err, "until 2026-12-01 12:00 UTC", "... and until when")
    is_(q1("paused", "SELECT COUNT(*) FROM discoveries"), 5,
        "the two articles not asked have no look recorded")

    # what the operator sees
    rc, out, err = rounds(conf, "feeds", "list")
    ok(rc == 0 and "comments:" not in out,
       "feeds list without -v is as it was", out)
    rc, out, err = rounds(conf, "feeds", "list", "-v")
    has(out, "\n      comments: auto; looks: 0 found, 7 looking, 0 given up;"
        " paused until 2026-12-01 12:00 after 5 articles in a row without"
        " one (pause 1)\n", "feeds list -v: the mode and the pause")
    rc, out, err = rounds(conf, "feeds", "list", "--json")
    c = json.loads(out)[0].get("comments", {}) if rc == 0 else {}
    is_(c, {"mode": "auto", "found": 0, "looking": 7, "given_up": 0,
            "next_look": "2026-12-01T12:00:00Z", "misses": 5, "pauses": 1,
            "paused_until": "2026-12-01T12:00:00Z"},
        "feeds list --json: the same")
    rc, out, err = rounds(conf, "feeds", "health")
    has(out, "looks-paused  " + BASE + "/feed/quietblog.xml",
        "feeds health names the feed")
    has(out, "no comment feed found for 5 articles in a row; no look at "
        "its articles until 2026-12-01 12:00", "... and the pause")
    fo = os.path.join(T, "paused-fo.conf")
    with open(fo, "w") as f:
        f.write("[rounds]\ndb = paused.db\n\n[feed:quiet]\nurl = %s\n"
                "comments = feed-only\n" % (BASE + "/feed/quietblog.xml"))
    rc, out, err = rounds(fo, "feeds", "health")
    has(out, "all 1 feed look fine",
        "... not once the feed's comments are feed-only")

    # new articles while paused: no page is asked, old or new
    items += [quiet(8, 24), quiet(9, 47)]
    quiet_feed(items)
    m = mark()
    rc, out, err = rounds(conf, "-v", "fetch", "--all", now=at(48))
    p = paths_of(since(m))
    ok(rc == 0 and "/feed/quietblog.xml" in p, "two days on the feed is "
       "fetched, with two new articles", p)
    is_(pages(since(m)), [], "no page request while the looks are paused")
    is_(q1("paused", "SELECT COUNT(*) FROM entries"), 9, "... the new "
        "articles are stored")
    ok("no comment feed" not in err, "... nothing said again", err)

    # after the week, one article: the newest never looked at
    t3 = 7 * 24 + 1
    m = mark()
    rc, out, err = rounds(conf, "-v", "fetch", "--all", now=at(t3))
    is_(pages(since(m)), ["/post/pg-quiet/?a=9"],
        "after the week one page is asked: the newest article's")
    is_(looks_state("paused"), (6, 2, epoch(at(t3)) + 14 * 86400),
        "it names none: the next pause is two weeks")
    is_(err.count("still no comment feed (6 articles in a row)"), 1,
        "-v says so once")
    m = mark()
    rounds(conf, "fetch", "--all", now=at(t3 + 13 * 24))
    is_(pages(since(m)), [], "none asked during the second pause")

    # a success ends the pauses
    t4 = t3 + 14 * 24 + 1
    quiet_feed(items + [quiet(10, t4 - 2),
                        ("", t4 - 1, "pg-labcodes",
                         "Mapping lab codes without losing sleep")])
    m = mark()
    rc, out, err = rounds(conf, "-v", "fetch", "--all", now=at(t4))
    p = paths_of(since(m))
    is_(pages(since(m)), ["/post/pg-labcodes/"],
        "after it one page again, the newest article's")
    ok("/feed/pg-labcodes-thread.xml" in p,
       "the comment feed it names is read", p)
    is_(looks_state("paused"), (0, 0, 0), "a find ends the pauses")
    has(err, "looks go on for every new article", "-v says so")
    m = mark()
    rounds(conf, "fetch", now=at(t4 + 1))
    is_(pages(since(m)), ["/post/pg-quiet/?a=10"],
        "the next fetch looks at the other new article")
    rc, out, err = rounds(conf, "feeds", "list", "-v", now=at(t4 + 1))
    has(out, "comments: auto; looks: 1 found, 1 looking, 6 given up; "
        "next look 2026-12-16 15:00\n",
        "feeds list -v: found, looking, given up and the next look")


def main():
    try:
        wordpress()
        conf = page_head()
        not_again(conf)
        per_host()
        modes()
        paused()
    finally:
        cleanup()
    print("1..%d" % N)
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
