/* site_stream.c: the issues of the site, oldest first, one model at a
 * time (see site.c for the fingerprints). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/clock.h"
#include "rounds/digest.h"
#include "rounds/jsonout.h"
#include "rounds/render.h"
#include "rounds/site.h"
#include "site_int.h"

/* What a week's rows are made of, into is->rows: its entries and their
 * comments, and the earlier threads that grew in it ("continued"), as
 * read through st. */
static int rows_fp(struct site *s, struct rounds_store *st,
		   struct site_issue *is, struct rounds_err *err)
{
	int64_t since, until, window;
	struct rounds_hash h;

	if (rounds_digest_week_parse(is->week, s->tz, &since, &until,
				     err) < 0)
		return -1;
	window = rounds_conf_get_int(s->conf, "fetch", "comment_window_days",
				     14);
	rounds_hash_init(&h);
	rounds_hash_int(&h, window);
	if (rounds_store_window_hash(st, since, until, &h, err) < 0 ||
	    rounds_store_continued_hash(st, since - window * 86400, since,
					until, &h, err) < 0)
		return -1;
	rounds_hash_hex(&h, is->rows);
	return 0;
}

/* What a week's model is made of, into is->fm: the base, the week, its
 * number and first publication (when it has them), its draft, its rows
 * (is->rows, which building the model does not change). */
static int model_fp(struct site *s, struct site_issue *is, const char *md,
		    size_t len, struct rounds_err *err)
{
	int64_t number = -1, published = -1;
	struct rounds_hash h;
	bool found;

	if (rounds_store_issue_find(s->st, is->week, &number, &published,
				    &found, err) < 0)
		return -1;
	rounds_hash_init(&h);
	rounds_hash_str(&h, s->base);
	rounds_hash_str(&h, "model");
	rounds_hash_str(&h, is->week);
	rounds_hash_int(&h, found ? number : -1);
	rounds_hash_int(&h, found ? published : -1);
	if (md)
		rounds_hash_bytes(&h, md, len);
	else
		rounds_hash_str(&h, NULL);
	rounds_hash_str(&h, is->rows);
	rounds_hash_hex(&h, is->fm);
	return 0;
}

/* The part of a model other pages show of it (site_issue_ref). */
static json_t *model_ref(json_t *m)
{
	static const char *const keys[] = { "issue", "week", "title",
		"article_count", "comment_count", "since" };
	json_t *r = json_object(), *v;
	size_t i;

	/* copies: the model may go back to another thread */
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((v = json_object_get(m, keys[i])) != NULL)
			json_object_set_new(r, keys[i], json_deep_copy(v));
	return r;
}

static char *note_key(const char *kind, const char *week)
{
	char key[32];

	snprintf(key, sizeof(key), "%s:%s", kind, week);
	return xstrdup(key);
}

/* The pages table's note of key when it was made of fp, else NULL. */
static int note_get(struct site *s, const char *kind, const char *week,
		    const char *fp, json_t **note, struct rounds_err *err)
{
	char old[ROUNDS_HASH_HEX], *key = note_key(kind, week), *text = NULL;
	bool found;
	int rc;

	*note = NULL;
	rc = rounds_store_page_get(s->st, key, old, &text, &found, err);
	if (rc == 0 && found && text && strcmp(old, fp) == 0)
		*note = json_loads(text, 0, NULL);
	free(text);
	free(key);
	return rc;
}

/* Whether the pages table holds a note of key made of fp, without
 * reading it (an entry note holds a whole issue's HTML). */
static int note_has(struct site *s, const char *kind, const char *week,
		    const char *fp, bool *has, struct rounds_err *err)
{
	char old[ROUNDS_HASH_HEX], *key = note_key(kind, week);
	bool found;
	int rc = rounds_store_page_get(s->st, key, old, NULL, &found, err);

	*has = rc == 0 && found && strcmp(old, fp) == 0;
	free(key);
	return rc;
}

static int note_put(struct site *s, const char *kind, const char *week,
		    const char *fp, json_t *note, struct rounds_err *err)
{
	char *key = note_key(kind, week);
	char *text = rounds_json_dumps(note, JSON_COMPACT);
	int rc;

	if (text == NULL)
		rc = rounds_err_set(err, EX_SOFTWARE, "out of memory");
	else
		rc = rounds_store_page_put(s->st, key, fp, text, err);
	free(text);
	free(key);
	return rc;
}

