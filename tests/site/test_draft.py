#!/usr/bin/env python3
"""The editor's draft of the sample's week 2026-W47 (clock fixed, see
sitelib.py): an untouched draft publishes byte for byte as no draft; an
edited one (tests/site/draftedit.py: cut, move, edit, add, a note, a cut
comment) gives the model it says, golden files in every format
(tests/data/site/golden/edited/), and `digest --check` reports it; a
draft publish cannot read is an error naming file and line that leaves
the site as it was.  ROUNDS_REGEN=1 rewrites the golden files.  TAP."""
import difflib
import email
import email.policy
import filecmp
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitelib import SRCDIR, ok, is_, done, rounds, make_sample, cleanup  # noqa
import draftedit  # noqa

GOLDEN = os.path.join(SRCDIR, "tests", "data", "site", "golden", "edited")
REGEN = os.environ.get("ROUNDS_REGEN") == "1"
WEEK = "2026-W47"
FORMATS = (("md", "md"), ("html", "html"), ("atom", "atom"),
           ("rss", "rss"), ("json", "json"), ("email", "eml"))

tmp = make_sample()
drafts = os.path.join(tmp, "drafts")
draft = os.path.join(drafts, WEEK + ".md")
site = os.path.join(tmp, "site")


def same_tree(a, b):
    """The files that differ between directories a and b."""
    diff = []

    def walk(c, rel):
        diff.extend(os.path.join(rel, f) for f in
                    c.diff_files + c.left_only + c.right_only)
        for name, sub in c.subdirs.items():
            walk(sub, os.path.join(rel, name))
    walk(filecmp.dircmp(a, b, ignore=[]), "")
    # dircmp compares by stat first: check every common file's bytes
    for root, _, files in os.walk(a):
        for f in files:
            p = os.path.join(root, f)
            q = os.path.join(b, os.path.relpath(p, a))
            if os.path.exists(q) and not filecmp.cmp(p, q, shallow=False):
                diff.append(os.path.relpath(p, a))
    return sorted(set(diff))


