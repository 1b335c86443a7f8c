#!/usr/bin/env python3
"""A newsletter goes out once: `rounds send` records each issue the SMTP
server accepted (time, Message-ID, recipients, the draft sent) in the
database's sends table, records nothing when the server refused it (a
local SMTP server on 127.0.0.1 in refusing mode, tests/mail/smtpsink.py),
refuses to send an issue again without --force, and says so when the
week's draft changed after it was sent.  TAP."""
import os
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "site"))
sys.path.insert(0, HERE)
from sitelib import ok, is_, done, rounds, make_sample, cleanup  # noqa
from smtpsink import Sink  # noqa
import draftedit  # noqa

WEEK = "2026-W47"
sink = Sink().start()
tmp = make_sample("smtp_url = smtp://127.0.0.1:%d\n"
                  "recipients = a@readers.example, B <b@readers.example>\n"
                  % sink.port)
db = os.path.join(tmp, "rounds.db")
draft = os.path.join(tmp, "drafts", WEEK + ".md")


def sends():
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT week, number, sent, message_id,"
                           " recipients, draft_hash IS NOT NULL FROM sends"
                           " ORDER BY id").fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


# The server refuses: nothing is recorded, so a retry (from cron) sends.
for mode, what in (("data", "the message"), ("rcpt", "every recipient")):
    sink.refuse = mode
    r = rounds(tmp, "send", "--week", WEEK)
    err = r.stderr.decode()
    ok(r.returncode == 69 and "not sent" in err and sink.refused > 0,
       "a server refusing %s: exit 69, 'not sent'" % what, err)
    is_(sends(), [], "... and nothing is recorded (%s refused)" % what)
sink.refuse = None

r = rounds(tmp, "send", "--week", WEEK, "--dry-run")
ok(r.returncode == 0 and sends() == [], "--dry-run records nothing")

r = rounds(tmp, "send", "--week", WEEK)
ok(r.returncode == 0 and len(sink.messages) == 1, "the retry is sent",
   r.stderr.decode())
rows = sends()
is_(rows, [(WEEK, 1, 1795521600, "rounds.2026-W47@rounds.example",
            "a@readers.example, B <b@readers.example>", 0)],
    "the send is recorded: week, issue number, time, Message-ID, "
    "recipients, no draft")

r = rounds(tmp, "send", "--week", WEEK)
err = r.stderr.decode()
ok(r.returncode == 65 and len(sink.messages) == 1 and
   "already sent at 2026-11-24T12:00:00Z" in err and
   "<rounds.2026-W47@rounds.example>" in err and "--force" in err,
   "the same issue again: refused (65), saying when and how to insist",
   err)
ok("draft" not in err, "... and no word of a draft that did not change",
   err)
is_(len(sends()), 1, "... and no second record")
r = rounds(tmp, "send", "--week", WEEK, "--dry-run")
ok(r.returncode == 0 and r.stdout.startswith(b"From: "),
   "--dry-run of a sent issue still writes the message")

# The editor writes a draft of the sent week and edits it.
r = rounds(tmp, "digest", "--week", WEEK)
ok(r.returncode == 0 and os.path.exists(draft), "a draft of the week",
   r.stderr.decode())
with open(draft, encoding="utf-8") as f:
    md = f.read()
with open(draft, "w", encoding="utf-8") as f:
    f.write(draftedit.edit(md))
r = rounds(tmp, "send", "--week", WEEK)
err = r.stderr.decode()
ok(r.returncode == 65 and "the draft of %s changed after the issue was "
   "sent" % WEEK in err and draft in err and len(sink.messages) == 1,
   "send --week W for a week whose draft changed after it was sent says "
   "so, and still sends nothing", err)

r = rounds(tmp, "send", "--week", WEEK, "--force")
ok(r.returncode == 0 and len(sink.messages) == 2 and
   b"A reader's guide to TEFCA" in sink.messages[1]["data"],
   "--force sends it again, as the draft now edits it", r.stderr.decode())
rows = sends()
is_([x[5] for x in rows], [0, 1], "a second record, with the draft sent")
r = rounds(tmp, "send", "--week", WEEK)
err = r.stderr.decode()
ok(r.returncode == 65 and "changed" not in err,
   "the draft sent is the draft now: only 'already sent'", err)
with open(draft, "a", encoding="utf-8") as f:
    f.write("\nOne more line from the editor.\n")
r = rounds(tmp, "send", "--week", WEEK, "--dry-run")
ok(r.returncode == 0 and b"changed after the issue was sent" in r.stderr,
   "--dry-run says so too", r.stderr.decode())

# Another week is its own issue.
r = rounds(tmp, "send", "--week", "2026-W46")
ok(r.returncode == 0 and len(sink.messages) == 3 and
   [x[0] for x in sends()] == [WEEK, WEEK, "2026-W46"],
   "another week is sent and recorded", r.stderr.decode())

sink.stop()
cleanup(tmp)
done()
