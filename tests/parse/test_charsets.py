#!/usr/bin/env python3
"""Charsets: a feed in each charset real feeds declare (under the names
they use, which iconv may spell otherwise) reads as the same text; UTF-16
and UTF-32 are found with a byte order mark, and without one by the look
of the first character (XML 1.0 appendix F).  Expected text is Python's
own decoding of the bytes, not the code under test."""
import json
import os
import subprocess
import sys
import tempfile

ROUNDS = os.environ["ROUNDS"]
n = failed = 0


def ok(cond, what):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, what))
    failed += 0 if cond else 1


def parse(data, charset=None):
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(data)
    p = subprocess.run([ROUNDS, "parse"] +
                       (["--charset", charset] if charset else []) + [f.name],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.unlink(f.name)
    return json.loads(p.stdout) if p.returncode == 0 else {}


def doc(decl, title):
    return ('%s<rss version="2.0"><channel><title>%s</title><item>'
            '<title>x</title></item></channel></rss>\n' % (decl, title))


# (declared name, Python's codec, text of the title)
CASES = [
    ("mac-roman", "mac_roman", "Caf\u00e9 \u00df\u00c6\u00d8\u03c0\u2122"),
    ("macintosh", "mac_roman", "\u00c5rhus \u201cnotes\u201d"),
    ("x-mac-roman", "mac_roman", "\u00e9t\u00e9 \u2020"),
    ("x-mac-cyrillic", "mac_cyrillic", "\u0416\u0443\u0440\u043d\u0430\u043b"),
    ("x-sjis", "shift_jis", "\u65e5\u672c\u8a9e\u306e\u30d6\u30ed\u30b0"),
    ("shift-jis", "shift_jis", "\u770b\u8b77\u8a18\u9332"),
    ("windows-31j", "cp932", "\u96fb\u5b50\u30ab\u30eb\u30c6"),
    ("ks_c_5601-1987", "cp949", "\ud55c\uad6d\uc5b4 \ube14\ub85c\uadf8"),
    ("x-euc-jp", "euc_jp", "\u75c5\u9662"),
    ("x-gbk", "gbk", "\u533b\u9662\u4fe1\u606f"),
    ("koi8-u", "koi8_u", "\u0404\u0456\u0457 \u0491"),
    ("cp866", "cp866", "\u0411\u043e\u043b\u044c\u043d\u0438\u0446\u0430"),
    ("iso-8859-7", "iso8859_7", "\u039d\u03bf\u03c3\u03bf\u03ba\u03bf\u03bc\u03b5\u03af\u03bf"),
    ("windows-1255", "cp1255", "\u05d1\u05d9\u05ea \u05d7\u05d5\u05dc\u05d9\u05dd"),
    ("tis-620", "tis_620", "\u0e42\u0e23\u0e07\u0e1e\u0e22\u0e32\u0e1a\u0e32\u0e25"),
    ("big5", "big5", "\u91ab\u9662"),
    ("euc-kr", "euc_kr", "\ubcd1\uc6d0"),
    # names with '_' for '-', and the other names Python's codecs know
    ("windows_1251", "cp1251", "\u0402 \u041f\u0430\u043b\u0430\u0442\u0430"),
    ("iso_8859_5", "iso8859_5", "\u0416\u0443\u0440\u043d\u0430\u043b"),
    ("cp_is", "cp861", "\u00c7 \u00d0\u00fe"),
    ("csibm861", "cp861", "\u00c7 \u00d0\u00fe"),
    ("maccentraleurope", "mac_latin2", "\u00c4 \u0104\u0119"),
    ("maclatin2", "mac_latin2", "\u0141\u00f3d\u017a"),
    ("maciceland", "mac_iceland", "\u00fe\u00c6 \u00e9"),
    # GB18030 holds GB2312 and GBK: a label of either covers it
    ("gb2312", "gb18030", "\u75c5\u623f \u55de"),
    ("gbk", "gb18030", "\u533b\u9662 \u20ac\u4e02"),
]
for name, codec, text in CASES:
    data = doc('<?xml version="1.0" encoding="%s"?>\n' % name,
               text).encode(codec)
    out = parse(data)
    got = out.get("feed", {}).get("title")
    ok(got == text and out.get("bozo") is False,
       "declared %s: %r (got %r)" % (name, text, got))

# EBCDIC: found by the look of "<?xm", then read in the charset declared
for name, codec in (("cp037", "cp037"), ("cp500", "cp500"),
                    ("ibm1140", "cp1140"), ("ebcdic-cp-us", "cp037"),
                    ("ebcdic_cp_be", "cp500"), ("ibm039", "cp037")):
    text = "Triage \u00d8 board \u00a2"
    data = doc('<?xml version="1.0" encoding="%s"?>' % name,
               text).encode(codec)
    out = parse(data)
    got = out.get("feed", {}).get("title")
    ok(got == text and out.get("bozo") is False,
       "EBCDIC declared %s: %r (got %r)" % (name, text, got))

# A UTF-8 byte order mark outweighs the declaration and the transport
TEXT8 = "St\u00e9thoscope \u00f1 \u5e74 \u2713"
data = b"\xef\xbb\xbf" + doc('<?xml version="1.0" encoding="iso-8859-1"?>',
                              TEXT8).encode("utf-8")
for charset in (None, "iso-8859-1", "koi8-r"):
    out = parse(data, charset)
    got = out.get("feed", {}).get("title")
    ok(got == TEXT8, "a UTF-8 mark, declared iso-8859-1, transport %s: "
       "%r (got %r)" % (charset, TEXT8, got))

# Declared Latin-1 by a document whose bytes are UTF-8 (an old PHP
# template): read as UTF-8, and said to be recovered; Latin-1 bytes so
# declared stay Latin-1.
for name in ("iso-8859-1", "ISO-8859-1", "windows-1252", "latin1"):
    data = doc('<?xml version="1.0" encoding="%s"?>' % name,
               TEXT8).encode("utf-8")
    out = parse(data)
    got = out.get("feed", {}).get("title")
    ok(got == TEXT8 and out.get("bozo") is True,
       "UTF-8 declared %s: %r, bozo (got %r)" % (name, TEXT8, got))
    data = doc('<?xml version="1.0" encoding="%s"?>' % name,
               "Caf\u00e9 cr\u00e8me").encode("latin-1")
    out = parse(data)
    got = out.get("feed", {}).get("title")
    ok(got == "Caf\u00e9 cr\u00e8me" and out.get("bozo") is False,
       "Latin-1 declared %s: read so (got %r)" % (name, got))

# ... and so is one with a stray Latin-1 byte in it (a template's own word
# beside UTF-8 articles): read as UTF-8, the stray byte as windows-1252.
# Latin-1 text with an accented capital before a symbol ("\u00c3\u00a9"
# happens to be UTF-8) stays Latin-1.
head, tail = doc('<?xml version="1.0" encoding="iso-8859-1"?>',
                 "@").split("@")
out = parse(head.encode() + "Sygeplejersker p\u00e5 \u00c6r\u00f8 f\u00e5r "
            "vagtplan \u2013 ".encode("utf-8") + b"bes\xf8g os" +
            tail.encode())
got = out.get("feed", {}).get("title")
ok(got == "Sygeplejersker p\u00e5 \u00c6r\u00f8 f\u00e5r vagtplan \u2013 "
   "bes\u00f8g os",
   "UTF-8 declared iso-8859-1 with one stray Latin-1 byte: read as UTF-8 "
   "(got %r)" % got)
data = doc('<?xml version="1.0" encoding="iso-8859-1"?>',
           "\u00c3\u00a9tude \u00e0 l\u2019h\u00f4pital, d\u00e9j\u00e0 "
           "r\u00e9vis\u00e9e").encode("cp1252")
got = parse(data).get("feed", {}).get("title")
ok(got == "\u00c3\u00a9tude \u00e0 l\u2019h\u00f4pital, d\u00e9j\u00e0 "
   "r\u00e9vis\u00e9e",
   "Latin-1 declared with one pair that is UTF-8 by chance: Latin-1 "
   "(got %r)" % got)

# UTF-16 and UTF-32, with and without a byte order mark, declared or not
TEXT = "Clinic \u00e9t\u00e9 \u20ac \u4e2d \U0001F3E5"
for codec, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                   ("utf-32-le", b"\xff\xfe\x00\x00"),
                   ("utf-32-be", b"\x00\x00\xfe\xff")):
    for mark in (True, False):
        for decl in ('<?xml version="1.0"?>\n', ""):
            data = (bom if mark else b"") + doc(decl, TEXT).encode(codec)
            out = parse(data)
            got = out.get("feed", {}).get("title")
            ok(got == TEXT and len(out.get("entries", [])) == 1,
               "%s, %s mark, %s declaration (got %r)" %
               (codec, "a" if mark else "no", "a" if decl else "no", got))

