#!/usr/bin/env python3
"""The newsletter: `rounds send --dry-run` writes an RFC 5322 message that
python's email package parses back (headers, both parts, charset, CRLF,
line lengths), and `rounds send` delivers the same message to an SMTP
server on 127.0.0.1 (tests/mail/smtpsink.py).  Prints TAP."""
import email
import email.header
import email.policy
import email.utils
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "site"))
sys.path.insert(0, HERE)
from sitelib import ok, is_, done, rounds, make_sample, cleanup  # noqa
from smtpsink import Sink  # noqa

tmp = make_sample()
conf_path = os.path.join(tmp, "rounds.conf")
with open(conf_path) as f:
    base_conf = f.read()

r = rounds(tmp, "send", "--week", "2026-W47", "--dry-run")
ok(r.returncode == 0, "send --dry-run exits 0", r.stderr.decode())
raw = r.stdout
ok(raw.count(b"\n") > 50 and raw.count(b"\n") == raw.count(b"\r\n"),
   "every line ends in CRLF")
longest = max(len(ln) for ln in raw.split(b"\r\n"))
ok(longest <= 78, "no line is longer than 78 octets (998 is the limit)",
   "longest %d" % longest)
ok(all(b < 128 for b in raw), "the message is 7-bit clean (encoded)")

msg = email.message_from_bytes(raw, policy=email.policy.default)
is_(str(msg["Subject"]), "Health IT Rounds (test) — 2026-W47",
    "Subject decodes to the issue's title (RFC 2047)")
ok(re.search(rb"^Subject: =\?UTF-8\?B\?", raw, re.M) is not None,
   "a non-ASCII Subject is an encoded word")
is_(str(msg["From"]), "Health IT Rounds <rounds@rounds.example>", "From")
is_(str(msg["To"]), "Readers <readers@rounds.example>", "To")
is_(email.utils.parsedate_to_datetime(str(msg["Date"])).isoformat(),
    "2026-11-24T12:00:00+00:00", "Date is the clock's")
is_(str(msg["Message-ID"]), "<rounds.2026-W47@rounds.example>",
    "Message-ID is derived from the week and the site")
is_(str(msg["MIME-Version"]), "1.0", "MIME-Version")
is_(str(msg["List-Unsubscribe"]),
    "<mailto:unsubscribe@rounds.example>, "
    "<https://rounds.example/unsubscribe>", "List-Unsubscribe")
is_(str(msg["List-Unsubscribe-Post"]), "List-Unsubscribe=One-Click",
    "List-Unsubscribe-Post (one click, with an https URI)")
is_(msg.get_content_type(), "multipart/alternative",
    "multipart/alternative")
parts = list(msg.iter_parts())
is_([p.get_content_type() for p in parts], ["text/plain", "text/html"],
    "a text part, then an HTML part")
is_([p.get_content_charset() for p in parts], ["utf-8", "utf-8"],
    "both UTF-8")
text, html = parts[0].get_content(), parts[1].get_content()
ok("Thanking the night shift" in text and "—" in text,
   "the text part holds the articles, UTF-8 intact")
ok(max(len(ln.encode()) for ln in text.splitlines()) <= 998,
   "the text part's lines fit RFC 5322 (998 octets)")
ok("<html" in html and 'style="' in html and "<link" not in html and
   "Thanking the night shift" in html,
   "the HTML part is a page with inline CSS")
r2 = rounds(tmp, "send", "--week", "2026-W47", "--dry-run")
is_(r2.stdout, raw, "the same database and clock give the same message")
eml = os.path.join(tmp, "out", "w47.eml")
r2 = rounds(tmp, "send", "--week", "2026-W47", "--dry-run", "-o", eml)
ok(r2.returncode == 0 and open(eml, "rb").read() == raw,
   "--dry-run -o FILE writes the .eml")
r2 = rounds(tmp, "send", "--dry-run")
ok(r2.returncode == 0 and b"Message-ID: <rounds.2026-W47@" in r2.stdout,
   "the default week is the last complete one")

# -- SMTP -----------------------------------------------------------------
r = rounds(tmp, "send", "--week", "2026-W47")
is_(r.returncode, 78, "send without [mail] smtp_url exits 78 (config)")

sink = Sink().start()
with open(conf_path, "w") as f:
    f.write(base_conf + "smtp_url = smtp://127.0.0.1:%d\n"
            "recipients = a@readers.example, B <b@readers.example>\n"
            % sink.port)
r = rounds(tmp, "send", "--week", "2026-W47")
ok(r.returncode == 0 and r.stdout == b"", "send delivers over SMTP",
   r.stderr.decode())
ok(len(sink.messages) == 1, "the server received one message")
if sink.messages:
    m = sink.messages[0]
    is_(m["mail_from"], "<rounds@rounds.example>", "MAIL FROM")
    is_(m["rcpt"], ["<a@readers.example>", "<b@readers.example>"],
        "RCPT TO each recipient")
    is_(m["data"], raw, "the message arrived intact")

r = rounds(tmp, "send", "--week", "2026-W40")
ok(r.returncode == 65 and len(sink.messages) == 1 and b"no articles" in
   r.stderr, "an issue without articles is not sent", r.stderr.decode())
sink.stop()

sink = Sink(user="editor", password="s3cret").start()
with open(conf_path, "w") as f:
    f.write(base_conf + "smtp_url = smtp://127.0.0.1:%d\nuser = editor\n"
            "password = s3cret\nstarttls = try\n" % sink.port)
r = rounds(tmp, "send", "--week", "2026-W47", "--force")
ok(r.returncode == 0 and len(sink.messages) == 1 and
   sink.messages[0]["auth"] == "editor",
   "send logs in with [mail] user and password", r.stderr.decode())
with open(conf_path, "w") as f:
    f.write(base_conf + "smtp_url = smtp://127.0.0.1:%d\nuser = editor\n"
            "password = wrong\n" % sink.port)
r = rounds(tmp, "send", "--week", "2026-W47", "--force")
ok(r.returncode == 69 and b"not sent" in r.stderr,
   "a refused login exits 69 and says the mail was not sent",
   r.stderr.decode())
with open(conf_path, "w") as f:
    f.write(base_conf + "smtp_url = smtp://127.0.0.1:%d\nstarttls = all\n"
            % sink.port)
r = rounds(tmp, "send", "--week", "2026-W47", "--force")
ok(r.returncode == 69 and len(sink.messages) == 1,
   "starttls = all refuses a server without STARTTLS", r.stderr.decode())
sink.stop()

with open(conf_path, "w") as f:
    f.write(base_conf.replace("from = Health IT Rounds <",
                              "from = Ärztebrief Gesundheits-IT <"))
r = rounds(tmp, "send", "--week", "2026-W47", "--dry-run")
m2 = email.message_from_bytes(r.stdout, policy=email.policy.default)
is_(str(m2["From"]), "Ärztebrief Gesundheits-IT <rounds@rounds.example>",
    "a non-ASCII sender name is encoded and decodes back")
ok(re.search(rb"^From: =\?UTF-8\?B\?\S+\?= <rounds@rounds.example>\r$",
             r.stdout, re.M) is not None, "with the address left readable")

r = rounds(tmp, "send", "--week", "2026-W99", "--dry-run")
is_(r.returncode, 64, "a week that does not exist is a usage error")
r = rounds(tmp, "send", "-o", "x.eml")
is_(r.returncode, 64, "-o without --dry-run is a usage error")

cleanup(tmp)
done()
