#!/usr/bin/env python3
"""sizes.py: the sizes of the C sources, as the style goals count them.

Prints the median and 90th percentile of function lengths (the lines from
a function's name to its closing brace), the median and largest file
lengths, and with -v the longest functions and files.

    tools/sizes.py [-v] [DIR]        (DIR: default src/ beside this script)
"""
import os
import re
import sys

# A definition: a line at column 0 that names a function (not a
# declaration, which ends in ';'), up to the '{' alone at column 0.
START = re.compile(r'^[A-Za-z_][\w \t\*]*?\b(\w+)\s*\(')


def functions(path):
    with open(path, encoding='utf-8', errors='replace') as fh:
        lines = fh.read().split('\n')
    out, start, name, body = [], None, None, False
    for i, line in enumerate(lines):
        if start is None:
            m = START.match(line)
            if m and not line.rstrip().endswith(';') and '=' not in line:
                start, name, body = i, m.group(1), False
            continue
        if not body:
            if line.startswith('{'):
                body = True
            elif line.rstrip().endswith(';'):
                start = None    # a prototype over several lines
        elif line.startswith('}'):
            out.append((name, i - start + 1, i + 1))
            start = None
    return out


def pct(v, p):
    v = sorted(v)
    if not v:
        return 0
    k = (len(v) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def main(argv):
    verbose = '-v' in argv
    args = [a for a in argv if a != '-v']
    top = args[0] if args else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'src')
    funcs, files = [], []
    for d, _, names in sorted(os.walk(top)):
        for n in sorted(names):
            if not n.endswith(('.c', '.h')):
                continue
            p = os.path.join(d, n)
            rel = os.path.relpath(p, top)
            with open(p, encoding='utf-8', errors='replace') as fh:
                files.append((fh.read().count('\n'), rel))
            if n.endswith('.c'):
                funcs += [(ln, '%s:%d %s' % (rel, end, name))
                          for name, ln, end in functions(p)]
    fl = [f[0] for f in funcs]
    sl = [f[0] for f in files]
    print('functions: %d, lines median %g, p90 %g, max %d' % (
        len(fl), pct(fl, 50), pct(fl, 90), max(fl) if fl else 0))
    print('files: %d, lines median %g, max %d (%s)' % (
        len(sl), pct(sl, 50), max(sl) if sl else 0,
        max(files)[1] if files else '-'))
    if verbose:
        for ln, where in sorted(funcs, reverse=True)[:25]:
            print('  %4d  %s' % (ln, where))
        for ln, where in sorted(files, reverse=True)[:10]:
            print('  %4d  %s' % (ln, where))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
