/* store.h: the SQLite store.  Not thread-safe; one handle per process.
 * Sequence: open -> (calls, each its own transaction)* -> close.
 *
 * The store is the only code that sees SQL: the schema and its migrations
 * are private to src/store/ (see store_int.h); every other stage reads and
 * writes through the functions below, with C types in and out. */
#ifndef ROUNDS_STORE_H
#define ROUNDS_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include "buf.h"
#include "err.h"
#include "feed.h"
#include "hash.h"

struct rounds_store;                           /* opaque */

enum rounds_feed_status {
	ROUNDS_FEED_ACTIVE,
	ROUNDS_FEED_GONE,
	ROUNDS_FEED_PAUSED,
};

/* A feed's looks for the comment feeds its entries do not announce,
 * when they keep finding none: the fetcher decides (fetch_look.c), the
 * store keeps it. */
struct rounds_look_state {
	int misses;                  /* articles in a row a look found none
					for (0 after a find) */
	int pauses;                  /* pauses in a row; 0: looks go on */
	int64_t until;               /* while pauses > 0: no look before */
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
	struct rounds_look_state looks;  /* its looks for comment feeds */
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
/* A second, read-only connection to the database at path (as it stands:
 * no schema change), for another thread: everything it reads comes from
 * one snapshot, taken at its first read (what other connections commit
 * later it does not see), until it is closed.  Only readers of the
 * store may be called on it. */
struct rounds_store *rounds_store_open_reader(const char *path,
					      struct rounds_err *err) ROUNDS_WUR;
/* SQLite's PRAGMA integrity_check: appends each problem it reports, one
 * a line, to report; returns how many (0: the file is sound), or -1 when
 * the check itself fails (err: exit 74 for a damaged file). */
int rounds_store_check(struct rounds_store *st, struct rounds_buf *report,
		       struct rounds_err *err) ROUNDS_WUR;
/* The time of the latest entry before t (published, else updated, else
 * first seen): *found false when there is none. */
int rounds_store_entry_before(struct rounds_store *st, int64_t t,
			      int64_t *at, bool *found,
			      struct rounds_err *err) ROUNDS_WUR;
/* The database file the store was opened on. */
const char *rounds_store_path(const struct rounds_store *st);

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

/* An entry younger than the comment window whose feed names no comment
 * feed, due for a look for one (never looked at, or its next look is due;
 * an entry where one was found is not listed again).  A feed whose looks
 * are paused (rounds_look_state) has none listed before `until`, and
 * after it only one until a look ends the pause: its newest entry never
 * looked at, else its newest due.  Strings owned by the row; free with
 * rounds_store_discover_free. */
struct rounds_discover {
	int64_t entry_id;
	int64_t feed_id;
	char *link;                  /* the article, or NULL */
	char *comments;              /* its comments page, or NULL */
	char *title;                 /* the article's title, or NULL */
	char *generator;             /* the feed's generator, or NULL */
	char *etag;                  /* validators of the last look's page */
	char *last_modified;
	char *asked;                 /* the URL asked last time, or NULL */
	int misses;                  /* looks so far that found none */
	bool missed;                 /* one of them was answered, naming
					none (not a failure) */
};

int rounds_store_discover_due(struct rounds_store *st, int64_t since,
			      int64_t now, struct rounds_discover **rows,
			      size_t *n, struct rounds_err *err) ROUNDS_WUR;
void rounds_store_discover_free(struct rounds_discover *rows, size_t n);

/* What one look for an entry's comment feed came to. */
struct rounds_discover_result {
	int64_t feed_id;
	int64_t entry_id;
	const char *url;             /* what was asked */
	const char *how;             /* "wordpress" | "page" */
	const char *result;          /* "found" | "none" | "error" */
	const char *found;           /* the comment feed, when found */
	const char *etag;            /* the page's validators, NULL = keep */
	const char *last_modified;
	bool not_modified;           /* the page answered 304 */
	int64_t started;
	int64_t next_look;           /* when to look again (none, error) */
	long http_status;            /* 0 when no HTTP answer */
	const char *error;           /* message when it failed */
	int64_t bytes;
	bool logged_as_feed;         /* the answer is stored next as the
					comment feed, with its own log row */
	const struct rounds_look_state *looks;  /* the feed's state after
					it, or NULL: unchanged */
};

/* Records a look (one transaction, with a fetch log row unless
 * logged_as_feed, and the feed's looks state when given).  A look that
 * found the feed makes rounds_store_comment_feeds list it from now on;
 * "none" counts a miss, "error" a failure, and both wait for next_look. */
int rounds_store_discover_result(struct rounds_store *st,
				 const struct rounds_discover_result *res,
				 struct rounds_err *err) ROUNDS_WUR;

/* How the looks of one feed stand, counted in entries whose feed names
 * no comment feed (`feeds list`).  since: the start of the comment
 * window. */
struct rounds_discover_stats {
	int64_t feed_id;
	int64_t found;               /* a look found their comment feed */
	int64_t looking;             /* inside the window, none found yet:
					looked at again, or not yet */
	int64_t given_up;            /* a look found none (or failed), and
					they have left the window */
	int64_t next_look;           /* the earliest look due among those
					looking (0: not looked at yet) */
	bool has_next;               /* false: none looking */
};

/* Every feed with such an entry, by feed id, into *rows (caller frees). */
int rounds_store_discover_stats(struct rounds_store *st, int64_t since,
				struct rounds_discover_stats **rows,
				size_t *n, struct rounds_err *err) ROUNDS_WUR;

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
/* Many small savepoints inside such transactions (a fetch stores its
 * results in batches): on, their undo journals are kept in memory, not
 * written to a temporary file (PRAGMA temp_store = MEMORY); off, back to
 * the default.  Outside any transaction. */
int rounds_store_batching(struct rounds_store *st, bool on,
			  struct rounds_err *err) ROUNDS_WUR;

/* ---- what the digest reads ---- */

/* A subscription as the digest sees it (strings borrowed for the call). */
struct rounds_store_feed {
	int64_t id;
	const char *url;
	const char *title;           /* user_title, else title, else url */
	const char *site_link;       /* may be NULL */
	const char *self;            /* the URL the feed gives itself, or NULL */
};

/* An entry as the digest reads it (strings borrowed for the call; the
 * JSON columns as stored). */
struct rounds_store_entry {
	int64_t id, feed_id;
	const char *guid, *link, *canonical, *title;
	const char *authors;         /* JSON array of PERSON, or NULL */
	const char *categories;      /* JSON array of strings, or NULL */
	const char *summary, *content, *comments_link;
	int64_t published, updated, first_seen, comment_count;
	bool has_published, has_updated, has_comment_count;
};

/* A stored comment (strings borrowed for the call). */
struct rounds_store_comment {
	int64_t entry_id;
	const char *guid;
	const char *parent_guid;     /* NULL = top level */
	const char *author;          /* JSON PERSON, or NULL */
	const char *link, *content;
	int64_t published;
	bool has_published;
	int64_t first_seen;          /* when the store first had it */
};

/* Each callback returns 0 to go on, -1 (err set) to stop with an error. */
typedef int (*rounds_store_feed_fn)(void *ctx,
				    const struct rounds_store_feed *f,
				    struct rounds_err *err);
typedef int (*rounds_store_entry_fn)(void *ctx,
				     const struct rounds_store_entry *e,
				     struct rounds_err *err);
typedef int (*rounds_store_comment_fn)(void *ctx,
				       const struct rounds_store_comment *c,
				       struct rounds_err *err);

/* Every subscription, by id. */
int rounds_store_each_feed(struct rounds_store *st, rounds_store_feed_fn fn,
			   void *ctx, struct rounds_err *err) ROUNDS_WUR;
/* The ids of the feeds tagged tag (any case), any order, into *ids
 * (caller frees). */
int rounds_store_tagged(struct rounds_store *st, const char *tag,
			int64_t **ids, size_t *n, struct rounds_err *err)
	ROUNDS_WUR;
/* The entries whose time (published, else updated, else first_seen) is
 * in [since, until), in no set order. */
int rounds_store_each_entry(struct rounds_store *st, int64_t since,
			    int64_t until, rounds_store_entry_fn fn, void *ctx,
			    struct rounds_err *err) ROUNDS_WUR;
/* The entries whose time is in [from, since) (as rounds_store_each_entry
 * reads it) and that have a comment written in [since, until) (its
 * published time, else when first seen): the earlier articles whose
 * threads grew in the window.  In no set order; none when from >= since
 * or since >= until. */
int rounds_store_each_continued(struct rounds_store *st, int64_t from,
				int64_t since, int64_t until,
				rounds_store_entry_fn fn, void *ctx,
				struct rounds_err *err) ROUNDS_WUR;
/* The comments of the entries ids[0..n), by entry, then by time
 * (published, else first seen), then as stored. */
int rounds_store_each_comment(struct rounds_store *st, const int64_t *ids,
			      size_t n, rounds_store_comment_fn fn, void *ctx,
			      struct rounds_err *err) ROUNDS_WUR;
/* Which of the windows [since[i], until[i]) (in time order, not
 * overlapping) hold an entry: has[i] set true or false. */
int rounds_store_windows_used(struct rounds_store *st, const int64_t *since,
			      const int64_t *until, size_t n, bool *has,
			      struct rounds_err *err) ROUNDS_WUR;

/* ---- the issues (numbered weeks) ---- */

struct rounds_store_issue {
	const char *week;            /* "2026-W47", or NULL for a window */
	int64_t since, until;
	int64_t published;           /* when first published */
	const char *uid;             /* the issue's stable id */
	const char *title;           /* may be NULL */
};

/* The issue of week: *found, and then its number and first publication. */
int rounds_store_issue_find(struct rounds_store *st, const char *week,
			    int64_t *number, int64_t *published, bool *found,
			    struct rounds_err *err) ROUNDS_WUR;
/* The number an issue shows: the week's (week NULL: the window's) when
 * recorded, else the next one (the largest + 1, or 1). */
int rounds_store_issue_number(struct rounds_store *st, const char *week,
			      int64_t since, int64_t until, int64_t *number,
			      struct rounds_err *err) ROUNDS_WUR;
/* Records an issue with the next number, into *number. */
int rounds_store_issue_add(struct rounds_store *st,
			   const struct rounds_store_issue *is,
			   int64_t *number, struct rounds_err *err) ROUNDS_WUR;
/* The week of the first issue recorded (the lowest number) into week,
 * "" when no week's issue is. */
int rounds_store_issue_first(struct rounds_store *st, char week[9],
			     struct rounds_err *err) ROUNDS_WUR;
/* An issue's content as the store compares it: hash, the caller's
 * fingerprint of what it published ("x" and 31 hex digits: site_issue.c),
 * and legacy, which gives the text (caller frees; NULL: none) an older
 * rounds kept a hash of; it is asked only for an issue recorded that way,
 * whose hash then takes today's form when the content is the same. */
struct rounds_issue_content {
	const char *hash;
	char *(*legacy)(void *arg);
	void *arg;
};

/* Whether the recorded issue of week was last published with content c:
 * *same, and when its content last changed into *updated (0: never
 * recorded). */
int rounds_store_issue_seen(struct rounds_store *st, const char *week,
			    const struct rounds_issue_content *c, bool *same,
			    int64_t *updated, struct rounds_err *err) ROUNDS_WUR;
/* Records hash as the issue's content, changed at the first second from
 * at on that no other issue's updated time holds (so no two issues share
 * one), into *updated. */
int rounds_store_issue_changed(struct rounds_store *st, const char *week,
			       const char *hash, int64_t at,
			       int64_t *updated, struct rounds_err *err) ROUNDS_WUR;

/* ---- the editor's drafts and the newsletters sent ---- */

/* The hash the store keeps of a draft's text: "did it change", not
 * cryptographic (32 hex digits and a NUL). */
void rounds_store_draft_hash(const char *text, char out[33]);
/* Records that rounds digest wrote text to path as the draft of week
 * (replacing the week's earlier record). */
int rounds_store_draft_put(struct rounds_store *st, const char *week,
			   const char *path, const char *text, int64_t now,
			   struct rounds_err *err) ROUNDS_WUR;
/* Whether rounds digest recorded a draft of week (*found) and, if so,
 * whether text is still what it wrote (*same). */
int rounds_store_draft_same(struct rounds_store *st, const char *week,
			    const char *text, bool *found, bool *same,
			    struct rounds_err *err) ROUNDS_WUR;

/* One newsletter the SMTP server accepted. */
struct rounds_store_send {
	const char *week;            /* the issue's week */
	int64_t number;              /* the issue's number, or 0 */
	int64_t sent;                /* when */
	const char *message_id;      /* without the <> */
	const char *recipients;      /* as the envelope had them */
	const char *draft;           /* the draft's text as sent, or NULL */
};

/* Appends a send (rows are never changed or removed). */
int rounds_store_send_add(struct rounds_store *st,
			  const struct rounds_store_send *sd,
			  struct rounds_err *err) ROUNDS_WUR;

/* The latest send of a week, its strings the caller's
 * (rounds_store_sent_release). */
struct rounds_store_sent {
	int64_t sent;
	char *message_id;
	char *recipients;
	int64_t count;               /* sends of the week so far */
	bool draft_changed;          /* the draft given is not the one sent
				      * (added, edited or removed since) */
};

/* The latest send of week: *found, and then *out, draft_changed
 * comparing draft (the week's draft now, NULL: none) with the one
 * sent. */
int rounds_store_send_last(struct rounds_store *st, const char *week,
			   const char *draft, bool *found,
			   struct rounds_store_sent *out,
			   struct rounds_err *err) ROUNDS_WUR;
void rounds_store_sent_release(struct rounds_store_sent *s);

/* ---- what incremental publishing keeps ---- */

/* Adds to h every row the digest of [since, until) is made of: the
 * window's entries (as rounds_store_each_entry finds them; their text by
 * content_hash) and every comment of those entries. */
int rounds_store_window_hash(struct rounds_store *st, int64_t since,
			     int64_t until, struct rounds_hash *h,
			     struct rounds_err *err) ROUNDS_WUR;
/* Adds to h the rows the continued section of [since, until) is made of:
 * the entries rounds_store_each_continued(from, since, until) finds and
 * every comment of those entries. */
int rounds_store_continued_hash(struct rounds_store *st, int64_t from,
				int64_t since, int64_t until,
				struct rounds_hash *h, struct rounds_err *err)
	ROUNDS_WUR;
/* Adds to h what the pages show of the subscriptions: each feed's url,
 * titles, links, status, and the tags (not its fetch state). */
int rounds_store_feeds_hash(struct rounds_store *st, struct rounds_hash *h,
			    struct rounds_err *err) ROUNDS_WUR;
/* The fingerprint a page (key: its path, or another name) was last
 * written with, and its note (NULL, or caller frees; note may be NULL):
 * *found false when none is recorded. */
int rounds_store_page_get(struct rounds_store *st, const char *key,
			  char fp[ROUNDS_HASH_HEX], char **note, bool *found,
			  struct rounds_err *err) ROUNDS_WUR;
/* Records a page's fingerprint and note (may be NULL). */
int rounds_store_page_put(struct rounds_store *st, const char *key,
			  const char *fp, const char *note,
			  struct rounds_err *err) ROUNDS_WUR;

/* ---- a list of subscriptions (OPML) ---- */

/* A feed a list names; the tags are the outlines around it. */
struct rounds_listed_feed {
	char *url;
	char *title;
	char **tags;
	size_t n_tags;
};

struct rounds_list_counts {
	int added, kept, removed;
};

/* Adds the listed feeds (origin "opml"); a feed already there keeps its
 * title and gains the tags.  With sync, the opml-origin feeds take the
 * list's titles and tags, and those it no longer names are removed.  Call
 * it between rounds_store_begin and commit (roll back on error). */
int rounds_store_list_apply(struct rounds_store *st,
			    const struct rounds_listed_feed *v, size_t n,
			    bool sync, struct rounds_list_counts *counts,
			    struct rounds_err *err) ROUNDS_WUR;

/* The source-health report: one row per finding. */
enum rounds_health_kind {
	ROUNDS_HEALTH_MOVED,         /* 301/308 seen: detail = moved_to */
	ROUNDS_HEALTH_GONE,          /* 410 */
	ROUNDS_HEALTH_FAILING,       /* errors since `since`: detail = error */
	ROUNDS_HEALTH_RATE_LIMITED,  /* last answer 429/503 (not "failing") */
	ROUNDS_HEALTH_SILENT,        /* nothing new since `since` */
	ROUNDS_HEALTH_CHURN,         /* entry ids change: value = percent new */
	ROUNDS_HEALTH_LOOKS_PAUSED,  /* looks for comment feeds paused: value
					= articles in a row without one,
					until = the pause's end */
};

struct rounds_health {
	enum rounds_health_kind kind;
	int64_t feed_id;
	char *url;
	char *title;                 /* may be NULL */
	char *detail;                /* may be NULL */
	int64_t since;               /* when the condition started, or 0 */
	int64_t value;               /* count / status / percent, by kind */
	int64_t until;               /* looks paused: no look before this */
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
