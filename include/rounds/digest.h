/* digest.h: select a window of articles from the store, dedupe, group,
 * rank, thread their comments, and build the digest model of
 * INTERFACE.md (a jansson tree) that every template receives. */
#ifndef ROUNDS_DIGEST_H
#define ROUNDS_DIGEST_H

#include <jansson.h>
#include <stdint.h>
#include "conf.h"
#include "err.h"
#include "store.h"

struct rounds_digest_opts {
	int64_t since, until;           /* the window [since, until) */
	const char *week;               /* "2026-W47" when a week, else NULL */
	const char *const *feeds;       /* only these feed URLs (NULL = all) */
	size_t n_feeds;
	const char *const *tags;        /* only feeds with these tags */
	size_t n_tags;
};

/* The ISO week of t in time zone tz ("UTC", "Europe/Berlin"...):
 * fills since/until and writes "YYYY-Www" into week (9 bytes). */
int rounds_digest_week_of(int64_t t, const char *tz, int64_t *since,
			  int64_t *until, char week[9],
			  struct rounds_err *err) ROUNDS_WUR;
/* Parses "YYYY-Www" into its window in time zone tz. */
int rounds_digest_week_parse(const char *week, const char *tz, int64_t *since,
			     int64_t *until, struct rounds_err *err) ROUNDS_WUR;

/* Builds the model.  Returns a new reference or NULL with err set. */
json_t *rounds_digest_build(struct rounds_store *st,
			    const struct rounds_conf *conf,
			    const struct rounds_digest_opts *opts,
			    struct rounds_err *err);

#endif
