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

	/* 3: late news: each issue's content hash and when it last changed */
	"ALTER TABLE issues ADD COLUMN content_hash TEXT;"
	"ALTER TABLE issues ADD COLUMN updated INTEGER;",

	/* 4: the drafts rounds digest wrote (a hash of what it wrote, so an
	 * edited draft is never overwritten) and the newsletters sent (one
	 * row per send, never changed) */
	"CREATE TABLE drafts(week TEXT PRIMARY KEY, path TEXT NOT NULL,"
	" hash TEXT NOT NULL, written INTEGER NOT NULL);"
	"CREATE TABLE sends(id INTEGER PRIMARY KEY, week TEXT NOT NULL,"
	" number INTEGER, sent INTEGER NOT NULL, message_id TEXT NOT NULL,"
	" recipients TEXT NOT NULL, draft_hash TEXT);"
	"CREATE INDEX sends_week ON sends(week, sent);",

	/* 5: incremental publish: each page's fingerprint as last written */
	"CREATE TABLE pages(key TEXT PRIMARY KEY,"
	" fingerprint TEXT NOT NULL, note TEXT) WITHOUT ROWID;",

	/* 6: comment feeds that feeds do not announce, found by a look at
	 * the platform's convention or the article page */
	"ALTER TABLE feeds ADD COLUMN generator TEXT;"
	"CREATE TABLE discoveries("
	" entry_id INTEGER PRIMARY KEY REFERENCES entries ON DELETE CASCADE,"
	" url TEXT NOT NULL, how TEXT NOT NULL"
	"  CHECK(how IN ('wordpress','page')),"
	" result TEXT NOT NULL CHECK(result IN ('found','none','error')),"
	" found TEXT, etag TEXT, last_modified TEXT,"
	" looked INTEGER NOT NULL, next_look INTEGER NOT NULL,"
	" misses INTEGER NOT NULL DEFAULT 0);",

	/* 7: a feed whose articles keep naming no comment feed: how many in
	 * a row, and the pause in looks that leads to; each look's count of
	 * answers that named none (misses counts failures too) */
	"ALTER TABLE feeds ADD COLUMN look_misses INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN look_pauses INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN look_until INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE discoveries ADD COLUMN nones INTEGER NOT NULL DEFAULT 0;"
	"UPDATE discoveries SET nones = 1 WHERE result = 'none';",

	/* 8: entries and comments hash their content with XXH3-128
	 * (store_text_hash), not a byte at a time; each stored hash is
	 * recomputed from the fields it was made of (rounds_rehash,
	 * registered before migrating), so nothing looks changed after */
	"UPDATE entries SET content_hash ="
	" rounds_rehash(content_hash, title, summary, content, link);"
	"UPDATE comments SET content_hash ="
	" rounds_rehash(content_hash, content, author, link, parent_guid)"
	" WHERE content_hash IS NOT NULL;",
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
		" last_new = CASE WHEN ?15 THEN ?2 ELSE last_new END,"
		" generator = COALESCE(?16, generator)"
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
	[SQ_ENTRY_KEYS] = "SELECT guid, link FROM entries WHERE id = ?1",
};

sqlite3_stmt *store_stmt(struct rounds_store *st, enum store_stmt which,
			 struct rounds_err *err)
{
	return store_stmt_sql(st, which, stmt_sql[which], err);
}

sqlite3_stmt *store_stmt_sql(struct rounds_store *st, enum store_stmt which,
			     const char *sql, struct rounds_err *err)
{
	sqlite3_stmt *s = st->stmt[which];

	if (s == NULL) {
		if (sqlite3_prepare_v3(st->db, sql, -1,
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

int rounds_store_batching(struct rounds_store *st, bool on,
			  struct rounds_err *err)
{
	return store_exec(st, on ? "PRAGMA temp_store = MEMORY" :
			  "PRAGMA temp_store = DEFAULT", err);
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
	/* NOMUTEX: one thread uses the store (store.h), so SQLite need not
	 * lock the connection around every call */
	rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
			     SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
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
		if (err && err->code == EX_IOERR && !store_damaged(st))
			err->code = EX_CANTCREAT;
		goto fail;
	}
	sqlite3_finalize(s);
	s = NULL;
	if (store_exec(st, "PRAGMA synchronous = NORMAL", err) < 0 ||
	    store_rehash_register(st, err) < 0 || migrate(st, err) < 0)
		goto fail;
	store_ckpt_init(st);
	return st;
fail:
	sqlite3_finalize(s);
	rounds_store_close(st);
	return NULL;
}

struct rounds_store *rounds_store_open_reader(const char *path,
					      struct rounds_err *err)
{
	struct rounds_store *st;

	if (*path == '\0' || strcmp(path, ":memory:") == 0) {
		rounds_err_set(err, EX_USAGE, "database '%s': a second "
			       "connection would see another database", path);
		return NULL;
	}
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rounds_err_set(err, EX_CANTCREAT, "database '%s': cannot open:"
			       " %s", path, st->db ? sqlite3_errmsg(st->db) :
			       "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	/* A deferred transaction: its first read fixes what every later
	 * one sees, until rounds_store_close(). */
	if (sqlite3_busy_timeout(st->db, 10000) != SQLITE_OK ||
	    store_rehash_register(st, err) < 0 ||
	    store_exec(st, "BEGIN", err) < 0)
		goto fail;
	st->depth = 1;
	st->reader = true;
	return st;
fail:
	rounds_store_close(st);
	return NULL;
}

void rounds_store_close(struct rounds_store *st)
{
	int i;

	if (st == NULL)
		return;
	store_ckpt_stop(st);
	for (i = 0; i < SQ__COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	if (st->reader && st->depth > 0)
		store_rollback_to(st);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

const char *rounds_store_path(const struct rounds_store *st)
{
	return st->path;
}
