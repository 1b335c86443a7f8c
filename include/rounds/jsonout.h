/* jsonout.h: a jansson tree written out as jansson writes it, faster.
 *
 * json_dumps() looks at every character of a string one code point at a
 * time; an issue feed's entries are whole issue pages (hundreds of KB
 * each), and that walk was most of the time the feeds took.  Strings in a
 * jansson tree are valid UTF-8 already, so only the bytes JSON escapes
 * need a look.  The output is byte for byte json_dumps()'s under the
 * flags it accepts: JSON_INDENT(n), JSON_COMPACT, JSON_PRESERVE_ORDER
 * (objects keep the order their keys were set in, as jansson's do);
 * any other flag, and real numbers, are handed to jansson. */
#ifndef ROUNDS_JSONOUT_H
#define ROUNDS_JSONOUT_H

#include <jansson.h>
#include "rounds/buf.h"

/* Appends j to b.  Returns 0, or -1 when j cannot be written (jansson's
 * own failure, as for a top-level value that is no object or array
 * without JSON_ENCODE_ANY). */
int rounds_json_dumpb(const json_t *j, size_t flags, struct rounds_buf *b);

/* j as a new string (the caller's), or NULL as json_dumps() returns. */
char *rounds_json_dumps(const json_t *j, size_t flags);

#endif
