/* store_fetch.c: storing one fetch result: feed state, the fetch log, and
 * the entries of a feed or the comments of an entry, in one transaction. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "rounds/buf.h"
#include "rounds/url.h"
#include "store_int.h"

static json_t *person_json(const struct rounds_person *p)
{
	json_t *o = json_object();

	if (p->name)
		json_object_set_new(o, "name", json_string(p->name));
	if (p->email)
		json_object_set_new(o, "email", json_string(p->email));
	if (p->uri)
		json_object_set_new(o, "uri", json_string(p->uri));
	return o;
}

/* Encodes j (stolen) compactly; NULL for NULL or an empty array.
 * Strings that are not UTF-8 make jansson refuse them: they become NULL. */
static char *json_text(json_t *j)
{
	char *s = NULL;

	if (j && !(json_is_array(j) && json_array_size(j) == 0))
		s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	return s;
}

static char *authors_json(const struct rounds_entry *e)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < e->n_authors; i++)
		if (!rounds_person_empty(&e->authors[i]))
			json_array_append_new(a, person_json(&e->authors[i]));
	return json_text(a);
}

static char *categories_json(const struct rounds_entry *e)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < e->n_categories; i++)
		if (e->categories[i])
			json_array_append_new(a, json_string(e->categories[i]));
	return json_text(a);
}

static char *enclosures_json(const struct rounds_entry *e)
{
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < e->n_enclosures; i++) {
		if (e->enclosures[i].url == NULL)
			continue;
		o = json_object();
		json_object_set_new(o, "url",
				    json_string(e->enclosures[i].url));
		if (e->enclosures[i].type)
			json_object_set_new(o, "type",
					    json_string(e->enclosures[i].type));
		if (e->enclosures[i].has_length)
			json_object_set_new(o, "length", json_integer(
				(json_int_t)e->enclosures[i].length));
		json_array_append_new(a, o);
	}
	return json_text(a);
}

/* The entry's column values other than keys. */
struct entry_cols {
	char *canonical, *authors, *categories, *enclosures;
	char hash[33];
};

/* Only the hash: enough to tell an unchanged entry. */
static void entry_cols_hash(struct entry_cols *c, const struct rounds_entry *e)
{
	const char *fields[4] = { e->title, e->summary, e->content, e->link };

	memset(c, 0, sizeof(*c));
	store_text_hash(fields, 4, c->hash);
}

static void entry_cols_fill(struct entry_cols *c, const struct rounds_entry *e)
{
	c->canonical = rounds_url_canonical(e->link);
	if (c->canonical == NULL)
		c->canonical = xstrdup(e->link);
	c->authors = authors_json(e);
	c->categories = categories_json(e);
	c->enclosures = enclosures_json(e);
}

static void entry_cols_release(struct entry_cols *c)
{
	free(c->canonical);
	free(c->authors);
	free(c->categories);
	free(c->enclosures);
}

static void bind_entry(sqlite3_stmt *s, int64_t feed_id,
		       const struct rounds_entry *e,
		       const struct entry_cols *c, int64_t now)
{
	sqlite3_bind_int64(s, 1, feed_id);
	store_bind_text(s, 2, e->id);
	store_bind_text(s, 3, e->link);
	store_bind_text(s, 4, c->canonical);
	store_bind_text(s, 5, e->title);
	store_bind_text(s, 6, c->authors);
	store_bind_text(s, 7, c->categories);
	store_bind_opt(s, 8, e->has_published, e->published);
	store_bind_opt(s, 9, e->has_updated, e->updated);
	store_bind_borrowed(s, 10, e->summary);
	store_bind_borrowed(s, 11, e->content);
	store_bind_text(s, 12, c->hash);
	store_bind_text(s, 13, e->comments);
	store_bind_text(s, 14, e->comments_feed);
	store_bind_opt(s, 15, e->has_comment_count, e->comment_count);
	store_bind_text(s, 16, c->enclosures);
	sqlite3_bind_int64(s, 17, now);
}

