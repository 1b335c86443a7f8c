/* ns_field.c: the fields a table row sets, under precedence (a source
 * of higher rank replaces what a lower one set; at equal rank the first
 * stays), and the generic handlers the tables of every format use: text,
 * HTML (HTML escaped twice unescaped once more), URL, string and date.
 * The tables themselves are in ns_ext.c, parse_rss.c and parse_atom.c. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/html.h"
#include "rounds/url.h"
#include "parse_int.h"

/* ---- fields under precedence ---- */

static char **slot(struct px_el *x, enum px_field f)
{
	struct rounds_entry *e = x->e;
	struct rounds_feed *fd = x->c->feed;

	switch (f) {
	case PF_TITLE: return e ? &e->title : &fd->title;
	case PF_LINK: return e ? &e->link : &fd->link;
	case PF_ID: return e ? &e->id : &fd->id;
	case PF_SUMMARY: return e ? &e->summary : &fd->subtitle;
	case PF_SUBTITLE: return e ? &e->summary : &fd->subtitle;
	case PF_CONTENT: return e ? &e->content : NULL;
	case PF_IMAGE: return e ? &e->image : &fd->image;
	case PF_COMMENTS: return e ? &e->comments : NULL;
	case PF_COMMENTS_FEED: return e ? &e->comments_feed : NULL;
	case PF_LANGUAGE: return e ? NULL : &fd->language;
	case PF_RIGHTS: return e ? NULL : &fd->rights;
	case PF_ICON: return e ? NULL : &fd->icon;
	default: return NULL;
	}
}

/* The field when a source of this rank may set it, else NULL. */
static char **claim(struct px_el *x, enum px_field f, unsigned rank,
		    char **old)
{
	char **p = slot(x, f);

	if (p == NULL || (*p && rank <= x->rank[f]))
		return NULL;
	*old = *p;
	return p;
}

static void mark(struct px_el *x, enum px_field f, unsigned rank,
		 char **p, const char *old)
{
	if (*p != old)
		x->rank[f] = (unsigned char)rank;
}

void px_put_html(struct px_el *x, enum px_field f, unsigned rank,
		 const char *s, size_t len, const char *base)
{
	char *old, **p = claim(x, f, rank, &old);

	if (p) {
		px_set_html(p, s, len, base, true);
		mark(x, f, rank, p, old);
	}
}

void px_put_plain_as_html(struct px_el *x, enum px_field f, unsigned rank,
			  const char *s, size_t len, const char *base)
{
	char *old, **p = claim(x, f, rank, &old);

	if (p) {
		px_set_plain_as_html(p, s, len, base, true);
		mark(x, f, rank, p, old);
	}
}

void px_put_text(struct px_el *x, enum px_field f, unsigned rank,
		 const char *s, size_t len, enum px_markup how)
{
	char *old, **p = claim(x, f, rank, &old);

	if (p == NULL)
		return;
	if (how != PX_PLAIN)
		px_set_html_text(p, s, len, true, how);
	else
		px_set_text(p, s, len, true);
	mark(x, f, rank, p, old);
}

void px_put_url(struct px_el *x, enum px_field f, unsigned rank,
		const char *ref, const char *base)
{
	char *old, **p = claim(x, f, rank, &old);

	if (p) {
		px_set_url(p, ref, base, true);
		mark(x, f, rank, p, old);
	}
}

void px_put_str(struct px_el *x, enum px_field f, unsigned rank,
		const char *s, size_t len)
{
	char *old, **p = claim(x, f, rank, &old);

	if (p) {
		px_set_str(p, s, len, true);
		mark(x, f, rank, p, old);
	}
}

void px_h_date(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	struct rounds_entry *e = x->e;
	struct rounds_feed *fd = x->c->feed;
	int64_t *t, was;
	bool *has, had;

	if (r->field == PF_PUBLISHED && e) {
		t = &e->published;
		has = &e->has_published;
	} else if (r->field == PF_UPDATED) {
		t = e ? &e->updated : &fd->updated;
		has = e ? &e->has_updated : &fd->has_updated;
	} else
		return;
	if (*has && r->rank <= x->rank[r->field])
		return;
	was = *t;
	had = *has;
	px_set_date_node(x->c, t, has, n, true);
	if (*has != had || *t != was)
		x->rank[r->field] = r->rank;
}

