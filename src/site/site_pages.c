/* site_pages.c: the site-wide pages: the archive, the sources and their
 * OPML, the river, the issue feeds and the style sheet, each rendered
 * only when its fingerprint moved (site.c). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/digest.h"
#include "rounds/opml.h"
#include "rounds/outfeed.h"
#include "rounds/render.h"
#include "site_int.h"

#define DEFAULT_RIVER_WEEKS 2
#define DEFAULT_RIVER_ITEMS 100

static const char *sget(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* *due when any of the n files made of fp must be rendered (they are
 * rendered together); when none, they count as left alone. */
static int due_all(struct site *s, const char *const *paths, size_t n,
		   const char *fp, bool *due, struct rounds_err *err)
{
	bool d;
	size_t i;

	*due = false;
	for (i = 0; i < n; i++) {
		if (site_due(s, paths[i], fp, &d, err) < 0)
			return -1;
		*due = *due || d;
	}
	if (!*due)
		s->stats->unchanged += (int)n;
	return 0;
}

/* The archive's fingerprint: every issue's ref, in order. */
static void archive_fp(struct site *s, char out[ROUNDS_HASH_HEX])
{
	char **parts = xcalloc(s->n_issues + 1, sizeof(*parts));
	size_t i;

	for (i = 0; i < s->n_issues; i++)
		parts[i] = site_ref_text(s->issues[i].ref);
	site_fp(s->base, "archive", (const char *const *)parts, s->n_issues,
		out);
	for (i = 0; i < s->n_issues; i++)
		free(parts[i]);
	free(parts);
}

static int archive_render(struct site *s, const char *fp, const char *ifp,
			  struct rounds_err *err)
{
	json_t *m = json_object(), *list = json_array();
	size_t i;
	int rc;

	for (i = s->n_issues; i-- > 0; )
		json_array_append_new(list, site_issue_ref(s->issues[i].ref,
							   ""));
	json_object_set(m, "site", s->site);
	json_object_set_new(m, "title", json_string("Archive"));
	json_object_set_new(m, "root", json_string(""));
	json_object_set_new(m, "issues", list);
	json_object_set_new(m, "issue_count", json_integer((json_int_t)
							   s->n_issues));
	rc = fp ? site_emit(s, "archive.html", "site.archive", m, false, fp,
			     err) : 0;
	if (rc == 0 && ifp)
		rc = site_emit(s, "index.html", "site.index", m, false, ifp, err);
	json_decref(m);
	return rc;
}

/* The archive (every issue's ref); without issues, the index too. */
int site_archive(struct site *s, struct rounds_err *err)
{
	const char *afp_p;
	char afp[ROUNDS_HASH_HEX], ifp[ROUNDS_HASH_HEX];
	bool due, idue = false;

	archive_fp(s, afp);
	afp_p = afp;
	site_fp(s->base, "index-archive", &afp_p, 1, ifp);
	if (site_due(s, "archive.html", afp, &due, err) < 0 ||
	    (s->n_issues == 0 &&
	     site_due(s, "index.html", ifp, &idue, err) < 0))
		return -1;
	s->stats->unchanged += !due + (s->n_issues == 0 && !idue);
	if (!due && !idue)
		return 0;
	return archive_render(s, due ? afp : NULL, idue ? ifp : NULL, err);
}

static json_t *sources_list(const struct rounds_sub *rows, size_t n)
{
	json_t *list = json_array(), *o;
	size_t i;

	for (i = 0; i < n; i++) {
		if (rows[i].status == ROUNDS_FEED_PAUSED)
			continue;
		o = json_object();
		json_object_set_new(o, "title", json_string(
			rows[i].title ? rows[i].title : rows[i].url));
		if (rows[i].site_link)
			json_object_set_new(o, "link",
					    json_string(rows[i].site_link));
		json_object_set_new(o, "feed", json_string(rows[i].url));
		json_object_set_new(o, "gone", json_boolean(
			rows[i].status == ROUNDS_FEED_GONE));
		json_array_append_new(list, o);
	}
	return list;
}

