/* test_store.c: the SQLite store against a real database file: schema and
 * migrations, the upsert rules, fetch results and their rollback, due
 * feeds and comment feeds, comments, and the health report. */
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

static char dir[256], db_path[300];

static void cleanup(void)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	char p[320];
	size_t i;

	for (i = 0; i < 4; i++) {
		snprintf(p, sizeof(p), "%s%s", db_path, sfx[i]);
		unlink(p);
	}
}

static struct rounds_store *open_fresh(void)
{
	struct rounds_err err;
	struct rounds_store *st;

	cleanup();
	rounds_err_init(&err);
	st = rounds_store_open(db_path, &err);
	if (st == NULL)
		printf("# open: %s\n", err.msg);
	return st;
}

static struct rounds_entry *entry(struct rounds_feed *f, const char *id,
				  const char *title, const char *link,
				  const char *content)
{
	struct rounds_entry *e = rounds_feed_add_entry(f);

	e->id = xstrdup(id);
	e->title = xstrdup(title);
	e->link = xstrdup(link);
	e->content = xstrdup(content);
	return e;
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

static int store(struct rounds_store *st, int64_t feed_id, int64_t when,
		 const struct rounds_feed *f, struct rounds_store_counts *c)
{
	struct rounds_fetch_result r;
	struct rounds_err err;
	int rc;

	memset(&r, 0, sizeof(r));
	r.feed_id = feed_id;
	r.url = "https://blog.example/feed";
	r.started = when;
	r.http_status = 200;
	r.result = "ok";
	r.etag = "\"v1\"";
	r.next_fetch = when + 3600;
	r.feed = f;
	rounds_err_init(&err);
	rc = rounds_store_fetch_result(st, &r, c, &err);
	if (rc < 0)
		printf("# fetch_result: %s\n", err.msg);
	return rc;
}

/* Runs sql on a handle of its own on db_path (the store closed). */
static bool raw_exec(const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;
	bool good;

	good = sqlite3_open(db_path, &db) == SQLITE_OK &&
	       sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK;
	if (!good)
		printf("# %s\n", msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	sqlite3_close(db);
	return good;
}

/* A database of version 6 (looks, but no pauses) with rows in it: the
 * columns of 7 are taken off a new one, as 6 had none of them. */
static void test_migration_7(void)
{
	struct rounds_store *st = open_fresh();
	struct rounds_err err;

	if (st == NULL)
		return;
	add_feed(st, "https://quiet.example/feed");
	rounds_store_close(st);
	ok(raw_exec("INSERT INTO entries(feed_id, guid, link, content_hash,"
		    " first_seen, last_seen) VALUES"
		    " (1, 'a', 'https://quiet.example/a', 'x', 1, 1),"
		    " (1, 'b', 'https://quiet.example/b', 'x', 1, 1);"
		    "INSERT INTO discoveries(entry_id, url, how, result, looked,"
		    " next_look, misses) VALUES"
		    " (1, 'https://quiet.example/a', 'page', 'none', 1, 2, 3),"
		    " (2, 'https://quiet.example/b', 'page', 'error', 1, 2, 1);"
		    "ALTER TABLE feeds DROP COLUMN look_misses;"
		    "ALTER TABLE feeds DROP COLUMN look_pauses;"
		    "ALTER TABLE feeds DROP COLUMN look_until;"
		    "ALTER TABLE discoveries DROP COLUMN nones;"
		    "PRAGMA user_version = 6;"), "a database of version 6");
	rounds_err_init(&err);
	st = rounds_store_open(db_path, &err);
	ok(st != NULL, "version 6 opens");
	if (st == NULL)
		return;
	is_int(q_int(st, "PRAGMA user_version"), 8, "... as version 8");
	is_int(q_int(st, "SELECT count(*) FROM feeds WHERE look_misses = 0"
		     " AND look_pauses = 0 AND look_until = 0"), 1,
	       "its feed keeps its row, its looks not paused");
	is_int(q_int(st, "SELECT count(*) || misses FROM discoveries"
		     " WHERE entry_id = 1"), 13, "its looks keep their rows");
	is_int(q_int(st, "SELECT nones FROM discoveries WHERE entry_id = 1"),
	       1, "a look that found none counts one answer naming none");
	is_int(q_int(st, "SELECT nones FROM discoveries WHERE entry_id = 2"),
	       0, "a failed look counts none");
	is_int(q_int(st, "SELECT count(*) FROM pragma_table_info('feeds')"
		     " WHERE name LIKE 'look_%' AND \"notnull\""), 3,
	       "the new columns are NOT NULL");
	rounds_store_close(st);
}

static void test_schema(void)
{
	struct rounds_store *st = open_fresh();
	struct rounds_err err;

	ok(st != NULL, "a new database opens");
	if (st == NULL)
		return;
	is_int(q_int(st, "PRAGMA user_version"), 8,
	       "the migrations ran to the latest version");
	check_text(st, "PRAGMA journal_mode", "wal", "the journal is WAL");
	/* foreign_keys is a setting of the store's own connection: the
	 * cascades below ("its tags went with it", "comments cascade")
	 * show it is on. */
	is_int(q_int(st, "SELECT count(*) FROM sqlite_master WHERE name IN "
		     "('feeds','feed_tags','redirects','entries','comments',"
		     "'fetch_log','issues','drafts','sends','pages')"),
	       10,
	       "all the tables exist");
	is_int(q_int(st, "SELECT count(*) FROM sqlite_master WHERE type ="
		     " 'index' AND name IN ('entries_published',"
		     "'entries_feed','entries_canonical','comments_entry')"),
	       4, "the indexes exist");
	rounds_store_close(st);

	rounds_err_init(&err);
	st = rounds_store_open(db_path, &err);
	ok(st != NULL, "the database opens again");
	if (st) {
		is_int(q_int(st, "PRAGMA user_version"), 8,
		       "re-opening keeps the version");
		sqlite3 *db = q_open(st);

		ok(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL,
				NULL) == SQLITE_OK, "bump version");
		sqlite3_close(db);
		rounds_store_close(st);
	}
	rounds_err_init(&err);
	st = rounds_store_open(db_path, &err);
	ok(st == NULL, "a database from a newer rounds is refused");
	is_int(err.code, EX_DATAERR, "... as bad data");
	ok(strstr(err.msg, "version 99") != NULL, "... saying its version");
	rounds_store_close(st);

	/* A database at version 1 (an older rounds) is brought forward. */
	cleanup();
	{
		sqlite3 *db;

		sqlite3_open(db_path, &db);
		sqlite3_exec(db, "PRAGMA user_version = 0", NULL, NULL, NULL);
		sqlite3_close(db);
	}
	st = rounds_store_open(db_path, &err);
	ok(st && q_int(st, "SELECT count(*) FROM pragma_table_info("
		       "'fetch_log') WHERE name = 'n_ids'") == 1,
	   "an empty file gets every migration step");
	rounds_store_close(st);
	test_migration_7();
}

static void test_subscriptions(void)
{
	struct rounds_store *st = open_fresh();
	struct rounds_err err;
	struct rounds_sub *rows;
	const char *tags[] = { "news", "fhir" };
	int64_t id1 = 0, id2 = 0;
	size_t n;

	if (st == NULL)
		return;
	rounds_err_init(&err);
	is_int(rounds_store_feed_add(st, "https://a.example/feed", "A", tags,
				     2, "cli", &id1, &err), 0, "feed added");
	is_int(rounds_store_feed_add(st, "https://a.example/feed", "B", NULL,
				     0, "cli", &id2, &err), 1,
	       "the same URL again says already subscribed");
	is_int(id2, id1, "... with the existing id");
	check_text(st, "SELECT user_title FROM feeds", "A",
		   "a second add changes nothing");
	if (rounds_store_feeds(st, false, NOW, &rows, &n, &err) == 0) {
		is_int(n, 1, "one feed listed");
		is_int(rows[0].n_tags, 2, "with its two tags");
		is_str(rows[0].tags[0], "fhir", "tags sorted");
		is_str(rows[0].title, "A", "the title");
		rounds_store_subs_free(rows, n);
	}
	rounds_err_init(&err);
	is_int(rounds_store_feed_remove(st, "https://nope.example/", &err), -1,
	       "removing an unknown feed fails");
	is_int(err.code, EX_DATAERR, "... as bad data");
	rounds_err_init(&err);
	is_int(rounds_store_feed_remove(st, "1", &err), 0, "remove by id");
	is_int(q_int(st, "SELECT count(*) FROM feed_tags"), 0,
	       "its tags went with it");
	rounds_store_close(st);
}

static void test_upsert(void)
{
	struct rounds_store *st = open_fresh();
	struct rounds_store_counts c;
	struct rounds_feed *f;
	int64_t a, b;

	if (st == NULL)
		return;
	a = add_feed(st, "https://blog.example/feed");
	b = add_feed(st, "https://news.example/rss");

	f = rounds_feed_new();
	f->title = xstrdup("The Blog");
	f->link = xstrdup("https://blog.example/");
	f->min_interval = 7200;
	entry(f, "urn:1", "Interop at last", "https://blog.example/p/1",
	      "<p>One</p>");
	entry(f, "urn:2", "Prior auth", "https://blog.example/p/2",
	      "<p>Two</p>");
	is_int(store(st, a, NOW, f, &c), 0, "first fetch stored");
	is_int(c.new_entries, 2, "two new entries");
	is_int(c.updated_entries, 0, "none updated");
	check_text(st, "SELECT title FROM feeds WHERE id = 1", "The Blog",
		   "the feed's title is kept");
	is_int(q_int(st, "SELECT min_interval FROM feeds WHERE id = 1"), 7200,
	       "min_interval from the feed");
	is_int(q_int(st, "SELECT last_new FROM feeds WHERE id = 1"), NOW,
	       "last_new set");
	check_text(st, "SELECT etag FROM feeds WHERE id = 1", "\"v1\"",
		   "etag stored");

	is_int(store(st, a, NOW + 100, f, &c), 0, "same document again");
	is_int(c.new_entries + c.updated_entries, 0, "nothing new or updated");
	is_int(q_int(st, "SELECT count(*) FROM entries"), 2,
	       "same id twice is one entry");
	is_int(q_int(st, "SELECT last_seen FROM entries WHERE guid = 'urn:1'"),
	       NOW + 100, "last_seen bumped");
	is_int(q_int(st, "SELECT first_seen FROM entries WHERE guid = 'urn:1'"),
	       NOW, "first_seen kept");
	is_int(q_int(st, "SELECT sum(is_updated) FROM entries"), 0,
	       "not marked updated");
	is_int(q_int(st, "SELECT last_new FROM feeds WHERE id = 1"), NOW,
	       "last_new unchanged when nothing is new");
	rounds_feed_free(f);

	/* urn:2 drops out; urn:1 changes its text. */
	f = rounds_feed_new();
	entry(f, "urn:1", "Interop at last", "https://blog.example/p/1",
	      "<p>One, corrected</p>");
	is_int(store(st, a, NOW + 200, f, &c), 0, "changed document stored");
	is_int(c.updated_entries, 1, "one updated");
	is_int(c.new_entries, 0, "none new");
	is_int(q_int(st, "SELECT is_updated FROM entries WHERE guid='urn:1'"),
	       1, "changed content sets is_updated");
	check_text(st, "SELECT content FROM entries WHERE guid = 'urn:1'",
		   "<p>One, corrected</p>", "the new content replaces the old");
	is_int(q_int(st, "SELECT count(*) FROM entries WHERE guid = 'urn:2'"),
	       1, "an entry missing from a later fetch stays");
	rounds_feed_free(f);

	/* The same article in a second feed, its link dressed differently. */
	f = rounds_feed_new();
	entry(f, "https://news.example/?p=9", "Interop at last (syndicated)",
	      "https://blog.example/p/1", "<p>Copy</p>");
	is_int(store(st, b, NOW + 300, f, &c), 0, "second feed stored");
	is_int(c.new_entries, 1, "it is a new entry of that feed");
	is_int(q_int(st, "SELECT count(DISTINCT feed_id) FROM entries WHERE"
		     " canonical = (SELECT canonical FROM entries WHERE"
		     " guid = 'urn:1')"), 2,
	       "two feeds, one article: a shared canonical");
	rounds_feed_free(f);
	is_int(q_int(st, "SELECT count(*) FROM fetch_log"), 4,
	       "every fetch logged");
	is_int(q_int(st, "SELECT new_ids FROM fetch_log ORDER BY id LIMIT 1"),
	       2, "new_ids counted");
	is_int(q_int(st, "SELECT n_ids FROM fetch_log ORDER BY id LIMIT 1"),
	       2, "n_ids counted");
	rounds_store_close(st);
}

static void test_json_columns(void)
{
	struct rounds_store *st = open_fresh();
	struct rounds_store_counts c;
	struct rounds_feed *f;
	struct rounds_entry *e;
	int64_t a;

	if (st == NULL)
		return;
	a = add_feed(st, "https://blog.example/feed");
	f = rounds_feed_new();
	e = entry(f, "urn:j", "T", "https://blog.example/j", "<p>x</p>");
	e->authors = xcalloc(1, sizeof(*e->authors));
	e->n_authors = 1;
	e->authors[0].name = xstrdup("Dana \"DQ\" Quinn");
	e->authors[0].email = xstrdup("dq@example.org");
	e->categories = xcalloc(2, sizeof(char *));
	e->n_categories = 2;
	e->categories[0] = xstrdup("FHIR");
	e->categories[1] = xstrdup("TEFCA");
	e->has_published = true;
	e->published = NOW - DAY;
	e->comments_feed = xstrdup("https://blog.example/j/feed/");
	e->has_comment_count = true;
	e->comment_count = 3;
	is_int(store(st, a, NOW, f, &c), 0, "entry with lists stored");
	check_text(st, "SELECT authors FROM entries",
		   "[{\"name\":\"Dana \\\"DQ\\\" Quinn\","
		   "\"email\":\"dq@example.org\"}]", "authors as JSON");
	check_text(st, "SELECT categories FROM entries", "[\"FHIR\",\"TEFCA\"]",
		   "categories as JSON");
	ok(q_text(st, "SELECT enclosures FROM entries") == NULL,
	   "no enclosures: NULL");
	is_int(q_int(st, "SELECT published FROM entries"), NOW - DAY,
	       "published stored");
	is_int(q_int(st, "SELECT comment_count FROM entries"), 3,
	       "comment_count stored");
	rounds_feed_free(f);
	rounds_store_close(st);
}

static void test_rollback(void)
{
	struct rounds_store *st = open_fresh();
	struct rounds_store_counts c;
	struct rounds_fetch_result r;
	struct rounds_err err;
	struct rounds_feed *f;
	struct rounds_entry *e;
	int64_t a;

	if (st == NULL)
		return;
	a = add_feed(st, "https://blog.example/feed");
	f = rounds_feed_new();
	entry(f, "urn:ok1", "Fine", "https://blog.example/1", "a");
	entry(f, "urn:ok2", "Fine too", "https://blog.example/2", "b");
	e = entry(f, "x", "No id", "https://blog.example/3", "c");
	free(e->id);
	e->id = NULL;           /* guid NOT NULL: fails after two inserts */
	f->title = xstrdup("Should not stick");

	memset(&r, 0, sizeof(r));
	r.feed_id = a;
	r.url = "https://blog.example/feed";
	r.started = NOW;
	r.result = "ok";
	r.etag = "\"new\"";
	r.next_fetch = NOW + 3600;
	r.feed = f;
	rounds_err_init(&err);
	is_int(rounds_store_fetch_result(st, &r, &c, &err), -1,
	       "a result that breaks a constraint fails");
	ok(err.msg[0] != '\0', "with a message (%s)", err.msg);
	is_int(q_int(st, "SELECT count(*) FROM entries"), 0,
	       "no entry of it was kept");
	is_int(q_int(st, "SELECT count(*) FROM fetch_log"), 0,
	       "no fetch_log row");
	ok(q_text(st, "SELECT title FROM feeds") == NULL &&
	   q_text(st, "SELECT etag FROM feeds") == NULL,
	   "the feed state is untouched");
	is_int(q_int(st, "SELECT last_fetch IS NULL FROM feeds"), 1,
	       "last_fetch untouched");
	check_text(st, "PRAGMA integrity_check", "ok", "integrity ok");
	rounds_feed_free(f);

	/* A NULL result fails at the very end (fetch_log.result NOT NULL). */
	f = rounds_feed_new();
	entry(f, "urn:ok1", "Fine", "https://blog.example/1", "a");
	r.feed = f;
	r.result = NULL;
	rounds_err_init(&err);
	is_int(rounds_store_fetch_result(st, &r, &c, &err), -1,
	       "a failure in the last statement fails");
	is_int(q_int(st, "SELECT count(*) FROM entries"), 0,
	       "... and its entries are rolled back");
	r.result = "ok";
	is_int(rounds_store_fetch_result(st, &r, &c, &err), 0,
	       "the store works after a rollback");
	is_int(c.new_entries, 1, "... and stores the entry");
	r.feed_id = 999;
	is_int(rounds_store_fetch_result(st, &r, &c, &err), -1,
	       "an unknown feed id fails");
	is_int(q_int(st, "SELECT count(*) FROM fetch_log"), 1,
	       "... leaving no log row");
	rounds_feed_free(f);
	rounds_store_close(st);
}

static void test_feed_state(void)
{
	struct rounds_store *st = open_fresh();
	struct rounds_store_counts c;
	struct rounds_fetch_result r;
	struct rounds_err err;
	struct rounds_sub *rows;
	size_t n;
	int64_t a, b, c3;

	if (st == NULL)
		return;
	a = add_feed(st, "https://a.example/feed");
	b = add_feed(st, "https://b.example/feed");
	rounds_err_init(&err);
	if (rounds_store_feeds(st, true, NOW, &rows, &n, &err) == 0) {
		is_int(n, 2, "new feeds are due at once");
		rounds_store_subs_free(rows, n);
	}

	memset(&r, 0, sizeof(r));
	r.feed_id = a;
	r.url = "https://a.example/feed";
	r.started = NOW - 3 * DAY;
	r.http_status = 500;
	r.result = "error";
	r.error = "HTTP 500";
	r.next_fetch = NOW + 3600;
	is_int(rounds_store_fetch_result(st, &r, &c, &err), 0, "error stored");
	r.started = NOW - DAY;
	r.http_status = 429;
	r.error = "HTTP 429";
	r.result = "rate_limited";
	is_int(rounds_store_fetch_result(st, &r, &c, &err), 0,
	       "second error stored");
	is_int(q_int(st, "SELECT error_count FROM feeds WHERE id = 1"), 2,
	       "errors counted");
	is_int(q_int(st, "SELECT first_error FROM feeds WHERE id = 1"),
	       NOW - 3 * DAY, "first_error is the first");
	check_text(st, "SELECT last_error FROM feeds WHERE id = 1", "HTTP 429",
		   "last_error is the last");
	is_int(q_int(st, "SELECT last_status FROM feeds WHERE id = 1"), 429,
	       "last_status");
	if (rounds_store_feeds(st, true, NOW, &rows, &n, &err) == 0) {
		is_int(n, 1, "a feed with next_fetch later is not due");
		is_int(n ? rows[0].id : 0, b, "... the other one is");
		rounds_store_subs_free(rows, n);
	}

	/* A third feed fails with a server error. */
	c3 = add_feed(st, "https://c.example/feed");
	r.feed_id = c3;
	r.url = "https://c.example/feed";
	r.started = NOW - 2 * DAY;
	r.http_status = 502;
	r.result = "error";
	r.error = "HTTP 502";
	is_int(rounds_store_fetch_result(st, &r, &c, &err), 0, "502 stored");

	/* A permanent redirect seen twice, then a 410 (on the third). */
	memset(&r, 0, sizeof(r));
	r.feed_id = b;
	r.url = "https://b.example/feed";
	r.started = NOW - 2 * DAY;
	r.http_status = 200;
	r.result = "not_modified";
	r.moved_to = "https://b.example/new-feed";
	r.next_fetch = NOW + 60;
	is_int(rounds_store_fetch_result(st, &r, &c, &err), 0, "moved 1");
	r.started = NOW - DAY;
	is_int(rounds_store_fetch_result(st, &r, &c, &err), 0, "moved 2");
	is_int(q_int(st, "SELECT moved_count FROM feeds WHERE id = 2"), 2,
	       "the redirect counted twice");
	check_text(st, "SELECT moved_to FROM feeds WHERE id = 2",
		   "https://b.example/new-feed", "moved_to kept");
	is_int(q_int(st, "SELECT count(*) FROM redirects"), 2,
	       "redirects logged");

	{
		struct rounds_health *h;
		size_t nh, i;
		int seen[6] = { 0 };

		if (rounds_store_health(st, NOW, 28 * DAY, &h, &nh, &err) ==
		    0) {
			for (i = 0; i < nh; i++)
				seen[h[i].kind]++;
			is_int(seen[ROUNDS_HEALTH_MOVED], 1, "health: moved");
			is_int(seen[ROUNDS_HEALTH_FAILING], 1,
			       "health: failing, once");
			is_int(seen[ROUNDS_HEALTH_RATE_LIMITED], 1,
			       "health: rate-limited");
			is_int(seen[ROUNDS_HEALTH_GONE], 0, "health: none gone");
			for (i = 0; i < nh; i++) {
				if (h[i].kind == ROUNDS_HEALTH_RATE_LIMITED)
					is_int(h[i].since, NOW - 3 * DAY,
					       "refused since the first error");
				if (h[i].kind == ROUNDS_HEALTH_FAILING)
					is_int(h[i].feed_id, c3, "the failing "
					       "one is not the rate-limited one");
			}
			rounds_store_health_free(h, nh);
		}
	}

	r.moved_to = NULL;
	r.feed_id = c3;
	r.url = "https://c.example/feed";
	r.http_status = 410;
	r.result = "gone";
	r.error = "HTTP 410 Gone";
	is_int(rounds_store_fetch_result(st, &r, &c, &err), 0, "gone stored");
	check_text(st, "SELECT status FROM feeds WHERE id = 3", "gone",
		   "status gone");
	if (rounds_store_feeds(st, true, NOW + DAY, &rows, &n, &err) == 0) {
		is_int(n, 2, "a gone feed is never due");
		rounds_store_subs_free(rows, n);
	}

	/* Success clears the errors. */
	memset(&r, 0, sizeof(r));
	r.feed_id = a;
	r.url = "https://a.example/feed";
	r.started = NOW;
	r.http_status = 304;
	r.result = "not_modified";
	r.next_fetch = NOW + 60;
	is_int(rounds_store_fetch_result(st, &r, &c, &err), 0, "304 stored");
	is_int(q_int(st, "SELECT error_count + (first_error IS NOT NULL) +"
		     " (last_error IS NOT NULL) FROM feeds WHERE id = 1"), 0,
	       "a good answer clears the errors");
	is_int(q_int(st, "SELECT last_ok FROM feeds WHERE id = 1"), NOW,
	       "last_ok set");
	rounds_store_close(st);
}

static void test_silent_and_churn(void)
{
	struct rounds_store *st = open_fresh();
	struct rounds_store_counts c;
	struct rounds_health *h;
	struct rounds_feed *f;
	struct rounds_err err;
	char id[32];
	size_t nh, i, k;
	int64_t a, b;
	int churn = 0, silent = 0;

	if (st == NULL)
		return;
	a = add_feed(st, "https://quiet.example/feed");
	b = add_feed(st, "https://churn.example/feed");
	/* quiet: one entry 60 days ago, fetched since without news */
	f = rounds_feed_new();
	entry(f, "q1", "Old news", "https://quiet.example/1", "x");
	(void)store(st, a, NOW - 60 * DAY, f, &c);
	(void)store(st, a, NOW - DAY, f, &c);
	rounds_feed_free(f);
	/* churn: every fetch brings five ids never seen, same links */
	for (k = 0; k < 4; k++) {
		f = rounds_feed_new();
		for (i = 0; i < 5; i++) {
			snprintf(id, sizeof(id), "tmp-%zu-%zu", k, i);
			entry(f, id, "Same story", "https://churn.example/s",
			      "same");
		}
		(void)store(st, b, NOW - (int64_t)(4 - k) * 3600, f, &c);
		rounds_feed_free(f);
	}
	rounds_err_init(&err);
	if (rounds_store_health(st, NOW, 28 * DAY, &h, &nh, &err) == 0) {
		for (i = 0; i < nh; i++) {
			if (h[i].kind == ROUNDS_HEALTH_SILENT &&
			    h[i].feed_id == a)
				silent++;
			if (h[i].kind == ROUNDS_HEALTH_CHURN &&
			    h[i].feed_id == b) {
				churn++;
				is_int(h[i].value, 100, "churn: 100%% new");
			}
		}
		rounds_store_health_free(h, nh);
	}
	is_int(silent, 1, "a feed with nothing new for 8 weeks is silent");
	is_int(churn, 1, "a feed whose ids change every fetch churns");
	if (rounds_store_health(st, NOW, 90 * DAY, &h, &nh, &err) == 0) {
		for (i = 0, silent = 0; i < nh; i++)
			silent += h[i].kind == ROUNDS_HEALTH_SILENT;
		is_int(silent, 0, "not silent under a 90-day threshold");
		rounds_store_health_free(h, nh);
	}
	rounds_store_close(st);
}

static struct rounds_entry *comment(struct rounds_feed *f, const char *id,
				    const char *html, const char *reply_to)
{
	struct rounds_entry *e = rounds_feed_add_entry(f);

	e->id = xstrdup(id);
	e->link = xstrdup(id);
	e->content = xstrdup(html);
	e->has_published = true;
	e->published = NOW;
	e->authors = xcalloc(1, sizeof(*e->authors));
	e->n_authors = 1;
	e->authors[0].name = xstrdup("Pat");
	if (reply_to) {
		e->in_reply_to = xcalloc(1, sizeof(*e->in_reply_to));
		e->n_in_reply_to = 1;
		e->in_reply_to[0].ref = xstrdup(reply_to);
	}
	return e;
}

static void test_comments(void)
{
	struct rounds_store *st = open_fresh();
	struct rounds_store_counts c;
	struct rounds_fetch_result r;
	struct rounds_comment_feed *cf;
	struct rounds_err err;
	struct rounds_feed *f;
	struct rounds_entry *e;
	size_t n;
	int64_t a, eid;

	if (st == NULL)
		return;
	a = add_feed(st, "https://blog.example/feed");
	f = rounds_feed_new();
	e = entry(f, "https://blog.example/?p=7", "Post",
		  "https://blog.example/post/", "<p>Body</p>");
	e->comments_feed = xstrdup("https://blog.example/post/feed/");
	e->has_published = true;
	e->published = NOW - 2 * DAY;
	e = entry(f, "https://blog.example/?p=3", "Old post",
		  "https://blog.example/old/", "<p>Old</p>");
	e->comments_feed = xstrdup("https://blog.example/old/feed/");
	e->has_published = true;
	e->published = NOW - 40 * DAY;
	(void)store(st, a, NOW - DAY, f, &c);
	rounds_feed_free(f);
	eid = q_int(st, "SELECT id FROM entries WHERE guid ="
		    " 'https://blog.example/?p=7'");

	rounds_err_init(&err);
	if (rounds_store_comment_feeds(st, NOW - 14 * DAY, NOW, &cf, &n,
				       &err) == 0) {
		is_int(n, 1, "only the recent entry's comment feed is due");
		if (n) {
			is_str(cf[0].url, "https://blog.example/post/feed/",
			       "its comment feed URL");
			is_int(cf[0].entry_id, eid, "its entry");
		}
		rounds_store_comment_feeds_free(cf, n);
	}

	/* Newest first, as WordPress writes them. */
	f = rounds_feed_new();
	comment(f, "https://blog.example/post/#comment-12",
		"<p>In reply to <a href=\"https://blog.example/post/"
		"#comment-11\">Sam</a>.</p><p>Agreed.</p>", NULL);
	comment(f, "https://blog.example/post/#comment-11",
		"<p>First!</p>", NULL);
	comment(f, "urn:c:atom", "<p>Threaded</p>",
		"https://blog.example/post/#comment-11");
	comment(f, "urn:c:top", "<p>To the article</p>",
		"https://blog.example/?p=7");
	memset(&r, 0, sizeof(r));
	r.feed_id = a;
	r.entry_id = eid;
	r.url = "https://blog.example/post/feed/";
	r.started = NOW;
	r.http_status = 200;
	r.result = "ok";
	r.etag = "\"c1\"";
	r.next_fetch = NOW + 7200;
	r.feed = f;
	is_int(rounds_store_fetch_result(st, &r, &c, &err), 0,
	       "comments stored");
	is_int(c.new_comments, 4, "four new comments");
	check_text(st, "SELECT parent_guid FROM comments WHERE guid ="
		   " 'https://blog.example/post/#comment-12'",
		   "https://blog.example/post/#comment-11",
		   "a WordPress 'In reply to' reply is nested");
	ok(q_text(st, "SELECT parent_guid FROM comments WHERE guid ="
		  " 'https://blog.example/post/#comment-11'") == NULL,
	   "a plain comment is top level");
	check_text(st, "SELECT parent_guid FROM comments WHERE guid ="
		   " 'urn:c:atom'", "https://blog.example/post/#comment-11",
		   "thr:in-reply-to names the parent");
	ok(q_text(st, "SELECT parent_guid FROM comments WHERE guid ="
		  " 'urn:c:top'") == NULL,
	   "a reply to the article itself is top level");
	check_text(st, "SELECT author FROM comments WHERE guid = 'urn:c:top'",
		   "{\"name\":\"Pat\"}", "the author as PERSON JSON");
	check_text(st, "SELECT c_etag FROM entries WHERE id = 1", "\"c1\"",
		   "the comment feed's etag is kept on the entry");
	is_int(q_int(st, "SELECT c_next_fetch FROM entries WHERE id = 1"),
	       NOW + 7200, "c_next_fetch set");
	is_int(q_int(st, "SELECT entry_id FROM fetch_log ORDER BY id DESC"),
	       eid, "the log row names the entry");
	rounds_feed_free(f);

	/* Later, the feed shows only a new reply to an older comment. */
	f = rounds_feed_new();
	comment(f, "https://blog.example/post/#comment-13",
		"In reply to <a href='https://blog.example/post/#comment-11'>"
		"Sam</a>. Me too.", NULL);
	r.feed = f;
	r.started = NOW + 7200;
	r.etag = NULL;
	is_int(rounds_store_fetch_result(st, &r, &c, &err), 0,
	       "later comments stored");
	is_int(c.new_comments, 1, "one new");
	check_text(st, "SELECT parent_guid FROM comments WHERE guid ="
		   " 'https://blog.example/post/#comment-13'",
		   "https://blog.example/post/#comment-11",
		   "the parent is found among stored comments");
	check_text(st, "SELECT c_etag FROM entries WHERE id = 1", "\"c1\"",
		   "no new etag keeps the old one");
	is_int(q_int(st, "SELECT count(*) FROM comments"), 5,
	       "earlier comments stay");
	rounds_feed_free(f);

	/* Deleting the feed takes entries and comments with it. */
	is_int(rounds_store_feed_remove(st, "https://blog.example/feed", &err),
	       0, "feed removed");
	is_int(q_int(st, "SELECT count(*) FROM comments"), 0,
	       "comments cascade");
	rounds_store_close(st);
}

/* An issue's content: the hash of what it last published and when that
 * content changed; no two issues share an updated time. */
/* The comment feed of entry guid, one comment at time t (0: undated),
 * stored as fetched at fetched. */
static void late_comment(struct rounds_store *st, int64_t feed,
			 const char *guid, const char *id, int64_t t,
			 int64_t fetched)
{
	struct rounds_feed *f = rounds_feed_new();
	struct rounds_fetch_result r;
	struct rounds_entry *e = rounds_feed_add_entry(f);
	struct rounds_err err;
	struct rounds_buf sql;

	e->id = xstrdup(id);
	e->content = xstrdup("<p>Still here.</p>");
	e->has_published = t != 0;
	e->published = t;
	rounds_buf_init(&sql, 0);
	if (rounds_buf_printf(&sql, "SELECT id FROM entries WHERE guid ="
			      " '%s'", guid) < 0)
		abort();
	memset(&r, 0, sizeof(r));
	r.feed_id = feed;
	r.entry_id = q_int(st, rounds_buf_str(&sql));
	r.url = "https://blog.example/c/feed/";
	r.started = fetched;
	r.http_status = 200;
	r.result = "ok";
	r.next_fetch = fetched + 3600;
	r.feed = f;
	rounds_err_init(&err);
	if (rounds_store_fetch_result(st, &r, NULL, &err) < 0)
		printf("# fetch_result: %s\n", err.msg);
	rounds_buf_release(&sql);
	rounds_feed_free(f);
}

static int continued_row(void *ctx, const struct rounds_store_entry *e,
			 struct rounds_err *err)
{
	struct rounds_buf *b = ctx;

	(void)err;
	return rounds_buf_printf(b, "%s ", e->guid) < 0 ? -1 : 0;
}

/* Which entries rounds_store_each_continued finds, in guid order. */
static char *continued_of(struct rounds_store *st, int64_t from,
			  int64_t since, int64_t until)
{
	struct rounds_buf b;
	struct rounds_err err;
	char *ids[8], *p, *tok, *save = NULL;
	size_t n = 0, i, j;

	rounds_buf_init(&b, 0);
	rounds_err_init(&err);
	if (rounds_store_each_continued(st, from, since, until, continued_row,
					&b, &err) < 0)
		printf("# each_continued: %s\n", err.msg);
	p = rounds_buf_detach(&b);
	for (tok = strtok_r(p, " ", &save); tok && n < 8;
	     tok = strtok_r(NULL, " ", &save))
		ids[n++] = tok;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(ids[j - 1], ids[j]) > 0; j--) {
			tok = ids[j];
			ids[j] = ids[j - 1];
			ids[j - 1] = tok;
		}
	rounds_buf_init(&b, 0);
	for (i = 0; i < n; i++)
		if (rounds_buf_printf(&b, "%s%s", i ? " " : "", ids[i]) < 0)
			abort();
	free(p);
	return rounds_buf_detach(&b);
}

