"""test_digest.py: `rounds digest` end to end on a small database built
through the store (tests/digest/mkdb), with the clock fixed.  Golden model
files are in tests/data/digest/; ROUNDS_REGEN=1 rewrites them."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from digestlib import ok, done  # noqa: E402

ROUNDS = os.environ["ROUNDS"]
SRCDIR = os.environ["SRCDIR"]
BUILDDIR = os.environ["BUILDDIR"]
DATA = os.path.join(SRCDIR, "tests", "data", "digest")
MKDB = os.path.join(BUILDDIR, "tests", "digest", "mkdb")
NOW = "2026-11-24T12:00:00Z"
REGEN = os.environ.get("ROUNDS_REGEN") == "1"


def digest(db, *args, conf="source.conf", env=None):
    e = dict(os.environ)
    e["ROUNDS_NOW"] = NOW
    e.update(env or {})
    cmd = [ROUNDS, "digest", "--db", db, "--config",
           os.path.join(DATA, conf)] + list(args)
    p = subprocess.run(cmd, capture_output=True, env=e, cwd=T)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def model(db, *args, conf="source.conf"):
    rc, out, err = digest(db, "--format", "model", *args, conf=conf)
    if rc != 0:
        ok(False, "digest %s runs" % " ".join(args), err)
        return {}
    return json.loads(out)


def golden(name, db, *args, conf="source.conf"):
    path = os.path.join(DATA, name)
    rc, out, err = digest(db, "--format", "model", *args, conf=conf)
    if REGEN and rc == 0:
        with open(path, "w", encoding="utf-8") as f:
            f.write(out)
    with open(path, encoding="utf-8") as f:
        want = f.read()
    diff = ""
    if out != want:
        wl, gl = want.splitlines(), out.splitlines()
        for i in range(max(len(wl), len(gl))):
            w = wl[i] if i < len(wl) else "(end)"
            g = gl[i] if i < len(gl) else "(end)"
            if w != g:
                diff = "line %d\nwant: %s\ngot:  %s\n%s" % (i + 1, w, g,
                                                            err)
                break
    ok(rc == 0 and out == want, "model %s matches %s" % (" ".join(args),
                                                         name), diff)
    return out


def titles(m):
    return [a["title"] for s in m.get("sections", [])
            for a in s["articles"]]


def walk_keys(v, path=""):
    """Paths of values that are null or "" (never allowed)."""
    bad = []
    if isinstance(v, dict):
        for k, x in v.items():
            bad += walk_keys(x, path + "." + k)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            bad += walk_keys(x, "%s[%d]" % (path, i))
    elif v is None or v == "" or v == [] or v == {}:
        bad.append(path)
    return bad


T = tempfile.mkdtemp(prefix="rounds-digest.")
try:
    db = os.path.join(T, "rounds.db")
    p = subprocess.run([MKDB, db], capture_output=True)
    ok(p.returncode == 0, "the fixture database is built",
       p.stderr.decode())

    # The default window is the last complete week before the clock.
    week = golden("week.json", db)
    same = golden("week.json", db, "--week", "2026-W47")
    ok(week == same, "the default week is 2026-W47")
    m = json.loads(week) if week else {}
    ok(list(m.keys()) == ["title", "issue", "week", "since", "until",
                          "generated", "site", "sections", "article_count",
                          "comment_count"],
       "top-level keys in the documented order", str(list(m.keys())))
    ok(walk_keys(m) == [], "no null, empty string or empty array",
       str(walk_keys(m)))
    ok(m.get("since") == "2026-11-16T00:00:00Z" and
       m.get("until") == "2026-11-23T00:00:00Z", "the week's window")
    ok("Last month's downtime drill" not in titles(m) and
       "Monday morning huddle" not in titles(m),
       "entries outside [since, until) are left out")
    ok("TEFCA participation: a reading list" in titles(m),
       "an entry at exactly since is in")
    ok("Prior authorization rules, explained" in titles(m),
       "an entry without dates counts by when it was first seen")
    ok(titles(m).count("Our FHIR migration, week three") == 1 and
       "Our FHIR Migration \u2014 Week Three!" not in titles(m),
       "the same title from two feeds is one story, the earliest kept")
    ok("Reposted: ambient scribes after six months" not in titles(m),
       "the same canonical link is one story")
    arts = {a["title"]: a for s in m.get("sections", [])
            for a in s["articles"]}
    ok(arts.get("Our FHIR migration, week three", {}).get("also") ==
       [{"title": "The Interop Desk",
         "link": "https://interop-desk.example/posts/ward-notes-fhir"}],
       "the other source is listed under also")
    ok(titles(m).count("Links for the week") == 2,
       "the same title twice in one feed stays two stories")
    amb = arts.get("Ambient scribes after six months", {})
    ok([c["id"] for c in amb.get("comments", [])] ==
       ["urn:wn:c11", "urn:wn:c13", "urn:wn:c15"] and
       amb["comments"][0]["replies"][0]["replies"][0]["id"] == "urn:wn:c14",
       "replies nest under their parents, oldest first")
    tefca = arts.get("TEFCA participation: a reading list", {})
    ok([c["id"] for c in tefca.get("comments", [])] ==
       ["urn:desk:k1", "urn:desk:k2"],
       "a reply to an unknown comment is top-level")
    ok(amb.get("comment_count") == 4 and "more_comments" not in amb and
       tefca.get("comment_count") == 2,
       "comment_count: as the feed says, else as fetched")
    rc2, again, _ = digest(db, "--format", "model")
    ok(again == week, "the same database, config and clock: same bytes")

    # The other formats take the same model.
    for fmt, want in [("md", "Breach reporting timelines"),
                      ("html", "Breach reporting timelines"),
                      ("atom", "Breach reporting timelines"),
                      ("rss", "Breach reporting timelines"),
                      ("json", "Breach reporting timelines")]:
        rc, out, err = digest(db, "--format", fmt)
        ok(rc == 0 and want in out, "--format %s" % fmt, err)

    # Windows given as dates and durations.
    rc, out, err = digest(db, "--format", "model", "--since", "2026-11-16",
                          "--until", "2026-11-23")
    d = json.loads(out) if rc == 0 else {}
    ok(rc == 0 and "week" not in d and titles(d) == titles(m),
       "--since/--until dates give the same articles, no week", err)
    ok(d.get("title") == "Health IT Rounds \u2014 2026-11-16 to 2026-11-22",
       "a dated title names the first and last days", d.get("title"))
    d = model(db, "--since", "7d")
    ok(d.get("since") == "2026-11-17T12:00:00Z" and
       d.get("until") == "2026-11-24T12:00:00Z", "--since 7d: back from now")
    ok("Ambient scribes after six months" not in titles(d) and
       "Breach reporting timelines" in titles(d), "  and selects by it")

    # Bad values: exit 64, naming the value.
    for args, name in [(["--week", "2026-W54"], "2026-W54"),
                       (["--week", "47"], "47"),
                       (["--since", "yesterday"], "yesterday"),
                       (["--since", "2026-11-16", "--until", "soon"], "soon"),
                       (["--format", "pdf"], "pdf")]:
        rc, out, err = digest(db, *args)
        ok(rc == 64 and name in err, "%s: exit 64 naming it" % " ".join(args),
           "exit %d: %s" % (rc, err))
    rc, out, err = digest(db, "--week", "2026-W47", "--since", "7d")
    ok(rc == 64, "--week with --since is a usage error")
    rc, out, err = digest(db, "--since", "2026-11-23", "--until",
                          "2026-11-16")
    ok(rc == 64 and "empty" in err, "a window that ends first is refused",
       err)
    rc, out, err = digest(os.path.join(T, "none.db"), "--format", "model")
    ok(rc == 66 and "rounds fetch" in err and
       not os.path.exists(os.path.join(T, "none.db")),
       "a missing database: exit 66, says what to run, creates nothing",
       "exit %d: %s" % (rc, err))

    # Filters.
    d = model(db, "--tag", "security")
    ok(titles(d) == ["Breach reporting timelines", "Links for the week",
                     "Links for the week",
                     "Reposted: ambient scribes after six months"],
       "--tag: only those feeds (and no longer a duplicate)",
       str(titles(d)))
    d = model(db, "--feed", "https://interop-desk.example/feed", "--feed",
              "https://ward-notes.example/feed")
    ok([s["title"] for s in d.get("sections", [])] ==
       ["The Interop Desk", "Ward Notes"], "--feed twice: those feeds")
    with open(os.path.join(T, "tags.conf"), "w") as f:
        f.write("[digest]\ntags = policy, security\norder = discussed\n")
    d = model(db, conf=os.path.join(T, "tags.conf"))
    ok([s["title"] for s in d.get("sections", [])] ==
       ["Quiet Ledger", "The Interop Desk"], "[digest] tags picks feeds")
    ok(titles(d)[4:] == ["TEFCA participation: a reading list",
                         "Our FHIR Migration \u2014 Week Three!",
                         "Prior authorization rules, explained"],
       "order = discussed: most comments first", str(titles(d)))
    d = model(db, "--tag", "clinical", conf=os.path.join(T, "tags.conf"))
    ok([s["title"] for s in d.get("sections", [])] == ["Ward Notes"],
       "--tag replaces [digest] tags")
    rc, out, err = digest(db, "--format", "model", "--now",
                          "2026-11-20T12:00:00Z")
    d = json.loads(out) if rc == 0 else {}
    ok(d.get("week") == "2026-W46" and
       d.get("generated") == "2026-11-20T12:00:00Z",
       "--now sets the clock: the default week follows it", err)
    rc, out, err = digest(db, "--feed", "https://nowhere.example/feed")
    ok(rc == 65 and "nowhere.example" in err, "--feed not subscribed: 65",
       err)

    # Grouping by topic, ordered by discussion; trimmed threads.
    golden("topic.json", db, conf="topic.conf")
    d = model(db, conf="topic.conf")
    sec = [s["title"] for s in d.get("sections", [])]
    ok(sec[-1:] == ["Other"] or "Other" not in sec, "Other comes last",
       str(sec))
    arts = {a["title"]: a for s in d.get("sections", [])
            for a in s["articles"]}
    amb = arts.get("Ambient scribes after six months", {})
    shown = []

    def flat(cs):
        for c in cs:
            shown.append(c["id"])
            flat(c.get("replies", []))
    flat(amb.get("comments", []))
    ok(shown == ["urn:wn:c11", "urn:wn:c12", "urn:wn:c14"],
       "max_comments 3: the first thread whole, depth first", str(shown))
    ok(amb.get("more_comments") == 2, "more_comments counts the rest",
       str(amb.get("more_comments")))
    ok(all(len(a.get("excerpt", "")) <= 60 + 3 for a in arts.values()),
       "excerpt_length is kept")

    golden("topics-own.json", db, conf="topics-own.conf")
    d = model(db, conf="topics-own.conf")
    ok([s["title"] for s in d.get("sections", [])] == ["Standards", "Other"],
       "the config's own topics replace the built-in ones",
       str([s["title"] for s in d.get("sections", [])]))
    src = sorted(a["source"]["title"] for s in d.get("sections", [])
                 for a in s["articles"])
    ok(src == ["Quiet Ledger", "The Interop Desk", "Ward Notes"],
       "per_feed 1: the newest of each feed", str(src))
    ok("Prior authorization rules, explained" in titles(d),
       "  (an undated entry by when it was first seen)")

    # Keyword rules.
    with open(os.path.join(T, "inc.conf"), "w") as f:
        f.write("[digest]\ninclude = fhir, \"prior authorization\"\n"
                "exclude = tefca\n")
    d = model(db, conf=os.path.join(T, "inc.conf"))
    ok(sorted(titles(d)) == ["Our FHIR migration, week three",
                             "Prior authorization rules, explained"],
       "include and exclude rules", str(titles(d)))
    with open(os.path.join(T, "bad.conf"), "w") as f:
        f.write("[digest]\ngroup = mood\n")
    rc, out, err = digest(db, conf=os.path.join(T, "bad.conf"))
    ok(rc == 78 and "mood" in err, "a bad group setting: exit 78", err)

    # -o writes atomically, making the directory.
    out_path = os.path.join(T, "drafts", "2026-W47.json")
    rc, out, err = digest(db, "--format", "model", "-o", out_path)
    ok(rc == 0 and out == "" and os.path.exists(out_path) and
       open(out_path, encoding="utf-8").read() == week,
       "-o FILE: the same model, directory made", err)

    # Issue numbers: the issues table's for the week, else max + 1.
    ok(m.get("issue") == 1, "no issues yet: number 1")
    subprocess.run([MKDB, db, "--issue", "2026-W45", "12"], check=True)
    ok(model(db).get("issue") == 13, "an unpublished week: max + 1")
    subprocess.run([MKDB, db, "--issue", "2026-W47", "9"], check=True)
    ok(model(db).get("issue") == 9, "a published week keeps its number")

    # Time zones: the week starts at local midnight.
    with open(os.path.join(T, "tz.conf"), "w") as f:
        f.write("[digest]\ntimezone = <+01>-1\n")
    d = model(db, "--week", "2026-W47", conf=os.path.join(T, "tz.conf"))
    ok(d.get("since") == "2026-11-15T23:00:00Z" and
       "Monday morning huddle" not in titles(d) and
       "Breach reporting timelines" not in titles(d),
       "[digest] timezone moves the window", str(d.get("since")))
finally:
    shutil.rmtree(T)

done()