/* The sources page and sources.opml: made of the base alone (it holds
 * the subscriptions' fingerprint). */
int site_sources(struct site *s, struct rounds_err *err)
{
	static const char *const paths[] = { "sources.html", "sources.opml" };
	struct rounds_sub *rows = NULL;
	json_t *m = NULL, *list;
	char *opml = NULL, fp[ROUNDS_HASH_HEX];
	size_t n = 0;
	bool due;
	int rc = -1;

	site_fp(s->base, "sources", NULL, 0, fp);
	if (due_all(s, paths, 2, fp, &due, err) < 0)
		return -1;
	if (!due)
		return 0;
	if (rounds_store_feeds(s->st, false, rounds_clock_now(), &rows, &n,
			       err) < 0 ||
	    rounds_opml_write(s->st, false, &opml, err) < 0 ||
	    site_put(s, "sources.opml", opml, fp, err) < 0)
		goto out;
	list = sources_list(rows, n);
	m = json_object();
	json_object_set(m, "site", s->site);
	json_object_set_new(m, "title", json_string("Sources"));
	json_object_set_new(m, "root", json_string(""));
	json_object_set_new(m, "sources", list);
	json_object_set_new(m, "source_count", json_integer((json_int_t)
		json_array_size(list)));
	rc = site_emit(s, "sources.html", "site.sources", m, false, fp,
		       err);
out:
	json_decref(m);
	rounds_store_subs_free(rows, n);
	return rc;
}

/* The feed's own URL, when the site has one. */
static char *self_url(json_t *site, const char *name)
{
	const char *url = sget(site, "url");
	struct rounds_buf b;
	size_t n;

	if (url == NULL || *url == '\0')
		return NULL;
	n = strlen(url);
	rounds_buf_init(&b, 0);
	if (rounds_buf_printf(&b, "%s%s%s", url, url[n - 1] == '/' ? "" : "/",
			      name) < 0)
		return NULL;
	return rounds_buf_detach(&b);
}

static int by_date_desc(const void *x, const void *y)
{
	json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
	const char *da = sget(a, "published") ? sget(a, "published") :
		sget(a, "updated");
	const char *db = sget(b, "published") ? sget(b, "published") :
		sget(b, "updated");
	int c = strcmp(db ? db : "", da ? da : "");

	return c ? c : strcmp(sget(a, "id") ? sget(a, "id") : "",
			      sget(b, "id") ? sget(b, "id") : "");
}

/* The river's articles, once each, newest first, at most max. */
static json_t *river_list(json_t *model, long max)
{
	json_t *sec, *a, *list, *seen = json_object(), **v = NULL;
	size_t i, j, n = 0;

	json_array_foreach(json_object_get(model, "sections"), i, sec) {
		json_array_foreach(json_object_get(sec, "articles"), j, a) {
			const char *id = sget(a, "id");

			if (id == NULL || json_object_get(seen, id))
				continue;
			json_object_set_new(seen, id, json_true());
			v = xrealloc(v, (n + 1) * sizeof(*v));
			v[n++] = a;
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), by_date_desc);
	list = json_array();
	for (i = 0; i < n && (long)i < max; i++)
		json_array_append(list, v[i]);
	json_decref(seen);
	free(v);
	return list;
}

static int river_render(struct site *s, const struct rounds_digest_opts *o,
			const char *fp, struct rounds_err *err)
{
	long max = rounds_conf_get_int(s->conf, "site", "river_items",
				       DEFAULT_RIVER_ITEMS);
	json_t *model, *list;
	char *out = NULL, *self;
	int rc = -1;

	if ((model = rounds_digest_build(s->st, s->conf, o, err)) == NULL)
		return -1;
	list = river_list(model, max);
	self = self_url(json_object_get(model, "site"), "river.xml");
	if (rounds_outfeed_river(json_object_get(model, "site"), list, self,
				 &out, err) == 0)
		rc = site_put(s, "river.xml", out, fp, err);
	json_decref(list);
	json_decref(model);
	free(self);
	return rc;
}

