/* draft.c: the editor's draft read back through libcmark's AST and
 * applied to the digest model (draft.h says what is read and how). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <cmark.h>
#include <libxml/xmlstring.h>
#include "rounds/buf.h"
#include "rounds/draft.h"

/* What the template writes when the week has no articles. */
#define EMPTY_WEEK "No new articles in this window."

struct reader {
	json_t *index;          /* link or id -> {"a", "s", "n", "used"} */
	json_t *cindex;         /* the same for the continued articles */
	json_t *continued;      /* the continued articles kept */
	json_t *ckept;          /* [title, line] of each continued kept */
	bool in_article;        /* an article heading since the section's */
	json_t *sections;       /* the new sections */
	json_t *section;        /* the current one (borrowed), or NULL */
	json_t *changes;        /* what the draft did */
	json_t *order;          /* old order of kept articles, new order */
	json_t *old_sections;   /* the model's section titles */
	struct rounds_buf note; /* the editor's note, HTML */
	bool title_seen, meta_seen;
	const char *name;
	struct rounds_err *err;
};

static int fail(struct reader *r, cmark_node *n, const char *what)
{
	return rounds_err_set(r->err, EX_DATAERR, "%s:%d: %s", r->name,
			      n ? cmark_node_get_start_line(n) : 1, what);
}

/* The node's text: its text and code, soft breaks as spaces. */
static void plain_add(cmark_node *n, struct rounds_buf *b, int *rc)
{
	cmark_node *c;
	const char *lit;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		lit = cmark_node_get_literal(n);
		if (lit && rounds_buf_puts(b, lit) < 0)
			*rc = -1;
		return;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		if (rounds_buf_putc(b, ' ') < 0)
			*rc = -1;
		return;
	default:
		break;
	}
	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		plain_add(c, b, rc);
}

static char *plain(cmark_node *n)
{
	struct rounds_buf b;
	int rc = 0;

	rounds_buf_init(&b, 0);
	plain_add(n, &b, &rc);
	if (rc < 0)
		abort();        /* the buffer only fails when out of memory */
	return rounds_buf_detach(&b);
}

/* Does the node's text start with prefix? */
static bool starts(cmark_node *n, const char *prefix)
{
	char *t = plain(n);
	bool yes = strncmp(t, prefix, strlen(prefix)) == 0;

	free(t);
	return yes;
}

static int html_add(struct rounds_buf *b, cmark_node *n)
{
	char *h = cmark_render_html(n, CMARK_OPT_DEFAULT);
	int rc = h ? rounds_buf_puts(b, h) : -1;

	free(h);            /* cmark's default allocator is malloc */
	return rc;
}

static void change(struct reader *r, const char *what, const char *title,
		   int line)
{
	json_array_append_new(r->changes, json_pack("{s:s, s:s, s:i}",
		"what", what, "title", title ? title : "", "line", line));
}

/* The index key of an article without a link: "\x01" and its title
 * (no link or id starts with a control character).  Caller frees. */
static char *unlinked_key(const char *title)
{
	struct rounds_buf b;

	rounds_buf_init(&b, 0);
	if (rounds_buf_printf(&b, "\x01%s", title) < 0)
		abort();        /* the buffer only fails when out of memory */
	return rounds_buf_detach(&b);
}

/* An article without a link is written "### title": found by its title. */
static void index_unlinked(json_t *index, json_t *a, json_t *e)
{
	const char *title = json_string_value(json_object_get(a, "title"));
	char *k;

	if (json_object_get(a, "link") || title == NULL)
		return;
	k = unlinked_key(title);
	if (!json_object_get(index, k))
		json_object_set(index, k, e);
	free(k);
}

