#!/usr/bin/env python3
"""gen_html5_refs.py: writes src/text/html5_refs.c, the named character
references of HTML5 (the WHATWG list, as Python's html.entities.html5
holds it) that libxml2 2.9's HTML parser does not know: those beyond
HTML 4's 253 names and XML's apos.  Each name (without its ';') with the
one or two code points it stands for, sorted for bsearch.

    /usr/bin/python3 tools/gen_html5_refs.py > src/text/html5_refs.c
"""
import html.entities as ent

known = set(ent.name2codepoint) | {"apos"}
rows = sorted((k[:-1], v) for k, v in ent.html5.items()
              if k.endswith(";") and k[:-1] not in known)


print("""/* html5_refs.c: written by tools/gen_html5_refs.py, not by hand.
 * HTML5's named character references that HTML 4 (so libxml2 2.9) does
 * not have, sorted by name (strcmp order): name without ';', the code
 * points it stands for (a second one, or 0). */
#include <stddef.h>
#include "html_int.h"

const struct html5_ref html5_refs[] = {""")
for name, val in rows:
    cps = [ord(c) for c in val] + [0]
    print('\t{ "%s", 0x%X, 0x%X },' % (name, cps[0], cps[1]))
print("""};

const size_t html5_refs_n = sizeof(html5_refs) / sizeof(html5_refs[0]);""")
