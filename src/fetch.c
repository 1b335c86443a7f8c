/* fetch.c: the fetch loop.  Every due feed, then the comment feeds of
 * recent entries, go through one libcurl multi handle; each result is
 * parsed and stored (one transaction) as soon as it completes, so only
 * the bodies of running transfers are in memory. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "fetch_int.h"
#include "rounds/caps.h"
#include "rounds/clock.h"
#include "rounds/fetch.h"
#include "rounds/fsutil.h"
#include "rounds/log.h"
#include "rounds/parse.h"

struct job {
	int64_t feed_id;
	int64_t entry_id;          /* > 0: a comment feed */
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
};

struct slot {
	struct fetch_xfer x;
	size_t job;
	int64_t started;
	bool busy;
};

struct run {
	const struct fetch_conf *fc;
	const struct rounds_fetch_opts *opts;
	struct rounds_fetch_stats *stats;
	struct rounds_store *st;
	CURLM *multi;
	struct job *jobs;
	size_t n_jobs, alloc_jobs, head;
	char **hosts;
	int *host_busy;
	size_t n_hosts;
	struct slot *slots;
	int n_slots, busy;
	int done, main_left;
	bool progress_drawn;
	int64_t progress_ms;       /* when it was last drawn */
	struct rounds_sub *subs;   /* every feed, sorted by id */
	size_t n_subs;
	int64_t *queued;           /* entry ids of queued comment feeds, sorted */
	size_t n_queued;
	struct rounds_err *err;
	bool failed;               /* the run itself cannot go on */
};

/* What one job came back with, before it is stored. */
struct outcome {
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
};

/* A message for a log line or the fetch log (caller frees). */
static __attribute__((format(printf, 1, 2))) char *msgf(const char *fmt, ...)
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

static int intern_host(struct run *r, const char *hp)
{
	size_t i;

	for (i = 0; i < r->n_hosts; i++)
		if (strcmp(r->hosts[i], hp) == 0)
			return (int)i;
	r->hosts = xrealloc(r->hosts, (r->n_hosts + 1) * sizeof(*r->hosts));
	r->host_busy = xrealloc(r->host_busy,
				(r->n_hosts + 1) * sizeof(*r->host_busy));
	r->hosts[r->n_hosts] = xstrdup(hp);
	r->host_busy[r->n_hosts] = 0;
	return (int)r->n_hosts++;
}

static struct job *new_job(struct run *r)
{
	struct job *j;

	if (r->n_jobs == r->alloc_jobs) {
		r->alloc_jobs = r->alloc_jobs ? r->alloc_jobs * 2 : 64;
		r->jobs = xrealloc(r->jobs, r->alloc_jobs * sizeof(*r->jobs));
	}
	j = &r->jobs[r->n_jobs++];
	memset(j, 0, sizeof(*j));
	j->host = -1;
	return j;
}

static void job_host(struct run *r, struct job *j)
{
	char *hp = fetch_url_hostport(j->url);

	if (hp)
		j->host = intern_host(r, hp);
	free(hp);
}

static void add_feed(struct run *r, const struct rounds_sub *s)
{
	struct job *j = new_job(r);

	j->feed_id = s->id;
	j->url = xstrdup(s->url);
	j->trusted = fetch_url_hostport(s->url);
	j->etag = xstrdup(s->etag);
	j->last_modified = xstrdup(s->last_modified);
	j->moved_to = xstrdup(s->moved_to);
	j->moved_count = s->moved_count;
	j->min_interval = s->min_interval;
	j->error_count = s->error_count;
	job_host(r, j);
	r->main_left++;
}

