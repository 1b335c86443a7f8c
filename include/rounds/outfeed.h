/* outfeed.h: the output feeds, written from JSON models.
 * Digest form (`rounds digest --format atom|rss|json`): one entry per
 * article of the model's sections (its "continued" articles were entries
 * of an earlier week's, so they are not repeated).  Site form (feed.xml
 * etc.): one entry per issue, full HTML content, stable ids; `issues` is
 * an array of digest models, newest first, each with an added "html" key
 * (the rendered issue), "path" (its page, relative to the site root) and
 * "updated" (when its content last changed; else "generated", when it
 * first went out, is taken). */
#ifndef ROUNDS_OUTFEED_H
#define ROUNDS_OUTFEED_H

#include <jansson.h>
#include "err.h"

enum rounds_outfeed_kind {
	ROUNDS_OUTFEED_ATOM,
	ROUNDS_OUTFEED_RSS,
	ROUNDS_OUTFEED_JSON,       /* JSON Feed 1.1 */
};

/* self: the feed's own web address (rel="self", RSS's atom:link,
 * JSON Feed's feed_url), or NULL when it has none. */
int rounds_outfeed_digest(json_t *model, enum rounds_outfeed_kind kind,
			  const char *self, char **out,
			  struct rounds_err *err) ROUNDS_WUR;
/* site: {"title","url","description"} and "first_week", the week of the
 * first issue ever (the feed's id takes its year, so the id never
 * changes; without it, the oldest issue given); self: the feed's own URL
 * or NULL. */
int rounds_outfeed_issues(json_t *site, json_t *issues,
			  enum rounds_outfeed_kind kind, const char *self,
			  char **out, struct rounds_err *err) ROUNDS_WUR;
/* river.xml: every recent article of every source, one Atom feed.
 * articles: array of ARTICLE objects (INTERFACE.md), newest first. */
int rounds_outfeed_river(json_t *site, json_t *articles, const char *self,
			 char **out, struct rounds_err *err) ROUNDS_WUR;

/* A stable id: "tag:HOST,YYYY:specific" from the site URL's host (in
 * lower case) and the year of when ("2026-W47" or a DATE), else
 * "urn:rounds:specific".
 * Caller frees. */
char *rounds_outfeed_tag_id(const char *site_url, const char *when,
			    const char *specific);

#endif
