/* fetch_int.h: what the fetch loop's files share: the scheduling policy
 * (pure functions, unit-tested), address checks, and one transfer. */
#ifndef ROUNDS_FETCH_INT_H
#define ROUNDS_FETCH_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <curl/curl.h>
#include "rounds/buf.h"
#include "rounds/conf.h"
#include "rounds/err.h"
#include "rounds/fetch.h"
#include "rounds/store.h"

#define FETCH_MAX_REDIRECTS 5

/* The [fetch] settings, with their defaults filled in. */
struct fetch_conf {
	int jobs;                  /* transfers at once */
	int per_host;              /* transfers at once to one host:port */
	int64_t interval;          /* seconds between fetches of a feed */
	int64_t min_interval;      /* bounds for a feed's own ttl */
	int64_t max_interval;
	int64_t backoff_base;      /* first retry after a failure */
	int64_t backoff_max;
	int64_t comment_window;    /* seconds */
	long connect_timeout;      /* seconds */
	long timeout;              /* seconds, whole transfer */
	long low_speed_limit;      /* bytes per second ... */
	long low_speed_time;       /* ... for this many seconds aborts */
	size_t max_bytes;          /* body after decompression */
	char *user_agent;
	char *ca_file;             /* extra CA bundle, or NULL */
	int parse_threads;         /* 0: parse in the loop's thread */
	bool proxied;              /* a proxy is set in the environment */
};

void fetch_conf_init(struct fetch_conf *fc, const struct rounds_conf *conf);
void fetch_conf_release(struct fetch_conf *fc);

/* When to fetch again after a good answer: the configured interval, or
 * the feed's own (ttl, sy:updatePeriod) when longer, within bounds. */
int64_t fetch_next_ok(const struct fetch_conf *fc, int64_t now,
		      int64_t feed_min_interval);
/* After a failure: base * 2^errors_before, capped. */
int64_t fetch_next_error(const struct fetch_conf *fc, int64_t now,
			 int errors_before);
/* Retry-After (delta seconds or an HTTP-date) -> absolute time, bounded
 * by [now + 60 s, now + backoff_max]; false when absent or unreadable. */
bool fetch_retry_after(const struct fetch_conf *fc, const char *value,
		       int64_t now, int64_t *when);

/* Whether `fetch --all` asks a feed now: --all overrides rounds' own
 * schedule, never a server's word.  A feed gone (410) is not asked; a
 * feed whose last answer was 429 or 503 is not asked before the time it
 * was given (Retry-After, else rounds' backoff standing in for it). */
enum fetch_forced {
	FETCH_FORCED_ASK,
	FETCH_FORCED_GONE,        /* 410: never again */
	FETCH_FORCED_WAIT,        /* 429/503: not before next_fetch */
	FETCH_FORCED_PAUSED,      /* paused by the user */
};
enum fetch_forced fetch_forced_decision(const struct rounds_sub *s,
					int64_t now);
/* The log level of a failed fetch: LOG_ERROR (shown under -q, so cron
 * mails it) when a person should act: a feed (not a comment feed) that
 * fails for the first time after working (errors_before == 0); LOG_WARN
 * for a failure that repeats, a 429/503 (the server asked for patience)
 * and a comment feed's failure.  A 410 and a moved feed are LOG_ERROR. */
int fetch_failure_level(bool comment_feed, const char *result,
			int errors_before);
/* "08:32 UTC" when t falls on now's (UTC) day, else "2026-11-25 08:32
 * UTC". */
void fetch_when_text(int64_t t, int64_t now, char *out, size_t n);

/* True for addresses a redirect must not reach: loopback, private,
 * link-local, unique-local, unspecified, multicast, IPv4-mapped and
 * NAT64-embedded forms of those. */
bool fetch_addr_private(const struct sockaddr *sa);
bool fetch_ip_text_private(const char *ip);
/* The same for a URL's host as written: a private IP literal or a
 * localhost name (used when a proxy hides the addresses). */
bool fetch_url_host_private(const char *url);

/* The charset parameter of a Content-Type value (caller frees), or NULL
 * when there is none or it is not a plausible name. */
char *fetch_content_charset(const char *content_type);

/* "http", "https", "file" or NULL for any other scheme. */
const char *fetch_url_scheme(const char *url);
/* "host:port" of an http(s) URL, lower-case host, default ports filled
 * in (caller frees); NULL when the URL is not one. */
char *fetch_url_hostport(const char *url);

/* Whether a comment feed URL may be read: http(s) always; file:// only
 * when the feed itself is a file and the comment file lies in the feed
 * file's directory or below. */
bool fetch_comment_url_allowed(const char *feed_url, const char *url);
/* The local path of a file:// URL (caller frees), or NULL. */
char *fetch_file_path(const char *url);

/* Looking for a comment feed an entry does not announce: WordPress's
 * per-post feed for a link (caller frees; NULL when link is not http(s));
 * the page to read (comments page, else link, no fragment; caller frees);
 * whether a generator is WordPress; when to look again after misses
 * looks that found none (a day, doubled per miss, at most 7 days). */
