/* parse.h: bytes -> struct rounds_feed.  No I/O of any kind.
 * RSS 0.90/0.91/0.92/2.0, RSS 1.0, Atom 0.3/1.0 (libxml2), JSON Feed 1.x
 * (jansson); sanitised (html.h), URLs resolved (url.h), dates (date.h). */
#ifndef ROUNDS_PARSE_H
#define ROUNDS_PARSE_H

#include <stddef.h>
#include "err.h"
#include "feed.h"

struct rounds_parse_opts {
	const char *base;       /* the document's own URL, or NULL */
	const char *charset;    /* charset declared by the transport, or NULL */
};

/* Parses len bytes.  On success *out is the caller's (free with
 * rounds_feed_free); a recovered document has bozo set.  A document with
 * no feed in it fails with EX_DATAERR and a message saying why. */
int rounds_parse(const char *bytes, size_t len,
		 const struct rounds_parse_opts *opts,
		 struct rounds_feed **out, struct rounds_err *err) ROUNDS_WUR;

/* Appends the feed to out as the JSON of INTERFACE.md: compact, or
 * indented by two spaces when pretty; source (may be NULL) adds the
 * "source" key.  A string that is not valid UTF-8 is left out.  -1 when
 * out went over its cap (out is then freed). */
struct rounds_buf;
int rounds_feed_write_json(const struct rounds_feed *feed, const char *source,
			   bool pretty, struct rounds_buf *out) ROUNDS_WUR;

#endif