/* One entry: new, changed (is_updated) or only seen again. */
static int put_entry(struct rounds_store *st, int64_t feed_id,
		     const struct rounds_entry *e, int64_t now,
		     struct rounds_store_counts *counts,
		     struct rounds_err *err)
{
	struct entry_cols c;
	sqlite3_stmt *s;
	const char *old;
	enum store_stmt which;
	bool found = false, same = false;
	int step, rc = -1;

	entry_cols_hash(&c, e);
	if ((s = store_stmt(st, SQ_ENTRY_FIND, err)) == NULL)
		goto out;
	sqlite3_bind_int64(s, 1, feed_id);
	store_bind_text(s, 2, e->id);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		found = true;
		old = (const char *)sqlite3_column_text(s, 1);
		same = old && strcmp(old, c.hash) == 0;
	}
	sqlite3_reset(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		store_fail(st, "entry lookup", err);
		goto out;
	}
	if (found && same) {
		if ((s = store_stmt(st, SQ_ENTRY_SEEN, err)) == NULL)
			goto out;
		sqlite3_bind_int64(s, 1, feed_id);
		store_bind_text(s, 2, e->id);
		sqlite3_bind_int64(s, 3, now);
		store_bind_opt(s, 4, e->has_comment_count, e->comment_count);
		store_bind_text(s, 5, e->comments);
		store_bind_text(s, 6, e->comments_feed);
		rc = store_step_done(st, s, "entry", err);
		goto out;
	}
	entry_cols_fill(&c, e);
	which = found ? SQ_ENTRY_UPDATE : SQ_ENTRY_INSERT;
	if ((s = store_stmt(st, which, err)) == NULL)
		goto out;
	bind_entry(s, feed_id, e, &c, now);
	if (store_step_done(st, s, "entry", err) < 0)
		goto out;
	if (found)
		counts->updated_entries++;
	else
		counts->new_entries++;
	rc = 0;
out:
	entry_cols_release(&c);
	return rc;
}

static bool res_is(const struct rounds_fetch_result *res, const char *what)
{
	return res->result && strcmp(res->result, what) == 0;
}

static bool res_ok(const struct rounds_fetch_result *res)
{
	return res_is(res, "ok") || res_is(res, "not_modified");
}

static int feed_state(struct rounds_store *st,
		      const struct rounds_fetch_result *res,
		      const struct rounds_store_counts *counts,
		      struct rounds_err *err)
{
	const struct rounds_feed *f = res->feed;
	sqlite3_stmt *s = store_stmt(st, SQ_FEED_STATE, err);
	bool ok = res_ok(res);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, res->feed_id);
	sqlite3_bind_int64(s, 2, res->started);
	sqlite3_bind_int(s, 3, ok);
	sqlite3_bind_int(s, 4, !ok);
	sqlite3_bind_int(s, 5, res_is(res, "gone"));
	store_bind_text(s, 6, res->etag);
	store_bind_text(s, 7, res->last_modified);
	sqlite3_bind_int64(s, 8, res->next_fetch);
	store_bind_opt(s, 9, f && f->min_interval > 0, f ? f->min_interval : 0);
	store_bind_text(s, 10, f ? f->title : NULL);
	store_bind_text(s, 11, f ? f->link : NULL);
	store_bind_text(s, 12, f ? f->self : NULL);
	store_bind_text(s, 13, res->error ? res->error :
			(ok ? NULL : res->result));
	store_bind_opt(s, 14, res->http_status > 0, res->http_status);
	sqlite3_bind_int(s, 15, counts->new_entries > 0);
	store_bind_text(s, 16, f ? f->generator : NULL);
	if (store_step_done(st, s, "feed state", err) < 0)
		return -1;
	if (sqlite3_changes(st->db) != 1)
		return rounds_err_set(err, EX_SOFTWARE, "database '%s': no "
				      "feed %" PRId64 " for '%s'", st->path,
				      res->feed_id, res->url ? res->url : "");
	/* A permanent redirect: remember it and count how often in a row it
	 * was seen; an answer without one clears it. */
	if (res->moved_to == NULL && !ok)
		return 0;
	if ((s = store_stmt(st, SQ_FEED_MOVED, err)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, res->feed_id);
	store_bind_text(s, 2, res->moved_to);
	if (store_step_done(st, s, "feed moved", err) < 0)
		return -1;
	if (res->moved_to == NULL)
		return 0;
	if ((s = store_stmt(st, SQ_REDIRECT_INSERT, err)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, res->feed_id);
	store_bind_text(s, 2, res->url);
	store_bind_text(s, 3, res->moved_to);
	store_bind_opt(s, 4, res->http_status > 0, res->http_status);
	sqlite3_bind_int64(s, 5, res->started);
	return store_step_done(st, s, "redirect", err);
}

static int entry_cstate(struct rounds_store *st,
			const struct rounds_fetch_result *res,
			struct rounds_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQ_ENTRY_CSTATE, err);
	bool ok = res_ok(res);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, res->entry_id);
	sqlite3_bind_int(s, 2, ok);
	sqlite3_bind_int(s, 3, !ok);
	store_bind_text(s, 4, res->etag);
	store_bind_text(s, 5, res->last_modified);
	sqlite3_bind_int64(s, 6, res->next_fetch);
	if (store_step_done(st, s, "comment feed state", err) < 0)
		return -1;
	if (sqlite3_changes(st->db) != 1)
		return rounds_err_set(err, EX_SOFTWARE, "database '%s': no "
				      "entry %" PRId64 " for '%s'", st->path,
				      res->entry_id, res->url ? res->url : "");
	return 0;
}

