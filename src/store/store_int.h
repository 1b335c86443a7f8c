/* store_int.h: what the store's source files share.  Not for other
 * modules: they use store.h.
 *
 * Schema (version in PRAGMA user_version; forward migrations in store.c;
 * WAL; foreign_keys on; times are Unix seconds UTC; JSON columns hold
 * jansson-encoded arrays/objects with the keys of INTERFACE.md):
 *
 *   feeds(id INTEGER PRIMARY KEY, url TEXT UNIQUE NOT NULL,
 *         title TEXT,            -- the feed's own title
 *         user_title TEXT,       -- --title / OPML text, wins when set
 *         site_link TEXT, self TEXT, status TEXT NOT NULL DEFAULT 'active'
 *           CHECK(status IN ('active','gone','paused')),
 *         origin TEXT NOT NULL DEFAULT 'cli',  -- 'cli' | 'opml'
 *         etag TEXT, last_modified TEXT,
 *         added INTEGER NOT NULL, last_fetch INTEGER, last_ok INTEGER,
 *         last_new INTEGER,      -- when an entry was last added
 *         next_fetch INTEGER NOT NULL DEFAULT 0,
 *         min_interval INTEGER NOT NULL DEFAULT 0,  -- ttl / sy:updatePeriod
 *         error_count INTEGER NOT NULL DEFAULT 0, first_error INTEGER,
 *         last_error TEXT, last_status INTEGER,
 *         moved_to TEXT, moved_count INTEGER NOT NULL DEFAULT 0,
 *         generator TEXT,        -- the feed's generator (WordPress ...)
 *         look_misses INTEGER NOT NULL DEFAULT 0,  -- articles in a row
 *                                -- whose look found no comment feed
 *         look_pauses INTEGER NOT NULL DEFAULT 0,  -- pauses in a row
 *                                -- of looks (0: looks go on)
 *         look_until INTEGER NOT NULL DEFAULT 0)   -- no look before
 *   feed_tags(feed_id REFERENCES feeds ON DELETE CASCADE, tag TEXT,
 *         PRIMARY KEY(feed_id, tag))
 *   redirects(id INTEGER PRIMARY KEY, feed_id REFERENCES feeds ON DELETE
 *         CASCADE, from_url TEXT, to_url TEXT, status INTEGER, seen INTEGER)
 *   entries(id INTEGER PRIMARY KEY,
 *         feed_id INTEGER NOT NULL REFERENCES feeds ON DELETE CASCADE,
 *         guid TEXT NOT NULL, link TEXT, canonical TEXT, -- normalised link
 *         title TEXT, authors TEXT,      -- JSON array of PERSON
 *         categories TEXT,               -- JSON array of strings
 *         published INTEGER, updated INTEGER,
 *         summary TEXT, content TEXT, content_hash TEXT NOT NULL,
 *         comments_link TEXT, comments_feed TEXT, comment_count INTEGER,
 *         enclosures TEXT,               -- JSON array
 *         first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,
 *         is_updated INTEGER NOT NULL DEFAULT 0,
 *         c_etag TEXT, c_last_modified TEXT, c_next_fetch INTEGER
 *           NOT NULL DEFAULT 0, c_error_count INTEGER NOT NULL DEFAULT 0,
 *         UNIQUE(feed_id, guid))
 *   comments(id INTEGER PRIMARY KEY,
 *         entry_id INTEGER NOT NULL REFERENCES entries ON DELETE CASCADE,
 *         guid TEXT NOT NULL, parent_guid TEXT,  -- NULL = top level
 *         author TEXT,                   -- JSON PERSON
 *         link TEXT, published INTEGER, content TEXT, content_hash TEXT,
 *         first_seen INTEGER NOT NULL, UNIQUE(entry_id, guid))
 *   fetch_log(id INTEGER PRIMARY KEY, feed_id INTEGER, entry_id INTEGER,
 *         url TEXT NOT NULL, started INTEGER NOT NULL, http_status INTEGER,
 *         result TEXT NOT NULL,  -- 'ok','not_modified','error','gone',...
 *         bytes INTEGER, new_entries INTEGER, updated_entries INTEGER,
 *         new_ids INTEGER, error TEXT,
 *         n_ids INTEGER)         -- entries the document held (churn)
 *   discoveries(entry_id INTEGER PRIMARY KEY REFERENCES entries ON
 *         DELETE CASCADE,        -- an entry whose feed names no comment feed
 *         url TEXT NOT NULL,     -- what was asked: the page or the guess
 *         how TEXT NOT NULL,     -- 'wordpress' (post URL + feed/) | 'page'
 *         result TEXT NOT NULL,  -- 'found' | 'none' | 'error'
 *         found TEXT,            -- the comment feed found
 *         etag TEXT, last_modified TEXT,  -- of the page, for the next look
 *         looked INTEGER NOT NULL, next_look INTEGER NOT NULL,
 *         misses INTEGER NOT NULL DEFAULT 0,  -- looks in a row without
 *         nones INTEGER NOT NULL DEFAULT 0)   -- of them, answers that
 *                                -- named none (not failures)
 *   issues(id INTEGER PRIMARY KEY, number INTEGER UNIQUE NOT NULL,
 *         week TEXT UNIQUE, since INTEGER NOT NULL, until INTEGER NOT NULL,
 *         published INTEGER NOT NULL, uid TEXT NOT NULL, title TEXT,
 *         content_hash TEXT,     -- of the content last published
 *         updated INTEGER)       -- when that content last changed
 *   pages(key TEXT PRIMARY KEY,  -- a site file's absolute path, or a
 *                                -- note's name: "model:WEEK", "entry:WEEK"
 *         fingerprint TEXT NOT NULL,  -- what it was last built from
 *         note TEXT)             -- JSON kept beside it (site.c)
 */
