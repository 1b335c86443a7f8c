/* test_store_looks.c: the store's side of looking for comment feeds that
 * entries do not announce: which entries are due for a look, a feed's
 * pause in looks (none listed while it lasts, then only one), what a
 * look records (its answers naming none, the feed's state in the same
 * transaction), how a feed's looks stand, and the health finding. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/store.h"
#include "../tap.h"
#include "sqlq.h"

#define NOW 1795509000        /* 2026-11-24T08:30:00Z */
#define DAY 86400
#define WINDOW (14 * DAY)

static char dir[256], db_path[300];

static void cleanup(void)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal",
					   ".lock" };
	char p[320];
	size_t i;

	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", db_path, sfx[i]);
		unlink(p);
	}
}

static int64_t add_feed(struct rounds_store *st, const char *url)
{
	struct rounds_err err;
	int64_t id = 0;

	rounds_err_init(&err);
	if (rounds_store_feed_add(st, url, NULL, NULL, 0, NULL, &id, &err))
		printf("# add: %s\n", err.msg);
	return id;
}

/* Stores n articles of feed_id, none announcing a comment feed, the k-th
 * published k days before NOW (k = first .. first + n - 1). */
static void articles(struct rounds_store *st, int64_t feed_id,
		     const char *site, int first, int n)
{
	struct rounds_fetch_result r;
	struct rounds_store_counts c;
	struct rounds_feed *f = rounds_feed_new();
	struct rounds_err err;
	struct rounds_buf b;
	int k;

	for (k = first; k < first + n; k++) {
		struct rounds_entry *e = rounds_feed_add_entry(f);

		rounds_buf_init(&b, 0);
		if (rounds_buf_printf(&b, "%s/post/%d/", site, k) < 0)
			return;
		e->link = rounds_buf_detach(&b);
		e->id = xstrdup(e->link);
		e->title = xstrdup("An article");
		e->content = xstrdup("<p>text</p>");
		e->has_published = true;
		e->published = NOW - (int64_t)k * DAY;
	}
	memset(&r, 0, sizeof(r));
	r.feed_id = feed_id;
	r.url = "https://blog.example/feed";
	r.started = NOW;
	r.http_status = 200;
	r.result = "ok";
	r.next_fetch = NOW + 3600;
	r.feed = f;
	rounds_err_init(&err);
	if (rounds_store_fetch_result(st, &r, &c, &err) < 0)
		printf("# fetch_result: %s\n", err.msg);
	rounds_feed_free(f);
}

/* The entries due for a look now, as a list of their links' numbers
 * ("3 4" for .../post/3/ and .../post/4/) of feed_id. */
static char *due(struct rounds_store *st, int64_t feed_id, int64_t now)
{
	struct rounds_discover *rows = NULL;
	struct rounds_err err;
	struct rounds_buf b;
	size_t n = 0, i;
	const char *p;

	rounds_err_init(&err);
	rounds_buf_init(&b, 0);
	if (rounds_store_discover_due(st, now - WINDOW, now, &rows, &n,
				      &err) < 0) {
		printf("# due: %s\n", err.msg);
		return rounds_buf_detach(&b);
	}
	for (i = 0; i < n; i++) {
		if (rows[i].feed_id != feed_id || rows[i].link == NULL)
			continue;
		p = strstr(rows[i].link, "/post/");
		if (rounds_buf_printf(&b, "%s%d", b.len ? " " : "",
				      p ? atoi(p + 6) : -1) < 0)
			break;
	}
	rounds_store_discover_free(rows, n);
	return rounds_buf_detach(&b);
}

static void check_due(struct rounds_store *st, int64_t feed_id, int64_t now,
		      const char *want, const char *what)
{
	char *got = due(st, feed_id, now);

	is_str(got, want, "%s", what);
	free(got);
}

/* Records a look at the article numbered k of feed_id. */
static int look(struct rounds_store *st, int64_t feed_id, const char *site,
		int k, const char *result, int64_t now,
		const struct rounds_look_state *looks)
{
	struct rounds_discover_result res;
	struct rounds_err err;
	char url[200], sql[300];
	int rc;

	snprintf(url, sizeof(url), "%s/post/%d/", site, k);
	snprintf(sql, sizeof(sql), "SELECT id FROM entries WHERE link = '%s'",
		 url);
	memset(&res, 0, sizeof(res));
	res.feed_id = feed_id;
	res.entry_id = q_int(st, sql);
	res.url = url;
	res.how = "page";
	res.result = result;
	res.found = strcmp(result, "found") == 0 ?
		    "https://blog.example/c.xml" : NULL;
	res.started = now;
	res.next_look = now + DAY;
	res.http_status = strcmp(result, "error") == 0 ? 500 : 200;
	res.looks = looks;
	rounds_err_init(&err);
	rc = rounds_store_discover_result(st, &res, &err);
	if (rc < 0)
		printf("# look: %s\n", err.msg);
	return rc;
}