/* Puts article a into index under its id and its link. */
static void index_article(json_t *index, json_t *a, json_t *section,
			  json_int_t n)
{
	const char *keys[] = { "id", "link" }, *k;
	json_t *e = json_pack("{s:O, s:O?, s:I, s:b}", "a", a, "s", section,
			      "n", n, "used", 0);
	size_t t;

	for (t = 0; t < 2; t++) {
		k = json_string_value(json_object_get(a, keys[t]));
		if (k && !json_object_get(index, k))
			json_object_set(index, k, e);
	}
	index_unlinked(index, a, e);
	json_decref(e);
}

/* The model's articles by link and id, in their order; the continued
 * ones apart. */
static void index_model(struct reader *r, json_t *model)
{
	json_t *s, *a;
	size_t i, j, n = 0;

	json_array_foreach(json_object_get(model, "sections"), i, s)
		json_array_foreach(json_object_get(s, "articles"), j, a) {
			index_article(r->index, a, json_object_get(s, "title"),
				      (json_int_t)n++);
			json_object_set_new(r->old_sections, json_string_value(
				json_object_get(s, "title")), json_true());
		}
	json_array_foreach(json_object_get(model, "continued"), i, a)
		index_article(r->cindex, a, NULL, (json_int_t)i);
}

/* The line the template writes before the continued conversations. */
static bool continued_mark(cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);

	return cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK && lit &&
	       strncmp(lit, "<!-- continued:", 15) == 0;
}

/* Before the first section: the title, its line, the note marker, and
 * the editor's note. */
static int read_front(struct reader *r, cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	const char *lit;

	if (t == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 1
	    && !r->title_seen) {
		r->title_seen = true;
		return 0;
	}
	if (t == CMARK_NODE_PARAGRAPH && r->title_seen && !r->meta_seen) {
		r->meta_seen = true;
		return 0;
	}
	if (t == CMARK_NODE_PARAGRAPH && starts(n, EMPTY_WEEK))
		return 0;
	r->meta_seen = true;
	lit = cmark_node_get_literal(n);
	if (t == CMARK_NODE_HTML_BLOCK && lit &&
	    strncmp(lit, "<!-- note:", 10) == 0) {
		rounds_buf_reset(&r->note);
		return 0;
	}
	return html_add(&r->note, n);
}

static int read_section(struct reader *r, cmark_node *h)
{
	char *title = plain(h);

	r->section = json_pack("{s:s, s:[]}", "title", title, "articles");
	r->in_article = false;
	json_array_append_new(r->sections, r->section);
	free(title);
	return 0;
}

/* The first link inside n, or NULL. */
static cmark_node *first_link(cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_node *found = NULL, *c;
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(c = cmark_iter_get_node(it)) ==
		    CMARK_NODE_LINK) {
			found = c;
			break;
		}
	cmark_iter_free(it);
	return found;
}

/* A list of comments: its items carry "([link](URL))" or "+N more"
 * (a link to the thread, or "+N more comments" without one);
 * the permalinks go into kept.  False for any other list. */
static bool comment_list(cmark_node *list, json_t *kept)
{
	cmark_iter *it = cmark_iter_new(list);
	cmark_event_type ev;
	cmark_node *c;
	bool yes = false;
	char *t;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(c) == CMARK_NODE_ITEM) {
			t = plain(c);   /* "+N more comments": no thread link */
			yes |= t[0] == '+' && strstr(t, " more comments");
			free(t);
		}
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(c) != CMARK_NODE_LINK)
			continue;
		t = plain(c);
		if (strcmp(t, "link") == 0 && cmark_node_get_url(c)) {
			json_object_set_new(kept, cmark_node_get_url(c),
					    json_true());
			yes = true;
		} else if (t[0] == '+' && strstr(t, " more in the full")) {
			yes = true;
		}
		free(t);
	}
	cmark_iter_free(it);
	return yes;
}

