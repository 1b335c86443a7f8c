/* digest_discuss.c: who is talking in a thread, and how much of a
 * discussion it is.
 *
 * The article's author is recognised among the commenters by name
 * (case and white space aside), uri (case and a trailing '/' aside) or
 * e-mail address (used for matching only; it never reaches the model).
 *
 * A thread's discussion score, over the comments that are new (written in
 * the window):
 *
 *     score = 0.5 N + 1.5 X + (D - 1) + 2 A
 *
 *   N  new comments;
 *   X  people in exchanges: the distinct writers of new replies to
 *      someone else's comment, and the writers they answered;
 *   D  depth: the deepest level a new comment sits at (1 = top level);
 *   A  new replies by the article's author.
 *
 * So three people answering each other (N 3, X 3, D 3: 8.0) rank above
 * twelve one-off remarks (N 12, X 0, D 1: 6.0), and an author who
 * answers lifts a thread.  A comment without a name is its own person. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>
#include "rounds/buf.h"
#include "rounds/thread.h"
#include "digest_int.h"

/* Name, uri and e-mail of a PERSON, normalised for comparing. */
struct who {
	char *name, *uri, *email;
};

static char *norm_name(const char *s)
{
	struct rounds_buf b;
	bool space = false;

	if (s == NULL)
		return NULL;
	rounds_buf_init(&b, 0);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = b.len > 0;
			continue;
		}
		if ((space && rounds_buf_putc(&b, ' ') < 0) ||
		    rounds_buf_putc(&b, c >= 'A' && c <= 'Z' ? c + 32 : c) < 0)
			break;
		space = false;
	}
	return b.len ? rounds_buf_detach(&b) : (rounds_buf_release(&b), NULL);
}

static char *norm_uri(const char *s)
{
	char *u = norm_name(s);
	size_t n = u ? strlen(u) : 0;

	while (n > 0 && u[n - 1] == '/')
		u[--n] = '\0';
	if (u && n == 0) {
		free(u);
		u = NULL;
	}
	return u;
}

/* A value every commenter of a platform shares, which names no one:
 * Blogger gives every author noreply@blogger.com; "Anonymous" is
 * whoever did not sign.  Compared normalised (lower case). */
