/* store.c: the SQLite store: opening, the schema and its migrations, the
 * statement cache, transactions, and subscriptions.
 * Fetch results are stored by store_fetch.c, comment threading is in
 * store_comments.c, the source-health report in store_health.c. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "store_int.h"

/* Forward migrations: step i takes the schema from user_version i to i+1.
 * Never edit a step that has shipped; append a new one. */
static const char *const migrations[] = {
	/* 1: the schema of store.h */
	"CREATE TABLE feeds(id INTEGER PRIMARY KEY,"
	" url TEXT UNIQUE NOT NULL, title TEXT, user_title TEXT,"
	" site_link TEXT, self TEXT,"
	" status TEXT NOT NULL DEFAULT 'active'"
	"  CHECK(status IN ('active','gone','paused')),"
	" origin TEXT NOT NULL DEFAULT 'cli' CHECK(origin IN ('cli','opml')),"
	" etag TEXT, last_modified TEXT,"
	" added INTEGER NOT NULL, last_fetch INTEGER, last_ok INTEGER,"
	" last_new INTEGER, next_fetch INTEGER NOT NULL DEFAULT 0,"
	" min_interval INTEGER NOT NULL DEFAULT 0,"
	" error_count INTEGER NOT NULL DEFAULT 0, first_error INTEGER,"
	" last_error TEXT, last_status INTEGER,"
	" moved_to TEXT, moved_count INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE feed_tags("
	" feed_id INTEGER NOT NULL REFERENCES feeds ON DELETE CASCADE,"
	" tag TEXT NOT NULL, PRIMARY KEY(feed_id, tag)) WITHOUT ROWID;"
	"CREATE TABLE redirects(id INTEGER PRIMARY KEY,"
	" feed_id INTEGER REFERENCES feeds ON DELETE CASCADE,"
	" from_url TEXT, to_url TEXT, status INTEGER, seen INTEGER);"
	"CREATE TABLE entries(id INTEGER PRIMARY KEY,"
	" feed_id INTEGER NOT NULL REFERENCES feeds ON DELETE CASCADE,"
	" guid TEXT NOT NULL, link TEXT, canonical TEXT,"
	" title TEXT, authors TEXT, categories TEXT,"
	" published INTEGER, updated INTEGER,"
	" summary TEXT, content TEXT, content_hash TEXT NOT NULL,"
	" comments_link TEXT, comments_feed TEXT, comment_count INTEGER,"
	" enclosures TEXT,"
	" first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
	" is_updated INTEGER NOT NULL DEFAULT 0,"
	" c_etag TEXT, c_last_modified TEXT,"
	" c_next_fetch INTEGER NOT NULL DEFAULT 0,"
	" c_error_count INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE(feed_id, guid));"
	"CREATE TABLE comments(id INTEGER PRIMARY KEY,"
	" entry_id INTEGER NOT NULL REFERENCES entries ON DELETE CASCADE,"
	" guid TEXT NOT NULL, parent_guid TEXT, author TEXT,"
	" link TEXT, published INTEGER, content TEXT, content_hash TEXT,"
	" first_seen INTEGER NOT NULL, UNIQUE(entry_id, guid));"
	"CREATE TABLE fetch_log(id INTEGER PRIMARY KEY,"
	" feed_id INTEGER, entry_id INTEGER, url TEXT NOT NULL,"
	" started INTEGER NOT NULL, http_status INTEGER,"
	" result TEXT NOT NULL, bytes INTEGER, new_entries INTEGER,"
	" updated_entries INTEGER, new_ids INTEGER, error TEXT);"
	"CREATE TABLE issues(id INTEGER PRIMARY KEY,"
	" number INTEGER UNIQUE NOT NULL, week TEXT UNIQUE,"
	" since INTEGER NOT NULL, until INTEGER NOT NULL,"
	" published INTEGER NOT NULL, uid TEXT NOT NULL, title TEXT);"
	"CREATE INDEX entries_published ON entries(published);"
	"CREATE INDEX entries_feed ON entries(feed_id, published);"
	"CREATE INDEX entries_canonical ON entries(canonical);"
	"CREATE INDEX entries_first_seen ON entries(first_seen);"
	"CREATE INDEX comments_entry ON comments(entry_id, published);",

	/* 2: churn detection needs the size of each fetched document */
	"ALTER TABLE fetch_log ADD COLUMN n_ids INTEGER;"
	"CREATE INDEX fetch_log_feed ON fetch_log(feed_id, started);"
	"CREATE INDEX feeds_next_fetch ON feeds(status, next_fetch);",
};
#define N_MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

