/* store.c: the SQLite store.  (Not written yet.) */
#include <stdlib.h>
#include "rounds/store.h"

struct rounds_store { sqlite3 *db; };

struct rounds_store *rounds_store_open(const char *path, struct rounds_err *err)
{
	rounds_err_set(err, EX_UNAVAILABLE, "the store is not available yet");
	return NULL;
}

void rounds_store_close(struct rounds_store *st) { free(st); }
sqlite3 *rounds_store_db(struct rounds_store *st) { return st->db; }

int rounds_store_feed_add(struct rounds_store *st, const char *url,
			  const char *title, const char *const *tags,
			  size_t n_tags, const char *origin, int64_t *id,
			  struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }

int rounds_store_feed_remove(struct rounds_store *st, const char *url_or_id,
			     struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }

int rounds_store_feeds(struct rounds_store *st, bool due_only, int64_t now,
		       struct rounds_sub **rows, size_t *n,
		       struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }

void rounds_store_subs_free(struct rounds_sub *rows, size_t n) { free(rows); }

int rounds_store_comment_feeds(struct rounds_store *st, int64_t since,
			       int64_t now, struct rounds_comment_feed **rows,
			       size_t *n, struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }

void rounds_store_comment_feeds_free(struct rounds_comment_feed *rows,
				     size_t n) { free(rows); }

int rounds_store_fetch_result(struct rounds_store *st,
			      const struct rounds_fetch_result *res,
			      struct rounds_store_counts *counts,
			      struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }
