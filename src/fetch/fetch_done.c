/* fetch_done.c: what happens to a finished job: its document parsed, the
 * result stored (one transaction), counted, and, when it failed, one log
 * line saying what and what next; and the progress line. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "fetch_int.h"
#include "rounds/clock.h"
#include "rounds/html.h"
#include "rounds/log.h"
#include "rounds/parse.h"

/* A message for a log line or the fetch log (caller frees). */
char *fetch_msgf(const char *fmt, ...)
{
	struct rounds_buf b;
	va_list ap;
	int rc;

	rounds_buf_init(&b, 0);
	va_start(ap, fmt);
	rc = rounds_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return xstrdup("failed");
	return rounds_buf_detach(&b);
}

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Opens a batch; when the store cannot (busy), the result goes in a
 * transaction of its own, which says why it failed if it does. */
static void batch_begin(struct fetch_run *r)
{
	struct rounds_err berr;

	if (r->batch)
		return;
	rounds_err_init(&berr);
	if (rounds_store_begin(r->st, &berr) < 0) {
		rounds_log(LOG_DEBUG, "fetch: no batch: %s", berr.msg);
		return;
	}
	r->batch = true;
	r->batch_ms = mono_ms();
	r->batch_bytes = 0;
}

int fetch_batch_end(struct fetch_run *r)
{
	if (!r->batch)
		return 0;
	r->batch = false;
	if (rounds_store_commit(r->st, r->err) < 0) {
		r->failed = true;
		return -1;
	}
	return 0;
}

/* Commits the batch when it is big or old enough; a failed commit sets
 * r->failed, which stops the loop. */
static void batch_after(struct fetch_run *r, int64_t bytes)
{
	r->batch_bytes += bytes > 0 ? bytes : 0;
	if (r->batch_bytes < FETCH_BATCH_BYTES &&
	    mono_ms() - r->batch_ms < FETCH_BATCH_MS)
		return;
	if (fetch_batch_end(r) < 0)
		rounds_log(LOG_DEBUG, "fetch: a batch of results not stored");
}

void fetch_progress(struct fetch_run *r, bool end)
{
	int64_t ms;

	if (!r->opts->progress)
		return;
	if (end) {
		if (r->progress_drawn)
			fputs("\r\033[K", stderr);
		r->progress_drawn = false;
		return;
	}
	ms = mono_ms();
	if (r->progress_drawn && ms - r->progress_ms < 100 &&
	    (size_t)r->done < r->n_jobs)
		return;                 /* at most ten redraws a second */
	r->progress_ms = ms;
	fprintf(stderr, "\r\033[Kfetch: %d/%zu done, %d failed", r->done,
		r->n_jobs, r->stats->failed);
	fflush(stderr);
	r->progress_drawn = true;
}

static void report(struct fetch_run *r, const struct fetch_job *j,
		   const struct fetch_outcome *o, int64_t next, int64_t now)
{
	char when[40];
	const char *what = j->entry_id > 0 ? "comments" : "fetch";

	fetch_progress(r, true);
	fetch_when_text(next, now, when, sizeof(when));
	if (strcmp(o->result, "gone") == 0)
		rounds_log(j->entry_id > 0 ? LOG_WARN : LOG_ERROR, "%s '%s': "
			   "HTTP 410 gone; will not be fetched again", what,
			   j->url);
	else
		rounds_log(fetch_failure_level(j->entry_id > 0, o->result,
					       j->error_count),
			   "%s '%s': %s; will retry after %s", what, j->url,
			   o->error ? o->error : "failed", when);
}

static int64_t next_fetch(struct fetch_run *r, const struct fetch_job *j,
			  const struct fetch_outcome *o,
			  const struct rounds_feed *feed, int64_t now)
{
	const struct fetch_conf *fc = r->fc;

	if (strcmp(o->result, "ok") == 0)
		return fetch_next_ok(fc, now, feed && feed->min_interval > 0 ?
				     feed->min_interval : j->min_interval);
	if (strcmp(o->result, "not_modified") == 0)
		return fetch_next_ok(fc, now, j->min_interval);
	if (strcmp(o->result, "gone") == 0)
		return now + 365 * 86400;
	if (strcmp(o->result, "rate_limited") == 0 && o->retry_at > 0)
		return o->retry_at;
	return fetch_next_error(fc, now, j->error_count);
}

/* The same permanent redirect on two fetches in a row: the feed moved. */
static void follow_move(struct fetch_run *r, const struct fetch_job *j,
			const char *to)
{
	struct rounds_err merr;
	bool moved = false;

	if (j->entry_id > 0 || j->moved_to == NULL ||
	    strcmp(j->moved_to, to) != 0 || j->moved_count + 1 < 2)
		return;
	rounds_err_init(&merr);
	if (rounds_store_feed_move(r->st, j->feed_id, to, &moved, &merr) < 0) {
		fetch_progress(r, true);
		rounds_log(LOG_WARN, "fetch '%s': %s", j->url, merr.msg);
	} else if (moved) {
		fetch_progress(r, true);
		rounds_log(LOG_ERROR, "fetch '%s': moved permanently; now "
			   "fetching '%s' (update your OPML file if it lists "
			   "the old address)", j->url, to);
	} else {
		fetch_progress(r, true);
		rounds_log(LOG_WARN, "fetch '%s': moved permanently to '%s', "
			   "which is subscribed already", j->url, to);
	}
}