static const char *const stmt_sql[SQ__COUNT] = {
	[SQ_FEED_BY_URL] = "SELECT id FROM feeds WHERE url = ?1",
	[SQ_FEED_INSERT] =
		"INSERT INTO feeds(url, user_title, origin, added)"
		" VALUES(?1, ?2, ?3, ?4)",
	[SQ_TAG_INSERT] =
		"INSERT OR IGNORE INTO feed_tags(feed_id, tag) VALUES(?1, ?2)",
	[SQ_ENTRY_FIND] =
		"SELECT id, content_hash FROM entries"
		" WHERE feed_id = ?1 AND guid = ?2",
	[SQ_ENTRY_INSERT] =
		"INSERT INTO entries(feed_id, guid, link, canonical, title,"
		" authors, categories, published, updated, summary, content,"
		" content_hash, comments_link, comments_feed, comment_count,"
		" enclosures, first_seen, last_seen) VALUES(?1, ?2, ?3, ?4,"
		" ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
		" ?17)",
	[SQ_ENTRY_UPDATE] =
		"UPDATE entries SET link = ?3, canonical = ?4, title = ?5,"
		" authors = ?6, categories = ?7, published = ?8, updated = ?9,"
		" summary = ?10, content = ?11, content_hash = ?12,"
		" comments_link = ?13, comments_feed = ?14,"
		" comment_count = ?15, enclosures = ?16, last_seen = ?17,"
		" is_updated = 1 WHERE feed_id = ?1 AND guid = ?2",
	[SQ_ENTRY_SEEN] =
		"UPDATE entries SET last_seen = ?3,"
		" comment_count = COALESCE(?4, comment_count),"
		" comments_link = COALESCE(?5, comments_link),"
		" comments_feed = COALESCE(?6, comments_feed)"
		" WHERE feed_id = ?1 AND guid = ?2",
	[SQ_COMMENT_FIND] =
		"SELECT content_hash FROM comments"
		" WHERE entry_id = ?1 AND guid = ?2",
	[SQ_COMMENT_INSERT] =
		"INSERT INTO comments(entry_id, guid, parent_guid, author,"
		" link, published, content, content_hash, first_seen)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[SQ_COMMENT_UPDATE] =
		"UPDATE comments SET parent_guid = COALESCE(?3, parent_guid),"
		" author = ?4, link = ?5, published = ?6, content = ?7,"
		" content_hash = ?8 WHERE entry_id = ?1 AND guid = ?2",
	[SQ_COMMENT_BY_ANCHOR] =
		"SELECT guid, link FROM comments WHERE entry_id = ?1"
		" AND (link LIKE ?2 OR guid LIKE ?2) ORDER BY id",
	[SQ_LOG_INSERT] =
		"INSERT INTO fetch_log(feed_id, entry_id, url, started,"
		" http_status, result, bytes, new_entries, updated_entries,"
		" new_ids, error, n_ids) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		" ?8, ?9, ?10, ?11, ?12)",
	[SQ_FEED_STATE] =
		"UPDATE feeds SET last_fetch = ?2,"
		" last_ok = CASE WHEN ?3 THEN ?2 ELSE last_ok END,"
		" error_count = CASE WHEN ?3 THEN 0"
		"  WHEN ?4 THEN error_count + 1 ELSE error_count END,"
		" first_error = CASE WHEN ?3 THEN NULL"
		"  WHEN ?4 THEN COALESCE(first_error, ?2) ELSE first_error END,"
		" last_error = CASE WHEN ?3 THEN NULL"
		"  WHEN ?4 THEN ?13 ELSE last_error END,"
		" last_status = ?14,"
		" status = CASE WHEN ?5 THEN 'gone' ELSE status END,"
		" etag = COALESCE(?6, etag),"
		" last_modified = COALESCE(?7, last_modified),"
		" next_fetch = ?8, min_interval = COALESCE(?9, min_interval),"
		" title = COALESCE(?10, title),"
		" site_link = COALESCE(?11, site_link),"
		" self = COALESCE(?12, self),"
		" last_new = CASE WHEN ?15 THEN ?2 ELSE last_new END"
		" WHERE id = ?1",
	[SQ_FEED_MOVED] =
		"UPDATE feeds SET moved_count = CASE WHEN ?2 IS NULL THEN 0"
		"  WHEN moved_to IS ?2 THEN moved_count + 1 ELSE 1 END,"
		" moved_to = ?2 WHERE id = ?1",
	[SQ_REDIRECT_INSERT] =
		"INSERT INTO redirects(feed_id, from_url, to_url, status, seen)"
		" VALUES(?1, ?2, ?3, ?4, ?5)",
	[SQ_ENTRY_CSTATE] =
		"UPDATE entries SET c_etag = COALESCE(?4, c_etag),"
		" c_last_modified = COALESCE(?5, c_last_modified),"
		" c_next_fetch = ?6,"
		" c_error_count = CASE WHEN ?2 THEN 0"
		"  WHEN ?3 THEN c_error_count + 1 ELSE c_error_count END"
		" WHERE id = ?1",
	[SQ_TAGS_OF] =
		"SELECT tag FROM feed_tags WHERE feed_id = ?1 ORDER BY tag",
};