static bool placeholder(const char *s, bool email)
{
	static const char *const names[] = {
		"anonymous", "anon", "unknown", "guest", "(anonymous)",
	};
	static const char *const boxes[] = {
		"noreply@", "no-reply@", "no_reply@", "donotreply@",
		"do-not-reply@", "nobody@",
	};
	size_t i;

	if (s == NULL)
		return false;
	if (email) {
		for (i = 0; i < sizeof(boxes) / sizeof(boxes[0]); i++)
			if (strncmp(s, boxes[i], strlen(boxes[i])) == 0)
				return true;
		return false;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return true;
	return false;
}

static void who_from(json_t *p, struct who *w)
{
	w->name = norm_name(json_string_value(json_object_get(p, "name")));
	w->uri = norm_uri(json_string_value(json_object_get(p, "uri")));
	w->email = norm_name(json_string_value(json_object_get(p,
							       "email")));
	if (placeholder(w->name, false)) {
		free(w->name);
		w->name = NULL;
	}
	if (placeholder(w->email, true)) {
		free(w->email);
		w->email = NULL;
	}
}

static void who_release(struct who *w)
{
	free(w->name);
	free(w->uri);
	free(w->email);
}

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static bool who_match(const struct who *a, const struct who *b)
{
	return same(a->name, b->name) || same(a->uri, b->uri) ||
		same(a->email, b->email);
}

/* The participant key of a comment: uri, else name, else NULL. */
static char *who_key(const struct who *w)
{
	if (w->uri)
		return xstrdup(w->uri);
	return w->name ? xstrdup(w->name) : NULL;
}

void digest_comments_people(struct digest_article *a)
{
	json_t *authors = a->authors ? json_loads(a->authors, 0, NULL) : NULL;
	struct who *aw = NULL, cw;
	json_t *p, *cj;
	size_t i, j, na = 0;

	if (json_is_array(authors) && json_array_size(authors) > 0) {
		aw = xcalloc(json_array_size(authors), sizeof(*aw));
		json_array_foreach(authors, i, p)
			who_from(p, &aw[na++]);
	}
	for (i = 0; i < a->n_comments; i++) {
		struct digest_comment *c = &a->comments[i];

		if (c->author_j == NULL && c->author)
			c->author_j = json_loads(c->author, 0, NULL);
		cj = c->author_j;
		memset(&cw, 0, sizeof(cw));
		c->by_author = false;
		if (json_is_object(cj))
			who_from(cj, &cw);
		for (j = 0; j < na && !c->by_author; j++)
			c->by_author = who_match(&cw, &aw[j]);
		c->who = who_key(&cw);
		who_release(&cw);
	}
	for (j = 0; j < na; j++)
		who_release(&aw[j]);
	free(aw);
	json_decref(authors);
}

/* ---- the score ---- */

static bool same_who(const struct digest_talk *t, size_t i, size_t j)
{
	return i == j || (t[i].who && t[j].who && strcmp(t[i].who,
							 t[j].who) == 0);
}

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Counts the distinct people among the marked comments (each one without
 * a name a person of its own). */
static int64_t distinct(const struct digest_talk *t, size_t n,
			const bool *mark)
{
	const char **keys = xcalloc(n + 1, sizeof(*keys));
	size_t i, m = 0;
	int64_t count = 0;

	for (i = 0; i < n; i++) {
		if (!mark[i])
			continue;
		if (t[i].who)
			keys[m++] = t[i].who;
		else
			count++;
	}
	if (m > 0)
		qsort(keys, m, sizeof(*keys), str_cmp);
	for (i = 0; i < m; i++)
		count += i == 0 || strcmp(keys[i - 1], keys[i]) != 0;
	free(keys);
	return count;
}

static int64_t depth_of(const struct digest_talk *t, int64_t *depth,
			size_t i)
{
	size_t k = i, len = 0;
	int64_t d;

	/* Parents are acyclic (rounds_thread_build broke cycles). */
	while (depth[k] == 0 && t[k].up != ROUNDS_THREAD_NONE) {
		k = t[k].up;
		len++;
	}
	d = (depth[k] ? depth[k] : 1) + (int64_t)len;
	for (k = i; k != ROUNDS_THREAD_NONE && depth[k] == 0;
	     k = t[k].up, d--)
		depth[k] = d;
	return depth[i];
}

void digest_discussion(const struct digest_talk *t, size_t n,
		       struct digest_discussion *out)
{
	bool *fresh = xcalloc(n + 1, sizeof(*fresh));
	bool *talk = xcalloc(n + 1, sizeof(*talk));
	int64_t *depth = xcalloc(n + 1, sizeof(*depth)), d;
	size_t i, up;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		if (!t[i].fresh)
			continue;
		fresh[i] = true;
		out->new_comments++;
		if ((d = depth_of(t, depth, i)) > out->depth)
			out->depth = d;
		up = t[i].up;
		if (up == ROUNDS_THREAD_NONE || same_who(t, i, up))
			continue;
		talk[i] = talk[up] = true;
		out->author_replies += t[i].by_author;
	}
	out->participants = distinct(t, n, fresh);
	out->exchanges = distinct(t, n, talk);
	if (out->new_comments > 0)
		out->score = 0.5 * (double)out->new_comments +
			1.5 * (double)out->exchanges +
			(double)(out->depth - 1) +
			2.0 * (double)out->author_replies;
	free(fresh);
	free(talk);
	free(depth);
}

/* Written in [since, until): by its published time; an undated comment
 * by when it was first seen, or always when the window has no start (the
 * week's own articles, whose threads are shown whole). */
static bool fresh(const struct digest_comment *c, int64_t since,
		  int64_t until)
{
	int64_t t = c->has_published ? c->published : c->first_seen;

	if (!c->has_published && since == INT64_MIN)
		return true;
	return t >= since && t < until;
}

void digest_discuss(struct digest_article *a, int64_t since, int64_t until)
{
	struct rounds_thread_node *nodes;
	struct digest_talk *t;
	size_t i;

	nodes = xcalloc(a->n_comments + 1, sizeof(*nodes));
	t = xcalloc(a->n_comments + 1, sizeof(*t));
	for (i = 0; i < a->n_comments; i++) {
		nodes[i].id = a->comments[i].guid;
		nodes[i].parent = a->comments[i].parent;
	}
	rounds_thread_build(nodes, a->n_comments);
	for (i = 0; i < a->n_comments; i++) {
		struct digest_comment *c = &a->comments[i];

		c->fresh = fresh(c, since, until);
		t[i].who = c->who;
		t[i].up = nodes[i].up;
		t[i].by_author = c->by_author;
		t[i].fresh = c->fresh;
	}
	digest_discussion(t, a->n_comments, &a->disc);
	free(nodes);
	free(t);
}
