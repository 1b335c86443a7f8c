/* store_comments.c: a comment feed's comments into the comments table,
 * each with its parent (rounds_feed_comment_parent, else an older stored
 * comment the reply marker names). */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "rounds/buf.h"
#include "rounds/reply.h"
#include "store_int.h"

static const char *html_of(const struct rounds_entry *c)
{
	return c->content ? c->content : c->summary;
}

/* The parent among the comments already stored for the entry (a comment
 * feed shows only the latest comments, so the parent may be older). */
static int parent_in_db(struct rounds_store *st, int64_t entry_id,
			const struct rounds_entry *c, char **parent,
			struct rounds_err *err)
{
	struct rounds_buf like;
	sqlite3_stmt *s;
	char *anchor = rounds_feed_reply_anchor(c);
	const char *g, *l;
	int step, rc = -1;

	*parent = NULL;
	if (anchor == NULL)
		return 0;
	rounds_buf_init(&like, 0);
	if (rounds_buf_printf(&like, "%%#%s%%", anchor) < 0 ||
	    (s = store_stmt(st, SQ_COMMENT_BY_ANCHOR, err)) == NULL)
		goto out;
	sqlite3_bind_int64(s, 1, entry_id);
	store_bind_text(s, 2, rounds_buf_str(&like));
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		g = (const char *)sqlite3_column_text(s, 0);
		l = (const char *)sqlite3_column_text(s, 1);
		if (g && !(c->id && strcmp(g, c->id) == 0) &&
		    rounds_reply_names(g, l, anchor)) {
			*parent = xstrdup(g);
			break;
		}
	}
	sqlite3_reset(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		store_fail(st, "comment lookup", err);
		goto out;
	}
	rc = 0;
out:
	free(anchor);
	rounds_buf_release(&like);
	return rc;
}

static char *author_json(const struct rounds_entry *c)
{
	const struct rounds_person *p = NULL;
	json_t *o;
	char *s;
	size_t i;

	for (i = 0; i < c->n_authors && p == NULL; i++)
		if (!rounds_person_empty(&c->authors[i]))
			p = &c->authors[i];
	if (p == NULL)
		return NULL;
	o = json_object();
	if (p->name)
		json_object_set_new(o, "name", json_string(p->name));
	if (p->email)
		json_object_set_new(o, "email", json_string(p->email));
	if (p->uri)
		json_object_set_new(o, "uri", json_string(p->uri));
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return s;
}

static int entry_keys(struct rounds_store *st, int64_t entry_id,
		      char **guid, char **link, struct rounds_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQ_ENTRY_KEYS, err);
	int rc = -1, step;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, entry_id);
	step = sqlite3_step(s);
	if (step == SQLITE_DONE) {
		rounds_err_set(err, EX_SOFTWARE, "database '%s': no entry %lld"
			       " for its comments", st->path,
			       (long long)entry_id);
		goto out;
	}
	if (step != SQLITE_ROW) {
		store_fail(st, "entry lookup", err);
		goto out;
	}
	*guid = store_col_text(s, 0);
	*link = store_col_text(s, 1);
	rc = 0;
out:
	sqlite3_reset(s);
	return rc;
}

/* One comment: inserted, or updated when its text changed. */
static int put_comment(struct rounds_store *st, int64_t entry_id,
		       const struct rounds_entry *c, const char *parent,
		       int64_t now, struct rounds_store_counts *counts,
		       struct rounds_err *err)
{
	char *author = author_json(c), hash[33];
	const char *fields[4] = { html_of(c), author, c->link, parent };
	const char *old;
	sqlite3_stmt *s;
	bool found = false, same = false;
	int step, rc = -1;

	store_text_hash(fields, 4, hash);
	if ((s = store_stmt(st, SQ_COMMENT_FIND, err)) == NULL)
		goto out;
	sqlite3_bind_int64(s, 1, entry_id);
	store_bind_text(s, 2, c->id);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		found = true;
		old = (const char *)sqlite3_column_text(s, 0);
		same = old && strcmp(old, hash) == 0;
	}
	sqlite3_reset(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		store_fail(st, "comment lookup", err);
		goto out;
	}
	if (same) {
		rc = 0;
		goto out;
	}
	s = store_stmt(st, found ? SQ_COMMENT_UPDATE : SQ_COMMENT_INSERT, err);
	if (s == NULL)
		goto out;
	sqlite3_bind_int64(s, 1, entry_id);
	store_bind_text(s, 2, c->id);
	store_bind_text(s, 3, parent);
	store_bind_text(s, 4, author);
	store_bind_text(s, 5, c->link);
	store_bind_opt(s, 6, c->has_published || c->has_updated,
		       c->has_published ? c->published : c->updated);
	store_bind_borrowed(s, 7, html_of(c));
	store_bind_text(s, 8, hash);
	if (!found)
		sqlite3_bind_int64(s, 9, now);
	if (store_step_done(st, s, "comment", err) < 0)
		goto out;
	if (!found)
		counts->new_comments++;
	rc = 0;
out:
	free(author);
	return rc;
}

int store_comments_put(struct rounds_store *st, int64_t entry_id,
		       const struct rounds_feed *f, int64_t now,
		       struct rounds_store_counts *counts,
		       struct rounds_err *err)
{
	char *guid = NULL, *link = NULL, *parent;
	const struct rounds_entry *c;
	size_t i;
	int rc = -1;

	if (entry_keys(st, entry_id, &guid, &link, err) < 0)
		goto out;
	for (i = 0; i < f->n_entries; i++) {
		c = &f->entries[i];
		parent = rounds_feed_comment_parent(c, guid, link,
						     f->entries, f->n_entries);
		if (parent == NULL && (c->n_in_reply_to == 0 ||
				       c->in_reply_to[0].ref == NULL) &&
		    parent_in_db(st, entry_id, c, &parent, err) < 0)
			goto out;
		if (put_comment(st, entry_id, c, parent, now, counts,
				err) < 0) {
			free(parent);
			goto out;
		}
		free(parent);
	}
	rc = 0;
out:
	free(guid);
	free(link);
	return rc;
}
