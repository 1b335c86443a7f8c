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
 * - Ordering: newest = time descending; discussed = discussion score
 *   descending (digest_discuss.c), then comment count, then time
 *   descending; ties by row id.  Sections: by
 *   source title (case-insensitive, then feed URL), or in topic order
 *   with "Other" last.
 * - "continued": the articles whose time is in the comment window before
 *   the window ([since - [fetch] comment_window_days, since)) and that
 *   have comments written in the window (published, else first seen),
 *   the same feeds, rules and dedupe applied; most discussed in the
 *   window first (score, then newest).  Each carries only the window's
 *   comments, threaded and trimmed as above, "more_comments" counting
 *   those alone, and each top-level comment that answers an earlier one
 *   its "context" (the first 120 bytes of that comment's text).  The
 *   model's "article_count" and "comment_count" are the sections' alone.
 * - Empty arrays and unknown values are left out. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/html.h"
#include "digest_int.h"

#define MAX_EXCERPT     100000
#define MAX_COMMENTS    1000
#define MAX_HAYSTACK    8192    /* bytes of body text the rules look at */

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
			 struct digest_settings *s, struct rounds_err *err)
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
		s->group = DIGEST_BY_SOURCE;
	else if (strcasecmp(g, "topic") == 0)
		s->group = DIGEST_BY_TOPIC;
	else
		return rounds_err_set(err, EX_CONFIG, "[digest] group = '%s': "
				      "expected source or topic", g);
	if (strcasecmp(o, "newest") == 0)
		s->order = DIGEST_NEWEST;
	else if (strcasecmp(o, "discussed") == 0)
		s->order = DIGEST_DISCUSSED;
	else
		return rounds_err_set(err, EX_CONFIG, "[digest] order = '%s': "
				      "expected newest or discussed", o);
	s->mask_contacts = rounds_conf_get_bool(conf, "digest",
						"mask_contacts", true);
	s->comment_window = rounds_conf_get_int(conf, "fetch",
						"comment_window_days", 14);
	if (get_range(conf, "per_feed", 0, 0, 100000, &s->per_feed, err) < 0 ||
	    get_range(conf, "excerpt_length", 280, 1, MAX_EXCERPT,
		      &s->excerpt_length, err) < 0 ||
	    get_range(conf, "max_comments", 5, 0, MAX_COMMENTS,
		      &s->max_comments, err) < 0)
		return -1;
	return 0;
}

static void settings_release(struct digest_settings *s)
{
	digest_terms_release(&s->include);
	digest_terms_release(&s->exclude);
	digest_topics_release(&s->topics);
	free_list(s->feeds, s->n_feeds);
	free_list(s->tags, s->n_tags);
}

