/* site_prefetch.c: the digest models of the weeks publish will build,
 * built one step ahead on a second thread while the publishing thread
 * numbers, renders and writes the week before.
 *
 * Reading a week's digest out of the store is about half of what
 * publishing an issue costs, and it only reads: the second thread reads
 * through its own read-only connection (rounds_store_open_reader), whose
 * snapshot is the database as it was before publish began (publish holds
 * the database's lock: no other run of rounds commits meanwhile).  That
 * is what the publishing thread reads too, but for what it writes itself
 * in its transaction: the issues it numbers and its pages.  The only one
 * of these a digest reads is the number an issue not yet numbered would
 * get, and site_issue_model() asks the publishing connection for that
 * again, so a model is the same whichever thread built it.  The model
 * comes without its last pass (rounds_digest_build_raw), and the thread
 * runs that (rounds_digest_safe) too when the publishing thread is not
 * yet waiting for the model and did not wait for the one before: then
 * this thread has time to spare, else the publishing thread runs it.
 * That keeps both threads busy whichever of them has more to do.
 *
 * The thread builds the week the publishing thread takes next (and AHEAD
 * more), so memory stays bounded by a few issues.  A model publish is
 * done with goes back to the thread to be freed (site_prefetch_give):
 * most of its memory returns to the malloc arena it came from, where
 * freeing it from the publishing thread makes the two threads contend
 * for that arena's lock.  The weeks are taken in the order given; a week
 * asked for out of that order is not served (the caller builds it
 * itself). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/digest.h"
#include "rounds/log.h"
#include "site_int.h"

#define AHEAD 0         /* weeks built beyond the one taken next */

struct slot {
	char week[9];
	json_t *model;          /* built, not yet taken */
	struct rounds_err err;  /* why it could not be built */
	bool done;
	bool safe;              /* the model had its last pass */
	bool wanted;            /* the publishing thread waits for it */
	bool waited;            /* ... and had to (it was not built yet) */
	bool passed;            /* a later week was asked for first */
};

struct site_prefetch {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct rounds_store *st;        /* the reader's own connection */
	const struct rounds_conf *conf;
	struct slot *slots;
	size_t n;
	size_t next;                    /* the first slot not taken */
	json_t **trash;                 /* models given back, to free */
	size_t n_trash, cap_trash;
	bool stop;
};

/* Frees what was given back (called with the lock held; frees without
 * it). */
static void empty_trash(struct site_prefetch *p)
{
	while (p->n_trash > 0) {
		json_t *m = p->trash[--p->n_trash];

		pthread_mutex_unlock(&p->lock);
		json_decref(m);
		pthread_mutex_lock(&p->lock);
	}
}

static void *run(void *arg)
{
	struct site_prefetch *p = arg;
	size_t i;

	for (i = 0; i < p->n; i++) {
		struct slot *sl = &p->slots[i];
		struct rounds_err err;
		json_t *m;

		pthread_mutex_lock(&p->lock);
		empty_trash(p);
		while (!p->stop && i > p->next + AHEAD) {
			pthread_cond_wait(&p->cond, &p->lock);
			empty_trash(p);
		}
		if (p->stop || sl->passed) {
			bool stop = p->stop;

			pthread_mutex_unlock(&p->lock);
			if (stop)
				break;
			continue;       /* passed over: not wanted */
		}
		pthread_mutex_unlock(&p->lock);
		rounds_err_init(&err);
		m = site_digest(p->st, p->conf, sl->week, &err);
		pthread_mutex_lock(&p->lock);
		if (m != NULL && !sl->wanted && !p->stop &&
		    !(i > 0 && p->slots[i - 1].waited)) {
			pthread_mutex_unlock(&p->lock);
			rounds_digest_safe(m);
			pthread_mutex_lock(&p->lock);
			sl->safe = true;
		}
		sl->model = m;
		sl->err = err;
		sl->done = true;
		pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
	}
	pthread_mutex_lock(&p->lock);
	while (!p->stop) {
		empty_trash(p);
		if (!p->stop)
			pthread_cond_wait(&p->cond, &p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

struct site_prefetch *site_prefetch_start(struct site *s,
					  const char (*weeks)[9], size_t n)
{
	struct site_prefetch *p;
	struct rounds_err err;
	size_t i;

	if (n < 2)
		return NULL;            /* nothing would run side by side */
	rounds_err_init(&err);
	p = xcalloc(1, sizeof(*p));
	p->st = rounds_store_open_reader(rounds_store_path(s->st), &err);
	if (p->st == NULL) {
		rounds_log(LOG_DEBUG, "publish: building issues one at a "
			   "time: %s", err.msg);
		free(p);
		return NULL;
	}
	p->conf = s->conf;
	p->n = n;
	p->slots = xcalloc(n, sizeof(*p->slots));
	for (i = 0; i < n; i++)
		memcpy(p->slots[i].week, weeks[i], sizeof(weeks[i]));
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	if (pthread_create(&p->thread, NULL, run, p) != 0) {
		rounds_log(LOG_DEBUG, "publish: building issues one at a "
			   "time: no thread");
		pthread_mutex_destroy(&p->lock);
		pthread_cond_destroy(&p->cond);
		rounds_store_close(p->st);
		free(p->slots);
		free(p);
		return NULL;
	}
	rounds_log(LOG_DEBUG, "publish: %zu issues' digests built ahead on "
		   "a second thread", n);
	return p;
}

int site_prefetch_take(struct site_prefetch *p, const char *week,
		       json_t **model, bool *safe, struct rounds_err *err)
{
	struct slot *sl = NULL;
	size_t i;
	int rc = 0;

	*model = NULL;
	*safe = false;
	if (p == NULL)
		return 0;
	pthread_mutex_lock(&p->lock);
	for (i = p->next; i < p->n && sl == NULL; i++)
		if (strcmp(p->slots[i].week, week) == 0)
			sl = &p->slots[i];
	if (sl != NULL) {
		for (i = p->next; &p->slots[i] != sl; i++)
			p->slots[i].passed = true;
		p->next = (size_t)(sl - p->slots) + 1;
		pthread_cond_broadcast(&p->cond);
		sl->wanted = true;
		sl->waited = !sl->done;
		while (!sl->done)
			pthread_cond_wait(&p->cond, &p->lock);
		*model = sl->model;
		*safe = sl->safe;
		sl->model = NULL;
		if (*model == NULL) {
			if (err)
				*err = sl->err;
			rc = -1;
		}
	}
	pthread_mutex_unlock(&p->lock);
	return rc;
}

void site_prefetch_give(struct site_prefetch *p, json_t *model)
{
	if (model == NULL)
		return;
	if (p == NULL) {
		json_decref(model);
		return;
	}
	pthread_mutex_lock(&p->lock);
	if (p->n_trash == p->cap_trash) {
		p->cap_trash = p->cap_trash ? 2 * p->cap_trash : 8;
		p->trash = xrealloc(p->trash, p->cap_trash *
				    sizeof(*p->trash));
	}
	p->trash[p->n_trash++] = model;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

void site_prefetch_stop(struct site_prefetch *p)
{
	size_t i;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	for (i = 0; i < p->n; i++)
		json_decref(p->slots[i].model);
	for (i = 0; i < p->n_trash; i++)
		json_decref(p->trash[i]);
	free(p->trash);
	rounds_store_close(p->st);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	free(p->slots);
	free(p);
}
