/* store_discover.c: the entries whose comment feed may be found by a look
 * (their feed names none), and what each look found, so that no page is
 * asked again before its time; a feed's pause in looks; how a feed's
 * looks stand. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "store_int.h"

static void discover_row(sqlite3_stmt *s, void *elem)
{
	struct rounds_discover *d = elem;

	d->entry_id = sqlite3_column_int64(s, 0);
	d->feed_id = sqlite3_column_int64(s, 1);
	d->link = store_col_text(s, 2);
	d->comments = store_col_text(s, 3);
	d->title = store_col_text(s, 4);
	d->generator = store_col_text(s, 5);
	d->etag = store_col_text(s, 6);
	d->last_modified = store_col_text(s, 7);
	d->asked = store_col_text(s, 8);
	d->misses = sqlite3_column_int(s, 9);
	d->missed = sqlite3_column_int(s, 10) > 0;
}

int rounds_store_discover_due(struct rounds_store *st, int64_t since,
			      int64_t now, struct rounds_discover **rows,
			      size_t *n, struct rounds_err *err)
{
	/* nth: an entry's rank in its feed, the one to try after a pause
	 * first (never looked at, then the newest) */
	static const char sql[] =
		"SELECT id, feed_id, link, comments_link, title, generator,"
		" etag, last_modified, url, misses, nones FROM ("
		" SELECT e.id AS id, e.feed_id AS feed_id, e.link AS link,"
		" e.comments_link AS comments_link, e.title AS title,"
		" f.generator AS generator, d.etag AS etag,"
		" d.last_modified AS last_modified, d.url AS url,"
		" COALESCE(d.misses, 0) AS misses,"
		" COALESCE(d.nones, 0) AS nones, f.look_pauses AS pauses,"
		" row_number() OVER (PARTITION BY e.feed_id"
		"  ORDER BY d.entry_id IS NULL DESC,"
		"  COALESCE(e.published, e.first_seen) DESC, e.id DESC) AS nth"
		" FROM entries e JOIN feeds f ON f.id = e.feed_id"
		" LEFT JOIN discoveries d ON d.entry_id = e.id"
		" WHERE e.comments_feed IS NULL AND f.status = 'active'"
		" AND (e.link IS NOT NULL OR e.comments_link IS NOT NULL)"
		" AND COALESCE(e.published, e.first_seen) >= ?1"
		" AND (d.entry_id IS NULL OR"
		"  (d.result <> 'found' AND d.next_look <= ?2))"
		" AND f.look_until <= ?2)"
		" WHERE pauses = 0 OR nth = 1 ORDER BY id";
	sqlite3_stmt *s;
	void *out = NULL;
	size_t cnt = 0;

	*rows = NULL;
	*n = 0;
	if (store_prepare(st, sql, &s, err) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, now);
	if (store_read_rows(st, s, "list comment feeds to discover",
			    sizeof(struct rounds_discover), &out, &cnt,
			    discover_row, err) < 0) {
		rounds_store_discover_free(out, cnt);
		return -1;
	}
	*rows = out;
	*n = cnt;
	return 0;
}

void rounds_store_discover_free(struct rounds_discover *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].link);
		free(rows[i].comments);
		free(rows[i].title);
		free(rows[i].generator);
		free(rows[i].etag);
		free(rows[i].last_modified);
		free(rows[i].asked);
	}
	free(rows);
}

static int put_look(struct rounds_store *st,
		    const struct rounds_discover_result *res,
		    struct rounds_err *err)
{
	static const char sql[] =
		"INSERT INTO discoveries(entry_id, url, how, result, found,"
		" etag, last_modified, looked, next_look, misses, nones)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
		" ON CONFLICT(entry_id) DO UPDATE SET url = ?2, how = ?3,"
		" result = ?4, found = ?5,"
		" etag = CASE WHEN url IS ?2 THEN COALESCE(?6, etag) ELSE ?6 END,"
		" last_modified = CASE WHEN url IS ?2"
		"  THEN COALESCE(?7, last_modified) ELSE ?7 END,"
		" looked = ?8, next_look = ?9, misses = misses + ?10,"
		" nones = nones + ?11";
	sqlite3_stmt *s;
	bool found = strcmp(res->result, "found") == 0;
	int rc;

	if (store_prepare(st, sql, &s, err) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, res->entry_id);
	store_bind_text(s, 2, res->url);
	store_bind_text(s, 3, res->how);
	store_bind_text(s, 4, res->result);
	store_bind_text(s, 5, found ? res->found : NULL);
	store_bind_text(s, 6, res->etag);
	store_bind_text(s, 7, res->last_modified);
	sqlite3_bind_int64(s, 8, res->started);
	sqlite3_bind_int64(s, 9, res->next_look);
	sqlite3_bind_int(s, 10, found ? 0 : 1);
	sqlite3_bind_int(s, 11, strcmp(res->result, "none") == 0);
	rc = store_step_done(st, s, "comment feed look", err);
	sqlite3_finalize(s);
	return rc;
}

