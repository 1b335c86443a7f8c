/* mustache.h: a Mustache template engine (the spec's required modules:
 * interpolation, sections, inverted, comments, partials, delimiters) over
 * jansson values.  Output of {{name}} is HTML-escaped; {{{name}}} and
 * {{& name}} are not. */
#ifndef ROUNDS_MUSTACHE_H
#define ROUNDS_MUSTACHE_H

#include <jansson.h>
#include "err.h"

/* Returns the text of partial `name` (caller frees) or NULL when none. */
typedef char *(*rounds_partial_fn)(const char *name, void *arg);

/* Renders tmpl with data as the context.  Returns the output (caller
 * frees) or NULL with err set (EX_DATAERR naming the line) on a bad
 * template. */
char *rounds_mustache_render(const char *tmpl, json_t *data,
			     rounds_partial_fn partials, void *arg,
			     struct rounds_err *err);

#endif
