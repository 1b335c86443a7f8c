/* test_store_rehash.c: schema version 8 changed the content hash of
 * entries and comments; a database of version 7 is brought forward
 * without any stored article or comment looking changed: the same feed
 * and comment feed stored again after the upgrade update nothing. */
#include <inttypes.h>
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
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal",
					   ".lock" };
	char p[320];
	size_t i;

	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", db_path, sfx[i]);
		unlink(p);
	}
}

/* The hash version 7 stored (two FNV-1a sums), frozen here: databases
 * in use hold it. */
static void v7_hash(const char *const *fields, size_t n, char out[33])
{
	uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;
	const uint64_t prime = 0x100000001b3ULL;
	const unsigned char *p;
	size_t i;

	for (i = 0; i < n; i++) {
		if (fields[i]) {
			for (p = (const unsigned char *)fields[i]; *p; p++) {
				a = (a ^ *p) * prime;
				b = (b ^ *p) * prime;
			}
			a = (a ^ 0x1f) * prime;
			b = (b ^ 0x1f) * prime;
		} else {
			a = (a ^ 0x1e) * prime;
			b = (b ^ 0x1e) * prime;
		}
		b = (b ^ (uint64_t)i) * prime;
	}
	snprintf(out, 33, "%016" PRIx64 "%016" PRIx64, a, b);
}

/* v7(f1, ..., fn) in SQL, on the test's own handle. */
static void v7_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *fields[8];
	char sum[33];
	int i;

	for (i = 0; i < argc && i < 8; i++)
		fields[i] = (const char *)sqlite3_value_text(argv[i]);
	v7_hash(fields, (size_t)i, sum);
	sqlite3_result_text(ctx, sum, -1, SQLITE_TRANSIENT);
}