char *fetch_wp_comment_feed(const char *link);
char *fetch_look_page(const char *comments, const char *link);
bool fetch_generator_wordpress(const char *generator);
int64_t fetch_next_look(int64_t now, int misses);

/* A feed whose articles keep naming no comment feed: after
 * FETCH_LOOK_PAUSE_AFTER articles in a row whose look was answered
 * naming none, no entry of the feed is looked at for a week, doubled for
 * each pause in a row (at most FETCH_LOOK_PAUSE_MAX); then one article
 * is: none starts the next pause, a find ends them.  A failed look says
 * nothing either way; an article counts once (missed: an earlier look
 * at it named none). */
#define FETCH_LOOK_PAUSE_AFTER 5
#define FETCH_LOOK_PAUSE ((int64_t)7 * 86400)
#define FETCH_LOOK_PAUSE_MAX ((int64_t)28 * 86400)
enum fetch_looks_change {
	FETCH_LOOKS_SAME,          /* nothing to store */
	FETCH_LOOKS_COUNTED,       /* a miss counted, or a find cleared them */
	FETCH_LOOKS_PAUSED,        /* a pause starts now */
	FETCH_LOOKS_RESUMED,       /* a find ended the pauses */
};
/* Updates t for a look's result ("found", "none", "error"). */
enum fetch_looks_change fetch_looks_after(struct rounds_look_state *t,
					  const char *result, bool missed,
					  int64_t now);
/* How long pause number `pauses` (1, 2, ...) lasts, in seconds. */
int64_t fetch_looks_pause(int pauses);
/* Whether a feed's looks wait now: a pause that is not over. */
bool fetch_looks_paused(const struct rounds_look_state *t, int64_t now);

/* One transfer: a feed or a comment feed, across its redirect hops. */
struct fetch_xfer {
	CURL *easy;
	struct curl_slist *headers;
	char *url;                 /* the URL of this hop */
	char *trusted;             /* host:port that may be private */
	int hops;                  /* redirects followed so far */
	bool permanent;            /* every hop so far was 301/308 */
	char *moved_to;            /* where that permanent chain leads */
	struct rounds_buf body;
	size_t max_bytes;
	bool too_big;
	bool excess;               /* more body than Content-Length said */
	bool encoded;              /* a Content-Encoding was applied */
	bool hop_trusted;          /* this hop's host:port is the trusted one */
	bool proxied;              /* connections go to a proxy: check names */
	bool blocked;              /* an address check refused the hop */
	char *etag, *last_modified, *content_type, *retry_after;
	long requests;
};

/* Sets up an easy handle for a transfer (user agent, limits, TLS,
 * compression, validators, address checks); 0 or -1 with err. */
int fetch_xfer_init(struct fetch_xfer *x, CURL *easy,
		    const struct fetch_conf *fc, const char *url,
		    const char *trusted, const char *etag,
		    const char *last_modified,
		    struct rounds_err *err) ROUNDS_WUR;
/* Points the handle at the next hop; clears the previous answer. */
int fetch_xfer_hop(struct fetch_xfer *x, const char *url,
		   struct rounds_err *err) ROUNDS_WUR;
void fetch_xfer_release(struct fetch_xfer *x);


/* The run: its queue of jobs, its transfers and its counts. */
enum fetch_kind {
	FETCH_FEED,
	FETCH_COMMENTS,            /* an entry's comment feed */
	FETCH_LOOK_WP,             /* WordPress's per-post feed, a guess */
	FETCH_LOOK_PAGE,           /* the article page, for its <head> */
};

struct fetch_job {
	enum fetch_kind kind;
	int64_t feed_id;
	int64_t entry_id;          /* > 0: a comment feed or a look */
	char *url;
	char *feed_url;            /* a comment feed's parent feed URL */
	char *trusted;             /* host:port that may be private */
	char *etag, *last_modified;
	char *moved_to;            /* the permanent redirect seen last time */
	int moved_count;
	int64_t min_interval;
	int error_count;
	int host;                  /* index in run.hosts; -1: not http(s) */
	bool started;
	char *article, *title;     /* a look: the entry's link and title */
	int misses;                /* a look: earlier looks that found none */
	bool missed;               /* a look: one of them was answered,
				      naming none */
};

struct fetch_slot {
	struct fetch_xfer x;
	size_t job;
	int64_t started;
	bool busy;
};

