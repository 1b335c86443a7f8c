/* store.h: the SQLite store.  Not thread-safe; one handle per process.
 * Sequence: open -> (calls, each its own transaction)* -> close.
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
 *         moved_to TEXT, moved_count INTEGER NOT NULL DEFAULT 0)
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
 *         new_ids INTEGER, error TEXT)
 *   issues(id INTEGER PRIMARY KEY, number INTEGER UNIQUE NOT NULL,
 *         week TEXT UNIQUE, since INTEGER NOT NULL, until INTEGER NOT NULL,
 *         published INTEGER NOT NULL, uid TEXT NOT NULL, title TEXT)
 *
 * Later stages (digest) read with their own prepared statements through
 * rounds_store_db(); they never write outside their own tables. */
#ifndef ROUNDS_STORE_H
#define ROUNDS_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <sqlite3.h>
#include "err.h"
#include "feed.h"

struct rounds_store;                           /* opaque */

enum rounds_feed_status {
	ROUNDS_FEED_ACTIVE,
	ROUNDS_FEED_GONE,
	ROUNDS_FEED_PAUSED,
};

/* A subscription as the fetcher and `feeds list` see it.  Strings are
 * owned by the row; free with rounds_store_rows_free. */
struct rounds_sub {
	int64_t id;
	char *url;
	char *title;                 /* user_title, else the feed's title */
	char *site_link;
	char *etag;
	char *last_modified;
	char *last_error;
	char *moved_to;              /* a permanent redirect seen, pending */
	int moved_count;             /* consecutive fetches that saw it */
	enum rounds_feed_status status;
	int64_t added, last_fetch, last_ok, next_fetch, min_interval;
	int error_count;
	int64_t n_entries;
	char **tags;
	size_t n_tags;
};

/* A comment feed due for fetching (an entry younger than the window). */
struct rounds_comment_feed {
	int64_t entry_id;
	int64_t feed_id;
	char *url;
	char *etag;
	char *last_modified;
	int error_count;
};

/* What one fetch of a feed (or comment feed) came back with. */
struct rounds_fetch_result {
	int64_t feed_id;
	int64_t entry_id;            /* > 0: this was that entry's comment feed */
	const char *url;             /* the URL fetched */
	int64_t started;             /* when (Unix seconds) */
	long http_status;            /* 0 when no HTTP answer */
	const char *result;          /* "ok","not_modified","error","gone",
					"rate_limited" */
	const char *error;           /* message when failed */
	const char *etag;            /* new validators, NULL = keep */
	const char *last_modified;
	const char *moved_to;        /* 301/308 target seen this time, or NULL */
	int64_t next_fetch;          /* when to try again */
	int64_t bytes;
	const struct rounds_feed *feed;  /* parsed document, NULL unless ok */
};

/* Counts the store reports back for a stored result. */
struct rounds_store_counts {
	int new_entries;
	int updated_entries;
	int new_comments;
};

struct rounds_store *rounds_store_open(const char *path,
				       struct rounds_err *err) ROUNDS_WUR;
void rounds_store_close(struct rounds_store *st);   /* NULL: no-op */
/* The handle, for read-only queries of later stages. */
sqlite3 *rounds_store_db(struct rounds_store *st);

/* Subscriptions. */
int rounds_store_feed_add(struct rounds_store *st, const char *url,
			  const char *title, const char *const *tags,
			  size_t n_tags, const char *origin, int64_t *id,
			  struct rounds_err *err) ROUNDS_WUR;
int rounds_store_feed_remove(struct rounds_store *st, const char *url_or_id,
			     struct rounds_err *err) ROUNDS_WUR;
/* All subscriptions (due_only: active and next_fetch <= now). */
int rounds_store_feeds(struct rounds_store *st, bool due_only, int64_t now,
		       struct rounds_sub **rows, size_t *n,
		       struct rounds_err *err) ROUNDS_WUR;
void rounds_store_subs_free(struct rounds_sub *rows, size_t n);

/* Comment feeds of entries first seen / published after since, due now. */
int rounds_store_comment_feeds(struct rounds_store *st, int64_t since,
			       int64_t now, struct rounds_comment_feed **rows,
			       size_t *n, struct rounds_err *err) ROUNDS_WUR;
void rounds_store_comment_feeds_free(struct rounds_comment_feed *rows,
				     size_t n);

/* Stores one fetch result in one transaction: feed state, fetch log,
 * entries (res->entry_id == 0) or comments (res->entry_id > 0). */
int rounds_store_fetch_result(struct rounds_store *st,
			      const struct rounds_fetch_result *res,
			      struct rounds_store_counts *counts,
			      struct rounds_err *err) ROUNDS_WUR;

#endif
