/* fetch_queue.c: the run's queue: due feeds first, then the comment feeds
 * of recent entries (queued again once the feeds are stored, so the
 * comments of entries new in this run come in the same run), each job
 * with its host for the per-host limit. */
#include <stdlib.h>
#include <string.h>
#include "fetch_int.h"
#include "rounds/clock.h"

static int intern_host(struct fetch_run *r, const char *hp)
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

static struct fetch_job *new_job(struct fetch_run *r)
{
	struct fetch_job *j;

	if (r->n_jobs == r->alloc_jobs) {
		r->alloc_jobs = r->alloc_jobs ? r->alloc_jobs * 2 : 64;
		r->jobs = xrealloc(r->jobs, r->alloc_jobs * sizeof(*r->jobs));
	}
	j = &r->jobs[r->n_jobs++];
	memset(j, 0, sizeof(*j));
	j->host = -1;
	return j;
}

static void job_host(struct fetch_run *r, struct fetch_job *j)
{
	char *hp = fetch_url_hostport(j->url);

	if (hp)
		j->host = intern_host(r, hp);
	free(hp);
}

void fetch_queue_feed(struct fetch_run *r, const struct rounds_sub *s)
{
	struct fetch_job *j = new_job(r);

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

static const struct rounds_sub *find_sub(struct fetch_run *r, int64_t id)
{
	struct rounds_sub key;

	key.id = id;
	return bsearch(&key, r->subs, r->n_subs, sizeof(*r->subs), cmp_sub);
}

const char *rounds_fetch_comments_mode(const struct rounds_conf *conf,
				       const char *url)
{
	return rounds_conf_feed_get(conf, url, "comments", "auto");
}

const char *fetch_comments_mode(const struct fetch_run *r,
				const char *feed_url)
{
	return rounds_fetch_comments_mode(r->conf, feed_url);
}

/* A job for a document an entry of the feed at feed_url leads to: its
 * address rules are the feed's (private only on the feed's host:port,
 * file:// only beside a file feed). */
struct fetch_job *fetch_queue_job(struct fetch_run *r, const char *url,
				  const char *feed_url)
{
	struct fetch_job *j = new_job(r);

	j->url = xstrdup(url);
	j->feed_url = xstrdup(feed_url);
	j->trusted = fetch_url_hostport(feed_url);
	job_host(r, j);
	return j;
}

static void add_comment_feed(struct fetch_run *r,
			     const struct rounds_comment_feed *c)
{
	const struct rounds_sub *s = find_sub(r, c->feed_id);
	struct fetch_job *j;

	if (s == NULL || c->url == NULL ||
	    strcmp(fetch_comments_mode(r, s->url), "off") == 0)
		return;
	j = fetch_queue_job(r, c->url, s->url);
	j->kind = FETCH_COMMENTS;
	j->feed_id = c->feed_id;
	j->entry_id = c->entry_id;
	j->etag = xstrdup(c->etag);
	j->last_modified = xstrdup(c->last_modified);
	j->error_count = c->error_count;
}

/* Queues the comment feeds now due that are not queued yet. */
int fetch_queue_comment_feeds(struct fetch_run *r)
{
	struct rounds_comment_feed *rows = NULL;
	size_t n = 0, i, before = r->n_queued;
	int64_t now = rounds_clock_now();

	if (r->fc->comment_window <= 0 || !r->comment_feeds)
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

void fetch_queue_index_subs(struct fetch_run *r)
{
	qsort(r->subs, r->n_subs, sizeof(*r->subs), cmp_sub);
}

void fetch_queue_modes(struct fetch_run *r)
{
	const char *mode;
	size_t i;

	r->comment_feeds = r->looks = false;
	for (i = 0; i < r->n_subs && !r->looks; i++) {
		mode = fetch_comments_mode(r, r->subs[i].url);
		if (strcmp(mode, "off") != 0)
			r->comment_feeds = true;
		if (strcmp(mode, "auto") == 0)
			r->looks = true;
	}
}

static void job_free(struct fetch_job *j)
{
	free(j->url);
	free(j->feed_url);
	free(j->trusted);
	free(j->etag);
	free(j->last_modified);
	free(j->moved_to);
	free(j->article);
	free(j->title);
}

void fetch_queue_release(struct fetch_run *r)
{
	size_t i;

	for (i = 0; i < r->n_jobs; i++)
		job_free(&r->jobs[i]);
	for (i = 0; i < r->n_hosts; i++)
		free(r->hosts[i]);
	free(r->hosts);
	free(r->host_busy);
	free(r->jobs);
	free(r->queued);
	rounds_store_subs_free(r->subs, r->n_subs);
	r->jobs = NULL;
	r->hosts = NULL;
	r->host_busy = NULL;
	r->queued = NULL;
	r->subs = NULL;
	r->n_jobs = r->n_hosts = r->n_queued = r->n_subs = 0;
}
