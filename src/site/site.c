/* site.c: the static site.  Works out which weeks get an issue, renders
 * every page and feed into memory, then writes each file atomically
 * (rounds_file_write_atomic leaves a file that already holds the same
 * bytes alone).  Every link between pages is relative, so the site works
 * from any path and from file://. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/digest.h"
#include "rounds/fsutil.h"
#include "rounds/opml.h"
#include "rounds/outfeed.h"
#include "rounds/render.h"
#include "rounds/site.h"
#include "site_int.h"

#define DEFAULT_MAX_ISSUES 100
#define DEFAULT_FEED_ISSUES 20
#define DEFAULT_RIVER_WEEKS 2
#define DEFAULT_RIVER_ITEMS 100

struct file {
	char *path;                 /* relative to the site directory */
	char *data;
};

struct files {
	struct file *v;
	size_t n, alloc;
};

struct issue {
	char week[9];
	json_t *model;
	char *draft;                /* the draft used (its path), or NULL */
	int64_t updated;            /* when its content last changed */
};

struct site {
	struct rounds_store *st;
	const struct rounds_conf *conf;
	const char *tz;
	struct issue *issues;       /* oldest first */
	size_t n_issues;
	json_t *site;               /* {"title","url","description"} */
	struct files files;
	json_t *drafts;             /* the editor's drafts used */
};

static void files_add(struct files *f, const char *path, char *data)
{
	if (f->n == f->alloc) {
		f->alloc = f->alloc ? 2 * f->alloc : 16;
		f->v = xrealloc(f->v, f->alloc * sizeof(*f->v));
	}
	f->v[f->n].path = xstrdup(path);
	f->v[f->n].data = data;
	f->n++;
}

static void files_release(struct files *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].path);
		free(f->v[i].data);
	}
	free(f->v);
	memset(f, 0, sizeof(*f));
}

