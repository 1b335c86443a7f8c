/* fetch.h: the libcurl multi fetch loop: all due feeds and the comment
 * feeds of recent entries, concurrently, conditionally, within limits;
 * results go to the store one transaction per feed. */
#ifndef ROUNDS_FETCH_H
#define ROUNDS_FETCH_H

#include <stdbool.h>
#include <stdint.h>
#include "conf.h"
#include "err.h"
#include "store.h"

struct rounds_fetch_opts {
	int jobs;               /* transfers at once; 0 = default */
	bool all;               /* ignore next_fetch */
	bool progress;          /* draw progress on stderr */
};

/* Documents (feeds and comment feeds alike) fetched in full, answered
 * 304 (or unchanged on disk), and failed; what the store added; HTTP
 * requests made, redirect hops included. */
struct rounds_fetch_stats {
	int fetched, unchanged, failed, new_entries, updated_entries;
	int new_comments, requests;
	int skipped_wait, skipped_gone;   /* --all: feeds not asked */
	int looks, looks_found;   /* looks for unannounced comment feeds
				     (not counted above), and finds */
};

/* Fetches every due feed ([fetch] in conf: interval, limits, jobs ...),
 * then the comment feeds of recent entries, in one libcurl multi loop,
 * and stores each result as it comes.  The caller holds the run lock.
 * Fails only when the run itself cannot work (the database fails); a
 * feed's failure is logged ("fetch 'URL': why; will retry after ...")
 * and recorded in the store. */
int rounds_fetch_run(struct rounds_store *st, const struct rounds_conf *conf,
		     const struct rounds_fetch_opts *opts,
		     struct rounds_fetch_stats *stats,
		     struct rounds_err *err) ROUNDS_WUR;

/* The comment threads the fetcher reads for the feed at url: its
 * [feed:NAME] comments, else [feeds] comments, else "auto" ("auto",
 * "feed-only" or "off"; rounds.conf(5)).  Borrowed from conf. */
const char *rounds_fetch_comments_mode(const struct rounds_conf *conf,
				       const char *url);
/* The comment window ([fetch] comment_window_days) in seconds, as the
 * fetcher reads it. */
int64_t rounds_fetch_comment_window(const struct rounds_conf *conf);

#endif
