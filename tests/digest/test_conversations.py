"""test_conversations.py: comment threads in the digest, end to end on the
database `mkdb --conversations` builds (one blog, its threads going on from
2026-W47 into W48): commenters' privacy in every output format, the
article's author among the commenters, ranking by discussion, and the
"continued" section of the next week."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from digestlib import ok, done  # noqa: E402

ROUNDS = os.environ["ROUNDS"]
BUILDDIR = os.environ["BUILDDIR"]
MKDB = os.path.join(BUILDDIR, "tests", "digest", "mkdb")
NOW = "2026-12-01T12:00:00Z"


def digest(db, conf, *args):
    e = dict(os.environ)
    e["ROUNDS_NOW"] = NOW
    if "-o" not in args:
        args += ("-o", "-")     # md of a --week: not into the drafts
    p = subprocess.run([ROUNDS, "digest", "--db", db, "--config", conf] +
                       list(args), capture_output=True, env=e, cwd=T)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def model(db, conf, *args):
    rc, out, err = digest(db, conf, "--format", "model", *args)
    if not ok(rc == 0, "digest %s runs" % " ".join(args), err):
        return {}
    return json.loads(out)


def articles(m):
    return {a["title"]: a for s in m.get("sections", [])
            for a in s["articles"]}


def comments(a):
    """Every comment of an article, depth first."""
    out = []

    def walk(cs):
        for c in cs:
            out.append(c)
            walk(c.get("replies", []))
    walk(a.get("comments", []))
    return out


def write_conf(name, text):
    path = os.path.join(T, name)
    with open(path, "w") as f:
        f.write(text)
    return path


T = tempfile.mkdtemp(prefix="rounds-conv.")
try:
    db = os.path.join(T, "rounds.db")
    p = subprocess.run([MKDB, db, "--conversations"], capture_output=True)
    ok(p.returncode == 0, "the fixture database is built", p.stderr.decode())
    plain = write_conf("plain.conf", "[digest]\nmax_comments = 20\n")
    unmasked = write_conf("unmasked.conf", "[digest]\nmax_comments = 20\n"
                          "mask_contacts = no\n")

    # ---- commenters' privacy ----
    m = model(db, plain, "--week", "2026-W47")
    flu = articles(m).get("Flu clinic hours", {})
    jo = next((c for c in comments(flu) if c["id"] == "bn-2-c1"), {})
    ok(jo.get("author") == {"name": "Jo"},
       "a commenter's e-mail address and mailto: uri never reach the model",
       jo.get("author"))
    ok(jo.get("excerpt") == "Mail me at [email] or call [phone] about the "
       "2026-11-30 clinic.", "the excerpt is masked, the date kept",
       jo.get("excerpt"))
    ok(jo.get("html") == "<p>Mail me at [email] or call [phone] about the "
       "2026-11-30 clinic.</p>",
       "the comment HTML is masked, the mailto: link gone", jo.get("html"))
    sam = next((c for c in comments(flu) if c["id"] == "bn-2-c2"), {})
    ok(sam.get("author") == {"name": "[email]"},
       "a commenter named by an e-mail address is masked", sam.get("author"))
    for fmt in ["model", "md", "html", "email", "atom", "rss", "json"]:
        rc, out, err = digest(db, plain, "--week", "2026-W47", "--format",
                              fmt)
        ok(rc == 0 and "jo@example.net" not in out and
           "555-0134" not in out and "sam@example.com" not in out,
           "--format %s shows no commenter's contact details" % fmt, err)
    for fmt, mask in [("md", "\\[phone\\]"), ("html", "[phone]"),
                      ("email", "[phone]")]:
        rc, out, err = digest(db, plain, "--week", "2026-W47", "--format",
                              fmt)
        ok(rc == 0 and mask in out, "--format %s shows the mask" % fmt, err)

    m = model(db, unmasked, "--week", "2026-W47")
    flu = articles(m).get("Flu clinic hours", {})
    jo = next((c for c in comments(flu) if c["id"] == "bn-2-c1"), {})
    ok(jo.get("author") == {"name": "Jo"} and
       "555-0134" in jo.get("excerpt", "") and
       'href="mailto:jo@example.net"' in jo.get("html", ""),
       "mask_contacts = no: the text as written, still no author e-mail",
       json.dumps(jo))
    rc, out, err = digest(db, write_conf("bad.conf", "[digest]\n"
                                         "mask_contacts = maybe\n"))
    ok(rc == 78 and "mask_contacts" in err, "a bad mask_contacts: exit 78",
       err)

    # ---- the article's author, and ranking by discussion ----
    discussed = write_conf("discussed.conf", "[digest]\nmax_comments = 20\n"
                           "order = discussed\n")
    m = model(db, discussed, "--week", "2026-W47")
    ok([a["title"] for s in m.get("sections", []) for a in s["articles"]] ==
       ["Proxy access for teenagers", "Flu clinic hours", "A quiet post"],
       "order = discussed: three people answering each other rank above "
       "six one-off comments", m.get("sections"))
    proxy = articles(m).get("Proxy access for teenagers", {})
    ok([(c["id"], c.get("by_author", False)) for c in comments(proxy)] ==
       [("bn-1-c1", False), ("bn-1-c2", True), ("bn-1-c3", False)],
       "the author's reply is marked (by uri); the next week's comments "
       "wait for the next issue", [c["id"] for c in comments(proxy)])
    ok(proxy.get("discussion") == {"new_comments": 3, "participants": 2,
                                   "depth": 3, "score": 8.5},
       "the discussion figures", proxy.get("discussion"))
    ok("discussion" not in articles(m).get("A quiet post", {}),
       "no comments, no discussion")
    for fmt, label in [("md", "**Ana Ruiz** (author)"),
                       ("html", 'Ana Ruiz</a></strong> <span class="badge">'
                        'author</span>'),
                       ("email", ">author</span>")]:
        rc, out, err = digest(db, plain, "--week", "2026-W47", "--format",
                              fmt)
        ok(rc == 0 and label in out and out.count(label) == 1,
           "--format %s labels the author's comment once" % fmt, err)
    # ---- conversations that go on into the next week ----
    m = model(db, plain, "--week", "2026-W48")
    cont = {a["title"]: a for a in m.get("continued", [])}
    ok(list(cont) == ["Proxy access for teenagers", "Flu clinic hours"],
       "W48 continues the two W47 threads that grew, most discussed first; "
       "not the one whose article is older than the comment window",
       list(cont))
    ok("Week 48 post" in articles(m) and
       not set(cont) & set(articles(m)),
       "the week's own articles stay in the sections, apart",
       list(articles(m)))
    proxy = cont.get("Proxy access for teenagers", {})
    ok([c["id"] for c in comments(proxy)] == ["bn-1-c4", "bn-1-c5",
                                              "bn-1-c6"],
       "only the week's comments, the author's answer nested",
       [c["id"] for c in comments(proxy)])
    top = proxy.get("comments", [{}])
    ok(top[0].get("context") == "Could you share that letter? Ours is "
       "three pages long and nobody reads it." and
       "context" not in top[0].get("replies", [{}])[0] and
       "context" not in top[-1],
       "a comment answering an earlier one quotes it; a reply shown under "
       "its parent and a new top-level comment do not", json.dumps(top))
    ok(proxy.get("discussion", {}).get("new_comments") == 3 and
       "more_comments" not in proxy,
       "the discussion counts the week's comments", proxy.get("discussion"))
    flu = cont.get("Flu clinic hours", {})
    ok([(c["id"], c.get("context")) for c in comments(flu)] ==
       [("bn-2-c7", "Mail me at [email] or call [phone] about the "
         "2026-11-30 clinic.")],
       "the quoted comment is masked like the rest",
       [(c["id"], c.get("context")) for c in comments(flu)])
    m = model(db, unmasked, "--week", "2026-W48")
    flu = {a["title"]: a for a in m.get("continued", [])}.get(
        "Flu clinic hours", {})
    ok("555-0134" in json.dumps(flu), "mask_contacts = no: the quote as "
       "written", json.dumps(flu))
    m = model(db, plain, "--week", "2026-W47")
    ok("continued" not in m, "W47: no earlier thread grew", m.get(
        "continued"))
    m = model(db, plain, "--week", "2026-W49")
    ok("continued" not in m, "W49: the threads are quiet, so none goes on",
       m.get("continued"))
    wide = write_conf("wide.conf", "[digest]\nmax_comments = 20\n"
                      "[fetch]\ncomment_window_days = 30\n")
    m = model(db, wide, "--week", "2026-W48")
    ok([a["title"] for a in m.get("continued", [])] ==
       ["Proxy access for teenagers", "Flu clinic hours", "An old thread"],
       "a comment window of 30 days reaches the older article",
       [a["title"] for a in m.get("continued", [])])
    shut = write_conf("shut.conf", "[fetch]\ncomment_window_days = 0\n")
    m = model(db, shut, "--week", "2026-W48")
    ok("continued" not in m, "no comment window, no continued section")
    short = write_conf("short.conf", "[digest]\nmax_comments = 1\n")
    m = model(db, short, "--week", "2026-W48")
    proxy = {a["title"]: a for a in m.get("continued", [])}.get(
        "Proxy access for teenagers", {})
    ok(len(comments(proxy)) == 1 and proxy.get("more_comments") == 2,
       "trimmed: more_comments counts the week's comments not shown",
       json.dumps(proxy))
    m = model(db, plain, "--week", "2026-W48", "--feed",
              "https://bedside.example/feed")
    ok(len(m.get("continued", [])) == 2, "--feed keeps the feed's threads")
    # ---- a week of conversations alone, through the editor's draft ----
    only = write_conf("only.conf", "[digest]\nmax_comments = 20\n"
                      "exclude = \"a new week\"\n[site]\ndrafts = drafts\n")
    rc, out, err = digest(db, only, "--week", "2026-W48", "-o",
                          os.path.join(T, "drafts", "2026-W48.md"))
    ok(rc == 0, "a draft of a week whose only news is conversations", err)
    rc, out, err = digest(db, only, "--week", "2026-W48", "--check")
    ok(rc == 0 and "kept: Proxy access for teenagers" in out and
       "kept: Flu clinic hours" in out and "0 articles" in out,
       "--check of it, untouched: both conversations kept", out + err)
    m = model(db, only, "--week", "2026-W48")
    ok("note" not in m and m.get("sections") == [] and
       len(m.get("continued", [])) == 2,
       "the empty week's line is no editor's note; the conversations stay",
       json.dumps({k: m.get(k) for k in ("note", "sections")}))
finally:
    shutil.rmtree(T)

done()
