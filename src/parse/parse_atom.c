/* parse_atom.c: Atom 1.0 (RFC 4287) and Atom 0.3 onto the model, with
 * RFC 4685 threading and the extensions parse_rss.c shares. */
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

enum tkind { T_TEXT, T_HTML, T_XHTML, T_SKIP };

static enum tkind text_kind(const xmlNode *n, bool *base64)
{
	const char *type = px_attr(n, "type");
	const char *mode = px_attr(n, "mode");
	size_t len;

	*base64 = mode && strcasecmp(mode, "base64") == 0;
	if (mode && strcasecmp(mode, "xml") == 0)
		return T_XHTML;
	if (type == NULL || strcasecmp(type, "text") == 0 ||
	    strcasecmp(type, "text/plain") == 0)
		return mode && strcasecmp(mode, "escaped") == 0 ? T_HTML : T_TEXT;
	if (strcasecmp(type, "html") == 0 || strcasecmp(type, "text/html") == 0)
		return T_HTML;
	if (strcasecmp(type, "xhtml") == 0 ||
	    strcasecmp(type, "application/xhtml+xml") == 0)
		return mode && strcasecmp(mode, "escaped") == 0 ? T_HTML : T_XHTML;
	len = strlen(type);
	if (strncasecmp(type, "text/", 5) == 0)
		return T_TEXT;
	if ((len > 4 && strcasecmp(type + len - 4, "+xml") == 0) ||
	    (len > 4 && strcasecmp(type + len - 4, "/xml") == 0))
		return T_XHTML;
	return T_SKIP;
}

static int b64(int ch)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A';
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9')
		return ch - '0' + 52;
	if (ch == '+')
		return 62;
	if (ch == '/')
		return 63;
	return -1;
}

/* Atom 0.3 mode="base64": decoded in place into a new string. */
static char *unbase64(const char *s, size_t len, size_t *out_len)
{
	char *o = xmalloc(len / 4 * 3 + 4);
	unsigned acc = 0;
	int bits = 0, v;
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		v = b64((unsigned char)s[i]);
		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			o[n++] = (char)((acc >> bits) & 0xFF);
		}
	}
	o[n] = '\0';
	*out_len = n;
	return o;
}

/* The first xhtml:div child, whose content is the value (RFC 4287 3.1.1.3). */
static const xmlNode *xhtml_div(struct pctx *c, const xmlNode *n)
{
	const xmlNode *k, *div = NULL;

	for (k = n->children; k; k = k->next) {
		if (k->type == XML_ELEMENT_NODE) {
			if (div || !named(k, "div"))
				return n;
			div = k;
		} else if (k->type == XML_TEXT_NODE && k->content &&
			   strspn((const char *)k->content, " \t\r\n") !=
			   strlen((const char *)k->content))
			return n;
	}
	return div ? div : n;
}

/* A text construct into *field, as HTML (html) or plain text. */
static void text_construct(struct pctx *c, const xmlNode *n,
			   const char *base, bool html, char **field,
			   bool replace)
{
	bool is64;
	enum tkind k;
	const char *s;
	char *own, *dec = NULL;
	size_t len;

	if (*field && !replace)
		return;
	k = text_kind(n, &is64);
	if (k == T_SKIP)
		return;
	if (k == T_XHTML)
		s = px_inner_xml(c, xhtml_div(c, n), &len);
	else
		s = px_text(c, n, &len);
	if (s && is64) {
		dec = unbase64(s, len, &len);
		s = dec;
	}
	base = px_base(n, base, &own);
	if (html && k == T_TEXT)
		px_set_plain_as_html(field, s, len, base, replace);
	else if (html)
		px_set_html(field, s, len, base, replace);
	else if (k == T_TEXT)
		px_set_text(field, s, len, replace);
	else
		px_set_html_text(field, s, len, replace);
	free(dec);
	free(own);
}

static const char *short_rel(const char *rel)
{
	static const char iana[] = "http://www.iana.org/assignments/relation/";

	if (rel == NULL)
		return "alternate";
	if (strncasecmp(rel, iana, sizeof(iana) - 1) == 0)
		return rel + sizeof(iana) - 1;
	return rel;
}

void px_atom_link(struct pctx *c, const xmlNode *n, const char *base,
		  struct rounds_entry *e)
{
	const char *href = px_attr(n, "href");
	const char *rel = short_rel(px_attr(n, "rel"));
	const char *type = px_attr(n, "type");
	const char *count;
	char *own;
	int64_t v;

	if (href == NULL)
		return;
	base = px_base(n, base, &own);
	if (strcasecmp(rel, "alternate") == 0) {
		px_set_url(e ? &e->link : &c->feed->link, href, base, false);
	} else if (e == NULL) {
		if (strcasecmp(rel, "self") == 0)
			px_set_url(&c->feed->self, href, base, false);
	} else if (strcasecmp(rel, "replies") == 0) {
		if (type && strstr(type, "html"))
			px_set_url(&e->comments, href, base, false);
		else
			px_set_url(&e->comments_feed, href, base, false);
		count = px_attr_ns(c, n, NS_THR, "count");
		if (!e->has_comment_count && px_parse_count(count, &v)) {
			e->comment_count = v;
			e->has_comment_count = true;
		}
	} else if (strcasecmp(rel, "enclosure") == 0) {
		px_add_enclosure(e, href, type, px_attr(n, "length"), base);
	}
	free(own);
}

void px_atom_person(struct pctx *c, const xmlNode *n, const char *base,
		    struct rounds_person *p)
{
	const xmlNode *k;
	const char *s;
	size_t len;
	bool any = false;
	char *own, *v;

