/* parse_atom.c: Atom 1.0 (RFC 4287) and Atom 0.3 onto the model.  Atom's
 * own elements are dispatched through the tables here; extensions (RFC
 * 4685 threading, dc, media ...) through those of ns_ext.c. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/url.h"
#include "parse_int.h"

/* Atom's own elements: either Atom namespace (0.3's is common in 1.0
 * documents and the other way round) or none at all. */
static bool core(enum ns ns)
{
	return ns == NS_ATOM || ns == NS_ATOM03 || ns == NS_NONE;
}

static bool named(const xmlNode *n, const char *name)
{
	return strcmp((const char *)n->name, name) == 0;
}

static void h_text(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	px_atom_text(x, n, false, r->field, r->rank);
}

static void h_html(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	px_atom_text(x, n, true, r->field, r->rank);
}

static void h_link(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	px_atom_link(x, n, r->rank);
}

static void h_author(struct px_el *x, const xmlNode *n,
		     const struct px_rule *r)
{
	struct rounds_person p;

	px_atom_person(x->c, n, x->base, &p);
	px_add_author(x->e, &p);
}

/* True when s starts with a URI scheme (RFC 3986 3.1). */
static bool has_scheme(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || !((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z'))
		return false;
	for (i = 1; i < len; i++) {
		char ch = s[i];

		if (ch == ':')
			return true;
		if (!(((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') ||
		      (ch >= '0' && ch <= '9') || ch == '+' || ch == '-' ||
		      ch == '.'))
			return false;
	}
	return false;
}

/* atom:id: an IRI; a relative reference is resolved against the base
 * like any other (RFC 4287 3.5 and 2): an xml:base, or the document's
 * location.  The feed's self link is no location of the document the
 * id was written in, so without either the id stays as written. */
static void h_id(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	const char *s, *base;
	size_t len;
	char *own, *v, *abs = NULL;

	s = px_text(x->c, n, &len);
	while (s && len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, len--;
	if (s == NULL || len == 0 || has_scheme(s, len) ||
	    (x->c->base_is_self && !px_xml_base_in_scope(n))) {
		px_put_str(x, r->field, r->rank, s, len);
		return;
	}
	base = px_base(n, x->base, &own);
	v = xstrndup(s, len);
	if (base)
		abs = rounds_url_resolve(base, v);
	if (abs)
		px_put_str(x, r->field, r->rank, abs, strlen(abs));
	else
		px_put_str(x, r->field, r->rank, v, len);
	free(abs);
	free(v);
	free(own);
}

/* content src="...": the link when the entry has no other (rank 1). */
/* Atom 0.3's type="multipart/alternative" holds the same content in
 * several types, as content children: the HTML one, else XHTML, else the
 * first.  Any other content is itself. */
static const xmlNode *alternative(struct pctx *c, const xmlNode *n)
{
	const char *type = px_attr(n, "type"), *t;
	const xmlNode *k, *pick = NULL;
	int best = -1, score;

	if (type == NULL || strncasecmp(type, "multipart/", 10) != 0)
		return n;
	for (k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || !named(k, "content") ||
		    !core(px_ns(c, k)))
			continue;
		t = px_attr(k, "type");
		score = t == NULL ? 1 : strcasecmp(t, "text/html") == 0 ||
			strcasecmp(t, "html") == 0 ? 3 :
			strcasecmp(t, "application/xhtml+xml") == 0 ||
			strcasecmp(t, "xhtml") == 0 ? 2 : 1;
		if (score > best) {
			best = score;
			pick = k;
		}
	}
	return pick;
}

static void h_content(struct px_el *x, const xmlNode *n,
		      const struct px_rule *r)
{
	const char *src = px_attr(n, "src"), *base;
	char *own;

	if (src == NULL && (n = alternative(x->c, n)) != NULL)
		src = px_attr(n, "src");
	if (n == NULL)
		return;
	if (src == NULL) {
		px_atom_text(x, n, true, PF_CONTENT, r->rank);
		return;
	}
	base = px_base(n, x->base, &own);
	px_put_url(x, PF_LINK, 1, src, base);
	free(own);
}

/* Atom's own entry elements.  Precedence as in px_ext_item (ns_ext.c):
 *   published  published / issued 3 > created 2 (and dc:date ... 2)
 *   updated    updated / modified 3 > dc:modified 2
 *   link       link rel=alternate 3 > content src 1 */
static const struct px_rule entry_rules[] = {
	{ NS_CORE, "title", h_text, PF_TITLE, 3 },
	{ NS_CORE, "link", h_link, PF_LINK, 3 },
	{ NS_CORE, "id", h_id, PF_ID, 3 },
	{ NS_CORE, "published", px_h_date, PF_PUBLISHED, 3 },
	{ NS_CORE, "issued", px_h_date, PF_PUBLISHED, 3 },
	{ NS_CORE, "created", px_h_date, PF_PUBLISHED, 2 },
	{ NS_CORE, "updated", px_h_date, PF_UPDATED, 3 },
	{ NS_CORE, "modified", px_h_date, PF_UPDATED, 3 },
	{ NS_CORE, "author", h_author, PF_NONE, 0 },
	{ NS_CORE, "category", px_h_atom_category, PF_NONE, 0 },
	{ NS_CORE, "summary", h_html, PF_SUMMARY, 6 },
	{ NS_CORE, "content", h_content, PF_CONTENT, 3 },
	{ 0, NULL, NULL, 0, 0 },
};

/* The namespace as the tables name it: Atom's own elements are NS_CORE. */
static enum ns atom_ns(struct pctx *c, const xmlNode *n)
{
	enum ns ns = px_ns(c, n);

	return core(ns) ? NS_CORE : ns;
}

/* What the fallback id is hashed from: the source text of the entry's
 * title, date and content, else summary; with none of those two, its
 * enclosure's address. */
static void raw_texts(struct pctx *c, const xmlNode *en, struct px_raw *raw)
{
	const xmlNode *n, *pick[3] = { NULL, NULL, NULL };
	int i;

	for (n = en->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || !core(px_ns(c, n)))
			continue;
		if (named(n, "title") && !pick[0])
			pick[0] = n;
		else if ((named(n, "published") || named(n, "issued") ||
			  named(n, "updated") || named(n, "modified")) &&
			 !pick[1])
			pick[1] = n;
		else if (named(n, "content"))
			pick[2] = n;
		else if (named(n, "summary") && !pick[2])
			pick[2] = n;
	}
	for (i = 0; i < 3; i++)
		if (pick[i])
			px_raw_node(c, raw, i, pick[i]);
	/* an entry with nothing but a file: the file tells it apart */
	for (n = en->children; n && !pick[2]; n = n->next)
		if (n->type == XML_ELEMENT_NODE && core(px_ns(c, n)) &&
		    named(n, "link") && px_attr(n, "href") &&
		    px_attr(n, "rel") && strcmp(px_attr(n, "rel"),
						"enclosure") == 0) {
			raw->own[2] = xstrdup(px_attr(n, "href"));
			raw->s[2] = raw->own[2];
			raw->len[2] = strlen(raw->s[2]);
			break;
		}
}

/* An entry without authors has those of its atom:source, then those of
 * the feed (RFC 4287 4.2.1). */
static void source_authors(struct pctx *c, const xmlNode *en,
			   const char *base, struct rounds_entry *e)
{
	const xmlNode *s, *k;
	struct rounds_person p;
	char *own;

	for (s = en->children; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE || !named(s, "source") ||
		    !core(px_ns(c, s)))
			continue;
		base = px_base(s, base, &own);
		for (k = s->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE &&
			    named(k, "author") && core(px_ns(c, k))) {
				px_atom_person(c, k, base, &p);
				px_add_author(e, &p);
			}
		free(own);
		return;
	}
}

/* Blogger names the comment a comment answers only in a link
 * rel="related" to that comment's entry in the comment feed (.../comments
 * /default/<number>); its thr:in-reply-to names the post.  The answered
 * comment's id is this one's with that number (tag:blogger.com,1999:
 * blog-<blog>.post-<number>), put first: it is the nearer parent. */
static void blogger_parent(struct pctx *c, const xmlNode *en,
			   struct rounds_entry *e, const char *base)
{
	static const char tag[] = "tag:blogger.com,1999:blog-";
	static const char path[] = "/comments/default/";
	const char *post, *rel, *href, *num;
	struct rounds_reply_ref r;
	const xmlNode *n;
	char *ref;
	size_t k;

	if (e->id == NULL || strncmp(e->id, tag, sizeof(tag) - 1) != 0 ||
	    (post = strstr(e->id, ".post-")) == NULL)
		return;
	for (n = en->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || !named(n, "link") ||
		    !core(px_ns(c, n)) || (rel = px_attr(n, "rel")) == NULL ||
		    strcmp(rel, "related") != 0 ||
		    (href = px_attr(n, "href")) == NULL ||
		    (num = strstr(href, path)) == NULL)
			continue;
		num += sizeof(path) - 1;
		if ((k = strspn(num, "0123456789")) == 0 || num[k] != '\0')
			continue;
		ref = xmalloc((size_t)(post - e->id) + 6 + k + 1);
		memcpy(ref, e->id, (size_t)(post - e->id));
		memcpy(ref + (post - e->id), ".post-", 6);
		memcpy(ref + (post - e->id) + 6, num, k + 1);
		if (strcmp(ref, e->id) != 0)
			px_add_reply(e, ref, NULL, base);
		free(ref);
		if (e->n_in_reply_to > 1) {
			r = e->in_reply_to[e->n_in_reply_to - 1];
			memmove(e->in_reply_to + 1, e->in_reply_to,
				(e->n_in_reply_to - 1) * sizeof(r));
			e->in_reply_to[0] = r;
		}
		return;
	}
}

/* With no link at all, an id that is a web address is taken for the
 * page, as feedparser reads it (an RSS guid that is a permalink is too). */
static void id_as_link(char **link, const char *id)
{
	if (*link == NULL && id != NULL && rounds_url_is_http(id))
		px_set_url(link, id, NULL, false);
}

static void entry(struct pctx *c, xmlNode *en, const char *base)
{
	struct rounds_entry *e = px_new_entry(c);
	struct rounds_person p;
	struct px_el x;
	struct px_raw raw;
	const xmlNode *n;
	const char *feed_base = base;
	bool had_own;
	enum ns ns;
	char *own;

	if (e == NULL)
		return;
	memset(&raw, 0, sizeof(raw));
	base = px_base(en, base, &own);
	px_el_init(&x, c, base, e);
	for (n = en->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		ns = atom_ns(c, n);
		if (!px_dispatch(&x, entry_rules, ns, n))
			px_dispatch(&x, px_ext_item, ns, n);
	}
	px_el_entry_end(&x);
	id_as_link(&e->link, e->id);
	blogger_parent(c, en, e, base);
	if (e->n_authors == 0)
		source_authors(c, en, base, e);
	had_own = e->n_authors > 0;
	/* else the feed's, every one (RFC 4287 4.2.1) */
	for (n = en->parent ? en->parent->children : NULL;
	     n && !had_own; n = n->next)
		if (n->type == XML_ELEMENT_NODE && core(px_ns(c, n)) &&
		    named(n, "author")) {
			px_atom_person(c, n, feed_base, &p);
			px_add_author(e, &p);
		}
	if (e->n_authors == 0 && !rounds_person_empty(&c->feed->author)) {
		p.name = xstrdup(c->feed->author.name);
		p.email = xstrdup(c->feed->author.email);
		p.uri = xstrdup(c->feed->author.uri);
		px_add_author(e, &p);
	}
	if (e->id == NULL && e->link == NULL)
		raw_texts(c, en, &raw);
	px_entry_finish(e, &raw);
	px_raw_release(&raw);
	px_el_release(&x);
	free(own);
}

static void h_entry(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	entry(x->c, (xmlNode *)n, x->base);
}

static void h_generator(struct px_el *x, const xmlNode *n,
			const struct px_rule *r)
{
	const char *s;
	size_t len;

	s = px_text(x->c, n, &len);
	px_set_str(&x->c->feed->generator, s, len, false);
}

/* Atom's own feed elements (all rank 3: over dc:* and the rest of
 * px_ext_chan).  An RSS-minded <item> is read as the entry it means. */
static const struct px_rule feed_rules[] = {
	{ NS_CORE, "entry", h_entry, PF_NONE, 0 },
	{ NS_CORE, "item", h_entry, PF_NONE, 0 },
	{ NS_CORE, "title", h_text, PF_TITLE, 3 },
	{ NS_CORE, "subtitle", h_text, PF_SUBTITLE, 3 },
	{ NS_CORE, "tagline", h_text, PF_SUBTITLE, 3 },
	{ NS_CORE, "link", h_link, PF_LINK, 3 },
	{ NS_CORE, "id", h_id, PF_ID, 3 },
	{ NS_CORE, "updated", px_h_date, PF_UPDATED, 3 },
	{ NS_CORE, "modified", px_h_date, PF_UPDATED, 3 },
	{ NS_CORE, "generator", h_generator, PF_NONE, 0 },
	{ NS_CORE, "icon", px_h_url, PF_ICON, 3 },
	{ NS_CORE, "logo", px_h_url, PF_IMAGE, 3 },
	{ NS_CORE, "rights", h_text, PF_RIGHTS, 3 },
	{ NS_CORE, "copyright", h_text, PF_RIGHTS, 3 },
	{ 0, NULL, NULL, 0, 0 },
};

void px_atom(struct pctx *c, xmlNode *root, enum rounds_format fmt)
{
	struct rounds_feed *f = c->feed;
	struct px_el x;
	const char *base;
	xmlNode *n;
	enum ns ns;
	char *own, *lang;

	if (c->entry_doc) {
		entry(c, root, c->opts->base);
		return;
	}
	base = px_base(root, c->opts->base, &own);
	px_el_init(&x, c, base, NULL);
	/* the feed's author first: entries without one inherit it */
	for (n = root->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && core(px_ns(c, n)) &&
		    named(n, "author") && rounds_person_empty(&f->author))
			px_atom_person(c, n, base, &f->author);
	if (!rounds_person_empty(&f->author))
		x.rank[PF_AUTHOR] = 9;  /* over every extension's */
	for (n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		ns = atom_ns(c, n);
		if (!px_dispatch(&x, feed_rules, ns, n))
			px_dispatch(&x, px_ext_chan, ns, n);
	}
	lang = (char *)xmlNodeGetLang(root);
	if (lang)
		px_put_str(&x, PF_LANGUAGE, 1, lang, strlen(lang));
	xmlFree(lang);
	id_as_link(&f->link, f->id);
	px_min_interval(&x);
	px_el_release(&x);
	free(own);
}
