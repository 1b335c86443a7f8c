/* fetch.h: the libcurl multi fetch loop: all due feeds and the comment
 * feeds of recent entries, concurrently, conditionally, within limits;
 * results go to the store one transaction per feed. */
#ifndef ROUNDS_FETCH_H
#define ROUNDS_FETCH_H

#include <stdbool.h>
#include "conf.h"
#include "err.h"
#include "store.h"

struct rounds_fetch_opts {
	int jobs;               /* transfers at once; 0 = default */
	bool all;               /* ignore next_fetch */
	bool progress;          /* draw progress on stderr */
};

struct rounds_fetch_stats {
	int fetched, unchanged, failed, new_entries, updated_entries;
	int new_comments, requests;
};

/* Fails only when the run itself cannot work; a feed's failure is logged
 * and recorded in the store. */
int rounds_fetch_run(struct rounds_store *st, const struct rounds_conf *conf,
		     const struct rounds_fetch_opts *opts,
		     struct rounds_fetch_stats *stats,
		     struct rounds_err *err) ROUNDS_WUR;

#endif
