/* digest_load.c: the digest's data from the store: the feeds, marked
 * wanted by --feed/--tag, the window's entries of wanted feeds (by row),
 * the earlier ones whose threads grew in it, and the comments of the
 * articles kept. */
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include "rounds/buf.h"
#include "digest_int.h"

static char *dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static struct digest_feed *feed_by_id(struct digest_data *d, int64_t id)
{
	size_t lo = 0, hi = d->n_feeds, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (d->feeds[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->n_feeds && d->feeds[lo].id == id ? &d->feeds[lo] : NULL;
}

static int mark_tagged(struct rounds_store *st, const char *const *tags,
		       size_t n_tags, struct digest_data *d, bool *tagged,
		       struct rounds_err *err)
{
	struct digest_feed *f;
	int64_t *ids;
	size_t i, j, n;

	for (i = 0; i < n_tags; i++) {
		if (rounds_store_tagged(st, tags[i], &ids, &n, err) < 0)
			return -1;
		for (j = 0; j < n; j++)
			if ((f = feed_by_id(d, ids[j])))
				tagged[f - d->feeds] = true;
		free(ids);
	}
	return 0;
}

/* The URL a reader can use for the feed: the one it is fetched from,
 * but for a file (a local path means nothing elsewhere) the one it gives
 * itself, when that is on the web. */
static char *public_url(const char *url, const char *self)
{
	if (strncasecmp(url, "file:", 5) != 0)
		return dup(url);
	if (self && (strncasecmp(self, "http://", 7) == 0 ||
		     strncasecmp(self, "https://", 8) == 0))
		return dup(self);
	return NULL;
}

static int add_feed(void *ctx, const struct rounds_store_feed *row,
		    struct rounds_err *err)
{
	struct digest_data *d = ctx;
	struct digest_feed *f;

	(void)err;
	if (d->n_feeds == d->feeds_alloc) {
		d->feeds_alloc = d->feeds_alloc ? 2 * d->feeds_alloc : 16;
		d->feeds = xrealloc(d->feeds,
				    d->feeds_alloc * sizeof(*d->feeds));
	}
	f = &d->feeds[d->n_feeds++];
	f->id = row->id;
	f->url = dup(row->url);
	f->title = dup(row->title);
	f->link = dup(row->site_link);
	f->pub = public_url(row->url, row->self);
	f->wanted = true;
	return 0;
}

int digest_load_feeds(struct rounds_store *st, const char *const *feeds,
		      size_t n_feeds, const char *const *tags, size_t n_tags,
		      struct digest_data *d, struct rounds_err *err)
{
	struct digest_feed *f;
	bool *tagged = NULL, found;
	size_t i, j;
	int rc = -1;

	if (rounds_store_each_feed(st, add_feed, d, err) < 0)
		return -1;
	for (i = 0; i < n_feeds; i++) {
		for (found = false, j = 0; j < d->n_feeds; j++)
			found |= strcmp(d->feeds[j].url, feeds[i]) == 0;
		if (!found) {
			rounds_err_set(err, EX_DATAERR, "feed '%s' is not "
				       "subscribed (see 'rounds feeds list')",
				       feeds[i]);
			goto out;
		}
	}
	tagged = xcalloc(d->n_feeds + 1, sizeof(*tagged));
	if (n_tags > 0 && mark_tagged(st, tags, n_tags, d, tagged, err) < 0)
		goto out;
	for (j = 0; j < d->n_feeds; j++) {
		f = &d->feeds[j];
		if (n_tags > 0 && !tagged[j])
			f->wanted = false;
		for (found = n_feeds == 0, i = 0; i < n_feeds; i++)
			found |= strcmp(f->url, feeds[i]) == 0;
		if (!found)
			f->wanted = false;
	}
	rc = 0;
out:
	free(tagged);
	return rc;
}

static void read_entry(const struct rounds_store_entry *e,
		       struct digest_article *a, size_t fi)
{
	memset(a, 0, sizeof(*a));
	a->row = e->id;
	a->feed = fi;
	a->guid = dup(e->guid);
	a->link = dup(e->link);
	a->canonical = dup(e->canonical);
	a->title = dup(e->title);
	a->authors = dup(e->authors);
	a->categories = dup(e->categories);
	a->has_published = e->has_published;
	a->published = e->published;
	a->has_updated = e->has_updated;
	a->updated = e->updated;
	a->first_seen = e->first_seen;
	a->summary = dup(e->summary);
	a->content = dup(e->content);
	a->comments_link = dup(e->comments_link);
	a->has_comment_count = e->has_comment_count;
	a->comment_count = e->comment_count;
	a->when = a->has_published ? a->published :
		a->has_updated ? a->updated : a->first_seen;
	a->main = SIZE_MAX;
}

static int by_row(const void *x, const void *y)
{
	const struct digest_article *a = x, *b = y;

	return a->row < b->row ? -1 : a->row > b->row;
}

static int add_entry(void *ctx, const struct rounds_store_entry *e,
		     struct rounds_err *err)
{
	struct digest_data *d = ctx;
	struct digest_feed *f = feed_by_id(d, e->feed_id);

	(void)err;
	if (f == NULL || !f->wanted)
		return 0;
	if (d->n_arts == d->arts_alloc) {
		d->arts_alloc = d->arts_alloc ? 2 * d->arts_alloc : 64;
		d->arts = xrealloc(d->arts, d->arts_alloc * sizeof(*d->arts));
	}
	read_entry(e, &d->arts[d->n_arts++], (size_t)(f - d->feeds));
	return 0;
}

int digest_load_entries(struct rounds_store *st, int64_t since,
			int64_t until, struct digest_data *d,
			struct rounds_err *err)
{
	if (rounds_store_each_entry(st, since, until, add_entry, d, err) < 0)
		return -1;
	if (d->n_arts > 0)
		qsort(d->arts, d->n_arts, sizeof(*d->arts), by_row);
	return 0;
}

int digest_load_continued(struct rounds_store *st, int64_t from,
			  int64_t since, int64_t until, struct digest_data *d,
			  struct rounds_err *err)
{
	if (rounds_store_each_continued(st, from, since, until, add_entry, d,
					err) < 0)
		return -1;
	if (d->n_arts > 0)
		qsort(d->arts, d->n_arts, sizeof(*d->arts), by_row);
	return 0;
}

static struct digest_article *art_by_row(struct digest_data *d, int64_t row)
{
	struct digest_article key = { .row = row };

	if (d->n_arts == 0)
		return NULL;
	return bsearch(&key, d->arts, d->n_arts, sizeof(*d->arts), by_row);
}

struct comment_load {
	struct digest_data *d;
	struct digest_article *a;    /* the current entry's */
	int64_t row;
	bool have_row;
	size_t alloc;
};

static int add_comment(void *ctx, const struct rounds_store_comment *row,
		       struct rounds_err *err)
{
	struct comment_load *l = ctx;
	struct digest_article *a;
	struct digest_comment *c;

	(void)err;
	if (!l->have_row || l->row != row->entry_id) {
		l->a = art_by_row(l->d, row->entry_id);
		l->row = row->entry_id;
		l->have_row = true;
		l->alloc = 0;
	}
	if ((a = l->a) == NULL || row->guid == NULL)
		return 0;
	if (a->n_comments == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 8;
		a->comments = xrealloc(a->comments,
				       l->alloc * sizeof(*a->comments));
	}
	c = &a->comments[a->n_comments++];
	memset(c, 0, sizeof(*c));
	c->guid = dup(row->guid);
	c->parent = dup(row->parent_guid);
	c->author = dup(row->author);
	c->link = dup(row->link);
	c->has_published = row->has_published;
	c->published = row->published;
	c->first_seen = row->first_seen;
	c->content = dup(row->content);
	return 0;
}

int digest_load_comments(struct rounds_store *st, struct digest_data *d,
			 struct rounds_err *err)
{
	struct comment_load l = { d, NULL, 0, false, 0 };
	int64_t *ids = xcalloc(d->n_arts + 1, sizeof(*ids));
	size_t i, n = 0;
	int rc;

	for (i = 0; i < d->n_arts; i++)
		if (!d->arts[i].dropped)
			ids[n++] = d->arts[i].row;
	rc = rounds_store_each_comment(st, ids, n, add_comment, &l, err);
	free(ids);
	return rc;
}

static void comment_release(struct digest_comment *c)
{
	free(c->guid);
	free(c->parent);
	free(c->author);
	free(c->link);
	free(c->content);
	free(c->who);
	json_decref(c->author_j);
}

static void article_release(struct digest_article *a)
{
	size_t i;

	free(a->guid);
	free(a->link);
	free(a->canonical);
	free(a->title);
	free(a->authors);
	free(a->categories);
	free(a->summary);
	free(a->content);
	free(a->comments_link);
	free(a->text);
	for (i = 0; i < a->n_cats; i++)
		free(a->cats[i]);
	free(a->cats);
	free(a->topics);
	for (i = 0; i < a->n_comments; i++)
		comment_release(&a->comments[i]);
	free(a->comments);
}

void digest_data_release(struct digest_data *d)
{
	size_t i;

	for (i = 0; i < d->n_feeds; i++) {
		free(d->feeds[i].url);
		free(d->feeds[i].title);
		free(d->feeds[i].link);
		free(d->feeds[i].pub);
	}
	free(d->feeds);
	for (i = 0; i < d->n_arts; i++)
		article_release(&d->arts[i]);
	free(d->arts);
	memset(d, 0, sizeof(*d));
}