/* The earlier entries of the comment window whose threads grew in the
 * window: by the entry's time (published, else updated, else first
 * seen) and the comment's (published, else first seen). */
static void test_continued(void)
{
	struct rounds_store *st = open_fresh();
	int64_t a, since = NOW - 3 * DAY, from = since - 14 * DAY;
	struct rounds_feed *f;
	struct rounds_entry *e;
	struct rounds_hash h1, h2;
	struct rounds_err err;
	char x1[ROUNDS_HASH_HEX], x2[ROUNDS_HASH_HEX];
	char *got;

	if (st == NULL)
		return;
	a = add_feed(st, "https://blog.example/feed");
	f = rounds_feed_new();
	e = entry(f, "a", "Ten days old", "https://blog.example/a", "<p>A</p>");
	e->has_published = true;
	e->published = NOW - 10 * DAY;
	e = entry(f, "b", "Too old", "https://blog.example/b", "<p>B</p>");
	e->has_published = true;
	e->published = NOW - 20 * DAY;
	e = entry(f, "c", "Undated", "https://blog.example/c", "<p>C</p>");
	e->has_updated = true;
	e->updated = NOW - 9 * DAY;
	e = entry(f, "d", "This week's", "https://blog.example/d", "<p>D</p>");
	e->has_published = true;
	e->published = NOW - DAY;
	e = entry(f, "e", "Quiet now", "https://blog.example/e", "<p>E</p>");
	e->has_published = true;
	e->published = NOW - 8 * DAY;
	(void)store(st, a, NOW - 8 * DAY, f, NULL);
	rounds_feed_free(f);
	late_comment(st, a, "a", "a-1", NOW - 2 * DAY, NOW);
	late_comment(st, a, "b", "b-1", NOW - 2 * DAY, NOW);
	late_comment(st, a, "c", "c-1", 0, NOW - DAY);
	late_comment(st, a, "d", "d-1", NOW - 2 * DAY, NOW);
	late_comment(st, a, "e", "e-1", NOW - 5 * DAY, NOW);
	got = continued_of(st, from, since, NOW);
	is_str(got, "a c", "an entry of the window before with a comment in "
	       "the window, by published and by updated time with an undated "
	       "comment first seen in it; not one older than the window, "
	       "one of the window itself, or one whose comments are older");
	free(got);
	got = continued_of(st, since, since, NOW);
	is_str(got, "", "no comment window, none");
	free(got);

	rounds_err_init(&err);
	rounds_hash_init(&h1);
	rounds_hash_init(&h2);
	is_int(rounds_store_continued_hash(st, from, since, NOW, &h1, &err), 0,
	       "the continued rows hashed");
	rounds_hash_hex(&h1, x1);
	late_comment(st, a, "a", "a-2", NOW - 20 * DAY, NOW);
	is_int(rounds_store_continued_hash(st, from, since, NOW, &h2, &err), 0,
	       "and again");
	rounds_hash_hex(&h2, x2);
	ok(strcmp(x1, x2) != 0, "the continued hash covers every comment of "
	   "those entries (one an answer may quote)");
	rounds_store_close(st);
}

