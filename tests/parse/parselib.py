"""parselib.py: what the parser's Python tests share: TAP output and
`rounds parse` run on bytes."""
import json
import os
import subprocess
import sys
import tempfile

ROUNDS = os.environ["ROUNDS"]
_n = 0
_failed = 0


def ok(cond, what, diag=None):
    global _n, _failed
    _n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", _n, what))
    if not cond:
        _failed += 1
        if diag:
            for line in str(diag).splitlines()[:20]:
                print("#   " + line)
    return cond


def done():
    print("1..%d" % _n)
    sys.exit(1 if _failed else 0)


def run(data, *args):
    """rounds parse [args] on data (bytes), through a file: (exit status,
    the JSON or None)."""
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(data)
    try:
        r = subprocess.run([ROUNDS, "parse"] + list(args) + [f.name],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    finally:
        os.unlink(f.name)
    return r.returncode, json.loads(r.stdout) if r.returncode == 0 else None