static void count(struct rounds_fetch_stats *stats,
		  const struct fetch_outcome *o,
		  const struct rounds_store_counts *counts)
{
	if (strcmp(o->result, "ok") == 0)
		stats->fetched++;
	else
		stats->unchanged++;
	stats->new_entries += counts->new_entries;
	stats->updated_entries += counts->updated_entries;
	stats->new_comments += counts->new_comments;
}

/* Parses an ok answer; a document that is no feed turns it into an
 * error.  Touches nothing but o: worker threads call it. */
void fetch_parse(struct fetch_outcome *o, struct rounds_feed **feed)
{
	struct rounds_parse_opts po = { o->base, o->charset };
	struct rounds_err perr;

	*feed = NULL;
	if (strcmp(o->result, "ok") != 0)
		return;
	if (o->kind == FETCH_LOOK_PAGE) {      /* a page, not a feed */
		o->found = rounds_html_comment_feed(o->body, o->len, o->base,
						    o->article, o->title);
		return;
	}
	rounds_err_init(&perr);
	if (rounds_parse(o->body, o->len, &po, feed, &perr) < 0) {
		*feed = NULL;
		o->result = "error";
		free(o->error);
		o->error = xstrdup(perr.msg[0] ? perr.msg : "not a feed");
	}
}

/* Parses (when ok), stores, counts and reports one finished job. */
void fetch_finish(struct fetch_run *r, size_t ji, struct fetch_outcome *o,
		  int64_t started)
{
	struct rounds_feed *feed;

	fetch_parse(o, &feed);
	fetch_store(r, ji, o, feed, started);
}

/* The end of every job: what it held freed, counted as done. */
static void finished(struct fetch_run *r, struct fetch_job *j,
		     struct fetch_outcome *o, struct rounds_feed *feed)
{
	rounds_feed_free(feed);
	free(o->error);
	free(o->charset);
	free(o->found);
	o->error = o->charset = o->found = NULL;
	j->started = true;
	r->done++;
	if (j->kind == FETCH_FEED)
		r->main_left--;
	fetch_progress(r, false);
}

/* Stores, counts and reports one finished job; frees feed. */
void fetch_store(struct fetch_run *r, size_t ji, struct fetch_outcome *o,
		 struct rounds_feed *feed, int64_t started)
{
	struct fetch_job *j = &r->jobs[ji];
	struct rounds_fetch_result res;
	struct rounds_store_counts counts;
	struct rounds_err perr;
	int64_t now = rounds_clock_now();
	bool failed;

	batch_begin(r);
	if (j->kind != FETCH_FEED && j->kind != FETCH_COMMENTS)
		fetch_progress(r, true);       /* a look may log a line */
	if (j->kind != FETCH_FEED && j->kind != FETCH_COMMENTS &&
	    !fetch_look_store(r, ji, o, feed, started)) {
		/* a look that found no feed to store now */
		finished(r, j, o, feed);
		return;
	}
	memset(&res, 0, sizeof(res));
	res.feed_id = j->feed_id;
	res.entry_id = j->entry_id;
	res.url = j->url;
	res.started = started;
	res.http_status = o->status;
	res.result = o->result;
	failed = strcmp(o->result, "ok") != 0 &&
		 strcmp(o->result, "not_modified") != 0;
	if (failed && o->error == NULL)
		o->error = o->status > 0 ? fetch_msgf("HTTP %ld", o->status) :
			   xstrdup("failed");
	res.error = o->error;
	if (!failed) {
		res.etag = o->etag;
		res.last_modified = o->last_modified;
		res.moved_to = o->moved_to;
	}
	res.next_fetch = next_fetch(r, j, o, feed, now);
	res.bytes = o->bytes;
	res.feed = feed;
	memset(&counts, 0, sizeof(counts));
	rounds_err_init(&perr);
	if (rounds_store_fetch_result(r->st, &res, &counts, &perr) < 0) {
		fetch_progress(r, true);
		rounds_log(LOG_ERROR, "fetch '%s': cannot store the result: %s",
			   j->url, perr.msg);
		r->stats->failed++;
		if (perr.code == EX_IOERR || perr.code == EX_CANTCREAT) {
			/* the database itself fails: no use going on */
			*r->err = perr;
			r->failed = true;
		}
	} else if (failed) {
		r->stats->failed++;
		report(r, j, o, res.next_fetch, now);
	} else {
		if (res.moved_to)
			follow_move(r, j, res.moved_to);
		count(r->stats, o, &counts);
	}
	batch_after(r, o->bytes);
	finished(r, j, o, feed);
}

/* Finishes a job that failed before any transfer; takes msg. */
void fetch_fail_job(struct fetch_run *r, size_t ji, char *msg)
{
	struct fetch_outcome o;

	memset(&o, 0, sizeof(o));
	o.result = "error";
	o.error = msg;
	fetch_finish(r, ji, &o, rounds_clock_now());
}
