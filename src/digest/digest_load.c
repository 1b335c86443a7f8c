/* digest_load.c: reading what the digest needs from the store, with our
 * own prepared statements: the feeds and their tags, the window's entries
 * (indexed by published; updated and first_seen for entries without
 * one), and the comments of the chosen entries in one query. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "rounds/buf.h"
#include "digest_int.h"

static int db_fail(sqlite3 *db, const char *what, struct rounds_err *err)
{
	return rounds_err_set(err, EX_SOFTWARE, "database: %s: %s", what,
			      sqlite3_errmsg(db));
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **s,
		   const char *what, struct rounds_err *err)
{
	if (sqlite3_prepare_v2(db, sql, -1, s, NULL) != SQLITE_OK) {
		*s = NULL;
		return db_fail(db, what, err);
	}
	return 0;
}

static char *col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

static bool col_int(sqlite3_stmt *s, int i, int64_t *out)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return false;
	*out = sqlite3_column_int64(s, i);
	return true;
}

static struct digest_feed *feed_by_id(struct digest_data *d, int64_t id)
{
	size_t lo = 0, hi = d->n_feeds, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (d->feeds[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->n_feeds && d->feeds[lo].id == id ? &d->feeds[lo] : NULL;
}

static int mark_tagged(sqlite3 *db, const char *const *tags, size_t n_tags,
		       struct digest_data *d, bool *tagged,
		       struct rounds_err *err)
{
	sqlite3_stmt *s = NULL;
	struct digest_feed *f;
	size_t i;
	int step = SQLITE_DONE, rc = -1;

	if (prepare(db, "SELECT feed_id FROM feed_tags WHERE tag = ?1"
		    " COLLATE NOCASE", &s, "feed tags", err) < 0)
		return -1;
	for (i = 0; i < n_tags; i++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, tags[i], -1, SQLITE_STATIC);
		while ((step = sqlite3_step(s)) == SQLITE_ROW)
			if ((f = feed_by_id(d, sqlite3_column_int64(s, 0))))
				tagged[f - d->feeds] = true;
		if (step != SQLITE_DONE) {
			db_fail(db, "feed tags", err);
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}

int digest_load_feeds(sqlite3 *db, const char *const *feeds, size_t n_feeds,
		      const char *const *tags, size_t n_tags,
		      struct digest_data *d, struct rounds_err *err)
{
	sqlite3_stmt *s = NULL;
	struct digest_feed *f;
	bool *tagged = NULL, found;
	size_t alloc = 0, i, j;
	int step, rc = -1;

	if (prepare(db, "SELECT id, url, COALESCE(user_title, title, url),"
		    " site_link FROM feeds ORDER BY id", &s, "feeds", err) < 0)
		return -1;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (d->n_feeds == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			d->feeds = xrealloc(d->feeds,
					    alloc * sizeof(*d->feeds));
		}
		f = &d->feeds[d->n_feeds++];
		f->id = sqlite3_column_int64(s, 0);
		f->url = col_text(s, 1);
		f->title = col_text(s, 2);
		f->link = col_text(s, 3);
		f->wanted = true;
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "feeds", err);
		goto out;
	}
	for (i = 0; i < n_feeds; i++) {
		for (found = false, j = 0; j < d->n_feeds; j++)
			found |= strcmp(d->feeds[j].url, feeds[i]) == 0;
		if (!found) {
			rounds_err_set(err, EX_DATAERR, "feed '%s' is not "
				       "subscribed (see 'rounds feeds list')",
				       feeds[i]);
			goto out;
		}
	}
	tagged = xcalloc(d->n_feeds + 1, sizeof(*tagged));
	if (n_tags > 0 && mark_tagged(db, tags, n_tags, d, tagged, err) < 0)
		goto out;
	for (j = 0; j < d->n_feeds; j++) {
		f = &d->feeds[j];
		if (n_tags > 0 && !tagged[j])
			f->wanted = false;
		for (found = n_feeds == 0, i = 0; i < n_feeds; i++)
			found |= strcmp(f->url, feeds[i]) == 0;
		if (!found)
			f->wanted = false;
	}
	rc = 0;
out:
	free(tagged);
	sqlite3_finalize(s);
	return rc;
}

#define ENTRY_COLS "SELECT id, feed_id, guid, link, canonical, title," \
	" authors, categories, published, updated, first_seen, summary," \
	" content, comments_link, comment_count FROM entries"

static void read_entry(sqlite3_stmt *s, struct digest_article *a, size_t fi)
{
	memset(a, 0, sizeof(*a));
	a->row = sqlite3_column_int64(s, 0);
	a->feed = fi;
	a->guid = col_text(s, 2);
	a->link = col_text(s, 3);
	a->canonical = col_text(s, 4);
	a->title = col_text(s, 5);
	a->authors = col_text(s, 6);
	a->categories = col_text(s, 7);
	a->has_published = col_int(s, 8, &a->published);
	a->has_updated = col_int(s, 9, &a->updated);
	a->first_seen = sqlite3_column_int64(s, 10);
	a->summary = col_text(s, 11);
	a->content = col_text(s, 12);
	a->comments_link = col_text(s, 13);
	a->has_comment_count = col_int(s, 14, &a->comment_count);
	a->when = a->has_published ? a->published :
		a->has_updated ? a->updated : a->first_seen;
	a->main = SIZE_MAX;
}

static int by_row(const void *x, const void *y)
{
	const struct digest_article *a = x, *b = y;

	return a->row < b->row ? -1 : a->row > b->row;
}

int digest_load_entries(sqlite3 *db, int64_t since, int64_t until,
			struct digest_data *d, struct rounds_err *err)
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
	sqlite3_stmt *s = NULL;
	struct digest_feed *f;
	size_t alloc = 0;
	int step, rc = -1;

	if (prepare(db, sql, &s, "entries", err) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, until);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		f = feed_by_id(d, sqlite3_column_int64(s, 1));
		if (f == NULL || !f->wanted)
			continue;
		if (d->n_arts == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			d->arts = xrealloc(d->arts, alloc * sizeof(*d->arts));
		}
		read_entry(s, &d->arts[d->n_arts++], (size_t)(f - d->feeds));
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "entries", err);
		goto out;
	}
	if (d->n_arts > 0)
		qsort(d->arts, d->n_arts, sizeof(*d->arts), by_row);
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}

static struct digest_article *art_by_row(struct digest_data *d, int64_t row)
{
	struct digest_article key = { .row = row };

	if (d->n_arts == 0)
		return NULL;
	return bsearch(&key, d->arts, d->n_arts, sizeof(*d->arts), by_row);
}

int digest_load_comments(sqlite3 *db, struct digest_data *d,
			 struct rounds_err *err)
{
	static const char sql[] =
		"SELECT entry_id, guid, parent_guid, author, link, published,"
		" content FROM comments WHERE entry_id IN"
		" (SELECT value FROM json_each(?1))"
		" ORDER BY entry_id, COALESCE(published, first_seen), id";
	struct digest_article *a;
	struct digest_comment *c;
	sqlite3_stmt *s = NULL;
	struct rounds_buf ids;
	size_t i, alloc = 0;
	int step, rc = -1, w = 0;

	rounds_buf_init(&ids, 0);
	w |= rounds_buf_putc(&ids, '[');
	for (i = 0; i < d->n_arts; i++)
		if (!d->arts[i].dropped)
			w |= rounds_buf_printf(&ids, "%s%" PRId64,
					       ids.len > 1 ? "," : "",
					       d->arts[i].row);
	w |= rounds_buf_putc(&ids, ']');
	if (w < 0) {
		rounds_err_set(err, EX_SOFTWARE, "out of memory");
		goto out;
	}
	if (prepare(db, sql, &s, "comments", err) < 0)
		goto out;
	sqlite3_bind_text(s, 1, rounds_buf_str(&ids), (int)ids.len,
			  SQLITE_STATIC);
	a = NULL;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t row = sqlite3_column_int64(s, 0);

		if (a == NULL || a->row != row) {
			a = art_by_row(d, row);
			alloc = 0;
		}
		if (a == NULL || sqlite3_column_type(s, 1) == SQLITE_NULL)
			continue;
		if (a->n_comments == alloc) {
			alloc = alloc ? 2 * alloc : 8;
			a->comments = xrealloc(a->comments,
					       alloc * sizeof(*a->comments));
		}
		c = &a->comments[a->n_comments++];
		c->guid = col_text(s, 1);
		c->parent = col_text(s, 2);
		c->author = col_text(s, 3);
		c->link = col_text(s, 4);
		c->has_published = col_int(s, 5, &c->published);
		c->content = col_text(s, 6);
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "comments", err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	rounds_buf_release(&ids);
	return rc;
}

int digest_issue_number(sqlite3 *db, const char *week, int64_t since,
			int64_t until, int64_t *number,
			struct rounds_err *err)
{
	sqlite3_stmt *s = NULL;
	int step, rc = -1;

	if (prepare(db, week ? "SELECT number FROM issues WHERE week = ?1" :
		    "SELECT number FROM issues WHERE week IS NULL"
		    " AND since = ?2 AND until = ?3 ORDER BY number LIMIT 1",
		    &s, "issues", err) < 0)
		return -1;
	if (week)
		sqlite3_bind_text(s, 1, week, -1, SQLITE_STATIC);
	else {
		sqlite3_bind_int64(s, 2, since);
		sqlite3_bind_int64(s, 3, until);
	}
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*number = sqlite3_column_int64(s, 0);
		rc = 0;
		goto out;
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "issues", err);
		goto out;
	}
	sqlite3_finalize(s);
	if (prepare(db, "SELECT COALESCE(MAX(number), 0) + 1 FROM issues",
		    &s, "issues", err) < 0)
		return -1;
	if (sqlite3_step(s) != SQLITE_ROW) {
		db_fail(db, "issues", err);
		goto out;
	}
	*number = sqlite3_column_int64(s, 0);
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}

static void comment_release(struct digest_comment *c)
{
	free(c->guid);
	free(c->parent);
	free(c->author);
	free(c->link);
	free(c->content);
}

static void article_release(struct digest_article *a)
{
	size_t i;

	free(a->guid);
	free(a->link);
	free(a->canonical);
	free(a->title);
	free(a->authors);
	free(a->categories);
	free(a->summary);
	free(a->content);
	free(a->comments_link);
	free(a->text);
	for (i = 0; i < a->n_cats; i++)
		free(a->cats[i]);
	free(a->cats);
	free(a->topics);
	for (i = 0; i < a->n_comments; i++)
		comment_release(&a->comments[i]);
	free(a->comments);
}

void digest_data_release(struct digest_data *d)
{
	size_t i;

	for (i = 0; i < d->n_feeds; i++) {
		free(d->feeds[i].url);
		free(d->feeds[i].title);
		free(d->feeds[i].link);
	}
	free(d->feeds);
	for (i = 0; i < d->n_arts; i++)
		article_release(&d->arts[i]);
	free(d->arts);
	memset(d, 0, sizeof(*d));
}
