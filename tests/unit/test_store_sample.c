/* test_store_sample.c: the offline sample (feeds/sample) parsed and stored
 * as a fetch would: each blog's feed, then the comment feed of each of its
 * entries.  Checks the threading on real comment feeds: every WordPress
 * "In reply to" comment and every Atom reply to a comment finds its parent
 * within the same thread. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "rounds/buf.h"
#include "rounds/caps.h"
#include "rounds/fsutil.h"
#include "rounds/parse.h"
#include <sqlite3.h>
#include "rounds/store.h"
#include "../tap.h"
#include "sqlq.h"

static char dir[256];
static int parse_unavailable;

static struct rounds_feed *parse_file(const char *path, const char *base)
{
	struct rounds_parse_opts o = { base, NULL };
	struct rounds_feed *f = NULL;
	struct rounds_err err;
	char *data = NULL;
	size_t len = 0;

	rounds_err_init(&err);
	if (rounds_file_read(path, ROUNDS_MAX_DOC, &data, &len, &err) < 0) {
		printf("# %s\n", err.msg);
		return NULL;
	}
	if (rounds_parse(data, len, &o, &f, &err) < 0) {
		if (err.code == EX_UNAVAILABLE)
			parse_unavailable = 1;
		else
			printf("# parse '%s': %s\n", path, err.msg);
		f = NULL;
	}
	free(data);
	return f;
}

static int store_one(struct rounds_store *st, int64_t feed_id,
		     int64_t entry_id, const char *url,
		     const struct rounds_feed *f, struct rounds_store_counts *c)
{
	struct rounds_fetch_result r;
	struct rounds_err err;

	memset(&r, 0, sizeof(r));
	r.feed_id = feed_id;
	r.entry_id = entry_id;
	r.url = url;
	r.started = 1795521600;
	r.http_status = 200;
	r.result = "ok";
	r.next_fetch = r.started + 3600;
	r.feed = f;
	rounds_err_init(&err);
	if (rounds_store_fetch_result(st, &r, c, &err) < 0) {
		printf("# store '%s': %s\n", url, err.msg);
		return -1;
	}
	return 0;
}

/* Stores one blog and its comment feeds; returns the comments stored. */
static int blog(struct rounds_store *st, const char *root, const char *name,
		int *comment_docs)
{
	struct rounds_store_counts c;
	struct rounds_feed *f, *cf;
	struct rounds_err err;
	char path[1024], url[1100];
	int64_t feed_id = 0, entry;
	sqlite3_stmt *s;
	sqlite3 *db;
	size_t i;
	int n = 0;

	snprintf(path, sizeof(path), "%s/%s/feed.xml", root, name);
	snprintf(url, sizeof(url), "file://%s", path);
	rounds_err_init(&err);
	if (rounds_store_feed_add(st, url, NULL, NULL, 0, "opml", &feed_id,
				  &err) < 0)
		return -1;
	f = parse_file(path, url);
	if (f == NULL || store_one(st, feed_id, 0, url, f, &c) < 0) {
		rounds_feed_free(f);
		return -1;
	}
	for (i = 0; i < f->n_entries; i++) {
		const char *cu = f->entries[i].comments_feed;

		if (cu == NULL || strncmp(cu, "file://", 7) != 0)
			continue;
		if ((db = q_open(st)) == NULL ||
		    sqlite3_prepare_v2(db, "SELECT id FROM entries WHERE"
				       " feed_id = ?1 AND guid = ?2", -1, &s,
				       NULL) != SQLITE_OK) {
			sqlite3_close(db);
			break;
		}
		sqlite3_bind_int64(s, 1, feed_id);
		sqlite3_bind_text(s, 2, f->entries[i].id, -1, SQLITE_STATIC);
		entry = sqlite3_step(s) == SQLITE_ROW ?
			sqlite3_column_int64(s, 0) : 0;
		sqlite3_finalize(s);
		sqlite3_close(db);
		if (entry == 0)
			continue;
		cf = parse_file(cu + 7, cu);
		if (cf && store_one(st, feed_id, entry, cu, cf, &c) == 0) {
			n += c.new_comments;
			(*comment_docs)++;
		}
		rounds_feed_free(cf);
	}
	rounds_feed_free(f);
	return n;
}