int store_fail(struct rounds_store *st, const char *what,
	       struct rounds_err *err)
{
	int code = sqlite3_extended_errcode(st->db);
	int ex = EX_IOERR;

	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		ex = EX_TEMPFAIL;
		break;
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
	case SQLITE_TOOBIG:
		ex = EX_DATAERR;
		break;
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
	case SQLITE_PERM:
		ex = EX_CANTCREAT;
		break;
	case SQLITE_ERROR:
	case SQLITE_MISUSE:
	case SQLITE_RANGE:
		ex = EX_SOFTWARE;
		break;
	}
	return rounds_err_set(err, ex, "database '%s': %s: %s", st->path, what,
			      sqlite3_errmsg(st->db));
}

int store_exec(struct rounds_store *st, const char *sql,
	       struct rounds_err *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, "exec", err);
	return 0;
}

sqlite3_stmt *store_stmt(struct rounds_store *st, enum store_stmt which,
			 struct rounds_err *err)
{
	sqlite3_stmt *s = st->stmt[which];

	if (s == NULL) {
		if (sqlite3_prepare_v3(st->db, stmt_sql[which], -1,
				       SQLITE_PREPARE_PERSISTENT, &s,
				       NULL) != SQLITE_OK) {
			store_fail(st, "prepare", err);
			return NULL;
		}
		st->stmt[which] = s;
		return s;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

int store_prepare(struct rounds_store *st, const char *sql, sqlite3_stmt **s,
		  struct rounds_err *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, s, NULL) != SQLITE_OK) {
		*s = NULL;
		return store_fail(st, "prepare", err);
	}
	return 0;
}

int store_each_row(struct rounds_store *st, sqlite3_stmt *s, const char *what,
		   int (*row)(void *ctx, sqlite3_stmt *s,
			      struct rounds_err *err),
		   void *ctx, struct rounds_err *err)
{
	int step;

	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if (row(ctx, s, err) < 0)
			return -1;
	if (step != SQLITE_DONE)
		return store_fail(st, what, err);
	return 0;
}

void *store_grow(void *v, size_t n, size_t *alloc, size_t size, size_t first)
{
	if (n < *alloc)
		return v;
	*alloc = *alloc ? 2 * *alloc : first;
	return xrealloc(v, *alloc * size);
}

bool store_col_int(sqlite3_stmt *s, int i, int64_t *out)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return false;
	*out = sqlite3_column_int64(s, i);
	return true;
}

/* Two FNV-1a 64-bit sums with different offsets: not cryptographic, just
 * "did this text change".  A NULL field and "" hash differently, and each
 * field is closed by a separator so moved text changes the sum. */
