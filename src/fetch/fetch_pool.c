/* fetch_pool.c: parsing off the loop's thread.  The loop hands a finished
 * answer to the pool and goes on transferring; a worker parses it (the
 * parser does no I/O and keeps no shared state) and wakes the loop, which
 * stores the result: the database stays on one thread. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "fetch_int.h"
#include "rounds/parse.h"

struct task {
	struct task *next;
	size_t ji;
	int64_t started;
	struct fetch_outcome o;    /* its strings point at the copies below */
	char *body, *etag, *last_modified, *moved_to, *base;
	struct rounds_feed *feed;
};

struct fetch_pool {
	pthread_mutex_t lock;
	pthread_cond_t more;
	struct task *todo, *todo_tail;
	struct task *done;
	bool stop;
	CURLM *multi;
	pthread_t *threads;
	int n_threads;
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

static void *worker(void *arg)
{
	struct fetch_pool *p = arg;
	struct task *t;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (p->todo == NULL && !p->stop)
			pthread_cond_wait(&p->more, &p->lock);
		if (p->todo == NULL) {
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
		t = p->todo;
		p->todo = t->next;
		if (p->todo == NULL)
			p->todo_tail = NULL;
		pthread_mutex_unlock(&p->lock);

		fetch_parse(&t->o, &t->feed);
		free(t->body);             /* the document is not needed now */
		t->body = NULL;
		t->o.body = NULL;
		t->o.len = 0;

		pthread_mutex_lock(&p->lock);
		t->next = p->done;
		p->done = t;
		pthread_mutex_unlock(&p->lock);
		(void)curl_multi_wakeup(p->multi);
	}
}

/* The parser builds some tables on first use: build them before any
 * worker runs. */
static void warm_up(void)
{
	static const char doc[] =
		"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
		"<title>t</title><item><title>i</title><guid>g</guid>"
		"<description>&lt;p&gt;x&amp;amp;y&lt;/p&gt;</description>"
		"</item></channel></rss>";
	struct rounds_parse_opts po = { "http://localhost/", "utf-8" };
	struct rounds_feed *feed = NULL;
	struct rounds_err err;

	rounds_err_init(&err);
	if (rounds_parse(doc, sizeof(doc) - 1, &po, &feed, &err) == 0)
		rounds_feed_free(feed);
}

struct fetch_pool *fetch_pool_new(int threads, CURLM *multi)
{
	struct fetch_pool *p;
	int i;

	if (threads <= 0)
		return NULL;
	warm_up();
	p = xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->more, NULL);
	p->multi = multi;
	p->threads = xcalloc((size_t)threads, sizeof(*p->threads));
	for (i = 0; i < threads; i++) {
		if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
			break;
		p->n_threads++;
	}
	if (p->n_threads == 0) {       /* no threads: parse in the loop */
		fetch_pool_free(p);
		return NULL;
	}
	return p;
}

void fetch_pool_free(struct fetch_pool *p)
{
	struct task *t;
	int i;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->more);
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < p->n_threads; i++)
		pthread_join(p->threads[i], NULL);
	while ((t = p->todo) != NULL) {
		p->todo = t->next;
		task_free(t);
	}
	while ((t = p->done) != NULL) {
		p->done = t->next;
		task_free(t);
	}
	pthread_cond_destroy(&p->more);
	pthread_mutex_destroy(&p->lock);
	free(p->threads);
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

	pthread_mutex_lock(&p->lock);
	if (p->todo_tail)
		p->todo_tail->next = t;
	else
		p->todo = t;
	p->todo_tail = t;
	pthread_cond_signal(&p->more);
	pthread_mutex_unlock(&p->lock);
}

int fetch_pool_drain(struct fetch_pool *p, struct fetch_run *r)
{
	struct task *list, *t;
	int n = 0;

	pthread_mutex_lock(&p->lock);
	list = p->done;
	p->done = NULL;
	pthread_mutex_unlock(&p->lock);
	while ((t = list) != NULL) {
		list = t->next;
		if (r->failed) {           /* the run stops: drop the rest */
			task_free(t);
			n++;
			continue;
		}
		fetch_store(r, t->ji, &t->o, t->feed, t->started);
		t->feed = NULL;            /* fetch_store freed it ... */
		t->o.error = NULL;         /* ... and these */
		t->o.charset = NULL;
		task_free(t);
		n++;
	}
	return n;
}
