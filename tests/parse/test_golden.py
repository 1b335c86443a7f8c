#!/usr/bin/env python3
"""Golden files: each tests/data/parse/NAME.xml (or .json) goes through
`rounds parse` (with the options in NAME.args, if any) and must give the JSON
in NAME.expected.json.  The JSON is compared as data, not as text; the HTML
fields (summary, content) are compared as a canonical token list, so that
attribute order, quoting and the sanitiser's rel="..." on links do not
matter, while every element, attribute and text does.
With ROUNDS_REGEN=1 the expected files are rewritten instead (review them!).
"""
import glob
import html.parser
import json
import os
import re
import shlex
import subprocess
import sys

ROUNDS = os.environ["ROUNDS"]
DATA = os.path.join(os.environ["SRCDIR"], "tests", "data", "parse")
HTML_KEYS = ("summary", "content")


class Canon(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []

    def text(self, t):
        if self.out and self.out[-1][0] == "text":
            self.out[-1] = ("text", self.out[-1][1] + t)
        else:
            self.out.append(("text", t))

    def handle_starttag(self, tag, attrs):
        keep = sorted((k, v or "") for k, v in attrs if k not in ("rel", "target"))
        self.out.append(("start", tag, keep))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.out.append(("end", tag))

    def handle_data(self, data):
        self.text(data)


def canon_html(s):
    p = Canon()
    p.feed(s)
    p.close()
    out = []
    for t in p.out:
        if t[0] == "text":
            t = ("text", re.sub(r"\s+", " ", t[1]))
            if t[1] == " " or t[1] == "":
                continue
        out.append(t)
    return out


def canon(doc):
    for e in doc.get("entries", []):
        for k in HTML_KEYS:
            if k in e:
                e[k] = canon_html(e[k])
    return doc


def main():
    cases = sorted(f for f in glob.glob(os.path.join(DATA, "*"))
                   if re.search(r"\.(xml|json)$", f)
                   and not f.endswith(".expected.json"))
    n = 0
    failed = 0
    for path in cases:
        name = re.sub(r"\.(xml|json)$", "", path)
        args = []
        if os.path.exists(name + ".args"):
            with open(name + ".args") as f:
                args = shlex.split(f.read())
        r = subprocess.run([ROUNDS, "parse"] + args + [path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        label = os.path.basename(path)
        n += 1
        try:
            got = json.loads(r.stdout.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as ex:
            print("not ok %d - %s: output is not UTF-8 JSON (%s; exit %d)"
                  % (n, label, ex, r.returncode))
            failed += 1
            continue
        if os.environ.get("ROUNDS_REGEN"):
            with open(name + ".expected.json", "w") as f:
                json.dump(got, f, indent=2, ensure_ascii=False)
                f.write("\n")
            print("ok %d - %s # SKIP regenerated" % (n, label))
            continue
        with open(name + ".expected.json", encoding="utf-8") as f:
            want = json.load(f)
        if r.returncode == 0 and canon(got) == canon(want):
            print("ok %d - %s" % (n, label))
            continue
        failed += 1
        print("not ok %d - %s (exit %d)" % (n, label, r.returncode))
        g = json.dumps(got, indent=1, sort_keys=True).splitlines()
        w = json.dumps(want, indent=1, sort_keys=True).splitlines()
        import difflib
        for line in list(difflib.unified_diff(w, g, "expected", "got",
                                              lineterm=""))[:40]:
            print("#   " + line)
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
