/* digest.c: the digest model (INTERFACE.md) from the store.
 *
 * select the window (digest_load.c) -> keyword rules -> dedupe -> topics
 * -> comments (one query) -> rank -> per-feed cap -> group -> JSON.
 *
 * Choices the model's readers can rely on:
 * - An article's "tags" are its topics (in topic order) followed by its
 *   feed categories (in feed order), without case-insensitive repeats.
 * - Duplicates: articles with the same canonical link, or with the same
 *   title key (digest_title_key) from different feeds, are one story; the
 *   earliest (then lowest row) is shown, the others are its "also".
 * - Threads are trimmed to [digest] max_comments in depth-first order
 *   (thread.h); "more_comments" = the larger of the feed's count and the
 *   comments fetched, less those shown.
 * - Ordering: newest = time descending; discussed = comment count
 *   descending, then time descending; ties by row id.  Sections: by
 *   source title (case-insensitive, then feed URL), or in topic order
 *   with "Other" last.
 * - Empty arrays and unknown values are left out. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/html.h"
#include "rounds/thread.h"
#include "digest_int.h"

#define MAX_EXCERPT     100000
#define MAX_COMMENTS    1000
#define MAX_HAYSTACK    8192    /* bytes of body text the rules look at */
#define DEFAULT_TITLE   "Health IT Rounds"

enum group { GROUP_SOURCE, GROUP_TOPIC };
enum order { ORDER_NEWEST, ORDER_DISCUSSED };

struct settings {
	const char *tz;
	enum group group;
	enum order order;
	long per_feed;              /* 0 = no cap */
	long excerpt_length;
	long max_comments;
	struct digest_terms include, exclude;
	struct digest_topics topics;
	char **feeds, **tags;       /* from the config when not given */
	size_t n_feeds, n_tags;
};

struct build {
	const struct settings *set;
	struct digest_data d;
	size_t *also;               /* duplicates, grouped by main */
	size_t n_also;
	size_t *kept;               /* main articles shown, in model order */
	size_t n_kept;
};

/* ---- settings ---- */

static void split_list(const char *v, char ***out, size_t *n)
{
	const char *p = v, *e;

	*out = NULL;
	*n = 0;
	while (v && *p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e && *e != ','; e++)
			;
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = xstrndup(p, (size_t)(e - p));
		while ((*out)[*n - 1][0] && strchr(" \t",
		       (*out)[*n - 1][strlen((*out)[*n - 1]) - 1]))
			(*out)[*n - 1][strlen((*out)[*n - 1]) - 1] = '\0';
		p = e;
	}
}

static void free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int get_range(const struct rounds_conf *conf, const char *key,
		     long def, long lo, long hi, long *out,
		     struct rounds_err *err)
{
	const char *v = rounds_conf_get(conf, "digest", key, NULL);
	char *end;

	*out = def;
	if (v == NULL || *v == '\0')
		return 0;
	*out = strtol(v, &end, 10);
	if (*end != '\0' || *out < lo || *out > hi)
		return rounds_err_set(err, EX_CONFIG, "[digest] %s = '%s': "
				      "expected a number from %ld to %ld", key,
				      v, lo, hi);
	return 0;
}

static int settings_load(const struct rounds_conf *conf,
			 struct settings *s, struct rounds_err *err)
{
	const char *g = rounds_conf_get(conf, "digest", "group", "source");
	const char *o = rounds_conf_get(conf, "digest", "order", "newest");

	memset(s, 0, sizeof(*s));
	s->tz = rounds_conf_get(conf, "digest", "timezone", "UTC");
	digest_terms_parse(rounds_conf_get(conf, "digest", "include", NULL),
			   &s->include);
	digest_terms_parse(rounds_conf_get(conf, "digest", "exclude", NULL),
			   &s->exclude);
	digest_topics_load(conf, &s->topics);
	split_list(rounds_conf_get(conf, "digest", "feeds", NULL), &s->feeds,
		   &s->n_feeds);
	split_list(rounds_conf_get(conf, "digest", "tags", NULL), &s->tags,
		   &s->n_tags);
	if (strcasecmp(g, "source") == 0)
		s->group = GROUP_SOURCE;
	else if (strcasecmp(g, "topic") == 0)
		s->group = GROUP_TOPIC;
	else
		return rounds_err_set(err, EX_CONFIG, "[digest] group = '%s': "
				      "expected source or topic", g);
	if (strcasecmp(o, "newest") == 0)
		s->order = ORDER_NEWEST;
	else if (strcasecmp(o, "discussed") == 0)
		s->order = ORDER_DISCUSSED;
	else
		return rounds_err_set(err, EX_CONFIG, "[digest] order = '%s': "
				      "expected newest or discussed", o);
	if (get_range(conf, "per_feed", 0, 0, 100000, &s->per_feed, err) < 0 ||
	    get_range(conf, "excerpt_length", 280, 1, MAX_EXCERPT,
		      &s->excerpt_length, err) < 0 ||
	    get_range(conf, "max_comments", 5, 0, MAX_COMMENTS,
		      &s->max_comments, err) < 0)
		return -1;
	return 0;
}

