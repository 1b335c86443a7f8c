/* parse.h: bytes -> struct rounds_feed.  No I/O of any kind.
 * RSS 0.90/0.91/0.92/2.0, RSS 1.0, Atom 0.3/1.0 (libxml2), JSON Feed 1.x
 * (jansson); sanitised (html.h), URLs resolved (url.h), dates (date.h). */
#ifndef ROUNDS_PARSE_H
#define ROUNDS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include "err.h"
#include "feed.h"

struct rounds_parse_opts {
	const char *base;       /* the document's own URL, or NULL */
	const char *charset;    /* charset declared by the transport, or NULL */
};

/* Parses len bytes.  On success *out is the caller's (free with
 * rounds_feed_free); a recovered document has bozo set.  A document with
 * no feed in it fails with EX_DATAERR and a message saying why. */
int rounds_parse(const char *bytes, size_t len,
		 const struct rounds_parse_opts *opts,
		 struct rounds_feed **out, struct rounds_err *err) ROUNDS_WUR;

/* Appends the feed to out as the JSON of INTERFACE.md: compact, or
 * indented by two spaces when pretty; source (may be NULL) adds the
 * "source" key.  A string that is not valid UTF-8 is left out.  -1 when
 * out went over its cap (out is then freed). */
struct rounds_buf;
int rounds_feed_write_json(const struct rounds_feed *feed, const char *source,
			   bool pretty, struct rounds_buf *out) ROUNDS_WUR;

/* ---- the parser pool ----
 * Threads that parse while the caller goes on (the fetch loop transfers,
 * `rounds parse` prints): the one pool both use.  A job is taken by a
 * worker in the order it was queued; the worker runs job->work, or, when
 * that is NULL, rounds_parse() on job->bytes, then puts the job on the
 * done list and calls wake (from the worker's thread).  The parser keeps
 * no shared state, so the jobs run side by side.  With 0 threads
 * rounds_parse_pool_submit runs the job in the caller's thread. */
struct rounds_parse_job {
	const char *bytes;              /* in: the document */
	size_t len;
	struct rounds_parse_opts opts;
	int (*work)(struct rounds_parse_job *job);  /* in: or NULL */
	void *user;                     /* the caller's */
	struct rounds_feed *feed;       /* out: the caller's to free */
	struct rounds_err err;          /* out: why feed is NULL */
	int rc;                         /* out: 0 or -1 */
	struct rounds_parse_job *next;  /* the pool's */
};

struct rounds_parse_pool;
/* threads at most ROUNDS_PARSE_MAX_THREADS; wake may be NULL.  Never NULL:
 * a pool whose threads cannot start parses in the caller's thread. */
#define ROUNDS_PARSE_MAX_THREADS 16
struct rounds_parse_pool *rounds_parse_pool_new(int threads,
						void (*wake)(void *arg),
						void *arg);
/* The threads it runs (0: parsing in the caller's thread). */
int rounds_parse_pool_threads(const struct rounds_parse_pool *p);
/* Queues job (still the caller's memory, untouched until taken back). */
void rounds_parse_pool_submit(struct rounds_parse_pool *p,
			      struct rounds_parse_job *job);
/* A finished job, the first finished first; NULL when none is finished
 * (with wait: waits for one unless none is queued or running). */
struct rounds_parse_job *rounds_parse_pool_take(struct rounds_parse_pool *p,
						bool wait);
/* Stops the workers (each finishes the job it holds) and frees the pool;
 * every job not taken back goes to drop (when not NULL). */
void rounds_parse_pool_free(struct rounds_parse_pool *p,
			    void (*drop)(struct rounds_parse_job *job));

#endif
