/* fetch_pool.c: parsing off the loop's thread, in the parser pool
 * (rounds/parse.h).  The loop hands a finished answer to the pool and goes
 * on transferring; a worker parses it and wakes the loop, which stores the
 * result: the database stays on one thread. */
#include <stdlib.h>
#include <string.h>
#include "fetch_int.h"
#include "rounds/parse.h"

struct task {
	struct rounds_parse_job job;    /* job.user is the task */
	size_t ji;
	int64_t started;
	struct fetch_outcome o;    /* its strings point at the copies below */
	char *body, *etag, *last_modified, *moved_to, *base;
	struct rounds_feed *feed;
};

struct fetch_pool {
	struct rounds_parse_pool *parsers;
};

static void task_free(struct task *t)
{
	rounds_feed_free(t->feed);
	free(t->o.error);
	free(t->o.charset);
	free(t->o.found);
	free(t->body);
	free(t->etag);
	free(t->last_modified);
	free(t->moved_to);
	free(t->base);
	free(t);
}

static void drop(struct rounds_parse_job *job)
{
	task_free(job->user);
}

/* A worker's part: parse (when ok) and let the document go. */
static int parse_task(struct rounds_parse_job *job)
{
	struct task *t = job->user;

	fetch_parse(&t->o, &t->feed);
	free(t->body);             /* the document is not needed now */
	t->body = NULL;
	t->o.body = NULL;
	t->o.len = 0;
	return 0;
}

static void wake(void *multi)
{
	(void)curl_multi_wakeup(multi);
}

struct fetch_pool *fetch_pool_new(int threads, CURLM *multi)
{
	struct fetch_pool *p;

	if (threads <= 0)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->parsers = rounds_parse_pool_new(threads, wake, multi);
	if (rounds_parse_pool_threads(p->parsers) == 0) {
		fetch_pool_free(p);     /* no threads: parse in the loop */
		return NULL;
	}
	return p;
}

void fetch_pool_free(struct fetch_pool *p)
{
	if (p == NULL)
		return;
	rounds_parse_pool_free(p->parsers, drop);
	free(p);
}

void fetch_pool_submit(struct fetch_pool *p, size_t ji, int64_t started,
		       struct fetch_outcome *o, struct rounds_buf *body)
{
	struct task *t = xcalloc(1, sizeof(*t));

	t->ji = ji;
	t->started = started;
	t->o = *o;
	t->o.len = body->len;
	t->body = rounds_buf_detach(body);
	t->etag = xstrdup(o->etag);
	t->last_modified = xstrdup(o->last_modified);
	t->moved_to = xstrdup(o->moved_to);
	t->base = xstrdup(o->base);
	t->o.body = t->body;
	t->o.etag = t->etag;
	t->o.last_modified = t->last_modified;
	t->o.moved_to = t->moved_to;
	t->o.base = t->base;
	o->error = NULL;               /* both now the task's */
	o->charset = NULL;
	t->job.work = parse_task;
	t->job.user = t;
	rounds_parse_pool_submit(p->parsers, &t->job);
}

int fetch_pool_drain(struct fetch_pool *p, struct fetch_run *r)
{
	struct rounds_parse_job *job;
	struct task *t;
	int n = 0;

	while ((job = rounds_parse_pool_take(p->parsers, false)) != NULL) {
		t = job->user;
		n++;
		if (r->failed) {           /* the run stops: drop the rest */
			task_free(t);
			continue;
		}
		fetch_store(r, t->ji, &t->o, t->feed, t->started);
		t->feed = NULL;            /* fetch_store freed it ... */
		t->o.error = NULL;         /* ... and these */
		t->o.charset = NULL;
		task_free(t);
	}
	return n;
}