static void settings_release(struct settings *s)
{
	digest_terms_release(&s->include);
	digest_terms_release(&s->exclude);
	digest_topics_release(&s->topics);
	free_list(s->feeds, s->n_feeds);
	free_list(s->tags, s->n_tags);
}

/* ---- per-article work ---- */

char *digest_excerpt(const char *summary, const char *content, size_t max)
{
	const char *html = summary && *summary ? summary : content;
	char *text, *ex;

	if (html == NULL || *html == '\0')
		return NULL;
	text = rounds_html_to_text(html, strlen(html));
	if (text && *text == '\0' && html == summary && content &&
	    *content) {
		free(text);
		text = rounds_html_to_text(content, strlen(content));
	}
	if (text == NULL || *text == '\0') {
		free(text);
		return NULL;
	}
	ex = rounds_text_excerpt(text, max);
	free(text);
	return ex;
}

static void parse_categories(struct digest_article *a)
{
	json_t *j;
	size_t i;

	if (a->categories == NULL)
		return;
	j = json_loads(a->categories, 0, NULL);
	if (json_is_array(j) && json_array_size(j) > 0) {
		a->cats = xcalloc(json_array_size(j), sizeof(*a->cats));
		for (i = 0; i < json_array_size(j); i++)
			if (json_string_value(json_array_get(j, i)))
				a->cats[a->n_cats++] = xstrdup(
				    json_string_value(json_array_get(j, i)));
	}
	json_decref(j);
}

/* Plain text, categories, keyword rules and topics of one article. */
static void prepare(struct build *b, struct digest_article *a)
{
	const struct settings *s = b->set;
	const char *html = a->summary && *a->summary ? a->summary : a->content;
	const char **parts;
	char *hay, *body = NULL;
	size_t i;

	parse_categories(a);
	if (html && *html)
		a->text = rounds_html_to_text(html, strlen(html));
	/* A summary of markup only: the content's text instead. */
	if (a->text && *a->text == '\0' && html != a->content &&
	    a->content && *a->content) {
		free(a->text);
		a->text = rounds_html_to_text(a->content, strlen(a->content));
	}
	if (a->text && strlen(a->text) > MAX_HAYSTACK)
		body = xstrndup(a->text, MAX_HAYSTACK);
	parts = xcalloc(a->n_cats + 2, sizeof(*parts));
	parts[0] = a->title;
	parts[1] = body ? body : a->text;
	for (i = 0; i < a->n_cats; i++)
		parts[i + 2] = a->cats[i];
	hay = digest_haystack(parts, a->n_cats + 2);
	if ((s->include.n > 0 && !digest_terms_match(&s->include, hay)) ||
	    digest_terms_match(&s->exclude, hay))
		a->dropped = true;
	else if (s->topics.n > 0) {
		a->topics = xcalloc(s->topics.n, sizeof(*a->topics));
		a->n_topics = digest_topics_match(&s->topics, hay, a->topics);
	}
	free(hay);
	free(body);
	free(parts);
}

/* ---- dedupe ---- */

static size_t uf_find(size_t *up, size_t i)
{
	while (up[i] != i) {
		up[i] = up[up[i]];
		i = up[i];
	}
	return i;
}

/* Keeps the earlier (time, then row) of two roots as the root. */
static void uf_union(size_t *up, const struct digest_article *arts,
		     size_t i, size_t j)
{
	i = uf_find(up, i);
	j = uf_find(up, j);
	if (i == j)
		return;
	if (arts[j].when < arts[i].when ||
	    (arts[j].when == arts[i].when && arts[j].row < arts[i].row))
		up[i] = j;
	else
		up[j] = i;
}

struct key_ix {
	const char *key;
	size_t feed;
	size_t ix;
};

