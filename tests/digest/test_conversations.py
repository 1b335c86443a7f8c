"""test_conversations.py: comment threads in the digest, end to end on the
database `mkdb --conversations` builds (one blog, its threads going on from
2026-W47 into W48): commenters' privacy in every output format, the
article's author among the commenters, ranking by discussion."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROUNDS = os.environ["ROUNDS"]
BUILDDIR = os.environ["BUILDDIR"]
MKDB = os.path.join(BUILDDIR, "tests", "digest", "mkdb")
NOW = "2026-12-01T12:00:00Z"

n = 0
failed = 0


def ok(cond, desc, diag=None):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, desc))
    if not cond:
        failed += 1
        for line in str(diag or "").splitlines()[:15]:
            print("#   " + line)
    sys.stdout.flush()
    return cond


def digest(db, conf, *args):
    e = dict(os.environ)
    e["ROUNDS_NOW"] = NOW
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
finally:
    shutil.rmtree(T)

print("1..%d" % n)
sys.exit(1 if failed else 0)
