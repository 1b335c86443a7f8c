/* store_digest.c: what the digest reads: the feeds and their tags, the
 * window's entries (indexed by published; updated and first_seen for
 * entries without one), the earlier entries whose threads grew in the
 * window ("continued"), and the comments of chosen entries in one query,
 * each row handed to the caller's function with C types. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "store_int.h"

struct feed_walk {
	rounds_store_feed_fn fn;
	void *ctx;
};

static const char *col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

static int feed_row(void *ctx, sqlite3_stmt *s, struct rounds_err *err)
{
	struct feed_walk *w = ctx;
	struct rounds_store_feed f = {
		.id = sqlite3_column_int64(s, 0),
		.url = col(s, 1),
		.title = col(s, 2),
		.site_link = col(s, 3),
		.self = col(s, 4),
	};

	return w->fn(w->ctx, &f, err);
}

int rounds_store_each_feed(struct rounds_store *st, rounds_store_feed_fn fn,
			   void *ctx, struct rounds_err *err)
{
	struct feed_walk w = { fn, ctx };
	sqlite3_stmt *s = store_stmt_sql(st, SQ_EACH_FEED,
		"SELECT id, url, COALESCE(user_title, title, url), site_link,"
		" self FROM feeds ORDER BY id", err);

	if (s == NULL)
		return -1;
	return store_walk_kept(st, s, "feeds", feed_row, &w, err);
}

static void id_row(sqlite3_stmt *s, void *elem)
{
	*(int64_t *)elem = sqlite3_column_int64(s, 0);
}

int rounds_store_tagged(struct rounds_store *st, const char *tag,
			int64_t **ids, size_t *n, struct rounds_err *err)
{
	sqlite3_stmt *s;
	void *v = NULL;

	*ids = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT feed_id FROM feed_tags WHERE tag = ?1"
			  " COLLATE NOCASE", &s, err) < 0)
		return -1;
	sqlite3_bind_text(s, 1, tag, -1, SQLITE_STATIC);
	if (store_read_rows(st, s, "feed tags", sizeof(int64_t), &v, n,
			    id_row, err) < 0) {
		free(v);
		*n = 0;
		return -1;
	}
	*ids = v;
	return 0;
}

#define ENTRY_COLS "SELECT id, feed_id, guid, link, canonical, title," \
	" authors, categories, published, updated, first_seen, summary," \
	" content, comments_link, comment_count FROM entries"

struct entry_walk {
	rounds_store_entry_fn fn;
	void *ctx;
};

static int entry_row(void *ctx, sqlite3_stmt *s, struct rounds_err *err)
{
	struct entry_walk *w = ctx;
	struct rounds_store_entry e = {
		.id = sqlite3_column_int64(s, 0),
		.feed_id = sqlite3_column_int64(s, 1),
		.guid = col(s, 2),
		.link = col(s, 3),
		.canonical = col(s, 4),
		.title = col(s, 5),
		.authors = col(s, 6),
		.categories = col(s, 7),
		.first_seen = sqlite3_column_int64(s, 10),
		.summary = col(s, 11),
		.content = col(s, 12),
		.comments_link = col(s, 13),
	};

	e.has_published = store_col_int(s, 8, &e.published);
	e.has_updated = store_col_int(s, 9, &e.updated);
	e.has_comment_count = store_col_int(s, 14, &e.comment_count);
	return w->fn(w->ctx, &e, err);
}

int rounds_store_each_entry(struct rounds_store *st, int64_t since,
			    int64_t until, rounds_store_entry_fn fn, void *ctx,
			    struct rounds_err *err)
{
	/* Three indexed ranges: the time is published, else updated, else
	 * first_seen. */
	static const char sql[] =
		ENTRY_COLS " WHERE published >= ?1 AND published < ?2"
		" UNION ALL " ENTRY_COLS " WHERE published IS NULL"
		" AND updated >= ?1 AND updated < ?2"
		" UNION ALL " ENTRY_COLS " WHERE first_seen >= ?1"
		" AND first_seen < ?2 AND published IS NULL"
		" AND updated IS NULL";
	struct entry_walk w = { fn, ctx };
	sqlite3_stmt *s = store_stmt_sql(st, SQ_EACH_ENTRY, sql, err);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, until);
	return store_walk_kept(st, s, "entries", entry_row, &w, err);
}

/* A comment written in [?3, ?4): its time is published, else first
 * seen. */
#define GREW " AND EXISTS (SELECT 1 FROM comments c" \
	" WHERE c.entry_id = entries.id AND" \
	" COALESCE(c.published, c.first_seen) >= ?3 AND" \
	" COALESCE(c.published, c.first_seen) < ?4)"