/* Is n one of the lines the template writes under an article? */
static bool generated(cmark_node *n, bool first, json_t *kept)
{
	cmark_node *c = cmark_node_first_child(n);

	if (cmark_node_get_type(n) == CMARK_NODE_LIST)
		return comment_list(n, kept);
	if (cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH)
		return false;
	if (first && c && (cmark_node_get_type(c) == CMARK_NODE_EMPH ||
			   starts(n, "\xc2\xb7 ")))
		return true;
	return starts(n, "Tags: ") || starts(n, "Also covered by: ") ||
	       ((starts(n, "Comments (") || starts(n, "New comments")) &&
		cmark_node_next(c) == NULL);
}

/* Drops the comments whose permalink is not in kept, their replies
 * moving up; returns how many were cut. */
static json_int_t comments_cut(struct reader *r, json_t *list, json_t *kept,
			       int depth)
{
	json_t *out = json_array(), *c, *rep;
	json_int_t cut = 0;
	const char *link;
	size_t i;

	json_array_foreach(list, i, c) {
		rep = json_object_get(c, "replies");
		if (rep && depth < 64)
			cut += comments_cut(r, rep, kept, depth + 1);
		if (rep && json_array_size(rep) == 0)
			json_object_del(c, "replies");
		link = json_string_value(json_object_get(c, "link"));
		if (link && !json_object_get(kept, link)) {
			cut++;
			change(r, "comment cut", link, 0);
			if ((rep = json_object_get(c, "replies")))
				json_array_extend(out, rep);
			continue;
		}
		json_array_append(out, c);
	}
	json_array_clear(list);
	json_array_extend(list, out);
	json_decref(out);
	return cut;
}

/* In a continued article, the discussion's new comments less those cut. */
static void new_cut(json_t *a, json_int_t cut)
{
	json_t *d = json_object_get(a, "discussion");
	json_int_t n = json_integer_value(json_object_get(d, "new_comments"));

	if (json_is_object(d) && json_object_get(d, "new_comments")) {
		d = json_deep_copy(d);
		json_object_set_new(d, "new_comments",
				    json_integer(n > cut ? n - cut : 0));
		json_object_set_new(a, "discussion", d);
	}
}

struct blocks {
	cmark_node **v;
	size_t n;
};

/* The excerpt among the editor's blocks: the one that reads as the
 * model's, else the first paragraph (edited); NULL when cut. */
static cmark_node *excerpt_of(struct reader *r, json_t *a,
			      struct blocks *fb, int line)
{
	const char *ex = json_string_value(json_object_get(a, "excerpt"));
	const char *title = json_string_value(json_object_get(a, "title"));
	char *t;
	size_t i;

	if (ex == NULL)
		return NULL;
	for (i = 0; i < fb->n; i++) {
		if (cmark_node_get_type(fb->v[i]) != CMARK_NODE_PARAGRAPH)
			continue;
		t = plain(fb->v[i]);
		if (strcmp(t, ex) == 0) {
			free(t);
			return fb->v[i];
		}
		free(t);
	}
	change(r, "edited", title, line);
	if (fb->n && cmark_node_get_type(fb->v[0]) == CMARK_NODE_PARAGRAPH) {
		t = plain(fb->v[0]);
		json_object_set_new(a, "excerpt", json_string(t));
		free(t);
		return fb->v[0];
	}
	json_object_del(a, "excerpt");
	return NULL;
}

/* The article's blocks: generated lines skipped, comments filtered,
 * excerpt and the editor's words. */