#ifndef ROUNDS_STORE_INT_H
#define ROUNDS_STORE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <sqlite3.h>
#include "rounds/err.h"
#include "rounds/store.h"

/* The statements of the hot paths, prepared once and kept. */
enum store_stmt {
	SQ_FEED_BY_URL,
	SQ_FEED_INSERT,
	SQ_TAG_INSERT,
	SQ_ENTRY_FIND,
	SQ_ENTRY_INSERT,
	SQ_ENTRY_UPDATE,
	SQ_ENTRY_SEEN,
	SQ_COMMENT_FIND,
	SQ_COMMENT_INSERT,
	SQ_COMMENT_UPDATE,
	SQ_COMMENT_BY_ANCHOR,
	SQ_LOG_INSERT,
	SQ_FEED_STATE,
	SQ_FEED_MOVED,
	SQ_REDIRECT_INSERT,
	SQ_ENTRY_CSTATE,
	SQ_TAGS_OF,
	SQ_ENTRY_KEYS,
	/* kept by the functions that use them (store_stmt_sql): what a
	 * publish asks once per week */
	SQ_WINDOW_HASH,
	SQ_CONTINUED_HASH,
	SQ_PAGE_FP,
	SQ_PAGE_GET,
	SQ_PAGE_PUT,
	/* and what the digest of each week asks */
	SQ_EACH_FEED,
	SQ_EACH_ENTRY,
	SQ_EACH_CONTINUED,
	SQ_EACH_COMMENT,
	SQ_ISSUE_FIND,
	SQ_ISSUE_NUMBER,
	SQ_ISSUE_SEEN,
	SQ_ISSUE_CHANGED,
	SQ__COUNT
};

struct rounds_store {
	sqlite3 *db;
	char *path;
	int depth;                       /* open savepoints / transactions */
	sqlite3_stmt *stmt[SQ__COUNT];
	struct store_ckpt *ckpt;         /* the checkpoint thread, or NULL */
	bool ckpt_failed;                /* it could not start */
	bool reader;                     /* rounds_store_open_reader() */
};

/* The cached statement, reset and with its bindings cleared; NULL (err
 * filled) when it cannot be prepared. */
sqlite3_stmt *store_stmt(struct rounds_store *st, enum store_stmt which,
			 struct rounds_err *err);
/* The same for a statement whose text its caller keeps: sql is prepared
 * the first time.  Reset it when done with it before its last row, so
 * that it holds no read transaction open. */
sqlite3_stmt *store_stmt_sql(struct rounds_store *st, enum store_stmt which,
			     const char *sql, struct rounds_err *err);
/* Fills err from the handle's last error ("store 'path': what: msg"). */
int store_fail(struct rounds_store *st, const char *what,
	       struct rounds_err *err);
/* True when the last error says the file is not a database or is
 * corrupt (store_fail then exits 74 with a next step). */
bool store_damaged(struct rounds_store *st);
/* Runs SQL with no result rows. */
int store_exec(struct rounds_store *st, const char *sql,
	       struct rounds_err *err) ROUNDS_WUR;
/* Binds text, or NULL when s is NULL. */
int store_bind_text(sqlite3_stmt *s, int i, const char *s_text);
/* The same without SQLite's copy, for the long texts of entries and
 * comments: text must stay until the statement is stepped (store_stmt
 * clears the bindings of a cached statement before its next use). */