int rounds_store_each_continued(struct rounds_store *st, int64_t from,
				int64_t since, int64_t until,
				rounds_store_entry_fn fn, void *ctx,
				struct rounds_err *err)
{
	/* The three ranges of rounds_store_each_entry over [from, since),
	 * each entry kept when its thread grew in [since, until). */
	static const char sql[] =
		ENTRY_COLS " WHERE published >= ?1 AND published < ?2" GREW
		" UNION ALL " ENTRY_COLS " WHERE published IS NULL"
		" AND updated >= ?1 AND updated < ?2" GREW
		" UNION ALL " ENTRY_COLS " WHERE first_seen >= ?1"
		" AND first_seen < ?2 AND published IS NULL"
		" AND updated IS NULL" GREW;
	struct entry_walk w = { fn, ctx };
	sqlite3_stmt *s;

	if (from >= since || since >= until)
		return 0;
	if ((s = store_stmt_sql(st, SQ_EACH_CONTINUED, sql, err)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, since);
	sqlite3_bind_int64(s, 3, since);
	sqlite3_bind_int64(s, 4, until);
	return store_walk_kept(st, s, "entries", entry_row, &w, err);
}

struct comment_walk {
	rounds_store_comment_fn fn;
	void *ctx;
};

static int comment_row(void *ctx, sqlite3_stmt *s, struct rounds_err *err)
{
	struct comment_walk *w = ctx;
	struct rounds_store_comment c = {
		.entry_id = sqlite3_column_int64(s, 0),
		.guid = col(s, 1),
		.parent_guid = col(s, 2),
		.author = col(s, 3),
		.link = col(s, 4),
		.content = col(s, 6),
		.first_seen = sqlite3_column_int64(s, 7),
	};

	c.has_published = store_col_int(s, 5, &c.published);
	return w->fn(w->ctx, &c, err);
}

/* The ids as a JSON array, for json_each. */
static int id_array(const int64_t *ids, size_t n, struct rounds_buf *b,
		    struct rounds_err *err)
{
	size_t i;
	int w = 0;

	w |= rounds_buf_putc(b, '[');
	for (i = 0; i < n; i++)
		w |= rounds_buf_printf(b, "%s%" PRId64, i ? "," : "",
				       ids[i]);
	w |= rounds_buf_putc(b, ']');
	if (w < 0)
		return rounds_err_set(err, EX_SOFTWARE, "out of memory");
	return 0;
}

int rounds_store_each_comment(struct rounds_store *st, const int64_t *ids,
			      size_t n, rounds_store_comment_fn fn, void *ctx,
			      struct rounds_err *err)
{
	static const char sql[] =
		"SELECT entry_id, guid, parent_guid, author, link, published,"
		" content, first_seen FROM comments WHERE entry_id IN"
		" (SELECT value FROM json_each(?1))"
		" ORDER BY entry_id, COALESCE(published, first_seen), id";
	struct comment_walk w = { fn, ctx };
	sqlite3_stmt *s = NULL;
	struct rounds_buf b;
	int rc = -1;

	rounds_buf_init(&b, 0);
	if (id_array(ids, n, &b, err) < 0 ||
	    (s = store_stmt_sql(st, SQ_EACH_COMMENT, sql, err)) == NULL)
		goto out;
	sqlite3_bind_text(s, 1, rounds_buf_str(&b), (int)b.len,
			  SQLITE_STATIC);
	rc = store_walk_kept(st, s, "comments", comment_row, &w, err);
out:
	rounds_buf_release(&b);
	return rc;
}

struct window_walk {
	const int64_t *since, *until;
	size_t n, i;
	bool *has;
};

static int window_row(void *ctx, sqlite3_stmt *s, struct rounds_err *err)
{
	struct window_walk *w = ctx;
	int64_t t = sqlite3_column_int64(s, 0);

	(void)err;
	while (w->i < w->n && t >= w->until[w->i])
		w->i++;
	if (w->i < w->n && t >= w->since[w->i])
		w->has[w->i] = true;
	return 0;
}

int rounds_store_windows_used(struct rounds_store *st, const int64_t *since,
			      const int64_t *until, size_t n, bool *has,
			      struct rounds_err *err)
{
	struct window_walk w = { since, until, n, 0, has };
	sqlite3_stmt *s;

	memset(has, 0, n * sizeof(*has));
	if (n == 0)
		return 0;
	if (store_prepare(st, "SELECT t FROM (SELECT COALESCE(published,"
			  " updated, first_seen) AS t FROM entries) WHERE"
			  " t >= ?1 AND t < ?2 ORDER BY t", &s, err) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, since[0]);
	sqlite3_bind_int64(s, 2, until[n - 1]);
	return store_walk(st, s, "entries", window_row, &w, err);
}