/* ---- generic handlers ---- */

/* The HTML in an RSS-style element: escaped (the usual), or inline. */
static const char *node_html(struct pctx *c, const xmlNode *n, size_t *len)
{
	const xmlNode *k;

	for (k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			return px_inner_xml(c, n, len);
	return px_text(c, n, len);
}

/* True for HTML escaped twice ("&lt;p&gt;...&lt;/p&gt;" after XML
 * decoding, and no '<' anywhere): the publisher meant markup, so it is
 * unescaped once.  It must look like markup, with an end tag: "&lt;b&gt;"
 * or "&lt;br&gt;" by itself is more likely text about a tag.  Not either
 * when a tag that would swallow the text after it is among them (script,
 * style ...: rounds_html_raw_text): nothing may be lost. */
static bool double_escaped(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	bool tag = false, plain = false;

	if (memchr(s, '<', len))
		return false;
	while ((p = memchr(p, '&', (size_t)(end - p))) != NULL) {
		if (end - p > 5 && memcmp(p, "&lt;", 4) == 0 &&
		    (p[4] == '/' || p[4] == '!' ||
		     (p[4] >= 'a' && p[4] <= 'z') ||
		     (p[4] >= 'A' && p[4] <= 'Z'))) {
			/* a tag that would swallow what follows */
			if (rounds_html_raw_text(p + 4 + (p[4] == '/'), end))
				return false;
			if (memmem(p, (size_t)(end - p), "&gt;", 4) == NULL)
				return false;
			tag = true;
			plain = plain || (p[4] == '/' &&
					  ((p[5] >= 'a' && p[5] <= 'z') ||
					   (p[5] >= 'A' && p[5] <= 'Z')));
		}
		p++;
	}
	return tag && plain;
}

void px_h_html(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	char *old, *own, *once = NULL, **p = claim(x, r->field, r->rank, &old);
	const char *s, *base;
	size_t len;

	if (p == NULL)
		return;
	s = node_html(x->c, n, &len);
	if (s && double_escaped(s, len)) {
		/* with no tags in it, the text of the HTML is the HTML
		 * unescaped once */
		once = rounds_html_to_text(s, len);
		s = once;
		len = strlen(once);
	}
	base = px_base(n, x->base, &own);
	px_set_html(p, s, len, base, true);
	mark(x, r->field, r->rank, p, old);
	free(once);
	free(own);
}

void px_h_text(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	const char *s;
	size_t len;

	if (slot(x, r->field) == NULL)
		return;
	s = px_text(x->c, n, &len);
	px_put_text(x, r->field, r->rank, s, len, PX_MAYBE_HTML);
}

/* Words, not an address: a relative reference (no scheme) with white
 * space inside ("comments are closed"), which RFC 3986 does not allow
 * and which would otherwise be resolved into an address on the site. */
static bool prose(const char *s, size_t len)
{
	size_t i, k;

	while (len > 0 && strchr(" \t\r\n", *s)) {
		s++;
		len--;
	}
	while (len > 0 && strchr(" \t\r\n", s[len - 1]))
		len--;
	for (k = 0; k < len && (isalnum((unsigned char)s[k]) ||
				s[k] == '+' || s[k] == '-' || s[k] == '.'); k++)
		;
	if (k > 0 && k < len && s[k] == ':' && isalpha((unsigned char)*s))
		return false;
	for (i = 0; i < len; i++)
		if (strchr(" \t\r\n", s[i]))
			return true;
	return false;
}

void px_h_url(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	const char *s, *base;
	size_t len;
	char *own, *v;

	s = px_text(x->c, n, &len);
	if (s == NULL || prose(s, len))
		return;
	v = xstrndup(s, len);
	base = px_base(n, x->base, &own);
	px_put_url(x, r->field, r->rank, v, base);
	free(own);
	free(v);
}

void px_h_str(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	const char *s;
	size_t len;

	s = px_text(x->c, n, &len);
	px_put_str(x, r->field, r->rank, s, len);
}