static void test_due_and_pause(void)
{
	struct rounds_store *st;
	struct rounds_look_state paused = { 5, 1, NOW + 7 * DAY };
	struct rounds_look_state over = { 5, 1, NOW };
	struct rounds_sub *subs = NULL;
	struct rounds_err err;
	size_t n = 0;
	int64_t a, b;

	cleanup();
	rounds_err_init(&err);
	st = rounds_store_open(db_path, &err);
	ok(st != NULL, "a new database");
	if (st == NULL)
		return;
	a = add_feed(st, "https://quiet.example/feed");
	b = add_feed(st, "https://other.example/feed");
	articles(st, a, "https://quiet.example", 1, 4);
	articles(st, a, "https://quiet.example", 20, 1);
	articles(st, b, "https://other.example", 1, 2);
	check_due(st, a, NOW, "1 2 3 4",
		  "every article inside the window is due for a look");

	is_int(look(st, a, "https://quiet.example", 1, "none", NOW, NULL), 0,
	       "a look that found none is recorded");
	is_int(look(st, a, "https://quiet.example", 1, "none", NOW + DAY,
		    NULL), 0, "... twice");
	is_int(look(st, a, "https://quiet.example", 2, "error", NOW, NULL), 0,
	       "a look that failed is recorded");
	is_int(q_int(st, "SELECT nones FROM discoveries d JOIN entries e ON"
		     " e.id = d.entry_id WHERE e.link LIKE '%/1/'"), 2,
	       "answers naming none are counted");
	is_int(q_int(st, "SELECT nones || misses FROM discoveries d JOIN"
		     " entries e ON e.id = d.entry_id WHERE e.link LIKE"
		     " '%/2/'"), 1, "a failure is a miss, not an answer");
	check_due(st, a, NOW, "3 4", "looked-at articles wait for next_look");
	{
		struct rounds_discover *rows = NULL;
		size_t nr = 0, i;
		bool missed1 = false, missed2 = true;

		if (rounds_store_discover_due(st, NOW + 3 * DAY - WINDOW,
					      NOW + 3 * DAY, &rows, &nr,
					      &err) == 0) {
			for (i = 0; i < nr; i++) {
				if (rows[i].feed_id != a)
					continue;
				if (strstr(rows[i].link, "/post/1/"))
					missed1 = rows[i].missed;
				if (strstr(rows[i].link, "/post/2/"))
					missed2 = rows[i].missed;
			}
			rounds_store_discover_free(rows, nr);
		}
		ok(missed1, "an article a look found none for: missed");
		ok(!missed2, "an article whose look failed: not missed");
	}

	/* The pause: the feed's state goes with the look that starts it. */
	is_int(look(st, a, "https://quiet.example", 3, "none", NOW, &paused),
	       0, "a look that starts a pause is recorded");
	check_text(st, "SELECT look_misses || ' ' || look_pauses || ' ' ||"
		   " (look_until - 1795509000) FROM feeds WHERE id = 1",
		   "5 1 604800", "misses, pauses and the pause's end");
	check_due(st, a, NOW, "", "no article of a paused feed is due");
	check_due(st, a, NOW + 7 * DAY - 1, "",
		  "... until the pause ends");
	check_due(st, b, NOW, "1 2", "other feeds' articles still are");
	articles(st, a, "https://quiet.example", 0, 1);
	check_due(st, a, NOW + 7 * DAY, "0",
		  "after it one article: the newest never looked at");
	if (rounds_store_feeds(st, false, NOW, &subs, &n, &err) == 0 &&
	    n == 2) {
		is_int(subs[0].looks.misses, 5, "feeds: misses read back");
		is_int(subs[0].looks.pauses, 1, "feeds: pauses read back");
		is_int(subs[0].looks.until, NOW + 7 * DAY,
		       "feeds: the pause's end read back");
		is_int(subs[1].looks.pauses, 0, "another feed: no pause");
	}
	rounds_store_subs_free(subs, n);
	is_int(look(st, a, "https://quiet.example", 0, "none", NOW, &over),
	       0, "a state whose pause is over");
	check_due(st, a, NOW + 2 * DAY, "4",
		  "once it is over, one article: one never looked at, "
		  "though older than those looked at");
	look(st, a, "https://quiet.example", 4, "none", NOW + 2 * DAY, NULL);
	check_due(st, a, NOW + 2 * DAY, "0",
		  "... else the newest due");
	is_int(look(st, a, "https://quiet.example", 1, "found", NOW + 2 * DAY,
		    &(struct rounds_look_state){ 0, 0, 0 }), 0,
	       "a find that ends the pauses");
	is_int(q_int(st, "SELECT look_misses + look_pauses + look_until"
		     " FROM feeds WHERE id = 1"), 0,
	       "the feed's looks go on again");
	check_due(st, a, NOW + 2 * DAY, "2 3 0",
		  "every due article of it is listed again");
	is_int(look(st, a, "https://quiet.example", 3, "none", NOW + 2 * DAY,
		    NULL), 0, "a look without a state");
	is_int(q_int(st, "SELECT look_misses FROM feeds WHERE id = 1"), 0,
	       "leaves the feed's state as it was");
	rounds_store_close(st);
}

