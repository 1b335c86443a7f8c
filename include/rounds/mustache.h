/* mustache.h: a Mustache template engine (the spec's required modules:
 * interpolation, sections, inverted, comments, partials, delimiters) over
 * jansson values.  Output of {{name}} is HTML-escaped; {{{name}}} and
 * {{& name}} are not.
 *
 * Truth: null, false, an empty array and the empty string are falsey;
 * everything else (0 included) is truthy.  An array section renders once
 * per element.  Numbers print as integers or as the shortest decimal that
 * reads back to the same double.  A missing partial renders as nothing.
 * Beyond the spec: in a dotted name a number picks an array element
 * ({{#authors.0}}: "has at least one author"), and inside an array
 * section {{@first}} and {{@last}} are true on the first and last element
 * of the innermost array being iterated ({{^@last}}, {{/@last}}).
 * Limits: sections nest at most ROUNDS_MUSTACHE_MAX_NEST deep in one
 * template, partials at most ROUNDS_MUSTACHE_MAX_PARTIALS deep (a partial
 * that includes itself with no end fails there), and the output is capped
 * (ROUNDS_MUSTACHE_MAX_OUT unless the options say otherwise), and so is
 * the work (ROUNDS_MUSTACHE_MAX_STEPS template nodes visited), so nested
 * loops that print nothing cannot spin for ever either. */
#ifndef ROUNDS_MUSTACHE_H
#define ROUNDS_MUSTACHE_H

#include <stddef.h>
#include <jansson.h>
#include "buf.h"
#include "err.h"

#define ROUNDS_MUSTACHE_MAX_NEST     100
#define ROUNDS_MUSTACHE_MAX_PARTIALS 100
#define ROUNDS_MUSTACHE_MAX_OUT      (64u << 20)
#define ROUNDS_MUSTACHE_MAX_STEPS    100000000ul

/* Returns the text of partial `name` (caller frees) or NULL when none. */
typedef char *(*rounds_partial_fn)(const char *name, void *arg);

/* What {{name}} does to the value before it goes out. */
enum rounds_mustache_escape {
	ROUNDS_ESCAPE_HTML = 0,   /* & < > " ' become entities */
	ROUNDS_ESCAPE_MARKDOWN,   /* CommonMark-significant characters get a
				   * backslash; line breaks become spaces */
	ROUNDS_ESCAPE_NONE,       /* plain text out as it is */
};

struct rounds_mustache_opts {
	const char *name;               /* for messages; NULL: "template" */
	enum rounds_mustache_escape escape;
	rounds_partial_fn partials;     /* NULL: no partials */
	void *arg;                      /* passed to partials */
	size_t max_out;                 /* 0: ROUNDS_MUSTACHE_MAX_OUT */
	unsigned long max_steps;        /* 0: ROUNDS_MUSTACHE_MAX_STEPS */
};

/* Renders tmpl with data as the context.  Returns the output (caller
 * frees) or NULL with err set (EX_DATAERR naming the line) on a bad
 * template. */
char *rounds_mustache_render(const char *tmpl, json_t *data,
			     rounds_partial_fn partials, void *arg,
			     struct rounds_err *err);
/* The same with options (opts NULL: HTML escaping, no partials). */
char *rounds_mustache_render_opts(const char *tmpl, json_t *data,
				  const struct rounds_mustache_opts *opts,
				  struct rounds_err *err);

/* Appends s escaped as mode says; -1 when b passes its cap. */
int rounds_mustache_escape(struct rounds_buf *b, const char *s, size_t len,
			   enum rounds_mustache_escape mode) ROUNDS_WUR;

#endif