struct fetch_run {
	const struct fetch_conf *fc;
	const struct rounds_fetch_opts *opts;
	struct rounds_fetch_stats *stats;
	struct rounds_store *st;
	CURLM *multi;
	struct fetch_job *jobs;
	size_t n_jobs, alloc_jobs, head;
	char **hosts;
	int *host_busy;
	size_t n_hosts;
	struct fetch_slot *slots;
	int n_slots, busy;
	int done, main_left;
	bool progress_drawn;
	int64_t progress_ms;       /* when it was last drawn */
	struct rounds_sub *subs;   /* every feed, sorted by id */
	size_t n_subs;
	int64_t *queued;           /* entry ids of queued comment feeds */
	size_t n_queued;
	const struct rounds_conf *conf;   /* per-feed settings */
	int looks_left;            /* looks queued and not finished */
	int looks_found;           /* comment feeds found by looks */
	struct rounds_err *err;
	bool failed;               /* the run itself cannot go on */
	struct fetch_pool *pool;   /* parsing threads, or NULL */
	int parsing;               /* answers handed to the pool */
	int max_parsing;           /* most at once, bodies held in memory */
	bool batch;                /* a transaction holds the results ... */
	int64_t batch_ms;          /* ... since then (monotonic ms) */
	int64_t batch_bytes;       /* ... of documents this size in all */
	bool comment_feeds;        /* some feed's comments are not off */
	bool looks;                /* some feed's comments are auto */
};

/* What one job came back with, before it is stored. */
struct fetch_outcome {
	long status;
	const char *result;
	char *error;               /* owned */
	const char *etag, *last_modified, *moved_to;
	const char *body;
	size_t len;
	char *charset;             /* owned */
	const char *base;
	int64_t retry_at;          /* rate_limited: when, 0 = unknown */
	int64_t bytes;
	enum fetch_kind kind;
	const char *article, *title;   /* a page look: the entry's */
	char *found;               /* a page look: the comment feed, owned */
};

/* fetch_pool.c: threads that parse answers while the loop keeps
 * transferring and storing.  submit hands over a finished ok outcome
 * (its strings copied, its body taken); drain stores whatever is parsed
 * (fetch_store) and returns how many it stored. */
struct fetch_pool;
struct fetch_pool *fetch_pool_new(int threads, CURLM *multi);
void fetch_pool_free(struct fetch_pool *p);
void fetch_pool_submit(struct fetch_pool *p, size_t ji, int64_t started,
		       struct fetch_outcome *o, struct rounds_buf *body);
int fetch_pool_drain(struct fetch_pool *p, struct fetch_run *r);

/* fetch_done.c: a message (caller frees); the progress line (end: clear
 * it); a job's result parsed, stored, counted and reported; a job that
 * failed before any transfer (takes msg). */
char *fetch_msgf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fetch_progress(struct fetch_run *r, bool end);
void fetch_finish(struct fetch_run *r, size_t ji, struct fetch_outcome *o,
		  int64_t started);
/* The two halves of fetch_finish: parsing (any thread; touches only o)
 * and storing (the loop's thread; frees feed). */
void fetch_parse(struct fetch_outcome *o, struct rounds_feed **feed);
void fetch_store(struct fetch_run *r, size_t ji, struct fetch_outcome *o,
		 struct rounds_feed *feed, int64_t started);
void fetch_fail_job(struct fetch_run *r, size_t ji, char *msg);
/* Small results are stored in batches: each result is a savepoint inside
 * one transaction, committed once the documents stored in it reach
 * FETCH_BATCH_BYTES or FETCH_BATCH_MS have passed since it began, and at
 * the end of the run (fetch_batch_end).  A comment feed's few comments
 * touch as many pages (indexes, the entry, the fetch log) as they fill;
 * one commit for a batch of them writes those pages once.  A run killed
 * before a commit loses the batch whole (state with content): the next
 * run asks those feeds again. */
#define FETCH_BATCH_BYTES (256 * 1024)
#define FETCH_BATCH_MS 250
int fetch_batch_end(struct fetch_run *r) ROUNDS_WUR;

/* fetch_queue.c: queue a due feed; index every feed by id (for comment
 * feeds' parents); queue the comment feeds due now that are not queued
 * yet; free the queue. */
void fetch_queue_feed(struct fetch_run *r, const struct rounds_sub *s);
struct fetch_job *fetch_queue_job(struct fetch_run *r, const char *url,
				  const char *feed_url);
void fetch_queue_index_subs(struct fetch_run *r);
/* Sets r->comment_feeds and r->looks from every feed's [feeds] comments
 * setting: when no feed would take a comment feed (or a look), the
 * store is not asked for them (that walks every recent entry). */
void fetch_queue_modes(struct fetch_run *r);
int fetch_queue_comment_feeds(struct fetch_run *r) ROUNDS_WUR;
/* fetch_look.c: queue the looks due now (entries of [feeds] comments =
 * auto feeds); store what one look found (true: a WordPress guess that
 * was the comment feed, to be stored as one). */
int fetch_queue_looks(struct fetch_run *r) ROUNDS_WUR;
bool fetch_look_store(struct fetch_run *r, size_t ji,
		      struct fetch_outcome *o, const struct rounds_feed *feed,
		      int64_t started);
/* A queued look whose feed's looks were paused since it was queued (in
 * this run): finished without a request (true), else false. */
bool fetch_look_held(struct fetch_run *r, size_t ji);
/* fetch_queue.c: a feed's [feeds] comments setting: "auto", "feed-only"
 * or "off". */
const char *fetch_comments_mode(const struct fetch_run *r,
				const char *feed_url);
void fetch_queue_release(struct fetch_run *r);

#endif
