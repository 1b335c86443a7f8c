/* test_store_crash.c: a writer killed (SIGKILL) in the middle of storing
 * fetch results leaves a database that passes integrity_check and holds
 * only whole results: every stored feed document has all its entries and
 * its fetch_log row, or none of them. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "rounds/buf.h"
#include "rounds/store.h"
#include "../tap.h"
#include "sqlq.h"

#define PER_DOC 40
#define ROUNDS_BEFORE_KILL 7

static char dir[256], db_path[300];

static struct rounds_feed *doc(int n)
{
	struct rounds_feed *f = rounds_feed_new();
	struct rounds_entry *e;
	char b[64];
	int i;

	for (i = 0; i < PER_DOC; i++) {
		e = rounds_feed_add_entry(f);
		snprintf(b, sizeof(b), "urn:doc%d:%d", n, i);
		e->id = xstrdup(b);
		snprintf(b, sizeof(b), "https://w.example/%d/%d", n, i);
		e->link = xstrdup(b);
		e->title = xstrdup("An entry written in a loop");
		e->content = xmalloc(4001);
		memset(e->content, 'a' + i % 26, 4000);
		e->content[4000] = '\0';
	}
	return f;
}

/* Stores document after document, telling the parent after each commit,
 * until killed. */
static void writer(int fd, int64_t feed_id)
{
	struct rounds_store_counts c;
	struct rounds_fetch_result r;
	struct rounds_err err;
	struct rounds_store *st;
	struct rounds_feed *f;
	int n;

	rounds_err_init(&err);
	st = rounds_store_open(db_path, &err);
	if (st == NULL)
		_exit(2);
	for (n = 0; ; n++) {
		f = doc(n);
		memset(&r, 0, sizeof(r));
		r.feed_id = feed_id;
		r.url = "https://w.example/feed";
		r.started = 1000 + n;
		r.result = "ok";
		r.http_status = 200;
		r.feed = f;
		if (rounds_store_fetch_result(st, &r, &c, &err) < 0)
			_exit(3);
		rounds_feed_free(f);
		if (write(fd, "x", 1) != 1)
			_exit(4);
	}
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	struct rounds_store *st;
	struct rounds_err err;
	sqlite3_stmt *s;
	sqlite3 *db;
	int64_t feed_id = 0;
	long long entries = -1, logs = -1;
	int p[2], status, i, got = 0;
	char ch, cmd[600];
	pid_t pid;

	snprintf(dir, sizeof(dir), "%s/rounds-crash.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(db_path, sizeof(db_path), "%s/c.db", dir);
	rounds_err_init(&err);
	st = rounds_store_open(db_path, &err);
	if (st == NULL || rounds_store_feed_add(st, "https://w.example/feed",
						NULL, NULL, 0, NULL,
						&feed_id, &err) != 0) {
		printf("# %s\n", err.msg);
		return 1;
	}
	rounds_store_close(st);

	if (pipe(p) < 0)
		return 1;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		close(p[0]);
		writer(p[1], feed_id);
	}
	close(p[1]);
	/* Kill it a few commits in: it is then somewhere inside the next
	 * transaction (or between two). */
	for (i = 0; i < ROUNDS_BEFORE_KILL && read(p[0], &ch, 1) == 1; i++)
		got++;
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	close(p[0]);
	is_int(got, ROUNDS_BEFORE_KILL, "the writer committed %d results",
	       ROUNDS_BEFORE_KILL);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	   "the writer was killed, not finished");

	rounds_err_init(&err);
	st = rounds_store_open(db_path, &err);
	ok(st != NULL, "the database opens after the kill");
	if (st == NULL)
		return done_testing();
	db = q_open(st);
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check",
			       -1, &s, NULL) == SQLITE_OK) {
		ok(sqlite3_step(s) == SQLITE_ROW &&
		   strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0,
		   "integrity_check is ok");
		sqlite3_finalize(s);
	}
	if (sqlite3_prepare_v2(db, "SELECT (SELECT count(*)"
			       " FROM entries), (SELECT count(*) FROM fetch_log)",
			       -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW) {
			entries = sqlite3_column_int64(s, 0);
			logs = sqlite3_column_int64(s, 1);
		}
		sqlite3_finalize(s);
	}
	ok(logs >= ROUNDS_BEFORE_KILL, "every acknowledged result is there "
	   "(%lld)", logs);
	is_int(entries, logs * PER_DOC,
	       "each stored result has all its entries, none half-written");
	sqlite3_close(db);
	rounds_store_close(st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove the scratch directory");
	return done_testing();
}