	memset(p, 0, sizeof(*p));
	base = px_base(n, base, &own);
	for (k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		any = true;
		s = px_text(c, k, &len);
		if (named(k, "name"))
			px_set_text(&p->name, s, len, false);
		else if (named(k, "email"))
			px_set_str(&p->email, s, len, false);
		else if ((named(k, "uri") || named(k, "url")) && s) {
			char *own2;
			const char *b = px_base(k, base, &own2);

			v = xstrndup(s, len);
			px_set_url(&p->uri, v, b, false);
			free(v);
			free(own2);
		}
	}
	if (!any) {             /* a bare name */
		s = px_text(c, n, &len);
		px_set_text(&p->name, s, len, false);
	}
	free(own);
}

static void set_str(struct pctx *c, char **field, const xmlNode *n,
		    bool replace)
{
	const char *s;
	size_t len;

	s = px_text(c, n, &len);
	px_set_str(field, s, len, replace);
}

static void set_url_text(struct pctx *c, char **field, const xmlNode *n,
			 const char *base)
{
	const char *s;
	size_t len;
	char *own, *v;

	s = px_text(c, n, &len);
	if (s == NULL || *field)
		return;
	v = xstrndup(s, len);
	base = px_base(n, base, &own);
	px_set_url(field, v, base, false);
	free(v);
	free(own);
}

/* What the fallback id is hashed from. */
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
}

static void entry(struct pctx *c, xmlNode *en, const char *base)
{
	struct rounds_entry *e = px_new_entry(c);
	struct rounds_person p;
	const xmlNode *n;
	const char *src = NULL, *src_base = NULL;
	char *own, *src_own = NULL;
	bool has_published = false;
	size_t len;
	const char *s;
	struct px_raw raw;

	if (e == NULL)
		return;
	memset(&raw, 0, sizeof(raw));
	base = px_base(en, base, &own);
	for (n = en->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!core(px_ns(c, n))) {
			px_ext_entry(c, n, base, e);
			continue;
		}
		if (named(n, "title"))
			text_construct(c, n, base, false, &e->title, false);
		else if (named(n, "link"))
			px_atom_link(c, n, base, e);
		else if (named(n, "id"))
			set_str(c, &e->id, n, false);
		else if (named(n, "published") || named(n, "issued")) {
			px_set_date_node(c, &e->published, &e->has_published, n,
				 !has_published);
			has_published = e->has_published;
		} else if (named(n, "created"))
			px_set_date_node(c, &e->published, &e->has_published, n, false);
		else if (named(n, "updated") || named(n, "modified"))
			px_set_date_node(c, &e->updated, &e->has_updated, n, false);
		else if (named(n, "author")) {
			px_atom_person(c, n, base, &p);
			px_add_author(e, &p);
		} else if (named(n, "category")) {
			s = px_attr(n, "term");
			if (s == NULL || strspn(s, " \t\r\n") == strlen(s))
				s = px_attr(n, "label");
			if (s == NULL && px_ns(c, n) == NS_NONE)
				s = px_text(c, n, &len);
			if (s)
				px_add_category(e, s, strlen(s));
		} else if (named(n, "summary"))
			text_construct(c, n, base, true, &e->summary, false);
		else if (named(n, "content")) {
			if (px_attr(n, "src") && src == NULL) {
				src = px_attr(n, "src");
				src_base = px_base(n, base, &src_own);
			} else
				text_construct(c, n, base, true, &e->content,
					       false);
		}
	}
	if (e->link == NULL && src)
		px_set_url(&e->link, src, src_base, false);
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
	free(src_own);
	free(own);
}

void px_atom(struct pctx *c, xmlNode *root, enum rounds_format fmt)
{
	struct rounds_feed *f = c->feed;
	const char *base;
	xmlNode *n;
	char *own, *lang;
	int64_t sy_period = 0, sy_freq = 0;

	base = px_base(root, c->opts->base, &own);
	/* the feed's author first: entries without one inherit it */
	for (n = root->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && core(px_ns(c, n)) &&
		    named(n, "author") && rounds_person_empty(&f->author))
			px_atom_person(c, n, base, &f->author);
	for (n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!core(px_ns(c, n))) {
			const char *s;
			size_t len;
			char *v;

			if (px_ns(c, n) != NS_SY)
				continue;
			s = px_text(c, n, &len);
			v = s ? xstrndup(s, len > 40 ? 40 : len) : NULL;
			if (v && named(n, "updatePeriod"))
				sy_period = px_sy_period(v);
			else if (v && named(n, "updateFrequency"))
				(void)px_parse_count(v, &sy_freq);
			free(v);
			continue;
		}
		if (named(n, "entry"))
			entry(c, n, base);
		else if (named(n, "title"))
			text_construct(c, n, base, false, &f->title, false);
		else if (named(n, "subtitle") || named(n, "tagline"))
			text_construct(c, n, base, false, &f->subtitle, false);
		else if (named(n, "link"))
			px_atom_link(c, n, base, NULL);
		else if (named(n, "id"))
			set_str(c, &f->id, n, false);
		else if (named(n, "updated") || named(n, "modified"))
			px_set_date_node(c, &f->updated, &f->has_updated, n, false);
		else if (named(n, "generator"))
			set_str(c, &f->generator, n, false);
		else if (named(n, "icon"))
			set_url_text(c, &f->icon, n, base);
		else if (named(n, "logo"))
			set_url_text(c, &f->image, n, base);
		else if (named(n, "rights") || named(n, "copyright"))
			text_construct(c, n, base, false, &f->rights, false);
	}
	lang = (char *)xmlNodeGetLang(root);
	if (lang)
		px_set_str(&f->language, lang, strlen(lang), false);
	xmlFree(lang);
	if (sy_period > 0)
		f->min_interval = sy_period / (sy_freq > 0 ? sy_freq : 1);
	free(own);
}
