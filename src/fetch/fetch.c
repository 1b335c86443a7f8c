/* fetch.c: the fetch loop.  Every due feed, then the comment feeds of
 * recent entries, go through one libcurl multi handle; each result is
 * parsed and stored (one transaction) as soon as it completes, so only
 * the bodies of running transfers are in memory. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include "fetch_int.h"
#include "rounds/caps.h"
#include "rounds/clock.h"
#include "rounds/fetch.h"
#include "rounds/fsutil.h"
#include "rounds/log.h"
#include "rounds/parse.h"

/* What the job is, for parsing its answer. */
static void outcome_of(const struct fetch_job *j, struct fetch_outcome *o)
{
	o->kind = j->kind;
	o->article = j->article;
	o->title = j->title;
}

/* A feed the config names as a local file: read it directly.  Its size
 * and modification time stand in for an ETag, so an unchanged file costs
 * no parsing either. */
static void read_file_job(struct fetch_run *r, size_t ji)
{
	struct fetch_job *j = &r->jobs[ji];
	struct rounds_err ferr;
	struct fetch_outcome o;
	struct stat sb;
	char *path = fetch_file_path(j->url), *data = NULL, *tag = NULL;
	size_t len = 0;

	memset(&o, 0, sizeof(o));
	outcome_of(j, &o);
	rounds_err_init(&ferr);
	if (path == NULL) {
		fetch_fail_job(r, ji, fetch_msgf("'%s' is not a local file URL",
						 j->url));
		return;
	}
	if (stat(path, &sb) == 0)
		tag = fetch_msgf("\"file-%lld-%lld.%09ld\"",
				 (long long)sb.st_size,
				 (long long)sb.st_mtim.tv_sec,
				 (long)sb.st_mtim.tv_nsec);
	if (tag && j->etag && strcmp(tag, j->etag) == 0) {
		o.result = "not_modified";
	} else if (rounds_file_read(path, r->fc->max_bytes, &data, &len,
				    &ferr) < 0) {
		o.result = "error";
		o.error = xstrdup(ferr.msg);
	} else {
		o.result = "ok";
		o.body = data;
		o.len = len;
		o.base = j->url;
		o.bytes = (int64_t)len;
		o.etag = tag;
	}
	fetch_finish(r, ji, &o, rounds_clock_now());
	free(data);
	free(tag);
	free(path);
}