static int log_look(struct rounds_store *st,
		    const struct rounds_discover_result *res,
		    struct rounds_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQ_LOG_INSERT, err);
	const char *result = strcmp(res->result, "error") == 0 ? "error" :
			     res->not_modified ? "not_modified" : "ok";

	if (s == NULL)
		return -1;
	store_bind_opt(s, 1, res->feed_id > 0, res->feed_id);
	sqlite3_bind_int64(s, 2, res->entry_id);
	store_bind_text(s, 3, res->url);
	sqlite3_bind_int64(s, 4, res->started);
	store_bind_opt(s, 5, res->http_status > 0, res->http_status);
	store_bind_text(s, 6, result);
	sqlite3_bind_int64(s, 7, res->bytes);
	sqlite3_bind_int(s, 8, 0);
	sqlite3_bind_int(s, 9, 0);
	store_bind_text(s, 11, res->error);
	return store_step_done(st, s, "fetch log", err);
}

static int put_feed_looks(struct rounds_store *st, int64_t feed_id,
			  const struct rounds_look_state *looks,
			  struct rounds_err *err)
{
	static const char sql[] =
		"UPDATE feeds SET look_misses = ?2, look_pauses = ?3,"
		" look_until = ?4 WHERE id = ?1";
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st, sql, &s, err) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_int(s, 2, looks->misses);
	sqlite3_bind_int(s, 3, looks->pauses);
	sqlite3_bind_int64(s, 4, looks->pauses > 0 ? looks->until : 0);
	rc = store_step_done(st, s, "comment feed looks of a feed", err);
	sqlite3_finalize(s);
	return rc;
}

int rounds_store_discover_result(struct rounds_store *st,
				 const struct rounds_discover_result *res,
				 struct rounds_err *err)
{
	if (res->result == NULL || res->url == NULL || res->how == NULL ||
	    (strcmp(res->result, "found") == 0 && res->found == NULL))
		return rounds_err_set(err, EX_SOFTWARE, "database '%s': an "
				      "incomplete look for entry %" PRId64,
				      st->path, res->entry_id);
	if (store_savepoint(st, err) < 0)
		return -1;
	if (put_look(st, res, err) < 0 ||
	    (res->looks && put_feed_looks(st, res->feed_id, res->looks,
					  err) < 0) ||
	    (!res->logged_as_feed && log_look(st, res, err) < 0)) {
		store_rollback_to(st);
		return -1;
	}
	return store_release(st, err);
}

static void stats_row(sqlite3_stmt *s, void *elem)
{
	struct rounds_discover_stats *d = elem;

	d->feed_id = sqlite3_column_int64(s, 0);
	d->found = sqlite3_column_int64(s, 1);
	d->looking = sqlite3_column_int64(s, 2);
	d->given_up = sqlite3_column_int64(s, 3);
	d->has_next = store_col_int(s, 4, &d->next_look);
}

int rounds_store_discover_stats(struct rounds_store *st, int64_t since,
				struct rounds_discover_stats **rows,
				size_t *n, struct rounds_err *err)
{
	/* pending: the entries rounds_store_discover_due may list, paused or
	 * not */
	static const char sql[] =
		"SELECT feed_id, total(result = 'found'), total(pending),"
		" total(pending = 0 AND result IN ('none', 'error')"
		"  AND comments_feed IS NULL),"
		" min(CASE WHEN pending THEN COALESCE(next_look, 0) END)"
		" FROM (SELECT e.feed_id AS feed_id, e.comments_feed"
		" AS comments_feed, d.result AS result, d.next_look"
		" AS next_look, e.comments_feed IS NULL"
		"  AND d.result IS NOT 'found'"
		"  AND (e.link IS NOT NULL OR e.comments_link IS NOT NULL)"
		"  AND COALESCE(e.published, e.first_seen) >= ?1 AS pending"
		" FROM entries e LEFT JOIN discoveries d ON d.entry_id = e.id"
		" WHERE d.entry_id IS NOT NULL OR (e.comments_feed IS NULL"
		"  AND COALESCE(e.published, e.first_seen) >= ?1))"
		" GROUP BY feed_id ORDER BY feed_id";
	sqlite3_stmt *s;
	void *out = NULL;
	size_t cnt = 0;

	*rows = NULL;
	*n = 0;
	if (store_prepare(st, sql, &s, err) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	if (store_read_rows(st, s, "comment feed looks by feed",
			    sizeof(struct rounds_discover_stats), &out, &cnt,
			    stats_row, err) < 0) {
		free(out);
		return -1;
	}
	*rows = out;
	*n = cnt;
	return 0;
}
