/* digest_model.c: the digest model's JSON (INTERFACE.md): sections,
 * articles, their threads, the title and the site. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/contacts.h"
#include "rounds/html.h"
#include "rounds/thread.h"
#include "rounds/reply.h"
#include "digest_int.h"

size_t digest_section_of(const struct digest_build *b,
			 const struct digest_article *a)
{
	return a->n_topics > 0 ? a->topics[0] : b->set->topics.n;
}

/* ---- the JSON ---- */

/* Sets key to s when s is known (not NULL or "") and valid UTF-8. */
void digest_set_str(json_t *o, const char *key, const char *s)
{
	json_t *v;

	if (s == NULL || *s == '\0')
		return;
	if ((v = json_string(s)) != NULL)
		json_object_set_new(o, key, v);
}

void digest_set_date(json_t *o, const char *key, int64_t t)
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
		digest_set_str(o, keys[i],
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

/* The HTML after a WordPress reply's marker, "<p>In reply to <a
 * href=...#comment-N>Name</a>." (rounds_reply_marker(): in any
 * language), or html as it is: the store has threaded the reply by it,
 * and the name may hold full stops of its own ("Dr. Priya Raman"),
 * which the text alone cannot tell from the marker's. */
static const char *after_reply_marker(const char *html)
{
	const char *after;

	if (html == NULL || rounds_reply_marker(html, &after) == NULL)
		return html;
	return after;
}

/* A WordPress reply starts "In reply to Name." (the store has threaded it
 * by that marker); in a nested reply the excerpt need not say it again.
 * For a marker after_reply_marker() did not find in the HTML. */
static void drop_reply_marker(char *ex)
{
	static const char mark[] = "In reply to ";
	char *end;

	if (ex == NULL || strncmp(ex, mark, sizeof(mark) - 1) != 0)
		return;
	end = strstr(ex + sizeof(mark) - 1, ". ");
	if (end == NULL || end - ex > 200)
		return;
	end += 2;
	memmove(ex, end, strlen(end) + 1);
}

/* Sets key to s, contact details masked when the settings say so. */
static void set_masked(const struct digest_build *b, json_t *o,
		       const char *key, const char *s, bool html)
{
	char *m;

	if (!b->set->mask_contacts || s == NULL) {
		digest_set_str(o, key, s);
		return;
	}
	m = html ? rounds_contacts_mask_html(s, strlen(s)) :
		rounds_contacts_mask(s, strlen(s));
	digest_set_str(o, key, m);
	free(m);
}

/* A commenter: never an e-mail address (neither "email" nor a mailto:
 * uri); a name that holds contact details is masked like the text. */
static json_t *commenter(const struct digest_build *b, json_t *p)
{
	const char *uri = json_string_value(json_object_get(p, "uri"));
	json_t *o = json_object();

	set_masked(b, o, "name", json_string_value(json_object_get(p, "name")),
		   false);
	if (uri && strncasecmp(uri, "mailto:", 7) != 0)
		digest_set_str(o, "uri", uri);
	return o;
}

/* The shown part of an article's thread: its fresh comments (written in
 * the window) as a tree; ix maps a node to its comment. */
struct thread {
	const struct digest_build *b;
	const struct digest_article *a;
	struct rounds_thread_node *nodes;
	size_t *ix;
	bool context;           /* quote what a top-level comment answers */
};

#define CONTEXT_LENGTH 120

/* "context": a line of the earlier comment that c answers. */
static void context_json(const struct thread *t,
			 const struct digest_comment *c, json_t *o)
{
	const struct digest_article *a = t->a;
	const struct digest_comment *up;
	char *html = NULL, *ex;
	size_t i;

	for (i = 0; c->parent && i < a->n_comments; i++)
		if (a->comments[i].guid && !a->comments[i].fresh &&
		    strcmp(a->comments[i].guid, c->parent) == 0)
			break;
	if (c->parent == NULL || i == a->n_comments ||
	    a->comments[i].content == NULL)
		return;
	up = &a->comments[i];
	if (t->b->set->mask_contacts)
		html = rounds_contacts_mask_html(up->content,
						 strlen(up->content));
	ex = digest_excerpt(NULL, up->parent ? after_reply_marker(html ? html :
				up->content) : html ? html : up->content,
			    CONTEXT_LENGTH);
	if (up->parent)
		drop_reply_marker(ex);
	set_masked(t->b, o, "context", ex, false);
	free(ex);
	free(html);
}

static json_t *comment_json(const struct thread *t, size_t i)
{
	const struct digest_build *b = t->b;
	const struct digest_comment *c = &t->a->comments[t->ix[i]];
	json_t *o = json_object(), *replies = json_array(), *au;
	char *ex, *html;
	size_t k;

	digest_set_str(o, "id", c->guid);
	au = c->author_j ? json_incref(c->author_j) : c->author ?
		json_loads(c->author, 0, NULL) : NULL;
	if (au != NULL) {
		set_nonempty(o, "author", commenter(b, au));
		json_decref(au);
	}
	if (c->has_published)
		digest_set_date(o, "published", c->published);
	digest_set_str(o, "link", c->link);
	/* Masked before the excerpt is cut, so no cut leaves half a number
	 * behind; the excerpt again for what markup split. */
	html = b->set->mask_contacts && c->content ?
		rounds_contacts_mask_html(c->content, strlen(c->content)) :
		NULL;
	ex = digest_excerpt(NULL, c->parent ? after_reply_marker(html ? html :
				c->content) : html ? html : c->content,
			    (size_t)b->set->excerpt_length);
	if (c->parent)
		drop_reply_marker(ex);
	set_masked(b, o, "excerpt", ex, false);
	free(ex);
	digest_set_str(o, "html", html ? html : c->content);
	free(html);
	if (c->by_author)
		json_object_set_new(o, "by_author", json_true());
	if (t->context && t->nodes[i].up == ROUNDS_THREAD_NONE)
		context_json(t, c, o);
	for (k = t->nodes[i].child; k != ROUNDS_THREAD_NONE;
	     k = t->nodes[k].next)
		if (t->nodes[k].shown)
			json_array_append_new(replies, comment_json(t, k));
	set_nonempty(o, "replies", replies);
	return o;
}

/* "comments" and "more_comments" of an article: its fresh comments,
 * trimmed; more = the larger of count and the fresh ones, less those
 * shown. */
static void thread_json(const struct digest_build *b,
			const struct digest_article *a, int64_t count,
			bool context, json_t *o)
{
	struct thread t = { b, a, NULL, NULL, context };
	json_t *arr = json_array();
	size_t i, n = 0, root, shown;
	int64_t more;

	t.nodes = xcalloc(a->n_comments + 1, sizeof(*t.nodes));
	t.ix = xcalloc(a->n_comments + 1, sizeof(*t.ix));
	for (i = 0; i < a->n_comments; i++) {
		if (!a->comments[i].fresh)
			continue;
		t.nodes[n].id = a->comments[i].guid;
		t.nodes[n].parent = a->comments[i].parent;
		t.ix[n++] = i;
	}
	root = rounds_thread_build(t.nodes, n);
	shown = rounds_thread_trim(t.nodes, n, root,
				   (size_t)b->set->max_comments);
	for (i = root; i != ROUNDS_THREAD_NONE; i = t.nodes[i].next)
		if (t.nodes[i].shown)
			json_array_append_new(arr, comment_json(&t, i));
	set_nonempty(o, "comments", arr);
	more = (count > (int64_t)n ? count : (int64_t)n) - (int64_t)shown;
	if (more > 0)
		json_object_set_new(o, "more_comments", json_integer(more));
	free(t.nodes);
	free(t.ix);
}

static json_t *discussion_json(const struct digest_discussion *d)
{
	return json_pack("{sI sI sI sf}", "new_comments",
			 (json_int_t)d->new_comments, "participants",
			 (json_int_t)d->participants, "depth",
			 (json_int_t)d->depth, "score", d->score);
}

static json_t *tags_json(const struct digest_build *b,
			 const struct digest_article *a)
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

/* An ARTICLE; continued: its thread is only the window's comments, each
 * top-level one with its context, "more_comments" counting those alone. */
static json_t *article_json(const struct digest_build *b,
			    const struct digest_article *a, bool continued,
			    int64_t *count)
{
	const struct digest_feed *f = &b->d.feeds[a->feed];
	json_t *o = json_object(), *src = json_object(), *also = json_array();
	size_t i;
	char *ex;

	digest_set_str(o, "id", a->guid);
	digest_set_str(o, "title", a->title);
	digest_set_str(o, "link", a->link);
	digest_set_str(src, "title", f->title);
	digest_set_str(src, "link", f->link);
	digest_set_str(src, "feed", f->pub);
	json_object_set_new(o, "source", src);
	for (i = a->also; i < a->also + a->n_also; i++) {
		const struct digest_article *d = &b->d.arts[b->also[i]];
		json_t *x = json_object();

		digest_set_str(x, "title", b->d.feeds[d->feed].title);
		digest_set_str(x, "link", d->link);
		json_array_append_new(also, x);
	}
	set_nonempty(o, "also", also);
	set_nonempty(o, "authors", authors_json(a->authors));
	if (a->has_published)
		digest_set_date(o, "published", a->published);
	if (a->has_updated)
		digest_set_date(o, "updated", a->updated);
	set_nonempty(o, "tags", tags_json(b, a));
	ex = a->text ? rounds_text_excerpt(a->text,
					   (size_t)b->set->excerpt_length) :
		NULL;
	digest_set_str(o, "excerpt", ex);
	free(ex);
	digest_set_str(o, "content", a->content && *a->content ? a->content :
		a->summary);
	*count = a->has_comment_count ? a->comment_count :
		(int64_t)a->n_comments;
	if (a->has_comment_count || a->n_comments > 0)
		json_object_set_new(o, "comment_count", json_integer(*count));
	else
		*count = 0;
	digest_set_str(o, "comments_link", a->comments_link);
	thread_json(b, a, continued ? 0 : *count, continued, o);
	if (a->disc.new_comments > 0)
		json_object_set_new(o, "discussion", discussion_json(&a->disc));
	return o;
}

static const char *section_title(const struct digest_build *b,
				 const struct digest_article *a)
{
	size_t s;

	if (b->set->group == DIGEST_BY_SOURCE)
		return b->d.feeds[a->feed].title;
	s = digest_section_of(b, a);
	return s < b->set->topics.n ? b->set->topics.v[s].name : "Other";
}

json_t *digest_sections_json(const struct digest_build *b, int64_t *comments)
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
		    (b->set->group == DIGEST_BY_SOURCE &&
		     a->feed != b->d.arts[b->kept[i - 1]].feed)) {
			sec = json_object();
			arts = json_array();
			digest_set_str(sec, "title", title);
			json_object_set_new(sec, "articles", arts);
			json_array_append_new(sections, sec);
			cur = title;
		}
		json_array_append_new(arts, article_json(b, a, false, &count));
		*comments += count;
	}
	return sections;
}

json_t *digest_continued_json(const struct digest_build *b)
{
	json_t *arts = json_array();
	int64_t count;
	size_t i;

	for (i = 0; i < b->n_kept; i++)
		json_array_append_new(arts, article_json(b,
				      &b->d.arts[b->kept[i]], true, &count));
	return arts;
}

/* "Health IT Rounds — 2026-W47", or with the window's first and last
 * days. */
int digest_model_title(const struct rounds_conf *conf,
		       const struct rounds_digest_opts *opts, const char *tz,
		       char **out, struct rounds_err *err)
{
	const char *site = rounds_conf_get(conf, "site", "title",
					   DIGEST_DEFAULT_TITLE);
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

json_t *digest_site_json(const struct rounds_conf *conf)
{
	json_t *o = json_object();

	digest_set_str(o, "title", rounds_conf_get(conf, "site", "title",
						   DIGEST_DEFAULT_TITLE));
	digest_set_str(o, "url", rounds_conf_get(conf, "site", "url", NULL));
	digest_set_str(o, "description", rounds_conf_get(conf, "site",
							 "description", NULL));
	return o;
}

json_t *rounds_digest_site(const struct rounds_conf *conf)
{
	return digest_site_json(conf);
}

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
