/* digest.h: select a window of articles from the store, dedupe, group,
 * rank, thread their comments, and build the digest model of
 * INTERFACE.md (a jansson tree) that every template receives.
 *
 * What the model's readers can rely on (settings: rounds.conf(5)):
 * - An article is in the window by its published time, else updated,
 *   else when it was first seen.
 * - "tags": the article's topics ([topics], else the built-in health-IT
 *   set; in topic order), then its feed categories, no repeats.
 * - One story, several feeds (the same canonical link, or the same title
 *   from another feed): the earliest article is shown, the others are
 *   its "also" ({source title, link}, earliest first).
 * - "comments": nested by parent, oldest first, orphans top-level; at
 *   most [digest] max_comments in all, taken depth-first; "more_comments"
 *   = max(comment_count, comments fetched) - shown, when above 0.
 * - "comment_count": as the feed says, else the comments fetched; the
 *   model's own is the sum over its articles.
 * - "comments" are those written before the window ends; later ones
 *   belong to the next issue.  A comment by the article's own author
 *   (same name, uri or e-mail) has "by_author".
 * - "discussion": {new_comments, participants, depth, score} over the
 *   comments written in the window; score = 0.5 N + 1.5 X + (D - 1) + 2 A
 *   (src/digest/digest_discuss.c says what each letter counts).
 * - Sections by source (ordered by title) or by topic (topic order, an
 *   article under its first topic, "Other" last); within them newest or
 *   most discussed (by score) first; every tie broken by the entry's row
 *   id, so the same database, config and clock give the same bytes.
 * - Unknown values and empty lists are left out. */
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

/* The ISO week before the one holding t (at now: the last complete week),
 * in time zone tz. */
int rounds_digest_last_week(int64_t t, const char *tz, int64_t *since,
			    int64_t *until, char week[9],
			    struct rounds_err *err) ROUNDS_WUR;

/* The window a digest covers. */
struct rounds_digest_window {
	int64_t since, until;           /* [since, until) */
	char week[9];                   /* "2026-W47" when a week, else "" */
};

/* The window of the options, in time zone tz:
 * - week "YYYY-Www" (any case of the W): that ISO week;
 * - else since [until]: --since/--until values (YYYY-MM-DD at local
 *   midnight, an RFC 3339 time, or a duration back from now such as "7d");
 *   until defaults to now; an empty window is EX_USAGE;
 * - else the last complete week before now.
 * A bad value is EX_USAGE naming it. */
int rounds_digest_window(const char *week, const char *since,
			 const char *until, const char *tz, int64_t now,
			 struct rounds_digest_window *w,
			 struct rounds_err *err) ROUNDS_WUR;

/* The ISO weeks (time zone tz) that hold articles, latest first, up to
 * max of them, all before the time before: for "this week is empty; try
 * one of these". */
int rounds_digest_weeks_before(struct rounds_store *st, const char *tz,
			       int64_t before, char (*weeks)[9], size_t max,
			       size_t *n, struct rounds_err *err) ROUNDS_WUR;

/* The model's "site" object ({"title","url","description"}) from conf. */
json_t *rounds_digest_site(const struct rounds_conf *conf);
/* Builds the model.  Returns a new reference or NULL with err set. */
json_t *rounds_digest_build(struct rounds_store *st,
			    const struct rounds_conf *conf,
			    const struct rounds_digest_opts *opts,
			    struct rounds_err *err);
/* The same in two steps, for building on one thread and finishing on
 * another: rounds_digest_build_raw() leaves out the model's last pass,
 * so every value in it is as the store holds it (untrusted: no template
 * may see it), and rounds_digest_safe() is that pass (the rules of
 * safe.h, by key; see digest_safe.c). */
json_t *rounds_digest_build_raw(struct rounds_store *st,
				const struct rounds_conf *conf,
				const struct rounds_digest_opts *opts,
				struct rounds_err *err) ROUNDS_WUR;
void rounds_digest_safe(json_t *model);

#endif