/* Lets is->model go: to the thread that built it, when one did, so that
 * the memory goes back where it came from (site_prefetch_give). */
static void drop_model(struct site *s, struct site_issue *is)
{
	site_prefetch_give(s->ahead, is->model);
	is->model = NULL;
}

/* The week's model (numbering a new issue) into is->model, and for an
 * issue, when its content last changed (site_issue_updated). */
static int issue_model(struct site *s, struct site_issue *is,
		       struct rounds_err *err)
{
	json_t *digest;
	bool safe;

	drop_model(s, is);
	if (site_prefetch_take(s->ahead, is->week, &digest, &safe, err) < 0)
		return -1;
	is->model = site_issue_model(s->st, s->conf, is->week, digest, safe,
				     NULL, err);
	if (is->model == NULL)
		return -1;
	if (json_integer_value(json_object_get(is->model, "article_count"))
	    == 0)
		return 0;
	return site_issue_updated(s->st, is->model, is->week, &is->updated,
				  err);
}

/* Builds the week's model, its ref, and records both with the
 * fingerprint it has now. */
static int build_model(struct site *s, struct site_issue *is,
		       const char *md, size_t len, struct rounds_err *err)
{
	if (issue_model(s, is, err) < 0 ||
	    model_fp(s, is, md, len, err) < 0)
		return -1;
	json_decref(is->ref);
	is->ref = model_ref(is->model);
	return note_put(s, "model", is->week, is->fm, is->ref, err);
}

/* One candidate week: its fingerprint, its ref when recorded; built now
 * when it has a draft that moved. */
static int plan_week(struct site *s, struct site_issue *is,
		     struct rounds_err *err)
{
	char *md = NULL;
	size_t len = 0;
	int rc = -1;

	if (rounds_site_draft_read(s->conf, is->week, &md, &len, &is->draft,
				   err) < 0 ||
	    model_fp(s, is, md, len, err) < 0)
		goto out;
	if (!s->full &&
	    note_get(s, "model", is->week, is->fm, &is->ref, err) < 0)
		goto out;
	if (is->ref == NULL && md && build_model(s, is, md, len, err) < 0)
		goto out;
	drop_model(s, is);
	rc = 0;
out:
	free(md);
	return rc;
}

/* The rows fingerprints of the candidate weeks, by two threads: this
 * one from the first week on, a second one from the last week back
 * through its own read-only connection.  Hashing rows only reads, and
 * what it reads (entries, comments) is what the publishing connection
 * sees too: publish holds the database's lock, and writes only issues
 * and pages (see site_prefetch.c). */
struct rows_job {
	struct site *s;
	struct rounds_store *st;        /* the second thread's */
	pthread_mutex_t lock;
	size_t lo, hi;                  /* the weeks [lo, hi) are not taken */
	int rc;                         /* the second thread's */
	struct rounds_err err;
};

/* The next week to hash, from the front or the back; false when none is
 * left. */
static bool rows_take(struct rows_job *j, bool back, size_t *i)
{
	bool got;

	pthread_mutex_lock(&j->lock);
	got = j->lo < j->hi;
	if (got)
		*i = back ? --j->hi : j->lo++;
	pthread_mutex_unlock(&j->lock);
	return got;
}

static void *rows_back(void *arg)
{
	struct rows_job *j = arg;
	size_t i;

	while (j->rc == 0 && rows_take(j, true, &i))
		j->rc = rows_fp(j->s, j->st, &j->s->issues[i], &j->err);
	return NULL;
}

static int all_rows(struct site *s, struct rounds_err *err)
{
	struct rows_job j;
	pthread_t t;
	bool two = false;
	size_t i;
	int rc = 0;

	memset(&j, 0, sizeof(j));
	j.s = s;
	j.hi = s->n_weeks;
	rounds_err_init(&j.err);
	pthread_mutex_init(&j.lock, NULL);
	if (s->n_weeks >= 2 &&
	    (j.st = rounds_store_open_reader(rounds_store_path(s->st),
					     &j.err)) != NULL)
		two = pthread_create(&t, NULL, rows_back, &j) == 0;
	while (rc == 0 && rows_take(&j, false, &i))
		rc = rows_fp(s, s->st, &s->issues[i], err);
	if (rc < 0) {                   /* the other thread stops soon */
		pthread_mutex_lock(&j.lock);
		j.hi = j.lo;
		pthread_mutex_unlock(&j.lock);
	}
	if (two)
		pthread_join(t, NULL);
	if (rc == 0 && j.rc < 0) {
		*err = j.err;
		rc = -1;
	}
	rounds_store_close(j.st);
	pthread_mutex_destroy(&j.lock);
	return rc;
}