static int start_xfer(struct fetch_run *r, size_t ji)
{
	struct fetch_job *j = &r->jobs[ji];
	struct rounds_err xerr;
	struct fetch_slot *s = NULL;
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
		return rounds_err_set(r->err, EX_OSERR,
				      "curl_easy_init failed");
	rounds_err_init(&xerr);
	if (fetch_xfer_init(&s->x, easy, r->fc, j->url, j->trusted, j->etag,
			    j->last_modified, &xerr) < 0 ||
	    curl_easy_setopt(easy, CURLOPT_PRIVATE, s) != CURLE_OK) {
		fetch_xfer_release(&s->x);
		fetch_fail_job(r, ji, xstrdup(xerr.msg[0] ? xerr.msg :
					      "setup failed"));
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
static bool start_next(struct fetch_run *r)
{
	size_t i;

	while (r->head < r->n_jobs && r->jobs[r->head].started)
		r->head++;
	for (i = r->head; i < r->n_jobs; i++) {
		struct fetch_job *j = &r->jobs[i];
		const char *scheme;

		if (j->started)
			continue;
		if (fetch_look_held(r, i)) {
			fetch_progress(r, true);
			rounds_log(LOG_DEBUG, "comments '%s': not looked at; "
				   "the looks of '%s' are paused", j->url,
				   j->feed_url);
			fetch_progress(r, false);
			return true;
		}
		scheme = fetch_url_scheme(j->url);
		if (j->kind != FETCH_FEED &&
		    !fetch_comment_url_allowed(j->feed_url, j->url)) {
			j->started = true;
			fetch_fail_job(r, i, fetch_msgf("'%s' refused: %s must "
				"be http or https", j->url,
				j->kind == FETCH_LOOK_PAGE ? "article pages" :
				"comment feeds"));
			return true;
		}
		if (scheme && strcmp(scheme, "file") == 0) {
			j->started = true;
			read_file_job(r, i);
			return true;
		}
		if (scheme == NULL || j->host < 0) {
			j->started = true;
			fetch_fail_job(r, i, fetch_msgf("'%s': not an http, "
				"https or file URL", j->url));
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

static void fill(struct fetch_run *r)
{
	/* answers waiting for a parser hold their bodies: start no more
	 * transfers while too many wait */
	while (!r->failed && r->busy < r->n_slots &&
	       r->parsing < r->max_parsing && start_next(r))
		;
}

static void release_slot(struct fetch_run *r, struct fetch_slot *s)
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
static bool follow(struct fetch_run *r, struct fetch_slot *s, long code,
		   struct fetch_outcome *o)
{
	struct fetch_xfer *x = &s->x;
	struct rounds_err herr;
	const char *scheme;
	char *loc = NULL, *why = NULL;
	CURLMcode mc = CURLM_OK;

	if (curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc) !=
	    CURLE_OK || loc == NULL) {
		why = fetch_msgf("HTTP %ld without a Location", code);
		goto fail;
	}
	scheme = fetch_url_scheme(loc);
	if (scheme == NULL || strcmp(scheme, "file") == 0) {
		why = fetch_msgf("redirect to '%.200s' refused: only http "
				 "and https are followed", loc);
		goto fail;
	}
	if (x->hops >= FETCH_MAX_REDIRECTS) {
		why = fetch_msgf("more than %d redirects", FETCH_MAX_REDIRECTS);
		goto fail;
	}
	if (x->permanent && (code == 301 || code == 308)) {
		free(x->moved_to);
		x->moved_to = xstrdup(loc);
	} else {
		x->permanent = false;
	}
	x->hops++;
	loc = xstrdup(loc);     /* the handle's copy goes with the hop */
	rounds_err_init(&herr);
	if ((mc = curl_multi_remove_handle(r->multi, x->easy)) != CURLM_OK ||
	    fetch_xfer_hop(x, loc, &herr) < 0 ||
	    (mc = curl_multi_add_handle(r->multi, x->easy)) != CURLM_OK) {
		why = fetch_msgf("redirect to '%.200s': %s", loc, herr.msg[0] ?
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
		return fetch_msgf("redirect to '%.200s' refused: it leads to a "
			    "private or loopback address", x->url);
	if (x->blocked)
		return fetch_msgf("'%.200s' refused: a private or loopback "
				  "address", x->url);
	if (x->too_big)
		return fetch_msgf("larger than %zu bytes; not stored",
				  fc->max_bytes);
	if (cc == CURLE_PARTIAL_FILE)
		return xstrdup("body shorter than its Content-Length; "
			       "not stored");
	if (cc == CURLE_OPERATION_TIMEDOUT)
		return fetch_msgf("too slow or timed out (%s)",
			    curl_easy_strerror(cc));
	return xstrdup(curl_easy_strerror(cc));
}

static void completed(struct fetch_run *r, struct fetch_slot *s, CURLcode cc)
{
	struct fetch_xfer *x = &s->x;
	struct fetch_outcome o;
	long code = 0;

	memset(&o, 0, sizeof(o));
	outcome_of(&r->jobs[s->job], &o);
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
		if (r->pool && o.kind != FETCH_LOOK_PAGE) {
			/* parsed by a worker, stored later */
			fetch_pool_submit(r->pool, s->job, s->started, &o,
					  &x->body);
			r->parsing++;
			release_slot(r, s);
			return;
		}
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
	fetch_finish(r, s->job, &o, s->started);
	release_slot(r, s);
}

/* Once the feeds are stored: the comment feeds due now and the looks
 * for those not announced; once the looks are done: the comment feeds
 * they found.  True when something was queued (or may be). */
static int next_phase(struct fetch_run *r, int *phase)
{
	if (*phase == 0 && r->main_left == 0) {
		*phase = 1;
		if (fetch_queue_comment_feeds(r) < 0 ||
		    fetch_queue_looks(r) < 0)
			return -1;
		fill(r);
		return 1;
	}
	if (*phase == 1 && r->looks_left == 0) {
		*phase = 2;
		if (r->looks_found > 0 && fetch_queue_comment_feeds(r) < 0)
			return -1;
		fill(r);
		return 1;
	}
	return 0;
}

static int loop(struct fetch_run *r)
{
	CURLMcode mc;
	CURLMsg *msg;
	int running, left, phase = 0, rc;

	fill(r);
	while (!r->failed && (r->busy > 0 || r->parsing > 0 ||
			      r->head < r->n_jobs || phase < 2)) {
		if ((rc = next_phase(r, &phase)) < 0)
			return -1;
		if (rc > 0)
			continue;
		if (r->busy == 0 && r->parsing == 0) {
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
			struct fetch_slot *s = NULL;

			if (msg->msg != CURLMSG_DONE)
				continue;
			if (curl_easy_getinfo(msg->easy_handle,
					      CURLINFO_PRIVATE, (char **)&s) !=
			    CURLE_OK ||
			    s == NULL)
				return rounds_err_set(r->err, EX_SOFTWARE,
						      "lost a transfer");
			completed(r, s, msg->data.result);
			if (r->failed)
				return -1;
		}
		if (r->pool)
			r->parsing -= fetch_pool_drain(r->pool, r);
		if (r->failed)
			return -1;
		fill(r);
		if ((r->busy > 0 || r->parsing > 0) &&
		    (mc = curl_multi_poll(r->multi, NULL, 0, 1000, NULL)) !=
		    CURLM_OK)
			return rounds_err_set(r->err, EX_SOFTWARE,
					      "curl_multi_poll: %s",
					      curl_multi_strerror(mc));
	}
	return r->failed ? -1 : 0;
}

/* --all: every feed, unless the server said when (or that it is gone). */
static void queue_forced(struct fetch_run *r, struct rounds_sub *sub,
			 int64_t now)
{
	switch (fetch_forced_decision(sub, now)) {
	case FETCH_FORCED_ASK:
		fetch_queue_feed(r, sub);
		break;
	case FETCH_FORCED_WAIT:
		r->stats->skipped_wait++;
		break;
	case FETCH_FORCED_GONE:
		r->stats->skipped_gone++;
		break;
	default:
		break;
	}
}

static int setup(struct fetch_run *r, bool all)
{
	struct rounds_sub *due = NULL;
	size_t n_due = 0, i;
	int64_t now = rounds_clock_now();
	CURLMcode mc;

	if ((r->multi = curl_multi_init()) == NULL)
		return rounds_err_set(r->err, EX_OSERR,
				      "curl_multi_init failed");
	if ((mc = curl_multi_setopt(r->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
				    (long)r->fc->per_host)) != CURLM_OK ||
	    (mc = curl_multi_setopt(r->multi, CURLMOPT_MAXCONNECTS,
				    (long)(r->n_slots * 4 > 64 ?
					   r->n_slots * 4 : 64))) != CURLM_OK ||
	    (mc = curl_multi_setopt(r->multi, CURLMOPT_PIPELINING,
				    (long)CURLPIPE_MULTIPLEX)) != CURLM_OK)
		return rounds_err_set(r->err, EX_SOFTWARE,
				      "curl_multi_setopt: %s",
				      curl_multi_strerror(mc));
	if (rounds_store_feeds(r->st, false, now, &r->subs, &r->n_subs,
			       r->err) < 0)
		return -1;
	fetch_queue_index_subs(r);
	fetch_queue_modes(r);
	r->pool = fetch_pool_new(r->fc->parse_threads, r->multi);
	r->max_parsing = r->pool ? 2 * r->fc->parse_threads + 2 : 1;
	if (!all && rounds_store_feeds(r->st, true, now, &due, &n_due,
				       r->err) < 0)
		return -1;
	if (all) {
		for (i = 0; i < r->n_subs; i++)
			queue_forced(r, &r->subs[i], now);
	} else {
		for (i = 0; i < n_due; i++)
			fetch_queue_feed(r, &due[i]);
	}
	rounds_store_subs_free(due, n_due);
	/* comment feeds already due go after the feeds, in the same loop */
	return fetch_queue_comment_feeds(r);
}

/* Results are stored in batches (fetch_int.h); the store keeps their
 * savepoints' journals in memory meanwhile.  Only slower if that fails. */
static void batching(struct fetch_run *r, bool on)
{
	struct rounds_err berr;

	rounds_err_init(&berr);
	if (rounds_store_batching(r->st, on, &berr) < 0)
		rounds_log(LOG_DEBUG, "%s", berr.msg);
}

int rounds_fetch_run(struct rounds_store *st, const struct rounds_conf *conf,
		     const struct rounds_fetch_opts *opts,
		     struct rounds_fetch_stats *stats, struct rounds_err *err)
{
	struct fetch_conf fc;
	struct fetch_run r;
	size_t i;
	int rc = -1;

	memset(stats, 0, sizeof(*stats));
	memset(&r, 0, sizeof(r));
	fetch_conf_init(&fc, conf);
	if (opts->jobs > 0)
		fc.jobs = opts->jobs > 256 ? 256 : opts->jobs;
	r.fc = &fc;
	r.conf = conf;
	r.opts = opts;
	r.stats = stats;
	r.st = st;
	r.err = err;
	r.n_slots = fc.jobs;
	r.slots = xcalloc((size_t)r.n_slots, sizeof(*r.slots));
	batching(&r, true);
	if (setup(&r, opts->all) < 0 || loop(&r) < 0 ||
	    fetch_batch_end(&r) < 0)
		goto out;
	rc = 0;
out:
	if (r.batch) {
		/* the run stops: what it stored so far is kept */
		struct rounds_err cerr;

		rounds_err_init(&cerr);
		r.batch = false;
		if (rounds_store_commit(st, &cerr) < 0)
			rounds_log(LOG_ERROR, "%s", cerr.msg);
	}
	batching(&r, false);
	fetch_progress(&r, true);
	for (i = 0; i < (size_t)r.n_slots; i++)
		if (r.slots[i].busy)
			release_slot(&r, &r.slots[i]);
	fetch_pool_free(r.pool);       /* joins the workers first */
	if (r.multi)
		curl_multi_cleanup(r.multi);
	fetch_queue_release(&r);
	free(r.slots);
	fetch_conf_release(&fc);
	return rc;
}