/* The river: every article of this week and the river_weeks before it
 * (whole weeks, so it changes only when articles do); made of the rows
 * of that window. */
int site_river(struct site *s, struct rounds_err *err)
{
	long weeks = rounds_conf_get_int(s->conf, "site", "river_weeks",
					 DEFAULT_RIVER_WEEKS);
	struct rounds_digest_opts o;
	struct rounds_hash h;
	char fp[ROUNDS_HASH_HEX], wk[9];
	int64_t u;
	long k;
	bool due;

	memset(&o, 0, sizeof(o));
	o.until = rounds_clock_now();
	if (rounds_digest_week_of(o.until, s->tz, &o.since, &u, wk, err) < 0)
		return -1;
	for (k = 0; k < weeks && k < 520; k++)
		if (rounds_digest_week_of(o.since - 1, s->tz, &o.since, &u, wk,
					  err) < 0)
			return -1;
	rounds_hash_init(&h);
	rounds_hash_str(&h, s->base);
	rounds_hash_str(&h, "river");
	rounds_hash_int(&h, o.since);
	if (rounds_store_window_hash(s->st, o.since, o.until, &h, err) < 0)
		return -1;
	rounds_hash_hex(&h, fp);
	if (due_all(s, &(const char *){ "river.xml" }, 1, fp, &due, err) < 0)
		return -1;
	return due ? river_render(s, &o, fp, err) : 0;
}

/* The last feed_issues issues' entries, newest first. */
static int feed_entries(struct site *s, json_t *list, struct rounds_err *err)
{
	size_t from = s->n_issues > (size_t)s->max_feed ?
		s->n_issues - (size_t)s->max_feed : 0, k;

	for (k = s->n_issues; s->max_feed > 0 && k-- > from; ) {
		if (site_entry(s, k, err) < 0)
			return -1;
		json_array_append(list, s->issues[k].entry);
	}
	return 0;
}

/* The issue feeds: the Atom and RSS ones rendered by a second thread
 * (rendering only reads the entries and the site block: no store, no
 * files) while the publishing thread makes the other site-wide pages,
 * then the JSON feed; each is written as soon as the publishing thread
 * can (a feed of full issues is megabytes: few at a time). */
static const struct {
	const char *name;
	enum rounds_outfeed_kind kind;
} feed_kinds[] = {
	{ "feed.xml", ROUNDS_OUTFEED_ATOM },
	{ "feed.rss", ROUNDS_OUTFEED_RSS },
	{ "feed.json", ROUNDS_OUTFEED_JSON },
};
#define N_FEEDS (sizeof(feed_kinds) / sizeof(feed_kinds[0]))
#define N_AWAY 2        /* the second thread's: Atom, RSS */

struct site_feeds {
	json_t *site, *list;
	char fp[ROUNDS_HASH_HEX];
	char *out[N_FEEDS];
	struct rounds_err err[N_FEEDS];
	int rc[N_FEEDS];
	pthread_t thread;
	bool away;              /* the thread runs */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool done[N_FEEDS];     /* made (under lock) */
};

static void feed_one(struct site_feeds *f, size_t i)
{
	char *self = self_url(f->site, feed_kinds[i].name);

	rounds_err_init(&f->err[i]);
	f->rc[i] = rounds_outfeed_issues(f->site, f->list, feed_kinds[i].kind,
					 self, &f->out[i], &f->err[i]);
	free(self);
	pthread_mutex_lock(&f->lock);
	f->done[i] = true;
	pthread_cond_broadcast(&f->cond);
	pthread_mutex_unlock(&f->lock);
}

static void *feeds_away(void *arg)
{
	size_t i;

	for (i = 0; i < N_AWAY; i++)
		feed_one(arg, i);
	return NULL;
}