/* Runs sql on a handle of its own (the store closed), with v7(). */
static bool raw_exec(const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;
	bool good;

	good = sqlite3_open(db_path, &db) == SQLITE_OK &&
	       sqlite3_create_function(db, "v7", -1, SQLITE_UTF8, NULL,
				       v7_sql, NULL, NULL) == SQLITE_OK &&
	       sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK;
	if (!good)
		printf("# %s\n", msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	sqlite3_close(db);
	return good;
}

static struct rounds_store *open_db(void)
{
	struct rounds_err err;
	struct rounds_store *st;

	rounds_err_init(&err);
	st = rounds_store_open(db_path, &err);
	if (st == NULL)
		printf("# open: %s\n", err.msg);
	return st;
}

static struct rounds_feed *the_feed(void)
{
	struct rounds_feed *f = rounds_feed_new();
	struct rounds_entry *e = rounds_feed_add_entry(f);

	e->id = xstrdup("https://blog.example/?p=7");
	e->title = xstrdup("Post");
	e->link = xstrdup("https://blog.example/post/");
	e->summary = xstrdup("<p>Short</p>");
	e->content = xstrdup("<p>Body, caf\xc3\xa9</p>");
	e->comments_feed = xstrdup("https://blog.example/post/feed/");
	e->has_published = true;
	e->published = NOW - DAY;
	e = rounds_feed_add_entry(f);          /* no title, no summary */
	e->id = xstrdup("https://blog.example/?p=8");
	e->link = xstrdup("https://blog.example/other/");
	e->content = xstrdup("");
	return f;
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

/* The comment feed; with_parent false: the reply's parent has dropped
 * out of the feed and the reply names it no more. */
static struct rounds_feed *the_comments(bool with_parent)
{
	struct rounds_feed *f = rounds_feed_new();

	comment(f, "https://blog.example/post/#comment-12", "<p>Agreed.</p>",
		with_parent ? "https://blog.example/post/#comment-11" : NULL);
	if (with_parent)
		comment(f, "https://blog.example/post/#comment-11",
			"<p>First!</p>", NULL);
	return f;
}

static int put(struct rounds_store *st, int64_t feed_id, int64_t entry_id,
	       const struct rounds_feed *f, struct rounds_store_counts *c)
{
	struct rounds_fetch_result r;
	struct rounds_err err;
	int rc;

	memset(&r, 0, sizeof(r));
	r.feed_id = feed_id;
	r.entry_id = entry_id;
	r.url = "https://blog.example/feed";
	r.started = NOW;
	r.http_status = 200;
	r.result = "ok";
	r.next_fetch = NOW + 3600;
	r.feed = f;
	rounds_err_init(&err);
	memset(c, 0, sizeof(*c));
	rc = rounds_store_fetch_result(st, &r, c, &err);
	if (rc < 0)
		printf("# fetch_result: %s\n", err.msg);
	return rc;
}

static char *hashes(struct rounds_store *st)
{
	return q_text(st, "SELECT group_concat(h, ' ') FROM (SELECT"
		      " content_hash AS h FROM entries UNION ALL SELECT"
		      " content_hash FROM comments ORDER BY 1)");
}

static void test_upgrade(void)
{
	struct rounds_store *st;
	struct rounds_store_counts c;
	struct rounds_feed *f;
	struct rounds_err err;
	int64_t feed = 0, eid;
	char *before = NULL, *after = NULL;

	cleanup();
	if ((st = open_db()) == NULL)
		return;
	is_int(q_int(st, "PRAGMA user_version"), 8, "a new database is at 8");
	rounds_err_init(&err);
	if (rounds_store_feed_add(st, "https://blog.example/feed", NULL, NULL,
				  0, NULL, &feed, &err) < 0)
		printf("# add: %s\n", err.msg);
	f = the_feed();
	is_int(put(st, feed, 0, f, &c), 0, "the feed stored");
	eid = q_int(st, "SELECT id FROM entries WHERE guid ="
		    " 'https://blog.example/?p=7'");
	rounds_feed_free(f);
	f = the_comments(true);
	is_int(put(st, feed, eid, f, &c), 0, "its comments stored");
	is_int(c.new_comments, 2, "... two of them");
	rounds_feed_free(f);
	/* What a fresh store of the reply alone hashes: its parent unknown. */
	f = the_comments(false);
	is_int(put(st, feed, eid, f, &c), 0, "the reply alone stored again");
	rounds_feed_free(f);
	check_text(st, "SELECT parent_guid FROM comments WHERE guid ="
		   " 'https://blog.example/post/#comment-12'",
		   "https://blog.example/post/#comment-11",
		   "... keeping the parent it had");
	before = hashes(st);
	rounds_store_close(st);

	/* The same rows as version 7 wrote them: its hash, the reply's with
	 * the NULL parent it was last hashed with. */
	ok(raw_exec("UPDATE entries SET content_hash ="
		    " v7(title, summary, content, link);"
		    "UPDATE comments SET content_hash = v7(content, author,"
		    " link, CASE WHEN guid LIKE '%-12' THEN NULL"
		    " ELSE parent_guid END);"
		    "PRAGMA user_version = 7;"), "a database of version 7");
	if ((st = open_db()) == NULL)
		return;
	is_int(q_int(st, "PRAGMA user_version"), 8, "... brought to 8");
	after = hashes(st);
	is_str(after, before, "each hash is what version 8 stores");

	f = the_feed();
	is_int(put(st, feed, 0, f, &c), 0, "the same feed stored after");
	is_int(c.new_entries + c.updated_entries, 0,
	       "... no entry new or changed");
	is_int(q_int(st, "SELECT count(*) FROM entries WHERE is_updated"), 0,
	       "... none marked updated");
	rounds_feed_free(f);
	f = the_comments(false);
	is_int(put(st, feed, eid, f, &c), 0, "the comments stored after");
	is_int(c.new_comments, 0, "... none new");
	rounds_feed_free(f);
	free(after);
	after = hashes(st);
	is_str(after, before, "... and no hash moved");
	rounds_store_close(st);

	/* A hash that never matched its row is left as it was. */
	ok(raw_exec("UPDATE entries SET content_hash = 'x';"
		    "PRAGMA user_version = 7;"), "a stray hash at 7");
	if ((st = open_db()) != NULL) {
		is_int(q_int(st, "SELECT count(*) FROM entries WHERE"
			     " content_hash = 'x'"), 2, "... kept");
		rounds_store_close(st);
	}
	free(before);
	free(after);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/rounds-rehash.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(db_path, sizeof(db_path), "%s/t.db", dir);
	if (rounds_clock_set("2026-11-24T08:30:00Z", NULL) < 0)
		return 1;
	test_upgrade();
	cleanup();
	rmdir(dir);
	return done_testing();
}