void store_content_hash(const char *const *fields, size_t n, char out[33])
{
	uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;
	const uint64_t prime = 0x100000001b3ULL;
	const unsigned char *p;
	size_t i;

	for (i = 0; i < n; i++) {
		if (fields[i]) {
			for (p = (const unsigned char *)fields[i]; *p; p++) {
				a = (a ^ *p) * prime;
				b = (b ^ *p) * prime;
			}
			a = (a ^ 0x1f) * prime;
			b = (b ^ 0x1f) * prime;
		} else {
			a = (a ^ 0x1e) * prime;
			b = (b ^ 0x1e) * prime;
		}
		b = (b ^ (uint64_t)i) * prime;
	}
	snprintf(out, 33, "%016" PRIx64 "%016" PRIx64, a, b);
}

int store_bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
}

int store_bind_opt(sqlite3_stmt *s, int i, bool has, int64_t v)
{
	if (!has)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_int64(s, i, v);
}

int store_step_done(struct rounds_store *st, sqlite3_stmt *s,
		    const char *what, struct rounds_err *err)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(st, what, err);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

char *store_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

/* Transactions: the outermost level is BEGIN IMMEDIATE (the write lock
 * at once, so busy_timeout applies up front); inner ones are savepoints. */
int store_savepoint(struct rounds_store *st, struct rounds_err *err)
{
	const char *sql = st->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT sp";

	if (store_exec(st, sql, err) < 0)
		return -1;
	st->depth++;
	return 0;
}

int store_release(struct rounds_store *st, struct rounds_err *err)
{
	const char *sql = st->depth == 1 ? "COMMIT" : "RELEASE sp";

	if (store_exec(st, sql, err) < 0) {
		store_rollback_to(st);
		return -1;
	}
	st->depth--;
	return 0;
}

void store_rollback_to(struct rounds_store *st)
{
	if (st->depth == 0)
		return;
	if (st->depth == 1) {
		if (sqlite3_get_autocommit(st->db) == 0)
			(void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL,
					   NULL);
	} else {
		(void)sqlite3_exec(st->db, "ROLLBACK TO sp; RELEASE sp",
				   NULL, NULL, NULL);
	}
	st->depth--;
}

int rounds_store_begin(struct rounds_store *st, struct rounds_err *err)
{
	return store_savepoint(st, err);
}

int rounds_store_commit(struct rounds_store *st, struct rounds_err *err)
{
	return store_release(st, err);
}

void rounds_store_rollback(struct rounds_store *st)
{
	store_rollback_to(st);
}

static int pragma_int(struct rounds_store *st, const char *sql, int *v,
		      struct rounds_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_fail(st, "prepare", err);
		goto out;
	}
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, sql, err);
		goto out;
	}
	*v = sqlite3_column_int(s, 0);
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}

static int migrate(struct rounds_store *st, struct rounds_err *err)
{
	struct rounds_buf sql;
	int version, rc = -1;

	rounds_buf_init(&sql, 0);
	if (store_savepoint(st, err) < 0)
		return -1;
	if (pragma_int(st, "PRAGMA user_version", &version, err) < 0)
		goto out;
	if (version > N_MIGRATIONS) {
		rounds_err_set(err, EX_DATAERR, "database '%s' has schema "
			       "version %d; this rounds knows up to %d: "
			       "use a newer rounds", st->path, version,
			       N_MIGRATIONS);
		goto out;
	}
	for (; version < N_MIGRATIONS; version++) {
		rounds_buf_reset(&sql);
		if (rounds_buf_printf(&sql, "%s; PRAGMA user_version = %d",
				      migrations[version], version + 1) < 0) {
			rounds_err_set(err, EX_SOFTWARE, "migration too long");
			goto out;
		}
		if (sqlite3_exec(st->db, rounds_buf_str(&sql), NULL, NULL,
				 NULL) != SQLITE_OK) {
			store_fail(st, "schema migration", err);
			goto out;
		}
	}
	rc = store_release(st, err);
	rounds_buf_release(&sql);
	return rc;
out:
	store_rollback_to(st);
	rounds_buf_release(&sql);
	return rc;
}

struct rounds_store *rounds_store_open(const char *path,
				       struct rounds_err *err)
{
	struct rounds_store *st = xcalloc(1, sizeof(*st));
	sqlite3_stmt *s = NULL;
	int rc;