int site_plan(struct site *s, char (*weeks)[9], struct rounds_err *err)
{
	size_t i;

	for (i = 0; i < s->n_weeks; i++) {
		memcpy(s->issues[i].week, weeks[i], sizeof(weeks[i]));
		s->issues[i].cand = i;
	}
	if (all_rows(s, err) < 0)
		return -1;
	for (i = 0; i < s->n_weeks; i++)
		if (plan_week(s, &s->issues[i], err) < 0)
			return -1;
	return 0;
}

/* The page model of issue k: prev and next linked from root. */
static json_t *page_model(struct site *s, size_t k, bool last,
			  const char *path)
{
	json_t *m = json_copy(s->issues[k].model);

	json_object_set_new(m, "root", json_string("../"));
	json_object_set_new(m, "path", json_string(path));
	if (k > 0)
		json_object_set_new(m, "prev", site_issue_ref(
			s->issues[k - 1].ref, "../"));
	if (!last)
		json_object_set_new(m, "next", site_issue_ref(
			s->issues[k + 1].ref, "../"));
	return m;
}

/* The index is the latest issue's page again, linked from the top. */
static void index_model(struct site *s, size_t k, json_t *m,
			const char *path)
{
	json_object_set_new(m, "root", json_string(""));
	json_object_set_new(m, "issue_href", json_string(path));
	json_object_del(m, "path");
	if (k > 0)
		json_object_set_new(m, "prev", site_issue_ref(
			s->issues[k - 1].ref, ""));
}

/* The feed entry: the issue's body alone, and what the feeds show. */
static int render_entry(struct site *s, struct site_issue *is, json_t *m,
			const char *path, struct rounds_err *err)
{
	static const char *const keys[] = { "week", "title", "generated",
		"summary" };
	json_t *e, *v;
	char *html, when[21];
	size_t i;

	/* Feed readers keep only plain HTML attributes: the templates
	 * leave the page's ARIA labels out of a feed entry. */
	json_object_set_new(m, "feed_entry", json_true());
	if (rounds_render_template_in("site.entry", m, s->conf, &html,
				      err) < 0)
		return -1;
	e = json_object();
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((v = json_object_get(is->model, keys[i])) != NULL)
			json_object_set_new(e, keys[i], json_deep_copy(v));
	json_object_set_new(e, "html", json_string(html));
	json_object_set_new(e, "path", json_string(path));
	rounds_clock_format(is->updated, when);
	json_object_set_new(e, "updated", json_string(when));
	free(html);
	json_decref(is->entry);
	is->entry = e;
	return note_put(s, "entry", is->week, is->pfp, e, err);
}

struct want {
	bool page, index, entry;
	char ifp[ROUNDS_HASH_HEX];      /* the index's fingerprint */
};

/* Renders what w asks of issue k, then lets its model go. */
static int render_issue(struct site *s, size_t k, bool last,
			const struct want *w, struct rounds_err *err)
{
	struct site_issue *is = &s->issues[k];
	char *path = site_issue_path(is->week);
	json_t *m = NULL;
	int rc = -1;

	if (is->model == NULL && issue_model(s, is, err) < 0)
		goto out;
	m = page_model(s, k, last, path);
	if (w->page && site_emit(s, path, "site.issue", m, true, is->pfp,
					err) < 0)
		goto out;
	if (last) {
		index_model(s, k, m, path);
		if (w->index && site_emit(s, "index.html", "site.index", m,
					  true, w->ifp, err) < 0)
			goto out;
	}
	if (w->entry && render_entry(s, is, m, path, err) < 0)
		goto out;
	rc = 0;
out:
	json_decref(m);
	drop_model(s, is);
	free(path);
	return rc;
}