static void feeds_free(struct site_feeds *f)
{
	size_t i;

	for (i = 0; i < N_FEEDS; i++)
		free(f->out[i]);
	json_decref(f->list);
	json_decref(f->site);
	pthread_mutex_destroy(&f->lock);
	pthread_cond_destroy(&f->cond);
	free(f);
}

/* The issue feeds: made of the last feed_issues issues' pages.  Started
 * (s->feeds) when due; site_feeds_finish writes them. */
int site_feeds_start(struct site *s, struct rounds_err *err)
{
	static const char *const paths[] = { "feed.xml", "feed.rss",
		"feed.json" };
	size_t from = s->max_feed <= 0 ? s->n_issues :
		s->n_issues > (size_t)s->max_feed ?
		s->n_issues - (size_t)s->max_feed : 0, i;
	const char **parts = xcalloc(s->n_issues + 1, sizeof(*parts));
	struct site_feeds *f;
	char fp[ROUNDS_HASH_HEX], first[9];
	bool due;
	int rc;

	for (i = from; i < s->n_issues; i++)
		parts[i - from] = s->issues[i].pfp;
	site_fp(s->base, "feeds", parts, s->n_issues - from, fp);
	free(parts);
	rc = due_all(s, paths, N_FEEDS, fp, &due, err);
	if (rc < 0 || !due)
		return rc;
	f = xcalloc(1, sizeof(*f));
	pthread_mutex_init(&f->lock, NULL);
	pthread_cond_init(&f->cond, NULL);
	memcpy(f->fp, fp, sizeof(fp));
	f->list = json_array();
	f->site = json_copy(s->site);
	/* The feeds' id keeps the year of the first issue ever. */
	if (feed_entries(s, f->list, err) < 0 ||
	    rounds_store_issue_first(s->st, first, err) < 0) {
		feeds_free(f);
		return -1;
	}
	if (*first)
		json_object_set_new(f->site, "first_week", json_string(first));
	f->away = pthread_create(&f->thread, NULL, feeds_away, f) == 0;
	s->feeds = f;
	return 0;
}

static int feed_put(struct site *s, struct site_feeds *f, size_t i,
		    struct rounds_err *err)
{
	char *out = f->out[i];

	if (f->rc[i] < 0) {
		*err = f->err[i];
		return -1;
	}
	f->out[i] = NULL;               /* site_put takes it */
	return site_put(s, feed_kinds[i].name, out, f->fp, err);
}

int site_feeds_finish(struct site *s, struct rounds_err *err)
{
	struct site_feeds *f = s->feeds;
	size_t i;
	int rc = 0;

	if (f == NULL)
		return 0;
	s->feeds = NULL;
	if (err == NULL)
		rc = -1;                /* publish failed already */
	if (rc == 0 && f->away) {       /* the first one away is made */
		pthread_mutex_lock(&f->lock);
		while (!f->done[0])
			pthread_cond_wait(&f->cond, &f->lock);
		pthread_mutex_unlock(&f->lock);
		rc = feed_put(s, f, 0, err);
	}
	for (i = f->away ? N_AWAY : 0; rc == 0 && i < N_FEEDS; i++) {
		feed_one(f, i);
		rc = feed_put(s, f, i, err);
	}
	if (f->away)
		pthread_join(f->thread, NULL);
	for (i = 1; rc == 0 && f->away && i < N_AWAY; i++)
		rc = feed_put(s, f, i, err);
	feeds_free(f);
	return rc;
}

int site_style(struct site *s, struct rounds_err *err)
{
	char fp[ROUNDS_HASH_HEX], *css = NULL;
	bool due;

	site_fp(s->base, "style", NULL, 0, fp);
	if (due_all(s, &(const char *){ "style.css" }, 1, fp, &due, err) < 0)
		return -1;
	if (!due)
		return 0;
	if (rounds_render_file("style.css", s->conf, &css, err) < 0)
		return -1;
	return site_put(s, "style.css", css, fp, err);
}
