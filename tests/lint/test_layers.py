#!/usr/bin/env python3
"""test_layers.py: the source tree keeps its architecture (TAP).

Each folder of src/ is a stage with a rank; a file may include the public
headers (include/rounds/) of its own folder and of folders of lower rank,
and the private headers of its own folder only.  Two folders of the same
rank (fetch and digest) know nothing of each other.  With the objects
built (src/librounds.a), no two files call each other's functions, even
through others: the calls between files form no circle.
"""
import os
import re
import subprocess
import sys

RANK = {
    'util': 0, 'text': 1, 'parse': 2, 'store': 3, 'fetch': 4, 'digest': 4,
    'render': 5, 'site': 6, 'cli': 7,
}
# Which folder each public header belongs to.
OWNER = {
    'buf': 'util', 'caps': 'util', 'clock': 'util', 'conf': 'util',
    'err': 'util', 'fsutil': 'util', 'hash': 'util', 'log': 'util',
    'contacts': 'text', 'date': 'text', 'html': 'text', 'reply': 'text',
    'safe': 'text', 'url': 'text', 'xmlsetup': 'text',
    'feed': 'parse', 'parse': 'parse',
    'store': 'store', 'opml': 'store',
    'fetch': 'fetch',
    'digest': 'digest', 'thread': 'digest',
    'mail': 'render', 'mustache': 'render', 'outfeed': 'render',
    'jsonout': 'render',
    'draft': 'render',
    'render': 'render',
    'site': 'site',
}
# Files whose circle another change is taking apart (none today): a circle
# among these alone is reported, not failed.
KNOWN_CIRCLE = set()

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

tests = []


def check(ok, what, diags=()):
    tests.append((ok, what, list(diags)))


def sources(top):
    for d in sorted(os.listdir(os.path.join(top, 'src'))):
        path = os.path.join(top, 'src', d)
        if not os.path.isdir(path):
            continue
        for f in sorted(os.listdir(path)):
            if f.endswith(('.c', '.h')):
                yield d, os.path.join(path, f)
    inc = os.path.join(top, 'include', 'rounds')
    for f in sorted(os.listdir(inc)):
        if f.endswith('.h'):
            yield OWNER.get(f[:-2], '?'), os.path.join(inc, f)


def include_problems(top, folder, path):
    rel = os.path.relpath(path, top)
    with open(path, encoding='utf-8') as fh:
        text = fh.read()
    for name in INCLUDE.findall(text):
        if name == 'config.h':
            continue
        m = re.fullmatch(r'(?:rounds/)?(\w+)\.h', name)
        public = name.startswith('rounds/') or (
            path.startswith(os.path.join(top, 'include')) and '/' not in name)
        if public and m:
            owner = OWNER.get(m.group(1))
            if owner is None:
                yield 'header', '%s: %s belongs to no folder' % (rel, name)
            elif owner != folder and RANK[owner] >= RANK.get(folder, -1):
                yield 'up', '%s includes %s (%s is not below %s)' % (
                    rel, name, owner, folder)
        elif '/' in name or not os.path.exists(
                os.path.join(os.path.dirname(path), name)):
            yield 'private', '%s includes %s, private to another folder' % (
                rel, name)


def nm_graph(archive):
    """file -> files whose functions it calls, from the archive's symbols."""
    out = subprocess.run(['nm', '-A', archive], capture_output=True,
                         text=True, check=True).stdout
    defined, used = {}, {}
    for line in out.splitlines():
        m = re.match(r'^[^:]+:([^:]+\.o):\s*(?:[0-9a-f]+)?\s+(\w)\s+(\S+)$',
                     line)
        if not m:
            continue
        obj, kind, sym = m.groups()
        used.setdefault(obj, set())
        if kind == 'U':
            used[obj].add(sym)
        elif kind in 'TDBR':
            defined[sym] = obj
    graph = {o: set() for o in used}
    for obj, syms in used.items():
        for s in syms:
            if s in defined and defined[s] != obj:
                graph[obj].add(defined[s])
    return graph


def cycles(graph):
    """The strongly connected components with more than one file."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main():
    top = os.environ.get('srcdir', os.path.join(os.path.dirname(
        os.path.abspath(__file__)), '..', '..'))
    found = {'up': [], 'private': [], 'header': []}
    folders = set()
    for folder, path in sources(top):
        folders.add(folder)
        for kind, msg in include_problems(top, folder, path):
            found[kind].append(msg)
    unknown = sorted(f for f in folders if f not in RANK)
    check(not unknown, 'every folder of src/ has a rank',
          ['no rank: ' + f for f in unknown])
    check(not found['header'], 'every public header belongs to a folder',
          found['header'])
    check(not found['up'], 'no include goes up the stages '
          '(util < text < parse < store < fetch, digest < render < site '
          '< cli)', found['up'])
    check(not found['private'], 'private headers stay in their folder',
          found['private'])
    archive = os.path.join('src', 'librounds.a')
    if os.path.exists(archive):
        comps = cycles(nm_graph(archive))
        bad = [c for c in comps if not c <= KNOWN_CIRCLE]
        check(not bad, 'no circle of calls between files',
              ['circle: ' + ' <-> '.join(sorted(c)) for c in bad] +
              ['known circle, being taken apart: ' + ' <-> '.join(sorted(c))
               for c in comps if c <= KNOWN_CIRCLE])
    else:
        tests.append((None, 'no circle of calls between files', []))
    print('1..%d' % len(tests))
    for i, (ok, what, diags) in enumerate(tests, 1):
        if ok is None:
            print('ok %d - %s # SKIP src/librounds.a not built' % (i, what))
            continue
        print('%sok %d - %s' % ('' if ok else 'not ', i, what))
        for d in diags:
            print('# ' + d)
    return 0


if __name__ == '__main__':
    sys.exit(main())
