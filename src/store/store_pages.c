/* store_pages.c: what incremental publishing keeps: a fingerprint of the
 * rows each page of the site is made of (the entries and comments of a
 * window, the subscriptions), and the pages table, each page's
 * fingerprint as last written with a small JSON note beside it. */
#include <stdio.h>
#include <string.h>
#include "store_int.h"

/* Every column of a row, in order, into the hash (NULL has its mark). */
static int hash_row(void *ctx, sqlite3_stmt *s, struct rounds_err *err)
{
	struct rounds_hash *h = ctx;
	int i, n = sqlite3_column_count(s);

	(void)err;
	for (i = 0; i < n; i++)
		rounds_hash_str(h, (const char *)sqlite3_column_text(s, i));
	return 0;
}

int rounds_store_window_hash(struct rounds_store *st, int64_t since,
			     int64_t until, struct rounds_hash *h,
			     struct rounds_err *err)
{
	/* The window's entries as rounds_store_each_entry finds them, each
	 * row as the digest reads it (its text by content_hash), then every
	 * comment of those entries.  In the order the plan yields them, not
	 * sorted (sorting took a fifth of a no-op publish): the order is the
	 * same for the same rows and SQLite; should a new SQLite change it,
	 * the pages are rendered once more, and no file is rewritten that
	 * did not change. */
	static const char sql[] =
		"WITH w(id) AS (SELECT id FROM entries WHERE published >= ?1"
		" AND published < ?2 UNION ALL SELECT id FROM entries WHERE"
		" published IS NULL AND updated >= ?1 AND updated < ?2"
		" UNION ALL SELECT id FROM entries WHERE first_seen >= ?1"
		" AND first_seen < ?2 AND published IS NULL"
		" AND updated IS NULL)"
		" SELECT 0, e.id, e.feed_id, e.guid, e.link, e.canonical,"
		" e.authors, e.categories, e.published, e.updated,"
		" e.first_seen, e.content_hash, e.comments_link,"
		" e.comment_count FROM w JOIN entries e ON e.id = w.id"
		" UNION ALL SELECT 1, c.entry_id, c.id, c.guid,"
		" c.parent_guid, c.author, c.link, c.published,"
		" c.first_seen, COALESCE(c.content_hash, c.content),"
		" NULL, NULL, NULL, NULL FROM w JOIN comments c"
		" ON c.entry_id = w.id";
	sqlite3_stmt *s = store_stmt_sql(st, SQ_WINDOW_HASH, sql, err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, until);
	rc = store_each_row(st, s, "entries", hash_row, h, err);
	sqlite3_reset(s);
	return rc;
}

/* An entry whose thread grew in [?2, ?3). */
#define GREW " AND EXISTS (SELECT 1 FROM comments c" \
	" WHERE c.entry_id = entries.id AND" \
	" COALESCE(c.published, c.first_seen) >= ?2 AND" \
	" COALESCE(c.published, c.first_seen) < ?3)"

int rounds_store_continued_hash(struct rounds_store *st, int64_t from,
				int64_t since, int64_t until,
				struct rounds_hash *h, struct rounds_err *err)
{
	/* The entries rounds_store_each_continued finds (by the same three
	 * indexed ranges: a scan of every entry per week cost a no-op
	 * publish most of its time), then every comment of those entries
	 * (a new one is shown, an older one may be the context quoted). */
	static const char sql[] =
		"WITH w(id) AS (SELECT id FROM entries WHERE published >= ?1"
		" AND published < ?2" GREW " UNION ALL SELECT id FROM entries"
		" WHERE published IS NULL AND updated >= ?1 AND updated < ?2"
		GREW " UNION ALL SELECT id FROM entries WHERE first_seen >= ?1"
		" AND first_seen < ?2 AND published IS NULL AND updated IS NULL"
		GREW ")"
		" SELECT 0, e.id, e.feed_id, e.guid, e.link, e.canonical,"
		" e.authors, e.categories, e.published, e.updated,"
		" e.first_seen, e.content_hash, e.comments_link,"
		" e.comment_count FROM w JOIN entries e ON e.id = w.id"
		" UNION ALL SELECT 1, c.entry_id, c.id, c.guid,"
		" c.parent_guid, c.author, c.link, c.published,"
		" c.first_seen, COALESCE(c.content_hash, c.content),"
		" NULL, NULL, NULL, NULL FROM w JOIN comments c"
		" ON c.entry_id = w.id";
	sqlite3_stmt *s;
	int rc;

	rounds_hash_str(h, "continued");
	if (from >= since || since >= until)
		return 0;
	if ((s = store_stmt_sql(st, SQ_CONTINUED_HASH, sql, err)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, since);
	sqlite3_bind_int64(s, 3, until);
	rc = store_each_row(st, s, "entries", hash_row, h, err);
	sqlite3_reset(s);
	return rc;
}

int rounds_store_feeds_hash(struct rounds_store *st, struct rounds_hash *h,
			    struct rounds_err *err)
{
	sqlite3_stmt *s;

	if (store_prepare(st, "SELECT 0, id, url, title, user_title,"
			  " site_link, self, status, origin, moved_to"
			  " FROM feeds UNION ALL SELECT 1, feed_id, tag, NULL,"
			  " NULL, NULL, NULL, NULL, NULL, NULL FROM feed_tags"
			  " ORDER BY 1, 2, 3", &s, err) < 0)
		return -1;
	return store_walk(st, s, "feeds", hash_row, h, err);
}

int rounds_store_page_get(struct rounds_store *st, const char *key,
			  char fp[ROUNDS_HASH_HEX], char **note, bool *found,
			  struct rounds_err *err)
{
	sqlite3_stmt *s;
	const char *v;
	int step, rc = 0;

	*found = false;
	fp[0] = '\0';
	if (note)
		*note = NULL;
	/* without the note when it is not wanted: it may be a whole
	 * issue's HTML */
	s = note ? store_stmt_sql(st, SQ_PAGE_GET, "SELECT fingerprint, note"
				  " FROM pages WHERE key = ?1", err)
		 : store_stmt_sql(st, SQ_PAGE_FP, "SELECT fingerprint"
				  " FROM pages WHERE key = ?1", err);
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*found = true;
		v = (const char *)sqlite3_column_text(s, 0);
		snprintf(fp, ROUNDS_HASH_HEX, "%s", v ? v : "");
		if (note)
			*note = store_col_text(s, 1);
	} else if (step != SQLITE_DONE) {
		rc = store_fail(st, "pages", err);
	}
	sqlite3_reset(s);
	return rc;
}

int rounds_store_page_put(struct rounds_store *st, const char *key,
			  const char *fp, const char *note,
			  struct rounds_err *err)
{
	sqlite3_stmt *s = store_stmt_sql(st, SQ_PAGE_PUT, "INSERT OR REPLACE"
					 " INTO pages(key, fingerprint, note)"
					 " VALUES (?1, ?2, ?3)", err);

	if (s == NULL)
		return -1;
	/* borrowed: the statement is stepped before they go */
	if (store_bind_borrowed(s, 1, key) != SQLITE_OK ||
	    store_bind_borrowed(s, 2, fp) != SQLITE_OK ||
	    store_bind_borrowed(s, 3, note) != SQLITE_OK)
		return store_fail(st, "pages", err);
	return store_step_done(st, s, "pages", err);
}