def check(name, data):
    data = data.replace(os.path.realpath(tmp).encode(), b"@TMP@")
    data = data.replace(tmp.encode(), b"@TMP@")
    path = os.path.join(GOLDEN, name)
    if REGEN:
        os.makedirs(GOLDEN, exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    want = open(path, "rb").read() if os.path.exists(path) else None
    diff = ""
    if want is not None and want != data:
        diff = "".join(list(difflib.unified_diff(
            want.decode("utf-8", "replace").splitlines(True),
            data.decode("utf-8", "replace").splitlines(True),
            "golden/edited/" + name, "now"))[:30])
    ok(want == data, "golden: edited " + name, diff or "no file " + path)


def outputs():
    out = {}
    for fmt, _ in FORMATS[1:]:
        r = rounds(tmp, "digest", "--week", WEEK, "--format", fmt)
        out[fmt] = r.stdout if r.returncode == 0 else r.stderr
    return out


# No draft: the reference site and outputs.
r = rounds(tmp, "publish")
ok(r.returncode == 0, "publish without a draft", r.stderr.decode())
shutil.copytree(site, os.path.join(tmp, "site0"))
plain = outputs()

# An untouched draft: nothing changes, byte for byte.
md = rounds(tmp, "digest", "--week", WEEK, "--format", "md",
            "-o", "-").stdout
os.makedirs(drafts)
with open(draft, "wb") as f:
    f.write(md)
r = rounds(tmp, "publish")
ok(r.returncode == 0, "publish with an untouched draft", r.stderr.decode())
ok(("the editor's draft " + draft) in r.stdout.decode(),
   "publish names the draft it used", r.stdout.decode())
is_(same_tree(os.path.join(tmp, "site0"), site), [],
    "an untouched draft publishes exactly as no draft")
is_(outputs(), plain, "digest html|atom|rss|json|email: an untouched "
    "draft changes nothing")
r = rounds(tmp, "digest", "--week", WEEK, "--check")
out = r.stdout.decode()
ok(r.returncode == 0 and "14 articles, 33 comments" in out and
   ": cut:" not in out and ": moved:" not in out and ": edited:" not in out,
   "--check of an untouched draft: all kept", out + r.stderr.decode())

# The edited draft.
edited = draftedit.edit(md.decode()).encode()
with open(draft, "wb") as f:
    f.write(edited)
r = rounds(tmp, "digest", "--week", WEEK, "--check")
out = r.stdout.decode()
for line in ("cut: Thanking the night shift",
             "moved: Vendor risk questionnaires nobody reads",
             "edited: Break-glass logs, reviewed",
             "edited: MIPS scores are out. Now what?",
             "added: A reader's guide to TEFCA",
             "note: Weekend reading: breach notices, decoded",
             "note: the editor's note",
             "cut: The digital front door has too many doors",
             "comment cut: https://cmio-notes.example/2026/11/17/"
             "ambient-scribe-pilot-month-one/#comment-5319",
             "comment cut: https://cmio-notes.example/2026/11/11/"
             "inbox-volume-after-go-live/#comment-5331",
             "kept: Inbox volume after go-live",
             "11 articles, 25 comments"):
    ok(line in out, "--check says " + line, out + r.stderr.decode())
ok(": moved: Weekend reading" not in out and
   ": moved: Break-glass" not in out,
   "--check: articles that kept their order are not 'moved'", out)
is_(same_tree(os.path.join(tmp, "site0"), site), [],
    "--check writes nothing")

r = rounds(tmp, "digest", "--week", WEEK, "--format", "model")
m = json.loads(r.stdout)
arts = [a for s in m["sections"] for a in s["articles"]]
byt = {a["title"]: a for a in arts}
is_([s["title"] for s in m["sections"]],
    ["CMIO Notes", "Minimum Necessary", "Payment and policy",
     "The FHIR Desk"], "sections: in order, renamed, the emptied one gone")
is_((m["article_count"], m["comment_count"], len(arts),
     sum(a.get("comment_count", 0) for a in arts)), (11, 25, 11, 25),
    "counts are those of what is published")
is_([a["title"] for a in m["sections"][1]["articles"]],
    ["Vendor risk questionnaires nobody reads",
     "Weekend reading: breach notices, decoded",
     "Break-glass logs, reviewed"], "a moved article, an edited title")
amb = byt["Ambient scribe pilot: month one"]
is_([c["author"]["name"] for c in amb["comments"]],
    ["Dr. Alana Whitfield", "Beth Carrow"],
    "a cut comment's reply moves up to the top level")
is_(amb["comment_count"], 3, "the article's count drops by the cut comment")
tefca = byt["A reader's guide to TEFCA"]
ok(tefca.get("by_editor") is True and
   tefca["link"] == "https://editor-picks.example/tefca-guide" and
   "clearest account" in tefca.get("editor_note", ""),
   "an article added by hand: by_editor, with what was written", tefca)
wr = byt["Weekend reading: breach notices, decoded"]
is_(wr.get("editor_note"), "<p>Worth forwarding to your privacy officer: "
    "<strong>two sentences</strong> per letter.</p>\n",
    "the editor's words under an article: its editor_note")
ok(wr.get("excerpt", "").startswith("A breach notice letter"),
   "... and the excerpt stays", wr.get("excerpt"))
is_(byt["MIPS scores are out. Now what?"].get("excerpt"),
    "Read your feedback report before you appeal anything.",
    "an edited excerpt replaces the generated one")
is_(m.get("note"), "<p>This week, the <em>night shift</em> and the "
    "payment rules.</p>\n", "the editor's note")

cont = m.get("continued", [])
inbox = cont[0] if cont else {}
is_([(c["author"]["name"], "context" in c) for c in inbox.get("comments",
                                                             [])],
    [("Dr. Alana Whitfield", False), ("Priya Nandakumar", True)],
    "continued: a cut comment goes, its reply moves up")
is_((inbox.get("discussion", {}).get("new_comments"),
     inbox.get("editor_note")), (2, "<p>The thread that would not stop."
                                    "</p>\n"),
    "continued: the week's count less the cut, the editor's words")

check(WEEK + ".md", edited)
for fmt, ext in FORMATS[1:]:
    r = rounds(tmp, "digest", "--week", WEEK, "--format", fmt)
    ok(r.returncode == 0, "digest --format %s of the edited draft" % fmt,
       r.stderr.decode())
    check(WEEK + "." + ext, r.stdout)
r = rounds(tmp, "publish")
ok(r.returncode == 0, "publish the edited draft", r.stderr.decode())
for name in ("issues/2026-W47.html", "index.html", "archive.html",
             "feed.xml", "feed.rss", "feed.json"):
    with open(os.path.join(site, name), "rb") as f:
        check("site-" + name.replace("/", "-"), f.read())
# The newsletter as send builds it (the number and first
# publication, not the digest's).
r = rounds(tmp, "send", "--week", WEEK, "--dry-run")
ok(r.returncode == 0, "send --dry-run of the edited draft", r.stderr.decode())
check("send-" + WEEK + ".eml", r.stdout)
sent = email.message_from_bytes(r.stdout, policy=email.policy.default)
sent = sent.get_body(("plain",)).get_content()
ok("A reader's guide to TEFCA" in sent and "night shift" in sent and
   "Thanking the night shift" not in sent and
   "Break-glass logs, reviewed" in sent, "the newsletter is the edited "
   "issue: added, noted, cut, edited")
with open(os.path.join(site, "index.html"), encoding="utf-8") as f:
    ok("Articles: 11 · Comments: 25" in f.read(),
       "the front page's counts are those of what is published")
shutil.rmtree(os.path.join(tmp, "site1"), ignore_errors=True)
shutil.copytree(site, os.path.join(tmp, "site1"))

# The conversation that goes on cut from the draft: gone from the issue.
with open(draft, "wb") as f:
    f.write(draftedit.cut_continued(edited.decode()).encode())
r = rounds(tmp, "digest", "--week", WEEK, "--check")
ok(r.returncode == 0 and "cut: Inbox volume after go-live" in
   r.stdout.decode(), "--check says the continued article is cut",
   r.stdout.decode() + r.stderr.decode())
r = rounds(tmp, "digest", "--week", WEEK, "--format", "html")
ok(r.returncode == 0 and b"Conversations that go on" not in r.stdout and
   b"Inbox volume" not in r.stdout,
   "a cut continued article leaves no continued section",
   r.stderr.decode())
is_(same_tree(os.path.join(tmp, "site1"), site), [],
    "--check and digest write nothing")

# Drafts publish cannot read: file and line, and the site stays.
bad = {
    "no sections": (b"# Title\n\nJust a note.\n", ":1: no sections"),
    "a heading without a link": (
        edited.replace(b"### [Weekend reading: breach notices, decoded]"
                       b"(https://minimum-necessary.example/2026/11/"
                       b"weekend-reading-breach-notices.html)",
                       b"### Weekend reading"), ": an article heading "
        "without its link"),
    "not UTF-8": (edited.replace(b"privacy officer", b"privacy \xff"),
                  ": not UTF-8 text"),
    "the same article twice": (
        edited + b"\n### [x](https://minimum-necessary.example/2026/11/"
        b"weekend-reading-breach-notices.html)\n", ": the same article "
        "twice"),
}
for name, (text, msg) in sorted(bad.items()):
    with open(draft, "wb") as f:
        f.write(text)
    r = rounds(tmp, "publish")
    err = r.stderr.decode()
    line = [x for x in err.splitlines() if draft in x]
    ok(r.returncode != 0 and msg in err and line and
       line[0].split(draft + ":")[1][:1].isdigit(),
       "a draft with %s: an error naming file and line" % name, err)
    is_(same_tree(os.path.join(tmp, "site1"), site), [],
        "... and the site keeps its previous version (%s)" % name)

cleanup(tmp)
done()
