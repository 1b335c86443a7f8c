/* store_list.c: applying a list of subscriptions (an OPML file) to the
 * feeds table: add what it names, and with sync follow its titles and
 * tags and drop the opml-origin feeds it no longer names. */
#include <string.h>
#include "store_int.h"

static int exec_bind(struct rounds_store *st, const char *sql, int64_t id,
		     const char *text, struct rounds_err *err)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st, sql, &s, err) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, text);
	rc = store_step_done(st, s, "opml", err);
	sqlite3_finalize(s);
	return rc;
}

/* A feed already subscribed: when it came from OPML, the file's title and
 * tags replace the old ones; a feed added by hand only gains tags. */
static int refresh_feed(struct rounds_store *st, int64_t id,
			const struct rounds_listed_feed *f, bool sync,
			struct rounds_err *err)
{
	size_t i;

	if (sync) {
		if (exec_bind(st, "UPDATE feeds SET user_title = ?2"
			      " WHERE id = ?1 AND origin = 'opml'", id,
			      f->title, err) < 0 ||
		    exec_bind(st, "DELETE FROM feed_tags WHERE feed_id = ?1"
			      " AND (SELECT origin FROM feeds WHERE id = ?1)"
			      " = 'opml'", id, NULL, err) < 0)
			return -1;
	}
	for (i = 0; i < f->n_tags; i++)
		if (store_tag_add(st, id, f->tags[i], err) < 0)
			return -1;
	return 0;
}

static int add_one(struct rounds_store *st, const struct rounds_listed_feed *f,
		   bool sync, struct rounds_list_counts *c,
		   struct rounds_err *err)
{
	int64_t id;
	int r;

	r = rounds_store_feed_add(st, f->url, f->title,
				  (const char *const *)f->tags, f->n_tags,
				  "opml", &id, err);
	if (r < 0)
		return -1;
	if (r == 0) {
		c->added++;
	} else {
		c->kept++;
		if (refresh_feed(st, id, f, sync, err) < 0)
			return -1;
	}
	if (sync && exec_bind(st, "INSERT OR IGNORE INTO temp.opml_seen"
			      "(url) VALUES(?2)", 0, f->url, err) < 0)
		return -1;
	return 0;
}

int rounds_store_list_apply(struct rounds_store *st,
			    const struct rounds_listed_feed *v, size_t n,
			    bool sync, struct rounds_list_counts *counts,
			    struct rounds_err *err)
{
	size_t i;

	memset(counts, 0, sizeof(*counts));
	if (sync && (store_exec(st, "CREATE TEMP TABLE IF NOT EXISTS "
				"opml_seen(url TEXT PRIMARY KEY)", err) < 0 ||
		     store_exec(st, "DELETE FROM temp.opml_seen", err) < 0))
		return -1;
	for (i = 0; i < n; i++)
		if (add_one(st, &v[i], sync, counts, err) < 0)
			return -1;
	if (sync) {
		if (store_exec(st, "DELETE FROM feeds WHERE origin = 'opml' AND"
			       " url NOT IN (SELECT url FROM temp.opml_seen)",
			       err) < 0)
			return -1;
		counts->removed = sqlite3_changes(st->db);
	}
	return 0;
}