static const char *sget(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static char *issue_path(const char *week)
{
	struct rounds_buf b;

	rounds_buf_init(&b, 0);
	if (rounds_buf_printf(&b, "issues/%s.html", week) < 0)
		return xstrdup("");
	return rounds_buf_detach(&b);
}

/* The weeks that have articles: from the last complete week back
 * max_issues weeks, oldest first, into *weeks (caller frees). */
static int candidate_weeks(struct site *s, char (**weeks)[9], size_t *n,
			   struct rounds_err *err)
{
	long max = rounds_conf_get_int(s->conf, "site", "max_issues",
				       DEFAULT_MAX_ISSUES);
	int64_t *since, *until, t;
	char (*w)[9];
	bool *has;
	size_t k = 0, i;
	long j;
	int rc = -1;

	if (max < 1)
		max = 1;
	if (max > 5000)
		max = 5000;
	since = xcalloc((size_t)max, sizeof(*since));
	until = xcalloc((size_t)max, sizeof(*until));
	has = xcalloc((size_t)max, sizeof(*has));
	w = xcalloc((size_t)max, sizeof(*w));
	/* Fill from the newest (index max-1) back. */
	t = rounds_clock_now();
	for (j = max - 1; j >= 0; j--) {
		if (rounds_digest_last_week(t, s->tz, &since[j], &until[j],
					    w[j], err) < 0)
			goto out;
		t = since[j];
		if (t - 1 < 0)
			break;
	}
	if (j < 0)
		j = 0;
	if (rounds_store_windows_used(s->st, since + j, until + j,
				      (size_t)(max - j), has + j, err) < 0)
		goto out;
	for (i = (size_t)j; i < (size_t)max; i++)
		if (has[i])
			memmove(w[k++], w[i], sizeof(w[0]));
	*weeks = w;
	*n = k;
	w = NULL;
	rc = 0;
out:
	free(since);
	free(until);
	free(has);
	free(w);
	return rc;
}

/* Builds the models of every issue, recording new issues' numbers. */
static int load_issues(struct site *s, struct rounds_err *err)
{
	char (*weeks)[9] = NULL;
	size_t n = 0, i;
	struct issue *is;
	int rc = -1;

	if (candidate_weeks(s, &weeks, &n, err) < 0)
		return -1;
	s->issues = xcalloc(n ? n : 1, sizeof(*s->issues));
	if (rounds_store_begin(s->st, err) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		is = &s->issues[s->n_issues];
		memcpy(is->week, weeks[i], sizeof(is->week));
		is->model = rounds_site_issue_model(s->st, s->conf, weeks[i],
						    &is->draft, err);
		if (is->model == NULL) {
			rounds_store_rollback(s->st);
			goto out;
		}
		if (json_integer_value(json_object_get(is->model,
					"article_count")) == 0) {
			json_decref(is->model);
			free(is->draft);
			memset(is, 0, sizeof(*is));
			continue;
		}
		if (site_issue_updated(s->st, is->model, is->week,
				       &is->updated, err) < 0) {
			rounds_store_rollback(s->st);
			goto out;
		}
		if (is->draft)
			json_array_append_new(s->drafts,
					      json_string(is->draft));
		s->n_issues++;
	}
	if (rounds_store_commit(s->st, err) < 0)
		goto out;
	rc = 0;
out:
	free(weeks);
	return rc;
}

/* A page model: a shallow copy of base with the page's own keys. */
static json_t *page(json_t *base, const char *root, const char *self)
{
	json_t *m = json_copy(base);

	json_object_set_new(m, "root", json_string(root));
	if (self)
		json_object_set_new(m, "path", json_string(self));
	return m;
}

static json_t *issue_ref(const struct issue *is, const char *root)
{
	json_t *r = json_object(), *m = is->model;
	char *path = issue_path(is->week);
	struct rounds_buf b;

	rounds_buf_init(&b, 0);
	if (rounds_buf_printf(&b, "%s%s", root, path) == 0)
		json_object_set_new(r, "href", json_string(rounds_buf_str(&b)));
	rounds_buf_release(&b);
	json_object_set(r, "issue", json_object_get(m, "issue"));
	json_object_set(r, "week", json_object_get(m, "week"));
	json_object_set(r, "title", json_object_get(m, "title"));
	json_object_set(r, "article_count",
			json_object_get(m, "article_count"));
	json_object_set(r, "comment_count",
			json_object_get(m, "comment_count"));
	if (sget(m, "since"))
		json_object_set_new(r, "from", json_stringn(sget(m, "since"),
							    10));
	free(path);
	return r;
}

/* Renders template name with model into a new file of the site. */
static int emit(struct site *s, const char *path, const char *name,
		json_t *model, struct rounds_err *err)
{
	char *out = NULL;

	if (rounds_render_template(name, model, s->conf, &out, err) < 0)
		return -1;
	files_add(&s->files, path, out);
	return 0;
}

/* The issue pages (and the index, the latest issue's page again). */
static int issue_pages(struct site *s, json_t *feed_issues,
		       struct rounds_err *err)
{
	long max_feed = rounds_conf_get_int(s->conf, "site", "feed_issues",
					    DEFAULT_FEED_ISSUES);
	struct issue *is;
	json_t *m, *entry;
	char *path, *html, when[21];
	size_t i;
	int rc;

	for (i = 0; i < s->n_issues; i++) {
		is = &s->issues[i];
		path = issue_path(is->week);
		m = page(is->model, "../", path);
		if (i > 0)
			json_object_set_new(m, "prev", issue_ref(
				&s->issues[i - 1], "../"));
		if (i + 1 < s->n_issues)
			json_object_set_new(m, "next", issue_ref(
				&s->issues[i + 1], "../"));
		rc = emit(s, path, "site.issue", m, err);
		if (rc == 0 && i + 1 == s->n_issues) {
			json_object_set_new(m, "root", json_string(""));
			json_object_set_new(m, "issue_href",
					    json_string(path));
			json_object_del(m, "path");
			if (i > 0)
				json_object_set_new(m, "prev", issue_ref(
					&s->issues[i - 1], ""));
			rc = emit(s, "index.html", "site.index", m, err);
		}
		/* The feed entry: the issue's body alone. */
		if (rc == 0 && (long)(s->n_issues - i) <= max_feed) {
			rc = rounds_render_template("site.entry", m, s->conf,
						    &html, err);
			if (rc == 0) {
				entry = json_copy(is->model);
				json_object_set_new(entry, "html",
						    json_string(html));
				json_object_set_new(entry, "path",
						    json_string(path));
				rounds_clock_format(is->updated, when);
				json_object_set_new(entry, "updated",
						    json_string(when));
				json_array_insert_new(feed_issues, 0, entry);
				free(html);
			}
		}
		json_decref(m);
		free(path);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int archive_page(struct site *s, struct rounds_err *err)
{
	json_t *m = json_object(), *list = json_array();
	size_t i;
	int rc;

	for (i = s->n_issues; i-- > 0; )
		json_array_append_new(list, issue_ref(&s->issues[i], ""));
	json_object_set(m, "site", s->site);
	json_object_set_new(m, "title", json_string("Archive"));
	json_object_set_new(m, "root", json_string(""));
	json_object_set_new(m, "issues", list);
	json_object_set_new(m, "issue_count", json_integer((json_int_t)
							   s->n_issues));
	rc = emit(s, "archive.html", "site.archive", m, err);
	if (rc == 0 && s->n_issues == 0)
		rc = emit(s, "index.html", "site.index", m, err);
	json_decref(m);
	return rc;
}

static int sources_page(struct site *s, struct rounds_err *err)
{
	struct rounds_sub *rows = NULL;
	json_t *m = NULL, *list, *o;
	char *opml = NULL;
	size_t n = 0, i;
	int rc = -1;

	if (rounds_store_feeds(s->st, false, rounds_clock_now(), &rows, &n,
			       err) < 0 ||
	    rounds_opml_write(s->st, false, &opml, err) < 0)
		goto out;
	files_add(&s->files, "sources.opml", opml);
	m = json_object();
	list = json_array();
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
	json_object_set(m, "site", s->site);
	json_object_set_new(m, "title", json_string("Sources"));
	json_object_set_new(m, "root", json_string(""));
	json_object_set_new(m, "sources", list);
	json_object_set_new(m, "source_count", json_integer((json_int_t)
		json_array_size(list)));
	rc = emit(s, "sources.html", "site.sources", m, err);
out:
	json_decref(m);
	rounds_store_subs_free(rows, n);
	return rc;
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

/* The river: every article of this week and the river_weeks before it
 * (whole weeks, so it changes only when articles do). */
static char *self_url(json_t *site, const char *name);

static int river(struct site *s, json_t **site_out, struct rounds_err *err)
{
	long weeks = rounds_conf_get_int(s->conf, "site", "river_weeks",
					 DEFAULT_RIVER_WEEKS);
	long max = rounds_conf_get_int(s->conf, "site", "river_items",
				       DEFAULT_RIVER_ITEMS);
	struct rounds_digest_opts o;
	json_t *model, *sec, *a, *list, *seen, **v = NULL;
	size_t i, j, n = 0;
	char *out = NULL, *self, wk[9];
	int64_t u;
	long k;
	int rc = -1;

	memset(&o, 0, sizeof(o));
	o.until = rounds_clock_now();
	if (rounds_digest_week_of(o.until, s->tz, &o.since, &u, wk, err) < 0)
		return -1;
	for (k = 0; k < weeks && k < 520; k++)
		if (rounds_digest_week_of(o.since - 1, s->tz, &o.since, &u, wk,
					  err) < 0)
			return -1;
	if ((model = rounds_digest_build(s->st, s->conf, &o, err)) == NULL)
		return -1;
	seen = json_object();
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
	self = self_url(json_object_get(model, "site"), "river.xml");
	if (rounds_outfeed_river(json_object_get(model, "site"), list, self,
				 &out, err) == 0) {
		files_add(&s->files, "river.xml", out);
		*site_out = json_incref(json_object_get(model, "site"));
		rc = 0;
	}
	json_decref(list);
	json_decref(seen);
	json_decref(model);
	free(self);
	free(v);
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

static int feeds(struct site *s, json_t *issues, struct rounds_err *err)
{
	static const struct {
		const char *name;
		enum rounds_outfeed_kind kind;
	} kinds[] = {
		{ "feed.xml", ROUNDS_OUTFEED_ATOM },
		{ "feed.rss", ROUNDS_OUTFEED_RSS },
		{ "feed.json", ROUNDS_OUTFEED_JSON },
	};
	char *out, *self;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		self = self_url(s->site, kinds[i].name);
		rc = rounds_outfeed_issues(s->site, issues, kinds[i].kind, self,
					   &out, err);
		free(self);
		if (rc < 0)
			return -1;
		files_add(&s->files, kinds[i].name, out);
	}
	return 0;
}

static int write_all(struct site *s, const char *dir,
		     struct rounds_site_stats *stats, struct rounds_err *err)
{
	struct rounds_buf p;
	bool changed;
	size_t i;
	int rc = -1;

	rounds_buf_init(&p, 0);
	if (rounds_buf_printf(&p, "%s/issues", dir) < 0 ||
	    rounds_mkdirs(rounds_buf_str(&p), err) < 0)
		goto out;
	rounds_tmp_sweep(dir);  /* a killed run's leftovers; we hold the lock */
	for (i = 0; i < s->files.n; i++) {
		rounds_buf_reset(&p);
		if (rounds_buf_printf(&p, "%s/%s", dir, s->files.v[i].path) < 0)
			goto out;
		if (rounds_file_write_atomic(rounds_buf_str(&p),
					     s->files.v[i].data,
					     strlen(s->files.v[i].data),
					     &changed, err) < 0)
			goto out;
		if (changed)
			stats->written++;
		else
			stats->unchanged++;
	}
	rc = 0;
out:
	rounds_buf_release(&p);
	return rc;
}

int rounds_site_publish(struct rounds_store *st,
			const struct rounds_conf *conf, const char *dir,
			struct rounds_site_stats *stats, struct rounds_err *err)
{
	struct site s;
	json_t *feed_issues = json_array();
	char *dir_conf = NULL, *css = NULL;
	size_t i;
	int rc = -1;

	memset(&s, 0, sizeof(s));
	memset(stats, 0, sizeof(*stats));
	s.st = st;
	s.conf = conf;
	s.tz = rounds_conf_get(conf, "digest", "timezone", "UTC");
	s.drafts = json_array();
	if (dir == NULL)
		dir = dir_conf = rounds_conf_get_path(conf, "site", "dir",
						      "site");
	if (load_issues(&s, err) < 0)
		goto out;
	if (river(&s, &s.site, err) < 0)
		goto out;
	if (issue_pages(&s, feed_issues, err) < 0 ||
	    archive_page(&s, err) < 0 || sources_page(&s, err) < 0 ||
	    feeds(&s, feed_issues, err) < 0 ||
	    rounds_render_file("style.css", conf, &css, err) < 0)
		goto out;
	files_add(&s.files, "style.css", css);
	if (write_all(&s, dir, stats, err) < 0)
		goto out;
	stats->issues = (int)s.n_issues;
	stats->drafts = s.drafts;
	s.drafts = NULL;
	rc = 0;
out:
	for (i = 0; i < s.n_issues; i++) {
		json_decref(s.issues[i].model);
		free(s.issues[i].draft);
	}
	free(s.issues);
	files_release(&s.files);
	json_decref(s.site);
	json_decref(feed_issues);
	json_decref(s.drafts);
	free(dir_conf);
	return rc;
}