/* Issue k's page fingerprint: its model's, and what it shows of its
 * neighbours (their refs: a neighbour's new comment text alone does not
 * move it). */
static void page_fp(struct site *s, size_t k, bool last)
{
	char *prev = k > 0 ? site_ref_text(s->issues[k - 1].ref) : NULL;
	char *next = last ? NULL : site_ref_text(s->issues[k + 1].ref);
	const char *parts[3] = { prev, s->issues[k].fm, next };

	site_fp(s->base, "issue", parts, 3, s->issues[k].pfp);
	free(prev);
	free(next);
}

/* Issue k's neighbours are known: render its page (and the index, for
 * the last) when due, and its feed entry when it may be in the feeds. */
static int settle(struct site *s, size_t k, bool last,
		  struct rounds_err *err)
{
	struct site_issue *is = &s->issues[k];
	const char *pfp = is->pfp;
	char *path = site_issue_path(is->week);
	struct want w = { false, false, false, "" };
	bool kept = false;
	int rc = -1;

	page_fp(s, k, last);
	site_fp(s->base, "index", &pfp, 1, w.ifp);
	if (site_due(s, path, is->pfp, &w.page, err) < 0 ||
	    (last && site_due(s, "index.html", w.ifp, &w.index, err) < 0))
		goto out;
	s->stats->unchanged += !w.page + (last && !w.index);
	/* Issues this close to the newest are likely in the feeds. */
	w.entry = s->max_feed > 0 &&
		s->n_weeks - is->cand <= (size_t)s->max_feed;
	/* a recorded entry is read only when the feeds are rendered
	 * (site_entry) */
	if (w.entry && !w.page && !s->full &&
	    note_has(s, "entry", is->week, is->pfp, &kept, err) < 0)
		goto out;
	w.entry = w.entry && !kept;
	if (w.page || w.index || w.entry)
		rc = render_issue(s, k, last, &w, err);
	else
		rc = 0;
	drop_model(s, is);
out:
	free(path);
	return rc;
}

int site_entry(struct site *s, size_t k, struct rounds_err *err)
{
	struct site_issue *is = &s->issues[k];
	struct want w = { false, false, true, "" };

	if (is->entry == NULL && !s->full &&
	    note_get(s, "entry", is->week, is->pfp, &is->entry, err) < 0)
		return -1;
	if (is->entry)
		return 0;
	return render_issue(s, k, k + 1 == s->n_issues, &w, err);
}

/* Week i: its ref (built when not recorded); an issue when it has
 * articles, moved down to its place among the issues. */
static int stream_week(struct site *s, size_t i, struct rounds_err *err)
{
	struct site_issue *is = &s->issues[i];

	if (is->ref == NULL && build_model(s, is, NULL, 0, err) < 0)
		return -1;
	if (json_integer_value(json_object_get(is->ref, "article_count"))
	    == 0) {
		json_decref(is->ref);
		drop_model(s, is);
		free(is->draft);
		memset(is, 0, sizeof(*is));
		return 0;
	}
	if (is->draft)
		json_array_append_new(s->drafts, json_string(is->draft));
	if (s->n_issues != i) {
		s->issues[s->n_issues] = *is;
		memset(is, 0, sizeof(*is));
	}
	s->n_issues++;
	return s->n_issues < 2 ? 0 : settle(s, s->n_issues - 2, false, err);
}

/* The weeks stream_week() will build, in turn, to be built ahead. */
static void start_ahead(struct site *s)
{
	char (*weeks)[9] = xcalloc(s->n_weeks + 1, sizeof(*weeks));
	size_t i, n = 0;

	for (i = 0; i < s->n_weeks; i++)
		if (s->issues[i].ref == NULL)
			memcpy(weeks[n++], s->issues[i].week, sizeof(weeks[0]));
	s->ahead = site_prefetch_start(s, (const char (*)[9])weeks, n);
	free(weeks);
}

int site_stream(struct site *s, struct rounds_err *err)
{
	size_t i;
	int rc = 0;

	start_ahead(s);
	for (i = 0; i < s->n_weeks && rc == 0; i++)
		rc = stream_week(s, i, err);
	if (rc == 0 && s->n_issues > 0)
		rc = settle(s, s->n_issues - 1, true, err);
	site_prefetch_stop(s->ahead);
	s->ahead = NULL;
	return rc;
}
