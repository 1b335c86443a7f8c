"""digestlib.py: what the digest's Python tests share: TAP output."""
import sys

_n = 0
_failed = 0


def ok(cond, desc, diag=None):
    """One test point; diag (its first 15 lines) said when it fails."""
    global _n, _failed
    _n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", _n, desc))
    if not cond:
        _failed += 1
        for line in str(diag or "").splitlines()[:15]:
            print("#   " + line)
    sys.stdout.flush()
    return cond


def done():
    """The plan, and the exit status: 1 when a point failed."""
    print("1..%d" % _n)
    sys.exit(1 if _failed else 0)