int store_bind_borrowed(sqlite3_stmt *s, int i, const char *text);
/* Binds an int64, or NULL when has is false. */
int store_bind_opt(sqlite3_stmt *s, int i, bool has, int64_t v);
/* Prepares sql (not cached); -1 with err filled when it cannot. */
int store_prepare(struct rounds_store *st, const char *sql, sqlite3_stmt **s,
		  struct rounds_err *err) ROUNDS_WUR;
/* Steps s to its end, calling row for each result row; stops at the first
 * row that returns -1.  A failed step is store_fail(what). */
int store_each_row(struct rounds_store *st, sqlite3_stmt *s, const char *what,
		   int (*row)(void *ctx, sqlite3_stmt *s,
			      struct rounds_err *err),
		   void *ctx, struct rounds_err *err) ROUNDS_WUR;
/* store_each_row, then resets s (a statement of store_stmt_sql). */
int store_walk_kept(struct rounds_store *st, sqlite3_stmt *s,
		    const char *what,
		    int (*row)(void *ctx, sqlite3_stmt *s,
			       struct rounds_err *err),
		    void *ctx, struct rounds_err *err) ROUNDS_WUR;
/* store_each_row, then finalizes s. */
int store_walk(struct rounds_store *st, sqlite3_stmt *s, const char *what,
	       int (*row)(void *ctx, sqlite3_stmt *s, struct rounds_err *err),
	       void *ctx, struct rounds_err *err) ROUNDS_WUR;
/* Steps s to its end, reading each row with read into a new element (of
 * size bytes, zeroed first) at the end of the array *v of *n elements;
 * then finalizes s.  On error *v and *n hold the rows read so far. */
int store_read_rows(struct rounds_store *st, sqlite3_stmt *s,
		    const char *what, size_t size, void **v, size_t *n,
		    void (*read)(sqlite3_stmt *s, void *elem),
		    struct rounds_err *err) ROUNDS_WUR;
/* Makes room for one more element in an array of n (capacity *alloc,
 * growing by doubling from first).  Returns the array. */
void *store_grow(void *v, size_t n, size_t *alloc, size_t size, size_t first);
/* Column i as an int64 into *out: false (and *out untouched) when NULL. */
bool store_col_int(sqlite3_stmt *s, int i, int64_t *out);
/* Steps a statement that returns no row: 0 on SQLITE_DONE. */
int store_step_done(struct rounds_store *st, sqlite3_stmt *s,
		    const char *what, struct rounds_err *err) ROUNDS_WUR;
/* A copy of column i's text, or NULL. */
char *store_col_text(sqlite3_stmt *s, int i);

/* store_ckpt.c: WAL checkpoints on a thread of their own (started at
 * the first commit that needs one); stop joins it. */
void store_ckpt_init(struct rounds_store *st);
void store_ckpt_stop(struct rounds_store *st);

/* Savepoints: nest inside rounds_store_begin or stand alone. */
int store_savepoint(struct rounds_store *st, struct rounds_err *err)
	ROUNDS_WUR;
int store_release(struct rounds_store *st, struct rounds_err *err)
	ROUNDS_WUR;
void store_rollback_to(struct rounds_store *st);

/* Feed lookups and tags, for the store and OPML. */
int store_feed_id(struct rounds_store *st, const char *url, int64_t *id,
		  bool *found, struct rounds_err *err) ROUNDS_WUR;
int store_tag_add(struct rounds_store *st, int64_t feed_id, const char *tag,
		  struct rounds_err *err) ROUNDS_WUR;

/* Stores the comments of entry entry_id (a parsed comment feed), threaded
 * by rounds_feed_comment_parent, counting new ones in counts. */
int store_comments_put(struct rounds_store *st, int64_t entry_id,
		       const struct rounds_feed *f, int64_t now,
		       struct rounds_store_counts *counts,
		       struct rounds_err *err) ROUNDS_WUR;

/* Hex digests (32 chars + NUL) of a list of texts (NULL allowed): the
 * content hash of entries and comments (store_text_hash, XXH3-128), and
 * the older one drafts and issues keep (store_content_hash, FNV-1a; it
 * was the entries' too up to schema version 7). */
void store_text_hash(const char *const *fields, size_t n, char out[33]);
void store_content_hash(const char *const *fields, size_t n, char out[33]);
/* Registers rounds_rehash(old, field...) on the connection, for the
 * migration that moved entries and comments to store_text_hash. */
int store_rehash_register(struct rounds_store *st,
			  struct rounds_err *err) ROUNDS_WUR;

#endif