static int read_body(struct reader *r, json_t *a, cmark_node *h,
		     bool added, bool cont)
{
	json_t *kept = json_object(), *cs = json_object_get(a, "comments");
	struct blocks fb = { NULL, 0 };
	struct rounds_buf note;
	cmark_node *n, *ex = NULL;
	json_int_t cut, cc;
	size_t i;
	int rc = 0;

	rounds_buf_init(&note, 0);
	for (n = cmark_node_next(h); n && !continued_mark(n) &&
	     !(cmark_node_get_type(n) == CMARK_NODE_HEADING &&
	       cmark_node_get_heading_level(n) <= 3);
	     n = cmark_node_next(n)) {
		if (!added && generated(n, n == cmark_node_next(h), kept))
			continue;
		fb.v = xrealloc(fb.v, (fb.n + 1) * sizeof(*fb.v));
		fb.v[fb.n++] = n;
	}
	if (!added && !cont)
		ex = excerpt_of(r, a, &fb, cmark_node_get_start_line(h));
	for (i = 0; i < fb.n && rc == 0; i++)
		if (fb.v[i] != ex)
			rc = html_add(&note, fb.v[i]);
	if (rc == 0 && note.len > 0) {
		json_object_set_new(a, "editor_note",
				    json_string(rounds_buf_str(&note)));
		if (!added)
			change(r, "note", json_string_value(
			       json_object_get(a, "title")),
			       cmark_node_get_start_line(fb.v[0]));
	}
	if (cs && (cut = comments_cut(r, cs, kept, 0)) > 0) {
		if (json_array_size(cs) == 0)
			json_object_del(a, "comments");
		cc = json_integer_value(json_object_get(a, "comment_count"));
		if (json_object_get(a, "comment_count"))
			json_object_set_new(a, "comment_count", json_integer(
					    cc > cut ? cc - cut : 0));
		new_cut(a, cut);
	}
	rounds_buf_release(&note);
	json_decref(kept);
	free(fb.v);
	return rc;
}

/* A copy of the model's article, comments deep, title as edited. */
static json_t *matched(struct reader *r, json_t *e, cmark_node *h,
		       const char *title, bool cont)
{
	json_t *a = json_copy(json_object_get(e, "a")), *cs;
	const char *old = json_string_value(json_object_get(a, "title"));

	if ((cs = json_object_get(a, "comments")))
		json_object_set_new(a, "comments", json_deep_copy(cs));
	json_object_set_new(e, "used", json_true());
	if (old == NULL || strcmp(old, title) != 0) {
		json_object_set_new(a, "title", json_string(title));
		change(r, "edited", title, cmark_node_get_start_line(h));
	}
	if (cont) {
		json_array_append_new(r->ckept, json_pack("[s, i]", title,
				      cmark_node_get_start_line(h)));
		return a;
	}
	json_array_append_new(r->order, json_pack("[O, O?, O?, i]",
		json_object_get(e, "n"), json_object_get(e, "s"),
		json_object_get(r->section, "title"),
		cmark_node_get_start_line(h)));
	json_array_append(json_array_get(r->order, json_array_size(r->order)
					 - 1), a);
	return a;
}

/* A heading without a link: the model's article without one that has
 * this title (an edited title cannot be matched). */
static int read_unlinked(struct reader *r, cmark_node *h)
{
	char *title = plain(h), *k = unlinked_key(title);
	json_t *e = json_object_get(r->index, k), *a;
	bool cont = false;
	int rc;

	if (e == NULL && (e = json_object_get(r->cindex, k)) != NULL)
		cont = true;
	free(k);
	if (e == NULL || json_is_true(json_object_get(e, "used"))) {
		free(title);
		return fail(r, h, e ? "the same article twice" : "an article "
			    "heading without its link (\"### [title](link)\"; "
			    "only an article that has no link is written "
			    "without one, and its title cannot be edited)");
	}
	r->in_article = true;
	a = matched(r, e, h, title, cont);
	json_array_append_new(cont ? r->continued :
			      json_object_get(r->section, "articles"), a);
	rc = read_body(r, a, h, false, cont);
	free(title);
	return rc;
}