# The transport's charset (HTTP Content-Type; --charset here) wins over the
# declaration, except that a server's 8-bit default (ISO-8859-1 ...) does
# not garble a document that is plainly UTF-8 and declares UTF-8 or
# nothing.  A document the bytes of which are no UTF-8, or that declares
# the 8-bit charset itself, is read as the transport says.
UTF = "Caf\u00e9 na\u00efve \u2013 \u65e5\u672c"
LATIN = "Caf\u00e9 \u00e0 la cr\u00e8me"
for decl in ('<?xml version="1.0" encoding="utf-8"?>\n',
             '<?xml version="1.0"?>\n', ""):
    for charset in ("iso-8859-1", "windows-1252", "koi8-r"):
        out = parse(doc(decl, UTF).encode("utf-8"), charset)
        got = out.get("feed", {}).get("title")
        ok(got == UTF and out.get("bozo") is False,
           "UTF-8 labelled %s, %s: %r (got %r)" %
           (charset, decl.strip() or "no declaration", UTF, got))
out = parse(doc("", LATIN).encode("latin-1"), "iso-8859-1")
ok(out.get("feed", {}).get("title") == LATIN,
   "ISO-8859-1 labelled so: read as labelled")
out = parse(doc("", LATIN).encode("latin-1"), "koi8-r")
ok(out.get("feed", {}).get("title") == LATIN.encode("latin-1").decode("koi8-r"),
   "bytes that are no UTF-8: read as labelled, even when that is wrong")
text = "\u0416\u0443\u0440\u043d\u0430\u043b"
out = parse(doc('<?xml version="1.0" encoding="koi8-r"?>\n', text)
            .encode("koi8-r"), "utf-8")
ok(out.get("feed", {}).get("title") != text or out.get("bozo") is True,
   "labelled UTF-8, bytes that are not: not read as clean UTF-8")
out = parse(doc('<?xml version="1.0" encoding="iso-8859-1"?>\n',
                "Caf\u00c3\u00a9").encode("latin-1"), "iso-8859-1")
ok(out.get("feed", {}).get("title") == "Caf\u00c3\u00a9",
   "labelled and declared ISO-8859-1: read so, though its bytes are UTF-8")

print("1..%d" % n)
sys.exit(1 if failed else 0)