static void test_stats_and_health(void)
{
	struct rounds_store *st;
	struct rounds_discover_stats *ds = NULL;
	struct rounds_health *h = NULL;
	struct rounds_err err;
	struct rounds_look_state paused = { 6, 2, NOW + 14 * DAY };
	size_t n = 0, i;
	int64_t a, b, c;
	int found = 0;

	cleanup();
	rounds_err_init(&err);
	st = rounds_store_open(db_path, &err);
	if (st == NULL)
		return;
	a = add_feed(st, "https://quiet.example/feed");
	b = add_feed(st, "https://talk.example/feed");
	c = add_feed(st, "https://none.example/feed");
	(void)c;
	articles(st, a, "https://quiet.example", 1, 3);
	articles(st, a, "https://quiet.example", 20, 2);
	articles(st, b, "https://talk.example", 1, 2);
	look(st, a, "https://quiet.example", 1, "found", NOW, NULL);
	look(st, a, "https://quiet.example", 2, "none", NOW, NULL);
	look(st, a, "https://quiet.example", 20, "none", NOW - 19 * DAY,
	     NULL);
	look(st, a, "https://quiet.example", 21, "error", NOW - 20 * DAY,
	     &paused);
	is_int(rounds_store_discover_stats(st, NOW - WINDOW, &ds, &n, &err), 0,
	       "stats read");
	is_int(n, 2, "one row per feed with entries to look at");
	if (n == 2) {
		is_int(ds[0].feed_id, a, "by feed id");
		is_int(ds[0].found, 1, "found: the article whose feed a look "
		       "found");
		is_int(ds[0].looking, 2, "looking: one looked at, one not yet");
		is_int(ds[0].given_up, 2, "given up: looked at, out of the "
		       "window");
		ok(ds[0].has_next, "a next look");
		is_int(ds[0].next_look, 0, "... now: one was never looked at");
		is_int(ds[1].feed_id, b, "the second feed");
		is_int(ds[1].looking, 2, "... two to look at");
		is_int(ds[1].found + ds[1].given_up, 0, "... nothing else");
	}
	free(ds);
	look(st, a, "https://quiet.example", 3, "none", NOW, NULL);
	if (rounds_store_discover_stats(st, NOW - WINDOW, &ds, &n, &err) == 0 &&
	    n == 2)
		is_int(ds[0].next_look, NOW + DAY,
		       "next look: the earliest of those looked at");
	free(ds);

	is_int(rounds_store_health(st, NOW, 28 * DAY, &h, &n, &err), 0,
	       "health read");
	for (i = 0; i < n; i++) {
		if (h[i].kind != ROUNDS_HEALTH_LOOKS_PAUSED)
			continue;
		found++;
		is_str(h[i].url, "https://quiet.example/feed",
		       "looks-paused: the feed");
		is_int(h[i].value, 6, "... its misses in a row");
		is_int(h[i].until, NOW + 14 * DAY, "... the pause's end");
	}
	is_int(found, 1, "one feed's looks are paused");
	is_str(rounds_health_kind_name(ROUNDS_HEALTH_LOOKS_PAUSED),
	       "looks-paused", "the finding's name");
	rounds_store_health_free(h, n);
	rounds_store_close(st);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/rounds-looks.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(db_path, sizeof(db_path), "%s/t.db", dir);
	if (rounds_clock_set("2026-11-24T08:30:00Z", NULL) < 0)
		return 1;
	test_due_and_pause();
	test_stats_and_health();
	cleanup();
	rmdir(dir);
	return done_testing();
}