static int log_row(struct rounds_store *st,
		   const struct rounds_fetch_result *res,
		   const struct rounds_store_counts *counts, int new_ids,
		   struct rounds_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQ_LOG_INSERT, err);
	bool entries = res->entry_id <= 0 && res->feed != NULL;

	if (s == NULL)
		return -1;
	store_bind_opt(s, 1, res->feed_id > 0, res->feed_id);
	store_bind_opt(s, 2, res->entry_id > 0, res->entry_id);
	store_bind_text(s, 3, res->url);
	sqlite3_bind_int64(s, 4, res->started);
	store_bind_opt(s, 5, res->http_status > 0, res->http_status);
	store_bind_text(s, 6, res->result);
	sqlite3_bind_int64(s, 7, res->bytes);
	sqlite3_bind_int(s, 8, res->entry_id > 0 ? counts->new_comments :
			 counts->new_entries);
	sqlite3_bind_int(s, 9, counts->updated_entries);
	store_bind_opt(s, 10, entries, new_ids);
	store_bind_text(s, 11, res->error);
	store_bind_opt(s, 12, entries, entries ?
		       (int64_t)res->feed->n_entries : 0);
	return store_step_done(st, s, "fetch log", err);
}

int rounds_store_fetch_result(struct rounds_store *st,
			      const struct rounds_fetch_result *res,
			      struct rounds_store_counts *counts,
			      struct rounds_err *err)
{
	struct rounds_store_counts c = { 0, 0, 0 };
	const struct rounds_feed *f = res->feed;
	size_t i;

	if (store_savepoint(st, err) < 0)
		return -1;
	if (res->entry_id > 0) {
		if (f && store_comments_put(st, res->entry_id, f, res->started,
					    &c, err) < 0)
			goto fail;
		if (entry_cstate(st, res, err) < 0)
			goto fail;
	} else {
		for (i = 0; f && i < f->n_entries; i++)
			if (put_entry(st, res->feed_id, &f->entries[i],
				      res->started, &c, err) < 0)
				goto fail;
		if (feed_state(st, res, &c, err) < 0)
			goto fail;
	}
	if (log_row(st, res, &c, c.new_entries, err) < 0)
		goto fail;
	if (store_release(st, err) < 0)
		return -1;
	if (counts)
		*counts = c;
	return 0;
fail:
	store_rollback_to(st);
	return -1;
}
