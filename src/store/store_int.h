/* store_int.h: what the store's source files share.  Not for other
 * modules: they use store.h (and rounds_store_db for reading). */
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
	SQ__COUNT
};

struct rounds_store {
	sqlite3 *db;
	char *path;
	int depth;                       /* open savepoints / transactions */
	sqlite3_stmt *stmt[SQ__COUNT];
};

/* The cached statement, reset and with its bindings cleared; NULL (err
 * filled) when it cannot be prepared. */
sqlite3_stmt *store_stmt(struct rounds_store *st, enum store_stmt which,
			 struct rounds_err *err);
/* Fills err from the handle's last error ("store 'path': what: msg"). */
int store_fail(struct rounds_store *st, const char *what,
	       struct rounds_err *err);
/* Runs SQL with no result rows. */
int store_exec(struct rounds_store *st, const char *sql,
	       struct rounds_err *err) ROUNDS_WUR;
/* Binds text, or NULL when s is NULL. */
int store_bind_text(sqlite3_stmt *s, int i, const char *s_text);
/* Binds an int64, or NULL when has is false. */
int store_bind_opt(sqlite3_stmt *s, int i, bool has, int64_t v);
/* Steps a statement that returns no row: 0 on SQLITE_DONE. */
int store_step_done(struct rounds_store *st, sqlite3_stmt *s,
		    const char *what, struct rounds_err *err) ROUNDS_WUR;
/* A copy of column i's text, or NULL. */
char *store_col_text(sqlite3_stmt *s, int i);

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
 * by rounds_store_comment_parent, counting new ones in counts. */
int store_comments_put(struct rounds_store *st, int64_t entry_id,
		       const struct rounds_feed *f, int64_t now,
		       struct rounds_store_counts *counts,
		       struct rounds_err *err) ROUNDS_WUR;

/* A hex digest (32 chars + NUL) of the fields that make an entry's content. */
void store_content_hash(const char *const *fields, size_t n, char out[33]);

#endif
