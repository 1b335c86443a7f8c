/* parse_pool.c: the parser threads of `rounds parse` and `rounds fetch`.
 * One lock guards the two lists (queued, done) and the count of jobs a
 * worker holds; `more` wakes workers, `finished` wakes a waiting taker. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/parse.h"

struct list {
	struct rounds_parse_job *head, *tail;
};

struct rounds_parse_pool {
	pthread_mutex_t lock;
	pthread_cond_t more, finished;
	struct list todo, done;
	int running;            /* jobs a worker holds */
	bool stop;
	void (*wake)(void *arg);
	void *arg;
	pthread_t threads[ROUNDS_PARSE_MAX_THREADS];
	int n_threads;
};

static void push(struct list *l, struct rounds_parse_job *j)
{
	j->next = NULL;
	if (l->tail)
		l->tail->next = j;
	else
		l->head = j;
	l->tail = j;
}

static struct rounds_parse_job *pop(struct list *l)
{
	struct rounds_parse_job *j = l->head;

	if (j) {
		l->head = j->next;
		if (l->head == NULL)
			l->tail = NULL;
		j->next = NULL;
	}
	return j;
}

static void run(struct rounds_parse_job *j)
{
	j->feed = NULL;
	rounds_err_init(&j->err);
	if (j->work)
		j->rc = j->work(j);
	else
		j->rc = rounds_parse(j->bytes, j->len, &j->opts, &j->feed,
				     &j->err);
}

static void *worker(void *arg)
{
	struct rounds_parse_pool *p = arg;
	struct rounds_parse_job *j;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->todo.head == NULL && !p->stop)
			pthread_cond_wait(&p->more, &p->lock);
		if (p->stop)
			break;
		j = pop(&p->todo);
		p->running++;
		pthread_mutex_unlock(&p->lock);
		run(j);
		pthread_mutex_lock(&p->lock);
		p->running--;
		push(&p->done, j);
		pthread_cond_broadcast(&p->finished);
		if (p->wake) {
			pthread_mutex_unlock(&p->lock);
			p->wake(p->arg);
			pthread_mutex_lock(&p->lock);
		}
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* The parser builds some tables on first use (libxml2's, the character
 * classes): build them before any worker runs. */
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

struct rounds_parse_pool *rounds_parse_pool_new(int threads,
						void (*wake)(void *arg),
						void *arg)
{
	struct rounds_parse_pool *p = xcalloc(1, sizeof(*p));
	int i;

	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->more, NULL);
	pthread_cond_init(&p->finished, NULL);
	p->wake = wake;
	p->arg = arg;
	if (threads > ROUNDS_PARSE_MAX_THREADS)
		threads = ROUNDS_PARSE_MAX_THREADS;
	if (threads > 0)
		warm_up();
	for (i = 0; i < threads; i++) {
		if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
			break;
		p->n_threads++;
	}
	return p;
}

int rounds_parse_pool_threads(const struct rounds_parse_pool *p)
{
	return p->n_threads;
}

void rounds_parse_pool_submit(struct rounds_parse_pool *p,
			      struct rounds_parse_job *job)
{
	job->feed = NULL;               /* what drop sees if it never runs */
	job->rc = 0;
	if (p->n_threads == 0) {        /* in the caller's thread */
		run(job);
		push(&p->done, job);
		return;
	}
	pthread_mutex_lock(&p->lock);
	push(&p->todo, job);
	pthread_cond_signal(&p->more);
	pthread_mutex_unlock(&p->lock);
}

struct rounds_parse_job *rounds_parse_pool_take(struct rounds_parse_pool *p,
						bool wait)
{
	struct rounds_parse_job *j;

	if (p->n_threads == 0)
		return pop(&p->done);
	pthread_mutex_lock(&p->lock);
	while (wait && p->done.head == NULL &&
	       (p->todo.head != NULL || p->running > 0))
		pthread_cond_wait(&p->finished, &p->lock);
	j = pop(&p->done);
	pthread_mutex_unlock(&p->lock);
	return j;
}

void rounds_parse_pool_free(struct rounds_parse_pool *p,
			    void (*drop)(struct rounds_parse_job *job))
{
	struct rounds_parse_job *j;
	int i;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->more);
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < p->n_threads; i++)
		pthread_join(p->threads[i], NULL);
	while ((j = pop(&p->todo)) != NULL || (j = pop(&p->done)) != NULL)
		if (drop)
			drop(j);
	pthread_cond_destroy(&p->finished);
	pthread_cond_destroy(&p->more);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
