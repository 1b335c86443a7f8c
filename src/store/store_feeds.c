/* store_feeds.c: subscriptions: adding, removing and listing feeds with
 * their tags, and the comment feeds due for fetching. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "store_int.h"

int store_feed_id(struct rounds_store *st, const char *url, int64_t *id,
		  bool *found, struct rounds_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQ_FEED_BY_URL, err);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, url);
	rc = sqlite3_step(s);
	*found = rc == SQLITE_ROW;
	if (*found)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "feed lookup", err);
	return 0;
}

int store_tag_add(struct rounds_store *st, int64_t feed_id, const char *tag,
		  struct rounds_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQ_TAG_INSERT, err);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed_id);
	store_bind_text(s, 2, tag);
	return store_step_done(st, s, "tag", err);
}

int rounds_store_feed_add(struct rounds_store *st, const char *url,
			  const char *title, const char *const *tags,
			  size_t n_tags, const char *origin, int64_t *id,
			  struct rounds_err *err)
{
	sqlite3_stmt *s;
	int64_t fid = 0;
	bool found;
	size_t i;

	if (store_savepoint(st, err) < 0)
		return -1;
	if (store_feed_id(st, url, &fid, &found, err) < 0)
		goto fail;
	if (found) {
		if (store_release(st, err) < 0)
			return -1;
		if (id)
			*id = fid;
		return 1;
	}
	if ((s = store_stmt(st, SQ_FEED_INSERT, err)) == NULL)
		goto fail;
	store_bind_text(s, 1, url);
	store_bind_text(s, 2, title && *title ? title : NULL);
	store_bind_text(s, 3, origin ? origin : "cli");
	sqlite3_bind_int64(s, 4, rounds_clock_now());
	if (store_step_done(st, s, "add feed", err) < 0)
		goto fail;
	fid = sqlite3_last_insert_rowid(st->db);
	for (i = 0; i < n_tags; i++)
		if (tags[i] && *tags[i] &&
		    store_tag_add(st, fid, tags[i], err) < 0)
			goto fail;
	if (store_release(st, err) < 0)
		return -1;
	if (id)
		*id = fid;
	return 0;
fail:
	store_rollback_to(st);
	return -1;
}

int rounds_store_feed_remove(struct rounds_store *st, const char *url_or_id,
			     struct rounds_err *err)
{
	sqlite3_stmt *s = NULL;
	char *end;
	long long num;
	int rc = -1;

	errno = 0;
	num = strtoll(url_or_id, &end, 10);
	if (sqlite3_prepare_v2(st->db, "DELETE FROM feeds WHERE url = ?1"
			       " OR (?2 IS NOT NULL AND id = ?2)", -1, &s,
			       NULL) != SQLITE_OK) {
		store_fail(st, "prepare", err);
		goto out;
	}
	store_bind_text(s, 1, url_or_id);
	store_bind_opt(s, 2, errno == 0 && *url_or_id && *end == '\0', num);
	if (store_savepoint(st, err) < 0)
		goto out;
	if (store_step_done(st, s, "remove feed", err) < 0) {
		store_rollback_to(st);
		goto out;
	}
	if (sqlite3_changes(st->db) == 0) {
		store_rollback_to(st);
		rounds_err_set(err, EX_DATAERR, "no feed '%s' in '%s'",
			       url_or_id, st->path);
		goto out;
	}
	rc = store_release(st, err);
out:
	sqlite3_finalize(s);
	return rc;
}

static int sub_tags(struct rounds_store *st, struct rounds_sub *r,
		    struct rounds_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQ_TAGS_OF, err);
	size_t alloc = 0;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, r->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (r->n_tags == alloc) {
			alloc = alloc ? alloc * 2 : 4;
			r->tags = xrealloc(r->tags, alloc * sizeof(char *));
		}
		r->tags[r->n_tags++] = store_col_text(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "tags", err);
	return 0;
}

static enum rounds_feed_status status_of(const char *s)
{
	if (s && strcmp(s, "gone") == 0)
		return ROUNDS_FEED_GONE;
	if (s && strcmp(s, "paused") == 0)
		return ROUNDS_FEED_PAUSED;
	return ROUNDS_FEED_ACTIVE;
}

static void sub_from_row(sqlite3_stmt *s, void *elem)
{
	struct rounds_sub *r = elem;

	r->id = sqlite3_column_int64(s, 0);
	r->url = store_col_text(s, 1);
	r->title = store_col_text(s, 2);
	r->site_link = store_col_text(s, 3);
	r->etag = store_col_text(s, 4);
	r->last_modified = store_col_text(s, 5);
	r->last_error = store_col_text(s, 6);
	r->moved_to = store_col_text(s, 7);
	r->moved_count = sqlite3_column_int(s, 8);
	r->status = status_of((const char *)sqlite3_column_text(s, 9));
	r->added = sqlite3_column_int64(s, 10);
	r->last_fetch = sqlite3_column_int64(s, 11);
	r->last_ok = sqlite3_column_int64(s, 12);
	r->next_fetch = sqlite3_column_int64(s, 13);
	r->min_interval = sqlite3_column_int64(s, 14);
	r->error_count = sqlite3_column_int(s, 15);
	r->n_entries = sqlite3_column_int64(s, 16);
	r->origin = store_col_text(s, 17);
	r->first_error = sqlite3_column_int64(s, 18);
	r->last_new = sqlite3_column_int64(s, 19);
	r->last_status = (long)sqlite3_column_int64(s, 20);
	r->looks.misses = sqlite3_column_int(s, 21);
	r->looks.pauses = sqlite3_column_int(s, 22);
	r->looks.until = sqlite3_column_int64(s, 23);
}

int rounds_store_feeds(struct rounds_store *st, bool due_only, int64_t now,
		       struct rounds_sub **rows, size_t *n,
		       struct rounds_err *err)
{
	static const char sql[] =
		"SELECT f.id, f.url, COALESCE(f.user_title, f.title),"
		" f.site_link, f.etag, f.last_modified, f.last_error,"
		" f.moved_to, f.moved_count, f.status, f.added, f.last_fetch,"
		" f.last_ok, f.next_fetch, f.min_interval, f.error_count,"
		" (SELECT count(*) FROM entries e WHERE e.feed_id = f.id),"
		" f.origin, f.first_error, f.last_new, f.last_status,"
		" f.look_misses, f.look_pauses, f.look_until"
		" FROM feeds f WHERE ?1 = 0"
		" OR (f.status = 'active' AND f.next_fetch <= ?2)"
		" ORDER BY f.id";
	sqlite3_stmt *s;
	void *out = NULL;
	size_t cnt = 0, i;
	bool txn = st->depth == 0;
	int rc = -1;

	*rows = NULL;
	*n = 0;
	/* one read transaction for the feeds and all their tags, not one
	 * (with its locks) for each feed's tags */
	if (txn && store_exec(st, "BEGIN", err) < 0)
		return -1;
	if (store_prepare(st, sql, &s, err) < 0)
		goto out;
	sqlite3_bind_int(s, 1, due_only);
	sqlite3_bind_int64(s, 2, now);
	if (store_read_rows(st, s, "list feeds", sizeof(struct rounds_sub),
			    &out, &cnt, sub_from_row, err) < 0)
		goto out;
	for (i = 0; i < cnt; i++)
		if (sub_tags(st, (struct rounds_sub *)out + i, err) < 0)
			goto out;
	*rows = out;
	*n = cnt;
	out = NULL;
	cnt = 0;
	rc = 0;