static int key_cmp(const void *x, const void *y)
{
	const struct key_ix *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	if (c)
		return c;
	if (a->feed != b->feed)
		return a->feed < b->feed ? -1 : 1;
	return a->ix < b->ix ? -1 : a->ix > b->ix;
}

/* Duplicates by their main, then time, then row. */
static int also_cmp(const void *x, const void *y, void *arg)
{
	const struct digest_article *arts = arg;
	const struct digest_article *a = &arts[*(const size_t *)x],
				    *b = &arts[*(const size_t *)y];

	if (a->main != b->main)
		return a->main < b->main ? -1 : 1;
	if (a->when != b->when)
		return a->when < b->when ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

size_t *digest_dedupe(struct digest_article *arts, size_t n, size_t *n_also)
{
	size_t i, m = 0, *up, *also;
	struct key_ix *keys;
	char **titles;

	up = xcalloc(n + 1, sizeof(*up));
	keys = xcalloc(n + 1, sizeof(*keys));
	titles = xcalloc(n + 1, sizeof(*titles));
	for (i = 0; i < n; i++)
		up[i] = i;
	/* The same canonical link, in any feed. */
	for (i = 0; i < n; i++)
		if (!arts[i].dropped && arts[i].canonical && *arts[i].canonical)
			keys[m++] = (struct key_ix){ arts[i].canonical, 0, i };
	if (m > 0)
		qsort(keys, m, sizeof(*keys), key_cmp);
	for (i = 1; i < m; i++)
		if (strcmp(keys[i - 1].key, keys[i].key) == 0)
			uf_union(up, arts, keys[i - 1].ix, keys[i].ix);
	/* The same title, from another feed. */
	for (m = 0, i = 0; i < n; i++) {
		if (arts[i].dropped)
			continue;
		titles[i] = digest_title_key(arts[i].title);
		if (titles[i])
			keys[m++] = (struct key_ix){ titles[i], arts[i].feed,
						     i };
	}
	if (m > 0)
		qsort(keys, m, sizeof(*keys), key_cmp);
	for (i = 1; i < m; i++)
		if (strcmp(keys[i - 1].key, keys[i].key) == 0 &&
		    keys[i - 1].feed != keys[i].feed)
			uf_union(up, arts, keys[i - 1].ix, keys[i].ix);
	/* Mains and their duplicates. */
	also = xcalloc(n + 1, sizeof(*also));
	*n_also = 0;
	for (i = 0; i < n; i++) {
		if (arts[i].dropped)
			continue;
		arts[i].main = uf_find(up, i);
		if (arts[i].main != i)
			also[(*n_also)++] = i;
	}
	if (*n_also > 0)
		qsort_r(also, *n_also, sizeof(*also), also_cmp, arts);
	for (i = 0; i < *n_also; i++) {
		struct digest_article *main = &arts[arts[also[i]].main];

		if (main->n_also++ == 0)
			main->also = i;
		arts[also[i]].dropped = true;
	}
	for (i = 0; i < n; i++)
		free(titles[i]);
	free(titles);
	free(keys);
	free(up);
	return also;
}

/* ---- ranking and grouping ---- */

/* Rank order within a section. */
static int rank_cmp(const struct digest_article *a,
		    const struct digest_article *b, enum order order)
{
	if (order == ORDER_DISCUSSED && a->discussed != b->discussed)
		return a->discussed > b->discussed ? -1 : 1;
	if (a->when != b->when)
		return a->when > b->when ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

static int cmp_feed_rank(const void *x, const void *y, void *arg)
{
	const struct build *b = arg;
	const struct digest_article *a = &b->d.arts[*(const size_t *)x],
				    *c = &b->d.arts[*(const size_t *)y];

	if (a->feed != c->feed)
		return a->feed < c->feed ? -1 : 1;
	return rank_cmp(a, c, b->set->order);
}

static size_t section_of(const struct build *b,
			 const struct digest_article *a)
{
	return a->n_topics > 0 ? a->topics[0] : b->set->topics.n;
}

static int cmp_model(const void *x, const void *y, void *arg)
{
	const struct build *b = arg;
	const struct digest_article *a = &b->d.arts[*(const size_t *)x],
				    *c = &b->d.arts[*(const size_t *)y];
	const struct digest_feed *fa = &b->d.feeds[a->feed],
				 *fc = &b->d.feeds[c->feed];
	size_t sa, sc;
	int r;

	if (b->set->group == GROUP_SOURCE) {
		if ((r = strcasecmp(fa->title, fc->title)) != 0 ||
		    (r = strcmp(fa->title, fc->title)) != 0 ||
		    (r = strcmp(fa->url, fc->url)) != 0)
			return r;
	} else {
		sa = section_of(b, a);
		sc = section_of(b, c);
		if (sa != sc)
			return sa < sc ? -1 : 1;
	}
	return rank_cmp(a, c, b->set->order);
}

/* The shown articles in model order, the per-feed cap applied. */
static void choose(struct build *b)
{
	struct digest_article *arts = b->d.arts;
	size_t i, j, n = 0, run = 0, prev = 0;

	b->kept = xcalloc(b->d.n_arts + 1, sizeof(*b->kept));
	for (i = 0; i < b->d.n_arts; i++) {
		struct digest_article *a = &arts[i];

		if (a->dropped)
			continue;
		a->discussed = a->has_comment_count ? a->comment_count :
			(int64_t)a->n_comments;
		b->kept[n++] = i;
	}
	if (b->set->per_feed > 0 && n > 0) {
		qsort_r(b->kept, n, sizeof(*b->kept), cmp_feed_rank, b);
		for (i = j = 0; i < n; i++) {
			size_t feed = arts[b->kept[i]].feed;

			if (i == 0 || feed != prev)
				run = 0;
			prev = feed;
			if ((long)run++ < b->set->per_feed)
				b->kept[j++] = b->kept[i];
		}
		n = j;
	}
	if (n > 0)
		qsort_r(b->kept, n, sizeof(*b->kept), cmp_model, b);
	b->n_kept = n;
}

/* ---- the JSON ---- */

/* Sets key to s when s is known (not NULL or "") and valid UTF-8. */
static void set_str(json_t *o, const char *key, const char *s)
{
	json_t *v;

	if (s == NULL || *s == '\0')
		return;
	if ((v = json_string(s)) != NULL)
		json_object_set_new(o, key, v);
}

static void set_date(json_t *o, const char *key, int64_t t)
{
	char buf[21];

	rounds_clock_format(t, buf);
	json_object_set_new(o, key, json_string(buf));
}

/* Sets key to a (stolen) when it holds anything. */
static void set_nonempty(json_t *o, const char *key, json_t *a)
{
	if ((json_is_array(a) && json_array_size(a) > 0) ||
	    (json_is_object(a) && json_object_size(a) > 0))
		json_object_set_new(o, key, a);
	else
		json_decref(a);
}

/* A PERSON from its stored JSON, unknown keys left out. */
static json_t *person(json_t *p)
{
	static const char *const keys[] = { "name", "email", "uri" };
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < 3; i++)
		set_str(o, keys[i],
			json_string_value(json_object_get(p, keys[i])));
	return o;
}

static json_t *authors_json(const char *text)
{
	json_t *a = json_array(), *j = text ? json_loads(text, 0, NULL) : NULL;
	json_t *p;
	size_t i;

	json_array_foreach(j, i, p) {
		json_t *o = person(p);

		if (json_object_size(o) > 0)
			json_array_append_new(a, o);
		else
			json_decref(o);
	}
	json_decref(j);
	return a;
}

static json_t *comment_json(const struct build *b,
			    const struct digest_article *a,
			    const struct rounds_thread_node *nodes, size_t i)
{
	const struct digest_comment *c = &a->comments[i];
	json_t *o = json_object(), *replies = json_array(), *au;
	char *ex;
	size_t k;

	set_str(o, "id", c->guid);
	if (c->author && (au = json_loads(c->author, 0, NULL)) != NULL) {
		set_nonempty(o, "author", person(au));
		json_decref(au);
	}
	if (c->has_published)
		set_date(o, "published", c->published);
	set_str(o, "link", c->link);
	ex = digest_excerpt(NULL, c->content, (size_t)b->set->excerpt_length);
	set_str(o, "excerpt", ex);
	free(ex);
	set_str(o, "html", c->content);
	for (k = nodes[i].child; k != ROUNDS_THREAD_NONE; k = nodes[k].next)
		if (nodes[k].shown)
			json_array_append_new(replies,
					      comment_json(b, a, nodes, k));
	set_nonempty(o, "replies", replies);
	return o;
}

/* "comments" and "more_comments" of an article. */
static void thread_json(const struct build *b, const struct digest_article *a,
			int64_t count, json_t *o)
{
	struct rounds_thread_node *nodes;
	json_t *arr = json_array();
	size_t i, root, shown;
	int64_t more;

	nodes = xcalloc(a->n_comments + 1, sizeof(*nodes));
	for (i = 0; i < a->n_comments; i++) {
		nodes[i].id = a->comments[i].guid;
		nodes[i].parent = a->comments[i].parent;
	}
	root = rounds_thread_build(nodes, a->n_comments);
	shown = rounds_thread_trim(nodes, a->n_comments, root,
				   (size_t)b->set->max_comments);
	for (i = root; i != ROUNDS_THREAD_NONE; i = nodes[i].next)
		if (nodes[i].shown)
			json_array_append_new(arr, comment_json(b, a, nodes,
								 i));
	set_nonempty(o, "comments", arr);
	more = (count > (int64_t)a->n_comments ? count :
		(int64_t)a->n_comments) - (int64_t)shown;
	if (more > 0)
		json_object_set_new(o, "more_comments", json_integer(more));
	free(nodes);
}

static json_t *tags_json(const struct build *b, const struct digest_article *a)
{
	json_t *arr = json_array(), *v;
	const char *t;
	size_t i, j, n = a->n_topics + a->n_cats;
	bool seen;

	for (i = 0; i < n; i++) {
		t = i < a->n_topics ? b->set->topics.v[a->topics[i]].name :
			a->cats[i - a->n_topics];
		if (t == NULL || *t == '\0')
			continue;
		for (seen = false, j = 0; j < json_array_size(arr); j++)
			seen |= strcasecmp(json_string_value(
				json_array_get(arr, j)), t) == 0;
		if (!seen && (v = json_string(t)) != NULL)
			json_array_append_new(arr, v);
	}
	return arr;
}

static json_t *article_json(const struct build *b,
			    const struct digest_article *a, int64_t *count)
{
	const struct digest_feed *f = &b->d.feeds[a->feed];
	json_t *o = json_object(), *src = json_object(), *also = json_array();
	size_t i;
	char *ex;

	set_str(o, "id", a->guid);
	set_str(o, "title", a->title);
	set_str(o, "link", a->link);
	set_str(src, "title", f->title);
	set_str(src, "link", f->link);
	set_str(src, "feed", f->url);
	json_object_set_new(o, "source", src);
	for (i = a->also; i < a->also + a->n_also; i++) {
		const struct digest_article *d = &b->d.arts[b->also[i]];
		json_t *x = json_object();

		set_str(x, "title", b->d.feeds[d->feed].title);
		set_str(x, "link", d->link);
		json_array_append_new(also, x);
	}
	set_nonempty(o, "also", also);
	set_nonempty(o, "authors", authors_json(a->authors));
	if (a->has_published)
		set_date(o, "published", a->published);
	if (a->has_updated)
		set_date(o, "updated", a->updated);
	set_nonempty(o, "tags", tags_json(b, a));
	ex = a->text ? rounds_text_excerpt(a->text,
					   (size_t)b->set->excerpt_length) :
		NULL;
	set_str(o, "excerpt", ex);
	free(ex);
	set_str(o, "content", a->content && *a->content ? a->content :
		a->summary);
	*count = a->has_comment_count ? a->comment_count :
		(int64_t)a->n_comments;
	if (a->has_comment_count || a->n_comments > 0)
		json_object_set_new(o, "comment_count", json_integer(*count));
	else
		*count = 0;
	set_str(o, "comments_link", a->comments_link);
	thread_json(b, a, *count, o);
	return o;
}

static const char *section_title(const struct build *b,
				 const struct digest_article *a)
{
	size_t s;

	if (b->set->group == GROUP_SOURCE)
		return b->d.feeds[a->feed].title;
	s = section_of(b, a);
	return s < b->set->topics.n ? b->set->topics.v[s].name : "Other";
}

static json_t *sections_json(const struct build *b, int64_t *comments)
{
	json_t *sections = json_array(), *sec = NULL, *arts = NULL;
	const char *title, *cur = NULL;
	int64_t count;
	size_t i;

	*comments = 0;
	for (i = 0; i < b->n_kept; i++) {
		const struct digest_article *a = &b->d.arts[b->kept[i]];

		title = section_title(b, a);
		if (cur == NULL || strcmp(cur, title) != 0 ||
		    (b->set->group == GROUP_SOURCE &&
		     a->feed != b->d.arts[b->kept[i - 1]].feed)) {
			sec = json_object();
			arts = json_array();
			set_str(sec, "title", title);
			json_object_set_new(sec, "articles", arts);
			json_array_append_new(sections, sec);
			cur = title;
		}
		json_array_append_new(arts, article_json(b, a, &count));
		*comments += count;
	}
	return sections;
}

/* "Health IT Rounds — 2026-W47", or with the window's first and last
 * days. */
static int model_title(const struct rounds_conf *conf,
		       const struct rounds_digest_opts *opts, const char *tz,
		       char **out, struct rounds_err *err)
{
	const char *site = rounds_conf_get(conf, "site", "title",
					   DEFAULT_TITLE);
	struct rounds_buf b;
	int64_t d0, d1;
	int y0, m0, a0, y1, m1, a1, w;

	rounds_buf_init(&b, 0);
	if (opts->week)
		w = rounds_buf_printf(&b, "%s \u2014 %s", site, opts->week);
	else {
		if (digest_local_days(opts->since, tz, &d0, err) < 0 ||
		    digest_local_days(opts->until - 1, tz, &d1, err) < 0)
			return -1;
		digest_civil_from_days(d0, &y0, &m0, &a0);
		digest_civil_from_days(d1, &y1, &m1, &a1);
		w = rounds_buf_printf(&b, "%s \u2014 %04d-%02d-%02d", site, y0,
				      m0, a0);
		if (w == 0 && d1 > d0)
			w = rounds_buf_printf(&b, " to %04d-%02d-%02d", y1, m1,
					      a1);
	}
	if (w < 0)
		return rounds_err_set(err, EX_SOFTWARE, "out of memory");
	*out = rounds_buf_detach(&b);
	return 0;
}

static json_t *site_json(const struct rounds_conf *conf)
{
	json_t *o = json_object();

	set_str(o, "title", rounds_conf_get(conf, "site", "title",
					    DEFAULT_TITLE));
	set_str(o, "url", rounds_conf_get(conf, "site", "url", NULL));
	set_str(o, "description", rounds_conf_get(conf, "site", "description",
						  NULL));
	return o;
}

json_t *rounds_digest_build(struct rounds_store *st,
			    const struct rounds_conf *conf,
			    const struct rounds_digest_opts *opts,
			    struct rounds_err *err)
{
	struct settings set;
	struct build b;
	sqlite3 *db = rounds_store_db(st);
	json_t *model = NULL, *sections;
	char *title = NULL;
	int64_t issue, comments;
	size_t i;
	bool use_conf;

	memset(&b, 0, sizeof(b));
	b.set = &set;
	if (settings_load(conf, &set, err) < 0)
		goto out;
	if (opts->until <= opts->since) {
		rounds_err_set(err, EX_USAGE, "the window is empty: it must "
			       "end after it starts");
		goto out;
	}
	use_conf = opts->n_feeds == 0 && opts->n_tags == 0;
	if (digest_load_feeds(db, use_conf ? (const char *const *)set.feeds :
			      opts->feeds, use_conf ? set.n_feeds :
			      opts->n_feeds, use_conf ?
			      (const char *const *)set.tags : opts->tags,
			      use_conf ? set.n_tags : opts->n_tags, &b.d,
			      err) < 0 ||
	    digest_load_entries(db, opts->since, opts->until, &b.d, err) < 0)
		goto out;
	for (i = 0; i < b.d.n_arts; i++)
		prepare(&b, &b.d.arts[i]);
	b.also = digest_dedupe(b.d.arts, b.d.n_arts, &b.n_also);
	if (digest_load_comments(db, &b.d, err) < 0 ||
	    digest_issue_number(db, opts->week, opts->since, opts->until,
				&issue, err) < 0 ||
	    model_title(conf, opts, set.tz, &title, err) < 0)
		goto out;
	choose(&b);
	model = json_object();
	set_str(model, "title", title);
	json_object_set_new(model, "issue", json_integer(issue));
	set_str(model, "week", opts->week);
	set_date(model, "since", opts->since);
	set_date(model, "until", opts->until);
	set_date(model, "generated", rounds_clock_now());
	json_object_set_new(model, "site", site_json(conf));
	sections = sections_json(&b, &comments);
	json_object_set_new(model, "sections", sections);
	json_object_set_new(model, "article_count",
			    json_integer((json_int_t)b.n_kept));
	json_object_set_new(model, "comment_count", json_integer(comments));
out:
	free(title);
	free(b.also);
	free(b.kept);
	digest_data_release(&b.d);
	settings_release(&set);
	return model;
}