	st->path = xstrdup(path);
	rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
			     SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		if (st->db == NULL) {
			rounds_err_set(err, EX_OSERR, "database '%s': out of "
				       "memory", path);
			goto fail;
		}
		rounds_err_set(err, EX_CANTCREAT, "database '%s': cannot open:"
			       " %s", path, sqlite3_errmsg(st->db));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	if (sqlite3_busy_timeout(st->db, 10000) != SQLITE_OK ||
	    store_exec(st, "PRAGMA foreign_keys = ON", err) < 0)
		goto fail;
	/* journal_mode answers with the mode now in use. */
	if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s,
			       NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, "cannot use it", err);
		if (err && err->code == EX_IOERR)
			err->code = EX_CANTCREAT;
		goto fail;
	}
	sqlite3_finalize(s);
	s = NULL;
	if (store_exec(st, "PRAGMA synchronous = NORMAL", err) < 0 ||
	    migrate(st, err) < 0)
		goto fail;
	return st;
fail:
	sqlite3_finalize(s);
	rounds_store_close(st);
	return NULL;
}

void rounds_store_close(struct rounds_store *st)
{
	int i;

	if (st == NULL)
		return;
	for (i = 0; i < SQ__COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

const char *rounds_store_path(const struct rounds_store *st)
{
	return st->path;
}

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

static void sub_from_row(sqlite3_stmt *s, struct rounds_sub *r)
{
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
		" f.origin, f.first_error, f.last_new, f.last_status"
		" FROM feeds f WHERE ?1 = 0"
		" OR (f.status = 'active' AND f.next_fetch <= ?2)"
		" ORDER BY f.id";
	sqlite3_stmt *s = NULL;
	struct rounds_sub *out = NULL;
	size_t cnt = 0, alloc = 0;
	int rc = -1, step;

	*rows = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_fail(st, "prepare", err);
		goto out;
	}
	sqlite3_bind_int(s, 1, due_only);
	sqlite3_bind_int64(s, 2, now);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (cnt == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			out = xrealloc(out, alloc * sizeof(*out));
		}
		memset(&out[cnt], 0, sizeof(out[cnt]));
		sub_from_row(s, &out[cnt++]);
	}
	if (step != SQLITE_DONE) {
		store_fail(st, "list feeds", err);
		goto out;
	}
	for (size_t i = 0; i < cnt; i++)
		if (sub_tags(st, &out[i], err) < 0)
			goto out;
	*rows = out;
	*n = cnt;
	out = NULL;
	cnt = 0;
	rc = 0;
out:
	sqlite3_finalize(s);
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

int rounds_store_comment_feeds(struct rounds_store *st, int64_t since,
			       int64_t now, struct rounds_comment_feed **rows,
			       size_t *n, struct rounds_err *err)
{
	static const char sql[] =
		"SELECT e.id, e.feed_id, e.comments_feed, e.c_etag,"
		" e.c_last_modified, e.c_error_count"
		" FROM entries e JOIN feeds f ON f.id = e.feed_id"
		" WHERE e.comments_feed IS NOT NULL AND f.status = 'active'"
		" AND COALESCE(e.published, e.first_seen) >= ?1"
		" AND e.c_next_fetch <= ?2 ORDER BY e.id";
	sqlite3_stmt *s = NULL;
	struct rounds_comment_feed *out = NULL;
	size_t cnt = 0, alloc = 0;
	int rc = -1, step;

	*rows = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_fail(st, "prepare", err);
		goto out;
	}
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, now);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (cnt == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			out = xrealloc(out, alloc * sizeof(*out));
		}
		out[cnt].entry_id = sqlite3_column_int64(s, 0);
		out[cnt].feed_id = sqlite3_column_int64(s, 1);
		out[cnt].url = store_col_text(s, 2);
		out[cnt].etag = store_col_text(s, 3);
		out[cnt].last_modified = store_col_text(s, 4);
		out[cnt].error_count = sqlite3_column_int(s, 5);
		cnt++;
	}
	if (step != SQLITE_DONE) {
		store_fail(st, "list comment feeds", err);
		goto out;
	}
	*rows = out;
	*n = cnt;
	out = NULL;
	cnt = 0;
	rc = 0;
out:
	sqlite3_finalize(s);
	rounds_store_comment_feeds_free(out, cnt);
	return rc;
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