/* ---- per-article work ---- */

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
static void prepare(struct digest_build *b, struct digest_article *a)
{
	const struct digest_settings *s = b->set;
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
		    const struct digest_article *b, enum digest_order order)
{
	if (order == DIGEST_DISCUSSED && a->disc.score != b->disc.score)
		return a->disc.score > b->disc.score ? -1 : 1;
	if (order == DIGEST_DISCUSSED && a->discussed != b->discussed)
		return a->discussed > b->discussed ? -1 : 1;
	if (a->when != b->when)
		return a->when > b->when ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

static int cmp_feed_rank(const void *x, const void *y, void *arg)
{
	const struct digest_build *b = arg;
	const struct digest_article *a = &b->d.arts[*(const size_t *)x],
				    *c = &b->d.arts[*(const size_t *)y];

	if (a->feed != c->feed)
		return a->feed < c->feed ? -1 : 1;
	return rank_cmp(a, c, b->set->order);
}

static int cmp_model(const void *x, const void *y, void *arg)
{
	const struct digest_build *b = arg;
	const struct digest_article *a = &b->d.arts[*(const size_t *)x],
				    *c = &b->d.arts[*(const size_t *)y];
	const struct digest_feed *fa = &b->d.feeds[a->feed],
				 *fc = &b->d.feeds[c->feed];
	size_t sa, sc;
	int r;

	if (b->set->group == DIGEST_BY_SOURCE) {
		if ((r = strcasecmp(fa->title, fc->title)) != 0 ||
		    (r = strcmp(fa->title, fc->title)) != 0 ||
		    (r = strcmp(fa->url, fc->url)) != 0)
			return r;
	} else {
		sa = digest_section_of(b, a);
		sc = digest_section_of(b, c);
		if (sa != sc)
			return sa < sc ? -1 : 1;
	}
	return rank_cmp(a, c, b->set->order);
}

/* The shown articles in model order, the per-feed cap applied. */
static void choose(struct digest_build *b)
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

/* The feeds: --feed/--tag, else the config's feeds and tags. */
static int load_feeds(struct rounds_store *st, const struct digest_settings *s,
		      const struct rounds_digest_opts *opts,
		      struct digest_data *d, struct rounds_err *err)
{
	if (opts->n_feeds == 0 && opts->n_tags == 0)
		return digest_load_feeds(st, (const char *const *)s->feeds,
					 s->n_feeds,
					 (const char *const *)s->tags,
					 s->n_tags, d, err);
	return digest_load_feeds(st, opts->feeds, opts->n_feeds, opts->tags,
				 opts->n_tags, d, err);
}

/* Orders the continued articles: most discussed in the window first,
 * then newest, then by row. */
static int cmp_continued(const void *x, const void *y, void *arg)
{
	const struct digest_build *b = arg;

	return rank_cmp(&b->d.arts[*(const size_t *)x],
			&b->d.arts[*(const size_t *)y], DIGEST_DISCUSSED);
}

/* "continued": the articles of the comment window before the window
 * (their time in [since - comment_window_days, since)) whose threads grew
 * in it, through the same feeds, rules and dedupe as the week's; each
 * with only the window's comments.  *out is NULL when there are none. */
static int continued(struct rounds_store *st, const struct digest_settings *s,
		     const struct rounds_digest_opts *opts, json_t **out,
		     struct rounds_err *err)
{
	struct digest_build b;
	size_t i;
	int rc = -1;

	memset(&b, 0, sizeof(b));
	b.set = s;
	*out = NULL;
	if (load_feeds(st, s, opts, &b.d, err) < 0 ||
	    digest_load_continued(st, opts->since - s->comment_window * 86400,
				  opts->since, opts->until, &b.d, err) < 0)
		goto out;
	for (i = 0; i < b.d.n_arts; i++)
		prepare(&b, &b.d.arts[i]);
	b.also = digest_dedupe(b.d.arts, b.d.n_arts, &b.n_also);
	if (digest_load_comments(st, &b.d, err) < 0)
		goto out;
	b.kept = xcalloc(b.d.n_arts + 1, sizeof(*b.kept));
	for (i = 0; i < b.d.n_arts; i++) {
		if (b.d.arts[i].dropped)
			continue;
		digest_comments_people(&b.d.arts[i]);
		digest_discuss(&b.d.arts[i], opts->since, opts->until);
		if (b.d.arts[i].disc.new_comments > 0)
			b.kept[b.n_kept++] = i;
	}
	if (b.n_kept > 0) {
		qsort_r(b.kept, b.n_kept, sizeof(*b.kept), cmp_continued, &b);
		*out = digest_continued_json(&b);
	}
	rc = 0;
out:
	free(b.also);
	free(b.kept);
	digest_data_release(&b.d);
	return rc;
}

json_t *rounds_digest_build(struct rounds_store *st,
			    const struct rounds_conf *conf,
			    const struct rounds_digest_opts *opts,
			    struct rounds_err *err)
{
	json_t *model = rounds_digest_build_raw(st, conf, opts, err);

	if (model)
		digest_model_safe(model);
	return model;
}

json_t *rounds_digest_build_raw(struct rounds_store *st,
				const struct rounds_conf *conf,
				const struct rounds_digest_opts *opts,
				struct rounds_err *err)
{
	struct digest_settings set;
	struct digest_build b;
	json_t *model = NULL, *sections, *cont = NULL;
	char *title = NULL;
	int64_t issue, comments;
	size_t i;

	memset(&b, 0, sizeof(b));
	b.set = &set;
	if (settings_load(conf, &set, err) < 0)
		goto out;
	if (opts->until <= opts->since) {
		rounds_err_set(err, EX_USAGE, "the window is empty: it must "
			       "end after it starts");
		goto out;
	}
	if (load_feeds(st, &set, opts, &b.d, err) < 0 ||
	    digest_load_entries(st, opts->since, opts->until, &b.d, err) < 0)
		goto out;
	for (i = 0; i < b.d.n_arts; i++)
		prepare(&b, &b.d.arts[i]);
	b.also = digest_dedupe(b.d.arts, b.d.n_arts, &b.n_also);
	if (digest_load_comments(st, &b.d, err) < 0 ||
	    rounds_store_issue_number(st, opts->week, opts->since,
				      opts->until, &issue, err) < 0 ||
	    digest_model_title(conf, opts, set.tz, &title, err) < 0 ||
	    continued(st, &set, opts, &cont, err) < 0)
		goto out;
	for (i = 0; i < b.d.n_arts; i++) {
		if (b.d.arts[i].dropped)
			continue;
		digest_comments_people(&b.d.arts[i]);
		digest_discuss(&b.d.arts[i], INT64_MIN, opts->until);
	}
	choose(&b);
	model = json_object();
	digest_set_str(model, "title", title);
	json_object_set_new(model, "issue", json_integer(issue));
	digest_set_str(model, "week", opts->week);
	digest_set_date(model, "since", opts->since);
	digest_set_date(model, "until", opts->until);
	digest_set_date(model, "generated", rounds_clock_now());
	json_object_set_new(model, "site", digest_site_json(conf));
	sections = digest_sections_json(&b, &comments);
	json_object_set_new(model, "sections", sections);
	if (cont)
		json_object_set_new(model, "continued", cont);
	cont = NULL;
	json_object_set_new(model, "article_count",
			    json_integer((json_int_t)b.n_kept));
	json_object_set_new(model, "comment_count", json_integer(comments));
out:
	json_decref(cont);
	free(title);
	free(b.also);
	free(b.kept);
	digest_data_release(&b.d);
	settings_release(&set);
	return model;
}