static int read_article(struct reader *r, cmark_node *h)
{
	cmark_node *link = first_link(h);
	const char *url = link ? cmark_node_get_url(link) : NULL;
	json_t *e, *a;
	char *title;
	bool cont = false;
	int rc;

	if (r->section == NULL)
		return fail(r, h, "an article before the first section "
			    "(\"## \" heading)");
	if (link == NULL)
		return read_unlinked(r, h);
	if (url == NULL || *url == '\0')
		return fail(r, h, "an article heading without its link "
			    "(\"### [title](link)\")");
	r->in_article = true;
	e = json_object_get(r->index, url);
	if (e == NULL && (e = json_object_get(r->cindex, url)) != NULL)
		cont = true;
	if (e && json_is_true(json_object_get(e, "used")))
		return fail(r, h, "the same article twice");
	title = plain(link);
	if (e) {
		a = matched(r, e, h, title, cont);
	} else {
		a = json_pack("{s:s, s:s, s:s, s:b}", "id", url, "title",
			      title, "link", url, "by_editor", 1);
		change(r, "added", title, cmark_node_get_start_line(h));
	}
	json_array_append_new(cont ? r->continued :
			      json_object_get(r->section, "articles"), a);
	rc = read_body(r, a, h, e == NULL, cont);
	free(title);
	return rc;
}

static int read_doc(struct reader *r, cmark_node *doc)
{
	cmark_node *n;
	int level, rc = 0;

	for (n = cmark_node_first_child(doc); n && rc == 0;
	     n = cmark_node_next(n)) {
		level = cmark_node_get_type(n) == CMARK_NODE_HEADING ?
			cmark_node_get_heading_level(n) : 0;
		if (continued_mark(n))
			continue;
		else if (level == 2)
			rc = read_section(r, n);
		else if (level == 3)
			rc = read_article(r, n);
		else if (r->section == NULL)
			rc = read_front(r, n);
		else if (!r->in_article)
			rc = fail(r, n, "text between a section heading and "
				  "its first article");
		else if (level == 0 || level > 3)
			continue;       /* the article's, read with it */
		else
			rc = fail(r, n, "a title heading inside a section");
	}
	if (rc == 0 && r->section == NULL)
		rc = fail(r, NULL, "no sections (\"## \" headings): nothing "
			  "to publish");
	return rc;
}

/* Moved: the kept articles off the longest run that keeps their old
 * order, or now in another of the model's sections (not in one renamed);
 * the others are kept as they were. */
static bool same_section(struct reader *r, json_t *o)
{
	json_t *now = json_array_get(o, 2);

	return json_equal(json_array_get(o, 1), now) ||
	       !json_is_string(now) ||
	       !json_object_get(r->old_sections, json_string_value(now));
}

static void report_order(struct reader *r)
{
	size_t n = json_array_size(r->order), i, j, best = 0, end = 0;
	size_t *len = xcalloc(n ? n : 1, sizeof(*len));
	size_t *prev = xcalloc(n ? n : 1, sizeof(*prev));
	bool *lis = xcalloc(n ? n : 1, sizeof(*lis));
	json_t *o, *a;

#define OLD(k) json_integer_value(json_array_get(json_array_get(r->order, \
							(k)), 0))
	for (i = 0; i < n; i++) {
		len[i] = 1;
		prev[i] = i;
		for (j = 0; j < i; j++)
			if (OLD(j) < OLD(i) && len[j] + 1 > len[i]) {
				len[i] = len[j] + 1;
				prev[i] = j;
			}
		if (len[i] > best) {
			best = len[i];
			end = i;
		}
	}
#undef OLD
	for (i = end; n > 0; i = prev[i]) {
		lis[i] = true;
		if (prev[i] == i)
			break;
	}
	json_array_foreach(r->order, i, o) {
		a = json_array_get(o, 4);
		change(r, lis[i] && same_section(r, o) ?
		       "kept" : "moved", json_string_value(
		       json_object_get(a, "title")),
		       (int)json_integer_value(json_array_get(o, 3)));
	}
	free(len);
	free(prev);
	free(lis);
}