out:
	if (txn)
		(void)sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	rounds_store_subs_free(out, cnt);
	return rc;
}

void rounds_store_subs_free(struct rounds_sub *rows, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		free(rows[i].url);
		free(rows[i].title);
		free(rows[i].site_link);
		free(rows[i].etag);
		free(rows[i].last_modified);
		free(rows[i].last_error);
		free(rows[i].moved_to);
		free(rows[i].origin);
		for (j = 0; j < rows[i].n_tags; j++)
			free(rows[i].tags[j]);
		free(rows[i].tags);
	}
	free(rows);
}

static void comment_feed_row(sqlite3_stmt *s, void *elem)
{
	struct rounds_comment_feed *c = elem;

	c->entry_id = sqlite3_column_int64(s, 0);
	c->feed_id = sqlite3_column_int64(s, 1);
	c->url = store_col_text(s, 2);
	c->etag = store_col_text(s, 3);
	c->last_modified = store_col_text(s, 4);
	c->error_count = sqlite3_column_int(s, 5);
}

int rounds_store_comment_feeds(struct rounds_store *st, int64_t since,
			       int64_t now, struct rounds_comment_feed **rows,
			       size_t *n, struct rounds_err *err)
{
	static const char sql[] =
		"SELECT e.id, e.feed_id, COALESCE(e.comments_feed, d.found),"
		" e.c_etag, e.c_last_modified, e.c_error_count"
		" FROM entries e JOIN feeds f ON f.id = e.feed_id"
		" LEFT JOIN discoveries d ON d.entry_id = e.id"
		" WHERE COALESCE(e.comments_feed, d.found) IS NOT NULL"
		" AND f.status = 'active'"
		" AND COALESCE(e.published, e.first_seen) >= ?1"
		" AND e.c_next_fetch <= ?2 ORDER BY e.id";
	sqlite3_stmt *s;
	void *out = NULL;
	size_t cnt = 0;

	*rows = NULL;
	*n = 0;
	if (store_prepare(st, sql, &s, err) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, now);
	if (store_read_rows(st, s, "list comment feeds",
			    sizeof(struct rounds_comment_feed), &out, &cnt,
			    comment_feed_row, err) < 0) {
		rounds_store_comment_feeds_free(out, cnt);
		return -1;
	}
	*rows = out;
	*n = cnt;
	return 0;
}

void rounds_store_comment_feeds_free(struct rounds_comment_feed *rows,
				     size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].url);
		free(rows[i].etag);
		free(rows[i].last_modified);
	}
	free(rows);
}
