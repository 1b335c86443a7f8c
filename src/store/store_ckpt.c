/* store_ckpt.c: WAL checkpoints on a thread of their own.  SQLite's
 * automatic checkpoint runs inside the COMMIT that takes the WAL past
 * 1,000 pages: the writer copies the WAL into the database file and waits
 * for two fsyncs before it goes on.  Here the commit only wakes a thread
 * that runs the same (passive) checkpoint on a connection of its own, so
 * a long run of writes (a fetch) is not held up by them.  What reaches
 * the disk, and when it is synced, is what SQLite does anyway; the
 * connection's close still checkpoints what is left (store.c). */
#include <pthread.h>
#include <stdlib.h>
#include "store_int.h"

/* Half SQLite's default wal_autocheckpoint: what is left when the
 * connection closes, the closing writer copies while the run waits. */
#define CKPT_PAGES 500

struct store_ckpt {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool want, stop;
	int done;                   /* WAL frames in the database already */
	sqlite3 *db;                /* the thread's own connection */
};

static void *run(void *arg)
{
	struct store_ckpt *c = arg;
	int frames, done;

	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (!c->want && !c->stop)
			pthread_cond_wait(&c->cond, &c->lock);
		if (c->stop)
			break;
		c->want = false;
		pthread_mutex_unlock(&c->lock);
		/* busy (a reader or the closing writer): the next commit
		 * asks again */
		if (sqlite3_wal_checkpoint_v2(c->db, "main",
					      SQLITE_CHECKPOINT_PASSIVE,
					      &frames, &done) != SQLITE_OK)
			done = 0;
		pthread_mutex_lock(&c->lock);
		c->done = done;
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

static struct store_ckpt *start(const char *path)
{
	struct store_ckpt *c = xcalloc(1, sizeof(*c));

	if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK ||
	    sqlite3_exec(c->db, "PRAGMA synchronous = NORMAL", NULL, NULL,
			 NULL) != SQLITE_OK)
		goto fail;
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->cond, NULL);
	if (pthread_create(&c->thread, NULL, run, c) != 0) {
		pthread_cond_destroy(&c->cond);
		pthread_mutex_destroy(&c->lock);
		goto fail;
	}
	return c;
fail:
	sqlite3_close(c->db);
	free(c);
	return NULL;
}

/* After each commit: CKPT_PAGES frames in the WAL that the database does
 * not hold yet wake the thread (started the first time); without one,
 * checkpoint here as SQLite would.  (A WAL that grows while the thread
 * copies is not restarted; counting only new frames keeps the thread
 * from syncing for every commit then.) */
static int on_commit(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct rounds_store *st = arg;
	struct store_ckpt *c = st->ckpt;
	int done = 0;

	if (c) {
		pthread_mutex_lock(&c->lock);
		done = c->done;
		pthread_mutex_unlock(&c->lock);
	}
	if (pages < done) {             /* the WAL started over */
		done = 0;
		if (c) {
			pthread_mutex_lock(&c->lock);
			c->done = 0;
			pthread_mutex_unlock(&c->lock);
		}
	}
	if (pages - done < CKPT_PAGES)
		return SQLITE_OK;
	if (st->ckpt == NULL && !st->ckpt_failed &&
	    (st->ckpt = start(st->path)) == NULL)
		st->ckpt_failed = true;
	if ((c = st->ckpt) == NULL) {
		(void)sqlite3_wal_checkpoint_v2(db, name,
						SQLITE_CHECKPOINT_PASSIVE,
						NULL, NULL);
		return SQLITE_OK;
	}
	pthread_mutex_lock(&c->lock);
	c->want = true;
	pthread_cond_signal(&c->cond);
	pthread_mutex_unlock(&c->lock);
	return SQLITE_OK;
}

void store_ckpt_init(struct rounds_store *st)
{
	/* replaces SQLite's own wal_autocheckpoint hook */
	sqlite3_wal_hook(st->db, on_commit, st);
}

void store_ckpt_stop(struct rounds_store *st)
{
	struct store_ckpt *c = st->ckpt;

	if (c == NULL)
		return;
	pthread_mutex_lock(&c->lock);
	c->stop = true;
	pthread_cond_signal(&c->cond);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->thread, NULL);
	pthread_cond_destroy(&c->cond);
	pthread_mutex_destroy(&c->lock);
	sqlite3_close(c->db);
	free(c);
	st->ckpt = NULL;
}
