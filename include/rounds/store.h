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
 *         new_ids INTEGER, error TEXT,
 *         n_ids INTEGER)         -- entries the document held (churn)
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
 * owned by the row; free with rounds_store_subs_free. */
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
	char *origin;                /* "cli" | "opml" */
	int64_t first_error, last_new;   /* 0 = never */
	long last_status;            /* 0 = none yet */
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
	int64_t entry_id;            /* > 0: that entry's comment feed */
	const char *url;             /* the URL fetched */
	int64_t started;             /* when (Unix seconds) */
	long http_status;            /* 0 when no HTTP answer */
	const char *result;          /* "ok","not_modified","error","gone",
					"rate_limited" */
	const char *error;           /* message when failed */
	const char *etag;            /* new validators, NULL = keep */
	const char *last_modified;
	const char *moved_to;        /* 301/308 target seen now, or NULL */
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

/* Subscriptions.  feed_add returns 0 when it added the feed, 1 when url
 * was already subscribed (*id is then the existing feed; nothing changes),
 * -1 on error.  origin is "cli" or "opml" (NULL: "cli"). */
int rounds_store_feed_add(struct rounds_store *st, const char *url,
			  const char *title, const char *const *tags,
			  size_t n_tags, const char *origin, int64_t *id,
			  struct rounds_err *err) ROUNDS_WUR;
/* url_or_id: the exact URL, or the decimal id.  No such feed: EX_DATAERR. */
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

/* A permanent redirect seen on consecutive fetches: points the feed at
 * new_url and clears moved_to/moved_count.  *moved is false (and nothing
 * changes) when another subscription already has that URL.  One
 * statement; see src/store/store_move.c. */
int rounds_store_feed_move(struct rounds_store *st, int64_t feed_id,
			   const char *new_url, bool *moved,
			   struct rounds_err *err) ROUNDS_WUR;

/* Stores one fetch result in one transaction: feed state, fetch log,
 * entries (res->entry_id == 0) or comments (res->entry_id > 0). */
int rounds_store_fetch_result(struct rounds_store *st,
			      const struct rounds_fetch_result *res,
			      struct rounds_store_counts *counts,
			      struct rounds_err *err) ROUNDS_WUR;

/* A transaction around several calls (e.g. an OPML import): BEGIN
 * IMMEDIATE ... COMMIT, or ROLLBACK.  The calls inside nest as savepoints. */
int rounds_store_begin(struct rounds_store *st, struct rounds_err *err)
	ROUNDS_WUR;
int rounds_store_commit(struct rounds_store *st, struct rounds_err *err)
	ROUNDS_WUR;
void rounds_store_rollback(struct rounds_store *st);

/* Comment threading.  The parent of comment c (an entry of a comment feed)
 * of the article whose id is entry_guid and link entry_link: its first
 * thr:in-reply-to ref unless that names the article itself; else the
 * platform's reply marker ("In reply to <a href=...#comment-N>") at the
 * start of its HTML, matched against the link ("...#comment-N") or guid
 * (containing "#comment-N") of a sibling in sib[0..n_sib).  Returns the
 * parent's guid (caller frees), or NULL: top level or parent not found. */
char *rounds_store_comment_parent(const struct rounds_entry *c,
				  const char *entry_guid,
				  const char *entry_link,
				  const struct rounds_entry *sib, size_t n_sib);
/* The reply marker of a comment's HTML: returns "comment-N" (caller frees)
 * when html starts with an "In reply to" link to #comment-N, else NULL. */
char *rounds_store_reply_anchor(const char *html);

/* The source-health report: one row per finding. */
enum rounds_health_kind {
	ROUNDS_HEALTH_MOVED,         /* 301/308 seen: detail = moved_to */
	ROUNDS_HEALTH_GONE,          /* 410 */
	ROUNDS_HEALTH_FAILING,       /* errors since `since`: detail = error */
	ROUNDS_HEALTH_RATE_LIMITED,  /* last answer 429/503 (not "failing") */
	ROUNDS_HEALTH_SILENT,        /* nothing new since `since` */
	ROUNDS_HEALTH_CHURN,         /* entry ids change: value = percent new */
};

struct rounds_health {
	enum rounds_health_kind kind;
	int64_t feed_id;
	char *url;
	char *title;                 /* may be NULL */
	char *detail;                /* may be NULL */
	int64_t since;               /* when the condition started, or 0 */
	int64_t value;               /* count / status / percent, by kind */
};

/* Findings as of now: failing = error_count > 0; silent = no new entry
 * for silent_s seconds (feeds fetched at least once); churn = over the
 * last fetches, new ids >= half the ids the documents held. */
int rounds_store_health(struct rounds_store *st, int64_t now,
			int64_t silent_s, struct rounds_health **rows,
			size_t *n, struct rounds_err *err) ROUNDS_WUR;
void rounds_store_health_free(struct rounds_health *rows, size_t n);
const char *rounds_health_kind_name(enum rounds_health_kind k);

#endif