/* "cut" for each article of index the draft left out (once: by id). */
static void report_cuts(struct reader *r, json_t *index)
{
	const char *k;
	json_t *e;

	json_object_foreach(index, k, e)
		if (!json_is_true(json_object_get(e, "used")) &&
		    strcmp(k, json_string_value(json_object_get(json_object_get(
			   e, "a"), "id"))) == 0)
			change(r, "cut", json_string_value(json_object_get(
			       json_object_get(e, "a"), "title")), 0);
}

/* The articles the draft left out, and the new counts. */
static void finish(struct reader *r, json_t *model)
{
	json_int_t articles = 0, comments = 0;
	json_t *s, *a, *sections = json_array();
	size_t i, j;

	if (r->note.len > 0)
		change(r, "note", "the editor's note", 0);
	report_order(r);
	report_cuts(r, r->index);
	json_array_foreach(r->ckept, i, a)
		change(r, "kept", json_string_value(json_array_get(a, 0)),
		       (int)json_integer_value(json_array_get(a, 1)));
	report_cuts(r, r->cindex);
	if (json_array_size(r->continued) > 0)
		json_object_set(model, "continued", r->continued);
	else
		json_object_del(model, "continued");
	json_array_foreach(r->sections, i, s) {
		if (json_array_size(json_object_get(s, "articles")) == 0)
			continue;
		json_array_append(sections, s);
		json_array_foreach(json_object_get(s, "articles"), j, a) {
			articles++;
			comments += json_integer_value(json_object_get(a,
							"comment_count"));
		}
	}
	json_object_set_new(model, "sections", sections);
	json_object_set_new(model, "article_count", json_integer(articles));
	json_object_set_new(model, "comment_count", json_integer(comments));
	if (r->note.len > 0)
		json_object_set_new(model, "note",
				    json_string(rounds_buf_str(&r->note)));
	else
		json_object_del(model, "note");
}

/* Markdown is text: UTF-8, no NUL.  The line of the first bad byte. */
static int check_text(struct reader *r, const char *md, size_t len)
{
	size_t i = 0;
	int line = 1, n;

	while (i < len) {
		n = (int)(len - i > 4 ? 4 : len - i);
		if (md[i] == '\0' ||
		    xmlGetUTF8Char((const xmlChar *)md + i, &n) < 0)
			return rounds_err_set(r->err, EX_DATAERR, "%s:%d: not "
					      "UTF-8 text", r->name, line);
		if (md[i] == '\n')
			line++;
		i += (size_t)n;
	}
	return 0;
}

int rounds_draft_apply(json_t *model, const char *md, size_t len,
		       const char *name, json_t **changes,
		       struct rounds_err *err)
{
	struct reader r;
	cmark_node *doc = NULL;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.name = name;
	r.err = err;
	r.index = json_object();
	r.cindex = json_object();
	r.continued = json_array();
	r.ckept = json_array();
	r.sections = json_array();
	r.changes = json_array();
	r.order = json_array();
	r.old_sections = json_object();
	rounds_buf_init(&r.note, 0);
	if (changes)
		*changes = NULL;
	if (len > ROUNDS_MAX_DRAFT) {
		rounds_err_set(err, EX_DATAERR, "%s: over %u bytes", name,
			       ROUNDS_MAX_DRAFT);
		goto out;
	}
	if (check_text(&r, md, len) < 0)
		goto out;
	doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	index_model(&r, model);
	if (doc == NULL || read_doc(&r, doc) < 0)
		goto out;
	finish(&r, model);
	if (changes) {
		*changes = r.changes;
		r.changes = NULL;
	}
	rc = 0;
out:
	if (doc)
		cmark_node_free(doc);
	rounds_buf_release(&r.note);
	json_decref(r.index);
	json_decref(r.cindex);
	json_decref(r.continued);
	json_decref(r.ckept);
	json_decref(r.sections);
	json_decref(r.changes);
	json_decref(r.order);
	json_decref(r.old_sections);
	return rc;
}