/* What an older rounds hashed an issue's content from (the "legacy"
 * callback of struct rounds_issue_content): a copy of the text given. */
static char *legacy_copy(void *arg)
{
	return arg ? strdup(arg) : NULL;
}

static int seen(struct rounds_store *st, const char *week, const char *hash,
		const char *legacy, bool *same, int64_t *t)
{
	struct rounds_issue_content c = { hash, legacy_copy, (void *)legacy };
	struct rounds_err err;

	rounds_err_init(&err);
	if (rounds_store_issue_seen(st, week, &c, same, t, &err) < 0) {
		printf("# seen: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int changed(struct rounds_store *st, const char *week,
		   const char *content, int64_t at)
{
	struct rounds_err err;
	int64_t t = -1;

	rounds_err_init(&err);
	if (rounds_store_issue_changed(st, week, content, at, &t, &err) < 0)
		printf("# changed: %s\n", err.msg);
	return (int)(t - NOW);
}

/* store_content_hash (store_sql.c) of "old text", as a rounds that
 * hashed issues' texts recorded it */
#define LEGACY_OLD_TEXT "e6d77e7b37829502b7098f6f60652ceb"

static void test_issue_content(void)
{
	static const char *const weeks[] = { "2026-W45", "2026-W46",
					     "2026-W47" };
	struct rounds_store_issue is;
	struct rounds_err err;
	struct rounds_store *st = open_fresh();
	int64_t number, t;
	bool same = true;
	size_t i;
	char first[9] = "x";

	if (st == NULL)
		return;
	rounds_err_init(&err);
	ok(rounds_store_issue_first(st, first, &err) == 0 && first[0] == '\0',
	   "no issue yet: no first week");
	for (i = 0; i < 3; i++) {
		memset(&is, 0, sizeof(is));
		is.week = weeks[i];
		is.since = NOW - (int64_t)(3 - i) * 7 * DAY;
		is.until = is.since + 7 * DAY;
		is.published = NOW;
		is.uid = weeks[i];
		ok(rounds_store_issue_add(st, &is, &number, &err) == 0,
		   "issue %s recorded", weeks[i]);
	}
	ok(rounds_store_issue_first(st, first, &err) == 0 &&
	   strcmp(first, "2026-W45") == 0, "the first issue's week");
	ok(seen(st, "2026-W45", "a", NULL, &same, &t) == 0
	   && !same && t == 0, "a new issue has no content recorded");
	is_int(changed(st, "2026-W45", "a", NOW), 0,
	       "its content changes at the time asked");
	ok(seen(st, "2026-W45", "a", NULL, &same, &t) == 0
	   && same && t == NOW, "the same content is seen, with its time");
	ok(seen(st, "2026-W45", "b", NULL, &same, &t) == 0
	   && !same && t == NOW, "other content is not the same");
	is_int(changed(st, "2026-W46", "x", NOW), 1,
	       "a second issue changed at the same second gets the next");
	is_int(changed(st, "2026-W47", "y", NOW), 2,
	       "a third one the one after");
	is_int(changed(st, "2026-W45", "b", NOW), 0,
	       "an issue's own time is not in its way");
	is_int(changed(st, "2026-W47", "z", NOW + 1), 2,
	       "a taken second moves to the first free one after it");
	ok(seen(st, "2026-W47", "z", NULL, &same, &t) == 0
	   && same && t == NOW + 2, "... and that is recorded");
	ok(seen(st, "2026-W48", "z", NULL, &same, &t) == 0
	   && !same && t == 0, "a week without an issue: nothing recorded");
	/* recorded by an older rounds: the double FNV-1a of the text (the
	 * store's store_content_hash of "old text") */
	ok(q_exec(st, "UPDATE issues SET content_hash ="
		  " '" LEGACY_OLD_TEXT "' WHERE week = '2026-W46'") == 0,
	   "an issue recorded the old way");
	ok(seen(st, "2026-W46", "xnew", "other text", &same, &t) == 0 &&
	   !same && t == NOW + 1, "an old hash of other text: changed");
	check_text(st, "SELECT content_hash FROM issues WHERE"
		   " week = '2026-W46'", LEGACY_OLD_TEXT,
		   "... and its hash is left to the change");
	ok(seen(st, "2026-W46", "xnew", "old text", &same, &t) == 0 &&
	   same && t == NOW + 1, "an old hash of the same text: the same");
	check_text(st, "SELECT content_hash FROM issues WHERE"
		   " week = '2026-W46'", "xnew",
		   "... and the hash takes today's form");
	ok(seen(st, "2026-W46", "xnew", NULL, &same, &t) == 0 && same &&
	   t == NOW + 1, "the next look needs no text");
	ok(rounds_store_issue_changed(st, "2026-W48", "z", NOW, &t, &err) < 0,
	   "an issue not recorded cannot change");
	rounds_store_close(st);
}

/* The drafts digest wrote and the newsletters sent. */
static void test_drafts_sends(void)
{
	struct rounds_store *st = open_fresh();
	struct rounds_store_sent last;
	struct rounds_store_send sd = {
		.week = "2026-W47", .number = 3, .sent = 1795600000,
		.message_id = "rounds.2026-W47@rounds.example",
		.recipients = "a@x.example, b@x.example", .draft = "# v1\n",
	};
	struct rounds_err err;
	bool found, same;

	rounds_err_init(&err);
	if (st == NULL)
		return;
	ok(rounds_store_draft_same(st, "2026-W47", "# v1\n", &found, &same,
				   &err) == 0 && !found && !same,
	   "no draft recorded yet");
	ok(rounds_store_draft_put(st, "2026-W47", "d/2026-W47.md", "# v1\n",
				  1795500000, &err) == 0 &&
	   rounds_store_draft_put(st, "2026-W47", "d/2026-W47.md", "# v2\n",
				  1795500001, &err) == 0, "drafts recorded");
	ok(rounds_store_draft_same(st, "2026-W47", "# v2\n", &found, &same,
				   &err) == 0 && found && same,
	   "the text last written is the same");
	ok(rounds_store_draft_same(st, "2026-W47", "# v1\n", &found, &same,
				   &err) == 0 && found && !same,
	   "an earlier or edited text is not");
	is_int(q_int(st, "SELECT count(*) FROM drafts"), 1,
	       "one record per week");
	ok(rounds_store_send_last(st, "2026-W47", NULL, &found, &last,
				  &err) == 0 && !found, "not sent yet");
	ok(rounds_store_send_add(st, &sd, &err) == 0, "a send recorded");
	sd.sent++;
	sd.draft = NULL;
	ok(rounds_store_send_add(st, &sd, &err) == 0, "a second one");
	ok(rounds_store_send_last(st, "2026-W47", "# v1\n", &found, &last,
				  &err) == 0 && found && last.count == 2 &&
	   last.sent == 1795600001 && last.draft_changed &&
	   strcmp(last.message_id, "rounds.2026-W47@rounds.example") == 0 &&
	   strcmp(last.recipients, "a@x.example, b@x.example") == 0,
	   "the latest send, sent without a draft: one now is a change");
	rounds_store_sent_release(&last);
	ok(rounds_store_send_last(st, "2026-W47", NULL, &found, &last,
				  &err) == 0 && found && !last.draft_changed,
	   "no draft then, none now: unchanged");
	rounds_store_sent_release(&last);
	sd.sent++;
	sd.draft = "# v1\n";
	ok(rounds_store_send_add(st, &sd, &err) == 0 &&
	   rounds_store_send_last(st, "2026-W47", "# v1\n", &found, &last,
				  &err) == 0 && found && !last.draft_changed,
	   "the draft sent is the draft now: unchanged");
	rounds_store_sent_release(&last);
	ok(rounds_store_send_last(st, "2026-W47", "# v1 edited\n", &found,
				  &last, &err) == 0 && last.draft_changed,
	   "an edited draft is a change");
	rounds_store_sent_release(&last);
	ok(rounds_store_send_last(st, "2026-W46", NULL, &found, &last,
				  &err) == 0 && !found,
	   "another week was not sent");
	rounds_store_close(st);
}

/* The window's hash moves with what the digest reads of it (a comment's
 * text, an entry's comment count) and with nothing outside it; the
 * feeds' hash with a title, not with fetch state; pages round-trip. */
static void window_hex(struct rounds_store *st, int64_t since, int64_t until,
		       char out[ROUNDS_HASH_HEX])
{
	struct rounds_hash h;
	struct rounds_err err;

	rounds_err_init(&err);
	rounds_hash_init(&h);
	if (rounds_store_window_hash(st, since, until, &h, &err) < 0)
		snprintf(out, ROUNDS_HASH_HEX, "error");
	else
		rounds_hash_hex(&h, out);
}

static void feeds_hex(struct rounds_store *st, char out[ROUNDS_HASH_HEX])
{
	struct rounds_hash h;
	struct rounds_err err;

	rounds_err_init(&err);
	rounds_hash_init(&h);
	if (rounds_store_feeds_hash(st, &h, &err) < 0)
		snprintf(out, ROUNDS_HASH_HEX, "error");
	else
		rounds_hash_hex(&h, out);
}

static void test_pages(void)
{
	struct rounds_store *st = open_fresh();
	char w0[ROUNDS_HASH_HEX], w1[ROUNDS_HASH_HEX], f0[ROUNDS_HASH_HEX],
	     f1[ROUNDS_HASH_HEX], fp[ROUNDS_HASH_HEX], *note = NULL;
	struct rounds_store_counts c;
	struct rounds_err err;
	struct rounds_feed *f;
	struct rounds_entry *e;
	bool found = true;
	sqlite3 *db;
	int64_t a;

	if (st == NULL)
		return;
	db = q_open(st);
	a = add_feed(st, "https://blog.example/feed");
	f = rounds_feed_new();
	e = entry(f, "https://blog.example/?p=1", "In the week",
		  "https://blog.example/in/", "<p>In</p>");
	e->has_published = true;
	e->published = NOW - 2 * DAY;
	e = entry(f, "https://blog.example/?p=2", "Before it",
		  "https://blog.example/before/", "<p>Before</p>");
	e->has_published = true;
	e->published = NOW - 20 * DAY;
	(void)store(st, a, NOW - DAY, f, &c);
	rounds_feed_free(f);
	sqlite3_exec(db, "INSERT INTO comments(entry_id, guid, content,"
		     " content_hash, first_seen) SELECT id, 'c1', '<p>Hi</p>',"
		     " 'h1', 0 FROM entries WHERE guid LIKE '%p=1'", NULL, NULL,
		     NULL);
	window_hex(st, NOW - 7 * DAY, NOW, w0);
	window_hex(st, NOW - 7 * DAY, NOW, w1);
	is_str(w1, w0, "the window's hash is the same twice");
	sqlite3_exec(db, "UPDATE entries SET content = 'x', content_hash ="
		     " 'other' WHERE guid LIKE '%p=2'", NULL, NULL, NULL);
	window_hex(st, NOW - 7 * DAY, NOW, w1);
	is_str(w1, w0, "an entry outside the window does not move it");
	sqlite3_exec(db, "UPDATE comments SET content_hash = 'h2'", NULL,
		     NULL, NULL);
	window_hex(st, NOW - 7 * DAY, NOW, w1);
	ok(strcmp(w1, w0) != 0, "a comment's new text moves it");
	memcpy(w0, w1, sizeof(w0));
	sqlite3_exec(db, "UPDATE entries SET comment_count = 9 WHERE guid"
		     " LIKE '%p=1'", NULL, NULL, NULL);
	window_hex(st, NOW - 7 * DAY, NOW, w1);
	ok(strcmp(w1, w0) != 0, "an entry's comment count moves it");

	feeds_hex(st, f0);
	sqlite3_exec(db, "UPDATE feeds SET next_fetch = 99, error_count = 3",
		     NULL, NULL, NULL);
	feeds_hex(st, f1);
	is_str(f1, f0, "the feeds' fetch state does not move their hash");
	sqlite3_exec(db, "UPDATE feeds SET user_title = 'Renamed'", NULL,
		     NULL, NULL);
	feeds_hex(st, f1);
	ok(strcmp(f1, f0) != 0, "a feed's new title does");

	rounds_err_init(&err);
	ok(rounds_store_page_get(st, "/site/index.html", fp, &note, &found,
				 &err) == 0 && !found && note == NULL,
	   "an unknown page is not found");
	ok(rounds_store_page_put(st, "/site/index.html", "abc", "{\"n\":1}",
				 &err) == 0 &&
	   rounds_store_page_put(st, "/site/index.html", "def", "{\"n\":2}",
				 &err) == 0, "a page is recorded, then again");
	ok(rounds_store_page_get(st, "/site/index.html", fp, &note, &found,
				 &err) == 0 && found, "and found");
	is_str(fp, "def", "with its latest fingerprint");
	is_str(note, "{\"n\":2}", "and note");
	free(note);
	sqlite3_close(db);
	rounds_store_close(st);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/rounds-store.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(db_path, sizeof(db_path), "%s/t.db", dir);
	if (rounds_clock_set("2026-11-24T08:30:00Z", NULL) < 0)
		return 1;
	test_schema();
	test_subscriptions();
	test_upsert();
	test_json_columns();
	test_rollback();
	test_feed_state();
	test_silent_and_churn();
	test_comments();
	test_continued();
	test_issue_content();
	test_drafts_sends();
	test_pages();
	cleanup();
	{
		char p[320];

		snprintf(p, sizeof(p), "%s.lock", db_path);
		unlink(p);
	}
	rmdir(dir);
	return done_testing();
}