int main(void)
{
	const char *src = getenv("SRCDIR"), *tmp = getenv("TMPDIR");
	struct rounds_store *st;
	struct rounds_err err;
	struct dirent *d;
	char root[1024], db[512], cmd[600], *real;
	int blogs = 0, comments = 0, docs = 0, n;
	DIR *dh;

	snprintf(root, sizeof(root), "%s/feeds/sample", src ? src : ".");
	real = realpath(root, NULL);
	if (real == NULL || (dh = opendir(real)) == NULL) {
		printf("1..0 # SKIP no feeds/sample in '%s'\n", root);
		free(real);
		return 0;
	}
	snprintf(dir, sizeof(dir), "%s/rounds-sample.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(db, sizeof(db), "%s/s.db", dir);
	rounds_err_init(&err);
	st = rounds_store_open(db, &err);
	if (st == NULL) {
		printf("# %s\n", err.msg);
		return 1;
	}
	while ((d = readdir(dh)) != NULL) {
		char feed[1400];

		if (d->d_name[0] == '.')
			continue;
		snprintf(feed, sizeof(feed), "%s/%s/feed.xml", real, d->d_name);
		if (access(feed, R_OK) != 0)
			continue;
		n = blog(st, real, d->d_name, &docs);
		if (parse_unavailable)
			break;
		snprintf(feed, sizeof(feed), "%s/%s/pages", real, d->d_name);
		if (access(feed, R_OK) == 0) {
			/* its feed announces no comment feed: a look finds
			 * them (tests/sample, tests/fetch/test_discover) */
			is_int(n, 0, "'%s': announces no comment feed",
			       d->d_name);
			continue;
		}
		ok(n > 0, "'%s': its comment feeds stored (%d comments)",
		   d->d_name, n);
		blogs++;
		comments += n > 0 ? n : 0;
	}
	closedir(dh);
	if (parse_unavailable) {
		rounds_store_close(st);
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			diag("could not remove the scratch directory");
		free(real);
		printf("1..0 # SKIP the parser is not available\n");
		return 0;
	}
	ok(blogs >= 3, "the sample has blogs (%d)", blogs);
	ok(docs >= blogs, "and comment feeds (%d)", docs);
	is_int(q_int(st, "SELECT count(*) FROM comments"), comments,
	       "every comment stored once");
	ok(q_int(st, "SELECT count(*) FROM comments WHERE content LIKE "
		 "'In reply to <a %' OR content LIKE '<p>In reply to <a %'") > 0,
	   "the sample has WordPress replies");
	is_int(q_int(st, "SELECT count(*) FROM comments WHERE (content LIKE "
		     "'In reply to <a %' OR content LIKE '<p>In reply to <a %')"
		     " AND parent_guid IS NULL"), 0,
	       "every WordPress 'In reply to' comment has a parent");
	ok(q_int(st, "SELECT count(*) FROM comments WHERE parent_guid IS NOT"
		 " NULL") > 0, "some comments are replies");
	is_int(q_int(st, "SELECT count(*) FROM comments c WHERE parent_guid"
		     " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM comments p"
		     " WHERE p.entry_id = c.entry_id AND p.guid ="
		     " c.parent_guid)"), 0,
	       "every parent is a comment of the same thread");
	is_int(q_int(st, "SELECT count(*) FROM comments c JOIN entries e ON"
		     " e.id = c.entry_id WHERE c.parent_guid = e.guid"), 0,
	       "no comment is nested under the article itself");
	ok(q_int(st, "SELECT count(*) FROM comments WHERE parent_guid IS"
		 " NULL") > 0, "top-level comments exist");
	rounds_store_close(st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove the scratch directory");
	free(real);
	return done_testing();
}