static int cmp_sub(const void *a, const void *b)
{
	const struct rounds_sub *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static int cmp_i64(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

static const struct rounds_sub *find_sub(struct run *r, int64_t id)
{
	struct rounds_sub key;

	key.id = id;
	return bsearch(&key, r->subs, r->n_subs, sizeof(*r->subs), cmp_sub);
}

static void add_comment_feed(struct run *r, const struct rounds_comment_feed *c)
{
	const struct rounds_sub *s = find_sub(r, c->feed_id);
	struct job *j;

	if (s == NULL || c->url == NULL)
		return;
	j = new_job(r);
	j->feed_id = c->feed_id;
	j->entry_id = c->entry_id;
	j->url = xstrdup(c->url);
	j->feed_url = xstrdup(s->url);
	j->trusted = fetch_url_hostport(s->url);
	j->etag = xstrdup(c->etag);
	j->last_modified = xstrdup(c->last_modified);
	j->error_count = c->error_count;
	job_host(r, j);
}

/* Queues the comment feeds now due that are not queued yet. */
static int queue_comment_feeds(struct run *r)
{
	struct rounds_comment_feed *rows = NULL;
	size_t n = 0, i, before = r->n_queued;
	int64_t now = rounds_clock_now();

	if (r->fc->comment_window <= 0)
		return 0;
	if (rounds_store_comment_feeds(r->st, now - r->fc->comment_window,
				       now, &rows, &n, r->err) < 0)
		return -1;
	r->queued = xrealloc(r->queued,
			     (r->n_queued + n + 1) * sizeof(*r->queued));
	for (i = 0; i < n; i++) {
		if (bsearch(&rows[i].entry_id, r->queued, before,
			    sizeof(*r->queued), cmp_i64) != NULL)
			continue;
		add_comment_feed(r, &rows[i]);
		r->queued[r->n_queued++] = rows[i].entry_id;
	}
	qsort(r->queued, r->n_queued, sizeof(*r->queued), cmp_i64);
	rounds_store_comment_feeds_free(rows, n);
	return 0;
}

static void job_free(struct job *j)
{
	free(j->url);
	free(j->feed_url);
	free(j->trusted);
	free(j->etag);
	free(j->last_modified);
	free(j->moved_to);
}

static void progress(struct run *r, bool end)
{
	struct timespec ts;
	int64_t ms;

	if (!r->opts->progress)
		return;
	if (end) {
		if (r->progress_drawn)
			fputs("\r\033[K", stderr);
		r->progress_drawn = false;
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (r->progress_drawn && ms - r->progress_ms < 100 &&
	    (size_t)r->done < r->n_jobs)
		return;                 /* at most ten redraws a second */
	r->progress_ms = ms;
	fprintf(stderr, "\r\033[Kfetch: %d/%zu done, %d failed", r->done,
		r->n_jobs, r->stats->failed);
	fflush(stderr);
	r->progress_drawn = true;
}

static void when_text(int64_t t, int64_t now, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	if (t - now < 20 * 3600)
		strftime(out, n, "%H:%M UTC", &tm);
	else
		strftime(out, n, "%Y-%m-%d %H:%M UTC", &tm);
}

static void report(struct run *r, const struct job *j,
		   const struct outcome *o, int64_t next, int64_t now)
{
	char when[40];
	const char *what = j->entry_id > 0 ? "comments" : "fetch";

	progress(r, true);
	when_text(next, now, when, sizeof(when));
	if (strcmp(o->result, "gone") == 0)
		rounds_log(LOG_WARN, "%s '%s': HTTP 410 gone; will not be "
			   "fetched again", what, j->url);
	else
		rounds_log(LOG_WARN, "%s '%s': %s; will retry after %s", what,
			   j->url, o->error ? o->error : "failed", when);
}

static int64_t next_fetch(struct run *r, const struct job *j,
			  const struct outcome *o,
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
static void follow_move(struct run *r, const struct job *j, const char *to)
{
	struct rounds_err merr;
	bool moved = false;

	if (j->entry_id > 0 || j->moved_to == NULL ||
	    strcmp(j->moved_to, to) != 0 || j->moved_count + 1 < 2)
		return;
	rounds_err_init(&merr);
	if (rounds_store_feed_move(r->st, j->feed_id, to, &moved, &merr) < 0) {
		progress(r, true);
		rounds_log(LOG_WARN, "fetch '%s': %s", j->url, merr.msg);
	} else if (moved) {
		rounds_log(LOG_INFO, "fetch '%s': moved permanently; now "
			   "fetching '%s'", j->url, to);
	} else {
		progress(r, true);
		rounds_log(LOG_WARN, "fetch '%s': moved permanently to '%s', "
			   "which is subscribed already", j->url, to);
	}
}

/* Parses (when ok), stores, counts and reports one finished job. */
static void finish(struct run *r, size_t ji, struct outcome *o,
		   int64_t started)
{
	struct job *j = &r->jobs[ji];
	struct rounds_fetch_result res;
	struct rounds_store_counts counts;
	struct rounds_feed *feed = NULL;
	struct rounds_err perr;
	int64_t now = rounds_clock_now();
	bool failed;

	if (strcmp(o->result, "ok") == 0) {
		struct rounds_parse_opts po = { o->base, o->charset };

		rounds_err_init(&perr);
		if (rounds_parse(o->body, o->len, &po, &feed, &perr) < 0) {
			o->result = "error";
			free(o->error);
			o->error = xstrdup(perr.msg[0] ? perr.msg :
					   "not a feed");
		}
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
		o->error = o->status > 0 ? msgf("HTTP %ld", o->status) :
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
		progress(r, true);
		rounds_log(LOG_ERROR, "fetch '%s': cannot store the result: %s",
			   j->url, perr.msg);
		r->stats->failed++;
		if (perr.code == EX_IOERR || perr.code == EX_CANTCREAT ||
		    perr.code == EX_SOFTWARE) {
			*r->err = perr;
			r->failed = true;
		}
	} else if (failed) {
		r->stats->failed++;
		report(r, j, o, res.next_fetch, now);
	} else {
		if (res.moved_to)
			follow_move(r, j, res.moved_to);
		if (strcmp(o->result, "ok") == 0)
			r->stats->fetched++;
		else
			r->stats->unchanged++;
		r->stats->new_entries += counts.new_entries;
		r->stats->updated_entries += counts.updated_entries;
		r->stats->new_comments += counts.new_comments;
	}
	rounds_feed_free(feed);
	free(o->error);
	free(o->charset);
	o->error = o->charset = NULL;
	j->started = true;
	r->done++;
	if (j->entry_id == 0)
		r->main_left--;
	progress(r, false);
}

/* Finishes a job that failed before any transfer; takes msg. */
static void fail_job(struct run *r, size_t ji, char *msg)
{
	struct outcome o;

	memset(&o, 0, sizeof(o));
	o.result = "error";
	o.error = msg;
	finish(r, ji, &o, rounds_clock_now());
}

/* A feed the config names as a local file: read it directly. */
static void read_file_job(struct run *r, size_t ji)
{
	struct job *j = &r->jobs[ji];
	struct rounds_err ferr;
	struct outcome o;
	char *path = fetch_file_path(j->url), *data = NULL;
	size_t len = 0;

	memset(&o, 0, sizeof(o));
	rounds_err_init(&ferr);
	if (path == NULL) {
		fail_job(r, ji, msgf("'%s' is not a local file URL", j->url));
		return;
	}
	if (rounds_file_read(path, r->fc->max_bytes, &data, &len, &ferr) < 0) {
		o.result = "error";
		o.error = xstrdup(ferr.msg);
	} else {
		o.result = "ok";
		o.body = data;
		o.len = len;
		o.base = j->url;
		o.bytes = (int64_t)len;
	}
	finish(r, ji, &o, rounds_clock_now());
	free(data);
	free(path);
}

static int start_xfer(struct run *r, size_t ji)
{
	struct job *j = &r->jobs[ji];
	struct rounds_err xerr;
	struct slot *s = NULL;
	CURLMcode mc;
	CURL *easy;
	int i;

	for (i = 0; i < r->n_slots; i++)
		if (!r->slots[i].busy) {
			s = &r->slots[i];
			break;
		}
	if (s == NULL)
		return rounds_err_set(r->err, EX_SOFTWARE, "no free slot");
	if ((easy = curl_easy_init()) == NULL)
		return rounds_err_set(r->err, EX_OSERR, "curl_easy_init failed");
	rounds_err_init(&xerr);
	if (fetch_xfer_init(&s->x, easy, r->fc, j->url, j->trusted, j->etag,
			    j->last_modified, &xerr) < 0 ||
	    curl_easy_setopt(easy, CURLOPT_PRIVATE, s) != CURLE_OK) {
		fetch_xfer_release(&s->x);
		fail_job(r, ji, xstrdup(xerr.msg[0] ? xerr.msg : "setup failed"));
		return 0;
	}
	if ((mc = curl_multi_add_handle(r->multi, easy)) != CURLM_OK) {
		fetch_xfer_release(&s->x);
		return rounds_err_set(r->err, EX_SOFTWARE,
				      "curl_multi_add_handle: %s",
				      curl_multi_strerror(mc));
	}
	s->busy = true;
	s->job = ji;
	s->started = rounds_clock_now();
	j->started = true;
	r->busy++;
	r->host_busy[j->host]++;
	return 0;
}

/* Starts the next job that may start (host limits), or returns false. */
static bool start_next(struct run *r)
{
	size_t i;

	while (r->head < r->n_jobs && r->jobs[r->head].started)
		r->head++;
	for (i = r->head; i < r->n_jobs; i++) {
		struct job *j = &r->jobs[i];
		const char *scheme;

		if (j->started)
			continue;
		scheme = fetch_url_scheme(j->url);
		if (j->entry_id > 0 &&
		    !fetch_comment_url_allowed(j->feed_url, j->url)) {
			j->started = true;
			fail_job(r, i, msgf("'%s' refused: comment feeds must be "
					 "http or https", j->url));
			return true;
		}
		if (scheme && strcmp(scheme, "file") == 0) {
			j->started = true;
			read_file_job(r, i);
			return true;
		}
		if (scheme == NULL || j->host < 0) {
			j->started = true;
			fail_job(r, i, msgf("'%s': not an http, https or file "
					 "URL", j->url));
			return true;
		}
		if (r->host_busy[j->host] >= r->fc->per_host)
			continue;
		if (start_xfer(r, i) < 0)
			r->failed = true;
		return true;
	}
	return false;
}

static void fill(struct run *r)
{
	while (!r->failed && r->busy < r->n_slots && start_next(r))
		;
}

static void release_slot(struct run *r, struct slot *s)
{
	CURLMcode mc = curl_multi_remove_handle(r->multi, s->x.easy);

	if (mc != CURLM_OK)
		rounds_log(LOG_DEBUG, "curl_multi_remove_handle: %s",
			   curl_multi_strerror(mc));
	r->host_busy[r->jobs[s->job].host]--;
	fetch_xfer_release(&s->x);
	s->busy = false;
	r->busy--;
}

static bool is_redirect(long code)
{
	return code == 301 || code == 302 || code == 303 || code == 307 ||
	       code == 308;
}

/* A 3xx answer: follow it by hand (true), or fill o with why not. */
static bool follow(struct run *r, struct slot *s, long code,
		   struct outcome *o)
{
	struct fetch_xfer *x = &s->x;
	struct rounds_err herr;
	const char *scheme;
	char *loc = NULL, *why = NULL;
	CURLMcode mc = CURLM_OK;

	if (curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc) !=
	    CURLE_OK || loc == NULL) {
		why = msgf("HTTP %ld without a Location", code);
		goto fail;
	}
	scheme = fetch_url_scheme(loc);
	if (scheme == NULL || strcmp(scheme, "file") == 0) {
		why = msgf("redirect to '%.200s' refused: only http and https "
			   "are followed", loc);
		goto fail;
	}
	if (x->hops >= FETCH_MAX_REDIRECTS) {
		why = msgf("more than %d redirects", FETCH_MAX_REDIRECTS);
		goto fail;
	}
	if (x->permanent && (code == 301 || code == 308)) {
		free(x->moved_to);
		x->moved_to = xstrdup(loc);
	} else {
		x->permanent = false;
	}
	x->hops++;
	loc = xstrdup(loc);             /* the handle's copy goes with the hop */
	rounds_err_init(&herr);
	if ((mc = curl_multi_remove_handle(r->multi, x->easy)) != CURLM_OK ||
	    fetch_xfer_hop(x, loc, &herr) < 0 ||
	    (mc = curl_multi_add_handle(r->multi, x->easy)) != CURLM_OK) {
		why = msgf("redirect to '%.200s': %s", loc, herr.msg[0] ?
			   herr.msg : curl_multi_strerror(mc));
		free(loc);
		goto fail;
	}
	free(loc);
	return true;
fail:
	o->result = "error";
	o->status = code;
	o->error = why;
	return false;
}

static char *transfer_error(struct fetch_xfer *x, CURLcode cc,
			    const struct fetch_conf *fc)
{
	if (x->blocked && x->hops > 0)
		return msgf("redirect to '%.200s' refused: it leads to a "
			    "private or loopback address", x->url);
	if (x->blocked)
		return msgf("'%.200s' refused: a private or loopback address",
			    x->url);
	if (x->too_big)
		return msgf("larger than %zu bytes; not stored", fc->max_bytes);
	if (cc == CURLE_PARTIAL_FILE)
		return xstrdup("body shorter than its Content-Length; "
			       "not stored");
	if (cc == CURLE_OPERATION_TIMEDOUT)
		return msgf("too slow or timed out (%s)",
			    curl_easy_strerror(cc));
	return xstrdup(curl_easy_strerror(cc));
}

static void completed(struct run *r, struct slot *s, CURLcode cc)
{
	struct fetch_xfer *x = &s->x;
	struct outcome o;
	long code = 0;

	memset(&o, 0, sizeof(o));
	r->stats->requests++;
	if (curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code) !=
	    CURLE_OK)
		code = 0;
	o.status = code;
	o.bytes = (int64_t)x->body.len;
	if (cc != CURLE_OK) {
		o.result = "error";
		o.error = transfer_error(x, cc, r->fc);
	} else if (is_redirect(code)) {
		if (follow(r, s, code, &o))
			return;
	} else if (code == 304) {
		o.result = "not_modified";
		o.etag = x->etag;
		o.last_modified = x->last_modified;
		o.moved_to = x->moved_to;
	} else if (code >= 200 && code < 300 && x->excess) {
		o.result = "error";
		o.error = xstrdup("body longer than its Content-Length; "
				  "not stored");
	} else if (code >= 200 && code < 300) {
		o.result = "ok";
		o.body = rounds_buf_str(&x->body);
		o.len = x->body.len;
		o.base = x->url;
		o.charset = fetch_content_charset(x->content_type);
		o.etag = x->etag;
		o.last_modified = x->last_modified;
		o.moved_to = x->moved_to;
	} else if (code == 410) {
		o.result = "gone";
	} else if (code == 429 || code == 503) {
		o.result = "rate_limited";
		if (!fetch_retry_after(r->fc, x->retry_after,
				       rounds_clock_now(), &o.retry_at))
			o.retry_at = 0;
	} else {
		o.result = "error";
	}
	finish(r, s->job, &o, s->started);
	release_slot(r, s);
}

static int loop(struct run *r)
{
	bool comments_added = false;
	CURLMcode mc;
	CURLMsg *msg;
	int running, left;

	fill(r);
	while (!r->failed && (r->busy > 0 || r->head < r->n_jobs ||
			      !comments_added)) {
		if (r->main_left == 0 && !comments_added) {
			comments_added = true;
			if (queue_comment_feeds(r) < 0)
				return -1;
			fill(r);
			continue;
		}
		if (r->busy == 0) {
			fill(r);
			if (r->busy == 0 && r->main_left > 0)
				return rounds_err_set(r->err, EX_SOFTWARE,
						      "fetch queue stalled");
			continue;
		}
		if ((mc = curl_multi_perform(r->multi, &running)) != CURLM_OK)
			return rounds_err_set(r->err, EX_SOFTWARE,
					      "curl_multi_perform: %s",
					      curl_multi_strerror(mc));
		while ((msg = curl_multi_info_read(r->multi, &left)) != NULL) {
			struct slot *s = NULL;

			if (msg->msg != CURLMSG_DONE)
				continue;
			if (curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
					      (char **)&s) != CURLE_OK ||
			    s == NULL)
				return rounds_err_set(r->err, EX_SOFTWARE,
						      "lost a transfer");
			completed(r, s, msg->data.result);
			if (r->failed)
				return -1;
		}
		fill(r);
		if (r->busy > 0 &&
		    (mc = curl_multi_poll(r->multi, NULL, 0, 1000, NULL)) !=
		    CURLM_OK)
			return rounds_err_set(r->err, EX_SOFTWARE,
					      "curl_multi_poll: %s",
					      curl_multi_strerror(mc));
	}
	return r->failed ? -1 : 0;
}

static int setup(struct run *r, bool all)
{
	struct rounds_sub *due = NULL;
	size_t n_due = 0, i;
	int64_t now = rounds_clock_now();
	CURLMcode mc;

	if ((r->multi = curl_multi_init()) == NULL)
		return rounds_err_set(r->err, EX_OSERR, "curl_multi_init failed");
	if ((mc = curl_multi_setopt(r->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
				    (long)r->fc->per_host)) != CURLM_OK ||
	    (mc = curl_multi_setopt(r->multi, CURLMOPT_MAXCONNECTS,
				    (long)(r->n_slots * 4 > 64 ?
					   r->n_slots * 4 : 64))) != CURLM_OK ||
	    (mc = curl_multi_setopt(r->multi, CURLMOPT_PIPELINING,
				    (long)CURLPIPE_MULTIPLEX)) != CURLM_OK)
		return rounds_err_set(r->err, EX_SOFTWARE, "curl_multi_setopt: %s",
				      curl_multi_strerror(mc));
	if (rounds_store_feeds(r->st, false, now, &r->subs, &r->n_subs,
			       r->err) < 0)
		return -1;
	qsort(r->subs, r->n_subs, sizeof(*r->subs), cmp_sub);
	if (!all && rounds_store_feeds(r->st, true, now, &due, &n_due,
				       r->err) < 0)
		return -1;
	if (all) {
		for (i = 0; i < r->n_subs; i++)
			if (r->subs[i].status == ROUNDS_FEED_ACTIVE)
				add_feed(r, &r->subs[i]);
	} else {
		for (i = 0; i < n_due; i++)
			add_feed(r, &due[i]);
	}
	rounds_store_subs_free(due, n_due);
	/* comment feeds already due go after the feeds, in the same loop */
	return queue_comment_feeds(r);
}

int rounds_fetch_run(struct rounds_store *st, const struct rounds_conf *conf,
		     const struct rounds_fetch_opts *opts,
		     struct rounds_fetch_stats *stats, struct rounds_err *err)
{
	struct fetch_conf fc;
	struct run r;
	size_t i;
	int rc = -1;

	memset(stats, 0, sizeof(*stats));
	memset(&r, 0, sizeof(r));
	fetch_conf_init(&fc, conf);
	if (opts->jobs > 0)
		fc.jobs = opts->jobs > 256 ? 256 : opts->jobs;
	r.fc = &fc;
	r.opts = opts;
	r.stats = stats;
	r.st = st;
	r.err = err;
	r.n_slots = fc.jobs;
	r.slots = xcalloc((size_t)r.n_slots, sizeof(*r.slots));
	if (setup(&r, opts->all) < 0 || loop(&r) < 0)
		goto out;
	rc = 0;
out:
	progress(&r, true);
	for (i = 0; i < (size_t)r.n_slots; i++)
		if (r.slots[i].busy)
			release_slot(&r, &r.slots[i]);
	if (r.multi)
		curl_multi_cleanup(r.multi);
	for (i = 0; i < r.n_jobs; i++)
		job_free(&r.jobs[i]);
	for (i = 0; i < r.n_hosts; i++)
		free(r.hosts[i]);
	free(r.hosts);
	free(r.host_busy);
	free(r.jobs);
	free(r.slots);
	free(r.queued);
	rounds_store_subs_free(r.subs, r.n_subs);
	fetch_conf_release(&fc);
	return rc;
}
